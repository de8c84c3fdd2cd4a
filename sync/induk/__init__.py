"""The master workbook as a run sees it: read once, under the run's lock, before planning.

`Induk` holds its configuration (the Pengaturan sheet) and the rows every owned sheet
holds now. The plan is computed from it alone, so planning does no I/O: it keeps a
bidang's old rows, appends to Riwayat and counts what a write changes from this one
reading. The file run reads it with `baca_induk`; the button builds it from the open
workbook (sync/tombol.py).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sync.induk.lembar_lama import baca_lembar_milik
from sync.induk.pengaturan import Pengaturan, baca_pengaturan
from sync.model.tolak import TulisDitolak


@dataclass(frozen=True)
class Induk:
    """A master's configuration and its owned sheets' rows (header excluded, keyed by the
    schema's sheet name; a sheet the master lacks is absent)."""

    pengaturan: Pengaturan
    lama: Mapping[str, list[list[object]]] = field(default_factory=dict)
    path: Path = Path(".")

    def tunggu(self) -> None:
        """Wait until the old rows are read (see LembarLatar), without raising: what
        reads them must be done before the run's lock is released."""
        if isinstance(self.lama, LembarLatar):
            self.lama.tunggu()


class LembarLatar(Mapping):
    """The owned sheets' rows (baca_lembar_milik) read in a background thread.

    A re-run's master holds 2 x 80,000 rows, as many cells as all the sources: reading
    them took as long as the whole floor of the bench. Calamine parses the XML without
    the GIL, so the read runs beside the reading and parsing of the sources. The first
    access waits for it and raises what baca_lembar_milik raised (TulisDitolak)."""

    def __init__(self, path: Path):
        self._isi: dict[str, list[list[object]]] | None = None
        self._galat: BaseException | None = None
        self._benang = threading.Thread(target=self._baca, args=(path,), daemon=True,
                                        name="kinerja-induk")
        self._benang.start()

    def _baca(self, path: Path) -> None:
        try:
            self._isi = baca_lembar_milik(path)
        except BaseException as e:  # raised again in the caller's thread, on first use
            self._galat = e

    def tunggu(self) -> None:
        self._benang.join()

    def _hasil(self) -> dict[str, list[list[object]]]:
        self._benang.join()
        if self._galat is not None:
            raise self._galat
        assert self._isi is not None
        return self._isi

    def __getitem__(self, nama: str) -> list[list[object]]:
        return self._hasil()[nama]

    def __iter__(self) -> Iterator[str]:
        return iter(self._hasil())

    def __len__(self) -> int:
        return len(self._hasil())


def baca_induk(path: Path) -> Induk:
    """Read the master file once: Pengaturan now, every owned sheet in the background
    (LembarLatar). Raises TulisDitolak with an Indonesian message when Pengaturan cannot
    be read; the owned sheets' refusal comes with their first use, so the caller uses
    them (or `len(induk.lama)`) before anything else can refuse, and waits for them
    (`tunggu`) before releasing its lock."""
    path = Path(path)
    try:
        conf = baca_pengaturan(path)
    except Exception as e:  # calamine's errors: bad XML, an undefined entity
        raise TulisDitolak(f"Lembar Pengaturan workbook induk tidak dapat dibaca "
                           f"({type(e).__name__}); buka dan simpan ulang workbook "
                           "itu di Excel.") from e
    return Induk(conf, LembarLatar(path), path)
