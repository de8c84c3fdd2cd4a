"""Findings: every problem the reader, validator or audit sees, as plain data."""

from __future__ import annotations

from dataclasses import dataclass

from sync.model.rahasia import redaksi

GALAT = "galat"            # error: the row cannot be used as it stands
PERINGATAN = "peringatan"  # warning: used, but someone should look
INFO = "info"              # information: nothing wrong, worth knowing

URUTAN_TINGKAT = {GALAT: 0, PERINGATAN: 1, INFO: 2}
# What staff read (docs/glosarium.md): "kesalahan", never the technical "galat".
NAMA_TINGKAT = {GALAT: "kesalahan", PERINGATAN: "peringatan", INFO: "info"}


@dataclass(frozen=True)
class Temuan:
    """One finding, addressed the way a user finds it: bidang, tab, cell."""

    tingkat: str
    bidang: str
    tab: str
    sel: str          # as Excel shows it, e.g. "Indikator!G7" ("" when not one cell)
    nilai: object     # the offending value as read (None when absent)
    pesan: str        # Indonesian: what is wrong and what is expected
    tautan: str = ""  # a link that opens the place (Google Sheets), or ""
    kode: str = ""    # machine-readable kind, e.g. "kode_ganda", for tests and filters
    hitungan: float | None = None  # the audit's own figure for the cell, when it has one

    def baris(self) -> list[object]:
        """The row this finding takes in the Pemeriksaan sheet (without No)."""
        return [NAMA_TINGKAT.get(self.tingkat, self.tingkat), self.bidang, self.tab, self.sel,
                redaksi(teks_nilai(self.nilai)), redaksi(self.pesan), redaksi(self.tautan)]


def teks_nilai(v: object) -> str:
    """A value as the finding shows it: 2021.0 read from a workbook shows as 2021, a
    fraction with the decimal comma staff read (0,2129), never Python's 0.2129."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, float):
        return format(v, ".15g").replace(".", ",")
    return str(v)
