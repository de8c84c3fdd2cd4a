r"""A finding's link (Pemeriksaan's Tautan text) as the hyperlink Excel stores for it.

The link text is what sync/model/mentah.tautan_sel makes: a Google Sheets URL
(`...#gid=5&range=G7`) or a workbook path with Excel's sub-address
(`contoh/01-sekretariat.xlsx#'Indikator'!G7`). Excel keeps a hyperlink as an
address and a sub-address: in a file, a relationship of the sheet (Target, with
TargetMode="External") and the `location` attribute of <hyperlink> (ECMA-376
Part 1, 18.3.1.47); through COM, Hyperlinks.Add(Anchor, Address, SubAddress).
Both writers take the split from here. How Excel spells the address in a file is
taken from XlsxWriter's xlsxwriter/url.py, which is written to match Excel's own
files byte for byte: relative paths with backslashes, absolute ones as
`file:///C:\...`, the part after "#" of a URL or a path moved to `location`, and
`%`, `"`, space, `<`, `>`, `[`, `]`, `^`, `` ` ``, `{`, `}` escaped (`#` also, in a
file path).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Hyperlinks written per sheet: the first 1,000 findings (errors first) get one, the rest
# keep their text. Excel keeps at most 65,530 per worksheet (XlsxWriter's limit), but
# openpyxl, which the formulas engine (the write's value refresh, `kinerja hitung`) and
# other readers load the master with, looks each link's relationship up in a list: the
# cost grows with the square of the count (29,000 links took 76 s to load; 1,000 take
# about 0.1 s).
MAKS_PER_LEMBAR = 1_000
MAKS_EXCEL = 65_530
MAKS_PANJANG = 2080       # characters in an address (XlsxWriter Url.MAX_URL_LEN)

# the sub-address tautan_sel appends: "#Tab!G7" or "#'Tab ''x'''!G7", at the end
_LOKASI = re.compile(r"#((?:'(?:[^']|'')+'|[^'#!]+)!\$?[A-Za-z]{1,3}\$?\d+)\Z")
_URL = re.compile(r"^https?://", re.I)
_SKEMA = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # mailto:, javascript:, file: ...


@dataclass(frozen=True)
class Tautan:
    """``tujuan`: the file path (backslashed, as Excel keeps it) or URL, unescaped;
    `lokasi`: the sub-address ("" when none)."""

    tujuan: str
    lokasi: str = ""
    berkas: bool = False  # a file path, not a URL

    def target(self) -> str:
        """The relationship Target Excel writes for this address."""
        if not self.berkas:
            return _escape(self.tujuan)
        relatif = not (self.tujuan.startswith("\\\\") or re.match(r"^[A-Za-z]:", self.tujuan))
        tujuan = self.tujuan if relatif else "file:///" + self.tujuan
        if tujuan.startswith(".\\"):
            tujuan = tujuan[2:]
        return _escape(tujuan).replace("#", "%23")


def urai_tautan(teks: object, berkas: object = None) -> Tautan | None:
    """The hyperlink for a Tautan text, or None when it is no link Excel should open
    (empty, another scheme such as javascript: or mailto:, too long, or a path that is
    neither the row's source `berkas` nor ends in a cell's sub-address: the writers
    never turn arbitrary text into a link)."""
    if not isinstance(teks, str) or not teks.strip() or teks != teks.strip():
        return None
    if any(ord(c) < 32 for c in teks):
        return None
    if _URL.match(teks):
        tujuan, _, lokasi = teks.partition("#")
        hasil = Tautan(tujuan, lokasi)
    elif _SKEMA.match(teks) and not re.match(r"^[A-Za-z]:[\\/]", teks):
        return None
    else:
        if isinstance(berkas, str) and berkas and (teks == berkas
                                                   or teks.startswith(berkas + "#")):
            tujuan, lokasi = berkas, teks[len(berkas) + 1:]  # exact, whatever the name holds
        elif m := _LOKASI.search(teks):
            tujuan, lokasi = teks[:m.start()], m.group(1)
        else:
            return None
        if not tujuan:
            return None
        hasil = Tautan(tujuan.replace("/", "\\"), lokasi, berkas=True)
    if len(hasil.target()) > MAKS_PANJANG or len(hasil.lokasi) > MAKS_PANJANG:
        return None
    return hasil


def _escape(tujuan: str) -> str:
    """XlsxWriter's Url._escape_url (Excel's escaping; an already escaped address is
    left as it is)."""
    if re.search("%[0-9a-fA-F]{2}", tujuan):
        return tujuan
    for c, e in (("%", "%25"), ('"', "%22"), (" ", "%20"), ("<", "%3c"), (">", "%3e"),
                 ("[", "%5b"), ("]", "%5d"), ("^", "%5e"), ("`", "%60"), ("{", "%7b"),
                 ("}", "%7d")):
        tujuan = tujuan.replace(c, e)
    return tujuan
