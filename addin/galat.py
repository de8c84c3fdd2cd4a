"""Excel error values (#DIV/0!, #VALUE!, ...) as plain Python objects.

A formula that cannot compute a cell returns one of these instead of raising, so
one bad cell in a range never spoils the rest. Each code has exactly one shared
instance, so `x is DIV0` works and the objects are safe to keep in sets, dicts
and numpy object arrays. `str(e)` is the code Excel shows; the xlwings binding
and the formula-engine registration translate them to their own error types.
"""

from __future__ import annotations

from typing import ClassVar

# Every code Excel can put in a cell, in the order Excel's ERROR.TYPE numbers them
# (1-7 the classic codes, 8 #GETTING_DATA, 9-14 the dynamic-array and data-type
# codes, 16 #BUSY!).
KODE_EXCEL = (
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CONNECT!",
    "#BLOCKED!",
    "#UNKNOWN!",
    "#FIELD!",
    "#CALC!",
    "#BUSY!",
)

# The xlErr numbers (VBA's CVErr / XlCVError enumeration, Microsoft's VBA reference,
# which lists xlErrBlocked 2047, xlErrCalc 2050, xlErrConnect 2046, xlErrField 2049,
# xlErrGettingData 2043, xlErrSpill 2045, xlErrUnknown 2048 besides the classic
# seven). #BUSY! has no XlCVError member; 2052 continues the same numbering (an
# error's xlErr number is 2000 + its BIFF byte, and the BIFF bytes follow ERROR.TYPE
# from #SPILL! on: 9 -> 0x2D ... 14 -> 0x32, 16 -> 0x34). Unverified on Excel: see
# docs/dev/xlwings.md, the Windows checklist.
XLERR = {
    "#NULL!": 2000, "#DIV/0!": 2007, "#VALUE!": 2015, "#REF!": 2023, "#NAME?": 2029,
    "#NUM!": 2036, "#N/A": 2042, "#GETTING_DATA": 2043, "#SPILL!": 2045, "#CONNECT!": 2046,
    "#BLOCKED!": 2047, "#UNKNOWN!": 2048, "#FIELD!": 2049, "#CALC!": 2050, "#BUSY!": 2052,
}
# pywin32 hands an error cell to Python as the VT_ERROR scode, a negative int:
# 0x800A0000 (FACILITY_CONTROL) + the xlErr number, e.g. -2146826281 for #DIV/0!
# (xlwings 0.37.8 _xlwindows.cell_errors lists the classic seven with these values).
DARI_PYWIN32 = {(0x800A0000 + n) - 2**32: kode for kode, n in XLERR.items()}
# Any other scode in the xlErr block (2000-2999) is an error value too, one that
# Excel added after this table: it is read as #UNKNOWN!, never as a number.
_BLOK_XLERR = range((0x800A0000 + 2000) - 2**32, (0x800A0000 + 3000) - 2**32)


class GalatExcel:
    """An Excel error value; immutable, one instance per code."""

    __slots__ = ("kode",)
    kode: str
    _semua: ClassVar[dict[str, GalatExcel]] = {}

    def __new__(cls, kode: str) -> GalatExcel:
        ada = cls._semua.get(kode)
        if ada is not None:
            return ada
        if kode not in KODE_EXCEL:
            raise ValueError(f"bukan kode galat Excel: {kode!r}")
        baru = super().__new__(cls)
        object.__setattr__(baru, "kode", kode)
        cls._semua[kode] = baru
        return baru

    @classmethod
    def dari_kode(cls, teks: object) -> GalatExcel | None:
        """The error for a code such as "#N/A" (case and surrounding spaces ignored), else None.

        Sheets read as text (CSV, Google Sheets formatted values) carry errors as
        these strings; recognising them lets an error propagate instead of being
        misread as bad text.
        """
        if isinstance(teks, GalatExcel):
            return teks
        if not isinstance(teks, str):
            return None
        kode = teks.strip().upper()
        if kode in KODE_EXCEL:
            return cls(kode)
        return None

    @classmethod
    def dari_pywin32(cls, nilai: object) -> GalatExcel | None:
        """The error for an integer pywin32 gives for an error cell, else None.

        Only ints in the xlErr block qualify: Excel hands every number over as a
        float (VT_R8) and booleans as bool, so such an int is never a number.
        """
        if type(nilai) is not int:
            return None
        kode = DARI_PYWIN32.get(nilai)
        if kode is not None:
            return cls(kode)
        return cls("#UNKNOWN!") if nilai in _BLOK_XLERR else None

    def __setattr__(self, nama: str, nilai: object) -> None:
        raise AttributeError("GalatExcel tidak dapat diubah")

    def __delattr__(self, nama: str) -> None:
        raise AttributeError("GalatExcel tidak dapat diubah")

    def __str__(self) -> str:
        return self.kode

    def __repr__(self) -> str:
        return f"GalatExcel({self.kode!r})"

    # Copies and pickles must come back as the shared instance.
    def __reduce__(self) -> tuple[type[GalatExcel], tuple[str]]:
        return (GalatExcel, (self.kode,))

    def __copy__(self) -> GalatExcel:
        return self

    def __deepcopy__(self, memo: dict) -> GalatExcel:
        return self


NULL = GalatExcel("#NULL!")
DIV0 = GalatExcel("#DIV/0!")
NILAI = GalatExcel("#VALUE!")
REF = GalatExcel("#REF!")
NAMA = GalatExcel("#NAME?")
NUM = GalatExcel("#NUM!")
NA = GalatExcel("#N/A")
GETTING_DATA = GalatExcel("#GETTING_DATA")
SPILL = GalatExcel("#SPILL!")
CALC = GalatExcel("#CALC!")
CONNECT = GalatExcel("#CONNECT!")
BLOCKED = GalatExcel("#BLOCKED!")
UNKNOWN = GalatExcel("#UNKNOWN!")
FIELD = GalatExcel("#FIELD!")
BUSY = GalatExcel("#BUSY!")
