"""Fresh cached values for every formula that reads the owned sheets.

A workbook stores, beside each formula, the value it had when last computed
(the cell's <v>). Whatever does not recalculate (python-calamine, LibreOffice
with its default settings, a PDF made from it, Excel's preview) shows that
value. After the file writer rewrote the owned sheets, those values are stale
in every formula that reads them, directly or through other formulas: the
report tables and the office's own sheets alike.

So after the write the package is computed with the same functions Excel uses
(addin.rumus through the `formulas` engine, addin/mesin.py), the formula cells
that depend on an owned sheet are found in the engine's graph, and only their
<v> (and the cell's t= when the result's type changes) is replaced, as text, in
their sheet part. A cell the engine cannot compute (a function it does not know,
a circular reference, an external link) keeps its old value; the caller then sets
fullCalcOnLoad and reports one *info* finding. Design notes: docs/dev/nilai-segar.md.
"""

from __future__ import annotations

import gc
import html
import math
import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from addin.galat import GalatExcel
from sync.model.temuan import INFO, Temuan
from sync.tulis.lembar import _teks_xml as teks_xml

_PFX = r"(?:[\w.-]+:)?"
_RUMUS = re.compile(rb"<((?:[\w.-]+:)?)f\b[^>]*>(.*?)</\1f>", re.S)
_NAMA = re.compile(rf"<({_PFX})definedName\b([^>]*)>(.*?)</\1definedName>", re.S)
_SEL = re.compile(rf"<({_PFX})c\b([^>]*?)(?:/>|>(.*?)</\1c>)", re.S)
_F = re.compile(rf"<({_PFX})f\b([^>]*?)(?:/>|>(.*?)</\1f>)", re.S)
_V = re.compile(rf"<({_PFX})v\b[^>]*?(?:/>|>(.*?)</\1v>)", re.S)
_ATR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ATR_T = re.compile(r"""\s+t\s*=\s*(?:"[^"]*"|'[^']*')""")
_KUNCI = re.compile(r"^'?\[[^\]]+\](?P<lembar>.+?)'?!"
                    r"(?P<sel>\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$")
_ALAMAT = re.compile(r"^([A-Z]+)(\d+)$")

# Errors with which the engine says "I cannot", not "Excel would say so too": a function
# it does not know (#NAME?) and a reference outside the package (#REF!).
_GALAT_MESIN = ("#NAME?", "#REF!")
TAMPIL_PER_LEMBAR = 5  # cells named per sheet in the finding


@dataclass
class Segar:
    """What the refresh changed and what it could not compute."""

    ganti: dict[str, bytes] = field(default_factory=dict)   # sheet part -> new XML
    dihitung: int = 0                                        # dependents computed
    diubah: int = 0                                          # of those, <v> changed
    gagal: dict[str, list[str]] = field(default_factory=dict)  # sheet -> cells kept old
    sebab: str = ""          # why the engine could not run at all ("" when it ran)
    jalur: str = ""          # "cepat" (addin/mesin_cepat.py) or "penuh" (the whole engine)

    @property
    def hitung_penuh(self) -> bool:
        """Excel must recalculate on opening: some dependent kept a stale value."""
        return bool(self.gagal) or bool(self.sebab)

    def temuan(self) -> list[Temuan]:
        """The one *info* finding naming how many cells were left and where."""
        if not self.hitung_penuh:
            return []
        n = sum(len(v) for v in self.gagal.values())
        tempat = "; ".join(
            f"{lembar}!" + ", ".join(sel[:TAMPIL_PER_LEMBAR])
            + (f" dan {len(sel) - TAMPIL_PER_LEMBAR} lainnya" if len(sel) > TAMPIL_PER_LEMBAR
               else "")
            for lembar, sel in self.gagal.items())
        if self.sebab:
            pesan = (f"Rumus yang membaca data Kinerja tidak dapat dihitung di sini "
                     f"({self.sebab}); nilai tersimpannya belum diperbarui. ")
        else:
            pesan = (f"{n} sel rumus yang membaca data Kinerja tidak dapat dihitung di sini "
                     f"(fungsi tidak dikenal, referensi melingkar atau tautan ke berkas lain): "
                     f"{tempat}. Nilai lamanya dibiarkan. ")
        pesan += ("Excel menghitung ulang semua rumus saat workbook dibuka; sebelum itu, "
                  "program lain dapat menampilkan angka lama.")
        return [Temuan(INFO, "", next(iter(self.gagal), ""), "", n or None, pesan,
                       kode="rumus_tidak_terhitung")]


# --- which formulas may read the owned sheets (cheap, before computing anything) -----------


def _atribut(teks: str) -> dict[str, str]:
    return {m[1]: html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATR.finditer(teks)}


def penanda_milik(wb_teks: str, milik: Iterable[str]) -> list[str]:
    """Text (case-folded) whose presence in a formula may mean it reads an owned sheet:
    the sheets' names and every defined name that (through other names) points at them.
    (A reference built as text for INDIRECT is not followed: see docs/dev/nilai-segar.md.)"""
    tanda = {m.casefold() for m in milik}
    nama = [(_atribut(m[2]).get("name", "").casefold(), html.unescape(m[3]).casefold())
            for m in _NAMA.finditer(wb_teks)]
    while True:
        baru = {n for n, isi in nama if n and n not in tanda and any(t in isi for t in tanda)}
        if not baru:
            break
        tanda |= baru
    return sorted(tanda)


def membaca_milik(z: zipfile.ZipFile, bagian: str, tanda: list[str]) -> bool:
    """Whether some formula in this sheet part mentions one of `tanda`. A part without
    any <f> (found by `ada_f`, fast on large sheets of values) is not parsed."""
    xml = z.read(bagian)
    if not ada_f(xml):  # no formula element, prefixed or not
        return False
    for m in _RUMUS.finditer(xml):
        teks = html.unescape(m[2].decode("utf-8", "replace")).casefold()
        if any(t in teks for t in tanda):
            return True
    return False


_F_MELESET = 1000  # "f" bytes looked at one by one before a plain search takes over


def ada_f(xml: bytes) -> bool:
    """`b"<f" in xml or b":f" in xml` (where a formula element may start), faster.

    Both searches hold the GIL and crawl through sheet XML, where every tenth byte is
    "<" (15 ms for an 8 MB part of values: 0.3 s for the bench master's 20 sheets).
    The letter f is rare in a sheet of numbers and short texts, and memchr finds each one
    at memory speed; only after many an f not preceded by < or : (a sheet of prose)
    does the plain search take over from there. Tested against that search.
    """
    i = xml.find(b"f", 1)
    for _ in range(_F_MELESET):
        if i < 0:
            return False
        if xml[i - 1] in b"<:":
            return True
        i = xml.find(b"f", i + 1)
    return i >= 0 and (xml.find(b"<f", i - 1) >= 0 or xml.find(b":f", i - 1) >= 0)


def tanpa_rumus(xml: bytes) -> bool:
    """A sheet part with no formula element at all (membaca_milik's first test); run on
    the writer's background reader (zip_salin.BacaLatar) while the owned sheets are built."""
    return not ada_f(xml)


# --- values as a sheet part stores them --------------------------------------------------


def _teks_angka(v: float) -> str:
    if float(v).is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(float(v))


def sebagai_v(v: object) -> tuple[str | None, str]:
    """(t attribute or None for a number, <v> text) of a computed value, as Excel saves it."""
    if isinstance(v, GalatExcel):
        return "e", v.kode
    if isinstance(v, bool):
        return "b", "1" if v else "0"
    if v is None:  # a formula ending on a blank cell shows 0
        return None, "0"
    if isinstance(v, (int, float)):
        if not math.isfinite(v):
            return "e", "#NUM!"
        return None, _teks_angka(v)
    return "str", teks_xml(str(v))  # as the writer stores text: XML-safe, OOXML-escaped


def nilai_v(t: str | None, teks: str | None) -> object:
    """The cached value a cell holds (the inverse of sebagai_v); None when it has none."""
    if teks is None:
        return None
    if t == "e":
        return GalatExcel.dari_kode(teks) or GalatExcel("#VALUE!")
    if t == "b":
        return teks.strip() in ("1", "true")
    if t in ("str", "inlineStr", "s"):
        return html.unescape(teks)
    try:
        return float(teks)
    except ValueError:
        return html.unescape(teks)


def _sama(lama: object, baru: object) -> bool:
    if isinstance(lama, GalatExcel) or isinstance(baru, GalatExcel):
        return (isinstance(lama, GalatExcel) and isinstance(baru, GalatExcel)
                and lama.kode == baru.kode)
    if isinstance(lama, bool) or isinstance(baru, bool):
        return type(lama) is type(baru) and lama == baru
    if isinstance(lama, float) and isinstance(baru, (int, float)):
        return lama == float(baru)
    return type(lama) is type(baru) and lama == baru


def _sel_lama(atr: str, isi: str) -> object:
    m = _V.search(isi)
    return nilai_v(_atribut(atr).get("t"), m[2] if m else None)


def _tulis_sel(p: str, atr: str, isi: str, t: str | None, teks: str) -> str:
    """The cell with its <v> (and t=) replaced; its formula and everything else kept."""
    if (_atribut(atr).get("t") or "n") != (t or "n"):
        atr = _ATR_T.sub("", atr)
        if t is not None:
            atr = atr.rstrip() + f' t="{t}"'
    v = f"<{p}v>{teks}</{p}v>"
    m = _V.search(isi)
    if m:
        isi = isi[:m.start()] + v + isi[m.end():]
    else:
        f = _F.search(isi)
        ujung = f.end() if f else 0
        isi = isi[:ujung] + v + isi[ujung:]
    return f"<{p}c{atr}>{isi}</{p}c>"


def _sel_rumus(xml: str) -> tuple[set[str], dict[str, str]]:
    """Cells holding a formula, and the cells each array formula covers (anchor -> ref)."""
    rumus: set[str] = set()
    larik: dict[str, str] = {}
    for m in _SEL.finditer(xml):
        isi = m[3]
        if not isi:
            continue
        f = _F.search(isi)
        if f is None:
            continue
        r = _atribut(m[2]).get("r")
        if r is None:
            continue
        rumus.add(r)
        fa = _atribut(f[2])
        if fa.get("t") == "array" and ":" in fa.get("ref", ""):
            larik[r] = fa["ref"]
    return rumus, larik


def _sel_rentang(ref: str) -> list[str]:
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    k0, b0, k1, b1 = range_boundaries(ref.replace("$", ""))
    return [f"{get_column_letter(k)}{b}" for b in range(b0, b1 + 1) for k in range(k0, k1 + 1)]


def _nilai_lama(xml: str, sel: set[str]) -> dict[str, object]:
    hasil = {}
    for m in _SEL.finditer(xml):
        r = _atribut(m[2]).get("r")
        if r in sel:
            hasil[r] = _sel_lama(m[2], m[3] or "")
    return hasil


def tulis_nilai(xml: str, nilai: dict[str, object]) -> tuple[str, int]:
    """Sheet XML with each listed cell's cached value set (as text edits); returns the
    new text and how many cells changed. Cells whose stored value equals it are kept."""
    keluar, pos, n = [], 0, 0
    for m in _SEL.finditer(xml):
        r = _atribut(m[2]).get("r")
        if r is None or r not in nilai:
            continue
        isi = m[3] or ""
        baru = nilai[r]
        if _sama(_sel_lama(m[2], isi), baru):
            continue
        t, teks = sebagai_v(baru)
        keluar += [xml[pos:m.start()], _tulis_sel(m[1], m[2], isi, t, teks)]
        pos, n = m.end(), n + 1
    if not n:
        return xml, 0
    keluar.append(xml[pos:])
    return "".join(keluar), n


# --- the refresh -------------------------------------------------------------------------


def _lembar_kunci(kunci: object) -> tuple[str, str] | None:
    m = _KUNCI.match(str(kunci))
    return (m["lembar"].replace("''", "'"), m["sel"].replace("$", "")) if m else None


def _bergantung(dmap, milik_besar: set[str]) -> dict[str, set[str]]:
    """SHEET (upper case) -> the cells and ranges in the engine's graph that are reached
    from a node of an owned sheet (cells, ranges, and through them names and formulas)."""
    mulai = [n for n in dmap.nodes if (k := _lembar_kunci(n)) and k[0] in milik_besar]
    dilihat = set(mulai)
    antre = list(mulai)
    while antre:
        n = antre.pop()
        for s in dmap.succ.get(n, ()):
            if s not in dilihat:
                dilihat.add(s)
                antre.append(s)
    hasil: dict[str, set[str]] = {}
    for n in dilihat:
        k = _lembar_kunci(n)
        if k and k[0] not in milik_besar:
            hasil.setdefault(k[0], set()).add(k[1])
    return hasil


def segarkan(data: bytes, lembar: dict[str, str], milik: Iterable[str],
             akhiran: str = ".xlsx", *, cepat: bool = True) -> Segar:
    """Compute the package `data` and give every formula cell of the sheets `lembar`
    (name -> worksheet part; the sheets not owned) that depends on the `milik` sheets
    its fresh cached value. Returns the changed parts; `data` is only read.
    The fast route (one compiled function per formula shape) is tried first; whatever
    it does not handle goes through the whole engine, the reference (`cepat=False`)."""
    hasil = Segar()
    try:
        from addin import mesin, mesin_cepat
    except ImportError:
        hasil.sebab = 'paket "formulas" belum terpasang'
        return hasil
    milik_besar = {m.upper() for m in milik}
    try:
        with tempfile.TemporaryDirectory(prefix="kinerja-segar-") as d:
            berkas = Path(d) / ("induk" + akhiran)
            berkas.write_bytes(data)
            try:
                if not cepat:
                    raise mesin_cepat.TidakDidukung("jalur penuh diminta")
                h = mesin_cepat.hitung_cepat(berkas, milik_besar)
                nilai, tergantung, hasil.jalur = h.nilai, h.tergantung, "cepat"
            except mesin_cepat.TidakDidukung:
                nilai, tergantung = _penuh(mesin, berkas, milik_besar)
                hasil.jalur = "penuh"
    except mesin.BukuTidakTerbaca as e:
        hasil.sebab = str(e).split(": ", 1)[-1][:200]
        return hasil
    except (MemoryError, RecursionError, OSError) as e:
        hasil.sebab = f"mesin rumus gagal: {type(e).__name__}"
        return hasil
    besar = {n.upper(): n for n in lembar}
    with zipfile.ZipFile(BytesIO(data)) as z:
        for lembar_besar, kunci in tergantung.items():
            nama = besar.get(lembar_besar)
            if nama is None:
                continue
            xml = z.read(lembar[nama]).decode("utf-8")
            rumus, larik = _sel_rumus(xml)
            sasaran = {k for k in kunci if ":" not in k} & rumus
            for anchor, ref in larik.items():
                if anchor in kunci or ref.replace("$", "") in kunci:
                    sasaran |= set(_sel_rentang(ref))
            lama = _nilai_lama(xml, sasaran)
            isi: dict[str, object] = {}
            for sel in sorted(sasaran, key=_urut_sel):
                v = nilai.get((lembar_besar, sel), _TIDAK_ADA)
                if v is _TIDAK_ADA or (isinstance(v, GalatExcel) and v.kode in _GALAT_MESIN
                                       and not _sama(lama.get(sel), v)):
                    hasil.gagal.setdefault(nama, []).append(sel)  # keeps its old value
                    continue
                isi[sel] = v
            hasil.dihitung += len(isi)
            baru, n = tulis_nilai(xml, isi)
            if n:
                hasil.ganti[lembar[nama]] = baru.encode("utf-8")
                hasil.diubah += n
    return hasil


_TIDAK_ADA = object()


def _penuh(mesin, berkas: Path, milik_besar: set[str]):
    """The whole engine (addin.mesin.model_buku): every value, and the dependents found
    in its graph."""
    model, solusi = mesin.model_buku(berkas)
    nilai = mesin.nilai_per_sel(solusi)
    tergantung = _bergantung(model.dsp.dmap, milik_besar)
    # The engine's graph is full of reference cycles, and the pipeline pauses the cyclic
    # collector (sync.konsolidasi.gc_ditunda): free it here, where its cost belongs.
    del model, solusi
    gc.collect()
    return nilai, tergantung


def _urut_sel(sel: str) -> tuple[int, int]:
    m = _ALAMAT.match(sel)
    if m is None:
        return (0, 0)
    k = 0
    for c in m[1]:
        k = k * 26 + ord(c) - 64
    return int(m[2]), k
