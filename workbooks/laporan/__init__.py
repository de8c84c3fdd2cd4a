"""The office's report sheets of the master workbook (the LKjIP tables of the seed).

The tool never writes these sheets after the build: their formulas read the owned
data sheets through defined names, so each consolidation updates them by itself.
"""

from workbooks.laporan import bab2, bab3
from workbooks.laporan.dasar import Konteks

__all__ = ["Konteks", "tulis_laporan"]


def tulis_laporan(k: Konteks, anggaran: list[dict]) -> None:
    """Add every report sheet; `anggaran` (budget lines as dicts keyed by skema column
    keys) gives Tabel 3.8 its programs, activities and sub-activities."""
    bab2.tulis(k)
    bab3.tulis(k, anggaran)
