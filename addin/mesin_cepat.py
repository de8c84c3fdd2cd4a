"""The fast route of the refresh: each distinct formula shape compiled once.

`addin.mesin.model_buku` parses and compiles every formula of a workbook (about
2.5 ms each in `formulas`) and runs them in one big dispatcher. The report
formulas of one column differ only by their row, so a master of ~600 formulas has
a few dozen shapes. Here each formula's references are rewritten relative to its
cell (the shape); the first formula of a shape is compiled by the engine itself
(`formulas.cell.Cell`, the very compile `model_buku` does, with Kinerja's functions
registered by `mesin.daftarkan`), and every formula of that shape calls that
function with its own input ranges, in dependency order, over a plain store of the
cell values read by the engine's own reader.

Anything this route does not handle raises `TidakDidukung` and the caller uses
the full engine (the reference): array or data-table formulas, external links,
INDIRECT/OFFSET and other references the compiled inputs cannot name, local or
non-range defined names, huge ranges, cycles, and any error while computing.
A formula whose text the shape scanner does not fully understand (whitespace,
array constants, `A:A` ...) is compiled on its own, exactly as the engine would.
tests/test_mesin_cepat.py compares both routes cell by cell.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import schedula as sh
from formulas.cell import Cell, format_output
from formulas.excel.xlreader import load_workbook
from formulas.functions import replace_empty
from formulas.ranges import Ranges
from formulas.tokens.operand import Error, _re_ref, range2parts
from openpyxl.utils.cell import get_column_letter

from addin import kriteria, mesin


class TidakDidukung(Exception):
    """The fast route does not handle this workbook: use the full engine."""


_BERKAS = "induk.xlsx"  # the engine's names carry a file name; any fixed one will do
_SEL_MAKS = 200_000     # a range larger than this (A:A ...) is left to the full engine
_DINAMIS = re.compile(r"\b(?:INDIRECT|OFFSET)\s*\(", re.I)          # references made at run time
_KONTEKS_SEL = re.compile(r"\b(?:ROW|COLUMN|SINGLE|CELL|INFO)\s*\(", re.I)  # read own cell

# One token of a formula, in the order tried. `ref` is a cell or a cell range, with an
# optional sheet; a token the scanner does not know ends the scan (compiled on its own).
_TOKEN = re.compile(r"""
    (?P<teks>"(?:[^"]|"")*")
  | (?P<galat>\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA))
  | (?P<fungsi>[A-Za-z_][\w.]*\()
  | (?P<ref>(?:(?P<lembar>'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?
        (?P<k1>\$?)(?P<c1>[A-Z]{1,3})(?P<b1>\$?)(?P<r1>\d+)
        (?::(?P<k2>\$?)(?P<c2>[A-Z]{1,3})(?P<b2>\$?)(?P<r2>\d+))?)(?![\w.(!:])
  | (?P<nama>[A-Za-z_][\w.]*)(?![\w.(!:])
  | (?P<angka>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<op>[-+*/^&=<>%,()])
""", re.X)


def _ukuran(m: re.Match) -> str:
    """A reference as its shape: only its size. The compiled function does not see the
    addresses of its inputs (only ROW, COLUMN and SINGLE read them, through the engine's
    CELL input: those formulas are compiled one by one), so one function serves every
    formula with the same tokens and reference sizes, fed with its own ranges."""
    if m["c2"] is None:
        return "REF"
    return f"REF{abs(int(m['r2']) - int(m['r1'])) + 1}x{abs(_kolom(m['c2']) - _kolom(m['c1'])) + 1}"


def _kolom(huruf: str) -> int:
    n = 0
    for c in huruf:
        n = n * 26 + ord(c) - 64
    return n


def bentuk(rumus: str, nama: set[str]) -> tuple[tuple, list[str]] | None:
    """(shape key, the reference texts in order) of a formula without its '=';
    None when the scanner does not understand all of it (then it is compiled alone)."""
    kunci, ref, pos = [], [], 0
    while pos < len(rumus):
        m = _TOKEN.match(rumus, pos)
        if m is None:
            return None
        if m["ref"] is not None:
            kunci.append(_ukuran(m))
            ref.append(m["ref"])
        elif m["nama"] is not None:
            teks = m["nama"].upper()
            if teks not in nama and teks not in ("TRUE", "FALSE"):
                return None
            kunci.append(teks)
        else:
            kunci.append(m[0])
        pos = m.end()
    return tuple(kunci), ref


@dataclass
class _Rumus:
    lembar: str                 # SHEET (upper case)
    sel: str                    # "E18"
    baris: int
    kolom: int
    teks: str                   # "=..." without add-in prefixes
    masukan: list = field(default_factory=list)  # (sheet, r1, c1, r2, c2) of each input
    nama_masukan: list = field(default_factory=list)  # the engine's input names, in order
    fungsi: object = None
    hulu: list = field(default_factory=list)  # formula cells inside its inputs


def _konteks(lembar: str) -> dict:
    return {"directory": "", "filename": _BERKAS, "excel": _BERKAS.upper(),
            "sheet": lembar, "external_links": {}}


@functools.lru_cache(maxsize=1 << 16)
def _rentang(ref: str, lembar: str) -> dict:
    """The engine's range dict of a reference (cached: the same texts recur by the
    hundred; the dicts are only read)."""
    return Ranges.get_range(ref, _konteks(lembar))


def _nama_kunci(nama: str) -> str:
    """The node name the engine gives a workbook-level defined name (as Ref does)."""
    ctx = _konteks("")
    del ctx["sheet"]
    ctx.update({k: v for k, v in _re_ref.match(nama).groupdict().items() if v is not None})
    ref = ctx.pop("ref")
    return range2parts(["name"], ref=ref, **ctx)["name"]


@dataclass
class Hasil:
    """Computed values and which formula cells depend on the owned sheets."""

    nilai: dict[tuple[str, str], object]          # (SHEET, "A1") -> Python value
    tergantung: dict[str, set[str]]               # SHEET -> formula cells reading owned data
    bentuk: int = 0                               # distinct compiled functions
    rumus: int = 0                                # formulas computed


class _Buku:
    """The cell store and the formulas of one workbook, as the engine reads them."""

    def __init__(self, path: Path):
        wb = load_workbook(str(path))  # the engine's own reader (formulas.excel.xlreader)
        if getattr(wb, "_external_links", None):
            raise TidakDidukung("tautan ke berkas lain")
        self.nilai: dict[tuple[str, int, int], object] = {}
        self.rumus: dict[tuple[str, int, int], _Rumus] = {}
        self.lembar = set()
        for ws in wb.worksheets:
            if ws.array_formulae or getattr(ws, "defined_names", None):
                raise TidakDidukung("rumus larik atau nama lokal")
            lembar = ws.title.upper()
            self.lembar.add(lembar)
            self._baca(ws, lembar)
        self.nama: dict[str, dict] = {}   # engine node name -> range dict
        self.nama_teks: set[str] = set()
        for dn in wb.defined_names.values():
            if dn.hidden or dn.localSheetId is not None:
                continue
            self.nama_teks.add(dn.name.upper())
            try:
                self.nama[_nama_kunci(dn.name.upper())] = _rentang(dn.attr_text, "")
            except Exception:  # noqa: BLE001 - a name that is no plain range: see _masukan
                self.nama[_nama_kunci(dn.name.upper())] = None
        # formula cells per (sheet, column): sorted rows, to find those inside a range
        self.indeks: dict[tuple[str, int], list[int]] = {}
        for lembar, b, k in sorted(self.rumus):
            self.indeks.setdefault((lembar, k), []).append(b)

    def _baca(self, ws, lembar: str) -> None:
        # the stored cells only (openpyxl's ws._cells): iter_rows, as the engine reads,
        # makes every cell of the sheet's rectangle, and the empty ones are blanks anyway
        for c in ws._cells.values():
            v = c.value
            if v is None:
                continue
            if c.data_type == "f":
                if not isinstance(v, str):
                    raise TidakDidukung("rumus tabel data")
                v = v[1:] if v[:2] == "==" else v
            elif c.data_type == "n" and isinstance(v, float):
                v = round(v, 15)  # as ExcelModel.compile_cell
            if c.data_type != "s" and isinstance(v, str) and Cell.parser.is_formula(v):
                teks = mesin.bersihkan_rumus(v)
                if _DINAMIS.search(teks):
                    raise TidakDidukung("INDIRECT/OFFSET")
                self.rumus[(lembar, c.row, c.column)] = _Rumus(
                    lembar, c.coordinate, c.row, c.column, teks)
            else:
                self.nilai[(lembar, c.row, c.column)] = v

    def isi(self, rng: dict) -> np.ndarray:
        """The values of a range (blank cells EMPTY), as the engine assembles them."""
        lembar = _lembar(rng)
        r1, r2, c1, c2 = int(rng["r1"]), int(rng["r2"]), rng["n1"], rng["n2"]
        out = np.empty((r2 - r1 + 1, c2 - c1 + 1), object)
        out[:] = sh.EMPTY
        ambil = self.nilai.get
        for i in range(r1, r2 + 1):
            for j in range(c1, c2 + 1):
                v = ambil((lembar, i, j), sh.EMPTY)
                if v is not sh.EMPTY:
                    out[i - r1, j - c1] = v
        return out


def _lembar(rng: dict) -> str:
    return rng["sheet"].replace("''", "'").upper()


def _batas(rng: dict) -> tuple[str, int, int, int, int]:
    lembar = _lembar(rng)
    r1, r2, c1, c2 = int(rng["r1"]), int(rng["r2"]), rng["n1"], rng["n2"]
    if (r2 - r1 + 1) * (c2 - c1 + 1) > _SEL_MAKS:
        raise TidakDidukung("rentang terlalu besar")
    return lembar, r1, c1, r2, c2


class _Penyusun:
    """Compiles formulas, one engine function per shape."""

    def __init__(self, buku: _Buku):
        self.buku = buku
        self.cache: dict[tuple, tuple] = {}
        self.rujukan = {k: (Ranges().set_value(v) if v is not None else None)
                        for k, v in buku.nama.items()}

    def _kompilasi(self, r: _Rumus):
        sel = Cell(r.sel, r.teks, context=_konteks(r.lembar))
        if sel.builder is None:
            raise TidakDidukung("bukan rumus")
        return sel.compile(references=self.rujukan, context=_konteks(r.lembar)).func

    def siapkan(self, r: _Rumus) -> None:
        teks = r.teks.lstrip()
        b = None
        if teks.startswith("=") and not _KONTEKS_SEL.search(teks):
            b = bentuk(teks[1:], self.buku.nama_teks)
        k = None
        if b is not None:
            kunci, refs = b
            nm = [_rentang(t, r.lembar)["name"] for t in refs]
            k = (kunci, tuple(nm.index(n) for n in nm))  # + which references coincide
            if k not in self.cache:
                fungsi = self._kompilasi(r)
                peta = [nm.index(n) if n in nm else n for n in fungsi.inputs]
                # an input that is neither one of its references nor a defined name: the
                # shape cannot be shared (compiled cell by cell)
                bagi = all(isinstance(p, int) or p in self.buku.nama for p in peta)
                self.cache[k] = (fungsi, peta) if bagi else None
                if not bagi:
                    r.fungsi, r.nama_masukan = fungsi, list(fungsi.inputs)
                    r.masukan = [self._masukan(n, r) for n in r.nama_masukan]
                    return
        if k is None or self.cache[k] is None:
            fungsi = self._kompilasi(r)
            nama = list(fungsi.inputs)
        else:
            fungsi, peta = self.cache[k]
            nama = [nm[p] if isinstance(p, int) else p for p in peta]
        r.fungsi, r.nama_masukan = fungsi, nama
        r.masukan = [self._masukan(n, r) for n in nama]

    def _masukan(self, n: str, r: _Rumus):
        if n in self.buku.nama:
            rng = self.buku.nama[n]
            if rng is None:
                raise TidakDidukung("nama yang bukan rentang")
            return ("nama", rng, _batas(rng))
        try:
            rng = _rentang(n, r.lembar)
        except Exception as e:  # noqa: BLE001 - an input the store cannot name
            raise TidakDidukung(f"masukan {n}") from e
        bt = _batas(rng)
        if bt[0] not in self.buku.lembar:
            raise TidakDidukung("lembar tidak ada")
        return ("sel", rng, bt)


def _urutan(buku: _Buku) -> list[tuple[str, int, int]]:
    """Formula cells in dependency order (depth-first); a cycle raises TidakDidukung."""
    def dalam(bt):
        lembar, r1, c1, r2, c2 = bt
        for k in range(c1, c2 + 1):
            baris = buku.indeks.get((lembar, k))
            if baris:
                i = bisect.bisect_left(baris, r1)
                while i < len(baris) and baris[i] <= r2:
                    yield (lembar, baris[i], k)
                    i += 1

    for r in buku.rumus.values():
        r.hulu = [s for _, _, bt in r.masukan for s in dalam(bt)]
    urut, tanda = [], {}
    for awal in buku.rumus:
        if awal in tanda:
            continue
        tumpuk = [(awal, iter(buku.rumus[awal].hulu))]
        tanda[awal] = 1
        while tumpuk:
            sel, it = tumpuk[-1]
            for h in it:
                st = tanda.get(h)
                if st == 1:
                    raise TidakDidukung("referensi melingkar")
                if st is None:
                    tanda[h] = 1
                    tumpuk.append((h, iter(buku.rumus[h].hulu)))
                    break
            else:
                tumpuk.pop()
                tanda[sel] = 2
                urut.append(sel)
    return urut


def hitung_cepat(path: Path, milik: set[str]) -> Hasil:
    """Compute every formula of the workbook at `path` and find those that read the sheets
    `milik` (upper case), directly, through names or through other formulas."""
    try:
        return _hitung(path, milik)
    except TidakDidukung:
        raise
    except Exception as e:  # noqa: BLE001 - unreadable, unexpected: the full engine judges
        raise TidakDidukung(f"{type(e).__name__}: {e}") from e


def _hitung(path: Path, milik: set[str]) -> Hasil:
    mesin.daftarkan()
    with kriteria.satu_hitungan():
        return _hitung_semua(path, milik)


def _hitung_semua(path: Path, milik: set[str]) -> Hasil:
    buku = _Buku(path)
    penyusun = _Penyusun(buku)
    for r in buku.rumus.values():
        penyusun.siapkan(r)
    urut = _urutan(buku)
    isi_cache: dict[str, np.ndarray] = {}
    tergantung: set[tuple[str, int, int]] = set()
    nilai: dict[tuple[str, str], object] = {}
    for kunci in urut:
        r = buku.rumus[kunci]
        args = []
        for nama, (_, rng, _) in zip(r.nama_masukan, r.masukan, strict=True):
            arr = isi_cache.get(nama)
            if arr is None:
                arr = isi_cache[nama] = buku.isi(rng)
            args.append(Ranges().set_value(rng, arr))
        try:
            keluar = r.fungsi.func(*args)
        except sh.DispatcherError as e:  # as formulas.cell.CellWrapper
            if not isinstance(e.ex, NotImplementedError):
                raise TidakDidukung(f"{r.lembar}!{r.sel}: {e}") from e
            keluar = Error.errors["#NAME?"]
        rng_sel = _rentang(r.sel, r.lembar)
        v = format_output(rng_sel, replace_empty(keluar)).value[0, 0]
        buku.nilai[kunci] = v
        nilai[(r.lembar, r.sel)] = mesin.nilai_python(v)
        if any(bt[0] in milik for _, _, bt in r.masukan) or any(h in tergantung for h in r.hulu):
            tergantung.add(kunci)
    hasil: dict[str, set[str]] = {}
    for lembar, b, k in tergantung:
        if lembar not in milik:
            hasil.setdefault(lembar, set()).add(f"{get_column_letter(k)}{b}")
    return Hasil(nilai, hasil, len(penyusun.cache), len(urut))


__all__ = ["Hasil", "TidakDidukung", "bentuk", "hitung_cepat"]
