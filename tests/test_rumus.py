"""The formula library's rules (docs/dev/domain.md) and its calling conventions.

Expected numbers are docs/dev/domain.md's worked examples or hand calculations written
out beside them.
"""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest

from addin import galat, rumus
from addin.rumus import (
    FUNGSI_EXCEL,
    cagr,
    capaian,
    capaian_rentang,
    pertumbuhan,
    predikat,
    proyeksi,
    rata_pertumbuhan,
    realisasi_tahunan,
    serapan,
    sisa_anggaran,
)

# --- capaian ---------------------------------------------------------------------------


def test_contoh_domain_indikator_negatif():
    # docs/dev/domain.md / PermenPAN-RB: T = 7, R = 6.5 gives 107%; T = 8, R = 9 gives 87.5%.
    assert round(capaian(6.5, 7, "negatif"), 2) == 1.07  # (14 - 6.5) / 7 = 1.0714
    assert capaian(9, 8, "negatif") == 0.875  # (16 - 9) / 8


def test_capaian_positif():
    assert capaian(85, 100) == 0.85
    assert capaian("85,5", "100") == 0.855
    assert capaian(5, 0) is galat.DIV0
    assert capaian(0, 0) is galat.DIV0


def test_capaian_negatif_batas_bawah_dan_target_nol():
    assert capaian(20, 8, "negatif") == 0.0  # (16 - 20) / 8 = -0.5, never below 0
    assert capaian(0, 0, "negatif") == 1.0  # T = 0, R = 0: met
    assert capaian(3, 0, "negatif") == 0.0  # T = 0, R > 0: missed


def test_capaian_negatif_rasio():
    assert capaian(8, 10, "negatif_rasio") == 1.25  # T / R = 10 / 8
    assert capaian(0, 10, "negatif_rasio") is galat.DIV0
    assert capaian(8, 10, "Negatif Rasio") == 1.25  # option words: case, spaces


def test_capaian_batas():
    assert capaian(150, 100, batas=1.2) == 1.2
    assert capaian(90, 100, batas=1.2) == 0.9
    assert capaian(150, 100, "positif", None) == 1.5  # no cap by default
    assert capaian(150, 100, batas=0) is galat.NUM
    # A blank cap cell means no cap for that row, not a blank result.
    assert capaian([150, 150], 100, batas=[1.2, None]).tolist() == [1.2, 1.5]


def test_capaian_arah_per_baris():
    hasil = capaian([[6.5], [9], [8]], [[7], [8], [10]], [["negatif"], ["POSITIF"], [None]])
    # (14 - 6.5) / 7, 9 / 8, blank arah = positif: 8 / 10
    assert hasil.shape == (3, 1)
    assert hasil[:, 0].tolist() == pytest.approx([7.5 / 7, 1.125, 0.8])
    assert capaian(1, 2, "naik") is galat.NILAI
    assert capaian([1, 1], 2, ["positif", "naik"]).tolist() == [0.5, galat.NILAI]


# --- capaian_rentang ----------------------------------------------------------------------


def test_capaian_rentang_positif():
    # Target 80-90: inside 1; above uses 90 (99/90 = 1.1); below uses 80 (60/80 = 0.75).
    assert capaian_rentang([85, 80, 90, 99, 60], 80, 90).tolist() == [1.0, 1.0, 1.0, 1.1, 0.75]


def test_capaian_rentang_negatif():
    # Lower is better: below 80 is good, (2*80 - 60)/80 = 1.25; above 90: (180 - 99)/90 = 0.9.
    hasil = capaian_rentang([85, 60, 99, 200], 80, 90, "negatif")
    assert hasil.tolist() == pytest.approx([1.0, 1.25, 0.9, 0.0])


def test_capaian_rentang_galat():
    assert capaian_rentang(85, 90, 80) is galat.NUM  # bounds swapped
    assert capaian_rentang(0, 0, 10) == 1.0  # inside, even at 0
    assert capaian_rentang(-1, 0, 10) is galat.DIV0  # below a zero lower bound
    assert capaian_rentang(None, 80, 90) is None


# --- predikat -------------------------------------------------------------------------------


@pytest.mark.parametrize(("c", "label"), [
    (0.95, "Sangat Tinggi"), (0.905, "Sangat Tinggi"), (0.90, "Tinggi"), (0.76, "Tinggi"),
    (0.75, "Sedang"), (0.66, "Sedang"), (0.65, "Rendah"), (0.51, "Rendah"),
    (0.50, "Sangat Rendah"), (0.0, "Sangat Rendah"), (1.5, "Sangat Tinggi"),
    (-0.2, "Sangat Rendah"),
])
def test_predikat_permendagri86(c, label):
    assert predikat(c) == label


def test_predikat_batas_kontinu_tanpa_derau_biner():
    # 0.1 * 9 = 0.9000000000000001 in binary; it is 90%, so not above 90%.
    assert predikat(0.1 * 9) == "Tinggi"
    assert predikat(capaian(90, 100)) == "Tinggi"
    assert predikat(capaian(181, 200)) == "Sangat Tinggi"  # 90.5%


@pytest.mark.parametrize(("c", "label"), [
    (1.0, "Sangat Berhasil"), (0.99, "Berhasil"), (0.75, "Berhasil"),
    (0.7499, "Cukup Berhasil"), (0.55, "Cukup Berhasil"), (0.5499, "Kurang Berhasil"),
])
def test_predikat_berhasil(c, label):
    assert predikat(c, "berhasil") == label
    assert predikat(c, "BERHASIL") == label


def test_predikat_tabel_sendiri():
    tabel = [[0.9, "A"], [0.0, "C"], [0.7, "B"], [None, None]]  # any order, blank row
    hasil = predikat([0.95, 0.9, 0.8, 0.0, -0.1, None], tabel)
    assert hasil.tolist() == ["A", "A", "B", "C", galat.NA, None]
    assert predikat(0.8, [["90%", "Baik"], ["70%", "Cukup"]]) == "Cukup"  # text bounds
    horizontal = [[0.9, 0.7, 0], ["Baik", "Cukup", "Kurang"]]  # bounds in the first row
    assert predikat(0.8, horizontal) == "Cukup"
    assert type(predikat(0.8, tabel)) is str  # one value in, one label out
    assert predikat(0.8, [[0.9, "A"], [0.9, "B"]]) is galat.NILAI  # duplicate bound
    assert predikat(0.8, [[0.9, "A"], [0.5, None]]) is galat.NILAI  # bound without label
    assert predikat([0.8, 0.2], [[0.9, "A"], ["x", "B"]]).tolist() == [galat.NILAI] * 2


def test_predikat_skala_tidak_dikenal_dan_kosong():
    assert predikat(0.8, "sakip") is galat.NILAI
    assert predikat(None) is None
    assert predikat("") is None
    assert predikat(galat.NA) is galat.NA
    assert predikat("85%") == "Tinggi"


# --- growth ----------------------------------------------------------------------------------


def test_pertumbuhan():
    assert pertumbuhan(241, 235) == (241 - 235) / 235
    assert pertumbuhan(-50, -100) == 0.5  # divides by |lama|: from -100 to -50 is up 50%
    assert pertumbuhan(5, 0) is galat.DIV0
    assert pertumbuhan(None, 5) is None


def test_rata_pertumbuhan():
    assert rata_pertumbuhan([100, 110, 121]) == pytest.approx(0.10)  # (121/100)^(1/2) - 1
    # Arithmetic: (10% + (-50%) + 100%) / 3 = 20%; geometric (100/100)^(1/3) - 1 = 0.
    assert rata_pertumbuhan([100, 110, 55, 110], "aritmetik") == pytest.approx(0.2)
    assert rata_pertumbuhan([100, 110, 55, 100], "geometrik") == pytest.approx(0.0)
    # Blank years: compound over the years between the first and last filled.
    assert rata_pertumbuhan([None, 100, None, 121, None]) == pytest.approx(0.10)
    # Arithmetic uses only growths between consecutive filled years: 10% and 20%.
    assert rata_pertumbuhan([100, 110, None, 200, 240], "aritmetik") == pytest.approx(0.15)


def test_rata_pertumbuhan_galat():
    assert rata_pertumbuhan([None, None]) is None
    assert rata_pertumbuhan([None, 5]) is galat.DIV0  # one year: no growth
    assert rata_pertumbuhan([0, 5, 10]) is galat.DIV0
    assert rata_pertumbuhan([-5, 5, 10]) is galat.NUM
    assert rata_pertumbuhan([5, 0, 10], "aritmetik") is galat.DIV0
    assert rata_pertumbuhan([5, "#REF!", 10]) is galat.REF
    assert rata_pertumbuhan([5, 10], "harmonik") is galat.NILAI


def test_rata_pertumbuhan_per_baris():
    blok = [[100, 110, 121], [100, None, 81], [None, None, None]]
    hasil = rata_pertumbuhan(blok)
    assert hasil.shape == (3, 1)
    assert hasil[0, 0] == pytest.approx(0.1)
    assert hasil[1, 0] == pytest.approx(-0.1)  # (81/100)^(1/2) - 1
    assert hasil[2, 0] is None
    # A single column is one vertical series.
    assert rata_pertumbuhan([[100], [110], [121]]) == pytest.approx(0.1)


def test_cagr():
    assert cagr(100, 121, 2) == pytest.approx(0.1)
    # Seed Tabel 2.5: koperasi omzet 2020 -> 2026 was projected with rates 20%..25%, so its
    # CAGR is the geometric mean of those growth factors.
    faktor = 1.20 * 1.21 * 1.22 * 1.23 * 1.24 * 1.25
    assert cagr(259515461246, 876448684919, 6) == pytest.approx(faktor ** (1 / 6) - 1)
    assert cagr(0, 5, 2) is galat.DIV0
    assert cagr(5, 6, 0) is galat.DIV0
    assert cagr(-5, 6, 2) is galat.NUM
    assert cagr(100, 0, 2) == -1.0


def test_proyeksi():
    assert proyeksi(100, 0.1) == pytest.approx(110)
    assert proyeksi(100, 0.1, 2) == pytest.approx(121)
    # Running: 100 * 1.1 = 110, * 1.2 = 132, * 0.5 = 66.
    assert proyeksi(100, [0.1, 0.2, -0.5]).tolist() == pytest.approx([110, 132, 66])
    # A column of starting values against a row of rates gives a block.
    hasil = proyeksi([[100], [200]], [[0.1, 0.2]])
    assert hasil.shape == (2, 2)
    assert hasil[0].tolist() == pytest.approx([110, 132])
    assert hasil[1].tolist() == pytest.approx([220, 264])
    # A column of rates is one rate per row.
    assert proyeksi(100, [[0.1], [0.2]], 2)[:, 0].tolist() == pytest.approx([121, 144])
    # A blank rate blanks its year and the years after; tahun must be 1 when running.
    assert proyeksi(100, [0.1, None, 0.1]).tolist()[1:] == [None, None]
    assert proyeksi(100, [0.1, "x", 0.1]).tolist()[1:] == [galat.NILAI, galat.NILAI]
    assert proyeksi(100, [0.1, 0.1], 2).tolist() == [galat.NILAI, galat.NILAI]
    assert proyeksi(1e300, 1e10, 10) is galat.NUM  # overflow


# --- budget -----------------------------------------------------------------------------------


def test_serapan_dan_sisa():
    assert serapan(50, 200) == 0.25
    assert serapan(0, 0) is None  # no budget
    assert serapan(5, 0) is galat.DIV0
    assert serapan(0, 100) == 0.0
    assert sisa_anggaran(100, 120) == -20.0  # overspent: valid
    assert sisa_anggaran(100, None) is None


# --- realisasi_tahunan ----------------------------------------------------------------------


def test_realisasi_tahunan():
    tw = [10, 20, None, None]
    assert realisasi_tahunan(tw) == 30.0
    assert realisasi_tahunan(tw, "jumlah") == 30.0
    assert realisasi_tahunan(tw, "akhir") == 20.0
    assert realisasi_tahunan(tw, "rata") == 15.0
    assert realisasi_tahunan(tw, "Rata-rata") == 15.0
    assert realisasi_tahunan([None] * 4) is None
    assert realisasi_tahunan([10, None, 0, None], "akhir") == 0.0  # 0 is filled, not blank
    assert realisasi_tahunan([10, "#N/A", 5, 1]) is galat.NA
    assert realisasi_tahunan(tw, "median") is galat.NILAI


def test_realisasi_tahunan_blok_per_baris():
    blok = [[1, 2, 3, 4], [5, None, 7, None], [None, None, None, None], [1, "x", 1, 1]]
    hasil = realisasi_tahunan(blok, [["akhir"], ["rata"], ["kumulatif"], [None]])
    assert hasil.shape == (4, 1)
    assert hasil[:, 0].tolist() == [4.0, 6.0, None, galat.NILAI]
    assert realisasi_tahunan(blok).tolist() == [[10.0], [12.0], [None], [galat.NILAI]]
    # A single column of four quarters is one series.
    assert realisasi_tahunan([[1], [2], [3], [4]]) == 10.0


# --- conventions: shapes, types, blanks, errors ------------------------------------------------


def test_skalar_masuk_skalar_keluar():
    for hasil in (capaian(1, 2), pertumbuhan(2, 1), serapan(1, 4), cagr(1, 4, 2),
                  proyeksi(1, 0.5), sisa_anggaran(5, 1), rata_pertumbuhan([1, 2])):
        assert type(hasil) is float
    assert type(predikat(0.5)) is str


def test_larik_masuk_larik_objek_keluar():
    for masuk in ([1.0, 2.0], np.array([1.0, 2.0]), pd.Series([1.0, 2.0]), (1.0, 2.0)):
        hasil = capaian(masuk, 2)
        assert isinstance(hasil, np.ndarray) and hasil.dtype == object
        assert hasil.tolist() == [0.5, 1.0]
        assert all(type(v) is float for v in hasil)


def test_baris_kali_kolom():
    # Excel: a row (1 x 3) against a column (2 x 1) gives a 2 x 3 block.
    hasil = capaian([[10, 20, 30]], [[10], [20]])
    assert hasil.shape == (2, 3)
    assert hasil.tolist() == [[1.0, 2.0, 3.0], [0.5, 1.0, 1.5]]


def test_ukuran_beda_diisi_na_seperti_excel():
    # Excel gives #N/A in the cells beyond the shorter range.
    assert capaian([1, 2, 3], [1, 2]).tolist() == [1.0, 1.0, galat.NA]


def test_satu_sel_buruk_tidak_merusak_yang_lain():
    realisasi = [85, "abc", None, "#DIV/0!", "1.2.3", 90, True, float("inf")]
    hasil = capaian(realisasi, 100)
    assert hasil.tolist() == [0.85, galat.NILAI, None, galat.DIV0, galat.NILAI, 0.9,
                              galat.NILAI, galat.NUM]


def test_galat_merambat_dan_galat_pertama_menang():
    assert capaian(galat.NA, 5) is galat.NA
    assert capaian(galat.NA, galat.REF) is galat.NA
    assert capaian(None, galat.REF) is galat.REF  # an error wins over a blank
    assert capaian(5, 0, galat.NAMA) is galat.NAMA
    assert pertumbuhan([1, galat.NUM], [galat.DIV0, 1]).tolist() == [galat.DIV0, galat.NUM]


def test_kosong_bukan_nol():
    hasil = capaian(np.array([np.nan, 50.0]), np.array([100.0, np.nan]))
    assert hasil.tolist() == [None, None]
    assert capaian("", 100) is None
    assert serapan(None, 100) is None


def test_larik_float_dengan_nan_jalur_cepat():
    r = np.array([[1.0, np.nan], [3.0, 4.0]])
    t = np.array([[2.0, 2.0], [0.0, 8.0]])
    assert capaian(r, t).tolist() == [[0.5, None], [galat.DIV0, 0.5]]


def test_tanpa_nol_negatif():
    assert str(capaian(24, 8, "negatif")) == "0.0"  # (16 - 24)/8 floored: 0.0, not -0.0
    assert str(pertumbuhan(-0.0, 5)) == "-1.0"


def test_fungsi_excel_lengkap():
    assert set(FUNGSI_EXCEL) == {
        "CAPAIAN", "CAPAIAN_RENTANG", "PREDIKAT", "PERTUMBUHAN", "RATA_PERTUMBUHAN", "CAGR",
        "PROYEKSI", "SERAPAN", "SISA_ANGGARAN", "REALISASI_TAHUNAN", "ANGKA", "TERBILANG",
        "RUPIAH", "PERSEN", "RATA_CAPAIAN", "JUMLAH_NILAI"}
    for nama, fungsi in FUNGSI_EXCEL.items():
        assert fungsi is getattr(rumus, nama.lower())
    urutan = {"CAPAIAN": ["realisasi", "target", "arah", "batas"],
              "CAPAIAN_RENTANG": ["realisasi", "bawah", "atas", "arah"],
              "PREDIKAT": ["capaian", "skala"], "PERTUMBUHAN": ["baru", "lama"],
              "RATA_PERTUMBUHAN": ["deret", "metode"], "CAGR": ["awal", "akhir", "tahun"],
              "PROYEKSI": ["awal", "laju", "tahun"], "SERAPAN": ["realisasi", "pagu"],
              "SISA_ANGGARAN": ["pagu", "realisasi"],
              "REALISASI_TAHUNAN": ["triwulan", "sifat"], "ANGKA": ["teks"],
              "TERBILANG": ["angka", "satuan", "huruf"], "RUPIAH": ["angka", "desimal", "spasi"],
              "PERSEN": ["angka", "desimal"], "RATA_CAPAIAN": ["capaian"],
              "JUMLAH_NILAI": ["nilai"]}
    for nama, param in urutan.items():
        assert list(inspect.signature(FUNGSI_EXCEL[nama]).parameters) == param
