"""Google Sheets addresses: the spreadsheet id in what staff paste, and links back.

Staff copy the address bar, a "share" link or just the id into Pengaturan; all of
these name the same spreadsheet. Links we build go to docs.google.com whatever
API endpoint is configured: they are for people, not for the API.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

_ID = r"[A-Za-z0-9_-]{20,100}"
_ID_SAJA = re.compile(rf"^{_ID}$")
# /spreadsheets/d/<id>, also under /u/<n>/ (multiple accounts) and /a/<domain>/ (Workspace)
_JALUR = re.compile(rf"^(?:/a/[^/]+)?/spreadsheets(?:/u/\d+)?/d/({_ID})(?:/|$)")
_JALUR_TERBIT = re.compile(r"^(?:/a/[^/]+)?/spreadsheets(?:/u/\d+)?/d/e/")
# drive.google.com/file/d/<id>/view: a file kept in Drive as it is (an .xlsx)
_JALUR_BERKAS = re.compile(rf"^(?:/a/[^/]+)?/file(?:/u/\d+)?/d/({_ID})(?:/|$)")
# ?id= of drive.google.com/open and docs.google.com/open (Drive's "open with" and old
# share links), ?key= of the old docs.google.com/spreadsheet/ccc form
# a spreadsheet path whose id is cut short (a partial copy of the address bar)
_JALUR_PENDEK = re.compile(r"^(?:/a/[^/]+)?/spreadsheets(?:/u/\d+)?/d/([^/]*)")
# an e-mail pasted where an address belongs (the account to share with, not the sheet)
_SUREL = re.compile(r"^[^@\s/\\:]+@[^@\s/\\:]+\.[A-Za-z]{2,}$")
_JALUR_KUNCI = {"/open": "id", "/spreadsheet/ccc": "key", "/spreadsheet/pub": "key",
                "/uc": "id"}

BASIS_TAUTAN = "https://docs.google.com/spreadsheets/d/"


class AlamatTidakSah(ValueError):
    """The text is not a Google Sheets address. The message (Indonesian) says what is expected."""


def id_spreadsheet(alamat: str) -> str:
    """The spreadsheet (or Drive file) id in a Google Sheets/Drive URL (any usual
    form) or a bare id."""
    return urai_alamat(alamat)[0]


def berkas_drive(alamat: str) -> bool:
    """Whether the address names a file kept in Drive as it is (drive.google.com/file/d/,
    or a Sheets link to an Office file, `rtpof=true`): read with Drive, not Sheets."""
    try:
        return urai_alamat(alamat)[1]
    except AlamatTidakSah:
        return False


def urai_alamat(alamat: str) -> tuple[str, bool]:
    """(id, whether it is known to be a Drive file rather than a Google Sheet)."""
    teks = (alamat or "").strip()
    if _ID_SAJA.match(teks):
        return teks, False
    if teks.startswith(("docs.google.com/", "drive.google.com/")):
        teks = "https://" + teks
    try:
        bagian = urlsplit(teks)
    except ValueError:  # e.g. "https://[x]/": not a URL at all (urllib checks brackets)
        bagian = urlsplit("")
    host = bagian.netloc.lower()
    web = bagian.scheme in ("http", "https")
    query = parse_qs(bagian.query)
    if web and host in ("docs.google.com", "drive.google.com"):
        kunci = _JALUR_KUNCI.get(re.sub(r"^/a/[^/]+", "", bagian.path).rstrip("/"))
        nilai = (query.get(kunci) or [""])[0] if kunci else ""
        if _ID_SAJA.match(nilai):
            return nilai, False
    if web and host == "docs.google.com":
        if _JALUR_TERBIT.match(bagian.path):
            raise AlamatTidakSah(
                f"'{alamat}' adalah alamat 'Publikasikan ke web', yang tidak dapat dibaca "
                "lewat API. Buka spreadsheet-nya lalu salin alamat dari bilah alamat browser "
                "(bentuk https://docs.google.com/spreadsheets/d/.../edit)."
            )
        cocok = _JALUR.match(bagian.path)
        if cocok:
            # rtpof=true: "real-time presence of Office file", an .xlsx opened in Sheets
            return cocok.group(1), (query.get("rtpof") or [""])[0] == "true"
        pendek = _JALUR_PENDEK.match(bagian.path)
        if pendek:
            raise AlamatTidakSah(
                f"'{alamat}' tidak lengkap: ID spreadsheet di dalamnya ('{pendek.group(1)}') "
                "terlalu pendek atau berisi karakter yang tidak sah (ID asli biasanya 44 huruf, "
                "angka, - dan _). Salin ulang alamat utuh dari bilah alamat browser.")
    if web and host == "drive.google.com":
        cocok = _JALUR_BERKAS.match(bagian.path)
        if cocok:
            return cocok.group(1), True
        raise AlamatTidakSah(
            f"'{alamat}' adalah alamat folder atau halaman Google Drive, bukan satu berkas. "
            "Buka spreadsheet atau berkas .xlsx bidang itu, lalu salin alamatnya."
        )
    if _SUREL.match(teks):
        raise AlamatTidakSah(
            f"'{alamat}' adalah alamat e-mail, bukan alamat spreadsheet. Tulis alamat "
            "Google Sheets bidang itu (https://docs.google.com/spreadsheets/d/.../edit) atau "
            "path berkasnya; e-mail hanya dipakai untuk membagikan spreadsheet.")
    if web:
        raise AlamatTidakSah(
            f"'{alamat}' bukan alamat Google Sheets, dan alamat web lain tidak dapat dibaca. "
            "Unduh workbook-nya ke komputer ini atau folder bersama lalu tulis path "
            "berkasnya, atau salin alamat Google Sheets dari bilah alamat browser.")
    raise AlamatTidakSah(
        f"'{alamat}' bukan alamat Google Sheets. Salin alamat dari bilah alamat browser "
        "saat spreadsheet terbuka (bentuk https://docs.google.com/spreadsheets/d/.../edit) "
        "atau tulis ID-nya saja."
    )


def adalah_google(alamat: str) -> bool:
    """Whether a configured source is read by the Google reader, not as a file path: a
    Google address, and also what cannot be a path but was meant as an address (any
    web address, an e-mail), so the reader refuses it naming it, before credentials."""
    try:
        id_spreadsheet(alamat)
    except AlamatTidakSah:
        teks = (alamat or "").strip()
        return ("docs.google.com/" in teks or "drive.google.com/" in teks
                or teks.lower().startswith(("http://", "https://")) or bool(_SUREL.match(teks)))
    return True


def tautan_berkas(id_: str) -> str:
    """A link that opens a file kept in Drive (its preview)."""
    return f"https://drive.google.com/file/d/{id_}/view"


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
