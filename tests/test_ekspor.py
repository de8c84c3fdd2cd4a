"""`kinerja ekspor`: the master for readers without the add-in (sync/tulis/ekspor.py), and what
such a reader sees when their program recalculates (workbooks/laporan/dasar.py)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

import workbooks
from sync.cli import main
from sync.tulis import ekspor
from tests.conftest import soffice


def _pdftotext(pdf: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (poppler-utils) tidak terpasang")
    return subprocess.run([exe, "-layout", str(pdf), "-"], capture_output=True, check=True,
                          timeout=120).stdout.decode("utf-8")


def _nilai(path: Path) -> dict[str, list[list[object]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


@pytest.fixture
def hasil_contoh(hasil_mulai) -> Path:
    """The quick-start output: `kinerja konsolidasi` into hasil/LKjIP-2021.xlsx (conftest)."""
    return hasil_mulai


def test_report_sheets_in_report_order():
    data = workbooks.INDUK.read_bytes()
    assert ekspor.lembar_laporan(data) == [
        "Tabel 2.1", "Tabel 2.2", "Tabel 2.3", "Tabel 2.4", "Tabel 2.5", "Tabel 2.6",
        "Tabel 2.7", "Tabel 2.8", "Tabel 3.5", "Tabel 3.7", "Grafik Capaian", "Tabel 3.8",
        "Grafik Serapan", "Tabel 3.9", "Tabel 3.10", "Analisis Indikator"]


def test_values_copy_has_no_formula_and_the_same_values(hasil_contoh, tmp_path):
    tujuan = tmp_path / "nilai.xlsx"
    assert main(["ekspor", str(hasil_contoh), "--nilai", str(tujuan)]) == 0
    wb = openpyxl.load_workbook(tujuan)
    rumus = [(ws.title, c.coordinate) for ws in wb for r in ws.iter_rows() for c in r
             if c.data_type == "f"]
    assert rumus == []
    asli = openpyxl.load_workbook(hasil_contoh)
    n_rumus = sum(c.data_type == "f" for ws in asli for r in ws.iter_rows() for c in r)
    assert n_rumus > 500  # there were formulas to replace
    assert _nilai(tujuan) == _nilai(hasil_contoh)
    with zipfile.ZipFile(tujuan) as z:
        nama = z.namelist()
        assert not [n for n in nama if "calcchain" in n.lower() or "vbaproject" in n.lower()]
        assert "fullCalcOnLoad" not in z.read("xl/workbook.xml").decode()
    # everything but the sheets' cells is kept: styles, drawings (charts), names
    with zipfile.ZipFile(hasil_contoh) as a, zipfile.ZipFile(tujuan) as b:
        for n in a.namelist():
            if not n.startswith("xl/worksheets/sheet") and n not in (
                    "xl/workbook.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
                assert a.read(n) == b.read(n), n


def test_values_copy_cell_forms():
    xml = ('<sheetData><row r="1"><c r="A1" s="3"><f>B1*2</f><v>4</v></c>'
           '<c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
           '<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
           '<c r="D1" s="1"><f t="shared" si="0"/></c><c r="E1"><v>7</v></c></row></sheetData>')
    assert ekspor.tanpa_rumus(xml) == (
        '<sheetData><row r="1"><c r="A1" s="3"><v>4</v></c>'
        '<c r="B1" t="inlineStr"><is><t xml:space="preserve">ab</t></is></c>'
        '<c r="C1" t="e"><v>#DIV/0!</v></c>'
        '<c r="D1" s="1"/><c r="E1"><v>7</v></c></row></sheetData>')


def test_pdf_of_the_quick_start_output(hasil_contoh, tmp_path):
    soffice()
    tujuan = tmp_path / "laporan.pdf"
    assert main(["ekspor", str(hasil_contoh), "--pdf", str(tujuan)]) == 0
    teks = _pdftotext(tujuan)
    assert "#NAME" not in teks and "Err:" not in teks
    # report sheets only: the data sheets' and Pengaturan's headers are absent
    assert "Tabel 3.5" in teks and "Tabel 3.9" in teks
    assert "Realisasi TW I" not in teks and "Pengaturan Laporan Kinerja" not in teks
    assert teks.index("Tabel 2.1") < teks.index("Tabel 3.5") < teks.index("Tabel 3.9")
    # Tabel 3.8 (seed): total pagu 9.896.127.789 and realisation 8.087.157.045, 81,72 %
    # ... printed the Indonesian way whatever this machine's locale (LANG=C here)
    assert "9.896.127.789" in teks and "8.087.157.045" in teks and "81,72%" in teks
    assert "9,896,127,789" not in teks
    info = subprocess.run(["pdfinfo", str(tujuan)], capture_output=True, text=True,
                          check=False).stdout if shutil.which("pdfinfo") else ""
    if info:
        assert "(A4)" in info


def test_pdf_shows_a_changed_figure(tmp_path):
    """04-koperasi IK-KOP-02 2017: 230 -> 400; the PDF of the consolidated master shows
    400 and 400/986 = 40,57 % (hand calculation) in Tabel 3.5."""
    soffice()
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    sumber = tmp_path / "contoh" / "04-koperasi.xlsx"
    wb = openpyxl.load_workbook(sumber)
    (baris,) = [r for r in wb["Indikator"].iter_rows(min_row=4)
                if r[0].value == "IK-KOP-02" and r[5].value == 2017]
    baris[11].value = 400
    wb.save(sumber)
    assert main(["konsolidasi", str(tmp_path / "LKjIP-2021.xlsx")]) == 0
    assert main(["ekspor", str(tmp_path / "LKjIP-2021.xlsx"), "--pdf"]) == 0
    teks = _pdftotext(tmp_path / "LKjIP-2021.pdf")
    (baris_kop,) = [b for b in teks.splitlines() if "Jumlah koperasi aktif" in b
                    and "986" in b]
    assert " 400 " in baris_kop and "40,57%" in baris_kop
    assert " 230 " not in baris_kop
    assert "#NAME" not in teks


def test_pdf_without_libreoffice_names_the_package(hasil_contoh, tmp_path, monkeypatch,
                                                   capsys):
    monkeypatch.setattr(ekspor, "cari_soffice", lambda: None)
    assert main(["ekspor", str(hasil_contoh), "--pdf", str(tmp_path / "x.pdf")]) == 2
    keluar = capsys.readouterr().out.replace("\n", " ")
    assert "libreoffice-calc" in keluar and "libreoffice.org" in keluar
    assert not (tmp_path / "x.pdf").exists()


def test_export_refuses_a_file_that_is_not_a_workbook(tmp_path, capsys):
    palsu = tmp_path / "bukan.xlsx"
    palsu.write_text("bukan zip")
    assert main(["ekspor", str(palsu), "--nilai"]) == 2
    assert "bukan workbook Excel" in capsys.readouterr().out


# --- a reader whose program recalculates without the add-in --------------------------------


def test_recalculated_without_addin_says_so_not_data_missing(tmp_path):
    """LibreOffice told to recalculate every .xlsx on loading (OOXMLRecalcMode 0, as a user
    may set it) has no CAPAIAN/PREDIKAT/...: those cells must read "perlu add-in Kinerja",
    and "data belum ada" must appear exactly where it does with the add-in's values."""
    exe = soffice()
    profil = tmp_path / "profil"
    (profil / "user").mkdir(parents=True)
    (profil / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><oor:items '
        'xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
        '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
        "</oor:items>", encoding="utf-8")
    teks = {}
    for nama, env in (("hitung-ulang", [f"-env:UserInstallation={profil.as_uri()}"]),
                      ("tersimpan", [f"-env:UserInstallation={(tmp_path / 'p2').as_uri()}"])):
        masuk = tmp_path / f"{nama}.xlsx"
        shutil.copyfile(workbooks.INDUK, masuk)
        subprocess.run([exe, *env, "--headless", "--norestore", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(masuk)],
                       check=True, capture_output=True, timeout=600)
        teks[nama] = _pdftotext(tmp_path / f"{nama}.pdf")
    assert "perlu add-in Kinerja" not in teks["tersimpan"]
    assert teks["hitung-ulang"].count("perlu add-in Kinerja") > 20  # CAPAIAN, PREDIKAT, ...
    assert "#NAME" not in teks["hitung-ulang"]
    assert teks["hitung-ulang"].count("data belum ada") == teks["tersimpan"].count(
        "data belum ada")


def test_values_copy_of_a_macro_workbook_has_no_macros(tmp_path):
    """An Excel-authored .xlsm (tests/korpus): the copy is a plain .xlsx package."""
    from tests.conftest import KORPUS

    data = (KORPUS / "macro01.xlsm").read_bytes()
    hasil = ekspor.salin_nilai(data, "macro01.xlsm")
    with zipfile.ZipFile(BytesIO(hasil)) as z:
        assert not [n for n in z.namelist() if "vbaproject" in n.lower()]
        ct = z.read("[Content_Types].xml").decode()
        assert ekspor.CT_XLSM not in ct and ekspor.CT_XLSX in ct
        assert "vbaProject" not in z.read("xl/_rels/workbook.xml.rels").decode()
    tujuan = tmp_path / "salinan.xlsx"
    tujuan.write_bytes(hasil)
    openpyxl.load_workbook(tujuan)  # opens as an ordinary workbook
