"""From parsed bidang data to the plan: the full rows of every owned sheet
(the data sheets as columns, skema.BarisKolom).

Pure functions over plain data: the same plan goes to the file writer and to the
live writer (the button), and `--coba` compares it with what the master holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial

from sync.induk.lembar_lama import sel_pertama
from sync.induk.pengaturan import kunci_bidang
from sync.model import skema
from sync.model.temuan import GALAT, PERINGATAN, URUTAN_TINGKAT, Temuan
from sync.periksa.uji import DataBidang
from sync.periksa.urai import Tabel, transpos
from sync.rencana.perubahan import Perubahan, bandingkan_lembar

# A missing or zero target is no rejected figure: the report already says so in words
# ("data belum ada", "target 0") where the achievement would be.
TANPA_TANDA = {"realisasi_tanpa_target", "target_nol"}
_BARIS_SEL = re.compile(r"!\$?([A-Z]{1,3})\$?(\d+)$")


def _n(v: object) -> object:
    """Integral floats as int, so a row reads the same whichever way it was typed."""
    if v.__class__ is float and v.is_integer() and abs(v) < 2**53:
        return int(v)
    return v


def _kolom(d: DataBidang, t: Tabel, lembar: skema.LembarMilik,
           bawaan: dict, tanda: dict | None = None) -> list[list[object]]:
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
    for k, nilai in _kolom_tanda(d.bidang, t, tanda or {}).items():
        if k in tengah:
            kolom[tengah.index(k)] = ambil(nilai)
    for k, v in bawaan.items():
        i = tengah.index(k)
        kolom[i] = [x or v for x in kolom[i]]
    return [[d.bidang] * len(nomor), *kolom, ambil(t.sel_kode())]


def kolom_indikator(d: DataBidang, tanda: dict | None = None) -> list[list[object]]:
    return _kolom(d, d.indikator, skema.DATA_INDIKATOR,
                  {"arah": "positif", "sifat": "kumulatif"}, tanda)


def kolom_anggaran(d: DataBidang, tanda: dict | None = None) -> list[list[object]]:
    return _kolom(d, d.anggaran, skema.DATA_ANGGARAN, {}, tanda)


def tanda_temuan(temuan: list[Temuan]) -> dict[tuple[str, str, int], tuple[int, object]]:
    """(bidang, tab, source row) -> (No in Pemeriksaan of the row's first warning or error,
    the audit's own figure for it or None); ("sel", bidang, tab, row) -> [(column, No)]
    of every such finding (a Statistik row holds one cell per year). The data sheets
    carry these so the report can mark every figure the audit rejects (docs/induk.md,
    "Angka bertanda")."""
    tanda: dict[tuple[str, str, int], tuple[int, object]] = {}
    for no, t in _bernomor(temuan):
        if t.tingkat not in (GALAT, PERINGATAN) or t.kode in TANPA_TANDA:
            continue
        m = _BARIS_SEL.search(t.sel or "")
        if not m:
            continue
        kunci = (t.bidang, t.tab, int(m.group(2)))
        tanda.setdefault(("sel", *kunci), []).append((m.group(1), no))
        lama = tanda.get(kunci)
        if lama is None:
            tanda[kunci] = (no, t.hitungan)
        elif lama[1] is None and t.hitungan is not None:
            tanda[kunci] = (lama[0], t.hitungan)
    return tanda


def _kolom_tanda(bidang: str, t: Tabel, tanda: dict) -> dict[str, list[object]]:
    if not tanda or not len(t):
        return {}
    isi = [tanda.get((bidang, t.tab, n)) for n in t.nomor]
    if not any(isi):
        return {}
    return {"periksa": [x[0] if x else None for x in isi],
            # 15 significant digits, as Excel keeps a number (and XlsxWriter writes it)
            "hitungan": [_n(float(f"{x[1]:.15g}")) if x and x[1] is not None else None
                         for x in isi]}


def _bernomor(temuan: list[Temuan]) -> list[tuple[int, Temuan]]:
    """Findings with their No in Pemeriksaan: the notice that a bidang's old rows were
    used first, then most severe first, otherwise in the order they were found."""
    urut = sorted(temuan, key=lambda t: (t.kode != "sumber_basi",
                                         URUTAN_TINGKAT.get(t.tingkat, 9)))
    return list(enumerate(urut, start=1))


def kolom_statistik(d: DataBidang, tanda: dict | None = None) -> list[tuple]:
    rows = []
    for b in d.statistik:
        if b.cacat:
            continue
        temuan = (tanda or {}).get(("sel", d.bidang, b.tab, b.nomor))
        for th in sorted(b.tahunan):
            sumber = b.sel_tahun.get(th, "")
            rows.append([d.bidang, b.nilai.get("kode"), b.nilai.get("uraian"),
                         b.nilai.get("satuan"), th, _n(b.tahunan[th]),
                         _tanda_tahun(temuan, b, sumber), sumber])
    return transpos(rows, len(skema.DATA_STATISTIK.kolom))


def _tanda_tahun(temuan: list | None, b, sumber: str) -> int | None:
    """The No of the first finding on this year's cell, else on a cell of the row that
    is no year's (Satuan, Kode: it concerns every year), else None."""
    if not temuan:
        return None
    m = _BARIS_SEL.search(sumber)
    kolom = m.group(1) if m else None
    tahun = {x.group(1) for x in map(_BARIS_SEL.search, b.sel_tahun.values()) if x}
    for k, no in temuan:
        if k == kolom:
            return no
    for k, no in temuan:
        if k not in tahun:
            return no
    return None


def baris_pemeriksaan(temuan: list[Temuan], berkas: Mapping[str, str] | None = None
                      ) -> list[list[object]]:
    """Findings, most severe first, otherwise in the order they were found; the notice
    that a bidang's old rows were used (data lama) above all: it changes how every
    other line and the report tables are read. `berkas`: bidang -> its source."""
    berkas = berkas or {}
    return [[i, *t.baris(berkas.get(t.bidang, ""))] for i, t in _bernomor(temuan)]


@dataclass(frozen=True)
class Jalan:
    """The run the plan's new Riwayat row records."""

    waktu: dt.datetime
    pengguna: str
    tahun: int
    status: str      # "ditulis" or "sebagian"
    durasi: float | None = None   # seconds from the run's start to its plan; None: not timed
    cadangan: str = ""            # the backup's file name the write will make, or ""


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


def baris_riwayat(rencana: skema.Rencana, urutan: list[str], data: dict[str, DataBidang],
                  basi: set[str], temuan: list[Temuan], jalan: Jalan,
                  tetap: set[str] = frozenset(),
                  ubah: Mapping[str, Perubahan] | None = None) -> list[object]:
    """This run's Riwayat row: when (a date serial), who, the year, each bidang's rows
    (or "data lama" / "dipertahankan"), the counts, the data rows added, removed and
    changed (`ubah`, per data sheet), how long it took, the backup's name."""
    uraian = "; ".join(f"{b}: " + ("data lama" if b in basi else "dipertahankan"
                                   if b in tetap else _ringkas(data.get(b)))
                       for b in urutan)
    lama = [b for b in urutan if b in basi]
    ubah = ubah or {}
    jumlah = [sum(getattr(p, k) for p in ubah.values())
              for k in ("ditambah", "dihapus", "diubah")]
    keterangan = [("data lama dipakai untuk: " + ", ".join(lama)) if lama else "",
                  "" if any(jumlah) else "tidak ada perubahan data"]
    return [serial_waktu(jalan.waktu), jalan.pengguna, jalan.tahun, uraian,
            len(rencana.lembar[skema.DATA_INDIKATOR.nama]),
            len(rencana.lembar[skema.DATA_ANGGARAN.nama]),
            len(rencana.lembar[skema.DATA_STATISTIK.nama]),
            sum(1 for x in temuan if x.tingkat == GALAT),
            sum(1 for x in temuan if x.tingkat == PERINGATAN), jalan.status,
            "; ".join(k for k in keterangan if k), *jumlah,
            None if jalan.durasi is None else round(jalan.durasi, 1),
            jalan.cadangan or None]


def _tanda_simpan(lembar: skema.LembarMilik, kolom: list[list[object]], no: int | None,
                  basi: bool) -> list[list[object]]:
    """Kept rows' Periksa: the old numbers point into the previous run's Pemeriksaan.
    Old data (data lama) is marked on every row with this run's notice; rows kept by
    choice stay marked where they were, now pointing at the notice that they were not
    checked again. So the report never shows a kept figure as freshly checked, and a
    figure flagged before never loses its mark."""
    kunci = [kol.kunci for kol in lembar.kolom]
    if "periksa" not in kunci or not kolom or not kolom[0]:
        return kolom
    j = kunci.index("periksa")
    if basi:
        kolom[j] = [no] * len(kolom[j])
        if "hitungan" in kunci:  # the audit's figures were for the old data's check
            kolom[kunci.index("hitungan")] = [None] * len(kolom[j])
    else:
        kolom[j] = [no if v not in (None, "", 0) else None for v in kolom[j]]
    return kolom


_TANPA_SEL = object()  # an empty row: no bidang's, not even a nameless one


def _baris_bidang(baris) -> tuple[skema.BarisKolom, dict[str, list[int]]]:
    """An old sheet as columns, and the row numbers of each bidang: kunci_bidang of the
    row's first cell (blank as ""). A sheet is gone through once, not once per kept
    bidang; kunci_bidang once per distinct (truthiness, text) of the cell, all it reads."""
    if isinstance(baris, skema.BarisKolom):
        pertama = sel_pertama(baris)
    else:
        pertama = [r[0] if r else _TANPA_SEL for r in baris]
        baris = skema.BarisKolom.dari_baris(baris)
    ciri = list(zip(map(bool, pertama), map(str, pertama), strict=True))
    kunci = {(b, t): kunci_bidang(t if b else "") for b, t in dict.fromkeys(ciri)}
    per: dict[str, list[int]] = {}
    for i, c in enumerate(ciri):
        if pertama[i] is not _TANPA_SEL:
            per.setdefault(kunci[c], []).append(i)
    return baris, per


def _kolom_simpan(lama: skema.BarisKolom, idx: list[int], bidang: str, n: int
                  ) -> list[list[object]]:
    """The kept rows `idx` of an old sheet as the sheet's n columns, named `bidang`."""
    isi = [list(map(k.__getitem__, idx)) for k in lama.kolom[1:n]]
    return [[bidang] * len(idx), *isi, *([None] * len(idx) for _ in range(n - 1 - len(isi)))]


def _sambung(potongan: Iterable[list[object]]) -> list[object]:
    """One column from each bidang's part of it: list += copies a part in one C call,
    four times faster than chaining its values one by one."""
    kolom: list[object] = []
    for p in potongan:
        kolom += p
    return kolom


def susun_rencana(urutan: list[str], data: dict[str, DataBidang], lama: Mapping[str, list[list]],
                  basi: set[str], temuan: list[Temuan], jalan: Jalan,
                  tetap: set[str] = frozenset()) -> skema.Rencana:
    """Rows for every owned sheet, this run's Riwayat row included; a stale bidang
    (`basi`) and one not read again (`tetap`) keep the rows the master already had."""
    simpan = set(basi) | set(tetap)
    rencana = skema.Rencana()
    tanda = tanda_temuan(temuan)
    no_simpan = {t.bidang: no for no, t in _bernomor(temuan)
                 if t.kode in ("sumber_basi", "bidang_dipertahankan") and t.bidang in simpan}
    for lembar, fungsi in ((skema.DATA_INDIKATOR, partial(kolom_indikator, tanda=tanda)),
                           (skema.DATA_ANGGARAN, partial(kolom_anggaran, tanda=tanda)),
                           (skema.DATA_STATISTIK, partial(kolom_statistik, tanda=tanda))):
        n = len(lembar.kolom)
        bagian: list[list[list[object]]] = []  # each bidang's columns, in order
        lama_lembar, per_bidang = _baris_bidang(lama.get(lembar.nama, [])) if simpan else (
            None, {})
        for bidang in urutan:
            if bidang in simpan:  # the master's rows of this bidang, however it was spelled
                idx = per_bidang.get(kunci_bidang(bidang), [])
                bagian.append(_tanda_simpan(
                    lembar, _kolom_simpan(lama_lembar, idx, bidang, n),
                    no_simpan.get(bidang), bidang in basi))
            elif bidang in data:
                bagian.append(fungsi(data[bidang]))
        rencana.lembar[lembar.nama] = skema.BarisKolom([_sambung(b[j] for b in bagian)
                                                        for j in range(n)])
    rencana.lembar[skema.PEMERIKSAAN.nama] = baris_pemeriksaan(
        temuan, {b: d.alamat for b, d in data.items()})
    riwayat = [list(r) for r in lama.get(skema.RIWAYAT.nama, [])
               if any(v not in (None, "") for v in r)]
    ubah = rencana.perubahan = {nama: bandingkan_lembar(nama, lama.get(nama, []),
                                                        rencana.lembar[nama])
                                for nama in skema.NAMA_LEMBAR_MILIK[:3]}
    riwayat.append(baris_riwayat(rencana, urutan, data, basi, temuan, jalan, set(tetap), ubah))
    rencana.lembar[skema.RIWAYAT.nama] = riwayat
    return rencana
