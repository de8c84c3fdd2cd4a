"""The Pemeriksaan sheet as staff use it: every finding says where it is (the file and
the cell, or the Google tab and range), rows are coloured by level, and the sheet
prints readably on A4.

Expected places come from the printed-seed set's documented contradictions
(docs/dev/data-contoh.md: 24.2% written for 2021 at 04-koperasi.xlsx Indikator!L10).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

import workbooks
from sync.induk import Induk
from sync.induk.pengaturan import baca_pengaturan
from sync.konsolidasi import DITULIS, konsolidasi, rencanakan
from sync.model import skema
from sync.model.mentah import TabMentah, tautan_sel
from sync.model.sel import huruf_kolom
from workbooks.data_tercetak import FOLDER, INDUK

GID = "https://docs.google.com/spreadsheets/d/1AbC/edit#gid=42"


@pytest.mark.parametrize("tautan, sel, harapan", [
    # Google: a range only with the tab's gid (else it would open another tab)
    (GID, "Indikator!G7", GID + "&range=G7"),
    ("https://docs.google.com/spreadsheets/d/1AbC/edit", "Indikator!G7",
     "https://docs.google.com/spreadsheets/d/1AbC/edit"),
    # a workbook: Excel's sub-address, the sheet quoted as the reference writes it
    ("contoh/04-koperasi.xlsx", "Indikator!L10", "contoh/04-koperasi.xlsx#Indikator!L10"),
    ("D:\\Bidang\\UM.xlsx", "'Anggaran 2021'!A3", "D:\\Bidang\\UM.xlsx#'Anggaran 2021'!A3"),
    # nothing to point at
    ("contoh/04-koperasi.xlsx", "", "contoh/04-koperasi.xlsx"),
    ("", "Indikator!G7", ""),
])
def test_tautan_sel(tautan, sel, harapan):
    assert tautan_sel(tautan, sel) == harapan


def test_tab_mentah_mengutip_nama_tab():
    tab = TabMentah(nama="Anggaran 2021", sel=[], tautan="a.xlsx")
    assert tab.tautan_sel("B4") == "a.xlsx#'Anggaran 2021'!B4"


@pytest.fixture(scope="module")
def tercetak():
    induk = workbooks.FOLDER / FOLDER / INDUK
    hasil = rencanakan(Induk(baca_pengaturan(induk)), dasar=induk.parent)
    assert hasil.rencana is not None, hasil.pesan
    return hasil


def test_temuan_berkas_lokal_menunjuk_berkas_dan_sel(tercetak):
    kop = [t for t in tercetak.temuan if t.sel == "Indikator!L10"
           and t.kode == "tidak_cocok_hitungan" and "Koperasi" in t.bidang]
    assert kop, "the documented 24.2% finding is missing"
    assert kop[0].tautan.replace("\\", "/").endswith("04-koperasi.xlsx#Indikator!L10")
    # every finding on a cell of a local workbook names its file and that cell
    bersel = [t for t in tercetak.temuan if "!" in t.sel]
    assert len(bersel) > 40
    for t in bersel:
        assert t.tautan.endswith(".xlsx#" + t.sel), (t.bidang, t.sel, t.tautan)


def _aturan_warna(path: Path) -> dict[str, str]:
    ws = openpyxl.load_workbook(path)[skema.PEMERIKSAAN.nama]
    hasil = {}
    for rentang in ws.conditional_formatting:
        for aturan in rentang.rules:
            for f in aturan.formula or ():
                # a conditional format's solid fill is its bgColor (ECMA-376 18.8.20)
                hasil[f] = (str(rentang.sqref), aturan.dxf.fill.bgColor.rgb
                            if aturan.dxf and aturan.dxf.fill else None)
    return hasil


def test_pemeriksaan_berwarna_dan_tetap_setelah_konsolidasi(tmp_path):
    folder = tmp_path / "contoh-tercetak"
    shutil.copytree(workbooks.FOLDER / FOLDER, folder)
    induk = folder / INDUK
    aturan = _aturan_warna(induk)
    akhir = huruf_kolom(len(skema.PEMERIKSAAN.kolom))  # every column, Tautan the last
    assert aturan['$B2="kesalahan"'] == (f"A2:{akhir}1048576", "FFFFC7CE")
    assert aturan['$B2="peringatan"'] == (f"A2:{akhir}1048576", "FFFFEB9C")
    hasil = konsolidasi(induk)
    assert hasil.status == DITULIS, hasil.pesan
    # the file writer rewrote the rows and kept the colours
    assert _aturan_warna(induk) == aturan
    rows = CalamineWorkbook.from_path(str(induk)).get_sheet_by_name(
        skema.PEMERIKSAAN.nama).to_python()
    judul = rows[0]
    ti, si, ui = (judul.index(x) for x in ("Tingkat", "Sel", "Tautan"))
    peringatan = [r for r in rows[1:] if r[ti] == "peringatan" and "!" in str(r[si])]
    assert peringatan and all(str(r[ui]).endswith("#" + r[si]) for r in peringatan)


def test_pemeriksaan_dicetak_terbaca():
    ws = openpyxl.load_workbook(workbooks.INDUK)[skema.PEMERIKSAAN.nama]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$1:$1"
    # at one page wide the columns must fit near 100%: an A4 landscape line holds about
    # 127 characters of the default font (24.1 cm at 0.19 cm per character)
    lebar = sum(k.lebar for k in skema.PEMERIKSAAN.kolom)
    assert lebar / 127 < 1.3
    pesan = skema.PEMERIKSAAN.kolom.index(
        next(k for k in skema.PEMERIKSAAN.kolom if k.kunci == "pesan"))
    assert ws.cell(2, pesan + 1).alignment.wrap_text
    # fit to one page wide, as many pages tall as needed; long texts wrap
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # (an absent fitToWidth is 1: ECMA-376 Part 1, 18.3.1.63 pageSetup)
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
    for kunci in ("bidang", "berkas", "tautan"):
        assert ws.cell(2, skema.indeks_kolom(skema.PEMERIKSAAN, kunci) + 1).alignment.wrap_text
