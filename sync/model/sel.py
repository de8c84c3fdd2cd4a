"""Excel addresses: column letters and sheet names as a reference writes them."""

from __future__ import annotations

import re

from openpyxl.utils.cell import column_index_from_string as nomor_kolom
from openpyxl.utils.cell import get_column_letter as huruf_kolom

__all__ = ["huruf_kolom", "nomor_kolom", "kutip_lembar"]


def kutip_lembar(nama: str) -> str:
    """A sheet name as it appears in a reference (Indikator!G7, 'Data Lama'!G7): quoted
    unless plainly a word that cannot be read as a cell address (A1, R1C1)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", nama) and not re.fullmatch(
            r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*", nama):
        return nama
    return "'" + nama.replace("'", "''") + "'"
