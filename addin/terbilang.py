"""Amounts in Indonesian words, one value at a time, built on num2words.

num2words(lang="id") already spells KBBI forms (seratus, seribu, satu juta,
miliar, triliun) and reads decimals digit by digit after "koma"; we add "minus"
for negatives, exact whole numbers (int, never float arithmetic), letter case
and the unit word.
"""

from __future__ import annotations

import math
from decimal import Decimal

from num2words import num2words

from addin.angka import desimal_excel
from addin.galat import NILAI, NUM, GalatExcel

HURUF = ("kalimat", "kapital", "kecil", "judul")

# Whole numbers spelled exactly at least up to this bound (999 trillion and beyond:
# num2words goes on with kuadriliun, ...; float input is exact below 2**53).
BATAS_TEPAT = 999_999_999_999_999


def kata(x: int | float | Decimal) -> str:
    """Lower-case words for a finite number: -1.25 -> "minus satu koma dua lima"."""
    d = x if isinstance(x, Decimal) else desimal_excel(x)
    tanda = "minus " if d < 0 else ""
    d = abs(d)
    if d == d.to_integral_value():
        return tanda + num2words(int(d), lang="id")
    # normalize() drops trailing zeros ("1.50" would otherwise read "koma lima nol").
    return tanda + num2words(d.normalize(), lang="id")


def ubah_huruf(teks: str, huruf: str) -> str:
    """Apply a letter case: kalimat (first letter capital), kapital, kecil, judul."""
    if huruf == "kapital":
        return teks.upper()
    if huruf == "kecil":
        return teks.lower()
    if huruf == "judul":
        return " ".join(k[:1].upper() + k[1:] for k in teks.split(" "))
    return teks[:1].upper() + teks[1:]


def terbilang_satu(x: int | float, satuan: str = "", huruf: str = "kalimat") -> str | GalatExcel:
    """Words for one number with an optional unit ("rupiah") in the given case.

    huruf must already be one of HURUF (the caller normalises option words).
    """
    if huruf not in HURUF:
        return NILAI
    if isinstance(x, float) and not math.isfinite(x):
        return NUM
    try:
        teks = kata(x)
    except (OverflowError, ValueError, IndexError, KeyError):  # beyond num2words' names
        return NUM
    satuan = satuan.strip()
    if satuan:
        teks = f"{teks} {satuan}"
    return ubah_huruf(teks, huruf)
