"""The file writer's edge with the file system: locks, backup, atomic replace.

The master is never half-written: the new package goes to a temporary file
beside it, is fsynced, then renamed over it. Before that the previous version
is kept in `.cadangan/`. Writing is refused (nothing changed) while Excel holds
the file, while another consolidation runs on it, or when it is read-only.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import secrets
import socket
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path

from sync.model.pesan_os import sebab_os
from sync.model.skema import Rencana
from sync.model.temuan import Temuan
from sync.model.tolak import TulisDitolak, TulisGagal
from sync.tulis.susun import susun

FOLDER_CADANGAN = ".cadangan"
AKHIRAN = (".xlsx", ".xlsm")
_POTONGAN = 1 << 20
_KUNCI_KOSONG_BASI = 600  # seconds: a lock file nobody ever filled in is abandoned


@dataclass
class HasilTulis:
    path: Path                    # the file written
    cadangan: Path | None         # backup of its previous version (None if there was none)
    baris: dict[str, int]         # data rows written per sheet
    lembar_baru: list[str] = field(default_factory=list)  # owned sheets added to the workbook
    temuan: list[Temuan] = field(default_factory=list)     # formulas left to Excel (segar)


# --- checks -------------------------------------------------------------------


def berkas_kunci_excel(berkas: Path) -> Path:
    """Excel's owner file for an open workbook: ~$ + its name, beside it."""
    return berkas.with_name("~$" + berkas.name)


def berkas_kunci_libreoffice(berkas: Path) -> Path:
    """LibreOffice's lock file for an open document: .~lock.NAME# beside it."""
    return berkas.with_name(f".~lock.{berkas.name}#")


def periksa_excel(berkas: Path) -> None:
    """Refuse while Excel or LibreOffice has `berkas` open (also through a symlink:
    both the link's folder and the target's are checked)."""
    calon = [berkas]
    nyata = path_nyata(berkas)
    if nyata != berkas:
        calon.append(nyata)
    for b in calon:
        kunci = berkas_kunci_excel(b)
        if kunci.exists():
            raise TulisDitolak(
                f"Workbook '{b.name}' sedang dibuka di Excel (ada berkas kunci '{kunci.name}'). "
                "Tutup workbook itu di Excel lalu jalankan lagi, atau jalankan Konsolidasi dari "
                "dalam Excel dengan tombol Konsolidasi di tab Kinerja. Bila Excel sudah ditutup "
                f"dan pesan ini tetap muncul, hapus berkas '{kunci.name}'.")
        kunci = berkas_kunci_libreoffice(b)
        if kunci.exists():
            raise TulisDitolak(
                f"Workbook '{b.name}' sedang dibuka di LibreOffice (ada berkas kunci "
                f"'{kunci.name}'). Tutup workbook itu lalu jalankan lagi. Bila LibreOffice "
                f"sudah ditutup dan pesan ini tetap muncul, hapus berkas '{kunci.name}'.")


def path_nyata(berkas: Path) -> Path:
    """The file a symlinked master points to: the new version replaces the target, so
    the link and every other link to the same file see it (replacing the link itself
    would leave the shared target stale)."""
    if berkas.is_symlink():
        return Path(os.path.realpath(berkas))
    return berkas


def periksa_bisa_ditulis(berkas: Path) -> None:
    folder = berkas.parent
    if not folder.is_dir():
        raise TulisDitolak(f"Folder '{folder}' tidak ada.")
    if berkas.exists():
        tulis = berkas.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        if not tulis or not os.access(berkas, os.W_OK):
            raise TulisDitolak(
                f"Berkas '{berkas.name}' hanya-baca. Hapus tanda hanya-baca (Properties > "
                "Read-only) atau minta izin menulis, lalu jalankan lagi.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise TulisDitolak(
            f"Folder '{folder}' tidak dapat ditulisi; berkas baru dan cadangan tidak bisa "
            "dibuat di sana. Minta izin menulis atau pilih --keluaran di folder lain.")


def _pesan_oserror(e: OSError, berkas: Path) -> str:
    return f"Gagal menulis '{berkas.name}': {sebab_os(e)}. Workbook induk tidak berubah."


# --- run lock -----------------------------------------------------------------


def berkas_kunci_jalan(berkas: Path) -> Path:
    return berkas.with_name(f".~kinerja-{berkas.name}.kunci")


def _proses_hidup(pid: int) -> bool:
    """Whether process `pid` runs on this computer."""
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return _proses_hidup_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _proses_hidup_windows(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    h = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not h:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        kode = ctypes.c_ulong()
        return not kernel32.GetExitCodeProcess(h, ctypes.byref(kode)) or kode.value == 259
    finally:  # 259: STILL_ACTIVE
        kernel32.CloseHandle(h)


def _kunci_basi(kunci: Path) -> bool:
    """A lock left by a process that no longer runs on this computer."""
    try:
        isi = kunci.read_text(encoding="utf-8")
        umur = time.time() - kunci.stat().st_mtime
    except FileNotFoundError:
        return True
    try:
        info = json.loads(isi)
        pid, host = int(info["pid"]), str(info["host"])
    except (ValueError, KeyError, TypeError):
        return umur > _KUNCI_KOSONG_BASI  # still being written, or abandoned long ago
    return host == socket.gethostname() and not _proses_hidup(pid)


def _isi_kunci() -> bytes:
    return json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                       "mulai": time.strftime("%Y-%m-%d %H:%M:%S"),
                       "token": secrets.token_hex(8)}).encode("utf-8")


def _buat_kunci(kunci: Path, isi: bytes, *, timpa: bool = False) -> None:
    """Create the lock file already holding `isi`: written to a temp file first, then
    linked (or, for a takeover, renamed) into place, so no one ever sees it empty and a
    full disk leaves nothing behind. Raises FileExistsError if it exists (not `timpa`)."""
    fd, sementara = tempfile.mkstemp(dir=kunci.parent, prefix=kunci.name + ".",
                                     suffix=".tmp")
    try:
        try:
            _tulis_fd(fd, isi)
            os.fsync(fd)
        finally:
            os.close(fd)
        if timpa:
            os.replace(sementara, kunci)
            return
        try:
            os.link(sementara, kunci)
        except FileExistsError:
            raise
        except OSError as e:  # no hard links here (FAT, some network shares)
            if e.errno in _BUKAN_SOAL_LINK:
                raise
            _buat_kunci_excl(kunci, isi)
    finally:
        with suppress(OSError):
            os.unlink(sementara)


def _buat_kunci_excl(kunci: Path, isi: bytes) -> None:
    """Fallback without hard links: O_EXCL, removed again if it cannot be filled."""
    fd = os.open(kunci, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    try:
        _tulis_fd(fd, isi)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with suppress(OSError):
            os.unlink(kunci)
        raise
    os.close(fd)


def _tulis_fd(fd: int, data: bytes) -> None:
    mv = memoryview(data)
    while mv:
        n = os.write(fd, mv)
        mv = mv[n:]


_BUKAN_SOAL_LINK = {errno.ENOSPC, errno.EROFS, errno.EACCES, getattr(errno, "EDQUOT", -1)}
_AMBIL_BASI = 60  # seconds: a takeover takes milliseconds; an older guard was abandoned


def _ambil_alih(kunci: Path, isi: bytes) -> bool:
    """Replace a stale lock with ours, one process at a time: under a guard file, check
    again that it is still stale (another run may have taken it over a moment ago),
    then replace it. True if the lock is now ours."""
    jaga = kunci.with_name(kunci.name + ".ambil")
    try:
        _buat_kunci(jaga, isi)
    except FileExistsError:
        with suppress(OSError):
            if time.time() - jaga.stat().st_mtime > _AMBIL_BASI:
                jaga.unlink()
        return False
    try:
        if not _kunci_basi(kunci):
            return False
        if kunci.exists():
            _buat_kunci(kunci, isi, timpa=True)
        else:
            _buat_kunci(kunci, isi)
        return True
    except FileExistsError:
        return False
    finally:
        with suppress(OSError):
            jaga.unlink()


def _ambil(kunci: Path, isi: bytes) -> bool:
    for _ in range(3):
        try:
            _buat_kunci(kunci, isi)
            return True
        except FileExistsError:
            if not _kunci_basi(kunci):
                return False
            if _ambil_alih(kunci, isi):
                return True
        except FileNotFoundError:  # our temp file was cleaned by the lock holder: retry
            continue
    return False


def _kunci_milik(kunci: Path, isi: bytes) -> bool:
    try:
        return kunci.read_bytes() == isi
    except OSError:
        return False


@contextmanager
def kunci_jalan(berkas: Path) -> Iterator[Path]:
    """Hold the one-consolidation-at-a-time lock for `berkas`."""
    kunci = berkas_kunci_jalan(path_nyata(berkas))
    isi = _isi_kunci()
    try:
        if not _ambil(kunci, isi):
            raise TulisDitolak(
                f"Konsolidasi lain sedang berjalan untuk '{berkas.name}'. Tunggu sampai "
                f"selesai lalu jalankan lagi. Bila tidak ada yang berjalan, hapus berkas "
                f"'{kunci.name}' di folder yang sama.")
    except OSError as e:
        raise TulisGagal(_pesan_oserror(e, berkas)) from e
    try:
        yield kunci
    finally:
        if _kunci_milik(kunci, isi):  # never remove a lock another run holds
            with suppress(OSError):
                kunci.unlink()


# --- writing ------------------------------------------------------------------


def _tulis_isi(f, data: bytes, tujuan: Path) -> None:
    """Write `data` for `tujuan` in pieces (a test pauses here to kill the process
    mid-write)."""
    mv = memoryview(data)
    for i in range(0, len(mv), _POTONGAN):
        f.write(mv[i:i + _POTONGAN])


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _awalan_sementara(berkas: Path) -> str:
    return f".~kinerja-{berkas.name}."


def tulis_atomik(berkas: Path, data: bytes, mode: int | None = None) -> None:
    """Temp file beside `berkas`, fsync, rename over it. On error the temp file is gone
    and `berkas` is as it was."""
    fd, sementara = tempfile.mkstemp(dir=berkas.parent, prefix=_awalan_sementara(berkas),
                                     suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            _tulis_isi(f, data, berkas)
            f.flush()
            os.fsync(f.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(sementara, mode)
        os.replace(sementara, berkas)
    except BaseException:
        with suppress(OSError):
            os.unlink(sementara)
        raise
    _fsync_folder(berkas.parent)


def _hapus_sisa_sementara(berkas: Path) -> None:
    """Temp files of a run that was killed (only called while holding the run lock):
    the master's, the lock's, and its backups' in .cadangan/."""
    awalan = _awalan_sementara(berkas)
    sisa = list(berkas.parent.glob(glob_aman(awalan) + "*.tmp"))
    folder = berkas.parent / FOLDER_CADANGAN
    if folder.is_dir():
        pola = re.compile(re.escape(f".~kinerja-{berkas.stem}.") + r"\d{8}-\d{6}(?:-\d+)?"
                          + re.escape(berkas.suffix) + r"\..*\.tmp$")
        sisa += [p for p in folder.glob(glob_aman(f".~kinerja-{berkas.stem}.") + "*.tmp")
                 if pola.match(p.name)]
    for p in sisa:
        with suppress(OSError):
            p.unlink()


def glob_aman(teks: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", teks)


_CAP_WAKTU = "%Y%m%d-%H%M%S"


def _daftar_cadangan(folder: Path, berkas: Path) -> list[tuple[tuple[str, int], Path]]:
    """Backups of `berkas`, oldest first, each with its (time, same-second counter)."""
    pola = re.compile(re.escape(berkas.stem) + r"\.(\d{8}-\d{6})(?:-(\d+))?"
                      + re.escape(berkas.suffix) + "$")
    ada = []
    for p in folder.glob("*" + glob_aman(berkas.suffix)):
        m = pola.match(p.name)
        if m:
            ada.append(((m[1], int(m[2] or 1)), p))
    return sorted(ada)


def calon_cadangan(berkas: Path, waktu: dt.datetime) -> Path:
    """The name the backup of `berkas` made at `waktu` will have:
    .cadangan/<stem>.<YYYYmmdd-HHMMSS>[-n]<suffix>, n counting backups made the same
    second. Known before the write, so the Riwayat row the write carries can name it
    (the run lock keeps another run from taking it meanwhile)."""
    berkas = path_nyata(Path(berkas))
    folder = berkas.parent / FOLDER_CADANGAN
    cap = waktu.strftime(_CAP_WAKTU)
    ada = _daftar_cadangan(folder, berkas) if folder.is_dir() else []
    n = max((k for (c, k), _ in ada if c == cap), default=0) + 1
    return folder / (f"{berkas.stem}.{cap}{berkas.suffix}" if n == 1 else
                     f"{berkas.stem}.{cap}-{n}{berkas.suffix}")


def simpan_cadangan(berkas: Path, data: bytes, mode: int | None,
                    tujuan: Path | None = None) -> Path:
    """Keep `data` (the previous master) as `tujuan`, by default calon_cadangan(now)."""
    tujuan = tujuan or calon_cadangan(berkas, dt.datetime.now())
    tujuan.parent.mkdir(exist_ok=True)
    tulis_atomik(tujuan, data, mode)
    return tujuan


def pangkas_cadangan(berkas: Path, jumlah: int) -> None:
    """Keep only the newest `jumlah` backups (after the new master is in place, so a
    failed write never costs an old backup)."""
    folder = berkas.parent / FOLDER_CADANGAN
    for _, lama in _daftar_cadangan(folder, berkas)[:-jumlah]:
        with suppress(OSError):
            lama.unlink()


def tulis_berkas(induk: Path, rencana: Rencana, keluaran: Path | None = None, *,
                 cadangan: int = 5, terkunci: bool = False,
                 sejak: os.stat_result | None = None,
                 nama_cadangan: Path | None = None) -> HasilTulis:
    """Write `plan` into the owned sheets of `induk` (or into `keluaran`, built from
    `induk`). Raises TulisDitolak (refused) or its subclass TulisGagal (I/O failed),
    with an Indonesian `pesan`; either way `induk` and the target keep their bytes.

    `terkunci`: the caller already holds the run lock (the pipeline takes it for the
    whole run, so two runs cannot interleave reading Riwayat and writing it).
    `sejak`: the target's stat when the caller read it; the write is refused if the
    file changed since (saved from Excel meanwhile). `nama_cadangan`: the backup's path,
    when the caller named it beforehand (calon_cadangan)."""
    induk = path_nyata(Path(induk))  # a symlinked master is written through to its target
    tujuan = path_nyata(Path(keluaran)) if keluaran is not None else induk
    if induk.suffix.lower() not in AKHIRAN:
        raise TulisDitolak(f"Workbook induk harus .xlsx atau .xlsm, bukan '{induk.name}'.")
    if tujuan.suffix.lower() != induk.suffix.lower():
        raise TulisDitolak(f"Berkas keluaran harus berakhiran {induk.suffix} seperti workbook "
                           "induk (Excel menolak membuka berkas yang akhirannya tidak cocok).")
    if not induk.is_file():
        raise TulisDitolak(f"Workbook induk '{induk}' tidak ditemukan.")
    periksa_excel(tujuan)
    periksa_bisa_ditulis(tujuan)
    with nullcontext() if terkunci else kunci_jalan(tujuan):
        _hapus_sisa_sementara(tujuan)
        try:
            data = induk.read_bytes()
            awal = tujuan.stat() if tujuan.exists() else None
        except OSError as e:
            raise TulisGagal(f"Gagal membaca '{induk.name}': {sebab_os(e)}.") from e
        if sejak is not None and (awal is None or (awal.st_mtime_ns, awal.st_size) != (
                sejak.st_mtime_ns, sejak.st_size)):
            raise TulisDitolak(f"'{tujuan.name}' diubah program lain selama konsolidasi; "
                               "jalankan lagi.")
        try:
            lama = data if tujuan == induk else (tujuan.read_bytes() if awal else None)
        except OSError as e:
            raise TulisGagal(f"Gagal membaca '{induk.name}': {sebab_os(e)}.") from e
        hasil = susun(data, rencana)
        mode = stat.S_IMODE(awal.st_mode) if awal else None
        simpan = None
        try:
            simpan = (simpan_cadangan(tujuan, lama, mode, nama_cadangan)
                      if lama is not None and cadangan > 0 else None)
            periksa_excel(tujuan)
            sekarang = tujuan.stat() if tujuan.exists() else None
            if (awal is None) != (sekarang is None) or (awal and (
                    awal.st_mtime_ns, awal.st_size) != (sekarang.st_mtime_ns, sekarang.st_size)):
                raise TulisDitolak(f"'{tujuan.name}' diubah program lain selama konsolidasi; "
                                   "jalankan lagi.")
            tulis_atomik(tujuan, hasil.data, mode)
        except BaseException as e:
            if simpan is not None:  # the master is unchanged: its copy is not a backup
                with suppress(OSError):
                    simpan.unlink()
            if isinstance(e, OSError):
                raise TulisGagal(_pesan_oserror(e, tujuan)) from e
            raise
        if simpan is not None:
            pangkas_cadangan(tujuan, cadangan)
    return HasilTulis(tujuan, simpan, hasil.baris, hasil.lembar_baru, hasil.temuan)
