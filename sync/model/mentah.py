"""What a source hands to the parser: the raw cells of each template tab.

Every source (local .xlsx/.xlsm, .csv, Google Sheets) produces the same shape,
so parsing, validation and findings are written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sync.model.rahasia import redaksi
from sync.model.temuan import Temuan


@dataclass
class TabMentah:
    """One tab as read: cells from A1, row by row.

    Cells are None (blank), str, int, float or bool. An error cell (#REF!,
    #DIV/0!, ...) arrives as its text; a date as an Excel serial number.
    Rows may be ragged (trailing blanks trimmed).
    """

    nama: str                  # the tab's name in the source (may differ from the template's)
    sel: list[list[object]]
    tautan: str = ""           # a link that opens this tab (Google Sheets), "" for files
    baris_tersembunyi: frozenset[int] = frozenset()  # 0-based rows hidden in the source

    def tautan_sel(self, alamat: str) -> str:
        """A link to one cell, e.g. 'G7': Google Sheets opens `#gid=<tab>&range=G7`.

        Without the tab's gid a range would land on another tab, so the link then
        opens the tab (or spreadsheet) only.
        """
        if "#gid=" in self.tautan:
            return f"{self.tautan}&range={alamat}"
        return self.tautan


@dataclass
class SumberMentah:
    """One bidang's source after reading, before parsing."""

    bidang: str
    alamat: str                # the path or URL as configured (never a credential)
    jenis: str                 # "xlsx", "csv" or "google"
    tabs: dict[str, TabMentah] = field(default_factory=dict)  # key: template tab name
    temuan: list[Temuan] = field(default_factory=list)         # e.g. a renamed tab was used


class SumberGagal(Exception):
    """A source could not be read at all. The message (Indonesian) says which and why."""

    def __init__(self, bidang: str, alamat: str, pesan: str):
        pesan = redaksi(pesan)  # may quote a server's answer: no credential in it
        super().__init__(f"{bidang}: {pesan}")
        self.bidang = bidang
        self.alamat = redaksi(alamat)
        self.pesan = pesan
