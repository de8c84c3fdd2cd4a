"""The columnar parser against a plain reference, on randomly damaged bidang sheets.

The pipeline types a column at a time with fast paths (sync/periksa/urai.py); the
reference below types every cell on its own with `ketik`, the one set of typing
rules. On copies of the five example bidang with cells randomly replaced by what
staff really type (error codes, numbers as text in both styles, percents, blanks,
synonyms, duplicate keys), every kept row must hold the values the reference gives
its cells, and the typing findings must be the same. Both sides use the same rules,
so the test keeps its meaning when those rules change.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

import workbooks
from sync.model import skema
from sync.periksa.urai import SATUAN_PERSEN, cari_judul, ketik, urai_tab
from sync.sumber.lokal import baca_lokal

RUSAK = [None, "", "abc", "#N/A", "#DIV/0!", " #REF!", "1.234,5", "1,234.5", "85%", "0,85",
         "12,5%", 1e20, -5, 0, 2021, "2021", "=1+1", "Jumlah", "  ", "IK-01", 150, 0.5,
         "1.808.970.744,00", "1,808,970,744.00", "1.234.567", "Positif", "naik", "akhir",
         "rata-rata", "y", "tidak", True, "2.021", "20 21", "1.234.56", "2.500.000,5%"]
KODE_KETIK = {"sel_galat", "bukan_angka", "pilihan_salah", "tahun_salah", "angka_tidak_baku"}
SET = 24


def _rusak(i: int, folder: Path) -> Path:
    """Set `i`: each example bidang with up to 3*(i % 6) damaged cells (seeded)."""
    acak = random.Random(i)
    d = folder / f"set{i:02d}"
    d.mkdir()
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


def _rujukan(sel: list[list[object]], tab: skema.Tab) -> tuple[dict, set]:
    """Row number -> {column key or year: typed value}, and the typing findings
    (row, key, code), each cell through `ketik` alone."""
    judul = cari_judul(sel, tab)
    nilai, temuan = {}, set()
    if judul is None:
        return nilai, temuan
    kolom = {k.kunci: k for k in tab.kolom}
    for r in range(judul.baris + 1, len(sel)):
        baris = sel[r]

        def sel_(c, baris=baris):
            return baris[c] if c < len(baris) else None

        satuan = sel_(judul.kolom["satuan"]) if "satuan" in judul.kolom else None
        persen = str(satuan or "").strip().lower() in SATUAN_PERSEN
        isi = {}
        pasangan = [(kunci, c, kolom[kunci]) for kunci, c in judul.kolom.items()]
        pasangan += [(th, c, None) for th, c in judul.tahun.items()]
        for kunci, c, k in pasangan:
            jenis = k.jenis if k else skema.ANGKA
            if jenis == skema.ANGKA and persen and kunci != "tahun":
                jenis = skema.PERSEN
            isi[kunci], catatan = ketik(sel_(c), jenis, k)
            temuan.update((r + 1, kunci, kode) for _, _, kode in catatan)
        nilai[r + 1] = isi
    return nilai, temuan


@pytest.fixture(scope="module")
def sumber(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("setara")
    return [_rusak(i, folder) for i in range(SET)]


@pytest.mark.parametrize("i", range(SET))
def test_urai_kolom_sama_dengan_ketik_per_sel(sumber, i):
    dibandingkan = 0
    for p in sorted(sumber[i].glob("*.xlsx")):
        mentah = baca_lokal(p.stem, str(p))
        for tab in skema.TABS:
            # parsing alone (no report year: nothing filled in, no derived figures)
            h = urai_tab(mentah.tabs[tab.nama], tab, p.stem, None)
            t = h.baris
            rujukan, temuan_rujukan = _rujukan(mentah.tabs[tab.nama].sel, tab)
            for j, nomor in enumerate(t.nomor):
                harap = rujukan[nomor]
                dapat = {k: t.kolom[k][j] for k in t.kolom if k in harap}
                dapat.update({th: v[j] for th, v in t.tahunan.items()})
                assert dapat == {k: harap[k] for k in dapat}, (p.name, tab.nama, nomor)
                dibandingkan += 1
            kept = set(t.nomor)
            huruf = {**{k: v for k, v in t.huruf.items()}, **t.huruf_tahun}
            temuan = {x for x in h.temuan if x.kode in KODE_KETIK}
            harap_temuan = {f"{t.awalan}!{huruf[k]}{n}" + "|" + kode
                            for n, k, kode in temuan_rujukan if n in kept}
            assert {f"{x.sel}|{x.kode}" for x in temuan} == harap_temuan, (p.name, tab.nama)
    assert dibandingkan > 100  # the sets are not empty


def test_set_rusak_memang_rusak(sumber):
    """The damage reaches the typing rules: findings of every typing kind occur."""
    kode = set()
    for d in sumber:
        for p in d.glob("*.xlsx"):
            m = baca_lokal(p.stem, str(p))
            kode |= {x.kode for tab in skema.TABS
                     for x in urai_tab(m.tabs[tab.nama], tab, p.stem, None).temuan}
    assert KODE_KETIK <= kode
