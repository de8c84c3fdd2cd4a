"""The LKjIP document (Bab II and III) written from the master workbook: `kinerja dokumen`.

baca: the master computed by the formula engine, as tables and analysis rows;
uraian: the per-indicator analysis from the editable sentences of uraian.toml;
tulis: the Word document (python-docx).
"""

from __future__ import annotations

from pathlib import Path

from sync.dokumen.baca import baca_laporan
from sync.dokumen.tulis import tulis_dokumen
from sync.dokumen.uraian import muat_templat, uraian_indikator

__all__ = ["buat_dokumen"]


def buat_dokumen(induk: Path | str, keluaran: Path | str,
                 templat: Path | str | None = None) -> Path:
    """Compute the master, write the document; returns its path."""
    tpl = muat_templat(templat)
    data = baca_laporan(induk)
    return tulis_dokumen(data, tpl, uraian_indikator(data, tpl), Path(keluaran))
