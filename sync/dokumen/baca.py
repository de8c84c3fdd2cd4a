"""The master as the document sees it: every report sheet's printed table with the values
the formula engine computes (the very values `kinerja hitung` prints), and the rows of
the Analisis Indikator sheet, Data Indikator and Pemeriksaan.

Layout comes from the sheet itself, so the document follows the workbook: the print
area bounds a table, the print-title rows are its header (repeated on every page in
Word too), the rows above them its caption, the bordered rows below its body and the
text after it its notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import get_column_letter, range_boundaries

from addin import mesin
from addin.angka import bulatkan, desimal_excel, teks_indonesia, teks_persen, teks_rupiah
from addin.galat import GalatExcel
from sync.model import skema
from sync.model.laporan import ANALISIS, KATA_KOSONG, KOLOM_ANALISIS, TANDA


@dataclass
class SelDok:
    """One table cell as the document prints it."""

    teks: str
    angka: bool = False       # right-aligned figure
    kosong: bool = False      # a missing-data word ("data belum ada")
    galat: bool = False       # an error value: printed as such, in red
    tebal: bool = False
    lebar: int = 1            # columns spanned (merged cells)
    tinggi: int = 1           # rows spanned
    tertutup: bool = False    # covered by a merged cell
    tanda: bool = False       # a figure the audit rejects: shown with the mark, as in Excel


@dataclass
class TabelDok:
    lembar: str
    judul: list[str]
    kepala: list[list[SelDok]]
    isi: list[list[SelDok]]
    catatan: list[str]
    lanskap: bool
    lebar_kolom: list[float] = field(default_factory=list)
    # a second bordered block under the first, after blank rows (Tabel 2.7's programs):
    # a table of its own, its first row the header, printed before the notes
    lanjutan: list[TabelDok] = field(default_factory=list)


@dataclass
class IsiLaporan:
    """What the document needs from the master."""

    berkas: Path
    tahun: int | None
    tabel: dict[str, TabelDok]
    analisis: list[dict[str, object]]       # one dict per indicator row (keys KOLOM_ANALISIS)
    format_analisis: list[dict[str, str]]   # each value's number format
    deret: dict[str, dict[int, object]]     # kode -> {tahun: realisasi} from Data Indikator
    temuan: list[dict[str, object]]         # Pemeriksaan rows
    sumber: dict[tuple[str, int], tuple[str, int]]  # (bidang, source row) -> (kode, tahun)


# --- numbers as the cell's format shows them, in Indonesian --------------------------------

def _desimal(fmt: str) -> int:
    m = re.search(r"0\.(0+)", fmt)
    return len(m.group(1)) if m else 0


def teks_angka(x: float | int, fmt: str) -> str:
    """A number as an Indonesian Excel shows it under `fmt` (the formats the report sheets
    use: percent, rupiah, grouped, year)."""
    bagian = fmt.split(";")[0]
    if "%" in bagian:
        return teks_persen(x, _desimal(bagian))
    if "Rp" in bagian:
        return teks_rupiah(x, _desimal(bagian))
    if bagian in ("0", "@"):
        return str(int(bulatkan(desimal_excel(x), 0)))
    if "#,##0" in bagian:
        desimal = _desimal(bagian)
    else:  # General: whole numbers grouped, others with two decimals
        d = desimal_excel(x)
        desimal = 0 if d == d.to_integral_value() else 2
    d = bulatkan(desimal_excel(x), desimal)
    return ("-" if d < 0 else "") + teks_indonesia(d, desimal)


def sel_dok(v: object, fmt: str) -> SelDok:
    if v is None:
        return SelDok("")
    if isinstance(v, GalatExcel):
        return SelDok(v.kode, galat=True)
    if isinstance(v, bool):
        return SelDok("ya" if v else "tidak")
    if isinstance(v, (int, float)):
        return SelDok(teks_angka(v, fmt or "General"), angka=True)
    teks = str(v)
    return SelDok(teks, kosong=teks in KATA_KOSONG)


# --- reading -------------------------------------------------------------------------------

def _area(ws) -> tuple[int, int, int, int] | None:
    area = ws.print_area
    if not area:
        return None
    if isinstance(area, (list, tuple)):
        area = area[0]
    ref = area.split("!")[-1].replace("$", "")
    c0, r0, c1, r1 = range_boundaries(ref)
    return r0, c0, r1, c1


def _judul(ws) -> tuple[int, int] | None:
    rows = ws.print_title_rows
    if not rows:
        return None
    a, b = rows.replace("$", "").split(":")
    return int(a), int(b)


def _berbingkai(sel) -> bool:
    b = sel.border
    return any(getattr(b, s) is not None and getattr(b, s).style for s in
               ("left", "right", "top", "bottom"))


# --- the mark of a figure the audit rejects ------------------------------------------------
# Report cells carry it through a conditional number format (workbooks/laporan/dasar.py,
# tandai): `COUNTIFS(<Kode>,<kode>,<Tahun>,<tahun>,<Periksa>,">0")>0` over a data sheet's
# defined names. The engine computes cells, not conditional formats, so the document
# evaluates that one criterion itself against the data sheets' Periksa column.
_KRITERIA_TANDA = re.compile(r'COUNTIFS\((\w+),(.+?),(\w+),(.+?),(\w+),">0"\)>0')
_ACUAN = re.compile(r"(\$?)([A-Z]{1,3})(\$?)(\d+)")


class Tanda:
    """Which (data sheet, kode, tahun) rows carry a finding's No (Periksa > 0)."""

    def __init__(self, wb, nilai: dict[str, dict[str, object]], tahun: int | None):
        self.tahun = tahun
        self.baris: dict[str, list[tuple[str, object]]] = {}  # "Ind_Kode" -> [(kode, tahun)]
        for lembar in (skema.DATA_INDIKATOR, skema.DATA_ANGGARAN, skema.DATA_STATISTIK):
            judul = {k.kunci: k for k in lembar.kolom}
            ditandai = [
                (str(b.get(judul["kode"].judul) or ""), b.get(judul["tahun"].judul))
                for b in _baris_lembar(wb, lembar.nama, nilai.get(lembar.nama, {}))
                if isinstance(b.get(judul["periksa"].judul), (int, float))
                and b[judul["periksa"].judul] > 0]
            self.baris[judul["kode"].nama] = ditandai

    def sel(self, ws, nilai: dict[str, object]) -> set[str]:
        """The addresses of `ws` whose mark is on."""
        hasil: set[str] = set()
        for cf in ws.conditional_formatting:
            for aturan in cf.rules:
                fmt = aturan.dxf.numFmt if aturan.dxf is not None else None
                if (aturan.type != "expression" or fmt is None or TANDA not in fmt.formatCode
                        or not aturan.formula):
                    continue
                m = _KRITERIA_TANDA.fullmatch(aturan.formula[0].replace(" ", ""))
                if m is None or m.group(1) not in self.baris:
                    continue
                for rentang in cf.sqref.ranges:
                    for r in range(rentang.min_row, rentang.max_row + 1):
                        for c in range(rentang.min_col, rentang.max_col + 1):
                            geser = (r - rentang.min_row, c - rentang.min_col)
                            if self._kena(m, ws, nilai, geser):
                                hasil.add(f"{get_column_letter(c)}{r}")
        return hasil

    def _nilai(self, arg: str, ws, nilai: dict[str, object], geser: tuple[int, int]):
        """One argument: "text", a cell (relative parts shifted), Tahun_Laporan, or a & of
        those; None when it is none of these (then no mark is claimed)."""
        bagian = []
        for potong in arg.split("&"):
            if len(potong) >= 2 and potong[0] == potong[-1] == '"':
                bagian.append(potong[1:-1])
            elif potong == skema.NAMA_TAHUN:
                bagian.append(self.tahun)
            elif a := _ACUAN.fullmatch(potong):
                c = openpyxl.utils.cell.column_index_from_string(a.group(2))
                r = int(a.group(4))
                r += 0 if a.group(3) else geser[0]
                c += 0 if a.group(1) else geser[1]
                sel = f"{get_column_letter(c)}{r}"
                bagian.append(nilai.get(sel, ws[sel].value))
            else:
                return None
        if len(bagian) == 1:
            return bagian[0]
        return "".join("" if b is None else str(b) for b in bagian)

    def _kena(self, m: re.Match, ws, nilai: dict[str, object], geser: tuple[int, int]) -> bool:
        kode = self._nilai(m.group(2), ws, nilai, geser)
        tahun = self._nilai(m.group(4), ws, nilai, geser)
        if kode is None or tahun is None:
            return False
        # COUNTIFS text criteria: case-insensitive, * and ? wildcards
        pola = re.compile("".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch)
                                  for ch in str(kode)), re.I | re.S)
        return any(pola.fullmatch(k) and _sama_tahun(th, tahun) for k, th in self.baris[m.group(1)])


def _sama_tahun(a: object, b: object) -> bool:
    try:
        return float(a) == float(b)  # a year as a number or as its text
    except (TypeError, ValueError):
        return False


def _blok_berbingkai(bingkai, teks_baris, r: int, r1: int) -> tuple[list[tuple[int, int]], int]:
    """The bordered row blocks from r on, as (first, past last) row ranges: the body, then
    any block after blank rows; and the row where the notes begin."""
    rentang, awal = [], r
    while r <= r1 and bingkai(r):
        r += 1
    rentang.append((awal, r))
    while True:
        kosong = r
        while kosong <= r1 and not bingkai(kosong) and not teks_baris(kosong):
            kosong += 1
        if kosong > r1 or not bingkai(kosong):
            return rentang, r
        r = awal = kosong
        while r <= r1 and bingkai(r):
            r += 1
        rentang.append((awal, r))


def _tabel(ws, nilai: dict[str, object], tanda: set[str] = frozenset()) -> TabelDok | None:
    area, judul = _area(ws), _judul(ws)
    if area is None or judul is None:
        return None
    r0, c0, r1, c1 = area
    k0, k1 = judul
    gabung: dict[tuple[int, int], tuple[int, int]] = {}
    tertutup: set[tuple[int, int]] = set()
    for m in ws.merged_cells.ranges:
        if m.min_col < c0 or m.max_col > c1:
            continue
        gabung[(m.min_row, m.min_col)] = (m.max_row - m.min_row + 1, m.max_col - m.min_col + 1)
        tertutup.update((r, c) for r in range(m.min_row, m.max_row + 1)
                        for c in range(m.min_col, m.max_col + 1)
                        if (r, c) != (m.min_row, m.min_col))

    def baris(r: int) -> list[SelDok]:
        hasil = []
        for c in range(c0, c1 + 1):
            s = ws.cell(r, c)
            sel = f"{get_column_letter(c)}{r}"
            v = nilai.get(sel, s.value)
            d = sel_dok(v, s.number_format)
            if sel in tanda and d.angka:     # the conditional format's '" *)"' suffix
                d.teks, d.tanda = f"{d.teks} {TANDA}", True
            d.tebal = bool(s.font and s.font.b)
            if (r, c) in gabung:
                d.tinggi, d.lebar = gabung[(r, c)]
            d.tertutup = (r, c) in tertutup
            hasil.append(d)
        return hasil

    def teks_baris(r: int) -> str:
        return " ".join(str(nilai.get(f"{get_column_letter(c)}{r}", ws.cell(r, c).value))
                        for c in range(c0, c1 + 1)
                        if nilai.get(f"{get_column_letter(c)}{r}", ws.cell(r, c).value)
                        not in (None, "")).strip()

    judul_teks = [t for r in range(r0, k0) if (t := teks_baris(r))]
    kepala = [baris(r) for r in range(k0, k1 + 1)]
    def bingkai(r: int) -> bool:
        return any(_berbingkai(ws.cell(r, c)) for c in range(c0, c1 + 1))

    rentang, r = _blok_berbingkai(bingkai, teks_baris, k1 + 1, r1)
    isi = [baris(x) for x in range(*rentang[0])]
    blok = [[baris(x) for x in range(a, b)] for a, b in rentang[1:]]
    catatan = []
    for rr in range(r, r1 + 1):
        if t := teks_baris(rr):
            catatan.append(t)
    lanskap = ws.page_setup.orientation == "landscape"
    lebar = [ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(c0, c1 + 1)]
    lanjutan = [TabelDok(ws.title, [], b[:1], b[1:], [], lanskap, lebar) for b in blok]
    return TabelDok(ws.title, judul_teks, kepala, isi, catatan, lanskap, lebar, lanjutan)


def _tahun(wb, nilai: dict[str, dict[str, object]]) -> int | None:
    dn = wb.defined_names.get(skema.NAMA_TAHUN)
    if dn is None:
        return None
    for lembar, ref in dn.destinations:
        v = nilai.get(lembar, {}).get(ref.replace("$", ""))
        if v is None and lembar in wb.sheetnames:
            v = wb[lembar][ref.replace("$", "")].value
        if isinstance(v, (int, float)):
            return int(v)
    return None


def _baris_lembar(wb, nama: str, nilai: dict[str, object]) -> list[dict[str, object]]:
    if nama not in wb.sheetnames:
        return []
    ws = wb[nama]
    kepala = [c.value for c in ws[1]]
    hasil = []
    for r in range(2, ws.max_row + 1):
        b = {}
        for j, judul in enumerate(kepala, start=1):
            a = f"{get_column_letter(j)}{r}"
            b[judul] = nilai.get(a, ws.cell(r, j).value)
        if any(v not in (None, "") for v in b.values()):
            hasil.append(b)
    return hasil


def _analisis(wb, nilai: dict[str, object]) -> tuple[list[dict], list[dict]]:
    if ANALISIS not in wb.sheetnames:
        return [], []
    ws = wb[ANALISIS]
    juduls = {judul: kunci for kunci, judul, _ in KOLOM_ANALISIS}
    rk = next((r for r in range(1, 15) if ws.cell(r, 1).value == "Kode"), None)
    if rk is None:
        return [], []
    kolom = {}
    for c in range(1, ws.max_column + 1):
        v = nilai.get(f"{get_column_letter(c)}{rk}", ws.cell(rk, c).value)
        if v in juduls:
            kolom[juduls[v]] = c
    tahun_akhir = ws.cell(3, 4).value
    baris, format_ = [], []
    for r in range(rk + 1, ws.max_row + 1):
        kode = ws.cell(r, 1).value
        if not kode:
            break
        b: dict[str, object] = {"kode": str(kode), "tahun_akhir": tahun_akhir,
                                "arah": nilai.get(f"B{r}")}
        f: dict[str, str] = {}
        for kunci, c in kolom.items():
            a = f"{get_column_letter(c)}{r}"
            b[kunci] = nilai.get(a, ws.cell(r, c).value)
            f[kunci] = ws.cell(r, c).number_format
        baris.append(b)
        format_.append(f)
    return baris, format_


def _nomor_baris(sel: object) -> int | None:
    m = re.search(r"!?\$?[A-Z]+\$?(\d+)$", str(sel or ""))
    return int(m.group(1)) if m else None


def baca_laporan(path: Path | str) -> IsiLaporan:
    """Compute the master with the formula engine and read what the document prints."""
    path = Path(path)
    semua = mesin.hitung(path, semua=True)
    nilai: dict[str, dict[str, object]] = {}
    for s in semua:
        nilai.setdefault(s.lembar, {})[s.sel] = s.nilai
    wb = openpyxl.load_workbook(path)
    try:
        tahun = _tahun(wb, nilai)
        tanda = Tanda(wb, nilai, tahun)
        tabel = {}
        for ws in wb.worksheets:
            if re.fullmatch(r"Tabel \d+\.\d+", ws.title):
                isi = nilai.get(ws.title, {})
                t = _tabel(ws, isi, tanda.sel(ws, isi))
                if t is not None:
                    tabel[ws.title] = t
        analisis, fmt = _analisis(wb, nilai.get(ANALISIS, {}))
        data = _baris_lembar(wb, skema.DATA_INDIKATOR.nama, nilai.get(skema.DATA_INDIKATOR.nama,
                                                                         {}))
        deret: dict[str, dict[int, object]] = {}
        sumber: dict[tuple[str, int], tuple[str, int]] = {}
        for b in data:
            kode, th = b.get("Kode"), b.get("Tahun")
            if not kode or not isinstance(th, (int, float)):
                continue
            if isinstance(b.get("Realisasi"), (int, float)):
                deret.setdefault(str(kode), {})[int(th)] = b["Realisasi"]
            n = _nomor_baris(b.get("Sumber"))
            if n is not None:
                sumber[(str(b.get("Bidang")), n)] = (str(kode), int(th))
        temuan = _baris_lembar(wb, skema.PEMERIKSAAN.nama, nilai.get(skema.PEMERIKSAAN.nama, {}))
        return IsiLaporan(path, tahun, tabel, analisis, fmt, deret, temuan, sumber)
    finally:
        wb.close()


def temuan_indikator(induk: IsiLaporan, kode: str, tahun: int) -> list[dict[str, object]]:
    """The Pemeriksaan rows about one indicator's row of one year (its source cell's row)."""
    hasil = []
    for t in induk.temuan:
        if t.get("Tab") != "Indikator":
            continue
        n = _nomor_baris(t.get("Sel"))
        if n is not None and induk.sumber.get((str(t.get("Bidang")), n)) == (kode, tahun):
            hasil.append(t)
    return hasil

