"""What every report sheet shares: formats, cached formula values, lookups, print set-up.

A report figure is a formula over the owned data sheets, read through the
workbook-level names skema gives each data column (Stat_Nilai, Ind_Target, ...):
SUMIFS picks the value of one (Kode, Tahun), COUNTIFS first checks that the cell
holds a number, so a value the data does not have shows "data belum ada" rather than
0 or an error. Only functions Excel 2016 and the `formulas` engine both have are
used, plus Kinerja's own (CAPAIAN, PERTUMBUHAN, ...), stored without prefix.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from addin.galat import GalatExcel
from sync.model import skema
from sync.model.laporan import (  # noqa: F401
    BELUM,
    CATATAN_TANDA,
    KATA_KOSONG,
    PERLU_ADDIN,
    TANDA,
    TARGET_NOL,
)

# COUNTIFS criterion "is a number": Excel counts no blank or text under it. Not "<>",
# which the `formulas` engine (1.3.4) reads the other way round (it counts blanks).
ANGKA_ADA = '">-1E+307"'

# A figure the audit rejects (docs/induk.md, "Angka bertanda"): Konsolidasi writes the
# No of its finding in the data sheet's Periksa column; report cells built on it show
# this mark (numbers through a conditional number format, words in the formula) and
# the table's note says what it means. The same in the file and in Excel.
WARNA_TANDA = "#FFE699"

F_ANGKA = skema.F_BULAT_XL      # "#,##0": an Indonesian Excel shows 1.808.970.744
F_PERSEN = skema.F_PERSEN_XL    # "0.00%"
F_UANG = skema.F_UANG_XL        # '"Rp"#,##0.00'
F_TAHUN = "0"

SUMBER_DINAS = "Sumber: Dinas Koperasi dan Usaha Mikro Kota Batam"
INSTANSI = "Dinas Koperasi dan Usaha Mikro Kota Batam"
WARNA_KEPALA = "#D9E1F2"
WARNA_KODE = "#808080"

# Predicate bands (addin.rumus, skala permendagri86) and their fill colours.
WARNA_PREDIKAT = (
    ("Sangat Tinggi", "#63BE7B", "#000000"),
    ("Tinggi", "#C6EFCE", "#006100"),
    ("Sedang", "#FFEB9C", "#9C5700"),
    ("Rendah", "#F8CBAD", "#843C0C"),
    ("Sangat Rendah", "#FF7C80", "#9C0006"),
)


def nama_kolom(lembar: skema.LembarMilik, kunci: str) -> str:
    """The defined name of an owned column (e.g. Stat_Nilai)."""
    nama = next(k.nama for k in lembar.kolom if k.kunci == kunci)
    assert nama, f"{lembar.nama}.{kunci} has no defined name"
    return nama


def ambil(lembar: skema.LembarMilik, kolom: str, kode: str, tahun: str) -> str:
    """Formula body: the value of `kolom` for (kode, tahun), or "data belum ada".

    `kode` and `tahun` are cell references or literals in formula syntax.
    """
    nilai = nama_kolom(lembar, kolom)
    k, t = nama_kolom(lembar, "kode"), nama_kolom(lembar, "tahun")
    return (f'IF(COUNTIFS({k},{kode},{t},{tahun},{nilai},{ANGKA_ADA})=0,"{BELUM}",'
            f"SUMIFS({nilai},{k},{kode},{t},{tahun}))")


def ada(lembar: skema.LembarMilik, kolom: str, kode: str, tahun: str) -> str:
    """Formula body: TRUE when the data holds a value of `kolom` for (kode, tahun)."""
    nilai = nama_kolom(lembar, kolom)
    k, t = nama_kolom(lembar, "kode"), nama_kolom(lembar, "tahun")
    return f"COUNTIFS({k},{kode},{t},{tahun},{nilai},{ANGKA_ADA})>0"


def stat(kode: str, tahun: str) -> str:
    return ambil(skema.DATA_STATISTIK, "nilai", kode, tahun)


def ind(kolom: str, kode: str, tahun: str) -> str:
    return ambil(skema.DATA_INDIKATOR, kolom, kode, tahun)


def tanda(lembar: skema.LembarMilik, kode: str, tahun: str | None) -> str:
    """Formula body: TRUE when a data row of (kode, tahun) carries a finding's No.
    `kode` may hold wildcards (a program's "2.17.01.*"); tahun None = any year."""
    k, p = nama_kolom(lembar, "kode"), nama_kolom(lembar, "periksa")
    th = f",{nama_kolom(lembar, 'tahun')},{tahun}" if tahun is not None else ""
    return f'COUNTIFS({k},{kode}{th},{p},">0")>0'


def tanda_ind(kode: str, tahun: str) -> str:
    return tanda(skema.DATA_INDIKATOR, kode, tahun)


def tanda_stat(kode: str, tahun: str) -> str:
    return tanda(skema.DATA_STATISTIK, kode, tahun)


def arah(kode: str) -> str:
    """Formula body: the indicator's polarity from Data Indikator ("" = default positif)."""
    k = nama_kolom(skema.DATA_INDIKATOR, "kode")
    a = nama_kolom(skema.DATA_INDIKATOR, "arah")
    return f'IFERROR(INDEX({a},MATCH({kode},{k},0))&"","")'


def kinerja(panggil: str) -> str:
    """Formula body: a call of Kinerja's own function (CAPAIAN(...), ...) that says
    "perlu add-in Kinerja" where it is recalculated without the add-in (Excel or
    LibreOffice then give #NAME?, ERROR.TYPE 5) instead of an error; its other errors
    (#DIV/0!, #VALUE!, ...) are kept. The call is evaluated again only on an error."""
    return f'IFERROR({panggil},IF(ERROR.TYPE({panggil})=5,"{PERLU_ADDIN}",{panggil}))'


def belum(*masukan: str) -> str:
    """Formula body for "no number to compute from": "perlu add-in Kinerja" when an input
    says so (it came from a Kinerja function recalculated without the add-in) and no
    other input is missing, else "data belum ada". So "data belum ada" shows exactly
    where it shows with the add-in, never because the add-in is missing."""
    perlu = ",".join(f'IFERROR({m}="{PERLU_ADDIN}",FALSE)' for m in masukan)
    if len(masukan) == 1:
        return f'IF({perlu},"{PERLU_ADDIN}","{BELUM}")'
    tiada = ",".join(f'IFERROR({m}="{BELUM}",FALSE)' for m in masukan)
    return f'IF(OR({tiada}),"{BELUM}",IF(OR({perlu}),"{PERLU_ADDIN}","{BELUM}"))'


def capaian(r: str, t: str, arah_sel: str) -> str:
    """Formula body: achievement of r against t, in words when it cannot be computed."""
    return (f'IF(AND(ISNUMBER({r}),ISNUMBER({t})),IF(AND({t}=0,{arah_sel}<>"negatif"),'
            f'"{TARGET_NOL}",{kinerja(f"CAPAIAN({r},{t},{arah_sel})")}),{belum(r, t)})')


def predikat(c: str, ditandai: str | None = None) -> str:
    """Formula body: the predicate of c; with `ditandai` (a tanda() body), followed by
    the mark when the figure under it is one the audit rejects."""
    p = kinerja(f"PREDIKAT({c})")
    if ditandai is None:
        return f'IF(ISNUMBER({c}),{p},{belum(c)})'
    return f'IF(ISNUMBER({c}),{p}&IF({ditandai}," {TANDA}",""),{belum(c)})'


def bagi(a: str, b: str) -> str:
    """Formula body: a / b of two table cells (a share or a ratio)."""
    return f'IF(AND(ISNUMBER({a}),ISNUMBER({b})),IF({b}=0,"pembagi 0",{a}/{b}),{belum(a, b)})'


def sel(r: int, c: int, baris_tetap: bool = False, kolom_tetap: bool = False) -> str:
    return xl_rowcol_to_cell(r, c, baris_tetap, kolom_tetap)


def nilai_tersimpan(v: object) -> object:
    """An engine result as XlsxWriter stores it as the formula's cached value."""
    if isinstance(v, GalatExcel):
        return v.kode
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return int(v)
    return v


@dataclass
class Konteks:
    """The workbook being written and the values its formulas had in the previous pass."""

    wb: Workbook
    nilai: dict[str, dict[str, object]] = field(default_factory=dict)
    _gaya: dict[tuple, Format] = field(default_factory=dict)
    _lebar: dict[str, dict[int, float]] = field(default_factory=dict)
    _tinggi: dict[str, dict[int, float]] = field(default_factory=dict)

    def kolom(self, ws: Worksheet, c0: int, c1: int, lebar: float,
              fmt: Format | None = None) -> None:
        """Set column widths and remember them for the row heights of wrapped text."""
        ws.set_column(c0, c1, lebar, fmt)
        for c in range(c0, c1 + 1):
            self._lebar.setdefault(ws.name, {})[c] = lebar

    def skala_grafik(self, ws: Worksheet, c0: int, c1: int, celah: int = 16) -> float:
        """x_scale that makes a chart (480 px by default) as wide as columns c0..c1."""
        px = sum(int(self._lebar.get(ws.name, {}).get(c, 8.43) * 7 + 5) for c in range(c0, c1 + 1))
        return round((px - celah) / 480, 3)

    def tinggi(self, ws: Worksheet, r: int, teks: str, c0: int, c1: int | None = None,
               tebal: bool = False, indent: int = 0, ukuran: float = 10) -> None:
        """Grow row r to show `teks` wrapped in columns c0..c1. XlsxWriter cannot autofit,
        and neither Excel nor LibreOffice refits rows on opening. Estimated for Calibri
        (Carlito in LibreOffice), `ukuran` points."""
        lebar = sum(self._lebar.get(ws.name, {}).get(c, 8.43) for c in range(c0, (c1 or c0) + 1))
        muat = max(4, int((lebar - 1.5 * indent) * (1.1 if tebal else 1.2) * 10 / ukuran))
        baris = sum(max(1, len(textwrap.wrap(bagian, muat))) for bagian in teks.split("\n"))
        if baris > 1:
            perlu = 1.25 * ukuran * baris + 3
            lama = self._tinggi.setdefault(ws.name, {}).get(r, 15.0)
            if perlu > lama:
                self._tinggi[ws.name][r] = perlu
                ws.set_row(r, perlu)

    def teks(self, ws: Worksheet, r: int, c: int, teks: str, fmt: Format,
             c1: int | None = None, r1: int | None = None, tebal: bool = False,
             indent: int = 0, ukuran: float = 10) -> None:
        """A text cell (merged over r..r1, c..c1 when given) whose row grows to fit it."""
        if (c1 is not None and c1 > c) or (r1 is not None and r1 > r):
            ws.merge_range(r, c, r1 if r1 is not None else r, c1 if c1 is not None else c,
                           teks, fmt)
        else:
            ws.write_string(r, c, teks, fmt)
        if r1 is None or r1 == r:
            self.tinggi(ws, r, teks, c, c1, tebal, indent, ukuran)

    def gaya(self, **sifat: object) -> Format:
        """One Format per distinct set of properties (XlsxWriter keeps each one made)."""
        kunci = tuple(sorted(sifat.items()))
        if kunci not in self._gaya:
            self._gaya[kunci] = self.wb.add_format(dict(sifat))
        return self._gaya[kunci]

    def sel_tabel(self, fmt: str | None = None, **lain: object) -> Format:
        """A bordered table cell, optionally with a number format."""
        sifat = {"border": 1, "valign": "top", "font_size": 10, **lain}
        if fmt:
            sifat["num_format"] = fmt
            sifat.setdefault("align", "right")
        return self.gaya(**sifat)

    def kepala(self, **lain: object) -> Format:
        sifat = {"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                 "text_wrap": True, "bg_color": WARNA_KEPALA, "font_size": 10, **lain}
        return self.gaya(**sifat)

    def kode(self) -> Format:
        return self.gaya(font_color=WARNA_KODE, font_size=9, valign="top")

    def rumus(self, ws: Worksheet, r: int, c: int, teks: str, fmt: Format | None) -> None:
        """Write a formula with the value the engine computed for it in the previous pass."""
        v = self.nilai.get(ws.name, {}).get(sel(r, c))
        if v is None:
            ws.write_formula(r, c, teks, fmt)
        else:
            ws.write_formula(r, c, teks, fmt, nilai_tersimpan(v))

    def judul(self, ws: Worksheet, c0: int, c1: int, baris: list[str]) -> int:
        """Centered title lines over columns c0..c1 (a line starting with '=' is a
        formula); returns the next free row after one blank row."""
        for r, teks in enumerate(baris):
            fmt = self.gaya(bold=True, align="center", valign="vcenter",
                            font_size=12 if r == 0 else 11)
            if c1 > c0:
                ws.merge_range(r, c0, r, c1, "", fmt)
            if teks.startswith("="):
                self.rumus(ws, r, c0, teks, fmt)
            else:
                ws.write_string(r, c0, teks, fmt)
        return len(baris) + 1

    def catatan(self, ws: Worksheet, r: int, c: int, teks: str) -> None:
        """A note under a table: wrapped across the table's columns (the widest column set
        on this sheet) and its row grown to fit, so no printed page cuts it at the
        print area's edge."""
        c1 = max(self._lebar.get(ws.name, {c: 0}))
        if c1 <= c:
            ws.write_string(r, c, teks, self.gaya(italic=True, font_size=9))
            return
        self.teks(ws, r, c, teks, self.gaya(italic=True, font_size=9, text_wrap=True,
                                            valign="top"), c1=c1, ukuran=9)

    def kolom_kode(self, ws: Worksheet, r: int, judul: str = "Kode") -> None:
        """Column A holds each row's data key; it is outside the print area."""
        self.kolom(ws, 0, 0, 18, self.kode())
        ws.write_string(r, 0, judul, self.gaya(italic=True, font_color=WARNA_KODE,
                                               font_size=9, valign="vcenter"))

    def warnai_predikat(self, ws: Worksheet, rentang: str) -> None:
        """Colour each predicate band (exact match: 'Tinggi' is not 'Sangat Tinggi')."""
        for label, latar, huruf in WARNA_PREDIKAT:
            ws.conditional_format(rentang, {
                "type": "cell", "criteria": "equal to", "value": f'"{label}"',
                "format": self.gaya(bg_color=latar, font_color=huruf)})

    def tandai(self, ws: Worksheet, r: int, c: int, ditandai: str, fmt: str) -> None:
        """Mark the number in (r, c) when `ditandai` (a tanda() body) holds: the cell keeps
        its value; a conditional number format adds the mark and a fill."""
        ws.conditional_format(r, c, r, c, {
            "type": "formula", "criteria": "=" + ditandai,
            "format": self.gaya(num_format=f'{fmt}" {TANDA}"', bg_color=WARNA_TANDA)})

    def warnai_tanda(self, ws: Worksheet, rentang: str) -> None:
        """Predicates carrying the mark get the mark's fill instead of their band colour
        (call before warnai_predikat: the first matching rule wins where both apply)."""
        ws.conditional_format(rentang, {
            "type": "text", "criteria": "containing", "value": TANDA,
            "format": self.gaya(bold=True, bg_color=WARNA_TANDA, font_color="#7F6000")})

    def redupkan_kata(self, ws: Worksheet, rentang: str) -> None:
        """Missing-data words in grey italics, so they read as a remark, not a figure.

        First, errors in red: a Kinerja UDF on Windows returns an error as text
        ("#DIV/0!"), which SUM/AVERAGE skip without a warning; a red cell in the
        table is the warning (real error values are flagged the same way)."""
        merah = self.gaya(bold=True, font_color="#9C0006", bg_color="#FFC7CE")
        ws.conditional_format(rentang, {"type": "text", "criteria": "begins with",
                                        "value": "#", "format": merah})
        ws.conditional_format(rentang, {"type": "errors", "format": merah})
        for kata in KATA_KOSONG:
            ws.conditional_format(rentang, {
                "type": "text", "criteria": "containing", "value": kata,
                "format": self.gaya(italic=True, font_color=WARNA_KODE)})


def cetak(ws: Worksheet, area: tuple[int, int, int, int], ulang: tuple[int, int],
          lanskap: bool) -> None:
    """Print one table as a report page: A4, one page wide, header rows repeated."""
    ws.set_paper(9)
    if lanskap:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.print_area(*area)
    ws.repeat_rows(*ulang)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.center_horizontally()
    ws.set_footer(f"&L&8LKjIP {INSTANSI}&R&8&A — halaman &P dari &N")
