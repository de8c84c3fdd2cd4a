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
# (followed by the newer dynamic-array and data-type codes).
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
    "#CALC!",
)


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


def adalah_galat(nilai: object) -> bool:
    """True when the value is an Excel error value."""
    return isinstance(nilai, GalatExcel)
