"""workbook.xml edited as text: append <sheet>s, fit defined names, set or clear fullCalcOnLoad.

Each change is a (start, end, new text) edit on the original text, so every
element the writer does not touch (views, other names, extLst, ...) keeps its
exact bytes. lxml parses the part only to cross-check what the edits rely on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from sync.model.sel import huruf_kolom, kutip_lembar
from sync.model.skema import NAMA_LEMBAR_MILIK, lembar_milik
from sync.paket import NS_REL, NamaTerdefinisi, atribut, nama_terdefinisi

# Elements of CT_Workbook that come after definedNames / calcPr (schema order).
_SESUDAH_CALCPR = ("oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
                   "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects",
                   "extLst")
_PFX = r"(?:[\w.-]+:)?"
_AREA = re.compile(
    r"(?P<lembar>'(?:[^']|'')+'|[^'!,:()\s]+)!(?P<c1>\$?[A-Za-z]{1,3})\$?(?P<r1>\d+)"
    r"(?::(?P<c2>\$?[A-Za-z]{1,3}\$?)(?P<r2>\d+))?")

Suntingan = tuple[int, int, str]  # replace text[start:end] with the string


class WorkbookTidakDidukung(ValueError):
    """workbook.xml has a shape the text edits cannot handle safely (Indonesian message)."""


@dataclass
class LembarDitulis:
    """An owned sheet the write fills: its name in the workbook and its place."""

    nama: str
    indeks: int              # position in <sheets> (what localSheetId counts)
    baris: int               # data rows written
    autofilter: str | None   # its autoFilter ref after the write, if it has one


# --- small text helpers -----------------------------------------------------------


def esc_attr(s: str) -> str:
    return esc_teks(s).replace('"', "&quot;")


def esc_teks(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hapus_tag(teks: str, tag: str, cocok: Callable[[dict[str, str]], bool]) -> str:
    """Remove each empty element <tag .../> whose attributes satisfy `cocok`."""
    return re.sub(rf"<{_PFX}{tag}\b[^>]*?/>",
                  lambda m: "" if cocok(atribut(m.group(0))) else m.group(0), teks)


def sisip_sebelum_akhir(teks: str, akar: str, isi: str) -> str:
    """`isi` inserted just before the closing tag of the root element `akar`."""
    m = list(re.finditer(rf"</{_PFX}{akar}\s*>", teks))
    if not m:
        raise WorkbookTidakDidukung(f"bagian paket tanpa elemen {akar}; berkas rusak")
    return teks[:m[-1].start()] + isi + teks[m[-1].start():]


def _nama_dari_rumus(teks: str) -> str:
    return teks[1:-1].replace("''", "'") if teks.startswith("'") else teks


def _terapkan(teks: str, suntingan: list[Suntingan]) -> str:
    """Apply the edits to the original text; inserts at one offset keep their order."""
    keluar, pos = [], 0
    for awal, akhir, baru in sorted(suntingan, key=lambda s: (s[0], s[1])):
        keluar.append(teks[pos:awal])
        keluar.append(baru)
        pos = max(pos, akhir)
    keluar.append(teks[pos:])
    return "".join(keluar)


def _posisi_sebelum(teks: str, nama: tuple[str, ...]) -> int:
    """Where an element that precedes `nama` (schema order) goes: before the first of
    them after </sheets>, else before </workbook>."""
    sheets = re.search(rf"</{_PFX}sheets\s*>", teks)
    m = re.compile(rf"<{_PFX}(?:{'|'.join(nama)})[\s/>]").search(teks, sheets.end())
    return m.start() if m else re.search(rf"</{_PFX}workbook\s*>", teks).start()


# --- defined names ------------------------------------------------------------------


def ubah_area(teks: str, lembar: str, ubah: Callable[[int, int], int | None]) -> str | None:
    """Apply `ubah(r1, r2) -> new r2 | None` to every area on `lembar` in a reference
    list such as "'Data Indikator'!$B$2:$B$40,Lain!$A$1". None if nothing changes or
    the text is not a plain list of areas (a formula, a constant, ...)."""
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


def _kanonik(nama: str) -> str:
    return next(n for n in NAMA_LEMBAR_MILIK if n.casefold() == nama.casefold())


def _nama_kolom(ditulis: list[LembarDitulis]) -> dict[str, tuple[str, str]]:
    """casefolded schema name -> (name, reference over its column's data rows, never
    empty: last row max(2, rows + 1))."""
    hasil = {}
    for lw in ditulis:
        akhir = max(2, lw.baris + 1)
        for j, k in enumerate(lembar_milik(_kanonik(lw.nama)).kolom, start=1):
            if k.nama:
                h = huruf_kolom(j)
                hasil[k.nama.casefold()] = (k.nama, f"{kutip_lembar(lw.nama)}!${h}$2:"
                                                    f"${h}${akhir}")
    return hasil


def _ukuran_baru(d: NamaTerdefinisi, ditulis: list[LembarDitulis]) -> str | None:
    """The resized reference of an existing name that is not a schema name, or None."""
    teks = d.teks
    for lw in ditulis:
        lokal = d.lokal == lw.indeks
        if lokal and d.nama == "_xlnm.Print_Area":
            r = ubah_area(teks, lw.nama, lambda r1, r2, n=lw.baris: max(r1, n + 1))
        elif lokal and d.nama == "_xlnm._FilterDatabase":
            if lw.autofilter is None:
                continue
            akhir_af = int(re.sub(r"\D", "", lw.autofilter.split(":")[-1]))
            r = ubah_area(teks, lw.nama, lambda r1, r2, a=akhir_af: a)
        else:  # any other range on the sheet starting at its first data row
            r = ubah_area(teks, lw.nama, lambda r1, r2, n=lw.baris:
                          max(2, n + 1) if r1 == 2 else None)
        teks = r if r is not None else teks
    return teks if teks != d.teks else None


def _suntingan_nama(teks: str, root: etree._Element, p: str,
                    ditulis: list[LembarDitulis]) -> list[Suntingan]:
    """Schema names set (added if missing), ranges on the written sheets resized,
    everything else untouched."""
    ada = nama_terdefinisi(teks)
    dn = root.find(f"{{{etree.QName(root).namespace}}}definedNames")
    if len(ada) != (len(dn) if dn is not None else 0):
        raise WorkbookTidakDidukung("nama terdefinisi di workbook.xml tidak dapat dibaca "
                                    "dengan aman; simpan ulang workbook di Excel lalu coba lagi")
    wajib = _nama_kolom(ditulis)
    suntingan = []
    for d in ada:
        if d.lokal is None and d.nama.casefold() in wajib:
            _, ref = wajib.pop(d.nama.casefold())
            if d.teks is None:  # <definedName .../>: give it its reference
                suntingan.append((d.awal, d.akhir, f"<{d.p}definedName{d.attr_teks}>"
                                  f"{esc_teks(ref)}</{d.p}definedName>"))
            elif ref != d.teks:
                suntingan.append((d.awal_teks, d.akhir_teks, esc_teks(ref)))
        elif d.teks is not None and (baru := _ukuran_baru(d, ditulis)) is not None:
            suntingan.append((d.awal_teks, d.akhir_teks, esc_teks(baru)))
    if wajib:
        tambahan = "".join(f'<{p}definedName name="{esc_attr(nama)}">{esc_teks(ref)}'
                           f"</{p}definedName>" for nama, ref in wajib.values())
        akhir = re.search(rf"</{_PFX}definedNames\s*>", teks)
        if akhir is not None:
            suntingan.append((akhir.start(), akhir.start(), tambahan))
        else:
            pos = _posisi_sebelum(teks, ("calcPr", *_SESUDAH_CALCPR))
            suntingan.append((pos, pos, f"<{p}definedNames>{tambahan}</{p}definedNames>"))
    return suntingan


# --- sheets and calcPr ------------------------------------------------------------------


def _suntingan_sheet(teks: str, root: etree._Element, p: str,
                     baru: list[tuple[str, int, str]]) -> list[Suntingan]:
    if not baru:
        return []
    akhir = re.search(rf"</{_PFX}sheets\s*>", teks)
    if akhir is None:
        raise WorkbookTidakDidukung("workbook.xml tidak memiliki daftar lembar; berkas rusak")
    pr = {v: k for k, v in root.nsmap.items()}.get(NS_REL)
    xr = "" if pr else f' xmlns:r="{NS_REL}"'
    pr = pr or "r"
    return [(akhir.start(), akhir.start(), "".join(
        f'<{p}sheet name="{esc_attr(n)}" sheetId="{sid}" {pr}:id="{rid}"{xr}/>'
        for n, sid, rid in baru))]


def _suntingan_calcpr(teks: str, p: str, penuh: bool) -> list[Suntingan]:
    """fullCalcOnLoad="1" when some formula reading the owned sheets could not be given its
    fresh value here (sync/tulis/segar.py): Excel recalculates on opening. Otherwise the flag
    is removed (an earlier run may have set it): every cached value is already right."""
    m = re.search(rf"<{_PFX}calcPr\b[^>]*?/?>", teks)
    if m is None:
        if not penuh:
            return []
        pos = _posisi_sebelum(teks, _SESUDAH_CALCPR)
        return [(pos, pos, f'<{p}calcPr fullCalcOnLoad="1"/>')]
    tag = m.group(0)
    fc = re.search(r"\s*\bfullCalcOnLoad\s*=\s*([\"'])[^\"']*\1", tag)
    if not penuh:
        if fc:
            tag = tag[:fc.start()] + tag[fc.end():]
    elif fc:
        fc = re.search(r"\bfullCalcOnLoad\s*=\s*([\"'])[^\"']*\1", tag)
        tag = tag[:fc.start()] + 'fullCalcOnLoad="1"' + tag[fc.end():]
    else:
        ujung = len(tag) - (2 if tag.endswith("/>") else 1)
        tag = tag[:ujung] + ' fullCalcOnLoad="1"' + tag[ujung:]
    return [(m.start(), m.end(), tag)] if tag != m.group(0) else []


def ubah_workbook(teks: str, baru: list[tuple[str, int, str]],
                  ditulis: list[LembarDitulis], hitung_penuh: bool = True) -> str:
    """workbook.xml with `baru` ((name, sheetId, rId) of sheets to append) in the sheet
    list, defined names fitted to `ditulis`, and fullCalcOnLoad set (`hitung_penuh`)
    or removed."""
    root = etree.fromstring(teks.encode("utf-8"))
    p = f"{root.prefix}:" if root.prefix else ""
    return _terapkan(teks, _suntingan_sheet(teks, root, p, baru)
                     + _suntingan_nama(teks, root, p, ditulis)
                     + _suntingan_calcpr(teks, p, hitung_penuh))
