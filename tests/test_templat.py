"""The bidang template: tabs, headers, help, validation and layout exactly as sync.model.skema says.

Read back with openpyxl and with python-calamine (what the consolidation uses),
and rebuilt to prove the committed file is what the build script makes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

import workbooks
from sync.model import skema
from sync.tulis import templat as bt

TEMPLAT = workbooks.TEMPLAT
TAB_DATA = [t.nama for t in skema.TABS]
TAHUN_TEMPLAT = [2020, 2021, 2022, 2023, 2024, 2025, 2026]  # baseline + Renstra 2021-2026


def kepala_skema(tab: skema.Tab) -> list[object]:
    return [k.judul for k in tab.kolom] + (TAHUN_TEMPLAT if tab.tahun_kolom else [])


@pytest.fixture(scope="module")
def buku():
    return openpyxl.load_workbook(TEMPLAT)


def test_tab_dan_urutannya(buku):
    assert buku.sheetnames == ["Indikator", "Anggaran", "Statistik", "Petunjuk"]


@pytest.mark.parametrize("tab", skema.TABS, ids=TAB_DATA)
def test_kepala_openpyxl(buku, tab):
    ws = buku[tab.nama]
    kepala = [c.value for c in ws[3]]
    assert kepala == kepala_skema(tab)
    assert all(isinstance(v, int) for v in kepala[len(tab.kolom):])  # years are numbers


@pytest.mark.parametrize("tab", skema.TABS, ids=TAB_DATA)
def test_kepala_calamine(tab):
    baris = CalamineWorkbook.from_path(str(TEMPLAT)).get_sheet_by_name(tab.nama).to_python()
    kepala = [v for v in baris[2] if v != ""]
    n = len(tab.kolom)
    assert kepala[:n] == [k.judul for k in tab.kolom]
    assert [int(v) for v in kepala[n:]] == (TAHUN_TEMPLAT if tab.tahun_kolom else [])
    assert len(baris) == 3  # title, bidang, header: no data rows in the template


@pytest.mark.parametrize("tab", skema.TABS, ids=TAB_DATA)
def test_judul_dan_sel_nama_bidang(buku, tab):
    ws = buku[tab.nama]
    assert ws["A1"].value == bt.JUDUL_TAB[tab.nama]
    assert ws["A2"].value == "Bidang"
    assert ws["B2"].value is None                      # to be typed by the bidang
    assert ws["B2"].comment is not None and "nama bidang" in ws["B2"].comment.text


@pytest.mark.parametrize("tab", skema.TABS, ids=TAB_DATA)
def test_komentar_bantuan_di_kepala(buku, tab):
    ws = buku[tab.nama]
    for c, k in enumerate(tab.kolom, start=1):
        komentar = ws.cell(3, c).comment
        assert komentar is not None, k.judul
        assert k.keterangan in komentar.text
        assert komentar.author == "Kinerja"
        assert ("(wajib)" in komentar.text) == k.wajib
        for p in k.pilihan:
            assert p in komentar.text
    if tab.tahun_kolom:
        assert "Tambahkan kolom tahun" in ws.cell(3, len(tab.kolom) + 1).comment.text


@pytest.mark.parametrize("tab", skema.TABS, ids=TAB_DATA)
def test_validasi_daftar_pilihan(buku, tab):
    ws = buku[tab.nama]
    daftar = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    harus = {k: c for c, k in enumerate(tab.kolom) if k.pilihan}
    assert len(daftar) == len(harus)
    for k, c in harus.items():
        huruf = openpyxl.utils.get_column_letter(c + 1)
        dv = daftar[f"{huruf}4:{huruf}{3 + bt.BARIS_VALIDASI}"]
        assert dv.type == "list"
        assert dv.formula1 == '"' + ",".join(k.pilihan) + '"'
        assert dv.allow_blank and dv.showErrorMessage
    # the lists are skema's: Arah, Sifat (Indikator) and Rumus (Indikator, Statistik)
    harapan = {"Indikator": {"arah", "sifat", "rumus"}, "Anggaran": set(), "Statistik": {"rumus"}}
    assert {k.kunci for k in harus} == harapan[tab.nama]


def test_pilihan_sama_dengan_konstanta_skema():
    assert skema.INDIKATOR.kolom_dari("arah").pilihan == skema.ARAH
    assert skema.INDIKATOR.kolom_dari("sifat").pilihan == skema.SIFAT
    assert skema.INDIKATOR.kolom_dari("rumus").pilihan == skema.RUMUS
    assert skema.STATISTIK.kolom_dari("rumus").pilihan == skema.RUMUS


def _kolom(ws) -> dict[int, tuple[float, str]]:
    """Column index (1-based) -> (width, number format), expanding grouped <col> ranges."""
    hasil = {}
    for d in ws.column_dimensions.values():
        if d.min is None:
            continue
        for i in range(d.min, d.max + 1):
            hasil[i] = (d.width, d.number_format)
    return hasil


@pytest.mark.parametrize("tab", skema.TABS, ids=TAB_DATA)
def test_beku_lebar_dan_format_angka(buku, tab):
    ws = buku[tab.nama]
    assert ws.freeze_panes == "B4"  # title, bidang and header rows, and the Kode column
    kolom = _kolom(ws)
    for c, k in enumerate(tab.kolom, start=1):
        lebar, fmt = kolom[c]
        assert abs(lebar - k.lebar) < 1, k.judul     # XlsxWriter adds Excel's 0.71 padding
        assert fmt == ("@" if k.jenis == skema.KODE else k.format_angka), k.judul
    if tab.tahun_kolom:
        for c in range(len(tab.kolom) + 1, len(tab.kolom) + 1 + len(TAHUN_TEMPLAT)):
            assert kolom[c][1] == skema.F_UMUM


def test_petunjuk_memuat_semua_keterangan_kolom(buku):
    ws = buku["Petunjuk"]
    teks = "\n".join(str(c.value) for baris in ws.iter_rows() for c in baris if c.value)
    for tab in skema.TABS:
        assert f"Tab {tab.nama}" in teks
        for k in tab.kolom:
            assert k.keterangan in teks, (tab.nama, k.judul)
    # the percentage rule, stated exactly as the consolidation reads it
    assert "nilai mutlaknya lebih dari 1 dibaca sebagai poin persen" in teks
    assert "angka sampai 1 dibaca sebagai pecahan" in teks
    assert "Kode + Tahun tidak boleh kembar di seluruh bidang" in teks


def test_hanya_fitur_yang_diterima_google_sheets():
    """No tables, macros, form controls, ActiveX, external links or formulas."""
    with zipfile.ZipFile(TEMPLAT) as z:
        nama = z.namelist()
        assert not [n for n in nama if re.search(
            r"tables/|vbaProject|ctrlProps|activeX|externalLinks|customXml|pivot", n)]
        for n in nama:
            if n.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(n).decode()
        assert any(n.startswith("xl/comments") for n in nama)


def test_bangun_ulang_identik(tmp_path):
    baru = bt.tulis_buku(tmp_path / "Templat-Bidang.xlsx")
    assert baru.read_bytes() == TEMPLAT.read_bytes()


def test_dibuka_libreoffice(libreoffice, tmp_path):
    """LibreOffice opens the file and keeps the headers and validation on re-saving."""
    asal = tmp_path / "asal.xlsx"
    shutil.copyfile(TEMPLAT, asal)
    keluar = tmp_path / "keluar"
    subprocess.run([libreoffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx", "--outdir", str(keluar), str(asal)],
                   check=True, capture_output=True, timeout=180)
    wb = openpyxl.load_workbook(keluar / "asal.xlsx")
    for tab in skema.TABS:
        assert [c.value for c in wb[tab.nama][3]][:len(tab.kolom)] == [k.judul for k in tab.kolom]
    assert wb["Indikator"].data_validations.dataValidation
