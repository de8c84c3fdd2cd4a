"""Rebuild a zip package copying untouched entries as raw compressed bytes.

The standard library cannot yet copy an entry without decompressing and
recompressing it (CPython gh-113924 is open), so `salin_mentah` does what
`ZipFile.mkdir` does for a directory entry: write a local header and the
stored bytes, then register the entry so `close()` lists it in the central
directory. Copy time then does not depend on how large the untouched sheets are.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

_KEPALA_LOKAL = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_TANDA_LOKAL = b"PK\x03\x04"
_DATA_DESCRIPTOR = 0x08
_ID_ZIP64 = 0x0001
T = TypeVar("T")


def _tanpa_zip64(extra: bytes) -> bytes:
    """Extra fields without a zip64 record (zipfile adds its own when needed)."""
    keluar, i = [], 0
    while i + 4 <= len(extra):
        kode, panjang = struct.unpack_from("<HH", extra, i)
        if kode != _ID_ZIP64:
            keluar.append(extra[i:i + 4 + panjang])
        i += 4 + panjang
    return b"".join(keluar)


def data_mentah(sumber: bytes | memoryview, info: zipfile.ZipInfo) -> memoryview:
    """The entry's stored (compressed) bytes, read through its local header."""
    mv = memoryview(sumber)
    kepala = _KEPALA_LOKAL.unpack_from(mv, info.header_offset)
    if kepala[0] != _TANDA_LOKAL:
        raise zipfile.BadZipFile(f"kepala lokal rusak: {info.filename}")
    awal = info.header_offset + _KEPALA_LOKAL.size + kepala[10] + kepala[11]
    if awal + info.compress_size > len(mv):
        raise zipfile.BadZipFile(f"data terpotong: {info.filename}")
    return mv[awal:awal + info.compress_size]


def salin_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A fresh ZipInfo with the entry's metadata (name, time, method, attributes)."""
    baru = zipfile.ZipInfo(info.filename, info.date_time)
    baru.compress_type = info.compress_type
    baru.comment = info.comment
    baru.extra = _tanpa_zip64(info.extra)
    baru.create_system = info.create_system
    baru.create_version = info.create_version
    baru.extract_version = info.extract_version
    baru.flag_bits = info.flag_bits & ~_DATA_DESCRIPTOR  # sizes go in the local header
    baru.internal_attr = info.internal_attr
    baru.external_attr = info.external_attr
    return baru


def salin_mentah(zout: zipfile.ZipFile, info: zipfile.ZipInfo, mentah: memoryview) -> None:
    """Append one entry with its compressed bytes unchanged (no recompression)."""
    baru = salin_info(info)
    baru.CRC = info.CRC
    baru.compress_size = info.compress_size
    baru.file_size = info.file_size
    _tulis_entri(zout, baru, mentah)


def _tulis_entri(zout: zipfile.ZipFile, baru: zipfile.ZipInfo, data: bytes | memoryview) -> None:
    """Append an entry whose stored bytes, CRC and sizes are already set on `baru`."""
    zout.fp.seek(zout.start_dir)
    baru.header_offset = zout.fp.tell()
    zout.fp.write(baru.FileHeader())
    zout.fp.write(data)
    zout.filelist.append(baru)
    zout.NameToInfo[baru.filename] = baru
    zout.start_dir = zout.fp.tell()


# Deflate level of the rewritten parts: level 1 is about 3x faster than the default
# on sheet XML and the file ~10% bigger; every reader accepts any level.
TINGKAT_KOMPRESI = 1


@dataclass
class Terkompres:
    """A part deflated ahead of the package assembly; its bytes are kept for comparison."""

    mampat: bytes          # raw deflate stream, as stored in the zip
    crc: int
    ukuran: int
    potongan: list[bytes]  # the uncompressed part, in pieces

    def isi(self) -> bytes:
        return b"".join(self.potongan)

    def sama_dengan(self, sumber: bytes, info: zipfile.ZipInfo, lama: Callable[[], bytes]
                    ) -> bool:
        """Equal to entry `info` of package `sumber` (`lama` inflates it). Size and CRC
        differ cheaply; a part this writer deflated before has the very same deflate
        stream (a repeated run), which spares inflating and comparing 50 MB."""
        if (self.ukuran, self.crc) != (info.file_size, info.CRC):
            return False
        if info.compress_size == len(self.mampat) and data_mentah(sumber, info) == self.mampat:
            return True
        return self.isi() == lama()


class Pemampat:
    """Deflates parts on one background thread while the caller builds the next piece.

    zlib releases the GIL, so on a machine with two cores a sheet's XML is compressed
    as it is generated instead of after. One thread keeps each part's pieces in order.
    """

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kinerja-deflate")

    def __enter__(self) -> Pemampat:
        return self

    def __exit__(self, *_) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def mampatkan(self, potongan: Iterable[bytes]) -> Future[Terkompres]:
        """Consume `potongan` here (building each piece) and deflate it over there."""
        c = zlib.compressobj(TINGKAT_KOMPRESI, zlib.DEFLATED, -15)
        keluar: list[bytes] = []
        semua: list[bytes] = []
        crc = [0]

        def satu(data: bytes) -> None:
            keluar.append(c.compress(data))
            crc[0] = zlib.crc32(data, crc[0])

        for data in potongan:
            semua.append(data)
            self._pool.submit(satu, data)

        def akhir() -> Terkompres:
            keluar.append(c.flush())
            return Terkompres(b"".join(keluar), crc[0], sum(map(len, semua)), semua)
        return self._pool.submit(akhir)


class BacaLatar:
    """Reads parts of a package on one background thread, each handed there to a
    function whose result the caller takes when it needs it.

    zipfile inflates in zlib, which releases the GIL: while the writer builds the owned
    sheets (Python, one core), the other core inflates what the write needs later: the
    old owned sheets (50 MB each in a filled master) and every untouched sheet for the
    refresh's formula check. The thread has its own ZipFile (one is not thread-safe).
    """

    def __init__(self, sumber: bytes) -> None:
        self._sumber = sumber
        self._zip: zipfile.ZipFile | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kinerja-baca")

    def __enter__(self) -> BacaLatar:
        return self

    def __exit__(self, *_) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def baca(self, bagian: str, olah: Callable[[bytes], T]) -> Future[T]:
        """olah(the part's bytes), computed in order on the thread; the Future raises what
        reading or `olah` raised."""
        return self._pool.submit(self._satu, bagian, olah)

    def _satu(self, bagian: str, olah: Callable[[bytes], T]) -> T:
        if self._zip is None:
            self._zip = zipfile.ZipFile(io.BytesIO(self._sumber))
        return olah(self._zip.read(bagian))


def rakit(sumber: bytes, ganti: dict[str, bytes | Terkompres | None],
          tambah: list[tuple[str, bytes]]) -> bytes:
    """The package with `ganti` applied (new bytes, a part deflated ahead, or None to
    drop the entry) and `tambah` appended; every other entry is copied raw, in its
    original order. Rewritten entries keep their position, time and compression
    method (a part deflated ahead replaces a deflated entry only).
    """
    zin = zipfile.ZipFile(io.BytesIO(sumber))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w") as zout:
        for info in zin.infolist():
            if info.filename not in ganti:
                salin_mentah(zout, info, data_mentah(sumber, info))
            elif isinstance(ganti[info.filename], Terkompres):
                t = ganti[info.filename]
                if info.compress_type != zipfile.ZIP_DEFLATED:
                    raise ValueError(f"{info.filename}: bagian ini tidak dimampatkan deflate")
                baru = salin_info(info)
                baru.CRC, baru.compress_size, baru.file_size = t.crc, len(t.mampat), t.ukuran
                _tulis_entri(zout, baru, t.mampat)
            elif ganti[info.filename] is not None:
                baru = salin_info(info)
                zout.writestr(baru, ganti[info.filename], compress_type=info.compress_type,
                              compresslevel=TINGKAT_KOMPRESI)
        for nama, isi in tambah:
            zi = zipfile.ZipInfo(nama, (1980, 1, 1, 0, 0, 0))
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, isi, compress_type=zipfile.ZIP_DEFLATED,
                          compresslevel=TINGKAT_KOMPRESI)
        zout.comment = zin.comment
    return keluar.getvalue()
