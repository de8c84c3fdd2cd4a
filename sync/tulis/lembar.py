"""Worksheet XML of the owned sheets: the rows are ours, everything else in the sheet is not.

An existing sheet keeps its XML (column widths, views, page setup, conditional
formatting, ...) with only the rows replaced; a missing sheet is created plain.
Text always goes in as an inline string, so it can never become a formula and
the shared-strings part is never touched.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from sync.model.sel import bersihkan_teks, huruf_kolom, nomor_kolom
from sync.model.skema import BarisKolom, LembarMilik, tinggi_baris
from sync.paket import NS_REL

NS_UTAMA = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DEKLARASI = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
# OOXML reads "_xHHHH_" in a string as an escaped character; its "_" must be escaped itself.
_ESC_OOXML = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_PENANDA = "kinerja-baris-data"
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False)


class LembarTidakDidukung(ValueError):
    """The existing owned sheet holds something the writer cannot keep consistent."""


@dataclass
class HasilLembar:
    """A rewritten sheet. `potongan` yields its bytes in order, the rows built block by
    block as they are read (a compressor can deflate one block while the next is
    built); it can be consumed once, or read whole through `xml`."""

    potongan: Iterator[bytes]
    autofilter: str | None  # the sheet's autoFilter ref after the write, if it has one

    @cached_property
    def xml(self) -> bytes:
        return b"".join(self.potongan)


def _teks_xml(teks: str) -> str:
    teks = _ESC_OOXML.sub("_x005F_", bersihkan_teks(teks))
    return (teks.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def sel_xml(ref: str, nilai: object, gaya: str | None, p: str = "") -> str:
    """One <c> element, or "" for a blank (None or empty text).

    Text is an inline string whatever it starts with ("=", "+", "-", "@"), so it
    stays text; numbers keep full precision (repr); bools are t="b".
    """
    s = f' s="{gaya}"' if gaya and gaya != "0" else ""
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return f'<{p}c r="{ref}"{s} t="b"><{p}v>{int(nilai)}</{p}v></{p}c>'
    if isinstance(nilai, int):
        return f'<{p}c r="{ref}"{s}><{p}v>{nilai}</{p}v></{p}c>'
    if isinstance(nilai, float):
        if not math.isfinite(nilai):  # not representable as a number in the file
            return f'<{p}c r="{ref}"{s} t="e"><{p}v>#NUM!</{p}v></{p}c>'
        return f'<{p}c r="{ref}"{s}><{p}v>{nilai!r}</{p}v></{p}c>'
    if isinstance(nilai, str):
        if not nilai:
            return ""
        teks = _teks_xml(nilai)
        ruang = ' xml:space="preserve"' if teks != teks.strip() else ""
        return (f'<{p}c r="{ref}"{s} t="inlineStr"><{p}is><{p}t{ruang}>{teks}</{p}t>'
                f"</{p}is></{p}c>")
    raise TypeError(f"nilai sel tidak didukung: {type(nilai).__name__}")


_KOSONG = {type(None)}
BLOK = 8192  # rows per block of XML: a few MB, deflated while the next block is built


def baris_data_xml(baris: BarisKolom | list[list[object]], gaya: list,
                   p: str = "") -> str:
    """Rows 2.. as XML text; an all-blank row is left out (it is blank either way)."""
    return "".join(baris_data_blok(baris, gaya, p))


def _baris_bertinggi(baris, gaya: list, tinggi: list[float], p: str) -> str:
    """Rows 2.. with their heights (ht, customHeight as Excel writes a set height), cell
    by cell: only Pemeriksaan's rows carry heights, a few thousand at most."""
    hasil = []
    for i, (isi, t) in enumerate(zip(baris, tinggi, strict=True)):
        sel = "".join(sel_xml(f"{huruf_kolom(j + 1)}{i + 2}", v,
                              g[i] if isinstance(g, list) else g, p)
                      for j, (v, g) in enumerate(zip(isi, gaya, strict=False)))
        hasil.append(f'<{p}row r="{i + 2}" ht="{t!r}" customHeight="1">{sel}</{p}row>')
    return "".join(hasil)


def baris_data_blok(baris: BarisKolom | list[list[object]], gaya: list,
                    p: str = "", blok: int = BLOK) -> Iterator[str]:
    """baris_data_xml in blocks of `blok` rows (a Rencana's sheet; plain rows, as the sheets
    a writer builds itself, are turned into one first); a column's style is one id, or
    a list with each row's id.

    The same cells as sel_xml, built a column at a time. A column with no blank, all
    numbers or all plain text (the usual plan column), becomes one field of a row
    template, and each row is one call of the template compiled to an f-string
    (_fungsi_baris): 2.5x faster than a string per cell. Any other column is built
    cell by cell (_kolom_xml) and enters the template as ready XML. This is the hot
    loop of a consolidation.
    """
    baris = BarisKolom.dari_baris(baris)  # a Rencana's sheets are columns already
    if not len(baris) or not baris.kolom:
        return
    kolom, semua_tipe = baris.kolom, baris.tipe()
    nomor = [str(n) for n in range(2, len(baris) + 2)]
    # the row template: potong[0] medan[0] potong[1] ... potong[-1] (text, field, text)
    potong, medan, isian, siap = [f'<{p}row r="', '">'], ["0"], [], 0
    for j, (isi, tipe) in enumerate(zip(kolom, semua_tipe, strict=True)):
        huruf, g = huruf_kolom(j + 1), gaya[j] if j < len(gaya) else None
        f = str(len(isian) + 1)  # field number; 0 is the row number
        if tipe == _KOSONG:  # a column with no value writes no cell (sel_xml gives "")
            continue
        if isinstance(g, list):  # a style per row (format_per_baris): cell by cell
            potong.append("")
            medan.append(f)
            isi = [sel_xml(f"{huruf}{no}", v, gs, p)
                   for no, v, gs in zip(nomor, isi, g, strict=True)]
            siap += 1
        elif tipe <= {float, int} and _semua_hingga(isi, tipe):
            potong[-1] += f'<{p}c r="{huruf}'
            potong += [f'"{_s(g)}><{p}v>', f"</{p}v></{p}c>"]
            teks = _repr_berulang(isi, tipe)
            medan += ["0", f + "!r" if teks is None else f]
            isi = isi if teks is None else teks
        elif tipe <= {str} and _semua_polos(set(isi)):
            potong[-1] += f'<{p}c r="{huruf}'
            potong += [f'"{_s(g)} t="inlineStr"><{p}is><{p}t>', f"</{p}t></{p}is></{p}c>"]
            medan += ["0", f]
        else:
            potong.append("")
            medan.append(f)
            isi = _kolom_xml(isi, tipe, nomor, huruf, g, p)
            siap += 1
        isian.append(isi)
    potong[-1] += f"</{p}row>"
    if siap == len(isian):  # every column cell by cell (or none left): some rows may be blank
        buka, tutup = f'<{p}row r="', f"</{p}row>"
        isi = ["".join(sel) for sel in zip(*isian, strict=True)] if isian else [""] * len(nomor)
        yield "".join([f'{buka}{no}">{x}{tutup}' for no, x in zip(nomor, isi, strict=True)
                       if x])
        return
    baris_xml = _fungsi_baris(potong, medan)
    for a in range(0, len(nomor), blok):
        yield "".join(map(baris_xml, nomor[a:a + blok], *(k[a:a + blok] for k in isian)))


def _repr_berulang(nilai: list[object], tipe: set[type]) -> list[str] | None:
    """Each number's repr, computed once per distinct value when values repeat (years,
    targets, quarters, budget ceilings: a quarter of the cells or fewer are distinct),
    else None (the row template calls repr). One type only and no zero among floats:
    1 == 1.0 and 0.0 == -0.0 would share a key, not a repr."""
    if len(tipe) != 1:
        return None
    beda = set(nilai)
    if len(beda) * 4 > len(nilai) or (float in tipe and 0.0 in beda):
        return None
    peta = {v: repr(v) for v in beda}
    return list(map(peta.__getitem__, nilai))


def _fungsi_baris(potong: list[str], medan: list[str]) -> Callable[..., str]:
    """One row's XML as a function of (row number, the row's values): an f-string
    compiled once per sheet, which runs about 1.6x faster than str.format over the
    same template (the template is not parsed again for every row).

    The generated source holds only names (t0, a1, ...) and !r; the text pieces,
    which include style ids and a namespace prefix read from the master, are passed
    in as values, never as source.
    """
    assert len(potong) == len(medan) + 1
    nama = {"__builtins__": {}} | {f"t{i}": x for i, x in enumerate(potong)}
    jumlah = max(int(m.split("!")[0]) for m in medan) + 1
    isi = "".join(f"{{t{i}}}{{a{m}}}" for i, m in enumerate(medan)) + f"{{t{len(medan)}}}"
    kode = f"lambda {', '.join(f'a{i}' for i in range(jumlah))}: f'{isi}'"
    return eval(compile(kode, "<baris_xml>", "eval"), nama)


def _kolom_xml(nilai: list[object], tipe: set[type], nomor: list[str], huruf: str,
               gaya: str | None, p: str) -> list[str]:
    """One column's cells as ready XML ("" for a blank); `tipe`: its value types."""
    buka = f'<{p}c r="{huruf}'
    if tipe <= {float, int, type(None)} and _semua_hingga(nilai, tipe):
        a, t = f'"{_s(gaya)}><{p}v>', f"</{p}v></{p}c>"
        return ["" if v is None else f"{buka}{no}{a}{v!r}{t}" if v.__class__ is float
                else f"{buka}{no}{a}{v}{t}" for no, v in zip(nomor, nilai, strict=True)]
    if tipe <= {str, type(None)}:
        if _semua_polos(set(nilai) - {None}):
            a, t = f'"{_s(gaya)} t="inlineStr"><{p}is><{p}t>', f"</{p}t></{p}is></{p}c>"
            return ["" if v is None else f"{buka}{no}{a}{v}{t}"
                    for no, v in zip(nomor, nilai, strict=True)]
    return [sel_xml(f"{huruf}{no}", v, gaya, p) for no, v in zip(nomor, nilai, strict=True)]


def _semua_hingga(nilai: list[object], tipe: set[type]) -> bool:
    """No NaN or infinity among the numbers (`tipe`: the column's value types): a sum in
    C sees them (a sum that overflows also says no, and those cells take the general
    path, which writes them the same)."""
    try:
        return math.isfinite(sum(nilai if type(None) not in tipe else
                                 [v for v in nilai if v is not None]))
    except (OverflowError, ValueError):
        return False


def _s(gaya: str | None) -> str:
    return f' s="{gaya}"' if gaya and gaya != "0" else ""


def _semua_polos(teks: set[str]) -> bool:
    """No text in the column needs escaping or keeps edge spaces: one regex pass in C
    over all distinct texts joined by DEL (allowed in XML, matched by no pattern here)
    instead of one search per distinct text (Kode and Uraian differ on every row)."""
    if not teks:
        return True
    if "" in teks or max(map(len, teks)) >= 32768:
        return False
    gabung = "\x7f".join(teks)
    if _BUKAN_POLOS.search(gabung) or ("_x" in gabung and _ESCAPE_X.search(gabung)):
        return False
    daftar = list(teks)
    return list(map(str.strip, daftar)) == daftar


# what sel_xml would change: escapes, characters XML forbids, text that reads as an
# _xHHHH_ escape (plus edge spaces, over-long and empty text, checked above)
_BUKAN_POLOS = re.compile(r"[&<>\r\x00-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPE_X = re.compile(r"_x[0-9A-Fa-f]{4}_")


def periksa_baris(lembar: LembarMilik, baris: BarisKolom | list[list[object]]) -> None:
    n = len(lembar.kolom)
    baris = BarisKolom.dari_baris(baris)  # the refresh's second write gives plain rows
    if not len(baris) or len(baris.kolom) <= n:
        return
    lebih = baris.kolom[n:]  # name the first row with a cell beyond the sheet's columns
    i = next((i for i in range(len(baris)) if any(k[i] is not None for k in lebih)), 0)
    isi = len(baris.kolom) - next((j for j, k in enumerate(reversed(baris.kolom))
                                   if k[i] is not None), 0)
    raise ValueError(f"{lembar.nama} baris {i + 2}: {isi} sel, lembar hanya {n} kolom")


def _q(tag: str) -> str:
    return f"{{{NS_UTAMA}}}{tag}"


def _gaya_kolom(root: etree._Element) -> dict[int, str]:
    """Column index (1-based) -> style of its <col> element."""
    hasil: dict[int, str] = {}
    for col in root.iterfind(f"{_q('cols')}/{_q('col')}"):
        gaya = col.get("style")
        if gaya is None:
            continue
        for i in range(int(col.get("min", "0")), min(int(col.get("max", "0")), 16384) + 1):
            hasil[i] = gaya
    return hasil


def _gaya_baris_awal(data: etree._Element) -> tuple[etree._Element | None, dict[int, str],
                                                     dict[int, str]]:
    """Row 1 element, and the cell styles of rows 1 and 2 by column (r may be omitted)."""
    baris1, gaya1, gaya2 = None, {}, {}
    nomor = 0
    for row in data.iterfind(_q("row")):
        nomor = int(row.get("r", nomor + 1))
        if nomor > 2:
            break
        if nomor == 1:
            baris1 = row
        kol = 0
        for c in row.iterfind(_q("c")):
            m = _REF.match(c.get("r", ""))
            kol = nomor_kolom(m.group(1)) if m else kol + 1
            if c.get("s") is not None:
                (gaya1 if nomor == 1 else gaya2)[kol] = c.get("s")
    return baris1, gaya1, gaya2


def _baris_terakhir(ref: str, baris_akhir: int) -> str:
    """'A1:O40' -> 'A1:O<baris_akhir>' (never above the first row)."""
    awal, _, akhir = ref.partition(":")
    m1, m2 = _REF.match(awal), _REF.match(akhir or awal)
    if not (m1 and m2):
        return ref
    return f"{awal}:{m2.group(1)}{max(int(m1.group(2)), baris_akhir)}"


_BUKA_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\b[^>]*?(/?)>")


def potong_sheetdata(xml: bytes) -> bytes:
    """The sheet with only the first two <row> elements left in its sheetData.

    Only those two are read (header and first-row styles); the rest is replaced, and
    parsing the 80,000 rows a previous run wrote costs seconds. Anything unexpected
    between the rows (a comment, another prefix) keeps the sheet whole.
    """
    m = _BUKA_DATA.search(xml)
    if m is None or m.group(2):
        return xml
    p = m.group(1)
    akhir = xml.rfind(b"</" + p + b"sheetData>")
    if akhir < m.end():
        return xml
    buka_baris = re.compile(rb"\s*<" + re.escape(p) + rb"row\b[^>]*?(/?)>")
    tutup_baris = b"</" + p + b"row>"
    pos = m.end()
    for _ in range(2):
        r = buka_baris.match(xml, pos)
        if r is None:
            break
        if r.group(1):  # <row .../>
            pos = r.end()
            continue
        e = xml.find(tutup_baris, r.end(), akhir)
        if e < 0:
            return xml
        pos = e + len(tutup_baris)
    else:
        return xml[:pos] + xml[akhir:]
    return xml if xml[pos:akhir].strip() else xml[:pos] + xml[akhir:]


@dataclass(frozen=True)
class Hyperlink:
    """One <hyperlink>: cell, relationship id of its address, sub-address."""

    ref: str
    rid: str
    lokasi: str = ""


# what follows <hyperlinks> in CT_Worksheet (ECMA-376 Part 1, 18.3.1.99): it goes
# before the first of these
_SESUDAH_HYPERLINKS = {
    "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
    "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
    "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst"}


def _pasang_hyperlink(root: etree._Element, tautan: list[Hyperlink]) -> None:
    """The sheet's <hyperlinks> replaced by `tautan` (every cell is ours: old links,
    whoever made them, belong to rows that are rewritten)."""
    for lama in root.findall(_q("hyperlinks")):
        root.remove(lama)
    if not tautan:
        return
    el = etree.Element(_q("hyperlinks"), nsmap={"r": NS_REL} if root.nsmap.get("r") != NS_REL
                       else None)
    for h in tautan:
        a = etree.SubElement(el, _q("hyperlink"), ref=h.ref)
        a.set(f"{{{NS_REL}}}id", h.rid)
        if h.lokasi:
            a.set("location", bersihkan_teks(h.lokasi))
    sesudah = next((i for i, c in enumerate(root) if isinstance(c.tag, str)
                    and etree.QName(c).localname in _SESUDAH_HYPERLINKS), None)
    if sesudah is None:
        root.append(el)
    else:
        root.insert(sesudah, el)


GayaSel = Callable[[list[str | None]], dict[int, list[str | None]]]


def _tulis_judul(data: etree._Element, baris1: etree._Element | None, lembar: LembarMilik,
                 gaya1: dict[int, str], gaya_col: dict[int, str]) -> None:
    """sheetData emptied but for the header row (its cells' styles kept) and the marker
    where the data rows go."""
    if baris1 is None:
        baris1 = etree.Element(_q("row"))
    atribut = dict(baris1.attrib)
    for row in list(data):
        data.remove(row)
    baris1.clear()
    for k, v in atribut.items():
        if k != "spans":
            baris1.set(k, v)
    baris1.set("r", "1")
    for j, judul in enumerate(lembar.judul, start=1):
        c = etree.SubElement(baris1, _q("c"), r=f"{huruf_kolom(j)}1")
        gaya = gaya1.get(j, gaya_col.get(j))
        if gaya and gaya != "0":
            c.set("s", gaya)
        c.set("t", "inlineStr")
        etree.SubElement(etree.SubElement(c, _q("is")), _q("t")).text = bersihkan_teks(judul)
    data.append(baris1)
    data.append(etree.Comment(_PENANDA))


def tulis_ulang_lembar(xml: bytes, lembar: LembarMilik, baris: list[list[object]],
                       tautan: list[Hyperlink] | None = None,
                       gaya_sel: GayaSel | None = None) -> HasilLembar:
    """Replace the rows of an existing owned sheet and keep the rest of its XML
    (merged ranges excepted: they would hide the new values; and, when `tautan` is
    given, the old hyperlinks, which point from the new rows to the old rows' places).

    Header cells keep their styles; every data cell takes the style of its
    column's first data cell in the old sheet (else the <col> style), so number
    formats such as '"Rp"#,##0.00' survive the rewrite. `tautan`: the new rows'
    hyperlinks; `gaya_sel`: the columns' styles -> styles per row where they vary.
    """
    periksa_baris(lembar, baris)
    root = etree.fromstring(potong_sheetdata(xml), _PARSER)
    if root.tag != _q("worksheet"):
        raise LembarTidakDidukung(f"lembar '{lembar.nama}' bukan worksheet biasa")
    if root.find(_q("tableParts")) is not None and len(root.find(_q("tableParts"))):
        raise LembarTidakDidukung(
            f"lembar '{lembar.nama}' berisi Tabel Excel. Ubah tabel itu menjadi rentang biasa "
            "(Table Design > Convert to Range) lalu jalankan Konsolidasi lagi.")
    data = root.find(_q("sheetData"))
    if data is None:  # required by the schema; tolerate its absence
        raise LembarTidakDidukung(f"lembar '{lembar.nama}' tidak memiliki sheetData")
    n = len(lembar.kolom)
    gaya_col = _gaya_kolom(root)
    baris1, gaya1, gaya2 = _gaya_baris_awal(data)

    _tulis_judul(data, baris1, lembar, gaya1, gaya_col)

    # Merged ranges would hide written values: every cell of the sheet is ours now.
    gabung = root.find(_q("mergeCells"))
    if gabung is not None:
        root.remove(gabung)
    if tautan is not None:  # a sheet with links (Pemeriksaan): its old ones replaced
        _pasang_hyperlink(root, tautan)

    akhir = len(baris) + 1
    dim = root.find(_q("dimension"))
    if dim is not None:
        dim.set("ref", f"A1:{huruf_kolom(n)}{akhir}")
    af = root.find(_q("autoFilter"))
    if af is not None and af.get("ref"):
        af.set("ref", _baris_terakhir(af.get("ref"), akhir))

    p = f"{data.prefix}:" if data.prefix else ""
    # a style is an index (xsd:unsignedInt); anything else is not copied into the rows
    gaya: list = [g if g and g.isascii() and g.isdigit() else None
                  for g in (gaya2.get(j, gaya_col.get(j)) for j in range(1, n + 1))]
    if gaya_sel is not None:  # from the <col> styles: row 2 holds last run's per-row style
        dasar = [g if g and g.isascii() and g.isdigit() else None
                 for g in (gaya_col.get(j) for j in range(1, n + 1))]
        for j, per_baris in gaya_sel(dasar).items():
            gaya[j] = per_baris
    teks = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    penanda = f"<!--{_PENANDA}-->".encode()
    assert teks.count(penanda) >= 1
    kepala, ekor = teks.split(penanda, 1)

    def potongan() -> Iterator[bytes]:
        yield DEKLARASI + kepala
        tinggi = tinggi_baris(lembar, baris)
        if tinggi is not None:
            yield _baris_bertinggi(baris, gaya, tinggi, p).encode("utf-8")
        else:
            for blok in baris_data_blok(baris, gaya, p):
                yield blok.encode("utf-8")
        yield ekor
    return HasilLembar(potongan(), af.get("ref") if af is not None else None)


def lebar_excel(lebar: float) -> float:
    """Column width in characters -> the stored width, as Excel computes it for its
    default font (7 px per digit + 5 px padding, truncated to 1/256)."""
    return int((lebar * 7 + 5) / 7 * 256) / 256 if lebar >= 1 else lebar


def lembar_baru(lembar: LembarMilik, baris: list[list[object]],
                tautan: list[Hyperlink] | None = None, gaya_sel: GayaSel | None = None
                ) -> bytes:
    """A new worksheet: header row, the schema's column widths, header row frozen, no
    styles (but the per-row ones of `gaya_sel`), `tautan` as its hyperlinks."""
    periksa_baris(lembar, baris)
    gaya: list = [None] * len(lembar.kolom)
    if gaya_sel is not None:
        for j, per_baris in gaya_sel(list(gaya)).items():
            gaya[j] = per_baris
    tinggi = tinggi_baris(lembar, baris)
    data = (baris_data_xml(baris, gaya) if tinggi is None
            else _baris_bertinggi(baris, gaya, tinggi, ""))
    hyperlink = "".join(
        f'<hyperlink ref="{h.ref}" r:id="{_teks_xml(h.rid)}"'
        + (f' location="{_teks_xml(h.lokasi).replace(chr(34), "&quot;")}"' if h.lokasi else "")
        + "/>" for h in tautan or [])
    n = len(lembar.kolom)
    cols = "".join(
        f'<col min="{j}" max="{j}" width="{lebar_excel(k.lebar)!r}" customWidth="1"/>'
        for j, k in enumerate(lembar.kolom, start=1))
    judul = "".join(sel_xml(f"{huruf_kolom(j)}1", t, None) for j, t in
                    enumerate(lembar.judul, start=1))
    xml = (
        f'<worksheet xmlns="{NS_UTAMA}" xmlns:r="{NS_REL}">'
        f'<dimension ref="A1:{huruf_kolom(n)}{len(baris) + 1}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols>"
        f'<sheetData><row r="1">{judul}</row>{data}</sheetData>'
        + (f"<hyperlinks>{hyperlink}</hyperlinks>" if hyperlink else "")
        + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        "</worksheet>"
    )
    return DEKLARASI + xml.encode("utf-8")
