"""From parsed bidang data to the plan: the full rows of every owned sheet
(the data sheets as columns, skema.BarisKolom).

Pure functions over plain data: the same plan goes to the file writer and to the
live writer (the button), and `--coba` compares it with what the master holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain

from sync.induk.pengaturan import kunci_bidang
from sync.model import skema
from sync.model.temuan import GALAT, PERINGATAN, URUTAN_TINGKAT, Temuan
from sync.periksa.uji import DataBidang
from sync.periksa.urai import Tabel, transpos


def _n(v: object) -> object:
    """Integral floats as int, so a row reads the same whichever way it was typed."""
    if v.__class__ is float and v.is_integer() and abs(v) < 2**53:
        return int(v)
    return v


def _kolom(d: DataBidang, t: Tabel, lembar: skema.LembarMilik,
           bawaan: dict) -> list[list[object]]:
    """The sheet's columns for one bidang: bidang, the values in the sheet's column
    order, each row's source cell. Taken from the table's columns in C: a large run
    has 80,000 rows per sheet, and the writer works a column at a time too."""
    assert lembar.kolom[0].kunci == "bidang" and lembar.kolom[-1].kunci == "sumber"
    tengah = [k.kunci for k in lembar.kolom[1:-1]]
    if True in t.cacat:
        pilih = [i for i, c in enumerate(t.cacat) if not c]

        def ambil(v: list) -> list:
            return list(map(v.__getitem__, pilih))
    else:  # the columns are copied once, when the bidang are joined
        def ambil(v: list) -> list:
            return v
    nomor = ambil(t.nomor)
    kolom = [ambil(t.ambil(k)) for k in tengah]
    for k, v in bawaan.items():
        i = tengah.index(k)
        kolom[i] = [x or v for x in kolom[i]]
    return [[d.bidang] * len(nomor), *kolom, ambil(t.sel_kode())]


def kolom_indikator(d: DataBidang) -> list[list[object]]:
    return _kolom(d, d.indikator, skema.DATA_INDIKATOR,
                  {"arah": "positif", "sifat": "kumulatif"})


def kolom_anggaran(d: DataBidang) -> list[list[object]]:
    return _kolom(d, d.anggaran, skema.DATA_ANGGARAN, {})


def kolom_statistik(d: DataBidang) -> list[tuple]:
    rows = []
    for b in d.statistik:
        if b.cacat:
            continue
        for th in sorted(b.tahunan):
            rows.append([d.bidang, b.nilai.get("kode"), b.nilai.get("uraian"),
                         b.nilai.get("satuan"), th, _n(b.tahunan[th]),
                         b.sel_tahun.get(th, "")])
    return transpos(rows, len(skema.DATA_STATISTIK.kolom))


def baris_pemeriksaan(temuan: list[Temuan]) -> list[list[object]]:
    """Findings, most severe first, otherwise in the order they were found; the notice
    that a bidang's old rows were used (data lama) above all: it changes how every
    other line and the report tables are read."""
    urut = sorted(temuan, key=lambda t: (t.kode != "sumber_basi",
                                         URUTAN_TINGKAT.get(t.tingkat, 9)))
    return [[i, *t.baris()] for i, t in enumerate(urut, start=1)]


@dataclass(frozen=True)
class Jalan:
    """The run the plan's new Riwayat row records."""

    waktu: dt.datetime
    pengguna: str
    tahun: int
    status: str      # "ditulis" or "sebagian"


def _ringkas(d: DataBidang | None) -> str:
    if d is None:
        return "tidak dibaca"
    n = [t.cacat.count(False) for t in (d.indikator, d.anggaran, d.statistik)]
    return "{} indikator, {} anggaran, {} statistik".format(*n)


def serial_waktu(waktu: dt.datetime) -> float:
    """A local time as the Excel serial a date cell holds (1900 date system), to the
    second: Riwayat's Waktu is a real date cell that sorts and filters as one."""
    hari = waktu.replace(tzinfo=None) - dt.datetime(1899, 12, 30)
    return hari.days + hari.seconds / 86400


def baris_riwayat(plan: skema.Plan, urutan: list[str], data: dict[str, DataBidang],
                  basi: set[str], temuan: list[Temuan], jalan: Jalan,
                  tetap: set[str] = frozenset()) -> list[object]:
    """This run's Riwayat row: when (a date serial), who, the year, each bidang's rows
    (or "data lama" / "dipertahankan"), the counts."""
    uraian = "; ".join(f"{b}: " + ("data lama" if b in basi else "dipertahankan"
                                   if b in tetap else _ringkas(data.get(b)))
                       for b in urutan)
    lama = [b for b in urutan if b in basi]
    return [serial_waktu(jalan.waktu), jalan.pengguna, jalan.tahun, uraian,
            len(plan.lembar[skema.DATA_INDIKATOR.nama]),
            len(plan.lembar[skema.DATA_ANGGARAN.nama]),
            len(plan.lembar[skema.DATA_STATISTIK.nama]),
            sum(1 for x in temuan if x.tingkat == GALAT),
            sum(1 for x in temuan if x.tingkat == PERINGATAN), jalan.status,
            ("data lama dipakai untuk: " + ", ".join(lama)) if lama else ""]


def susun_rencana(urutan: list[str], data: dict[str, DataBidang], lama: Mapping[str, list[list]],
                  basi: set[str], temuan: list[Temuan], jalan: Jalan,
                  tetap: set[str] = frozenset()) -> skema.Plan:
    """Rows for every owned sheet, this run's Riwayat row included; a stale bidang
    (`basi`) and one not read again (`tetap`) keep the rows the master already had."""
    simpan = set(basi) | set(tetap)
    plan = skema.Plan()
    for lembar, fungsi in ((skema.DATA_INDIKATOR, kolom_indikator),
                           (skema.DATA_ANGGARAN, kolom_anggaran),
                           (skema.DATA_STATISTIK, kolom_statistik)):
        n = len(lembar.kolom)
        bagian: list[list[list[object]]] = []  # each bidang's columns, in order
        lama_lembar = lama.get(lembar.nama, []) if simpan else []  # read only when needed
        for bidang in urutan:
            if bidang in simpan:  # the master's rows of this bidang, however it was spelled
                k = kunci_bidang(bidang)
                bagian.append(transpos([[bidang, *r[1:]] for r in lama_lembar
                                        if r and kunci_bidang(r[0] or "") == k], n))
            elif bidang in data:
                bagian.append(fungsi(data[bidang]))
        plan.lembar[lembar.nama] = skema.BarisKolom(
            [list(chain.from_iterable(b[j] for b in bagian)) for j in range(n)])
    plan.lembar[skema.PEMERIKSAAN.nama] = baris_pemeriksaan(temuan)
    plan.lembar[skema.RIWAYAT.nama] = [list(r) for r in lama.get(skema.RIWAYAT.nama, [])
                                       if any(v not in (None, "") for v in r)]
    plan.lembar[skema.RIWAYAT.nama].append(baris_riwayat(plan, urutan, data, basi, temuan,
                                                         jalan, set(tetap)))
    return plan
