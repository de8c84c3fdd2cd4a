"""Reading and writing Indonesian-formatted numbers, one value at a time.

Indonesian writing groups thousands with "." and marks decimals with ",";
real sheets mix that with the English convention, often in one table. The
reading rules are docs/dev/domain.md "Indonesian numbers"; anything they do not cover
is not a number (#VALUE!), never a guess. Formatting is locale-independent so a
report looks the same on every PC.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from numbers import Real

from addin.galat import NILAI, NUM, GalatExcel

# Notes for callers (the consolidation) when a form was read but is not the
# Indonesian standard; they must warn on these.
DESIMAL_SALAH_KETIK = "desimal salah ketik"  # 259,515,461,246,00: last group of two digits
FORMAT_CAMPURAN = "format campuran"  # English marks: 240,310,486 / 0.09 / 288,278,966,246.00

_SPASI = re.compile(r"[\s\u00a0\u2007\u202f]+")
_MINUS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash
# Currency words at the start (after an optional sign/parenthesis) or at the end.
_MATA_UANG = re.compile(r"^(rp\.?|idr|rupiah)|(rp\.?|idr|rupiah)$", re.IGNORECASE)
_ILMIAH = re.compile(r"^(\d+(?:[.,]\d+)?)[eE]([+-]?\d+)$")
_KELOMPOK = {m: re.compile(r"^[1-9]\d{0,2}(?:" + re.escape(m) + r"\d{3})+$") for m in ".,"}
_KELOMPOK_SALAH = {m: re.compile(r"^([1-9]\d{0,2}(?:" + re.escape(m) + r"\d{3})+)" + re.escape(m)
                                 + r"(\d{2})$") for m in ".,"}

Nilai = float | None | GalatExcel


def baca_angka(teks: object) -> tuple[Nilai, str | None]:
    """Read one value; returns (value, note).

    value is a float, None for a blank, or an error value (#VALUE! for text
    that is not a number, the cell's own error for "#N/A" and the like). note
    is None for standard forms, else DESIMAL_SALAH_KETIK or FORMAT_CAMPURAN so
    the consolidation can warn. Numbers (int, float, Decimal, numpy) pass
    through; booleans and dates are not numbers.
    """
    if teks is None:
        return None, None
    if isinstance(teks, GalatExcel):
        return teks, None
    if isinstance(teks, bool):
        return NILAI, None
    if isinstance(teks, Real):  # int, float, numpy numbers (Decimal is not Real)
        try:
            x = float(teks)
        except OverflowError:
            return NUM, None
        if math.isnan(x):
            return None, None
        return (x if math.isfinite(x) else NUM), None
    if isinstance(teks, Decimal):
        return (float(teks) if teks.is_finite() else NUM), None
    if not isinstance(teks, str):
        if type(teks).__name__ in ("NAType", "NaTType"):  # pandas missing values
            return None, None
        return NILAI, None
    return _baca_teks(teks)


def _baca_teks(teks: str) -> tuple[Nilai, str | None]:
    s = _SPASI.sub("", teks)
    if not s:
        return None, None
    galat = GalatExcel.dari_kode(s)
    if galat is not None:
        return galat, None
    negatif = False
    persen = False
    if s.endswith("%"):
        persen, s = True, s[:-1]
    if s.startswith("(") and s.endswith(")"):
        negatif, s = True, s[1:-1]
    s, n = _MATA_UANG.subn("", s, count=1)
    if s and s[0] in _MINUS:
        if negatif:
            return NILAI, None
        negatif, s = True, s[1:]
    elif s.startswith("+"):
        s = s[1:]
    if n == 0:  # "-Rp5.000": the currency word may follow the sign
        s = _MATA_UANG.sub("", s, count=1)
    if s.startswith("(") and s.endswith(")") and not negatif:  # Rp(5.000)
        negatif, s = True, s[1:-1]
    if not persen and s.endswith("%"):  # (17,39%)
        persen, s = True, s[:-1]
    if not persen and s.endswith((",-", ".-")):  # Rp5.000,- : whole rupiah
        s = s[:-2]
    try:
        nilai, catatan = _baca_badan(s)
        if nilai is None:
            return NILAI, None
        if persen:
            nilai = nilai / 100
        x = float(-nilai if negatif else nilai) + 0.0  # + 0.0: no "-0"
    except InvalidOperation:  # an exponent beyond any context: 1e99999999999999999999
        return NUM, None
    if not math.isfinite(x):  # 1e309, 400 nines: beyond a double, as Excel's #NUM!
        return NUM, None
    return x, catatan


def _baca_badan(s: str) -> tuple[Decimal | None, str | None]:
    """Digits and marks only; returns (value, note) or (None, None) when not a number."""
    if not s or s.strip("0123456789.,") or not any(c.isdigit() for c in s):
        m = _ILMIAH.match(s)
        if m:
            return Decimal(m.group(1).replace(",", ".") + "e" + m.group(2)), None
        return None, None
    titik, koma = s.count("."), s.count(",")
    if titik == 0 and koma == 0:
        return Decimal(s), None
    if titik and koma:
        return _dua_tanda(s)
    tanda = "." if titik else ","
    if titik + koma > 1:
        return _tanda_berulang(s, tanda)
    return _satu_tanda(s, tanda)


def _dua_tanda(s: str) -> tuple[Decimal | None, str | None]:
    """Both marks: the last is the decimal one; the other must group by threes."""
    desimal = "." if s.rfind(".") > s.rfind(",") else ","
    kelompok = "," if desimal == "." else "."
    utuh, _, pecahan = s.rpartition(desimal)
    if desimal in utuh or not pecahan.isdigit() or not _KELOMPOK[kelompok].match(utuh):
        return None, None
    catatan = FORMAT_CAMPURAN if desimal == "." else None
    return Decimal(utuh.replace(kelompok, "") + "." + pecahan), catatan


def _tanda_berulang(s: str, tanda: str) -> tuple[Decimal | None, str | None]:
    """One mark, repeated: thousands groups (or a mistyped decimal mark at the end)."""
    if _KELOMPOK[tanda].match(s):
        return Decimal(s.replace(tanda, "")), (FORMAT_CAMPURAN if tanda == "," else None)
    m = _KELOMPOK_SALAH[tanda].match(s)
    if m:
        return Decimal(m.group(1).replace(tanda, "") + "." + m.group(2)), DESIMAL_SALAH_KETIK
    return None, None


def _satu_tanda(s: str, tanda: str) -> tuple[Decimal | None, str | None]:
    """One mark, once: a decimal mark, or a point grouping exactly three digits."""
    utuh, _, pecahan = s.partition(tanda)  # "100." reads as 100, ",5" as 0.5
    if not (utuh + pecahan).isdigit():
        return None, None
    if tanda == "." and len(pecahan) == 3 and utuh:
        # Indonesian reading: a thousands group. "1234.567" groups badly and
        # "0.125" cannot be a grouped integer: the first is not a number, the
        # second is an English decimal.
        if _KELOMPOK["."].match(s):
            return Decimal(utuh + pecahan), None
        if len(utuh) > 3:
            return None, None
    catatan = FORMAT_CAMPURAN if tanda == "." else None
    return Decimal((utuh or "0") + "." + pecahan), catatan


def angka_satu(teks: object) -> Nilai:
    """Read one value (see baca_angka) without the note."""
    return baca_angka(teks)[0]


def desimal_excel(x: float | int) -> Decimal:
    """A number as the decimal Excel shows: whole numbers exact, else 15 significant digits.

    Rounding a float's binary noise (81.71499999999999) must give what the user
    sees in Excel (81.715 -> 81.72), so decimals go through Excel's 15 digits.
    """
    if isinstance(x, int):
        return Decimal(x)
    x = float(x)
    if x.is_integer() and abs(x) < 2**53:  # every such integer is exactly what was typed
        return Decimal(int(x))
    if x.is_integer():  # beyond 2**53 the trailing binary digits are noise: 1e26, not 1...344
        return Decimal(repr(x))
    return Decimal(f"{x:.15g}")


def bulatkan(d: Decimal, desimal: int) -> Decimal:
    """Round half away from zero (as Excel's ROUND and number formats do), at any size."""
    konteks = Context(prec=max(28, d.adjusted() + desimal + 3))
    return d.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP, context=konteks)


def teks_indonesia(d: Decimal, desimal: int) -> str:
    """Unsigned Indonesian digits: 1808970744.5 -> "1.808.970.744,50"."""
    teks = f"{abs(bulatkan(d, desimal)):,.{desimal}f}"
    return teks.replace(",", "_").replace(".", ",").replace("_", ".")


def teks_rupiah(x: float | int, desimal: int = 2, spasi: bool = False) -> str:
    """"Rp1.808.970.744,00"; negative "-Rp1.808.970.744,00" (read back by baca_angka)."""
    d = bulatkan(desimal_excel(x), desimal)
    tanda = "-" if d < 0 else ""  # a value that rounds to zero has no sign
    return f"{tanda}Rp{' ' if spasi else ''}{teks_indonesia(d, desimal)}"


def teks_persen(x: float | int, desimal: int = 2) -> str:
    """Fraction to percent text: 0.845 -> "84,50%", -0.1134 -> "-11,34%"."""
    d = bulatkan(desimal_excel(x) * 100, desimal)
    tanda = "-" if d < 0 else ""
    return f"{tanda}{teks_indonesia(d, desimal)}%"
