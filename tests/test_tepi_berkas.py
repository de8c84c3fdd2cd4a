"""Locks and files at the edges: full disks, LibreOffice's lock, symlinked masters, stale
locks taken over by two runs at once, leftovers of killed runs, English OS text.

Each refusal is checked the way a user meets it: exit code 2, an Indonesian message,
the master byte-identical, and nothing left beside it (no lock, no temp file).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

import workbooks
from sync.cli import main
from sync.konsolidasi import DITOLAK, berkas_riwayat_ditolak, konsolidasi
from sync.model.pesan_os import sebab_os
from sync.tulis import berkas
from sync.tulis.berkas import TulisGagal, kunci_jalan


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sha(p) if p.is_file() else "dir"
            for p in sorted(folder.rglob("*")) if not p.is_symlink()}


@pytest.fixture
def kerja(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "2000")
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    return tmp_path / "LKjIP-2021.xlsx"


def test_libreoffice_lock_refuses_like_excel(kerja, capsys):
    kunci = kerja.with_name(f".~lock.{kerja.name}#")
    kunci.write_text(",pengguna,PC,04.12.2026 10:00,file:///home/pengguna/.config/;")
    sebelum = _sha(kerja)
    h = konsolidasi(kerja)
    assert h.status == DITOLAK and "LibreOffice" in h.pesan and kunci.name in h.pesan
    assert main(["konsolidasi", str(kerja)]) == 2
    assert "LibreOffice" in capsys.readouterr().err  # refusals on stderr
    assert _sha(kerja) == sebelum


def test_symlinked_master_is_written_through_to_its_target(kerja, tmp_path):
    bersama = tmp_path / "bersama"
    bersama.mkdir()
    target = bersama / "LKjIP-2021.xlsx"
    shutil.move(kerja, target)
    kerja.symlink_to(target)
    lama = _sha(target)
    h = konsolidasi(kerja)
    assert h.ditulis, h.pesan
    assert kerja.is_symlink() and Path(os.readlink(kerja)) == target
    assert _sha(target) != lama and _sha(kerja) == _sha(target)
    assert (bersama / ".cadangan").is_dir()  # the backup beside the real file
    assert not list(tmp_path.glob(".~kinerja-*")) and not list(bersama.glob(".~kinerja-*"))


def test_excel_lock_beside_the_symlink_target_refuses(kerja, tmp_path):
    bersama = tmp_path / "bersama"
    bersama.mkdir()
    target = bersama / "Induk.xlsx"
    shutil.move(kerja, target)
    kerja.symlink_to(target)
    (bersama / "~$Induk.xlsx").write_bytes(b"pengguna")
    sebelum = _sha(target)
    h = konsolidasi(kerja)
    assert h.status == DITOLAK and "Excel" in h.pesan and _sha(target) == sebelum


def test_killed_runs_backup_temp_files_are_cleaned(kerja):
    cad = kerja.parent / ".cadangan"
    cad.mkdir()
    sisa = cad / ".~kinerja-LKjIP-2021.20261204-101010.xlsx.k3j4h5.tmp"
    sisa.write_bytes(b"PK\x03\x04 potongan")
    lain = cad / ".~kinerja-LKjIP-2021.lain.20261204-101010.xlsx.k3j4h5.tmp"  # other master
    lain.write_bytes(b"x")
    h = konsolidasi(kerja)
    assert h.ditulis, h.pesan
    assert not sisa.exists() and lain.exists()


def _tulis_penuh(monkeypatch, sesudah: int = 0):
    """os.write fails with ENOSPC once `sesudah` bytes were written (a disk filling up)."""
    asli = os.write
    sisa = [sesudah]

    def tulis(fd, data):
        if sisa[0] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = asli(fd, bytes(data[:sisa[0]]))
        sisa[0] -= n
        return n
    monkeypatch.setattr(berkas.os, "write", tulis)


def test_lock_never_left_empty_on_a_full_disk(kerja, tmp_path, monkeypatch, capsys):
    sebelum = _folder(tmp_path)
    _tulis_penuh(monkeypatch, 0)
    with pytest.raises(TulisGagal) as e, kunci_jalan(kerja):
        pass
    assert "disk penuh" in e.value.pesan and "No space" not in e.value.pesan
    assert _folder(tmp_path) == sebelum  # no lock, no temp file
    assert main(["konsolidasi", str(kerja)]) == 2  # a refusal, not exit 3
    out = capsys.readouterr()
    assert "disk penuh" in out.err and "Traceback" not in out.out + out.err
    monkeypatch.undo()
    sesudah = _folder(tmp_path)
    sesudah.pop(berkas_riwayat_ditolak(kerja).name, None)  # the refused run's log (issue 14)
    assert sesudah == sebelum
    assert konsolidasi(kerja).ditulis  # and the next run is not blocked


def test_stale_lock_takeover_is_exclusive(kerja):
    """Run B judged the lock stale, then run A took it over: B must not take it too."""
    kunci = berkas.berkas_kunci_jalan(kerja)
    p = subprocess.Popen(["true"])
    p.wait()
    kunci.write_text(json.dumps({"pid": p.pid, "host": socket.gethostname()}))
    assert berkas._kunci_basi(kunci)  # B's look
    a = berkas._isi_kunci()
    assert berkas._ambil(kunci, a)  # A takes it over
    b = berkas._isi_kunci()
    assert not berkas._ambil_alih(kunci, b)  # B, acting on what it saw: refused
    assert kunci.read_bytes() == a
    assert not list(kerja.parent.glob(".~kinerja-*.tmp"))
    assert not kunci.with_name(kunci.name + ".ambil").exists()


def test_stale_lock_takeover_race_has_one_winner(kerja):
    kunci = berkas.berkas_kunci_jalan(kerja)
    p = subprocess.Popen(["true"])
    p.wait()
    for _ in range(5):
        kunci.write_text(json.dumps({"pid": p.pid, "host": socket.gethostname()}))
        mulai = threading.Barrier(8)
        menang = []

        def coba(menang=menang, mulai=mulai):
            isi = berkas._isi_kunci()
            mulai.wait()
            if berkas._ambil(kunci, isi):
                menang.append(isi)
        utas = [threading.Thread(target=coba) for _ in range(8)]
        for u in utas:
            u.start()
        for u in utas:
            u.join()
        assert len(menang) == 1 and kunci.read_bytes() == menang[0]
        kunci.unlink()


def test_a_run_never_removes_a_lock_it_does_not_hold(kerja):
    kunci = berkas.berkas_kunci_jalan(kerja)
    with kunci_jalan(kerja):
        kunci.write_text(json.dumps({"pid": 1, "host": "PC-LAIN"}))  # e.g. taken over
    assert kunci.exists()


def test_os_errors_are_told_in_indonesian():
    for no, kata in ((errno.ENOSPC, "disk penuh"), (errno.EFBIG, "terlalu besar"),
                     (errno.EEXIST, "sudah ada"), (errno.EACCES, "izin"),
                     (errno.ENAMETOOLONG, "terlalu panjang"), (9999, "kode 9999")):
        teks = sebab_os(OSError(no, os.strerror(no) if no != 9999 else "Unknown"))
        assert kata in teks
        for inggris in ("File exists", "File too large", "No space", "Permission", "Unknown"):
            assert inggris not in teks


def _mount_tmpfs(folder: Path, ukuran: int) -> bool:
    folder.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={ukuran}", "tmpfs", str(folder)],
                       capture_output=True)
    return r.returncode == 0


@pytest.mark.parametrize("bebas", [0, 3000, 40_000, 90_000, 120_000, 140_000, 400_000])
def test_real_full_disk_at_any_point(tmp_path, monkeypatch, capsys, bebas):
    """A real tmpfs filled up to leave `bebas` bytes: fails at the lock, the backup or the
    new master. Exit 2, the master identical, nothing left but what was there."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, 2 * 1024 * 1024):
        pytest.skip("tmpfs tidak dapat dipasang (perlu root)")
    try:
        monkeypatch.setenv("COLUMNS", "2000")
        shutil.copytree(workbooks.CONTOH, disk / "contoh")
        induk = disk / "LKjIP-2021.xlsx"
        shutil.copyfile(workbooks.INDUK, induk)
        isi = os.statvfs(disk)
        sisa = isi.f_bavail * isi.f_frsize - bebas
        with open(disk / "pengisi", "wb") as f:
            while sisa > 0:
                n = min(sisa, 1 << 16)
                try:
                    f.write(b"\0" * n)
                    f.flush()
                except OSError:
                    break
                sisa -= n
        sebelum = _folder(disk)
        kode = main(["konsolidasi", str(induk)])
        out = capsys.readouterr()
        assert "Traceback" not in out.out + out.err
        if kode == 0:  # enough room after all: then it is a complete new version
            assert _sha(induk) != sebelum["LKjIP-2021.xlsx"]
        else:
            assert kode == 2 and "disk penuh" in out.err, out.err
            sesudah = _folder(disk)
            sesudah.pop(".cadangan", None)
            sesudah.pop(berkas_riwayat_ditolak(induk).name, None)  # refused run's log (#14)
            assert sesudah == sebelum
        assert not list(disk.glob(".~kinerja-*")) and not list(disk.glob(".cadangan/.~*"))
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _dtd_di(induk: Path, lembar: str, di_sel: bool) -> None:
    """A DTD declaring an entity, used in the sheet's header (and in a cell)."""
    import re
    import zipfile

    from sync.paket import Paket

    with Paket(induk) as p:  # the sheet's part, found as Excel finds it (the rels)
        bagian = next(s.bagian for s in p.lembar() if s.nama == lembar)
    with zipfile.ZipFile(induk) as z:
        isi = {i: z.read(i) for i in z.infolist()}
    for i in isi:
        if i.filename == bagian:
            x = re.sub(r"(<\?xml[^>]*\?>)", r'\1<!DOCTYPE worksheet [<!ENTITY org "Dinas">]>',
                       isi[i].decode(), count=1)
            if di_sel:
                x = x.replace("</row>", '<c r="Z2" t="inlineStr"><is><t>&org;</t></is></c>'
                              "</row>", 1)
            x = x.replace("</worksheet>", "<headerFooter><oddHeader>&amp;C&org;</oddHeader>"
                          "</headerFooter></worksheet>")
            isi[i] = x.encode()
    with zipfile.ZipFile(induk, "w", zipfile.ZIP_DEFLATED) as z:
        for i, data in isi.items():
            z.writestr(i, data)


@pytest.mark.parametrize("lembar,di_sel", [
    ("Riwayat", False),         # the entity only in its header
    ("Data Indikator", False),
    ("Riwayat", True),          # in a cell too (calamine refuses it)
    ("Pengaturan", True),
])
def test_entity_in_the_master_refused_never_malformed(kerja, capsys, lembar, di_sel):
    _dtd_di(kerja, lembar, di_sel)
    sebelum = _sha(kerja)
    assert main(["konsolidasi", str(kerja)]) == 2
    out = capsys.readouterr()
    assert "simpan ulang" in out.err and "Traceback" not in out.out + out.err
    assert _sha(kerja) == sebelum
