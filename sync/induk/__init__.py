"""The master workbook as a run sees it: read once, under the run's lock, before planning.

`Induk` holds its configuration (the Pengaturan sheet) and the rows every owned sheet
holds now. The plan is computed from it alone, so planning does no I/O: it keeps a
bidang's old rows, appends to Riwayat and counts what a write changes from this one
reading. The file run reads it with `baca_induk`; the button builds it from the open
workbook (sync/tombol.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sync.induk.lembar_lama import baca_lembar_milik
from sync.induk.pengaturan import Pengaturan, baca_pengaturan
from sync.model.tolak import TulisDitolak


@dataclass(frozen=True)
class Induk:
    """A master's configuration and its owned sheets' rows (header excluded, keyed by the
    schema's sheet name; a sheet the master lacks is absent). Read from a file the rows
    are held as columns (skema.BarisKolom, as in a Rencana); plain rows do as well."""

    pengaturan: Pengaturan
    lama: Mapping[str, Sequence[Sequence[object]]] = field(default_factory=dict)
    path: Path = Path(".")


def baca_induk(path: Path) -> Induk:
    """Read the master file once: Pengaturan and every owned sheet. Raises TulisDitolak
    with an Indonesian message when the file cannot be read."""
    path = Path(path)
    try:
        conf = baca_pengaturan(path)
    except Exception as e:  # calamine's errors: bad XML, an undefined entity
        raise TulisDitolak(f"Lembar Pengaturan workbook induk tidak dapat dibaca "
                           f"({type(e).__name__}); buka dan simpan ulang workbook "
                           "itu di Excel.") from e
    return Induk(conf, baca_lembar_milik(path), path)
