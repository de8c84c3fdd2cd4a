"""What a source hands to the parser: the raw cells of each template tab.

Every source (local .xlsx/.xlsm, .csv, Google Sheets) produces the same shape,
so parsing, validation and findings are written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sync.model.rahasia import redaksi
from sync.model.sel import kutip_lembar
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
    tautan: str = ""           # what opens this tab: a Google Sheets link, a workbook's
    #                            address as configured, or "" (CSV)
    baris_tersembunyi: frozenset[int] = frozenset()  # 0-based rows hidden in the source

    def tautan_sel(self, sel: str) -> str:
        """A link to one cell of this tab, e.g. 'G7' (see tautan_sel)."""
        return tautan_sel(self.tautan, f"{kutip_lembar(self.nama)}!{sel}")


def tautan_sel(tautan: str, sel: str) -> str:
    """The link of a finding at `sel` ("Indikator!G7") in the tab `tautan` opens.

    Google Sheets: `...#gid=<tab>&range=G7`; without the tab's gid a range would land
    on another tab, so the link then opens the tab (or spreadsheet) only. A workbook
    file (its address as configured): Excel's hyperlink sub-address `file#'Tab'!G7`,
    which Excel's HYPERLINK and Insert > Link accept and staff can follow by hand.
    """
    if not tautan or not sel:
        return tautan
    tab, _, sel_saja = sel.rpartition("!")
    if tautan.startswith(("https://", "http://")):
        return f"{tautan}&range={sel_saja}" if "#gid=" in tautan else tautan
    return f"{tautan}#{sel}" if tab else tautan


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
