"""The file-system edge: atomic replace, backups, and every refusal or failure leaving
the master byte-identical with an Indonesian message."""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import AKAR
from tulis_bantu import buat_induk, plan_contoh

from sync.induk.lembar_lama import baca_lembar_milik
from sync.model.skema import Rencana
from sync.model.tolak import TulisDitolak, TulisGagal
from sync.tulis import berkas
from sync.tulis.berkas import kunci_jalan, tulis_berkas

PLAN = plan_contoh()


@pytest.fixture
def induk(tmp_path) -> Path:
    folder = tmp_path / "laporan"
    folder.mkdir()
    return buat_induk(folder / "LKjIP 2024.xlsx")


def _isi_folder(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_tulis_dan_cadangan(induk):
    asli = induk.read_bytes()
    hasil = tulis_berkas(induk, PLAN)
    assert hasil.path == induk and hasil.baris["Riwayat"] == 3
    assert hasil.cadangan.parent == induk.parent / ".cadangan"
    assert hasil.cadangan.read_bytes() == asli
    assert hasil.cadangan.name.startswith("LKjIP 2024.") and hasil.cadangan.suffix == ".xlsx"
    assert set(hasil.lembar_baru) == {"Data Indikator", "Data Statistik", "Pemeriksaan",
                                      "Riwayat"}
    assert baca_lembar_milik(induk)["Riwayat"][0][:3] == ["Bidang Koperasi", "=SUM(A1:A3)",
                                                          "@kepala"]
    # No temporary or lock file stays behind.
    assert sorted(p.name for p in induk.parent.iterdir()) == [".cadangan", induk.name]


def test_cadangan_dipangkas(induk):
    versi = []
    for i in range(5):
        versi.append(induk.read_bytes())
        tulis_berkas(induk, plan_contoh(baris=i + 1), cadangan=2)
    sisa = sorted((induk.parent / ".cadangan").iterdir())
    assert len(sisa) == 2
    # The newest two previous versions are kept (same-second names get -2, -3, ...).
    assert {p.read_bytes() for p in sisa} == set(versi[-2:])


def test_tanpa_cadangan(induk):
    assert tulis_berkas(induk, PLAN, cadangan=0).cadangan is None
    assert not (induk.parent / ".cadangan").exists()


def test_keluaran_lain(induk, tmp_path):
    asli = induk.read_bytes()
    keluar = tmp_path / "hasil.xlsx"
    hasil = tulis_berkas(induk, PLAN, keluar)
    assert hasil.path == keluar and hasil.cadangan is None
    assert induk.read_bytes() == asli
    assert "Riwayat" in openpyxl.load_workbook(keluar).sheetnames
    with pytest.raises(TulisDitolak, match="berakhiran .xlsx"):
        tulis_berkas(induk, PLAN, tmp_path / "hasil.xlsm")


def test_mode_berkas_dipertahankan(induk):
    induk.chmod(0o640)
    tulis_berkas(induk, PLAN)
    assert induk.stat().st_mode & 0o777 == 0o640


def test_tolak_kunci_excel(induk):
    (induk.parent / f"~${induk.name}").write_bytes(b"kunci")
    sebelum = _isi_folder(induk.parent)
    with pytest.raises(TulisDitolak) as e:
        tulis_berkas(induk, PLAN)
    assert "sedang dibuka di Excel" in e.value.pesan and "Konsolidasi" in e.value.pesan
    assert _isi_folder(induk.parent) == sebelum


def test_tolak_hanya_baca(induk):
    induk.chmod(0o444)
    sebelum = _isi_folder(induk.parent)
    with pytest.raises(TulisDitolak, match="hanya-baca"):
        tulis_berkas(induk, PLAN)
    assert _isi_folder(induk.parent) == sebelum


@pytest.mark.parametrize("cadangan", [0, 5])
def test_disk_penuh(induk, monkeypatch, cadangan):
    """ENOSPC while writing the backup (cadangan=5) or the master (cadangan=0)."""
    def penuh(f, data, tujuan):
        f.write(data[:100])
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(berkas, "_tulis_isi", penuh)
    sebelum = _isi_folder(induk.parent)
    with pytest.raises(TulisGagal) as e:
        tulis_berkas(induk, PLAN, cadangan=cadangan)
    assert "disk penuh" in e.value.pesan and "tidak berubah" in e.value.pesan
    # Nothing left behind: no temp file, no lock, master identical (.cadangan may exist empty).
    assert {k: v for k, v in _isi_folder(induk.parent).items()} == sebelum


def test_oserror_lain_saat_rename(induk, monkeypatch):
    def gagal(a, b):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(berkas.os, "replace", gagal)
    sebelum = induk.read_bytes()
    with pytest.raises(TulisGagal, match="tidak ada izin"):
        tulis_berkas(induk, PLAN, cadangan=0)
    assert induk.read_bytes() == sebelum
    assert sorted(p.name for p in induk.parent.iterdir()) == [induk.name]


def test_tolak_induk_tidak_ada_atau_rusak(tmp_path):
    with pytest.raises(TulisDitolak, match="tidak ditemukan"):
        tulis_berkas(tmp_path / "tidak-ada.xlsx", PLAN)
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"bukan zip")
    with pytest.raises(TulisDitolak, match="bukan berkas Excel"):
        tulis_berkas(rusak, PLAN)
    assert rusak.read_bytes() == b"bukan zip"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rusak.xlsx"]


# --- processes: killed mid-write, a second run at the same time ---------------------

_ANAK = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    sys.path[:0] = [{akar!r}, {tests!r}]
    from sync.tulis import berkas
    from tulis_bantu import plan_contoh

    induk = Path(sys.argv[1])
    asli = berkas._tulis_isi

    def pelan(f, data, tujuan):
        if tujuan != induk:  # the backup: write it normally
            return asli(f, data, tujuan)
        f.write(data[: len(data) // 2])
        f.flush()
        print("SIAP", flush=True)
        time.sleep(120)
        return asli(f, data, tujuan)

    berkas._tulis_isi = pelan
    berkas.tulis_berkas(induk, plan_contoh())
""")


@pytest.fixture
def anak_menulis(induk):
    """A consolidation in another process, paused halfway through writing the master."""
    kode = _ANAK.format(akar=str(AKAR), tests=str(AKAR / "tests"))
    p = subprocess.Popen([sys.executable, "-c", kode, str(induk)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    baris = p.stdout.readline()
    assert baris.strip() == "SIAP", p.stderr.read()
    yield p
    if p.poll() is None:
        p.kill()
    p.wait(timeout=30)
    p.stdout.close()
    p.stderr.close()


def test_proses_dibunuh_saat_menulis(induk, anak_menulis):
    asli = induk.read_bytes()
    sementara = list(induk.parent.glob(".~kinerja-*.tmp"))
    assert len(sementara) == 1 and 0 < sementara[0].stat().st_size  # caught mid-write
    os.kill(anak_menulis.pid, signal.SIGKILL)
    anak_menulis.wait(timeout=30)
    assert induk.read_bytes() == asli
    openpyxl.load_workbook(induk)
    # The dead run's lock is stale (its process is gone) and its temp file is removed by
    # the next run, which succeeds.
    assert berkas.berkas_kunci_jalan(induk).exists()
    tulis_berkas(induk, PLAN)
    assert not list(induk.parent.glob(".~kinerja-*"))
    assert "Riwayat" in openpyxl.load_workbook(induk).sheetnames


def test_tolak_konsolidasi_kedua(induk, anak_menulis):
    asli = induk.read_bytes()
    with pytest.raises(TulisDitolak) as e:
        tulis_berkas(induk, PLAN)
    assert "Konsolidasi lain sedang berjalan" in e.value.pesan
    assert berkas.berkas_kunci_jalan(induk).name in e.value.pesan
    assert induk.read_bytes() == asli


def _pid_mati() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_kunci_basi_diabaikan(induk):
    kunci = berkas.berkas_kunci_jalan(induk)
    kunci.write_text(json.dumps({"pid": _pid_mati(), "host": socket.gethostname()}))
    tulis_berkas(induk, PLAN)
    assert not kunci.exists()


def test_kunci_komputer_lain_dihormati(induk):
    """On a shared drive a lock from another computer cannot be checked: it holds."""
    kunci = berkas.berkas_kunci_jalan(induk)
    kunci.write_text(json.dumps({"pid": 1, "host": "PC-LAIN"}))
    asli = induk.read_bytes()
    with pytest.raises(TulisDitolak, match="Konsolidasi lain"):
        tulis_berkas(induk, PLAN)
    assert induk.read_bytes() == asli and kunci.exists()


def test_kunci_kosong_baru_dihormati_lama_diabaikan(induk):
    kunci = berkas.berkas_kunci_jalan(induk)
    kunci.write_text("")
    with pytest.raises(TulisDitolak):
        tulis_berkas(induk, PLAN)
    lama = time.time() - 3600
    os.utime(kunci, (lama, lama))
    tulis_berkas(induk, PLAN)


def test_kunci_jalan_dilepas_saat_galat(induk):
    with pytest.raises(RuntimeError), kunci_jalan(induk):
        raise RuntimeError("x")
    assert not berkas.berkas_kunci_jalan(induk).exists()


def test_api_tulis_berkas(induk):
    """The pipeline's writer entry; disk-full is a refusal too."""
    from sync.rencana.perubahan import perubahan_rencana
    assert issubclass(TulisGagal, TulisDitolak)
    hasil = berkas.tulis_berkas(induk, PLAN, cadangan=0)
    assert hasil.path == induk and hasil.cadangan is None
    assert perubahan_rencana({}, Rencana({"Riwayat": [["x"]]})) == {"Riwayat": {
        "lama": 0, "baru": 1, "sama": 0, "diubah": 0, "ditambah": 1, "dihapus": 0}}


def test_tolak_plan_tidak_mengubah_apa_pun(induk):
    sebelum = _isi_folder(induk.parent)
    with pytest.raises(TulisDitolak):
        tulis_berkas(induk, Rencana({"Laporan": [["x"]]}))
    assert _isi_folder(induk.parent) == sebelum


def test_hasil_dibaca_openpyxl_tanpa_peringatan(induk):
    tulis_berkas(induk, PLAN)
    wb = openpyxl.load_workbook(io.BytesIO(induk.read_bytes()))
    assert wb.sheetnames[:2] == ["Laporan", "Data Anggaran"]


def test_metode_kompresi_dan_crc_bagian_yang_ditulis(induk):
    """Rewritten sheets are deflated on a background thread: every CRC in the result must
    check, and a part the master stored uncompressed stays stored (method kept)."""
    import io
    import zipfile

    from tulis_bantu import bagian as isi_bagian

    from sync.tulis.susun import susun

    tulis_berkas(induk, plan_contoh(baris=10_000))  # adds the owned sheets (deflated)
    asli = induk.read_bytes()
    z = zipfile.ZipFile(io.BytesIO(asli))
    simpan = io.BytesIO()
    with zipfile.ZipFile(simpan, "w") as keluar:
        for i in z.infolist():
            metode = zipfile.ZIP_STORED if i.filename.endswith("sheet2.xml") else i.compress_type
            keluar.writestr(i, z.read(i), compress_type=metode)
    data = simpan.getvalue()
    hasil = susun(data, plan_contoh(baris=10_000, geser=1)).data
    zh = zipfile.ZipFile(io.BytesIO(hasil))
    assert zh.testzip() is None
    metode = {i.filename: i.compress_type for i in zh.infolist()}
    assert metode["xl/worksheets/sheet2.xml"] == zipfile.ZIP_STORED
    diubah = [n for n, v in isi_bagian(hasil).items() if v != isi_bagian(data).get(n)]
    assert "xl/worksheets/sheet2.xml" in diubah  # an owned sheet, rewritten and still stored
    assert any(metode[n] == zipfile.ZIP_DEFLATED for n in diubah if "worksheets" in n)
    buku = openpyxl.load_workbook(io.BytesIO(hasil), read_only=True)
    rows = list(buku["Data Indikator"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 10_000
