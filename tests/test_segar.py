"""Fresh stored values after a file write (sync/tulis/segar.py).

A viewer that does not recalculate (python-calamine here, LibreOffice by default, a PDF)
shows a formula's stored value, so after a consolidation every formula that reads the
owned sheets must store its new value, and nothing else may change.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from python_calamine import CalamineWorkbook

import workbooks
from addin.galat import GalatExcel
from sync.konsolidasi import konsolidasi
from sync.model import skema
from sync.tulis import segar

mesin = pytest.importorskip("addin.mesin")


def _calamine(path: Path) -> dict[str, list[list[object]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


def _sel(lembar: list[list[object]], alamat: str) -> object:
    kol, baris = coordinate_from_string(alamat)
    k = column_index_from_string(kol) - 1
    return lembar[baris - 1][k] if baris - 1 < len(lembar) and k < len(lembar[baris - 1]) \
        else None


def _sama(dibaca: object, dihitung: object) -> bool:
    if isinstance(dihitung, GalatExcel):
        return str(dibaca) == dihitung.kode
    if isinstance(dihitung, (int, float)) and not isinstance(dihitung, bool):
        return isinstance(dibaca, (int, float)) and abs(dibaca - dihitung) <= 1e-9 * max(
            1.0, abs(dihitung))
    if dihitung in ("", None):
        return dibaca in ("", None)
    return dibaca == dihitung


def _bagian(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _calcpr(path: Path) -> str:
    return re.search(r"<calcPr[^>]*>", _bagian(path)["xl/workbook.xml"].decode())[0]


@pytest.fixture
def contoh_diubah(tmp_path) -> Path:
    """The example master and sources, with 04-koperasi's IK-KOP-02 2017 realisation
    changed from 230 to 400."""
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    sumber = tmp_path / "contoh" / "04-koperasi.xlsx"
    wb = openpyxl.load_workbook(sumber)
    ws = wb["Indikator"]
    (baris,) = [r for r in ws.iter_rows(min_row=4) if r[0].value == "IK-KOP-02"
                and r[5].value == 2017]
    assert baris[11].value == 230  # Realisasi
    baris[11].value = 400
    wb.save(sumber)
    return tmp_path / "LKjIP-2021.xlsx"


def test_changed_figure_reaches_every_report_cell(contoh_diubah, tmp_path):
    keluaran = tmp_path / "hasil.xlsx"
    h = konsolidasi(contoh_diubah, keluaran=keluaran)
    assert h.ditulis, h.pesan
    assert not [t for t in h.temuan if t.kode == "rumus_tidak_terhitung"]
    assert "fullCalcOnLoad" not in _calcpr(keluaran)

    dibaca = _calamine(keluaran)
    dihitung = mesin.hitung_buku(keluaran)  # what `kinerja hitung` computes
    beda = [(lembar, a, _sel(dibaca[lembar], a), v) for lembar, sel in dihitung.items()
            for a, v in sel.items() if not _sama(_sel(dibaca[lembar], a), v)]
    assert beda == []
    assert sum(len(s) for s in dihitung.values()) > 500

    # Tabel 3.5, IK-KOP-02: realisation 2017 400 against a target of 986 (hand: 40.568%)
    t35 = dibaca["Tabel 3.5"]
    (r,) = [i for i, b in enumerate(t35) if b and b[0] == "IK-KOP-02"]
    baris = t35[r]
    assert 400 in baris and 230 not in baris
    assert any(isinstance(v, float) and abs(v - 400 / 986) < 1e-12 for v in baris)

    # Only the owned sheets, workbook.xml and the dependent report sheets changed.
    lama, baru = _bagian(contoh_diubah), _bagian(keluaran)
    beda_bagian = {n for n in lama if lama[n] != baru.get(n)}
    nama_bagian = _nama_bagian(keluaran)
    assert {nama_bagian[n] for n in beda_bagian if n in nama_bagian} >= {"Tabel 3.5",
                                                                          "Data Indikator"}
    # (an owned sheet's relationships part holds its hyperlinks: Pemeriksaan's Tautan)
    milik = {n for n, lembar in nama_bagian.items() if lembar in skema.NAMA_LEMBAR_MILIK}
    rels_milik = {posixpath.join(posixpath.dirname(n), "_rels", posixpath.basename(n) + ".rels")
                  for n in milik}
    assert beda_bagian <= set(nama_bagian) | {"xl/workbook.xml"} | rels_milik
    assert nama_bagian["Pengaturan"] not in beda_bagian


def _nama_bagian(path: Path) -> dict[str, str]:
    """Sheet name -> worksheet part, and part -> sheet name."""
    p = _bagian(path)
    rels = dict(re.findall(r'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"',
                           p["xl/_rels/workbook.xml.rels"].decode()))
    hasil = {}
    for nama, rid in re.findall(r'<sheet name="([^"]+)"[^>]*r:id="([^"]+)"',
                                p["xl/workbook.xml"].decode()):
        bagian = "xl/" + rels[rid].lstrip("/").removeprefix("xl/")
        hasil[bagian], hasil[nama] = nama, bagian
    return hasil


# --- a user's own sheet over Data Indikator ----------------------------------------------

REAL = "'Data Indikator'!$M$2:$M$500"
KODE = "'Data Indikator'!$B$2:$B$500"
TAHUN = "'Data Indikator'!$G$2:$G$500"


def _induk_pengguna(path: Path, rumus_lain: dict[str, tuple[str, object]] | None = None
                    ) -> None:
    """A small master: Pengaturan, the user's sheet 'Catatan Saya' with formulas over Data
    Indikator (stored values deliberately stale), and an untouched sheet of values."""
    wb = xlsxwriter.Workbook(str(path))
    _pengaturan(wb, path.parent)
    ws = wb.add_worksheet("Catatan Saya")
    ws.write_formula("A1", f'=SUMIFS({REAL},{KODE},"IK-KOP-02",{TAHUN},2017)', None, 1)
    ws.write_formula("A2", "=A1*2", None, 2)                       # through another cell
    ws.write_formula("A3", "=1+1", None, 7)                        # reads nothing owned
    ws.write_formula("A4", f'=IF(COUNTIF({KODE},"IK-KOP-02")>0,"ada","tidak")', None, 0)
    ws.write_formula("A5", f"=MAX({REAL})>1E+300", None, "ya")    # text -> boolean
    ws.write_formula("A6", f'=CAPAIAN(A1,SUMIFS(\'Data Indikator\'!$H$2:$H$500,{KODE},'
                     f'"IK-KOP-02",{TAHUN},2017))', None, 0)      # Kinerja's function
    for alamat, (teks, nilai) in (rumus_lain or {}).items():
        ws.write_formula(alamat, teks, None, nilai)
    ws = wb.add_worksheet("Arsip")
    ws.write_row(0, 0, [1, "dua", 3.5])
    ws.write_formula("A2", "=A1+1", None, 2)
    wb.close()


def _pengaturan(wb: xlsxwriter.Workbook, folder: Path) -> None:
    """Pengaturan naming one source: a copy of the example 04-koperasi.xlsx."""
    shutil.copyfile(workbooks.CONTOH / "04-koperasi.xlsx", folder / "04-koperasi.xlsx")
    ws = wb.add_worksheet("Pengaturan")
    ws.write_row(0, 0, ["Tahun Laporan", 2021])
    ws.write_row(2, 0, ["Bidang", "Singkatan", "Alamat", "Aktif"])
    ws.write_row(3, 0, ["Koperasi", "KOP", "04-koperasi.xlsx", "ya"])


def _kolom_indikator() -> None:
    """The columns the user's formulas name are Data Indikator's Kode, Tahun, Target and
    Realisasi (the schema decides; this test checks its own assumption)."""
    from sync.model import skema

    huruf = {k.kunci: chr(65 + i) for i, k in enumerate(skema.DATA_INDIKATOR.kolom)}
    assert (huruf["kode"], huruf["tahun"], huruf["target"], huruf["realisasi"]) == \
        ("B", "G", "H", "M")


def test_user_sheet_formulas_get_fresh_values(tmp_path):
    _kolom_indikator()
    induk = tmp_path / "induk.xlsx"
    _induk_pengguna(induk)
    h = konsolidasi(induk)
    assert h.ditulis, h.pesan
    saya = _calamine(induk)["Catatan Saya"]
    assert _sel(saya, "A1") == 230 and _sel(saya, "A2") == 460  # 04-koperasi: 230 in 2017
    assert _sel(saya, "A3") == 7   # not a dependent: its stored value is left alone
    assert _sel(saya, "A4") == "ada"
    assert _sel(saya, "A5") is False
    assert abs(_sel(saya, "A6") - 230 / 986) < 1e-12
    assert "fullCalcOnLoad" not in _calcpr(induk)
    lama = _bagian(tmp_path / ".cadangan" / next((tmp_path / ".cadangan").iterdir()).name)
    baru = _bagian(induk)
    bagian = _nama_bagian(induk)
    assert lama[bagian["Arsip"]] == baru[bagian["Arsip"]]       # byte-identical
    # In the user's sheet only the dependents' <v> and t= changed.
    xml_lama, xml_baru = (x[bagian["Catatan Saya"]].decode() for x in (lama, baru))
    buang = re.compile(r"<v>[^<]*</v>|\s+t=\"[^\"]*\"")
    assert buang.sub("", xml_lama) == buang.sub("", xml_baru)
    assert re.search(r'<c r="A5"[^>]*t="b"[^>]*><f>[^<]*</f><v>0</v></c>', xml_baru)


def test_uncomputable_dependents_keep_their_value_and_ask_excel(tmp_path):
    induk = tmp_path / "induk.xlsx"
    _induk_pengguna(induk, {
        "B1": (f"=FUNGSIASING({REAL})", 5),        # a function the engine does not know
        "B2": ("=B3+'Data Indikator'!$M$2", 6),    # circular through B3
        "B3": ("=B2+1", 7),
    })
    h = konsolidasi(induk)
    assert h.ditulis, h.pesan
    saya = _calamine(induk)["Catatan Saya"]
    assert [_sel(saya, a) for a in ("B1", "B2", "B3")] == [5, 6, 7]
    assert _sel(saya, "A1") == 230  # the computable ones are still refreshed
    (t,) = [t for t in h.temuan if t.kode == "rumus_tidak_terhitung"]
    assert t.tingkat == "info" and t.nilai == 3
    assert "Catatan Saya!B1, B2, B3" in t.pesan
    assert 'fullCalcOnLoad="1"' in _calcpr(induk)
    # the finding is in the master too: Pemeriksaan's last row (a new sheet here)
    periksa = [r for r in _calamine(induk)["Pemeriksaan"] if any(v != "" for v in r)]
    assert periksa[-1][0] == len(periksa) - 1 and periksa[-1][1:2] == ["info"]
    assert periksa[-1][6] == t.pesan

    # a second run rewrites the existing Pemeriksaan: the finding once, still last
    h = konsolidasi(induk)
    assert h.ditulis, h.pesan
    periksa = [r for r in _calamine(induk)["Pemeriksaan"] if any(v != "" for v in r)]
    assert [r[6] for r in periksa].count(t.pesan) == 1 and periksa[-1][6] == t.pesan


def test_master_without_dependents_is_not_computed(tmp_path, monkeypatch):
    """No formula reads an owned sheet: the engine is not run (the bench master's large
    untouched sheets stay as they are) and no recalculation is asked for."""
    induk = tmp_path / "induk.xlsx"
    wb = xlsxwriter.Workbook(str(induk))
    _pengaturan(wb, tmp_path)
    wb.add_worksheet("Arsip").write_formula("A1", "=1+1", None, 2)
    wb.close()

    def jangan(*_a, **_k):
        raise AssertionError("the engine ran although nothing depends on the owned sheets")

    monkeypatch.setattr(segar, "segarkan", jangan)
    h = konsolidasi(induk)
    assert h.ditulis, h.pesan
    assert "fullCalcOnLoad" not in _bagian(induk)["xl/workbook.xml"].decode()


# --- the cell edit itself ----------------------------------------------------------------


@pytest.mark.parametrize(("sel", "nilai", "harap"), [
    ('<c r="A1" s="2"><f>X</f><v>1</v></c>', 2.5, '<c r="A1" s="2"><f>X</f><v>2.5</v></c>'),
    ('<c r="A1"><f>X</f><v>1</v></c>', "a<b", '<c r="A1" t="str"><f>X</f><v>a&lt;b</v></c>'),
    ('<c r="A1" t="str"><f>X</f><v>a</v></c>', 3.0, '<c r="A1"><f>X</f><v>3</v></c>'),
    ('<c r="A1" t="b"><f>X</f><v>1</v></c>', GalatExcel("#DIV/0!"),
     '<c r="A1" t="e"><f>X</f><v>#DIV/0!</v></c>'),
    ('<c r="A1"><f>X</f></c>', True, '<c r="A1" t="b"><f>X</f><v>1</v></c>'),
    ('<x:c r="A1" t="e"><x:f>X</x:f><x:v>#N/A</x:v></x:c>', "",
     '<x:c r="A1" t="str"><x:f>X</x:f><x:v></x:v></x:c>'),
    ('<c r="A1"><f>X</f><v>1</v></c>', "a\x01b\rc",   # XML-forbidden character dropped
     '<c r="A1" t="str"><f>X</f><v>ab&#13;c</v></c>'),
    ('<c r="A1" s="1"><f t="shared" si="0"/><v>4</v></c>', 4.0,
     '<c r="A1" s="1"><f t="shared" si="0"/><v>4</v></c>'),   # equal: bytes kept
])
def test_cell_edit(sel, nilai, harap):
    xml = f"<sheetData><row r=\"1\">{sel}<c r=\"B1\"><v>9</v></c></row></sheetData>"
    baru, _ = segar.tulis_nilai(xml, {"A1": nilai})
    assert baru == xml.replace(sel, harap)
    # reading it back gives the value written
    (m,) = [m for m in segar._SEL.finditer(baru) if 'r="A1"' in m[2]]
    kembali = segar._sel_lama(m[2], m[3])
    assert segar._sama(kembali, nilai.replace("\x01", "") if isinstance(nilai, str) else nilai)
