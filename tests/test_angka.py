"""Reading and writing Indonesian numbers: docs/dev/domain.md "Indonesian numbers"."""

from __future__ import annotations

import numpy as np
import pytest

from addin import galat
from addin.rumus import (
    DESIMAL_SALAH_KETIK,
    FORMAT_CAMPURAN,
    angka,
    baca_angka,
    persen,
    rupiah,
)

# docs/dev/domain.md's table, every row (all of these forms occur in the seed).
TABEL_DOMAIN = [
    ("13.100", 13100),
    ("17,39%", 0.1739),
    ("20.52%", 0.2052),
    ("0.09", 0.09),
    ("240,310,486", 240310486),
    ("259.515.461.246", 259515461246),
    ("259,515,461,246,00", 259515461246),
    ("288,278,966,246.00", 288278966246),
    ("Rp 5,695,937,122.00", 5695937122),
    ("-11,34%", -0.1134),
]


@pytest.mark.parametrize(("teks", "nilai"), TABEL_DOMAIN)
def test_tabel_domain(teks, nilai):
    assert angka(teks) == nilai
    assert type(angka(teks)) is float


def test_tabel_domain_sekaligus():
    hasil = angka([t for t, _ in TABEL_DOMAIN])
    assert isinstance(hasil, np.ndarray) and hasil.dtype == object
    assert list(hasil) == [v for _, v in TABEL_DOMAIN]


@pytest.mark.parametrize("teks", ["1.2.3", "12,3,4", "dua", "sepuluh ribu", "1,234.567,8",
                                  "1234.567", "12a", "Rp", "%", "--5", "5-", "1.000,", "(5",
                                  "1..000", "1.000.00.000"])
def test_bukan_angka(teks):
    assert angka(teks) is galat.NILAI
    assert baca_angka(teks) == (galat.NILAI, None)


@pytest.mark.parametrize(("teks", "nilai", "catatan"), [
    ("259,515,461,246,00", 259515461246, DESIMAL_SALAH_KETIK),  # seed Tabel 2.5
    ("12.345.67", 12345.67, DESIMAL_SALAH_KETIK),
    ("240,310,486", 240310486, FORMAT_CAMPURAN),  # seed Tabel 2.3: comma groups
    ("288,278,966,246.00", 288278966246, FORMAT_CAMPURAN),  # seed Tabel 2.6
    ("20.52%", 0.2052, FORMAT_CAMPURAN),  # seed Tabel 3.7: dot decimal
    ("0.09", 0.09, FORMAT_CAMPURAN),
    ("259.515.461.246", 259515461246, None),  # standard Indonesian
    ("1.808.970.744,00", 1808970744, None),
    ("17,39%", 0.1739, None),
    ("13.100", 13100, None),
    ("1,5", 1.5, None),  # a single comma is the Indonesian decimal mark
    ("240,310", 240.31, None),  # ... even before three digits
    (85.5, 85.5, None),
])
def test_catatan_bentuk_tidak_baku(teks, nilai, catatan):
    assert baca_angka(teks) == (nilai, catatan)


@pytest.mark.parametrize(("teks", "nilai"), [
    ("Rp1.808.970.744,00", 1808970744),
    ("Rp 1.808.970.744,00", 1808970744),
    ("-Rp1.808.970.744,00", -1808970744),
    ("Rp-1.000", -1000),
    ("(Rp1.000,50)", -1000.5),
    ("Rp(1.000)", -1000),
    ("(17,39%)", -0.1739),
    ("\u22125", -5),  # Unicode minus sign
    ("Rp5.000,-", 5000),  # "whole rupiah" suffix
    ("IDR 2.500", 2500),
    ("2.500 rupiah", 2500),
    ("Rp.5.000", 5000),
    ("1\u00a0000", 1000),  # non-breaking space as a separator
    (" 23 % ", 0.23),
    ("+7", 7),
    (",5", 0.5),
    ("0.125", 0.125),  # a grouped integer cannot start with 0: an English decimal
    ("1e5", 100000),
    ("-0", 0),
    ("100.", 100),  # a bare decimal point (seed Tabel 3.5 prints "100.")
    ("100,", 100),
])
def test_bentuk_lain(teks, nilai):
    assert angka(teks) == nilai


@pytest.mark.parametrize(("masuk", "keluar"), [
    (None, None), ("", None), ("   ", None), (float("nan"), None),
    ("#N/A", galat.NA), ("#DIV/0!", galat.DIV0), (galat.REF, galat.REF),
    (True, galat.NILAI), (float("inf"), galat.NUM),
])
def test_kosong_dan_galat(masuk, keluar):
    assert angka(masuk) is keluar


def test_angka_lewat():
    assert angka(12) == 12.0 and type(angka(12)) is float
    assert angka(np.int64(7)) == 7.0 and type(angka(np.int64(7))) is float


def test_larik_float_jalur_cepat():
    hasil = angka(np.array([1.5, np.nan, -2.0]))
    assert list(hasil) == [1.5, None, -2.0]


def test_rupiah():
    assert rupiah(1808970744) == "Rp1.808.970.744,00"
    assert rupiah(1808970744, 2, True) == "Rp 1.808.970.744,00"
    assert rupiah(1808970744, 0) == "Rp1.808.970.744"
    assert rupiah(-1808970744) == "-Rp1.808.970.744,00"
    assert rupiah(5695937122.5, 0) == "Rp5.695.937.123"  # half away from zero
    assert rupiah(-0.004) == "Rp0,00"  # rounds to zero: no sign
    assert rupiah(0.5) == "Rp0,50"
    assert rupiah(999_999_999_999_999) == "Rp999.999.999.999.999,00"
    assert rupiah(None) is None
    assert rupiah("abc") is galat.NILAI
    assert rupiah(5, -1) is galat.NILAI
    assert rupiah(5, 1.5) is galat.NILAI
    assert rupiah(galat.NA, "x") is galat.NA  # the first argument's error wins
    assert rupiah("1.000", 2) == "Rp1.000,00"


def test_persen():
    assert persen(0.845) == "84,50%"
    assert persen(-0.1134) == "-11,34%"
    assert persen(0.8172, 1) == "81,7%"
    assert persen(0.23, 0) == "23%"
    assert persen(123.45, 0) == "12.345%"
    assert persen(0.81715) == "81,72%"  # half away from zero, as Excel shows it
    assert persen(0.1 + 0.2) == "30,00%"
    assert persen("17,39%") == "17,39%"
    assert persen(None) is None
    assert persen(0.5, "dua") is galat.NILAI


def test_format_dibaca_kembali():
    for x in (1808970744.0, -1808970744.0, 0.5, -1234.56, 0.0):
        assert angka(rupiah(x)) == x
        assert angka(rupiah(x, 2, True)) == x
    for x in (0.845, -0.1134, 1.2, 0.0):
        assert angka(persen(x)) == x


def test_larik_teks():
    hasil = rupiah([[1000, None], [-5, "x"]])
    assert hasil.shape == (2, 2)
    assert hasil.tolist() == [["Rp1.000,00", None], ["-Rp5,00", galat.NILAI]]
    assert persen([0.5, 0.25], [[0], [1]]).tolist() == [["50%", "25%"], ["50,0%", "25,0%"]]
