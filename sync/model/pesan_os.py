"""Operating-system errors in the users' language.

`OSError.strerror` is the C library's English ("File exists", "File too large", "No
space left on device"); staff read Indonesian, so every message built from an OSError
takes its cause from here, by errno (and the Windows error code where there is no
errno), never from the English text.
"""

from __future__ import annotations

import errno

_SEBAB = {
    errno.ENOSPC: "disk penuh; kosongkan ruang disk lalu jalankan lagi",
    errno.EFBIG: "berkas terlalu besar untuk sistem berkas ini",
    errno.EEXIST: "berkas sudah ada",
    errno.ENOENT: "berkas atau folder tidak ditemukan",
    errno.EACCES: ("tidak ada izin (mungkin berkas sedang dibuka program lain atau "
                   "hanya-baca)"),
    errno.EPERM: ("tidak ada izin (mungkin berkas sedang dibuka program lain atau "
                  "hanya-baca)"),
    errno.EROFS: "media penyimpanan hanya-baca",
    errno.EISDIR: "yang dituju adalah folder, bukan berkas",
    errno.ENOTDIR: "bagian dari path bukan folder",
    errno.ENAMETOOLONG: "nama atau path berkas terlalu panjang",
    errno.ELOOP: "terlalu banyak tautan simbolik (symlink) berantai",
    errno.EMFILE: "terlalu banyak berkas terbuka",
    errno.ENFILE: "terlalu banyak berkas terbuka",
    errno.EIO: "kesalahan baca/tulis perangkat penyimpanan",
    errno.EBUSY: "berkas sedang dipakai program lain",
    errno.ENXIO: "bukan berkas biasa (perangkat atau pipa tanpa penulis)",
    errno.ETIMEDOUT: "waktu habis",
    errno.ENOTEMPTY: "folder tidak kosong",
}
for _nama, _sebab in (("EDQUOT", "kuota disk pengguna habis"),
                      ("ESTALE", "berkas jaringan tidak lagi tersedia")):
    if hasattr(errno, _nama):
        _SEBAB[getattr(errno, _nama)] = _sebab

_WINDOWS = {  # winerror codes without a fitting errno
    32: "berkas sedang dipakai program lain",       # ERROR_SHARING_VIOLATION
    33: "sebagian berkas dikunci program lain",     # ERROR_LOCK_VIOLATION
    112: "disk penuh; kosongkan ruang disk lalu jalankan lagi",  # ERROR_DISK_FULL
    1224: "berkas sedang dibuka program lain",      # ERROR_USER_MAPPED_FILE
}


def sebab_os(e: BaseException) -> str:
    """Why an OSError happened, in Indonesian (no English system text)."""
    win = getattr(e, "winerror", None)
    if win in _WINDOWS:
        return _WINDOWS[win]
    no = getattr(e, "errno", None)
    if no in _SEBAB:
        return _SEBAB[no]
    if no:
        return f"kesalahan sistem berkas (kode {no})"
    return "kesalahan sistem berkas"
