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

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from rusak_bantu import set_rusak

from sync.model import skema
from sync.periksa.urai import SATUAN_PERSEN, cari_judul, ketik, urai_tab
from sync.sumber.lokal import baca_lokal

KODE_KETIK = {"sel_galat", "bukan_angka", "pilihan_salah", "tahun_salah", "angka_tidak_baku"}
SET = 24


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


CEPAT = 5  # the set kept in the fast suite (the most damage: up to 15 cells per sheet)


@pytest.fixture(scope="module")
def sumber(tmp_path_factory) -> Callable[[int], Path]:
    """Set i, built the first time a test asks for it."""
    folder = tmp_path_factory.mktemp("setara")
    return cache(lambda i: set_rusak(i, folder))


@pytest.mark.parametrize("i", [i if i == CEPAT else pytest.param(i, marks=pytest.mark.slow)
                               for i in range(SET)])
def test_urai_kolom_sama_dengan_ketik_per_sel(sumber, i):
    dibandingkan = 0
    for p in sorted(sumber(i).glob("*.xlsx")):
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
    for i in range(SET):
        for p in sumber(i).glob("*.xlsx"):
            m = baca_lokal(p.stem, str(p))
            kode |= {x.kode for tab in skema.TABS
                     for x in urai_tab(m.tabs[tab.nama], tab, p.stem, None).temuan}
    assert KODE_KETIK <= kode
