"""The file writer's pure core: master package bytes + Plan -> new package bytes.

Only the owned sheets named in the plan are rewritten (or added), plus, when
needed, the workbook part (sheet list, defined names, calcPr), its
relationships, the content types, and the calcChain (dropped when it names
cells on a rewritten sheet). Every other part is copied raw. The workbook,
relationship and content-type parts are edited as text, so whatever the tool
does not change keeps its exact bytes. No file I/O here: see sync/berkas.py.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from lxml import etree

from sync import tulis_lembar as tl
from sync.perubahan import perubahan_rencana as perubahan_rencana  # for the pipeline
from sync.skema import NAMA_LEMBAR_MILIK, Plan, lembar_milik
from sync.zip_salin import rakit

NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOC = REL_DOC + "officeDocument"
REL_WORKSHEET = REL_DOC + "worksheet"
REL_CALCCHAIN = REL_DOC + "calcChain"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STRICT = "http://purl.oclc.org/ooxml/"

# Elements of CT_Workbook that come after definedNames / calcPr (schema order).
_SESUDAH_CALCPR = ("oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
                   "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects",
                   "extLst")
_PFX = r"(?:[\w.-]+:)?"
_DEFINED = re.compile(
    rf"<(?P<p>{_PFX})definedName\b(?P<attr>[^>]*?)(?:/>|>(?P<teks>[^<]*)</(?P=p)definedName\s*>)")
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_AREA = re.compile(
    r"(?P<lembar>'(?:[^']|'')+'|[^'!,:()\s]+)!(?P<c1>\$?[A-Za-z]{1,3})\$?(?P<r1>\d+)"
    r"(?::(?P<c2>\$?[A-Za-z]{1,3}\$?)(?P<r2>\d+))?")
_XML_AMAN = re.compile(r"^<\?xml[^>]*encoding=[\"'](?!utf-8)", re.I)


class TulisDitolak(Exception):
    """Writing was refused and nothing changed; `pesan` (Indonesian) says why."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


class TulisGagal(TulisDitolak):
    """Writing failed on the file system (disk full, no permission, ...); nothing
    changed either, so callers that only catch TulisDitolak still tell the user."""


@dataclass
class HasilSusun:
    data: bytes                                  # the new package
    baris: dict[str, int]                        # data rows written per sheet
    lembar_baru: list[str] = field(default_factory=list)
    bagian_diubah: list[str] = field(default_factory=list)  # parts rewritten or added
    bagian_dihapus: list[str] = field(default_factory=list)


@dataclass
class _Lembar:
    nama: str
    sheet_id: int
    rid: str
    bagian: str | None   # part name in the zip (None if the relationship is broken)
    jenis: str           # relationship type


# --- small text helpers -----------------------------------------------------


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _esc_teks(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(teks: str) -> dict[str, str]:
    return {m[1]: html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(teks)}


def _teks(data: bytes, bagian: str) -> str:
    """A package XML part as text (UTF-8, a BOM kept as U+FEFF so it survives)."""
    kepala = data[:200].decode("ascii", "replace")
    if _XML_AMAN.match(kepala):
        raise TulisDitolak(f"Bagian {bagian} memakai pengodean selain UTF-8; tidak didukung.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise TulisDitolak(f"Bagian {bagian} bukan teks UTF-8; tidak didukung.") from e


def nama_lembar_rumus(nama: str) -> str:
    """A sheet name as it appears in a reference: quoted unless plainly a word."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", nama) and not re.fullmatch(
            r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*", nama):
        return nama
    return "'" + nama.replace("'", "''") + "'"


def _nama_dari_rumus(teks: str) -> str:
    return teks[1:-1].replace("''", "'") if teks.startswith("'") else teks


def _sisip(teks: str, suntingan: list[tuple[int, int, str]]) -> str:
    """Apply (start, end, new) edits to the original text; same-start inserts keep order."""
    keluar, pos = [], 0
    for awal, akhir, baru in sorted(suntingan, key=lambda s: (s[0], s[1])):
        keluar.append(teks[pos:awal])
        keluar.append(baru)
        pos = max(pos, akhir)
    keluar.append(teks[pos:])
    return "".join(keluar)


def _posisi_tag(teks: str, nama: tuple[str, ...], mulai: int = 0) -> int | None:
    """Offset of the first start tag among `nama` at or after `mulai`."""
    m = re.compile(rf"<{_PFX}(?:{'|'.join(nama)})[\s/>]").search(teks, mulai)
    return m.start() if m else None


def _akhir_tag(teks: str, nama: str) -> re.Match | None:
    return re.search(rf"</{_PFX}{nama}\s*>", teks)


# --- package structure --------------------------------------------------------


def _target(sumber: str, target: str) -> str:
    """Resolve a relationship target against its source part, as a zip name."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(sumber), target))


def _rels_bagian(bagian: str) -> str:
    d, f = posixpath.split(bagian)
    return posixpath.join(d, "_rels", f + ".rels")


def _relasi(xml: bytes) -> list[dict[str, str]]:
    root = etree.fromstring(xml)
    return [dict(r.attrib) for r in root.iter(f"{{{NS_PKG_REL}}}Relationship")]


class Paket:
    """The parts of the master the writer reads, found through relationships."""

    def __init__(self, data: bytes | Path):
        try:
            self.zip = zipfile.ZipFile(BytesIO(data) if isinstance(data, bytes) else data)
        except zipfile.BadZipFile as e:
            raise TulisDitolak("Workbook induk bukan berkas Excel .xlsx/.xlsm yang sah "
                               "(bukan paket zip).") from e
        self.nama = {n.casefold(): n for n in self.zip.namelist()}
        akar = self._baca_opsional("_rels/.rels")
        if akar is None:
            raise TulisDitolak("Workbook induk tidak memiliki _rels/.rels; berkas rusak.")
        if STRICT.encode() in akar:
            raise TulisDitolak("Workbook induk disimpan sebagai 'Strict Open XML'. Simpan ulang "
                               "di Excel sebagai 'Excel Workbook (.xlsx)' biasa.")
        doc = [r for r in _relasi(akar) if r.get("Type") == REL_OFFICE_DOC]
        if not doc:
            raise TulisDitolak("Workbook induk tidak memiliki bagian workbook; berkas rusak.")
        self.workbook = self.asli(_target("", doc[0]["Target"]))
        self.wb_rels = self.asli(_rels_bagian(self.workbook))
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


# --- workbook.xml -------------------------------------------------------------


def _lembar_workbook(wb: bytes, relasi: dict[str, dict[str, str]], bagian_wb: str
                     ) -> list[_Lembar]:
    root = etree.fromstring(wb)
    ns = etree.QName(root).namespace
    hasil = []
    for s in root.iterfind(f"{{{ns}}}sheets/{{{ns}}}sheet"):
        rid = s.get(f"{{{tl.NS_REL}}}id", "")
        r = relasi.get(rid, {})
        bagian = _target(bagian_wb, r["Target"]) if r.get("Target") else None
        hasil.append(_Lembar(s.get("name", ""), int(s.get("sheetId", "0")), rid, bagian,
                             r.get("Type", "")))
    return hasil


@dataclass
class _Nama:
    awal: int
    akhir: int
    p: str
    attr_teks: str
    nama: str
    lokal: int | None
    teks: str | None     # the reference, unescaped
    awal_teks: int       # span of the text between the tags (for a minimal edit)
    akhir_teks: int


def _nama_terdefinisi(teks: str) -> list[_Nama]:
    hasil = []
    for m in _DEFINED.finditer(teks):
        a = _attr(m["attr"])
        lokal = a.get("localSheetId")
        hasil.append(_Nama(m.start(), m.end(), m["p"], m["attr"], a.get("name", ""),
                           int(lokal) if lokal is not None and lokal.isdigit() else None,
                           html.unescape(m["teks"]) if m["teks"] is not None else None,
                           m.start("teks") if m["teks"] is not None else m.end(),
                           m.end("teks") if m["teks"] is not None else m.end()))
    return hasil


def _ubah_area(teks: str, lembar: str, ubah) -> str | None:
    """Apply `ubah(r1, r2) -> new r2 | None` to every area on `lembar` in a reference
    list such as "'Data Indikator'!$B$2:$B$40,Lain!$A$1". None if nothing changes or
    the text is not a plain list of areas."""
    pos, keluar, berubah = 0, [], False
    for i, m in enumerate(_AREA.finditer(teks)):
        if m.start() != pos + (1 if i else 0) or (i and teks[pos] != ","):
            return None
        keluar.append(teks[pos:m.start()])
        baru = None
        if m["r2"] and _nama_dari_rumus(m["lembar"]).casefold() == lembar.casefold():
            baru = ubah(int(m["r1"]), int(m["r2"]))
        if baru is not None and baru != int(m["r2"]):
            keluar.append(teks[m.start():m.start("r2")] + str(baru))
            berubah = True
        else:
            keluar.append(m.group(0))
        pos = m.end()
    if pos != len(teks) or not berubah:
        return None
    return "".join(keluar)


def _ubah_workbook(teks: str, baru: list[tuple[str, int, str]], ditulis: dict[str, int],
                   indeks: dict[str, int], autofilter: dict[str, str | None]) -> str:
    """Edit workbook.xml as text: add <sheet>s, fit defined names, set fullCalcOnLoad.

    baru: (name, sheetId, rId) of sheets to append; ditulis: sheet name -> data rows;
    indeks: sheet name -> position in the sheet list (localSheetId).
    """
    root = etree.fromstring(teks.encode("utf-8"))
    ns = etree.QName(root).namespace
    nsmap = {v: k for k, v in root.nsmap.items()}
    p = f"{root.prefix}:" if root.prefix else ""
    suntingan: list[tuple[int, int, str]] = []

    # Sheets to append.
    if baru:
        akhir = _akhir_tag(teks, "sheets")
        if akhir is None:
            raise TulisDitolak("workbook.xml tidak memiliki daftar lembar; berkas rusak.")
        pr = nsmap.get(tl.NS_REL)
        xr = "" if pr else f' xmlns:r="{tl.NS_REL}"'
        pr = pr or "r"
        suntingan.append((akhir.start(), akhir.start(), "".join(
            f'<{p}sheet name="{_esc(n)}" sheetId="{sid}" {pr}:id="{rid}"{xr}/>'
            for n, sid, rid in baru)))

    # Defined names.
    ada = _nama_terdefinisi(teks)
    dn = root.find(f"{{{ns}}}definedNames")
    if len(ada) != (len(dn) if dn is not None else 0):
        raise TulisDitolak("Nama terdefinisi di workbook.xml tidak dapat dibaca dengan aman; "
                           "simpan ulang workbook di Excel lalu coba lagi.")
    wajib: dict[str, str] = {}
    for lembar, n in ditulis.items():
        akhir = max(2, n + 1)
        for j, k in enumerate(lembar_milik(_kanonik(lembar)).kolom, start=1):
            if k.nama:
                h = tl.huruf_kolom(j)
                wajib[k.nama.casefold()] = f"{nama_lembar_rumus(lembar)}!${h}$2:${h}${akhir}"
    nama_wajib = {k.nama.casefold(): k.nama for lembar in ditulis
                  for k in lembar_milik(_kanonik(lembar)).kolom if k.nama}
    for d in ada:
        if d.teks is None:  # <definedName .../> without a reference
            if d.lokal is None and d.nama.casefold() in wajib:
                suntingan.append((d.awal, d.akhir, f"<{d.p}definedName{d.attr_teks}>"
                                  f"{_esc_teks(wajib.pop(d.nama.casefold()))}</{d.p}definedName>"))
            continue
        baru_teks = None
        if d.lokal is None and d.nama.casefold() in wajib:
            baru_teks = wajib.pop(d.nama.casefold())
            baru_teks = None if baru_teks == d.teks else baru_teks
        else:
            for lembar, n in ditulis.items():
                t = d.teks if baru_teks is None else baru_teks
                if d.lokal == indeks[lembar] and d.nama == "_xlnm.Print_Area":
                    r = _ubah_area(t, lembar, lambda r1, r2, n=n: max(r1, n + 1))
                elif d.lokal == indeks[lembar] and d.nama == "_xlnm._FilterDatabase":
                    ref = autofilter.get(lembar)
                    akhir_af = int(re.sub(r"\D", "", ref.split(":")[-1])) if ref else None
                    r = _ubah_area(t, lembar, lambda r1, r2, a=akhir_af: a) if ref else None
                else:
                    r = _ubah_area(t, lembar, lambda r1, r2, n=n: max(2, n + 1) if r1 == 2
                                   else None)
                baru_teks = r if r is not None else baru_teks
        if baru_teks is not None:
            suntingan.append((d.awal_teks, d.akhir_teks, _esc_teks(baru_teks)))
    if wajib:
        tambahan = "".join(f'<{p}definedName name="{_esc(nama_wajib[k])}">{_esc_teks(v)}'
                           f"</{p}definedName>" for k, v in wajib.items())
        akhir = _akhir_tag(teks, "definedNames")
        if akhir is not None:
            suntingan.append((akhir.start(), akhir.start(), tambahan))
        else:
            sheets = _akhir_tag(teks, "sheets")
            pos = _posisi_tag(teks, ("calcPr", *_SESUDAH_CALCPR), sheets.end())
            pos = pos if pos is not None else _akhir_tag(teks, "workbook").start()
            suntingan.append((pos, pos, f"<{p}definedNames>{tambahan}</{p}definedNames>"))

    # fullCalcOnLoad: Excel recalculates the report sheets that read the owned sheets.
    m = re.search(rf"<{_PFX}calcPr\b[^>]*?(/?)>", teks)
    if m:
        tag = m.group(0)
        fc = re.search(r"\bfullCalcOnLoad\s*=\s*([\"'])[^\"']*\1", tag)
        if fc:
            tag = tag[:fc.start()] + 'fullCalcOnLoad="1"' + tag[fc.end():]
        else:
            ujung = len(tag) - (2 if tag.endswith("/>") else 1)
            tag = tag[:ujung] + ' fullCalcOnLoad="1"' + tag[ujung:]
        if tag != m.group(0):
            suntingan.append((m.start(), m.end(), tag))
    else:
        sheets = _akhir_tag(teks, "sheets")
        pos = _posisi_tag(teks, _SESUDAH_CALCPR, sheets.end())
        pos = pos if pos is not None else _akhir_tag(teks, "workbook").start()
        suntingan.append((pos, pos, f'<{p}calcPr fullCalcOnLoad="1"/>'))
    return _sisip(teks, suntingan)


def _kanonik(nama: str) -> str:
    return next(n for n in NAMA_LEMBAR_MILIK if n.casefold() == nama.casefold())


# --- relationships, content types, calcChain ------------------------------------


def _rel_baru_id(relasi: list[dict[str, str]], n: int) -> list[str]:
    ada = {r.get("Id") for r in relasi}
    hasil, i = [], 1
    while len(hasil) < n:
        if f"rId{i}" not in ada:
            hasil.append(f"rId{i}")
        i += 1
    return hasil


def _hapus_tag(teks: str, tag: str, cocok) -> str:
    """Remove each empty element <tag .../> whose attributes satisfy `cocok`."""
    return re.sub(rf"<{_PFX}{tag}\b[^>]*?/>",
                  lambda m: "" if cocok(_attr(m.group(0))) else m.group(0), teks)


def _sisip_sebelum_akhir(teks: str, akar: str, isi: str) -> str:
    m = list(re.finditer(rf"</{_PFX}{akar}\s*>", teks))
    if not m:
        raise TulisDitolak(f"Bagian paket tanpa elemen {akar}; berkas rusak.")
    return teks[:m[-1].start()] + isi + teks[m[-1].start():]


def _sheet_id_calcchain(xml: bytes) -> set[int]:
    """The sheetIds named in a calcChain (an omitted i repeats the previous one)."""
    ids, i = set(), 0
    for c in etree.fromstring(xml):
        i = int(c.get("i", i))
        ids.add(i)
    return ids


# --- the whole write ------------------------------------------------------------


def periksa_plan(plan: Plan) -> None:
    for nama, baris in plan.lembar.items():
        if nama not in NAMA_LEMBAR_MILIK:
            raise TulisDitolak(f"'{nama}' bukan lembar milik Kinerja; yang boleh ditulis: "
                               + ", ".join(NAMA_LEMBAR_MILIK) + ".")
        try:
            tl.periksa_baris(lembar_milik(nama), baris)
        except ValueError as e:
            raise TulisDitolak(f"Rencana tulis tidak sah: {e}.") from e
        for i, isi in enumerate(baris, start=2):
            for v in isi:
                if v is not None and not isinstance(v, (str, bool, int, float)):
                    raise TulisDitolak(f"Rencana tulis tidak sah: {nama} baris {i} berisi nilai "
                                       f"{type(v).__name__}; yang boleh: teks, angka, "
                                       "benar/salah atau kosong.")


def susun(data: bytes, plan: Plan) -> HasilSusun:
    """The new master package for `plan`, or TulisDitolak (Indonesian) if refused."""
    periksa_plan(plan)
    pk = Paket(data)
    if not plan.lembar:
        return HasilSusun(data, {})
    rels_wb_xml = pk.baca(pk.wb_rels)
    relasi = _relasi(rels_wb_xml)
    per_id = {r.get("Id", ""): r for r in relasi}
    wb_teks = _teks(pk.baca(pk.workbook), pk.workbook)
    lembar = _lembar_workbook(wb_teks.encode("utf-8"), per_id, pk.workbook)
    per_nama = {s.nama.casefold(): s for s in lembar}

    ganti: dict[str, bytes | None] = {}
    tambah: list[tuple[str, bytes]] = []
    baru: list[tuple[str, int, str]] = []
    ditulis: dict[str, int] = {}
    autofilter: dict[str, str | None] = {}
    indeks = {s.nama: i for i, s in enumerate(lembar)}
    id_diubah: set[int] = set()
    rid_baru = _rel_baru_id(relasi, len(plan.lembar))
    sheet_id = max((s.sheet_id for s in lembar), default=0)
    wb_dir = posixpath.dirname(pk.workbook)
    nomor_part = 1

    for nama, baris in plan.lembar.items():
        lm = lembar_milik(nama)
        s = per_nama.get(nama.casefold())
        if s is not None:
            if s.jenis != REL_WORKSHEET:
                jenis = s.jenis.rsplit("/", 1)[-1]
                raise TulisDitolak(
                    f"Workbook induk sudah memiliki lembar '{s.nama}' tetapi jenisnya bukan "
                    f"lembar kerja biasa ({jenis}). Ganti nama atau hapus lembar itu di Excel, "
                    "lalu jalankan Konsolidasi lagi.")
            if s.bagian is None or not pk.ada(s.bagian):
                raise TulisDitolak(f"Lembar '{s.nama}' tidak dapat ditemukan di dalam berkas; "
                                   "berkas rusak.")
            try:
                hasil = tl.tulis_ulang_lembar(pk.baca(s.bagian), lm, baris)
            except tl.LembarTidakDidukung as e:
                raise TulisDitolak(f"Lembar '{s.nama}' tidak dapat ditulis: {e}") from e
            except etree.XMLSyntaxError as e:
                raise TulisDitolak(f"Lembar '{s.nama}' rusak (XML tidak sah).") from e
            ganti[pk.asli(s.bagian)] = hasil.xml
            autofilter[s.nama] = hasil.autofilter
            ditulis[s.nama] = len(baris)
            id_diubah.add(s.sheet_id)
        else:
            while pk.ada(posixpath.join(wb_dir, f"worksheets/sheet{nomor_part}.xml")):
                nomor_part += 1
            bagian = posixpath.join(wb_dir, f"worksheets/sheet{nomor_part}.xml")
            nomor_part += 1
            sheet_id += 1
            rid = rid_baru.pop(0)
            tambah.append((bagian, tl.lembar_baru(lm, baris)))
            baru.append((lm.nama, sheet_id, rid))
            indeks[lm.nama] = len(indeks)
            ditulis[lm.nama] = len(baris)

    # calcChain: dropped when it names cells on a rewritten sheet (Excel rebuilds it).
    rel_cc = [r for r in relasi if r.get("Type") == REL_CALCCHAIN]
    hapus_cc = None
    if rel_cc and id_diubah:
        bagian_cc = pk.asli(_target(pk.workbook, rel_cc[0]["Target"]))
        if not pk.ada(bagian_cc) or _sheet_id_calcchain(pk.baca(bagian_cc)) & id_diubah:
            hapus_cc = bagian_cc
            if pk.ada(bagian_cc):
                ganti[bagian_cc] = None

    ganti[pk.workbook] = _ubah_workbook(wb_teks, baru, ditulis, indeks,
                                        autofilter).encode("utf-8")
    if baru or hapus_cc:
        rels_teks = _teks(rels_wb_xml, pk.wb_rels)
        if hapus_cc:
            id_cc = {r.get("Id") for r in rel_cc}
            rels_teks = _hapus_tag(rels_teks, "Relationship", lambda a: a.get("Id") in id_cc)
        rels_teks = _sisip_sebelum_akhir(rels_teks, "Relationships", "".join(
            f'<Relationship Id="{rid}" Type="{REL_WORKSHEET}" '
            f'Target="{_esc(posixpath.relpath(b, wb_dir or "."))}"/>'
            for (_, _, rid), (b, _) in zip(baru, tambah, strict=True)))
        ganti[pk.wb_rels] = rels_teks.encode("utf-8")

        ct_teks = _teks(pk.baca(pk.ct), pk.ct)
        if hapus_cc:
            ct_teks = _hapus_tag(ct_teks, "Override",
                                 lambda a: a.get("PartName", "").casefold()
                                 == "/" + hapus_cc.casefold())
        ct_teks = _sisip_sebelum_akhir(ct_teks, "Types", "".join(
            f'<Override PartName="/{_esc(b)}" ContentType="{CT_WORKSHEET}"/>'
            for b, _ in tambah))
        ganti[pk.ct] = ct_teks.encode("utf-8")

    # Unchanged text parts keep their original bytes, not a re-encoding.
    for b in list(ganti):
        if ganti[b] is not None and ganti[b] == pk.zip.read(b):
            del ganti[b]
    hasil = rakit(data, ganti, tambah)
    return HasilSusun(
        data=hasil,
        baris=ditulis,
        lembar_baru=[n for n, _, _ in baru],
        bagian_diubah=[b for b, v in ganti.items() if v is not None] + [b for b, _ in tambah],
        bagian_dihapus=[b for b, v in ganti.items() if v is None],
    )


def tulis_berkas(induk: Path, plan: Plan, keluaran: Path | None = None, *, cadangan: int = 5):
    """The whole write, file system included: see sync.berkas.tulis_berkas (imported
    here lazily, as sync.berkas builds on this module)."""
    from sync import berkas

    return berkas.tulis_berkas(induk, plan, keluaran, cadangan=cadangan)
