"""Findings: every problem the reader, validator or audit sees, as plain data."""

from __future__ import annotations

import math
from dataclasses import dataclass

from addin import rumus
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

    def baris(self, berkas: str = "") -> list[object]:
        """The row this finding takes in the Pemeriksaan sheet (without No); `berkas`:
        the bidang's source as configured (file path or Google address)."""
        return [NAMA_TINGKAT.get(self.tingkat, self.tingkat), self.bidang, self.tab, self.sel,
                nilai_sel(self.nilai), redaksi(self.pesan), redaksi(berkas),
                redaksi(self.tautan)]


def nilai_sel(v: object) -> object:
    """Nilai as the Pemeriksaan cell holds it: a number stays a number (its cell's
    number format shows it, see format_nilai), anything else is its text."""
    if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
        return float(v) if isinstance(v, float) else v
    return redaksi(teks_nilai(v))


# Number formats of Nilai (en-US codes as stored; an Indonesian Excel shows 21,29%,
# Rp1.052,00 and 1.052)
F_NILAI_PERSEN = "0.00%"
F_NILAI_RUPIAH = '"Rp"#,##0.00'
F_NILAI_BULAT = "#,##0"
F_NILAI_DESIMAL = "#,##0.0###"


def format_nilai(nilai: object, pesan: object) -> str | None:
    """The number format that shows a finding's Nilai the way its message speaks of it:
    percent when the message shows the value as a percent (0.2129 -> "21,29%"), rupiah
    when it shows it in rupiah, else grouped digits; None for a value that is no number."""
    if not isinstance(nilai, (int, float)) or isinstance(nilai, bool) or not math.isfinite(nilai):
        return None
    pesan = pesan if isinstance(pesan, str) else ""
    if "%" in pesan and str(rumus.persen(float(nilai))) in pesan:
        return F_NILAI_PERSEN
    if "Rp" in pesan and str(rumus.rupiah(float(nilai))) in pesan:
        return F_NILAI_RUPIAH
    return F_NILAI_BULAT if float(nilai).is_integer() else F_NILAI_DESIMAL


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
