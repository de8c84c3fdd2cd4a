"""The master's report tables flag errors (issue 13, item 2).

A Kinerja UDF on Windows returns an error as text ("#DIV/0!"), which SUM and
AVERAGE skip silently; every range that dims the missing-data words also gets a
red "begins with #" rule and an "errors" rule, so a spoiled figure shows.
"""

from __future__ import annotations

import openpyxl

from workbooks import INDUK
from workbooks.laporan.dasar import KATA_KOSONG


def test_tabel_laporan_menandai_galat():
    wb = openpyxl.load_workbook(INDUK)
    diperiksa = 0
    for ws in wb.worksheets:
        aturan = [(str(rentang.sqref), r) for rentang in ws.conditional_formatting
                  for r in rentang.rules]
        redup = {s for s, r in aturan if r.type == "containsText" and r.text in KATA_KOSONG}
        for sqref in redup:
            teks = [r for s, r in aturan if s == sqref and r.type == "beginsWith"]
            assert [r.text for r in teks] == ["#"], (ws.title, sqref)
            assert "LEFT(" in teks[0].formula[0] and '"#"' in teks[0].formula[0]
            assert any(s == sqref and r.type == "containsErrors" for s, r in aturan)
            warna = teks[0].dxf.font.color.rgb
            assert warna.endswith("9C0006"), warna
            diperiksa += 1
    assert diperiksa >= 6  # every report table (Bab II and III) has such a range
