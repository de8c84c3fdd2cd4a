"""Google Sheets addresses: the spreadsheet id in what staff paste, and links back.

Staff copy the address bar, a "share" link or just the id into Pengaturan; all of
these name the same spreadsheet. Links we build go to docs.google.com whatever
API endpoint is configured: they are for people, not for the API.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ID = r"[A-Za-z0-9_-]{20,100}"
_ID_SAJA = re.compile(rf"^{_ID}$")
# /spreadsheets/d/<id>, also under /u/<n>/ (multiple accounts) and /a/<domain>/ (Workspace)
_JALUR = re.compile(rf"^(?:/a/[^/]+)?/spreadsheets(?:/u/\d+)?/d/({_ID})(?:/|$)")
_JALUR_TERBIT = re.compile(r"^(?:/a/[^/]+)?/spreadsheets(?:/u/\d+)?/d/e/")

BASIS_TAUTAN = "https://docs.google.com/spreadsheets/d/"


class AlamatTidakSah(ValueError):
    """The text is not a Google Sheets address. The message (Indonesian) says what is expected."""


def id_spreadsheet(alamat: str) -> str:
    """The spreadsheet id in a Google Sheets URL (any usual form) or a bare id."""
    teks = (alamat or "").strip()
    if _ID_SAJA.match(teks):
        return teks
    if teks.startswith("docs.google.com/"):
        teks = "https://" + teks
    bagian = urlsplit(teks)
    host = bagian.netloc.lower()
    if bagian.scheme in ("http", "https") and host == "docs.google.com":
        if _JALUR_TERBIT.match(bagian.path):
            raise AlamatTidakSah(
                f"'{alamat}' adalah alamat 'Publikasikan ke web', yang tidak dapat dibaca "
                "lewat API. Buka spreadsheet-nya lalu salin alamat dari bilah alamat browser "
                "(bentuk https://docs.google.com/spreadsheets/d/.../edit)."
            )
        cocok = _JALUR.match(bagian.path)
        if cocok:
            return cocok.group(1)
    if bagian.scheme in ("http", "https") and host == "drive.google.com":
        raise AlamatTidakSah(
            f"'{alamat}' adalah alamat berkas di Google Drive, bukan Google Sheets. Bila "
            "berkasnya .xlsx, buka lalu pilih File > Simpan sebagai Google Spreadsheet, "
            "kemudian salin alamat spreadsheet baru itu."
        )
    raise AlamatTidakSah(
        f"'{alamat}' bukan alamat Google Sheets. Salin alamat dari bilah alamat browser "
        "saat spreadsheet terbuka (bentuk https://docs.google.com/spreadsheets/d/.../edit) "
        "atau tulis ID-nya saja."
    )


def adalah_google(alamat: str) -> bool:
    """Whether a configured source names a Google spreadsheet (not a file path)."""
    try:
        id_spreadsheet(alamat)
    except AlamatTidakSah:
        return "docs.google.com/" in (alamat or "") or "drive.google.com/" in (alamat or "")
    return True


def tautan_spreadsheet(id_: str) -> str:
    """A link that opens the spreadsheet (on the tab Google shows first)."""
    return f"{BASIS_TAUTAN}{id_}/edit"


def tautan_tab(id_: str, gid: int | None) -> str:
    """A link that opens one tab; without its gid, the spreadsheet itself.

    Google Sheets selects a tab only by its numeric id (`#gid=`), which the values
    request does not return; cell links (`&range=G7`) need it too.
    """
    dasar = tautan_spreadsheet(id_)
    return f"{dasar}#gid={gid}" if gid is not None else dasar
