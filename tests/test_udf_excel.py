"""UDF inputs as Windows Excel really sends them (issue 13, items 1, 2 and 8).

Cells are read from the Excel stand-in (tests/xlwings_palsu.py) with the options
the UDFs declare, so error cells arrive as xlwings passes them: the seven classic
codes as text (err_to_str), every newer one as pywin32's integer.
"""

from __future__ import annotations

import pytest

from addin import galat, udf
from addin.galat import GalatExcel
from tests.xlwings_palsu import KODE_GALAT, Book, Galat


def _argumen(nilai_sel: list[list[object]]):
    """A range holding these stored cell values, read as xlwings reads a UDF argument."""
    book = Book("LKjIP.xlsx")
    s = book.isi("Data", nilai_sel)
    n, m = len(nilai_sel), max(len(r) for r in nilai_sel)
    return s.range((1, 1), (n, m)).options(**udf.RENTANG).value


@pytest.mark.parametrize("kode", sorted(KODE_GALAT))
def test_setiap_kode_galat_excel_menjadi_galat(kode):
    arg = _argumen([[Galat(KODE_GALAT[kode])]])
    assert udf.CAPAIAN(arg, [[5.0]]) == kode
    assert udf.PREDIKAT(arg) == kode
    assert udf.TERBILANG(arg) == kode
    assert udf.SERAPAN([[1.0]], arg) == kode


def test_spill_sebagai_bilangan_bulat_pywin32():
    """Issue 13's example: #SPILL! arrives as -2146826243, not as the text."""
    arg = _argumen([[Galat(-2146826243)], [585.0]])
    assert arg == [[-2146826243], [585.0]]  # what xlwings hands over
    assert udf.CAPAIAN(arg, [[1368.0]]) == [["#SPILL!"], [pytest.approx(585 / 1368)]]
    assert udf.PREDIKAT([[-2146826243]]) == "#SPILL!"       # not "Sangat Rendah"
    assert udf.TERBILANG([[-2146826243]]) == "#SPILL!"      # not "minus dua miliar ..."
    assert udf.ANGKA([[-2146826238]]) == "#CALC!"


def test_busy_dan_kode_baru_tak_dikenal():
    assert GalatExcel.dari_pywin32((0x800A0000 + 2052) - 2**32) is galat.BUSY
    # an scode in the xlErr block that no table knows yet is still an error
    assert GalatExcel.dari_pywin32((0x800A0000 + 2100) - 2**32) is galat.UNKNOWN
    assert GalatExcel.dari_pywin32(5) is None and GalatExcel.dari_pywin32(True) is None
    assert udf.CAPAIAN([[5]], [[2.0]]) == 2.5  # a plain int stays a number


def test_galat_klasik_teks_dan_bilangan_sama_saja():
    assert udf.CAPAIAN([["#N/A"]], [[5.0]]) == udf.CAPAIAN([[-2146826246]], [[5.0]]) == "#N/A"


def test_kolom_penuh_dipotong_ke_data():
    """=CAPAIAN(E:E;D:D): a whole column gives as many rows as the data, not 1,048,576."""
    r = [[None] for _ in range(udf.BARIS_EXCEL)]
    t = [[None] for _ in range(udf.BARIS_EXCEL)]
    r[0], r[1], r[4] = ["Realisasi"], [585.0], [6.5]
    t[0], t[1], t[4], t[6] = ["Target"], [1368.0], [7.0], [3.0]
    hasil = udf.CAPAIAN(r, t)
    assert len(hasil) == 7  # the last row either column fills
    assert hasil[0] == ["#VALUE!"] and hasil[1] == [pytest.approx(585 / 1368)]
    assert hasil[2] == [None] and hasil[4] == [pytest.approx(6.5 / 7)] and hasil[6] == [None]


def test_kolom_penuh_kosong_satu_baris():
    kosong = [[None] for _ in range(udf.BARIS_EXCEL)]
    assert udf.JUMLAH_NILAI(kosong) == 0.0


def test_rata_capaian_tidak_melewati_galat():
    """AVERAGE skips the text "#DIV/0!" a Kinerja UDF shows; RATA_CAPAIAN does not."""
    kolom = udf.CAPAIAN([[585.0], [1.0], [6.5]], [[1368.0], [0.0], [7.0]])
    assert kolom[1] == ["#DIV/0!"]
    assert udf.RATA_CAPAIAN(kolom) == "#DIV/0!"
    assert udf.RATA_CAPAIAN([[0.9], [None], [0.8]]) == pytest.approx(0.85)
    assert udf.RATA_CAPAIAN([[None]]) == "#DIV/0!"               # as AVERAGE of nothing
    assert udf.RATA_CAPAIAN(_argumen([[0.9], [Galat(-2146826243)]])) == "#SPILL!"
    assert udf.JUMLAH_NILAI([[6740784489.0, 88810000.0]]) == 6829594489.0
    assert udf.JUMLAH_NILAI([[1.0], ["#N/A"]]) == "#N/A"
    assert udf.JUMLAH_NILAI([[1.0], ["teks"]]) == "#VALUE!"


def test_satu_sel_tanpa_numpy(monkeypatch):
    """A one-cell call reaches rumus as a plain float (the scalar fast path)."""
    import numpy as np

    dipanggil = []
    monkeypatch.setattr(np, "array", lambda *a, **k: dipanggil.append(a) or None)
    assert udf.CAPAIAN([[585.0]], [[1368.0]]) == pytest.approx(585 / 1368)
    assert udf.PREDIKAT([[0.905]]) == "Sangat Tinggi"
    assert dipanggil == []
