"""The formula engine registration (addin/mesin.py): same functions, Excel's semantics."""

from __future__ import annotations

import hashlib
import importlib
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from addin import mesin, rumus
from addin.galat import DIV0, NA, GalatExcel
from tests.test_hitung import tulis_sel


def _buku(path: Path, sel: dict[str, object], lembar: str = "Data") -> Path:
    """A workbook with values and formulas ({"A1": 5, "B1": "=CAPAIAN(A1,2)"})."""
    wb = xlsxwriter.Workbook(str(path))
    tulis_sel(wb.add_worksheet(lembar), sel)
    wb.close()
    return path


def test_fungsi_terdaftar_adalah_fungsi_rumus():
    from formulas.functions import get_functions

    mesin.daftarkan()
    tabel = get_functions()
    for nama, fungsi in rumus.FUNGSI_EXCEL.items():
        assert mesin._asal(tabel[nama]) is fungsi, nama


@pytest.mark.parametrize(("asli", "bersih"), [
    ("[1]!CAPAIAN(E5,D5)", "CAPAIAN(E5,D5)"),
    ("_xludf.CAPAIAN(E5,D5)", "CAPAIAN(E5,D5)"),
    ("_XLUDF.predikat(F5)", "predikat(F5)"),
    ("kinerja.xlam!PREDIKAT(F5)", "PREDIKAT(F5)"),
    ("'C:\\Users\\staf\\AppData\\Roaming\\Microsoft\\Excel\\XLSTART\\kinerja.xlam'!"
     "TERBILANG(G20,\"rupiah\")", "TERBILANG(G20,\"rupiah\")"),
    ("IFERROR([1]!CAPAIAN(A1,B1),0)+[2]!SERAPAN(C1,D1)",
     "IFERROR(CAPAIAN(A1,B1),0)+SERAPAN(C1,D1)"),
    # left alone: text in quotes, other external references, other add-ins' functions
    ('"[1]!CAPAIAN("&A1', '"[1]!CAPAIAN("&A1'),
    ("[1]Sheet1!A1+[2]!LAIN(1)", "[1]Sheet1!A1+[2]!LAIN(1)"),
    ("[1]!CAPAIANKU(A1)", "[1]!CAPAIANKU(A1)"),
])
def test_bersihkan_rumus(asli, bersih):
    assert mesin.bersihkan_rumus(asli) == bersih


def test_salinan_tanpa_awalan_tidak_menyentuh_bagian_lain(tmp_path):
    asli = _buku(tmp_path / "a.xlsx", {"A1": 5, "B1": "=[1]!CAPAIAN(A1,2)", "C1": "=A1*2"})
    sebelum = hashlib.sha256(asli.read_bytes()).hexdigest()
    salinan = tmp_path / "b.xlsx"
    mesin.salin_tanpa_awalan(asli, salinan)
    assert hashlib.sha256(asli.read_bytes()).hexdigest() == sebelum
    with zipfile.ZipFile(asli) as za, zipfile.ZipFile(salinan) as zb:
        assert za.namelist() == zb.namelist()
        for nama in za.namelist():
            if nama == "xl/worksheets/sheet1.xml":
                teks = zb.read(nama).decode()
                assert "<f>CAPAIAN(A1,2)</f>" in teks and "[1]!" not in teks
            else:
                assert za.read(nama) == zb.read(nama), nama


def test_hitung_buku_seperti_excel(tmp_path):
    buku = _buku(tmp_path / "lkjip.xlsx", {
        "A1": 585, "B1": 1368, "C1": "=CAPAIAN(A1,B1)",
        "A2": 6.5, "B2": 7, "C2": '=CAPAIAN(A2,B2,"negatif")',
        "D1": "=PREDIKAT(C1)", "D2": "=PREDIKAT(C2)",
        "A3": 1, "B3": 0, "C3": "=CAPAIAN(A3,B3)", "D3": "=PREDIKAT(C3)",
        "C4": "=CAPAIAN(A4,B1)",                      # blank realisation
        "D4": '=IF(C4="","belum",C4)',                # a blank result is "" as in Excel
        "E1": "=C1*100",                              # our result into a built-in
        "E3": '=IFERROR(C3,"-")',
        "E5": "=CAPAIAN(1/0,5)",                      # a built-in's error into ours
        "A6": 259515461246, "B6": 0.2, "C6": 0.21, "D6": 0.22, "E6": 0.23, "F6": 0.24, "G6": 0.25,
        "B7:G7": "{=PROYEKSI(A6,B6:G6)}",
        "A8": "=PROYEKSI(A6,B6)",                     # one cell: one rate
        "A9": "=PROYEKSI(A6,B6:G6)",                  # one cell, array result: top-left
        "A10": "=CAPAIAN(A1:A2,B1:B2)",               # implicit top-left too
    }, lembar="Tabel 3.5")
    hasil = mesin.hitung_buku(buku)
    assert list(hasil) == ["Tabel 3.5"]
    v = hasil["Tabel 3.5"]
    assert v["C1"] == pytest.approx(585 / 1368)
    assert v["C2"] == pytest.approx((2 * 7 - 6.5) / 7)
    assert v["D1"] == "Sangat Rendah" and v["D2"] == "Sangat Tinggi"
    assert v["C3"] is DIV0 and v["D3"] is DIV0
    assert v["C4"] == "" and v["D4"] == "belum"
    assert v["E1"] == pytest.approx(58500 / 1368)
    assert v["E3"] == "-"
    assert v["E5"] is DIV0
    bulat = [round(v[f"{k}7"]) for k in "BCDEFG"]
    assert bulat == [311418553495, 376816449729, 459716068670,
                     565450764464, 701158947935, 876448684919]
    assert v["A8"] == pytest.approx(311418553495.2)
    assert v["A9"] == pytest.approx(311418553495.2)
    assert v["A10"] == pytest.approx(585 / 1368)
    assert set(v) == {"C1", "C2", "D1", "D2", "C3", "D3", "C4", "D4", "E1", "E3", "E5",
                      "B7", "C7", "D7", "E7", "F7", "G7", "A8", "A9", "A10"}


def test_hitung_semua_dan_rumus(tmp_path):
    buku = _buku(tmp_path / "b.xlsx", {"A1": 2, "A2": "#N/A", "B1": "=_xludf.SERAPAN(A1,4)"})
    sel = mesin.hitung(buku, semua=True)
    assert [(s.sel, s.rumus, s.nilai) for s in sel] == [
        ("A1", None, 2), ("B1", "=SERAPAN(A1,4)", 0.5), ("A2", None, "#N/A")]  # text stays text
    wb = openpyxl.Workbook()
    wb.active["A1"] = "#N/A"                      # openpyxl stores this as an error cell
    wb.active["B1"] = "=ISNA(A1)"
    wb.save(tmp_path / "e.xlsx")
    sel = mesin.hitung(tmp_path / "e.xlsx", semua=True)
    assert [(s.sel, s.nilai) for s in sel] == [("A1", NA), ("B1", True)]


def test_berkas_bukan_workbook(tmp_path):
    palsu = tmp_path / "palsu.xlsx"
    palsu.write_text("bukan zip")
    with pytest.raises(mesin.BukuTidakTerbaca, match="bukan workbook"):
        mesin.hitung_buku(palsu)
    with pytest.raises(FileNotFoundError, match="tidak ditemukan"):
        mesin.hitung_buku(tmp_path / "tidak-ada.xlsx")


def test_tanpa_formulas_pesan_jelas(monkeypatch):
    monkeypatch.setitem(sys.modules, "formulas", None)  # import formulas -> ImportError
    monkeypatch.delitem(sys.modules, "addin.mesin")
    with pytest.raises(ImportError, match="Pasang ulang Kinerja"):
        importlib.import_module("addin.mesin")


def test_galat_excel_kembali_sebagai_galatexcel(tmp_path):
    buku = _buku(tmp_path / "c.xlsx", {"A1": "=NA()", "A2": "=SQRT(-1)", "A3": "=CAPAIAN(A1,2)"})
    v = mesin.hitung_buku(buku)["Data"]
    assert v["A1"] is NA and v["A3"] is NA
    assert isinstance(v["A2"], GalatExcel) and v["A2"].kode == "#NUM!"
