"""Pemeriksaan's Tautan as real hyperlinks, its Berkas column and Nilai's number formats,
in the file writer, the live writer and the built master.

What Excel stores for a link is taken from XlsxWriter's Url class (written to match
Excel's files byte for byte), an oracle outside the code under test.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from xlsxwriter.url import Url

import workbooks
from sync.model import skema
from sync.model.tautan import MAKS_EXCEL, MAKS_PER_LEMBAR, urai_tautan
from sync.model.temuan import PERINGATAN, Temuan, format_nilai
from sync.tulis.langsung import tulis_langsung
from sync.tulis.susun import susun
from tests.xlwings_palsu import Book

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
REL_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


@pytest.mark.parametrize("berkas, sel", [
    ("contoh/01-sekretariat.xlsx", "'Indikator'!G7"),
    ("contoh/01-sekretariat.xlsx", "Statistik!A8"),
    ("data bidang/02 izin [v2].xlsx", "'Anggaran 2021'!B3"),
    ("C:/Users/staf/Documents/bidang.xlsx", "Indikator!G4"),
    ("./bidang.xlsx", "Indikator!G4"),
    (r"\\server\share\bidang.xlsx", "Indikator!G4"),
])
def test_alamat_berkas_seperti_xlsxwriter(berkas, sel):
    t = urai_tautan(f"{berkas}#{sel}", berkas)
    url = Url(f"external:{berkas}#{sel}")
    assert (t.target(), t.lokasi) == (url._target(), url._anchor)


def test_berkas_bernama_pagar_dipisah_dari_berkasnya():
    """A '#' in the file name: XlsxWriter would split there; the Berkas column says where
    the name ends, and Excel's escaping of '#' in a path (%23) applies."""
    t = urai_tautan("laporan #2.xlsx#'Indikator'!G7", "laporan #2.xlsx")
    assert (t.target(), t.lokasi) == ("laporan%20%232.xlsx", "'Indikator'!G7")
    # without the Berkas column, the sub-address is still found at the end
    t = urai_tautan("laporan #2.xlsx#'Indikator'!G7")
    assert (t.tujuan, t.lokasi) == ("laporan #2.xlsx", "'Indikator'!G7")


def test_alamat_google_seperti_xlsxwriter():
    teks = "https://docs.google.com/spreadsheets/d/ABC/edit#gid=5&range=G7"
    t = urai_tautan(teks, "https://docs.google.com/spreadsheets/d/ABC/edit")
    url = Url(teks)
    assert (t.target(), t.lokasi) == (url._target(), url._anchor) == (
        "https://docs.google.com/spreadsheets/d/ABC/edit", "gid=5&range=G7")


@pytest.mark.parametrize("teks", [
    "", "  ", None, 12, "javascript:alert(1)", "mailto:a@b.c", "Bidang Koperasi",
    "=HYPERLINK(\"http://x\")", "=SUM(A1:A3)", "a\nb.xlsx#Indikator!A1", "x" * 3000 + "#A!A1",
])
def test_bukan_tautan_tidak_menjadi_hyperlink(teks):
    assert urai_tautan(teks, "bidang.xlsx") is None


@pytest.mark.parametrize("nilai, pesan, harapan", [
    (0.2129, "Angka tertulis 21,29% tidak cocok dengan hasil hitung 19,68%.", "0.00%"),
    (-0.1134, "Ada realisasi (-11,34%) tetapi target kosong.", "0.00%"),
    (240310486, "Nilai 2016 Rp240.310.486,00 sekitar 1/688 median.", '"Rp"#,##0.00'),
    (1052, "Angka tertulis 1.052 berbeda dengan deret ST-KOP.", "#,##0"),
    (0, "Target 0 untuk indikator positif.", "#,##0"),
    (0.5, "Angka 0,5 bukan persen di sini.", "#,##0.0###"),
    # a value shown in rupiah and a different percent in the same message
    (0.1739, "Pertumbuhan 17,39%, padahal (Rp288.278.966.246,00).", "0.00%"),
    ("2.17.03", "Kode program 2.17.03 tidak ada.", None),
    (True, "benar", None),
    (float("nan"), "x", None),
])
def test_format_nilai_mengikuti_pesan(nilai, pesan, harapan):
    assert format_nilai(nilai, pesan) == harapan


def _temuan():
    return [
        Temuan(PERINGATAN, "Bidang A", "Indikator", "Indikator!L8", 0.2129,
               "Angka tertulis 21,29% tidak cocok.", "contoh/a b.xlsx#Indikator!L8"),
        Temuan(PERINGATAN, "Bidang A", "Statistik", "Statistik!G8", 240310486.0,
               "Nilai Rp240.310.486,00 terlalu kecil.", "contoh/a b.xlsx#Statistik!G8"),
        Temuan(PERINGATAN, "Bidang B", "Indikator", "Indikator!T16", "2.17.03",
               "=Kode program 2.17.03 tidak ada.", "https://docs.google.com/spreadsheets/d/X/"
               "edit#gid=7&range=T16"),
        Temuan(PERINGATAN, "", "", "", None, "Tanpa sel.", ""),
    ]


def _baris(temuan=None):
    berkas = {"Bidang A": "contoh/a b.xlsx", "Bidang B": "https://docs.google.com/x"}
    return [[i, *t.baris(berkas.get(t.bidang, ""))]
            for i, t in enumerate(temuan or _temuan(), start=1)]


def _bagian(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in z.namelist()}


def _lembar_pemeriksaan(isi: dict[str, bytes]) -> tuple[str, str]:
    """(sheet part, its rels part) of Pemeriksaan."""
    wb = etree.fromstring(isi["xl/workbook.xml"])
    rid = next(s.get(f"{{{NS['r']}}}id") for s in wb.iterfind(".//m:sheet", NS)
               if s.get("name") == "Pemeriksaan")
    rels = etree.fromstring(isi["xl/_rels/workbook.xml.rels"])
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    bagian = "xl/" + target.lstrip("/").removeprefix("xl/")
    d, f = bagian.rsplit("/", 1)
    return bagian, f"{d}/_rels/{f}.rels"


def _hyperlink(isi: dict[str, bytes]) -> tuple[list[tuple], dict[str, tuple]]:
    bagian, rels = _lembar_pemeriksaan(isi)
    lembar = etree.fromstring(isi[bagian])
    link = [(h.get("ref"), h.get(f"{{{NS['r']}}}id"), h.get("location"))
            for h in lembar.iterfind("m:hyperlinks/m:hyperlink", NS)]
    assert len(lembar.findall("m:hyperlinks", NS)) <= 1
    rel = {r.get("Id"): (r.get("Target"), r.get("TargetMode"))
           for r in etree.fromstring(isi[rels]).iterfind("p:Relationship", NS)
           if r.get("Type") == REL_HYPERLINK} if rels in isi else {}
    return link, rel


def _format_sel(isi: dict[str, bytes], ref: str) -> str:
    """The number format code of one Pemeriksaan cell, through styles.xml."""
    bagian, _ = _lembar_pemeriksaan(isi)
    c = etree.fromstring(isi[bagian]).find(f".//m:c[@r='{ref}']", NS)
    gaya = etree.fromstring(isi["xl/styles.xml"])
    xf = gaya.findall("m:cellXfs/m:xf", NS)[int(c.get("s", "0"))]
    fid = int(xf.get("numFmtId", "0"))
    kode = {int(f.get("numFmtId")): f.get("formatCode")
            for f in gaya.iterfind("m:numFmts/m:numFmt", NS)}
    return kode.get(fid) or {0: "General", 3: "#,##0", 10: "0.00%"}[fid]


def test_penulis_berkas_menulis_hyperlink_dan_format(tmp_path):
    data = workbooks.INDUK.read_bytes()
    baris = _baris()
    isi = _bagian(susun(data, skema.Rencana({"Pemeriksaan": baris})).data)
    link, rel = _hyperlink(isi)
    assert [(ref, loc) for ref, _, loc in link] == [
        ("I2", "Indikator!L8"), ("I3", "Statistik!G8"), ("I4", "gid=7&range=T16")]
    assert [rel[rid] for _, rid, _ in link] == [
        ("contoh\\a%20b.xlsx", "External"), ("contoh\\a%20b.xlsx", "External"),
        ("https://docs.google.com/spreadsheets/d/X/edit", "External")]
    assert _format_sel(isi, "F2") == "0.00%"
    assert _format_sel(isi, "F3") == '"Rp"#,##0.00'
    # the texts stay text (inline strings), the message starting with "=" included
    lembar = etree.fromstring(isi[_lembar_pemeriksaan(isi)[0]])
    for ref in ("G4", "I2", "H2"):
        c = lembar.find(f".//m:c[@r='{ref}']", NS)
        assert c.get("t") == "inlineStr" and c.find("m:f", NS) is None
    assert lembar.find(".//m:c[@r='F2']/m:v", NS).text == "0.2129"


def test_hyperlink_tidak_menumpuk_saat_dijalankan_ulang():
    data = workbooks.INDUK.read_bytes()
    sekali = susun(data, skema.Rencana({"Pemeriksaan": _baris()})).data
    dua = susun(sekali, skema.Rencana({"Pemeriksaan": _baris()})).data
    tiga = susun(dua, skema.Rencana({"Pemeriksaan": _baris(_temuan()[:1])})).data
    for hasil, n in ((sekali, 3), (dua, 3), (tiga, 1)):
        isi = _bagian(hasil)
        link, rel = _hyperlink(isi)
        assert len(link) == len(rel) == n
        assert {rid for _, rid, _ in link} == set(rel)
    gaya = [len(etree.fromstring(_bagian(h)["xl/styles.xml"]).findall("m:cellXfs/m:xf", NS))
            for h in (sekali, dua)]
    assert gaya[0] == gaya[1]  # the formats' styles are reused, not added again


def test_lembar_baru_juga_mendapat_hyperlink(tmp_path):
    """A master without Pemeriksaan: the new sheet gets its links and its rels part."""
    import xlsxwriter
    path = tmp_path / "kecil.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Pengaturan").write_string(0, 0, "x")
    wb.close()
    isi = _bagian(susun(path.read_bytes(), skema.Rencana({"Pemeriksaan": _baris()})).data)
    link, rel = _hyperlink(isi)
    assert len(link) == len(rel) == 3
    assert b'Extension="rels"' in isi["[Content_Types].xml"]
    assert _format_sel(isi, "F2") == "0.00%"


def test_penulis_langsung_menulis_hyperlink_tanpa_menumpuk():
    book = Book()
    book.isi("Pengaturan", [["Tahun Laporan", 2021]])
    for baris in (_baris(), _baris(), _baris(_temuan()[:1])):
        tulis_langsung(book, skema.Rencana({"Pemeriksaan": baris}))
    sheet = book.sheets["Pemeriksaan"]
    assert sheet.hyperlink == {(2, 9): ("contoh\\a b.xlsx", "Indikator!L8")}
    assert sheet.nilai("I2")[0] == "contoh/a b.xlsx#Indikator!L8"  # the text kept


def test_penulis_langsung_format_nilai_per_baris():
    book = Book()
    book.isi("Pengaturan", [["Tahun Laporan", 2021]])
    tulis_langsung(book, skema.Rencana({"Pemeriksaan": _baris()}))
    sheet = book.sheets["Pemeriksaan"]
    assert sheet.range("F2").number_format == "0.00%"
    assert sheet.range("F3").number_format == '"Rp"#,##0.00'
    assert sheet.nilai("F4")[0] == "2.17.03"  # text, not re-typed as a number


def test_induk_jadi_punya_hyperlink_berkas_dan_nilai_berformat():
    isi = _bagian(workbooks.INDUK.read_bytes())
    link, rel = _hyperlink(isi)
    bagian, _ = _lembar_pemeriksaan(isi)
    lembar = etree.fromstring(isi[bagian])
    import openpyxl
    ws = openpyxl.load_workbook(workbooks.INDUK)["Pemeriksaan"]
    judul = [c.value for c in ws[1]]
    assert judul == skema.PEMERIKSAAN.judul and "Berkas" in judul
    nilai = {r[5].value: r[5].number_format for r in ws.iter_rows(min_row=2)
             if isinstance(r[5].value, (int, float))}
    assert nilai[0.2129] == "0.00%" and nilai[1052] == "#,##0"  # seed rows 10 and 16
    baris = len(lembar.findall(".//m:sheetData/m:row", NS)) - 1
    assert len(link) == len(rel) == baris > 50  # every finding of the examples has a cell
    assert all(t.startswith("contoh\\") and m == "External" for t, m in rel.values())


def test_paling_banyak_1000_hyperlink_per_lembar(tmp_path):
    """The first 1,000 findings get a link, the rest keep their text: openpyxl (the
    formulas engine's reader) binds each link with a list look-up, quadratic in their
    count; Excel's own cap, 65,530 per sheet, is far above."""
    import xlsxwriter
    assert MAKS_PER_LEMBAR <= MAKS_EXCEL
    path = tmp_path / "kecil.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Pengaturan").write_string(0, 0, "x")
    wb.close()
    baris = [[i, "peringatan", "B", "Indikator", f"Indikator!A{i}", None, "p", "b.xlsx",
              f"b.xlsx#Indikator!A{i}"] for i in range(1, MAKS_PER_LEMBAR + 3)]
    isi = _bagian(susun(path.read_bytes(), skema.Rencana({"Pemeriksaan": baris})).data)
    link, rel = _hyperlink(isi)
    assert len(link) == len(rel) == MAKS_PER_LEMBAR
    assert link[-1][0] == f"I{MAKS_PER_LEMBAR + 1}"
    book = Book()
    book.isi("Pengaturan", [["Tahun Laporan", 2021]])
    tulis_langsung(book, skema.Rencana({"Pemeriksaan": baris}))
    assert len(book.sheets["Pemeriksaan"].hyperlink) == MAKS_PER_LEMBAR


def test_tinggi_baris_untuk_teks_yang_dilipat():
    """Rows tall enough for the wrapped texts (LibreOffice shows the stored height, it
    does not fit rows to wrapped text on opening): a 140-character message in the
    46-wide Pesan column needs 4 lines (45 characters a line); the next row's longest is
    its 28-character link in the 22-wide Tautan (21 a line): 2 lines."""
    import openpyxl
    baris = _baris()
    baris[0][6] = "x " * 70
    assert skema.tinggi_baris(skema.PEMERIKSAAN, baris)[:2] == [60.0, 30.0]
    ws = openpyxl.load_workbook(io.BytesIO(
        susun(workbooks.INDUK.read_bytes(), skema.Rencana({"Pemeriksaan": baris})).data))[
        "Pemeriksaan"]
    assert [ws.row_dimensions[r].height for r in range(2, 6)] == \
        skema.tinggi_baris(skema.PEMERIKSAAN, baris)
    assert skema.tinggi_baris(skema.DATA_INDIKATOR, baris) is None
