"""Helpers shared by the file writer's tests (tests/test_tulis_*.py)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import xlsxwriter

from sync.model.skema import LEMBAR_MILIK, Rencana

# Cells of the sample plan: text that looks like a formula, numbers, bools, blanks.
NILAI = [
    "Bidang Koperasi", "=SUM(A1:A3)", "@kepala", "+62 812", "-5", 1234.5, 0.1 + 0.2, True,
    False, None, "", "  spasi  ", "baris\nbaru", "Rp 1.000,00", "a&b<c>\"'", "é中文🙂", 7,
    -0.000123, 1e300, "=HYPERLINK(\"http://x\")", 2024,
]


def plan_contoh(baris: int = 3, geser: int = 0) -> Rencana:
    """A few rows into every owned sheet, cycling through NILAI."""
    return Rencana({
        lm.nama: [[NILAI[(i * 5 + j + geser) % len(NILAI)] for j in range(len(lm.kolom))]
                  for i in range(baris)]
        for lm in LEMBAR_MILIK
    })


def harapan(v: object) -> object:
    """What a cell reads back as: empty text is a blank cell."""
    return None if v == "" else v


def bagian(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {i.filename: z.read(i) for i in z.infolist()}


def info(data: bytes) -> list[zipfile.ZipInfo]:
    return zipfile.ZipFile(io.BytesIO(data)).infolist()


def teks(data: bytes, nama: str) -> str:
    return bagian(data)[nama].decode("utf-8")


_MILIK_WB = re.compile(
    r"<sheets>.*?</sheets>|<definedNames>.*?</definedNames>|<calcPr\b[^>]*?(?:/>|>.*?</calcPr>)",
    re.S)


def tanpa_bagian_milik(wb: str) -> str:
    """workbook.xml without the parts the writer may edit: sheets, definedNames, calcPr."""
    return _MILIK_WB.sub("", wb)


def elemen(xml: str, tag: str) -> list[str]:
    """Every <tag .../> or <tag ...>...</tag> element of `xml`, as text."""
    return re.findall(rf"<{tag}\b[^>]*?/>|<{tag}\b[^>]*?[^/]>.*?</{tag}>", xml, re.S)


F_RP = '"Rp"#,##0.00'


def buat_induk(path: Path, baris: int = 3) -> Path:
    """A master as an office might have it: a report sheet reading an owned sheet that
    already exists with styles, widths, names, a print area, an autofilter and a
    conditional format."""
    wb = xlsxwriter.Workbook(str(path))
    lap = wb.add_worksheet("Laporan")
    ang = wb.add_worksheet("Data Anggaran")
    judul = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    rp = wb.add_format({"num_format": F_RP})
    pct = wb.add_format({"num_format": "0.00%"})
    teks_fmt = wb.add_format({"num_format": "@", "italic": True})
    kode = wb.add_format({"font_color": "#1F4E78"})
    lap.write("A1", "Laporan Kinerja")
    lap.write_formula("A2", "=SUM(Ang_Pagu)", None, 0)
    lap.write_formula("A3", "=COUNTA('Data Anggaran'!B:B)-1", None, 0)
    kolom = ["Bidang", "Kode", "Program", "Kegiatan", "Sub Kegiatan", "Tahun", "Pagu",
             "TW 1", "TW 2", "TW 3", "TW 4", "Realisasi", "Fisik", "Sumber"]
    ang.write_row(0, 0, kolom, judul)
    ang.set_row(0, 30)
    ang.set_column("A:A", 20)
    ang.set_column("B:B", 14)
    ang.set_column("C:E", 35)
    ang.set_column("G:L", 19)
    ang.set_column("N:N", 25, teks_fmt)  # a column style and no cell in row 2
    for r in range(1, baris + 1):
        ang.write_string(r, 0, f"Bidang {r}")
        ang.write_string(r, 1, f"2.17.01.2.0{r}", kode)
        ang.write_string(r, 2, "Program")
        ang.write_number(r, 5, 2024)
        for c in range(6, 12):
            ang.write_number(r, c, 1000000.5 * r, rp)
        ang.write_number(r, 12, 0.5, pct)
    ang.freeze_panes(1, 0)
    ang.autofilter(0, 0, baris, 13)
    ang.print_area(0, 0, baris, 13)
    ang.conditional_format(1, 6, 1000, 6, {"type": "cell", "criteria": "<", "value": 0,
                                           "format": judul})
    wb.define_name("Ang_Pagu", f"='Data Anggaran'!$G$2:$G${baris + 1}")
    wb.define_name("Daftar_Kode", f"='Data Anggaran'!$B$2:$B${baris + 1}")
    wb.define_name("Seluruh", f"='Data Anggaran'!$A$1:$N${baris + 1}")
    wb.define_name("Judul", "=Laporan!$A$1")
    wb.define_name("Konstanta", "=0.98")
    wb.define_name("Laporan!Lokal", "=Laporan!$B$2:$B$9")
    wb.close()
    return path
