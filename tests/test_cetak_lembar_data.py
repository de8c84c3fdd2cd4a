"""The master's data sheets print on A4 without cut text and show a percent series as
percent, and the report charts keep their labels off the line (Tabel 2.2) and draw
the 100% line across the whole plot (Grafik Capaian). Read from the built master's
XML (openpyxl and lxml), and kept through a consolidation by the file writer."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from lxml import etree

import workbooks
from sync.model import skema
from sync.tulis.susun import susun

DATA = (skema.DATA_INDIKATOR, skema.DATA_ANGGARAN, skema.DATA_STATISTIK)
C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


def _periksa_cetak(ws, lembar: skema.LembarMilik) -> None:
    ps = ws.page_setup
    assert (ps.paperSize, ps.orientation) == (9, "landscape")  # A4 (ECMA-376 18.18.43)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ps.fitToWidth or 1, ps.fitToHeight) == (1, 0)  # absent fitToWidth = 1
    assert ws.print_title_rows == "$1:$1"
    dilihat = 0
    for j, kol in enumerate(lembar.kolom, start=1):
        teks_panjang = kol.format_angka == skema.F_UMUM and kol.lebar >= 24
        sel = next((ws.cell(r, j) for r in range(2, ws.max_row + 1)
                    if ws.cell(r, j).value is not None), None)
        if teks_panjang and sel is not None:
            assert sel.alignment.wrap_text, (lembar.nama, kol.judul)
            dilihat += 1
    assert dilihat >= 2


@pytest.mark.parametrize("lembar", DATA, ids=lambda x: x.nama)
def test_lembar_data_dicetak_di_a4_dengan_teks_dilipat(lembar):
    wb = openpyxl.load_workbook(workbooks.INDUK)
    _periksa_cetak(wb[lembar.nama], lembar)


def _aturan(ws) -> dict[str, tuple[str, str]]:
    """Conditional rules: formula -> (ranges, number format)."""
    hasil = {}
    for rng, aturan in ws.conditional_formatting._cf_rules.items():
        for a in aturan:
            if a.dxf is not None and a.dxf.numFmt is not None:
                hasil[a.formula[0]] = (str(rng.sqref), a.dxf.numFmt.formatCode)
    return hasil


def test_persen_tampil_persen_menurut_satuan():
    wb = openpyxl.load_workbook(workbooks.INDUK)
    ind = _aturan(wb["Data Indikator"])
    persen = next((r, f) for rumus, (r, f) in ind.items() if '"%"' in rumus)
    assert persen[1] == "0.00%"
    # Target, TW I-IV, Realisasi (H:M) and Hitungan (V), keyed on Satuan (D)
    assert persen[0].split() == [f"{c}2:{c}1048576" for c in "HIJKLMV"]
    assert all("$D2" in rumus for rumus in ind)
    stat = _aturan(wb["Data Statistik"])
    assert sorted(f for r, f in stat.values()) == ['"Rp"#,##0.00', "0.00%"]
    assert all(r == "F2:F1048576" for r, _ in stat.values())
    # the seed's percent indicator holds a fraction: the rule is what shows it as 20,69%
    baris = next(r for r in wb["Data Indikator"].iter_rows(min_row=2, values_only=True)
                 if r[1] == "IK-SEK-01" and r[6] == 2021)
    assert baris[3] == "%" and 0 < baris[7] < 1


def test_cetak_dan_format_tetap_setelah_ditulis_ulang():
    """The file writer keeps page setup, print titles and conditional formats, and copies
    row 2's wrap to every new row."""
    data = workbooks.INDUK.read_bytes()
    n = len(skema.DATA_INDIKATOR.kolom)
    baris = [["Bidang " + "x" * 40, f"K-{i}", "Indikator " * 8, "%"] + [None] * (n - 4)
             for i in range(30)]
    hasil = susun(data, skema.Rencana({"Data Indikator": baris})).data
    wb = openpyxl.load_workbook(io.BytesIO(hasil))
    ws = wb["Data Indikator"]
    _periksa_cetak(ws, skema.DATA_INDIKATOR)
    assert ws.cell(31, 3).alignment.wrap_text
    assert _aturan(ws) == _aturan(openpyxl.load_workbook(workbooks.INDUK)["Data Indikator"])


def _grafik(judul: str) -> etree._Element:
    z = zipfile.ZipFile(workbooks.INDUK)
    for n in z.namelist():
        if n.startswith("xl/charts/chart") and judul.encode() in z.read(n):
            return etree.fromstring(z.read(n))
    raise AssertionError(judul)


def test_garis_100_persen_selebar_plot():
    """The 100% line is on secondary axes whose value axis crosses "midCat" (points on
    the tick marks: the line reaches the plot's edges), and both value axes are scaled
    by the same values (achievement and target), so the line sits at 100%."""
    g = _grafik("Target (100%)")
    garis = g.find(".//c:lineChart", C)
    kolom = g.find(".//c:barChart", C)
    id_garis = [a.get("val") for a in garis.iterfind("c:axId", C)]
    val_garis = next(v for v in g.iterfind(".//c:valAx", C)
                     if v.find("c:axId", C).get("val") in id_garis)
    assert val_garis.find("c:crossBetween", C).get("val") == "midCat"
    assert val_garis.find("c:delete", C).get("val") == "1"  # hidden: one scale shown
    id_kolom = [a.get("val") for a in kolom.iterfind("c:axId", C)]
    val_kolom = next(v for v in g.iterfind(".//c:valAx", C)
                     if v.find("c:axId", C).get("val") in id_kolom)
    assert val_kolom.find("c:crossBetween", C).get("val") == "between"
    nilai = [sorted(s.findtext("c:val/c:numRef/c:f", namespaces=C)
                    for s in x.iterfind("c:ser", C)) for x in (kolom, garis)]
    assert nilai[0] == nilai[1] and len(nilai[0]) == 2  # the same two ranges on each axis
    # the columns' labels inside their ends, not on the line
    assert kolom.find("c:ser/c:dLbls/c:dLblPos", C).get("val") == "inEnd"


def test_label_tabel_2_2_tidak_menimpa():
    g = _grafik("Koperasi dan Koperasi Aktif")
    garis = g.find(".//c:lineChart", C)
    lbl = garis.find("c:ser/c:dLbls", C)
    assert lbl.find("c:dLblPos", C).get("val") == "t"  # above the points
    assert lbl.find("c:spPr/a:solidFill/a:srgbClr", {
        **C, "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}).get("val") == "FFFFFF"
    # the secondary axis leaves the line in the band between the short and tall columns:
    # the seed's 22-26% at 37-44% of the height, under the tall columns' labels (> 74%)
    id_garis = [a.get("val") for a in garis.iterfind("c:axId", C)]
    val = next(v for v in g.iterfind(".//c:valAx", C)
               if v.find("c:axId", C).get("val") in id_garis)
    assert float(val.find("c:scaling/c:max", C).get("val")) == 0.6
