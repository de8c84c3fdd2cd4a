"""The office's report sheets of the master workbook (the LKjIP tables of the seed).

The tool never writes these sheets after the build: their formulas read the owned
data sheets through defined names, so each consolidation updates them by itself.
"""

from workbooks.laporan import bab2, bab3, hierarki
from workbooks.laporan.dasar import Konteks

__all__ = ["Konteks", "tulis_laporan"]


def tulis_laporan(k: Konteks, anggaran: list[dict], indikator: list[dict] = (),
                  tahun: int | None = None) -> None:
    """Add every report sheet; `anggaran` (budget lines as dicts keyed by skema column
    keys) gives Tabel 3.8 its programs, activities and sub-activities; `indikator` (the
    Data Indikator rows) gives the hierarchy tables theirs and the Analisis sheet the
    indicators of the report year `tahun`."""
    bab2.tulis(k)
    hierarki.tulis_bab2(k, list(indikator))
    bab3.tulis(k, anggaran)
    if tahun is not None:
        hierarki.tulis_bab3(k, list(indikator), tahun)
