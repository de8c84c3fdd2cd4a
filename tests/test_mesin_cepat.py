"""The refresh's fast route (addin/mesin_cepat.py) against its plain reference, the whole
`formulas` engine (addin.mesin.model_buku, as `kinerja hitung`): every formula's value
and the set of cells that depend on the owned sheets must be the same, on the bundled
master, on masters consolidated from changed bidang figures, on a user's own sheet and
on the corpus workbooks; what the fast route does not handle must go to the reference.
"""

from __future__ import annotations

import math
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

import workbooks
from addin.galat import GalatExcel
from sync.konsolidasi import konsolidasi
from sync.tulis import segar

mesin = pytest.importorskip("addin.mesin")
from addin import mesin_cepat  # noqa: E402  (needs formulas, like addin.mesin)

MILIK = {"DATA INDIKATOR", "DATA ANGGARAN", "DATA STATISTIK", "PEMERIKSAAN", "RIWAYAT"}
KORPUS = Path(__file__).parent / "korpus"


def _sama(a: object, b: object) -> bool:
    """Equal stored values: numbers to 1e-9 relative, everything else exactly (type too)."""
    if isinstance(a, GalatExcel) or isinstance(b, GalatExcel):
        return isinstance(a, GalatExcel) and isinstance(b, GalatExcel) and a.kode == b.kode
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)
    return type(a) is type(b) and a == b


def _rumus(path: Path) -> set[tuple[str, str]]:
    wb = openpyxl.load_workbook(path)
    return {(ws.title.upper(), c.coordinate) for ws in wb.worksheets for r in ws.iter_rows()
            for c in r if c.data_type == "f"}


def _bandingkan(path: Path, milik: set[str]) -> mesin_cepat.Hasil:
    """Both routes on one workbook; returns the fast route's result after checking it."""
    cepat = mesin_cepat.hitung_cepat(path, milik)
    model, solusi = mesin.model_buku(path)
    acuan = mesin.nilai_per_sel(solusi)
    rumus = _rumus(path)
    assert set(cepat.nilai) == rumus
    beda = [(k, v, acuan.get(k, "tidak dihitung")) for k, v in cepat.nilai.items()
            if not _sama(v, acuan.get(k, object()))]
    assert beda == []
    graf = segar._bergantung(model.dsp.dmap, milik)
    harap = {lembar: {a for a in sel if (lembar, a) in rumus} for lembar, sel in graf.items()}
    assert cepat.tergantung == {k: v for k, v in harap.items() if v}
    return cepat


def test_shape_ignores_addresses_but_not_sizes_or_names():
    nama = {"IND_KODE"}
    a = mesin_cepat.bentuk('IF(E16>0,CAPAIAN(E16,E13,$B18),"x")', nama)
    b = mesin_cepat.bentuk('IF(F17>0,CAPAIAN(F17,F14,$B19),"x")', nama)
    assert a[0] == b[0] and b[1] == ["F17", "F17", "F14", "$B19"]  # every occurrence
    assert mesin_cepat.bentuk("SUM(A1:A3)", nama)[0] != mesin_cepat.bentuk("SUM(A1:A4)", nama)[0]
    assert mesin_cepat.bentuk("'Data Indikator'!$B$2:$B$9&Ind_Kode", nama)[1] == [
        "'Data Indikator'!$B$2:$B$9"]
    # what the scanner does not know is compiled on its own, never shared
    for teks in ("SUM(A:A)", "A1 B1", "SUM({1,2})", "Nama_Lain+1", "a1+1"):
        assert mesin_cepat.bentuk(teks, nama) is None


def test_bundled_master_same_as_the_whole_engine():
    h = _bandingkan(workbooks.INDUK, MILIK)
    # ~100 shapes for ~930 formulas (Tabel 2.6-3.10 and Analisis add their own), each
    # compiled once
    assert h.rumus > 500 and h.bentuk < h.rumus / 5
    assert sum(len(s) for s in h.tergantung.values()) > 500


@pytest.fixture
def induk_diubah(tmp_path) -> Path:
    """The example master and sources with 04-koperasi's IK-KOP-02 changed: 2017 realisation
    230 -> 400, 2018 realisation blank, 2020 target 0. (A text realisation is refused by
    the consolidation, bukan_angka: text in Data Indikator is in the user-sheet test.)"""
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    sumber = tmp_path / "contoh" / "04-koperasi.xlsx"
    wb = openpyxl.load_workbook(sumber)
    ubah = {2017: (11, 230, 400), 2018: (11, 232, None), 2020: (6, 1072, 0)}
    for r in wb["Indikator"].iter_rows(min_row=4):
        if r[0].value == "IK-KOP-02" and r[5].value in ubah:
            kol, lama, baru = ubah.pop(r[5].value)
            assert r[kol].value == lama
            r[kol].value = baru
    assert not ubah
    wb.save(sumber)
    return tmp_path / "LKjIP-2021.xlsx"


def test_changed_figures_same_as_the_whole_engine(induk_diubah, tmp_path, monkeypatch):
    def bukan_penuh(*_a, **_k):
        raise AssertionError("the refresh fell back to the whole engine")

    monkeypatch.setattr(segar, "_penuh", bukan_penuh)  # the fast route serves this master
    keluaran = tmp_path / "hasil.xlsx"
    h = konsolidasi(induk_diubah, keluaran=keluaran)
    assert h.ditulis, h.pesan
    monkeypatch.undo()
    _bandingkan(keluaran, MILIK)
    # and what the refresh stored is what the whole engine computes (as `kinerja hitung`)
    dihitung = mesin.hitung_buku(keluaran)
    wb = openpyxl.load_workbook(keluaran, data_only=True)
    beda = [(lembar, a) for lembar, sel in dihitung.items() for a, v in sel.items()
            if not _sama(_tersimpan(wb[lembar][a].value, v), v)]
    assert beda == []


def _tersimpan(v: object, harap: object) -> object:
    """openpyxl's reading of a stored value in the engine's terms (errors, blanks, ints)."""
    if isinstance(harap, GalatExcel) and isinstance(v, str):
        return GalatExcel.dari_kode(v)
    if harap == "" and v is None:
        return ""
    return float(v) if isinstance(v, int) and not isinstance(v, bool) else v


def test_segarkan_routes_write_the_same_parts(induk_diubah, tmp_path):
    """segarkan itself, fast route and whole engine, on the same package: same parts."""
    keluaran = tmp_path / "hasil.xlsx"
    assert konsolidasi(induk_diubah, keluaran=keluaran).ditulis
    data = keluaran.read_bytes()
    wb = openpyxl.load_workbook(keluaran)
    lembar = {ws.title: f"xl/worksheets/sheet{i}.xml" for i, ws in enumerate(wb.worksheets, 1)
              if ws.title.upper() not in MILIK}
    milik = [ws.title for ws in wb.worksheets if ws.title.upper() in MILIK]
    # stale every stored formula value first, so that both routes have something to write
    keluar = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as zi, zipfile.ZipFile(keluar, "w") as zo:
        for info in zi.infolist():
            isi = zi.read(info)
            if info.filename in lembar.values():
                isi = isi.replace(b"</f><v>", b"</f><v>9")  # formula cells only
            zo.writestr(info, isi)
    basi = keluar.getvalue()
    cepat = segar.segarkan(basi, lembar, milik, cepat=True)
    penuh = segar.segarkan(basi, lembar, milik, cepat=False)
    assert (cepat.jalur, penuh.jalur) == ("cepat", "penuh")
    assert cepat.diubah > 500 and cepat.diubah == penuh.diubah
    assert cepat.ganti == penuh.ganti and not cepat.gagal and not penuh.gagal


def test_user_sheet_same_as_the_whole_engine(tmp_path):
    induk = tmp_path / "induk.xlsx"
    wb = xlsxwriter.Workbook(str(induk))
    di = wb.add_worksheet("Data Indikator")
    di.write_row(0, 0, ["Kode", "Tahun", "Target", "Realisasi"])
    for i, (kode, th, t, r) in enumerate([("A", 2020, 10, 8), ("A", 2021, 10, None),
                                          ("B", 2021, 0, 5), ("C", 2021, 4, "n/a")], 1):
        di.write_row(i, 0, [kode, th, t])
        if r is not None:
            di.write(i, 3, r)
    wb.define_name("Ind_Real", "='Data Indikator'!$D$2:$D$5")
    ws = wb.add_worksheet("Catatan Saya")
    for b in range(1, 5):
        ws.write_formula(f"A{b}", f"='Data Indikator'!D{b + 1}")
        ws.write_formula(f"B{b}", f"=IFERROR(CAPAIAN(A{b},'Data Indikator'!C{b + 1}),\"-\")")
        ws.write_formula(f"C{b}", f'=IF(ISNUMBER(A{b}),A{b}*2,"kosong")')
        ws.write_formula(f"D{b}", f"=A{b}=$A$1")                   # coincides in row 1
        ws.write_formula(f"E{b}", "=ROW()+SUM(Ind_Real)")          # own cell: alone
    ws.write_formula("F1", "=SUMIFS(Ind_Real,'Data Indikator'!$A$2:$A$5,\"A\")")
    ws.write_formula("F2", "=F1/0")
    ws.write_formula("F3", "=1+1")                                   # reads nothing owned
    ws.write_formula("F4", "=MAX(A1:A4)>7")
    wb.close()
    h = _bandingkan(induk, {"DATA INDIKATOR"})
    assert h.nilai[("CATATAN SAYA", "F2")] == GalatExcel("#DIV/0!")
    assert h.nilai[("CATATAN SAYA", "F4")] is True
    assert "F3" not in h.tergantung["CATATAN SAYA"]


@pytest.mark.parametrize(("rumus", "sebab"), [
    ("=INDIRECT(\"'Data Indikator'!A2\")", "INDIRECT"),
    ("=B1+'Data Indikator'!A2", "melingkar"),
])
def test_what_it_does_not_handle_goes_to_the_whole_engine(tmp_path, rumus, sebab):
    induk = tmp_path / "induk.xlsx"
    wb = xlsxwriter.Workbook(str(induk))
    wb.add_worksheet("Data Indikator").write_column(0, 0, [1, 2, 3])
    ws = wb.add_worksheet("Catatan Saya")
    ws.write_formula("A1", rumus)
    ws.write_formula("B1", "=A1+1")
    wb.close()
    with pytest.raises(mesin_cepat.TidakDidukung, match=sebab):
        mesin_cepat.hitung_cepat(induk, {"DATA INDIKATOR"})
    data = induk.read_bytes()
    h = segar.segarkan(data, {"Catatan Saya": "xl/worksheets/sheet2.xml"}, ["Data Indikator"])
    assert h.jalur == "penuh"


def _korpus_berumus() -> list[Path]:
    hasil = []
    for p in sorted(KORPUS.glob("*.xls[xm]")):
        with zipfile.ZipFile(p) as z:
            if any(b"<f" in z.read(n) for n in z.namelist()
                   if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                hasil.append(p)
    return hasil


def test_corpus_workbooks_same_as_the_whole_engine():
    """Every corpus workbook with formulas, its first sheet taken as owned: the fast route
    either gives the reference's values and dependents or declines."""
    dicoba = ditolak = 0
    for p in _korpus_berumus():
        milik = {openpyxl.load_workbook(p, read_only=True).sheetnames[0].upper()}
        try:
            _bandingkan(p, milik)
            dicoba += 1
        except mesin_cepat.TidakDidukung:
            ditolak += 1
    assert dicoba >= 10, (dicoba, ditolak)
