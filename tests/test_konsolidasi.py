"""The consolidation end to end: the command, the shipped master, idempotence, refusals.

Expected numbers are the seed's (through tests/test_induk.py's helpers) or written out
here; the master is compared byte for byte wherever a run must not change it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

import workbooks
from sync.cli import main
from sync.induk.pengaturan import Sumber
from sync.konsolidasi import DITOLAK, konsolidasi
from sync.model import skema
from tests.bidang_uji import anggaran, indikator, tulis_bidang
from tests.test_contoh_konsolidasi import BIDANG

MILIK = {f"xl/worksheets/{n}" for n in ()}  # filled per workbook below
WAKTU = dt.datetime(2022, 1, 10, 8, 0)


def _bagian(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _bagian_lembar(path: Path) -> dict[str, str]:
    """Sheet name -> worksheet part name."""
    import re

    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    target.update({b: a for a, b in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    return {n: "xl/" + target[r].lstrip("/").removeprefix("xl/")
            for n, r in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', wb)}


def _isi(path: Path, nama: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(nama).to_python()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def kerja(tmp_path):
    """A copy of the shipped master beside copies of the five example sources."""
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    return tmp_path / "LKjIP-2021.xlsx"


def test_default_command_reproduces_the_shipped_master(hasil_mulai):
    hasil = hasil_mulai  # `kinerja konsolidasi` in an empty folder (conftest)
    assert hasil.is_file()
    assert _sha(workbooks.INDUK) == _sha(workbooks.INDUK)  # the template itself is untouched
    for nama in skema.NAMA_LEMBAR_MILIK:
        lama, baru = _isi(workbooks.INDUK, nama), _isi(hasil, nama)
        if nama == "Riwayat":  # one more row, for this run
            assert baru[:len(lama)] == lama and len(baru) == len(lama) + 1
        else:
            assert baru == lama, nama
    # every part but the owned sheets' and workbook.xml (Riwayat's names) is unchanged:
    # the report formulas' stored values, computed afresh (sync/tulis/segar.py), are the same
    asli, tulis = _bagian(workbooks.INDUK), _bagian(hasil)
    milik = {p for n, p in _bagian_lembar(hasil).items() if n in skema.NAMA_LEMBAR_MILIK}
    beda = {p for p in asli if asli[p] != tulis.get(p)}
    assert beda <= milik | {"xl/workbook.xml"}, beda - milik
    assert "fullCalcOnLoad" not in tulis["xl/workbook.xml"].decode()


def test_result_computes_to_the_seed_numbers(hasil_mulai, induk_dihitung):
    mesin = pytest.importorskip("addin.mesin")
    from tests import test_induk as t

    hasil_path = hasil_mulai
    hasil = mesin.hitung_buku(hasil_path)
    isi = {n: CalamineWorkbook.from_path(str(hasil_path)).get_sheet_by_name(n).to_python(
        skip_empty_area=False) for n in t.LAPORAN}
    t.test_tabel_3_8_total_dan_terbilang(hasil, isi)
    t.test_tabel_3_8_setiap_baris(hasil, isi)
    t.test_tabel_3_5_rasio(hasil, isi)
    # and every report formula equals the shipped master's value
    asli = induk_dihitung
    for lembar in t.LAPORAN:
        assert hasil[lembar] == asli[lembar], lembar


def test_idempotent_then_one_cell(kerja):
    h1 = konsolidasi(kerja, pengguna="uji", waktu=WAKTU)
    assert h1.ditulis, h1.pesan
    bagian1 = _bagian(kerja)
    h2 = konsolidasi(kerja, pengguna="uji", waktu=WAKTU + dt.timedelta(hours=1))
    assert h2.ditulis
    bagian2 = _bagian(kerja)
    lembar = _bagian_lembar(kerja)
    beda = {p for p in bagian1 if bagian1[p] != bagian2.get(p)}
    assert beda == {lembar["Riwayat"], "xl/workbook.xml"}  # nothing changes but Riwayat...
    wb1, wb2 = (b["xl/workbook.xml"].decode().split("><") for b in (bagian1, bagian2))
    i = openpyxl.load_workbook(kerja, read_only=True).sheetnames.index("Riwayat")
    assert [(a, b) for a, b in zip(wb1, wb2, strict=True) if a != b] == [
        (f'definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
         "Riwayat!$A$1:$P$3</definedName",
         f'definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
         "Riwayat!$A$1:$P$4</definedName")]  # ... and its autofilter range, one row longer
    assert len(_isi(kerja, "Riwayat")) == 1 + 3  # header, the shipped row, two runs

    # change one realisation in one source: Tabel 3.7's 183 micro businesses in 2021 -> 200
    sumber = kerja.parent / "contoh" / "05-usaha-mikro.xlsx"
    wb = openpyxl.load_workbook(sumber)
    assert (wb["Indikator"]["A10"].value, wb["Indikator"]["F10"].value,
            wb["Indikator"]["L10"].value) == ("IK-UM-01", 2021, 183)
    wb["Indikator"]["L10"] = 200
    wb.save(sumber)
    sebelum = {n: _isi(kerja, n) for n in skema.NAMA_LEMBAR_MILIK}
    h3 = konsolidasi(kerja, pengguna="uji", waktu=WAKTU + dt.timedelta(hours=2))
    assert h3.ditulis
    sesudah = {n: _isi(kerja, n) for n in skema.NAMA_LEMBAR_MILIK}
    beda_sel = [(n, r, c, a, b) for n in ("Data Indikator", "Data Anggaran", "Data Statistik",
                                          "Pemeriksaan")
                for r, (ra, rb) in enumerate(zip(sebelum[n], sesudah[n], strict=True))
                for c, (a, b) in enumerate(zip(ra, rb, strict=True)) if a != b]
    kolom = skema.DATA_INDIKATOR.judul
    (perubahan,) = beda_sel
    n, r, c, a, b = perubahan
    assert (n, kolom[c], a, b) == ("Data Indikator", "Realisasi", 183, 200)
    assert sesudah[n][r][1] == "IK-UM-01" and sesudah[n][r][6] == 2021
    assert bagian2.keys() == _bagian(kerja).keys()

    # Riwayat records what each run changed and the backup it made (issue 14)
    judul, *riwayat = sesudah["Riwayat"]
    kol = {j: i for i, j in enumerate(judul)}
    r2, r3 = riwayat[-2], riwayat[-1]
    ubah = ("Baris Ditambah", "Baris Dihapus", "Baris Diubah")
    assert [r2[kol[k]] for k in ubah] == [0, 0, 0]
    assert "tidak ada perubahan data" in r2[kol["Keterangan"]]
    assert [r3[kol[k]] for k in ubah] == [0, 0, 1]  # one realisation: one row changed
    assert "perubahan" not in r3[kol["Keterangan"]]
    assert r3[kol["Cadangan"]] == h3.cadangan.name and h3.cadangan.is_file()
    assert h3.cadangan.name == "LKjIP-2021.20220110-100000.xlsx"  # the run time, 10:00:00
    assert r2[kol["Cadangan"]] == h2.cadangan.name != r3[kol["Cadangan"]]
    assert r3[kol["Durasi (detik)"]] == ""  # a fixed run time (waktu=) is not timed


def test_riwayat_mencatat_durasi(kerja):
    """A run at the real time records how long it took to read, check and plan."""
    h = konsolidasi(kerja, pengguna="uji")
    assert h.ditulis, h.pesan
    judul, *riwayat = _isi(kerja, "Riwayat")
    durasi = riwayat[-1][judul.index("Durasi (detik)")]
    # seconds to 0.1, reading to planning: on the five small examples that is under
    # 0.05 s, so 0.0 is a right answer; blank would mean it was not timed
    assert isinstance(durasi, (int, float)) and 0 <= durasi < 600
    assert riwayat[-1][judul.index("Cadangan")] == h.cadangan.name


def test_what_depends_on_the_changed_cell_and_nothing_else(kerja):
    mesin = pytest.importorskip("addin.mesin")
    assert konsolidasi(kerja, pengguna="uji", waktu=WAKTU).ditulis
    awal = mesin.hitung_buku(kerja)
    sumber = kerja.parent / "contoh" / "05-usaha-mikro.xlsx"
    wb = openpyxl.load_workbook(sumber)
    wb["Indikator"]["L10"] = 200  # IK-UM-01, 2021: 183 -> 200
    wb.save(sumber)
    assert konsolidasi(kerja, pengguna="uji", waktu=WAKTU).ditulis
    akhir = mesin.hitung_buku(kerja)
    isi = {n: _isi(kerja, n) for n in akhir}
    berubah = {(lembar, a) for lembar in awal for a in awal[lembar]
               if awal[lembar][a] != akhir[lembar].get(a)}
    assert berubah, "the report reads the realisation"
    for lembar, a in berubah:
        r = int("".join(ch for ch in a if ch.isdigit())) - 1
        baris = isi[lembar][r]
        assert "IK-UM-01" in baris or lembar == "Tabel 3.7", (lembar, a, baris)
    g = "Grafik Capaian"
    r = next(i for i, b in enumerate(isi[g]) if b and b[0] == "IK-UM-01")
    nilai = [v for a, v in akhir[g].items() if int("".join(filter(str.isdigit, a))) == r + 1]
    assert 200 in nilai and pytest.approx(200 / 1545) in nilai  # realisation, capaian


def _sumber_uji(tmp_path, **kw) -> list[Sumber]:
    tulis_bidang(tmp_path / "a.xlsx", bidang="Sekretariat",
                 indikator_rows=[indikator(target=1092, realisasi=233)],
                 anggaran_rows=[anggaran(pagu=6_740_784_489, realisasi=5_695_937_122)])
    tulis_bidang(tmp_path / "b.xlsx", bidang="Bidang Koperasi", **kw)
    return [Sumber("Sekretariat", str(tmp_path / "a.xlsx")),
            Sumber("Bidang Koperasi", str(tmp_path / "b.xlsx"))]


BURUK = {
    "sel_galat": dict(indikator_rows=[indikator(kode="IK-02")],
                      rumus_sel={"Indikator": {"G4": ("=#REF!", "#REF!")}}),
    "bukan_angka": dict(indikator_rows=[indikator(kode="IK-02", target="1.2.3")]),
    "kode_ganda": dict(indikator_rows=[indikator(kode="IK-01")]),  # same as Sekretariat's
    "pagu_negatif": dict(anggaran_rows=[anggaran(kode="A.9", pagu=-1)]),
    "kolom_wajib_tidak_ada": dict(judul={"Indikator": ["Kode", "Indikator", "Tahun"]},
                                  indikator_rows=[["IK-02", "x", 2021]]),
    "kode_kosong": dict(indikator_rows=[indikator(kode=None, target=5)]),
}


@pytest.mark.parametrize("kode", list(BURUK))
def test_bad_source_refuses_and_the_master_is_byte_identical(kerja, tmp_path, kode, capsys):
    sumber = _sumber_uji(tmp_path, **BURUK[kode])
    sebelum = _sha(kerja)
    h = konsolidasi(kerja, sumber=sumber, tahun=2021)
    assert h.status == DITOLAK and h.rencana is None
    assert any(t.kode == kode and t.tingkat == "galat" and t.bidang == "Bidang Koperasi"
               and t.sel for t in h.temuan), [(t.kode, t.sel) for t in h.temuan]
    assert "Tidak ada yang ditulis" in h.pesan
    assert _sha(kerja) == sebelum
    # the command says the same and exits 2
    argv = ["konsolidasi", str(kerja), "--tahun", "2021"]
    for s in sumber:
        argv += ["--sumber", f"{s.bidang}={s.alamat}"]
    assert main(argv) == 2
    assert _sha(kerja) == sebelum
    assert "Bidang Koperasi" in capsys.readouterr().out


@pytest.mark.parametrize("rusak", ["hilang", "bukan_workbook", "tanpa_tab"])
def test_unreadable_source_refuses_or_goes_stale(kerja, tmp_path, rusak):
    alamat = kerja.parent / "contoh" / "04-koperasi.xlsx"
    if rusak == "hilang":
        alamat.unlink()
    elif rusak == "bukan_workbook":
        alamat.write_text("ini bukan workbook")
    else:
        tulis_bidang(alamat, tanpa_tab=("Statistik",))
    sebelum = _sha(kerja)
    h = konsolidasi(kerja)
    assert h.status == DITOLAK and _sha(kerja) == sebelum
    assert "Bidang Pemberdayaan dan Perlindungan Koperasi" in h.pesan
    assert "04-koperasi.xlsx" in h.pesan

    # --sebagian: written; the failed bidang keeps the rows the master had, marked stale
    lama = [r for r in _isi(kerja, "Data Indikator")
            if r[0] == "Bidang Pemberdayaan dan Perlindungan Koperasi"]
    h = konsolidasi(kerja, sebagian=True, pengguna="uji", waktu=WAKTU)
    assert h.status == "sebagian", h.pesan
    baru = [r for r in _isi(kerja, "Data Indikator")
            if r[0] == "Bidang Pemberdayaan dan Perlindungan Koperasi"]
    # the same rows; only Periksa now points at this run's DATA LAMA notice (and the
    # audit's figures of the old check are gone): tests/test_data_lama_bertanda.py
    judul = _isi(kerja, "Data Indikator")[0]
    tanda = {judul.index("Periksa"), judul.index("Hitungan")}
    def tanpa_tanda(rows):
        return [[v for j, v in enumerate(r) if j not in tanda] for r in rows]
    assert tanpa_tanda(baru) == tanpa_tanda(lama) and len(lama) > 0
    pem = _isi(kerja, "Pemeriksaan")
    no = [r[0] for r in pem if "DATA LAMA" in str(r[6])
          and r[2] == "Bidang Pemberdayaan dan Perlindungan Koperasi"]
    assert len(no) == 1
    assert {r[judul.index("Periksa")] for r in baru} == {no[0]}
    assert _isi(kerja, "Riwayat")[-1][9] == "sebagian"


def test_dry_run_writes_nothing_and_says_what_would_change(kerja, capsys):
    sumber = kerja.parent / "contoh" / "05-usaha-mikro.xlsx"
    wb = openpyxl.load_workbook(sumber)
    wb["Indikator"]["L10"] = 200
    wb.save(sumber)
    sebelum = _sha(kerja)
    assert main(["konsolidasi", str(kerja), "--coba"]) == 0
    assert _sha(kerja) == sebelum
    h = konsolidasi(kerja, coba=True)
    p = h.perubahan["Data Indikator"]
    assert (p["diubah"], p["ditambah"], p["dihapus"]) == (1, 0, 0)
    assert h.perubahan["Riwayat"]["ditambah"] == 1
    out = capsys.readouterr().out
    assert "Yang akan berubah" in out and "Mode coba" in out


def test_excel_lock_and_concurrent_run_refuse(kerja):
    sebelum = _sha(kerja)
    kunci = kerja.with_name("~$" + kerja.name)
    kunci.write_bytes(b"pengguna")
    h = konsolidasi(kerja)
    assert h.status == DITOLAK and "Konsolidasi" in h.pesan and _sha(kerja) == sebelum
    kunci.unlink()
    from sync.tulis.berkas import kunci_jalan

    with kunci_jalan(kerja):
        h = konsolidasi(kerja)
    assert h.status == DITOLAK and "sedang berjalan" in h.pesan and _sha(kerja) == sebelum


def test_backup_and_output_elsewhere(kerja):
    keluaran = kerja.with_name("LKjIP-baru.xlsx")
    sebelum = _sha(kerja)
    h = konsolidasi(kerja, keluaran=keluaran)
    assert h.keluaran == keluaran and _sha(kerja) == sebelum
    h = konsolidasi(kerja, cadangan=2)
    assert h.cadangan is not None and Path(h.cadangan).read_bytes() == _bagian_bytes(sebelum,
                                                                                      h.cadangan)


def _bagian_bytes(sha: str, path) -> bytes:
    data = Path(path).read_bytes()
    assert hashlib.sha256(data).hexdigest() == sha
    return data


def test_text_from_a_source_is_written_as_text(kerja, tmp_path):
    tulis_bidang(tmp_path / "x.xlsx", bidang="Sekretariat",
                 indikator_rows=[indikator(nama='=HYPERLINK("http://x","klik")',
                                           keterangan="@SUM(A1)", target=1, realisasi=1)])
    h = konsolidasi(kerja, sumber=[Sumber("Sekretariat", str(tmp_path / "x.xlsx"))])
    assert h.ditulis, h.pesan
    part = _bagian_lembar(kerja)["Data Indikator"]
    xml = _bagian(kerja)[part].decode()
    assert "<f>" not in xml and "<f " not in xml
    rows = _isi(kerja, "Data Indikator")
    assert rows[1][2] == '=HYPERLINK("http://x","klik")' and rows[1][13] == "@SUM(A1)"
    wb = openpyxl.load_workbook(kerja)
    assert wb["Data Indikator"]["C2"].data_type == "s"


def test_any_workbook_as_master_gets_the_owned_sheets(tmp_path):
    induk = tmp_path / "kosong.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Catatan"
    wb.active["A1"] = "milik kantor"
    wb.save(induk)
    src = tmp_path / "contoh"
    shutil.copytree(workbooks.CONTOH, src)
    sumber = [Sumber(b, str(tmp_path / a)) for b, a in BIDANG]
    h = konsolidasi(induk, sumber=sumber, tahun=2021)
    assert h.ditulis, h.pesan
    nama = CalamineWorkbook.from_path(str(induk)).sheet_names
    assert nama == ["Catatan", *skema.NAMA_LEMBAR_MILIK]
    assert _isi(induk, "Catatan") == [["milik kantor"]]
    assert len(_isi(induk, "Data Anggaran")) == 1 + 21


def test_read_only_master_refuses(kerja):
    if os.geteuid() == 0:
        pytest.skip("root can write read-only files; the writer's own tests cover this")
    kerja.chmod(0o444)
    h = konsolidasi(kerja)
    assert h.status == DITOLAK and "hanya-baca" in h.pesan


def test_the_run_lock_covers_the_whole_run(kerja):
    """Two runs cannot interleave: a second one started while the first reads its
    sources is refused (else one run's Riwayat row would be lost)."""
    kedua = []

    def maju(bidang, selesai, total):
        if not kedua:
            kedua.append(konsolidasi(kerja))

    h = konsolidasi(kerja, kemajuan=maju)
    assert h.ditulis, h.pesan
    assert kedua[0].status == DITOLAK and "sedang berjalan" in kedua[0].pesan


def test_master_saved_meanwhile_is_not_overwritten(kerja):
    """Excel (or anyone) saving the master while the sources are read: refuse, keep theirs."""
    def maju(bidang, selesai, total):
        if selesai == 1:
            st = kerja.stat()
            os.utime(kerja, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))

    sebelum = kerja.read_bytes()
    h = konsolidasi(kerja, kemajuan=maju)
    assert h.status == DITOLAK and "diubah program lain" in h.pesan
    assert kerja.read_bytes() == sebelum
    assert h.temuan  # the findings of the run are still reported


def test_templat_periksa_and_buat(tmp_path, capsys):
    baru = tmp_path / "sekretariat.xlsx"
    assert main(["templat", "buat", str(baru), "--nama", "Sekretariat"]) == 0
    assert main(["templat", "periksa", str(baru)]) == 0  # an empty template is valid
    assert "siap dikonsolidasi" in capsys.readouterr().out
    assert main(["templat", "buat", str(baru)]) == 2  # never overwrites
    wb = openpyxl.load_workbook(baru)
    wb["Indikator"].append(["IK-01", "Koperasi aktif", "koperasi", "positif", "akhir", 2021,
                            "1.2.3"])
    wb.save(baru)
    assert main(["templat", "periksa", str(baru)]) == 2
    keluar = capsys.readouterr()
    assert "1.2.3" in keluar.out and "kesalahan" in keluar.err


def test_gc_ditunda_selama_jalan_dan_pulih_sesudahnya(kerja, monkeypatch):
    """The collector is paused during a run (speed) and restored after, also on error."""
    import gc

    from sync import konsolidasi as k

    terlihat = []
    asli = k.baca_bertahap

    def intip(*a, **kw):
        terlihat.append(gc.isenabled())
        yield from asli(*a, **kw)

    monkeypatch.setattr(k, "baca_bertahap", intip)
    assert gc.isenabled()
    h = k.konsolidasi(kerja)
    assert h.ditulis and terlihat == [False] and gc.isenabled()
    with pytest.raises(RuntimeError), k.gc_ditunda():
        assert not gc.isenabled()
        raise RuntimeError("x")
    assert gc.isenabled()


def test_gc_ditunda_sisa_jalan_dihitung_tua_dan_siklus_tetap_dikumpulkan():
    """What a run leaves alive goes to the oldest generation when the collector is
    enabled again, so no young collection scans it at once; its cycles are still
    collected by a full collection, and a caller's own freeze is kept."""
    import gc
    import weakref

    from sync import konsolidasi as k

    class Simpul:
        pass

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with k.gc_ditunda():
        besar = [[float(i)] for i in range(50_000)]  # a result's columns
        siklus = Simpul()
        siklus.diri = siklus
        mati = weakref.ref(siklus)
        del siklus
    tua = gc.get_objects(generation=2)
    assert any(o is besar for o in tua)  # the plain re-enable leaves it young
    del tua  # it holds every old object, the cycle included
    assert mati() is not None
    gc.collect()
    assert mati() is None  # a cycle made during the run is not leaked
    gc.freeze()
    beku = gc.get_freeze_count()
    try:
        with k.gc_ditunda():
            pass
        assert gc.get_freeze_count() == beku  # the caller's freeze is not undone
    finally:
        gc.unfreeze()


def test_induk_dibaca_sekali_sebelum_sumber(kerja, monkeypatch):
    """The master is read once per run, every owned sheet at once, before any source is
    read (issue 11: one master object read under the lock; the plan does no I/O)."""
    import sync.induk as modul_induk
    from sync import konsolidasi as modul_k

    urutan: list[str] = []
    baca_induk, baca_lokal = modul_induk.baca_lembar_milik, modul_k.baca_lokal

    def intip_induk(induk, hanya=None):
        urutan.append("induk" if hanya is None else "sebagian")
        return baca_induk(induk, hanya)

    def intip_sumber(*a, **kw):
        urutan.append("sumber")
        return baca_lokal(*a, **kw)
    monkeypatch.setattr(modul_induk, "baca_lembar_milik", intip_induk)
    monkeypatch.setattr(modul_k, "baca_lokal", intip_sumber)

    for opsi in ({}, {"coba": True}, {"sebagian": True}):
        urutan.clear()
        if opsi.get("sebagian"):
            (kerja.parent / "contoh" / "04-koperasi.xlsx").unlink()
        h = konsolidasi(kerja, **opsi)
        assert h.rencana is not None, h.pesan
        assert urutan[0] == "induk" and urutan.count("induk") == 1, (opsi, urutan)
        assert "sebagian" not in urutan and urutan.count("sumber") >= 4, (opsi, urutan)
    assert h.status == "sebagian"
