"""Excel cells: column letters, sheet names as a reference writes them, text as a cell holds it."""

from __future__ import annotations

import re

from openpyxl.utils.cell import column_index_from_string as nomor_kolom
from openpyxl.utils.cell import get_column_letter as huruf_kolom

__all__ = ["huruf_kolom", "nomor_kolom", "kutip_lembar", "bersihkan_teks", "sudah_bersih",
           "MAKS_TEKS"]

MAKS_TEKS = 32767  # Excel's limit of characters in one cell
# Characters XML 1.0 cannot carry at all (lone surrogates included).
_TERLARANG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def bersihkan_teks(teks: str) -> str:
    """A text as a cell can hold it: what XML 1.0 forbids dropped, cut to Excel's limit.
    The writers store it so; the plan compares old and new rows by it."""
    return _TERLARANG.sub("", teks)[:MAKS_TEKS]


def sudah_bersih(teks: list[str]) -> bool:
    """True when bersihkan_teks leaves every text as it is; one search over them all,
    so a whole column is checked without a call per cell."""
    return (max(map(len, teks), default=0) <= MAKS_TEKS
            and not _TERLARANG.search("\n".join(teks)))


def kutip_lembar(nama: str) -> str:
    """A sheet name as it appears in a reference (Indikator!G7, 'Data Lama'!G7): quoted
    unless plainly a word that cannot be read as a cell address (A1, R1C1)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", nama) and not re.fullmatch(
            r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*", nama):
        return nama
    return "'" + nama.replace("'", "''") + "'"
