"""The file writer's edge with the file system: locks, backup, atomic replace.

The master is never half-written: the new package goes to a temporary file
beside it, is fsynced, then renamed over it. Before that the previous version
is kept in `.cadangan/`. Writing is refused (nothing changed) while Excel holds
the file, while another consolidation runs on it, or when it is read-only.
"""

from __future__ import annotations

import errno
import json
import os
import re
import socket
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path

from sync.model.skema import Plan
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
    temuan: list[Temuan] = field(default_factory=list)     # formulas left to Excel (sync.segar)


# --- checks -------------------------------------------------------------------


def berkas_kunci_excel(berkas: Path) -> Path:
    """Excel's owner file for an open workbook: ~$ + its name, beside it."""
    return berkas.with_name("~$" + berkas.name)


def periksa_excel(berkas: Path) -> None:
    kunci = berkas_kunci_excel(berkas)
    if kunci.exists():
        raise TulisDitolak(
            f"Workbook '{berkas.name}' sedang dibuka di Excel (ada berkas kunci '{kunci.name}'). "
            "Tutup workbook itu di Excel lalu jalankan lagi, atau jalankan Konsolidasi dari "
            "dalam Excel dengan tombol Konsolidasi di tab Kinerja. Bila Excel sudah ditutup "
            f"dan pesan ini tetap muncul, hapus berkas '{kunci.name}'.")


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
    if e.errno == errno.ENOSPC:
        sebab = "disk penuh. Kosongkan ruang disk lalu jalankan lagi"
    elif e.errno in (errno.EACCES, errno.EPERM):
        sebab = ("tidak ada izin menulis (mungkin berkas sedang dibuka program lain atau "
                 "hanya-baca)")
    elif e.errno == errno.EROFS:
        sebab = "media penyimpanan hanya-baca"
    else:
        sebab = e.strerror or str(e)
    return (f"Gagal menulis '{berkas.name}': {sebab}. Workbook induk tidak berubah.")


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


@contextmanager
def kunci_jalan(berkas: Path) -> Iterator[Path]:
    """Hold the one-consolidation-at-a-time lock for `berkas` (O_EXCL lock file)."""
    kunci = berkas_kunci_jalan(berkas)
    for _ in range(2):
        try:
            fd = os.open(kunci, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if _kunci_basi(kunci):
                with suppress(FileNotFoundError):
                    kunci.unlink()
                continue
            raise TulisDitolak(
                f"Konsolidasi lain sedang berjalan untuk '{berkas.name}'. Tunggu sampai selesai "
                f"lalu jalankan lagi. Bila tidak ada yang berjalan, hapus berkas '{kunci.name}' "
                "di folder yang sama.") from None
        except OSError as e:
            raise TulisGagal(_pesan_oserror(e, berkas)) from e
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"pid": os.getpid(), "host": socket.gethostname(),
                       "mulai": time.strftime("%Y-%m-%d %H:%M:%S")}, f)
        break
    else:
        raise TulisDitolak(f"Kunci '{kunci.name}' tidak dapat diambil; coba lagi.")
    try:
        yield kunci
    finally:
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
    """Temp files of a run that was killed (only called while holding the run lock)."""
    awalan = _awalan_sementara(berkas)
    for p in berkas.parent.glob(glob_aman(awalan) + "*.tmp"):
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


def simpan_cadangan(berkas: Path, data: bytes, jumlah: int, mode: int | None) -> Path:
    """Keep `data` (the previous master) as .cadangan/<stem>.<YYYYmmdd-HHMMSS><suffix>;
    only the newest `jumlah` backups are kept."""
    folder = berkas.parent / FOLDER_CADANGAN
    folder.mkdir(exist_ok=True)
    cap = time.strftime(_CAP_WAKTU)
    n = max((k for (c, k), _ in _daftar_cadangan(folder, berkas) if c == cap), default=0) + 1
    tujuan = folder / (f"{berkas.stem}.{cap}{berkas.suffix}" if n == 1 else
                       f"{berkas.stem}.{cap}-{n}{berkas.suffix}")
    tulis_atomik(tujuan, data, mode)
    for _, lama in _daftar_cadangan(folder, berkas)[:-jumlah]:
        with suppress(OSError):
            lama.unlink()
    return tujuan


def tulis_berkas(induk: Path, plan: Plan, keluaran: Path | None = None, *,
                 cadangan: int = 5, terkunci: bool = False,
                 sejak: os.stat_result | None = None) -> HasilTulis:
    """Write `plan` into the owned sheets of `induk` (or into `keluaran`, built from
    `induk`). Raises TulisDitolak (refused) or its subclass TulisGagal (I/O failed),
    with an Indonesian `pesan`; either way `induk` and the target keep their bytes.

    `terkunci`: the caller already holds the run lock (the pipeline takes it for the
    whole run, so two runs cannot interleave reading Riwayat and writing it).
    `sejak`: the target's stat when the caller read it; the write is refused if the
    file changed since (saved from Excel meanwhile)."""
    induk = Path(induk)
    tujuan = Path(keluaran) if keluaran is not None else induk
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
            raise TulisGagal(f"Gagal membaca '{induk.name}': {e.strerror or e}.") from e
        if sejak is not None and (awal is None or (awal.st_mtime_ns, awal.st_size) != (
                sejak.st_mtime_ns, sejak.st_size)):
            raise TulisDitolak(f"'{tujuan.name}' diubah program lain selama konsolidasi; "
                               "jalankan lagi.")
        try:
            lama = data if tujuan == induk else (tujuan.read_bytes() if awal else None)
        except OSError as e:
            raise TulisGagal(f"Gagal membaca '{induk.name}': {e.strerror or e}.") from e
        hasil = susun(data, plan)
        mode = stat.S_IMODE(awal.st_mode) if awal else None
        try:
            simpan = (simpan_cadangan(tujuan, lama, cadangan, mode)
                      if lama is not None and cadangan > 0 else None)
            periksa_excel(tujuan)
            sekarang = tujuan.stat() if tujuan.exists() else None
            if (awal is None) != (sekarang is None) or (awal and (
                    awal.st_mtime_ns, awal.st_size) != (sekarang.st_mtime_ns, sekarang.st_size)):
                raise TulisDitolak(f"'{tujuan.name}' diubah program lain selama konsolidasi; "
                                   "jalankan lagi.")
            tulis_atomik(tujuan, hasil.data, mode)
        except OSError as e:
            raise TulisGagal(_pesan_oserror(e, tujuan)) from e
    return HasilTulis(tujuan, simpan, hasil.baris, hasil.lembar_baru, hasil.temuan)
