"""The writer on a master that already has an owned sheet (built with xlsxwriter):
styles, widths, names, print area and autofilter follow the new rows; nothing else moves."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook
from tulis_bantu import F_RP, bagian, buat_induk, elemen, plan_contoh, tanpa_bagian_milik, teks

from sync.model.skema import DATA_ANGGARAN, RIWAYAT, BarisKolom, Rencana
from sync.model.tolak import TulisDitolak
from sync.tulis.susun import susun
from sync.tulis.workbook import ubah_workbook

WB = "xl/workbook.xml"
ANG = "xl/worksheets/sheet2.xml"  # 'Data Anggaran' in buat_induk's master
LAP = "xl/worksheets/sheet1.xml"  # 'Laporan': two formulas over Data Anggaran


def _baris(n: int, awal: int = 0) -> list[list[object]]:
    return [[f"Bidang {i}", f"2.17.{i:02d}", "Program", "Kegiatan", "Sub", 2024, 1500000.25 * i,
             1.0, 2.0, 3.0, 4.0, 10.0, 0.85, None, "=bukan rumus"]
            for i in range(awal, awal + n)]


@pytest.fixture
def induk(tmp_path) -> bytes:
    return buat_induk(tmp_path / "induk.xlsx").read_bytes()


def _tulis(data: bytes, baris: list[list[object]]) -> bytes:
    return susun(data, Rencana({"Data Anggaran": baris})).data


def _gaya(xml: str, baris: int) -> dict[str, str | None]:
    """Column letter -> s attribute of the cells in one row."""
    hasil = {}
    for m in re.finditer(rf'<c r="([A-Z]+){baris}"([^>]*)>', xml):
        s = re.search(r'\bs="(\d+)"', m.group(2))
        hasil[m.group(1)] = s.group(1) if s else None
    return hasil


def _nama(wb: str) -> dict[tuple[str, str | None], str]:
    hasil = {}
    for e in elemen(wb, "definedName"):
        nama = re.search(r'name="([^"]+)"', e).group(1)
        lokal = re.search(r'localSheetId="(\d+)"', e)
        hasil[(nama, lokal.group(1) if lokal else None)] = re.search(r">(.*)<", e).group(1)
    return hasil


def test_gaya_lebar_dan_tampilan_tetap(induk):
    lama = teks(induk, ANG)
    baru_data = _tulis(induk, _baris(6, 1))
    baru = teks(baru_data, ANG)
    # Header: the schema's labels, the old header styles and row height. The fixture is a
    # master of the 14-column layout: the schema's 15th column (O, Sumber since Periksa
    # came before it) has no old header style to copy.
    assert _gaya(baru, 1) == {k: "2" for k in "ABCDEFGHIJKLMN"} | {"O": None}
    assert re.search(r'<row r="1" ht="30" customHeight="1">', baru)
    # Data: every row takes row 2's styles per column; columns without one stay unstyled
    # (N, Periksa, is blank in these rows: no cell).
    gaya2 = _gaya(lama, 2)
    harap = {k: gaya2.get(k) for k in "ABCDEFGHIJKLM"} | {"O": None}
    for r in range(2, 8):
        assert _gaya(baru, r) == harap
    # Everything outside sheetData is kept, only dimension and autoFilter follow the rows.
    def luar(x: str) -> str:
        x = re.sub(r"<sheetData>.*</sheetData>", "", x, flags=re.S)
        return re.sub(r'(dimension|autoFilter) ref="[^"]*"', "", x).split("?>", 1)[1].strip()
    assert luar(baru) == luar(lama)
    # the filter keeps the old master's columns; its rows follow the data
    assert '<dimension ref="A1:O7"/>' in baru and '<autoFilter ref="A1:N7"/>' in baru
    for tag in ("cols", "sheetViews", "conditionalFormatting", "pageMargins"):
        assert elemen(baru, tag) == elemen(lama, tag)

    wb = openpyxl.load_workbook(io.BytesIO(baru_data))
    ws = wb["Data Anggaran"]
    assert [c.value for c in ws[1]] == DATA_ANGGARAN.judul
    assert ws["A1"].font.b and ws.row_dimensions[1].height == 30
    assert all(ws.cell(r, 7).number_format == F_RP for r in range(2, 8))
    assert ws["M7"].number_format == "0.00%"
    assert ws.column_dimensions["A"].width == pytest.approx(20.7109375)
    assert ws.freeze_panes == "A2"
    assert ws["G7"].value == 1500000.25 * 6 and ws["O7"].value == "=bukan rumus"
    assert ws["O7"].data_type == "s"


def test_nama_dan_area_cetak_mengikuti_baris(induk):
    wb_lama = teks(induk, WB)
    for n, akhir in ((6, 7), (1, 2), (0, 2)):
        wb_baru = teks(_tulis(induk, _baris(n, 1)), WB)
        nama = _nama(wb_baru)
        assert nama[("Ang_Pagu", None)] == f"'Data Anggaran'!$G$2:$G${akhir}"
        assert nama[("Ang_Fisik", None)] == f"'Data Anggaran'!$M$2:$M${akhir}"
        assert nama[("Daftar_Kode", None)] == f"'Data Anggaran'!$B$2:$B${akhir}"
        # Print area and filter range follow the rows (header only when there are none).
        assert nama[("_xlnm.Print_Area", "1")] == f"'Data Anggaran'!$A$1:$N${n + 1}"
        assert nama[("_xlnm._FilterDatabase", "1")] == f"'Data Anggaran'!$A$1:$N${n + 1}"
        # Every skema name of the sheet exists, the missing ones appended.
        skema = {k.nama for k in DATA_ANGGARAN.kolom if k.nama}
        assert skema <= {k for k, lokal in nama if lokal is None}
        # Unrelated names keep their exact element text; so does the rest of workbook.xml.
        for e in elemen(wb_lama, "definedName"):
            if re.search(r'name="(Judul|Konstanta|Lokal|Seluruh)"', e):
                assert e in elemen(wb_baru, "definedName")
        assert tanpa_bagian_milik(wb_baru) == tanpa_bagian_milik(wb_lama)
        assert elemen(wb_baru, "sheets") == elemen(wb_lama, "sheets")
        # nothing reads the owned sheets here: an old run's fullCalcOnLoad is removed
        assert elemen(wb_baru, "calcPr") == [re.sub(r'\s*fullCalcOnLoad="[^"]*"', "", c)
                                             for c in elemen(wb_lama, "calcPr")]
        # Only the names that change are edited: same elements in the same order first.
        lama_urut = [re.sub(r">.*<", "><", e) for e in elemen(wb_lama, "definedName")]
        baru_urut = [re.sub(r">.*<", "><", e) for e in elemen(wb_baru, "definedName")]
        assert baru_urut[:len(lama_urut)] == lama_urut


def test_bagian_lain_tidak_berubah(induk):
    hasil = _tulis(induk, _baris(4))
    lama, baru = bagian(induk), bagian(hasil)
    assert {n for n in lama if lama[n] != baru.get(n)} == {ANG, WB, LAP}
    assert lama.keys() == baru.keys()
    # Laporan changed only in its formulas' stored values (sync/tulis/segar.py):
    # SUM(Ang_Pagu) = 1500000.25 * (0+1+2+3) and COUNTA(B:B)-1 = 4 rows
    buang = re.compile(r"<v>[^<]*</v>")
    assert buang.sub("", lama[LAP].decode()) == buang.sub("", baru[LAP].decode())
    lap = CalamineWorkbook.from_filelike(io.BytesIO(hasil)).get_sheet_by_name("Laporan")
    assert lap.to_python()[1][0] == 1500000.25 * 6 and lap.to_python()[2][0] == 4


def test_idempoten_dan_satu_sel(induk):
    baris = _baris(5, 1)
    sekali = _tulis(induk, baris)
    assert _tulis(sekali, baris) == sekali
    assert _tulis(induk, baris) == sekali
    # One changed cell changes exactly that cell's XML.
    baris2 = [list(r) for r in baris]
    baris2[2][6] = 42.5
    dua = teks(_tulis(sekali, baris2), ANG)
    satu = teks(sekali, ANG)
    sel_lama = re.search(r'<c r="G4"[^>]*>.*?</c>', satu).group(0)
    sel_baru = re.search(r'<c r="G4"[^>]*>.*?</c>', dua).group(0)
    assert sel_lama != sel_baru and "<v>42.5</v>" in sel_baru
    assert satu.replace(sel_lama, sel_baru) == dua
    assert bagian(_tulis(sekali, baris2)).keys() == bagian(sekali).keys()


def test_lembar_lain_dalam_plan_tidak_disentuh(induk):
    """A plan naming only Riwayat adds it and leaves 'Data Anggaran' and its names alone."""
    hasil = susun(induk, Rencana({"Riwayat": [["2024-01-01 10:00", "staf", 2024]]}))
    assert bagian(hasil.data)[ANG] == bagian(induk)[ANG]
    assert hasil.lembar_baru == ["Riwayat"]
    nama = _nama(teks(hasil.data, WB))
    assert nama[("Ang_Pagu", None)] == "'Data Anggaran'!$G$2:$G$4"


def test_teks_aneh_tetap_teks(induk):
    nilai = ["=1+1", "@SUM(A1)", "+1", "-1", "_x0041_", "a\x00b\x1fc", "tab\tdan\r\nbaris",
             "  depan", "ꦗꦮ 🙂", "x" * 40000]
    baris = [[v] + [None] * 13 for v in nilai]
    data = _tulis(induk, baris)
    xml = teks(data, ANG)
    assert "<f>" not in xml and "<f " not in xml
    cal = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Data Anggaran")
    dibaca = [r[0] for r in cal.to_python(skip_empty_area=False)[1:]]
    harap = [v.replace("\x00", "").replace("\x1f", "") for v in nilai]
    harap[-1] = "x" * 32767  # Excel's cell limit
    assert dibaca == harap


def test_gaya_aneh_tidak_masuk_ke_baris(induk):
    """A style attribute that is not an index (a damaged or hostile master) is not copied
    into the new rows: the sheet stays well-formed and nothing of it is run."""
    z = zipfile.ZipFile(io.BytesIO(induk))
    xml = z.read(ANG).decode()
    aneh = "1&quot;}{a0}{__import__(&apos;os&apos;)}&lt;x"
    xml2, n = re.subn(r'(<c r="G2"[^>]*?\bs=")\d+(")', rf"\g<1>{aneh}\g<2>", xml)
    assert n == 1
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in z.infolist():
            zo.writestr(info, xml2 if info.filename == ANG else z.read(info))
    data = _tulis(keluar.getvalue(), _baris(3))
    baru = teks(data, ANG)
    assert _gaya(baru, 3)["G"] is None and _gaya(baru, 3)["H"] == _gaya(xml, 2)["H"]
    ws = openpyxl.load_workbook(io.BytesIO(data))["Data Anggaran"]
    assert ws["G3"].value == 1500000.25 and ws["O3"].value == "=bukan rumus"


def test_angka_presisi_penuh(induk):
    angka = [0.1 + 0.2, 1 / 3, 1e-300, -2.5e300, 123456789012345, 2**53, 5e-324, -0.0]
    data = _tulis(induk, [[None] * 6 + [v] for v in angka])
    cal = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("Data Anggaran")
    assert [r[6] for r in cal.to_python(skip_empty_area=False)[1:]] == angka


def _master_dengan(tmp_path, buat) -> bytes:
    p = tmp_path / "m.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    buat(wb)
    wb.close()
    return p.read_bytes()


def test_tolak_chartsheet(tmp_path):
    def buat(wb):
        ws = wb.add_worksheet("Data")
        ws.write_column("A1", [1, 2, 3])
        cs = wb.add_chartsheet("riwayat")  # Excel compares sheet names case-insensitively
        ch = wb.add_chart({"type": "line"})
        ch.add_series({"values": "=Data!$A$1:$A$3"})
        cs.set_chart(ch)
    data = _master_dengan(tmp_path, buat)
    with pytest.raises(TulisDitolak, match="bukan lembar kerja biasa.*chartsheet"):
        susun(data, Rencana({"Riwayat": [["x"]]}))


def test_tolak_tabel_excel_di_lembar_milik(tmp_path):
    def buat(wb):
        ws = wb.add_worksheet("Pemeriksaan")
        ws.add_table("A1:H3", {"columns": [{"header": h} for h in
                                           ["No", "Tingkat", "Bidang", "Tab", "Sel", "Nilai",
                                            "Pesan", "Tautan"]]})
    with pytest.raises(TulisDitolak, match="Tabel Excel"):
        susun(_master_dengan(tmp_path, buat), Rencana({"Pemeriksaan": [[1, "galat"]]}))


@pytest.mark.parametrize("rencana", [
    Rencana({"Laporan": [["x"]]}),
    Rencana({"Riwayat": [["x"] * (len(RIWAYAT.kolom) + 1)]}),
    Rencana({"Riwayat": [[object()]]}),
    Rencana({"Riwayat": BarisKolom([["x"], [1.5], [object()]])}),
    Rencana({"Riwayat": BarisKolom([["x"]] * (len(RIWAYAT.kolom) + 1))}),
])
def test_tolak_plan_tidak_sah(induk, rencana):
    with pytest.raises(TulisDitolak):
        susun(induk, rencana)


def test_tolak_bukan_xlsx():
    with pytest.raises(TulisDitolak, match="bukan berkas Excel"):
        susun(b"bukan zip", plan_contoh())


def _dengan_calcchain(induk: bytes, sheet_id: int) -> bytes:
    """The master with a calcChain naming one cell on sheet `sheet_id`."""
    lama = bagian(induk)
    lama["xl/calcChain.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<calcChain xmlns="http://'
        f'schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A2" i="{sheet_id}"/>'
        '<c r="A3"/></calcChain>').encode()
    lama["xl/_rels/workbook.xml.rels"] = lama["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>')
    lama["[Content_Types].xml"] = lama["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for n, isi in lama.items():
            z.writestr(n, isi)
    return keluar.getvalue()


def test_calcchain_dibuang_bila_menyebut_lembar_milik(induk):
    data = _dengan_calcchain(induk, sheet_id=2)  # 'Data Anggaran'
    hasil = _tulis(data, _baris(2))
    p = bagian(hasil)
    assert "xl/calcChain.xml" not in p
    assert b"calcChain" not in p["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in p["[Content_Types].xml"]
    lama = bagian(data)
    # The rest of rels and content types keeps its text.
    assert p["xl/_rels/workbook.xml.rels"] == re.sub(
        rb'<Relationship Id="rId99"[^>]*/>', b"", lama["xl/_rels/workbook.xml.rels"])
    assert p["[Content_Types].xml"] == re.sub(
        rb'<Override PartName="/xl/calcChain.xml"[^>]*/>', b"", lama["[Content_Types].xml"])
    openpyxl.load_workbook(io.BytesIO(hasil))


def test_calcchain_dipertahankan_bila_lembar_lain(induk):
    data = _dengan_calcchain(induk, sheet_id=1)  # 'Laporan' only
    lama, baru = bagian(data), bagian(_tulis(data, _baris(2)))
    for n in ("xl/calcChain.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        assert baru[n] == lama[n]


WB_MODERN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr" '
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">'
    '<x:fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>'
    '<x:workbookPr defaultThemeVersion="166925"/>'
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\staf\\Documents\\" '
    'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice>'
    '</mc:AlternateContent>'
    '<xr:revisionPtr revIDLastSave="0" documentId="8_{1D2C}" xr6:coauthVersionLast="47" '
    'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6"/>'
    '<x:bookViews><x:workbookView xWindow="-120" yWindow="-120" windowWidth="29040" '
    'windowHeight="15840"/></x:bookViews>'
    '<x:sheets><x:sheet name="Laporan" sheetId="3" rel:id="rId1"/></x:sheets>'
    '<x:extLst><x:ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}"><x15:workbookPr '
    'chartTrackingRefBase="1"/></x:ext></x:extLst></x:workbook>')


def test_workbook_modern_dengan_awalan(tmp_path):
    """A workbook.xml with prefixes, mc:AlternateContent, no definedNames, no calcPr."""
    def buat(wb):
        wb.add_worksheet("Laporan").write("A1", "Laporan")
    lama = bagian(_master_dengan(tmp_path, buat))
    lama[WB] = WB_MODERN.encode()
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for n, isi in lama.items():
            z.writestr(n, isi)
    hasil = susun(keluar.getvalue(), Rencana({"Data Statistik": [["B", "ST-1", "Uraian", "%",
                                                                2024, 12.5]]}))
    wb = teks(hasil.data, WB)
    assert '<x:sheet name="Data Statistik" sheetId="4" rel:id="rId' in wb
    assert re.search(r'</x:sheets><x:definedNames><x:definedName name="Stat_Bidang">'
                     r"'Data Statistik'!\$A\$2:\$A\$2</x:definedName>.*</x:definedNames>"
                     r"<x:extLst>", wb)  # no formula reads the data: no calcPr needed
    # when one does and cannot be computed, calcPr goes in its schema place, prefixed
    assert '</x:definedNames><x:calcPr fullCalcOnLoad="1"/><x:extLst>' in ubah_workbook(
        wb, [], [], hitung_penuh=True)
    # Everything else keeps its text.
    sisa = re.sub(r"<x:definedNames>.*</x:definedNames>|<x:calcPr[^>]*/>|"
                  r'<x:sheet name="Data Statistik"[^>]*/>', "", wb)
    assert sisa == WB_MODERN
    ws = openpyxl.load_workbook(io.BytesIO(hasil.data))["Data Statistik"]
    assert [c.value for c in ws[2]] == ["B", "ST-1", "Uraian", "%", 2024, 12.5, None, None]


def test_nama_kosong_diisi(induk):
    """An empty <definedName .../> of a skema name is filled in, not duplicated."""
    lama = bagian(induk)
    lama[WB] = lama[WB].replace(b'<definedName name="Daftar_Kode">',
                                b'<definedName name="Ang_Kode" hidden="1"/>'
                                b'<definedName name="Daftar_Kode">')
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for n, isi in lama.items():
            z.writestr(n, isi)
    wb = teks(_tulis(keluar.getvalue(), _baris(2)), WB)
    assert wb.count('name="Ang_Kode"') == 1
    assert '<definedName name="Ang_Kode" hidden="1">\'Data Anggaran\'!$B$2:$B$3</definedName>' in wb


def test_potong_sheetdata_tidak_mengubah_hasil(monkeypatch):
    """Cutting the old rows before parsing gives the same sheet as parsing them all, for
    every worksheet of the Excel-authored corpus treated as an owned sheet."""
    from conftest import KORPUS

    from sync.tulis import lembar as tl

    rencana = plan_contoh(baris=4)
    diperiksa = dipotong = 0
    for p in sorted(KORPUS.glob("*.xls[xm]")):
        for nama, xml in bagian(p.read_bytes()).items():
            if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", nama):
                continue
            try:
                cepat = tl.tulis_ulang_lembar(xml, DATA_ANGGARAN,
                                              rencana.lembar[DATA_ANGGARAN.nama])
            except tl.LembarTidakDidukung:
                continue
            with monkeypatch.context() as m:
                m.setattr(tl, "potong_sheetdata", lambda x: x)
                penuh = tl.tulis_ulang_lembar(xml, DATA_ANGGARAN,
                                              rencana.lembar[DATA_ANGGARAN.nama])
            assert cepat.xml == penuh.xml, f"{p.name} {nama}"
            diperiksa += 1
            dipotong += len(tl.potong_sheetdata(xml)) < len(xml)
    assert diperiksa > 300 and dipotong > 100, (diperiksa, dipotong)
