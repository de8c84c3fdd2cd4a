"""Build one large owned sheet in a helper process while this process builds the other.

Sheet XML is made by Python code that holds the GIL, so a second thread cannot
share the work; a second process can. A large run (40 bidang x 2,000 rows) has two
sheets of 80,000 rows, each about a second of work: the helper builds and deflates
Data Indikator while this process builds Data Anggaran.

Only where a helper can be forked (Linux, no other thread running): it inherits the
rows, and only the deflated part comes back through a pipe. Elsewhere (Windows,
macOS) a helper would have to be spawned, which costs about what it saves and has
not been tried on those systems, so the sheet is built here. If the helper cannot
start or dies, the sheet is built here too: the result is the same file.
`KINERJA_PROSES=0` turns helpers off.
"""

from __future__ import annotations

import gc
import io
import multiprocessing as mp
import os
import sys
import threading
import zipfile
from dataclasses import dataclass
from multiprocessing.connection import Connection

from lxml import etree

from sync import tulis_lembar as tl
from sync.skema import lembar_milik
from sync.zip_salin import Pemampat, Terkompres

AMBANG_BARIS = 40_000  # a sheet this large is worth a helper


@dataclass
class HasilProses:
    """What the helper sends back: the deflated part, or why it could not build it."""

    terkompres: Terkompres | None = None  # without the uncompressed pieces
    sama: bool = False                    # the part equals the sheet's stored bytes
    autofilter: str | None = None
    tidak_didukung: str | None = None     # LembarTidakDidukung's message
    rusak: bool = False                   # the stored sheet is not well-formed XML


def boleh(jumlah_besar: int) -> bool:
    """A helper pays off with two large sheets and two cores, where it can be forked."""
    return (jumlah_besar >= 2 and (os.cpu_count() or 1) >= 2
            and os.environ.get("KINERJA_PROSES", "1") != "0" and _konteks() is not None)


def _konteks() -> mp.context.BaseContext | None:
    """Fork, if safe here: forking a process that runs other threads can deadlock the
    child (the run's reader threads have ended by the time the sheets are built)."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return mp.get_context("fork")
    return None


def bangun(paket: bytes, bagian: str, nama: str, baris: list[list[object]]) -> HasilProses:
    """Sheet part `bagian` of the package rewritten and deflated (what the helper runs;
    it inflates the old part itself, which may hold a previous run's 50 MB)."""
    z = zipfile.ZipFile(io.BytesIO(paket))
    info = z.getinfo(bagian)
    xml = z.read(info)
    try:
        hasil = tl.tulis_ulang_lembar(xml, lembar_milik(nama), baris)
    except tl.LembarTidakDidukung as e:
        return HasilProses(tidak_didukung=str(e))
    except etree.XMLSyntaxError:
        return HasilProses(rusak=True)
    with Pemampat() as pemampat:
        t = pemampat.mampatkan(hasil.potongan).result()
    sama = t.sama_dengan(paket, info, lambda: xml)
    t.potongan = []  # not sent back: the parent needs only the deflated part
    return HasilProses(t, sama, hasil.autofilter)


def _anak(conn: Connection, paket: bytes, bagian: str, nama: str,
          baris: list[list[object]]) -> None:
    gc.disable()  # as in the parent's run: millions of acyclic objects
    try:
        conn.send(bangun(paket, bagian, nama, baris))
    finally:
        conn.close()


class Pembantu:
    """One helper process building one sheet; `hasil()` waits for it (None: failed)."""

    def __init__(self, paket: bytes, bagian: str, nama: str, baris: list[list[object]]):
        ctx = _konteks()
        if ctx is None:
            raise RuntimeError("tidak dapat fork di sini")
        self._terima, kirim = ctx.Pipe(duplex=False)
        self._proses = ctx.Process(target=_anak, args=(kirim, paket, bagian, nama, baris),
                                   name=f"kinerja-{nama}", daemon=True)
        try:
            self._proses.start()
        finally:
            kirim.close()

    def batal(self) -> None:
        """Stop the helper whose result is no longer wanted (the write was refused)."""
        if self._proses.is_alive():
            self._proses.kill()
        self._proses.join(timeout=5)
        self._terima.close()

    def hasil(self) -> HasilProses | None:
        try:
            return self._terima.recv()
        except (EOFError, OSError):  # the helper died before it answered
            return None
        finally:
            self._terima.close()
            self._proses.join(timeout=5)
            if self._proses.is_alive():
                self._proses.kill()
