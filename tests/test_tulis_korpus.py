"""No-loss proof on the Excel-authored corpus: every part the writer does not own
keeps its exact bytes, and the result opens in openpyxl, calamine and LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import subprocess
import warnings
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from conftest import KORPUS
from lxml import etree as lxml_etree
from python_calamine import CalamineWorkbook
from tulis_bantu import (
    bagian,
    elemen,
    harapan,
    info,
    plan_contoh,
    tanpa_bagian_milik,
)

from sync.induk.lembar_lama import serial_excel
from sync.model.skema import LEMBAR_MILIK, NAMA_LEMBAR_MILIK, Rencana
from sync.model.tolak import TulisDitolak
from sync.tulis.susun import susun

BERKAS = sorted(p for p in KORPUS.glob("*") if p.suffix in (".xlsx", ".xlsm"))
PLAN = plan_contoh()
WB, RELS, CT = "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"


def test_korpus_lengkap():
    assert len(BERKAS) == 286


def _lembar_milik_baru(lama: dict[str, bytes], baru: dict[str, bytes]) -> set[str]:
    """Part names of the worksheets the write added, found through workbook.xml + rels."""
    rels = {}
    for m in re.finditer(r"<Relationship\b[^>]*/>", baru[RELS].decode()):
        a = dict(re.findall(r'(\w+)="([^"]*)"', m.group(0)))
        rels[a["Id"]] = "xl/" + a["Target"]
    hasil = set()
    for m in re.finditer(r"<sheet\b[^>]*/>", baru[WB].decode()):
        a = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(0)))
        if a["name"] in NAMA_LEMBAR_MILIK:
            hasil.add(rels[a["r:id"]])
    assert not hasil & set(lama), "the corpus has no owned sheets: all must be new parts"
    return hasil


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _gaya_hanya_ditambah(lama: dict, baru: dict, beda: set[str]) -> None:
    """Pemeriksaan's Nilai formats follow its rows (sync/tulis/gaya.py): a style the new
    rows need is appended to cellXfs, every style there is kept. styles.xml is then
    taken out of `beda`."""
    b = next((n for n in beda if n.endswith("styles.xml")), None)
    if b is None:
        return
    xfs = [lxml_etree.fromstring(p[b]).find(f"{{{NS}}}cellXfs") for p in (lama, baru)]
    kanon = [[lxml_etree.tostring(x, method="c14n", with_tail=False) for x in xs]
             for xs in xfs]
    assert kanon[1][:len(kanon[0])] == kanon[0] and len(kanon[1]) > len(kanon[0])
    beda.discard(b)


def _periksa_tanpa_hilang(asli: bytes, hasil: bytes) -> set[str]:
    """Assert only the writer's parts differ; return the set of parts that differ."""
    lama, baru = bagian(asli), bagian(hasil)
    milik = _lembar_milik_baru(lama, baru)
    boleh_ubah = {WB, RELS, CT} | milik
    calc = {n for n in lama if n.lower().endswith("calcchain.xml")}
    beda = {n for n in lama.keys() | baru.keys() if lama.get(n) != baru.get(n)}
    _gaya_hanya_ditambah(lama, baru, beda)
    assert beda <= boleh_ubah | calc, beda - boleh_ubah
    assert milik <= beda and WB in beda
    # Order, compression method and names of the untouched entries are kept.
    urut_lama = [(i.filename, i.compress_type) for i in info(asli)]
    urut_baru = [(i.filename, i.compress_type) for i in info(hasil) if i.filename not in milik]
    assert urut_baru == [u for u in urut_lama if u[0] in baru]

    # workbook.xml: outside sheets/definedNames/calcPr the text is unchanged, the old
    # <sheet> and <definedName> elements are kept verbatim and in order.
    wb_lama, wb_baru = lama[WB].decode(), baru[WB].decode()
    assert tanpa_bagian_milik(wb_baru) == tanpa_bagian_milik(wb_lama)
    s_lama, s_baru = elemen(wb_lama, "sheet"), elemen(wb_baru, "sheet")
    assert s_baru[:len(s_lama)] == s_lama and len(s_baru) == len(s_lama) + len(LEMBAR_MILIK)
    n_lama = elemen(wb_lama, "definedName")
    assert elemen(wb_baru, "definedName")[:len(n_lama)] == n_lama
    # No formula of these workbooks reads the new owned sheets (sync/tulis/segar.py): no
    # recalculation is asked for on opening, and a calcPr is kept as it was, minus the flag.
    calc_lama, calc_baru = elemen(wb_lama, "calcPr"), elemen(wb_baru, "calcPr")
    assert "fullCalcOnLoad" not in wb_baru
    assert calc_baru == [re.sub(r'\s*fullCalcOnLoad="[^"]*"', "", c) for c in calc_lama]

    # Relationships and content types: old entries kept verbatim, only worksheets added.
    for nama, tag in ((RELS, "Relationship"), (CT, "Override")):
        e_lama, e_baru = elemen(lama[nama].decode(), tag), elemen(baru[nama].decode(), tag)
        assert e_baru[:len(e_lama)] == e_lama
        assert all("worksheet" in e for e in e_baru[len(e_lama):])
        assert len(e_baru) == len(e_lama) + len(LEMBAR_MILIK)
    return beda


def _baca_openpyxl(data: bytes) -> dict[str, list[list[object]]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about corpus features it drops
        wb = openpyxl.load_workbook(io.BytesIO(data))
    return {n: [[c.value for c in r] for r in wb[n].iter_rows()] for n in NAMA_LEMBAR_MILIK}


def _periksa_nilai(data: bytes, rencana: Rencana) -> None:
    """Every written cell reads back exactly, and text stays text (openpyxl, calamine)."""
    dibaca = _baca_openpyxl(data)
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for lm in LEMBAR_MILIK:
        op = dibaca[lm.nama]
        assert op[0] == lm.judul
        assert [[harapan(v) for v in r] for r in op[1:]] == \
            [[harapan(v) for v in r] for r in rencana.lembar[lm.nama]]
        cal = wb.get_sheet_by_name(lm.nama).to_python(skip_empty_area=False)
        assert cal[0] == lm.judul
        for r_cal, r_plan in zip(cal[1:], rencana.lembar[lm.nama], strict=True):
            for a, b in zip(r_cal, r_plan, strict=True):
                b = harapan(b)
                assert (a if a != "" else None) == b and type(a) is (
                    float if type(b) is int else str if b is None else type(b))


@pytest.mark.parametrize("berkas", BERKAS, ids=[p.name for p in BERKAS])
def test_korpus_tanpa_hilang(berkas: Path):
    asli = berkas.read_bytes()
    hasil = susun(asli, PLAN)
    _periksa_tanpa_hilang(asli, hasil.data)
    _periksa_nilai(hasil.data, PLAN)

    # Rewriting the now-existing owned sheets touches only them and workbook.xml.
    plan2 = plan_contoh(baris=5, geser=3)
    kedua = susun(hasil.data, plan2)
    p1, p2 = bagian(hasil.data), bagian(kedua.data)
    milik = _lembar_milik_baru(bagian(asli), p1)
    beda = {n for n in p1.keys() | p2.keys() if p1.get(n) != p2.get(n)}
    _gaya_hanya_ditambah(p1, p2, beda)
    assert beda == milik | {WB}
    _periksa_nilai(kedua.data, plan2)

    # Idempotent: the same plan again gives the same bytes, the whole package included.
    assert susun(hasil.data, PLAN).data == hasil.data
    assert susun(asli, PLAN).data == hasil.data


# --- an owned sheet that already exists, holding whatever Excel put in it -------------


def _jadikan_riwayat(asli: bytes) -> tuple[bytes, str, str]:
    """The file with its first sheet renamed 'Riwayat' (references follow); returns the
    new package, that sheet's part name and its relationship type."""
    p = bagian(asli)
    wb = p[WB].decode()
    m = re.search(r'<sheet name="([^"]+)" sheetId="\d+" r:id="([^"]+)"', wb)
    lama = m.group(1)
    wb = wb.replace(f'<sheet name="{lama}"', '<sheet name="Riwayat"', 1)
    wb = wb.replace(f"'{lama}'!", "Riwayat!").replace(f"{lama}!", "Riwayat!")
    p[WB] = wb.encode()
    rel = re.search(rf'<Relationship Id="{m.group(2)}" Type="([^"]+)" Target="([^"]+)"',
                    p[RELS].decode())
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for i in info(asli):
            z.writestr(i, p[i.filename], compress_type=i.compress_type)
    return keluar.getvalue(), "xl/" + rel.group(2), rel.group(1)


def _sama_nilai(a: object, b: object, tanggal_1904: bool) -> bool:
    """A value read back against the one written, up to representation: the old sheet's
    first data row may give a column a date format (a number then reads as a date with
    the same serial), and LibreOffice's copy keeps 15 digits and stores TRUE as 1."""
    b = harapan(b)
    if b is None:
        return a in ("", None)
    if isinstance(a, (dt.date, dt.time, dt.timedelta)):
        a = serial_excel(a, tanggal_1904)
    if isinstance(b, bool):
        return type(a) in (bool, float) and a == b
    if isinstance(b, (int, float)):
        return type(a) in (int, float) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b and type(a) is str


@pytest.mark.parametrize("berkas", BERKAS, ids=[p.name for p in BERKAS])
def test_korpus_lembar_milik_sudah_ada(berkas: Path):
    induk, lembar, jenis = _jadikan_riwayat(berkas.read_bytes())
    rencana = Rencana({"Riwayat": PLAN.lembar["Riwayat"]})
    xml = bagian(induk)[lembar].decode()
    if not jenis.endswith("/worksheet"):
        with pytest.raises(TulisDitolak, match="bukan lembar kerja biasa"):
            susun(induk, rencana)
        return
    if re.search(r"<tablePart\b", xml):
        with pytest.raises(TulisDitolak, match="Tabel Excel"):
            susun(induk, rencana)
        return
    hasil = susun(induk, rencana).data
    lama, baru = bagian(induk), bagian(hasil)
    beda = {n for n in lama.keys() | baru.keys() if lama.get(n) != baru.get(n)}
    calc = {n for n in lama if n.lower().endswith("calcchain.xml")}
    assert lembar in beda and beda <= {lembar, WB, RELS, CT} | calc
    if beda & {RELS, CT}:  # only when the calcChain went
        assert calc and not calc & baru.keys()
    assert tanpa_bagian_milik(baru[WB].decode()) == tanpa_bagian_milik(lama[WB].decode())
    # Outside sheetData (and the dropped merges) the sheet's XML elements are kept.
    baru_xml = baru[lembar].decode()
    for tag in ("cols", "sheetViews", "pageSetup", "headerFooter", "drawing",
                "legacyDrawing", "conditionalFormatting", "dataValidations", "hyperlinks"):
        assert len(elemen(baru_xml, tag)) == len(elemen(xml, tag)), tag
    assert "<mergeCell " not in baru_xml
    cal = CalamineWorkbook.from_filelike(io.BytesIO(hasil)).get_sheet_by_name("Riwayat")
    sel = cal.to_python(skip_empty_area=False)
    assert sel[0][:len(LEMBAR_MILIK[-1].judul)] == LEMBAR_MILIK[-1].judul
    tanggal_1904 = b'date1904="1"' in lama[WB]
    for r_cal, r_plan in zip(sel[1:], rencana.lembar["Riwayat"], strict=True):
        for a, b in zip(r_cal, r_plan, strict=False):
            assert _sama_nilai(a, b, tanggal_1904), (a, b)
    _baca_openpyxl_satu(hasil)


def _baca_openpyxl_satu(data: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(io.BytesIO(data))["Riwayat"]
    assert [c.value for c in ws[1]][:len(LEMBAR_MILIK[-1].judul)] == LEMBAR_MILIK[-1].judul


# --- LibreOffice ------------------------------------------------------------------

PER_PANGGILAN = 36  # files per soffice call; one very long call slows down and may stop early


def _konversi(soffice: str, berkas: list[Path], keluar: Path, profil: Path) -> str:
    """Open the files in LibreOffice and save them as ODS (CSV would walk every cell of
    a sheet whose used range is A1:XFD1048576, as in comment03, for minutes)."""
    r = subprocess.run(
        [soffice, f"-env:UserInstallation={profil.as_uri()}", "--headless", "--norestore",
         "--convert-to", "ods", "--outdir", str(keluar), *map(str, berkas)],
        capture_output=True, text=True, timeout=900)
    return r.stdout + r.stderr


def _master_lo(berkas: Path) -> tuple[bytes, bool]:
    """The corpus file with its first sheet renamed 'Riwayat' where that is a plain
    worksheet (so Riwayat takes the rewrite path and the other four are added), and the
    full sample plan written into it."""
    induk, lembar, jenis = _jadikan_riwayat(berkas.read_bytes())
    if not jenis.endswith("/worksheet") or b"<tablePart" in bagian(induk)[lembar]:
        return susun(berkas.read_bytes(), PLAN).data, False
    return susun(induk, PLAN).data, True


def test_korpus_dibuka_libreoffice(libreoffice, tmp_path):
    """All 286 results open in LibreOffice (saved again as ODS), and its copy of the owned
    sheets, added or rewritten, holds the written values, formula-like text as text.

    LibreOffice keeps 15 significant digits when it saves a number and has no boolean
    type (TRUE is 1 formatted as a boolean): hence the tolerance of _sama_nilai; our own
    file's exact values are checked above with openpyxl and calamine."""
    masuk = tmp_path / "masuk"
    masuk.mkdir()
    ditulis_ulang = 0
    for p in BERKAS:
        data, ulang = _master_lo(p)
        (masuk / p.name).write_bytes(data)
        ditulis_ulang += ulang
    assert ditulis_ulang > 270  # all but the chartsheet-first and table files
    semua = sorted(masuk.iterdir())
    kelompok = [semua[i:i + PER_PANGGILAN] for i in range(0, len(semua), PER_PANGGILAN)]
    keluar = tmp_path / "keluar"
    with ThreadPoolExecutor(2) as ex:  # two soffice processes, each with its own profile
        log = list(ex.map(lambda ik: _konversi(libreoffice, ik[1], keluar,
                                               tmp_path / f"profil{ik[0] % 2}"),
                          enumerate(kelompok)))
    gagal = []
    for p in semua:
        ods = keluar / f"{p.stem}.ods"
        if not ods.exists():
            gagal.append(f"{p.name}: tidak dapat dibuka LibreOffice")
            continue
        tanggal_1904 = b'date1904="1"' in bagian(p.read_bytes())[WB]
        wb = CalamineWorkbook.from_path(str(ods))
        for lm in LEMBAR_MILIK:
            sel = wb.get_sheet_by_name(lm.nama).to_python(skip_empty_area=False)
            if sel[0][:len(lm.kolom)] != lm.judul:
                gagal.append(f"{p.name}: judul {lm.nama} {sel[0]}")
            for r_lo, r_plan in zip(sel[1:], PLAN.lembar[lm.nama], strict=True):
                if not all(_sama_nilai(a, b, tanggal_1904)
                           for a, b in zip(r_lo, r_plan, strict=False)):
                    gagal.append(f"{p.name}: {lm.nama} {r_lo} != {r_plan}")
    assert not gagal, "\n".join(gagal[:20]) + "\n" + "\n".join(log)[-2000:]
