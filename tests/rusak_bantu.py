"""Randomly damaged copies of the five example bidang workbooks, seeded, shared by the
tests that compare two ways of computing the same thing on them (tests/test_setara.py:
columnar parsing against per-cell typing; tests/test_emas.py: the whole run against
the stored digests)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook

import workbooks

# What staff really type into cells: error codes, numbers as text in both styles,
# percents, blanks, synonyms, formula-like text, duplicate keys (IK-01).
RUSAK = [None, "", "abc", "#N/A", "#DIV/0!", " #REF!", "1.234,5", "1,234.5", "85%", "0,85",
         "12,5%", 1e20, -5, 0, 2021, "2021", "=1+1", "Jumlah", "  ", "IK-01", 150, 0.5,
         "1.808.970.744,00", "1,808,970,744.00", "1.234.567", "Positif", "naik", "akhir",
         "rata-rata", "y", "tidak", True, "2.021", "20 21", "1.234.56", "2.500.000,5%"]


def set_rusak(i: int, folder: Path) -> Path:
    """Set `i` in `folder`/set<i>: each example bidang with up to 3*(i % 6) damaged cells
    below the title rows (seeded by `i`, so set `i` is the same on every machine)."""
    acak = random.Random(i)
    d = folder / f"set{i:02d}"
    d.mkdir(parents=True)
    for p in sorted(workbooks.CONTOH.glob("*.xlsx")):
        wb_asli = CalamineWorkbook.from_path(str(p))
        wb = xlsxwriter.Workbook(str(d / p.name))
        for nama in wb_asli.sheet_names:
            rows = [list(r) for r in
                    wb_asli.get_sheet_by_name(nama).to_python(skip_empty_area=False)]
            data = [r for r in range(3, len(rows)) if rows[r]]
            for _ in range(acak.randint(0, 3 * (i % 6))):
                if data:
                    r = acak.choice(data)
                    rows[r][acak.randrange(len(rows[r]))] = acak.choice(RUSAK)
            ws = wb.add_worksheet(nama)
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    if isinstance(v, str) and v != "":
                        ws.write_string(r, c, v)
                    elif isinstance(v, bool):
                        ws.write_boolean(r, c, v)
                    elif isinstance(v, (int, float)):
                        ws.write_number(r, c, v)
                    elif isinstance(v, (dt.date, dt.datetime)):
                        ws.write_datetime(r, c, v, wb.add_format({"num_format": "d/m/yyyy"}))
        wb.close()
    return d
