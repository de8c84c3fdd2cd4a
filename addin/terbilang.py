"""Amounts in Indonesian words, one value at a time, built on num2words.

num2words(lang="id") already spells KBBI forms (seratus, satu juta, miliar,
triliun) and reads decimals digit by digit after "koma"; we add "minus" for
negatives, exact whole numbers (int, never float arithmetic), letter case, the
unit word, and "seribu" for a thousands group of one wherever it stands
(num2words says "satu juta satu ribu"; KBBI and amount-in-words forms say
"satu juta seribu").
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
    bulat = int(d)
    if d == bulat:
        return tanda + _bulat(bulat)
    # normalize() drops trailing zeros ("1.50" would otherwise read "koma lima nol").
    pecahan = num2words(d.normalize(), lang="id").split(" koma ", 1)[1]
    return f"{tanda}{_bulat(bulat)} koma {pecahan}"


def _bulat(n: int) -> str:
    """A whole number >= 0 in words, its thousands group spelt by num2words on its own.

    Below a million num2words already says "seribu"; above, it spells the group as
    part of the larger number ("satu ribu"), so millions and up are spelt apart.
    """
    atas, bawah = divmod(n, 1_000_000)
    if not atas:
        return num2words(bawah, lang="id")
    kata_atas = num2words(atas * 1_000_000, lang="id")
    return kata_atas if not bawah else f"{kata_atas} {num2words(bawah, lang='id')}"


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
