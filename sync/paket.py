"""The one package reader: the only code that opens an .xlsx/.xlsm package's parts.

Sources, the master's readers and the file writer all find workbook.xml through
the root relationships, sheets through workbook.xml and its relationships, and
read defined names and the date system here; nobody hard-codes "xl/workbook.xml".
Refusals are TulisDitolak with an Indonesian message (nothing is written then).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from lxml import etree

from sync.model.tolak import TulisDitolak

NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOC = REL_DOC + "officeDocument"
REL_WORKSHEET = REL_DOC + "worksheet"
REL_CALCCHAIN = REL_DOC + "calcChain"
STRICT = "http://purl.oclc.org/ooxml/"

_XML_AMAN = re.compile(r"^<\?xml[^>]*encoding=[\"'](?!utf-8)", re.I)
_DEFINED = re.compile(
    r"<(?P<p>(?:[\w.-]+:)?)definedName\b(?P<attr>[^>]*?)(?:/>|>(?P<teks>[^<]*)</(?P=p)definedName\s*>)")
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


@dataclass
class Lembar:
    """A sheet as workbook.xml lists it, with its part found through the rels."""

    nama: str
    sheet_id: int
    rid: str
    bagian: str | None   # part name in the zip (None if the relationship is broken)
    jenis: str           # relationship type


def teks_bagian(data: bytes, bagian: str) -> str:
    """A package XML part as text (UTF-8, a BOM kept as U+FEFF so it survives)."""
    kepala = data[:200].decode("ascii", "replace")
    if _XML_AMAN.match(kepala):
        raise TulisDitolak(f"Bagian {bagian} memakai pengodean selain UTF-8; tidak didukung.")
    try:
        teks = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise TulisDitolak(f"Bagian {bagian} bukan teks UTF-8; tidak didukung.") from e
    if "<!DOCTYPE" in teks[:4096] or "<!ENTITY" in teks:
        # Excel never writes a DTD; its entities cannot be kept through a text edit
        # (an &name; left without its declaration is malformed XML), so refuse.
        raise TulisDitolak(f"Bagian {bagian} workbook induk memuat DTD/deklarasi entitas, "
                           "yang tidak pernah ditulis Excel; buka dan simpan ulang workbook "
                           "itu di Excel.")
    return teks


def target(sumber: str, target: str) -> str:
    """Resolve a relationship target against its source part, as a zip name."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(sumber), target))


def rels_bagian(bagian: str) -> str:
    d, f = posixpath.split(bagian)
    return posixpath.join(d, "_rels", f + ".rels")


def baca_relasi(xml: bytes) -> list[dict[str, str]]:
    root = etree.fromstring(xml)
    return [dict(r.attrib) for r in root.iter(f"{{{NS_PKG_REL}}}Relationship")]


class Paket:
    """An .xlsx/.xlsm package's parts, found through relationships (part names matched
    case-insensitively, as Excel does). `strict_boleh`: a source may be saved as
    Strict Open XML (read-only use); the master may not (the writer edits it)."""

    def __init__(self, data: bytes | Path, *, strict_boleh: bool = False):
        try:
            self.zip = zipfile.ZipFile(BytesIO(data) if isinstance(data, bytes) else data)
        except zipfile.BadZipFile as e:
            raise TulisDitolak("Workbook induk bukan berkas Excel .xlsx/.xlsm yang sah "
                               "(bukan paket zip).") from e
        self.nama = {n.casefold(): n for n in self.zip.namelist()}
        akar = self._baca_opsional("_rels/.rels")
        if akar is None:
            raise TulisDitolak("Workbook induk tidak memiliki _rels/.rels; berkas rusak.")
        if STRICT.encode() in akar and not strict_boleh:
            raise TulisDitolak("Workbook induk disimpan sebagai 'Strict Open XML'. Simpan ulang "
                               "di Excel sebagai 'Excel Workbook (.xlsx)' biasa.")
        doc = [r for r in baca_relasi(akar) if r.get("Type") == REL_OFFICE_DOC
               or strict_boleh and r.get("Type", "").endswith("/officeDocument")]
        if not doc:
            raise TulisDitolak("Workbook induk tidak memiliki bagian workbook; berkas rusak.")
        self.workbook = self.asli(target("", doc[0]["Target"]))
        self.wb_rels = self.asli(rels_bagian(self.workbook))
        self.ct = self.asli("[Content_Types].xml")
        for b in (self.workbook, self.wb_rels, self.ct):
            if b not in self.zip.NameToInfo:
                raise TulisDitolak(f"Workbook induk tidak memiliki bagian {b}; berkas rusak.")

    def __enter__(self) -> Paket:
        return self

    def __exit__(self, *_) -> None:
        self.zip.close()

    def asli(self, bagian: str) -> str:
        return self.nama.get(bagian.casefold(), bagian)

    def _baca_opsional(self, bagian: str) -> bytes | None:
        asli = self.nama.get(bagian.casefold())
        return self.zip.read(asli) if asli else None

    def baca(self, bagian: str) -> bytes:
        return self.zip.read(self.asli(bagian))

    def tanggal_1904(self) -> bool:
        """Whether the workbook counts dates from 1904 (workbookPr date1904)."""
        m = re.search(rb"<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904=[\"'](1|true)[\"']",
                      self.baca(self.workbook))
        return m is not None

    def ada(self, bagian: str) -> bool:
        return bagian.casefold() in self.nama

    def lembar(self) -> list[Lembar]:
        """The sheets workbook.xml lists, in order, with their parts."""
        rel = {r.get("Id", ""): r for r in baca_relasi(self.baca(self.wb_rels))}
        return lembar_workbook(self.baca(self.workbook), rel, self.workbook)

    def xml_lembar(self) -> dict[str, bytes]:
        """Sheet name -> its XML part (a sheet whose part is missing is left out)."""
        return {s.nama: self.baca(s.bagian) for s in self.lembar()
                if s.bagian is not None and self.ada(s.bagian)}

    def nama_terdefinisi(self) -> list[NamaTerdefinisi]:
        """Every defined name of workbook.xml."""
        return nama_terdefinisi(teks_bagian(self.baca(self.workbook), self.workbook))


def lembar_workbook(wb: bytes, relasi: dict[str, dict[str, str]], bagian_wb: str
                     ) -> list[Lembar]:
    root = etree.fromstring(wb)
    ns = etree.QName(root).namespace
    hasil = []
    for s in root.iterfind(f"{{{ns}}}sheets/{{{ns}}}sheet"):
        rid = s.get(f"{{{NS_REL}}}id") or s.get(f"{{{NS_REL_STRICT}}}id", "")
        r = relasi.get(rid, {})
        bagian = target(bagian_wb, r["Target"]) if r.get("Target") else None
        hasil.append(Lembar(s.get("name", ""), int(s.get("sheetId", "0")), rid, bagian,
                             r.get("Type", "")))
    return hasil


def atribut(teks: str) -> dict[str, str]:
    """Attributes of a start tag's text (values unescaped)."""
    return {m[1]: html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(teks)}


@dataclass
class NamaTerdefinisi:
    awal: int            # span of the whole element
    akhir: int
    p: str               # its namespace prefix with ':' ('' when default)
    attr_teks: str
    nama: str
    lokal: int | None    # localSheetId
    teks: str | None     # the reference, unescaped (None for <definedName .../>)
    awal_teks: int       # span of the text between the tags (for a minimal edit)
    akhir_teks: int


def nama_terdefinisi(teks: str) -> list[NamaTerdefinisi]:
    """Every <definedName> of workbook.xml's text, with its span and unescaped reference."""
    hasil = []
    for m in _DEFINED.finditer(teks):
        a = atribut(m["attr"])
        lokal = a.get("localSheetId")
        ada_teks = m["teks"] is not None
        hasil.append(NamaTerdefinisi(m.start(), m.end(), m["p"], m["attr"], a.get("name", ""),
                           int(lokal) if lokal is not None and lokal.isdigit() else None,
                           html.unescape(m["teks"]) if ada_teks else None,
                           m.start("teks") if ada_teks else m.end(),
                           m.end("teks") if ada_teks else m.end()))
    return hasil


# --- dates -------------------------------------------------------------------

_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_AWAL_1900 = dt.datetime(1899, 12, 31)
_BATAS_BUG_1900 = dt.datetime(1900, 3, 1)  # Excel counts a 29 Feb 1900 that never was


def serial_excel(nilai: dt.datetime | dt.date | dt.time | dt.timedelta,
                 tanggal_1904: bool = False) -> float:
    """A calamine date/time back to the Excel serial number the cell holds (to the
    microsecond calamine keeps)."""
    if isinstance(nilai, dt.timedelta):
        return nilai.total_seconds() / 86400
    if isinstance(nilai, dt.time):
        return (nilai.hour * 3600 + nilai.minute * 60 + nilai.second
                + nilai.microsecond / 1e6) / 86400
    if not isinstance(nilai, dt.datetime):
        nilai = dt.datetime(nilai.year, nilai.month, nilai.day)
    if tanggal_1904:
        return (nilai - _EPOCH_1904).total_seconds() / 86400
    hari = (nilai - _EPOCH).total_seconds() / 86400
    # calamine maps serials 1..59 (Jan-Feb 1900) one day late; a datetime before
    # 1899-12-31 only comes from a time-of-day stored as a date (ODS).
    return hari - 1 if _AWAL_1900 <= nilai < _BATAS_BUG_1900 else hari
