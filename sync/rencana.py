"""From parsed bidang data to the plan: the full rows of every owned sheet.

Pure functions over plain data: the same plan goes to the file writer and to the
live writer (the button), and `--coba` compares it with what the master holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat

from sync import periksa, skema
from sync.baca import Tabel
from sync.periksa import DataBidang
from sync.temuan import URUTAN_TINGKAT, Temuan


def _n(v: object) -> object:
    """Integral floats as int, so a row reads the same whichever way it was typed."""
    if v.__class__ is float and v.is_integer() and abs(v) < 2**53:
        return int(v)
    return v


def _baris(d: DataBidang, t: Tabel, lembar: skema.LembarMilik,
           bawaan: dict) -> list[list[object]]:
    """Plan rows: [bidang, the row's values in the sheet's column order, its source cell].

    Assembled from the table's columns in C: a large run has 80,000 rows per sheet.
    """
    assert lembar.kolom[0].kunci == "bidang" and lembar.kolom[-1].kunci == "sumber"
    tengah = [k.kunci for k in lembar.kolom[1:-1]]
    if True in t.cacat:
        pilih = [i for i, c in enumerate(t.cacat) if not c]

        def ambil(v: list) -> list:
            return list(map(v.__getitem__, pilih))
    else:
        def ambil(v: list) -> list:
            return v
    if len(ambil(t.nomor)) == 0:
        return []
    kolom = [ambil(periksa.kolom(t, k)) for k in tengah]
    for k, v in bawaan.items():
        i = tengah.index(k)
        kolom[i] = [x or v for x in kolom[i]]
    return list(map(list, zip(repeat(d.bidang), *kolom, ambil(t.sel_kode()), strict=False)))


def baris_indikator(d: DataBidang) -> list[list[object]]:
    return _baris(d, d.indikator, skema.DATA_INDIKATOR,
                  {"arah": "positif", "sifat": "kumulatif"})


def baris_anggaran(d: DataBidang) -> list[list[object]]:
    return _baris(d, d.anggaran, skema.DATA_ANGGARAN, {})


def baris_statistik(d: DataBidang) -> list[list[object]]:
    rows = []
    for b in d.statistik:
        if b.cacat:
            continue
        for th in sorted(b.tahunan):
            rows.append([d.bidang, b.nilai.get("kode"), b.nilai.get("uraian"),
                         b.nilai.get("satuan"), th, _n(b.tahunan[th]),
                         b.sel_tahun.get(th, "")])
    return rows


def baris_pemeriksaan(temuan: list[Temuan]) -> list[list[object]]:
    """Findings, most severe first, otherwise in the order they were found."""
    urut = sorted(temuan, key=lambda t: URUTAN_TINGKAT.get(t.tingkat, 9))
    return [[i, *t.baris()] for i, t in enumerate(urut, start=1)]


def susun_rencana(urutan: list[str], data: dict[str, DataBidang], lama: Mapping[str, list[list]],
                  basi: set[str], temuan: list[Temuan],
                  riwayat_baru: list[object]) -> skema.Plan:
    """Rows for every owned sheet; a stale bidang keeps the rows the master already had."""
    plan = skema.Plan()
    for lembar, fungsi in ((skema.DATA_INDIKATOR, baris_indikator),
                           (skema.DATA_ANGGARAN, baris_anggaran),
                           (skema.DATA_STATISTIK, baris_statistik)):
        rows: list[list[object]] = []
        lama_lembar = lama.get(lembar.nama, []) if basi else []  # read only when needed
        for bidang in urutan:
            if bidang in basi:
                rows.extend(list(r) for r in lama_lembar if r and r[0] == bidang)
            elif bidang in data:
                rows.extend(fungsi(data[bidang]))
        plan.lembar[lembar.nama] = rows
    plan.lembar[skema.PEMERIKSAAN.nama] = baris_pemeriksaan(temuan)
    plan.lembar[skema.RIWAYAT.nama] = [list(r) for r in lama.get(skema.RIWAYAT.nama, [])
                                       if any(v not in (None, "") for v in r)] + [riwayat_baru]
    return plan
