"""SAKIP formula library: the functions behind CAPAIAN, PREDIKAT, TERBILANG, ...

Plain functions over plain data (no Excel, no xlwings); the rules are
docs/dev/domain.md. Conventions shared by every function:

- Ratios are fractions (0.845 = 84.5%).
- Every argument may be a single value or a range (list, nested list as xlwings
  passes 2-D ranges, numpy array, pandas Series). Ranges broadcast like numpy
  (row x column gives a block); two different sizes along one axis give the
  larger, the extra cells #N/A, as Excel does.
- All single values in: a Python float, str, None or error value out. Any range
  in: a numpy object array of the broadcast shape. The reducing functions
  (rata_pertumbuhan, realisasi_tahunan) reduce along rows instead, see there.
- Blank (None, NaN, "") in: blank (None) out, never 0. Text numbers ("85,5",
  "17,39%") are read with `angka`. Bad input gives an error value per cell
  (galat.py); an error arriving as input propagates (the first argument's error
  wins, as in Excel).
- Option words (arah, sifat, skala, metode, huruf) are case-insensitive, may be
  ranges too, and a blank option takes the default; unknown words give #VALUE!.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any

import numpy as np

from addin.angka import (
    DESIMAL_SALAH_KETIK,
    FORMAT_CAMPURAN,
    angka_satu,
    baca_angka,
    teks_persen,
    teks_rupiah,
)
from addin.galat import DIV0, NILAI, NUM, GalatExcel
from addin.larik import (
    GALAT_URUT,
    KOSONG,
    S_DIV0,
    S_NA,
    S_NILAI,
    S_NUM,
    ada_larik,
    baca_nilai,
    baca_pilihan,
    gabung_status,
    ke_larik,
    keluar_angka,
    keluar_objek,
    normal_pilihan,
    per_sel,
    selaraskan,
    tandai,
)
from addin.terbilang import HURUF as terbilang_huruf
from addin.terbilang import terbilang_satu

__all__ = [
    "DESIMAL_SALAH_KETIK", "FORMAT_CAMPURAN", "FUNGSI_EXCEL", "GalatExcel", "angka",
    "baca_angka", "cagr", "capaian", "capaian_rentang", "persen", "pertumbuhan", "predikat",
    "proyeksi", "rata_pertumbuhan", "realisasi_tahunan", "rupiah", "serapan", "sisa_anggaran",
    "terbilang", "rata_capaian", "jumlah_nilai",
]

ARAH = {"positif": 0, "negatif": 1, "negatif_rasio": 2}
SIFAT = {"kumulatif": 0, "jumlah": 0, "akhir": 1, "rata": 2, "rata_rata": 2}
METODE = {"geometrik": 0, "geometris": 0, "aritmetik": 1, "aritmetika": 1, "aritmatika": 1}
HURUF = {h: h for h in terbilang_huruf}

# Predicate scales, indexed by the codes of _NAMA_SKALA: ascending bounds, labels from the
# lowest band up, and whether a bound belongs to the band above it (">=") or below (">").
_SKALA = (
    ((0.50, 0.65, 0.75, 0.90),
     ("Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi"), False),
    ((0.55, 0.75, 1.00),
     ("Kurang Berhasil", "Cukup Berhasil", "Berhasil", "Sangat Berhasil"), True),
)
_NAMA_SKALA = {"permendagri86": 0, "permendagri_86": 0, "permendagri": 0, "berhasil": 1}
# Achievements are compared after rounding to 10 decimals, so binary noise
# (0.9000000000000001 from 0.9) does not move a value into another band.
_DESIMAL_BANDING = 10


def _skalar(*args: object) -> bool:
    return not ada_larik(*args)


def _tunggal(kode: np.ndarray, status: np.ndarray | None) -> int | None:
    """The option code when one applies to every cell (the fast path), else None."""
    if status is not None or kode.size == 0:
        return None
    k = int(kode.reshape(-1)[0])
    return k if kode.size == 1 or bool((kode == k).all()) else None


def _batas(batas: object) -> tuple[np.ndarray, np.ndarray | None]:
    """The optional cap: blank means no cap; a cap must be positive (#NUM! otherwise)."""
    if batas is None:
        return np.array(np.inf), None
    nilai, st = baca_nilai(batas)
    if st is not None:
        nilai = np.where(st == KOSONG, np.inf, nilai)
        st = np.where(st == KOSONG, 0, st).astype(np.int8)
    with np.errstate(all="ignore"):
        st = tandai(st, nilai.shape, nilai <= 0, S_NUM)
    return nilai, st


def _capaian_inti(r: np.ndarray, t: np.ndarray, arah: np.ndarray,
                  tunggal: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Achievement per polarity; returns (values, mask of division errors)."""
    with np.errstate(all="ignore"):
        if tunggal == 0:
            return r / t, t == 0
        if tunggal == 2:
            return t / r, r == 0
        neg = np.where(t == 0, np.where(r <= 0, 1.0, 0.0), np.maximum((2 * t - r) / t, 0.0))
        if tunggal == 1:
            return neg, np.zeros(np.shape(neg), dtype=bool)
        nilai = np.select([arah == 0, arah == 1], [r / t, neg], t / r)
        galat = np.where(arah == 0, t == 0, (arah == 2) & (r == 0))
        return nilai, galat


def capaian(realisasi: Any, target: Any, arah: Any = "positif", batas: Any = None) -> Any:
    """Achievement of realisation against target, as a fraction.

    arah "positif" R/T (T = 0: #DIV/0!); "negatif" (2T - R)/T, never below 0,
    with T = 0 giving 1 when R <= 0 and 0 when R > 0; "negatif_rasio" T/R
    (R = 0: #DIV/0!). batas caps the result (e.g. 1.2); blank or omitted means
    no cap, a cap <= 0 is #NUM!. The formulas apply as written to negative
    targets too (their meaning there is the office's call).
    """
    # Scalar fast path (one cell, finite floats, an option word as spelled in ARAH, no
    # cap): the same arithmetic as _capaian_larik without numpy. x - x == 0.0 is
    # False for inf and NaN, which take the general path. Identical results are
    # property-tested against _capaian_larik (tests/test_rumus_skalar.py).
    if (type(realisasi) is float and type(target) is float and batas is None
            and type(arah) is str and realisasi - realisasi == 0.0
            and target - target == 0.0):
        k = ARAH.get(arah)
        if k == 0:
            if target == 0.0:
                return DIV0
            v = realisasi / target + 0.0
            return v if v - v == 0.0 else NUM
        if k == 1:
            if target == 0.0:
                return 1.0 if realisasi <= 0.0 else 0.0
            v = (2 * target - realisasi) / target
            v = v + 0.0 if v > 0.0 else 0.0
            return v if v - v == 0.0 else NUM
        if k == 2:
            if realisasi == 0.0:
                return DIV0
            v = target / realisasi + 0.0
            return v if v - v == 0.0 else NUM
    return _capaian_larik(realisasi, target, arah, batas)


def _capaian_larik(realisasi: Any, target: Any, arah: Any = "positif", batas: Any = None
                   ) -> Any:
    """capaian's general path (ranges, text, blanks, errors, options, a cap)."""
    skalar = _skalar(realisasi, target, arah, batas)
    kode, st_arah = baca_pilihan(arah, ARAH, 0)
    tunggal = _tunggal(kode, st_arah)
    bentuk, (r, t, a, b), st = selaraskan(
        baca_nilai(realisasi), baca_nilai(target), (kode, st_arah), _batas(batas))
    nilai, bagi_nol = _capaian_inti(r, t, a, tunggal)
    if batas is not None:
        nilai = np.minimum(nilai, b)
    st = tandai(st, bentuk, bagi_nol, S_DIV0)
    return keluar_angka(nilai, st, bentuk, skalar)


def capaian_rentang(realisasi: Any, bawah: Any, atas: Any, arah: Any = "positif") -> Any:
    """Achievement against a range target [bawah, atas] (bounds included).

    Inside the range: 1. Outside, the nearer bound is the target and `capaian`'s
    formula for the polarity applies: for a positive indicator above the upper
    bound R/atas (> 1), below the lower bound R/bawah; a negative indicator
    mirrors this (below the lower bound is good). bawah > atas is #NUM!.
    """
    skalar = _skalar(realisasi, bawah, atas, arah)
    kode, st_arah = baca_pilihan(arah, ARAH, 0)
    tunggal = _tunggal(kode, st_arah)
    bentuk, (r, lo, hi, a), st = selaraskan(
        baca_nilai(realisasi), baca_nilai(bawah), baca_nilai(atas), (kode, st_arah))
    with np.errstate(all="ignore"):
        st = tandai(st, bentuk, lo > hi, S_NUM)
        di_dalam = (r >= lo) & (r <= hi)
    t = np.where(r > hi, hi, lo)
    nilai, bagi_nol = _capaian_inti(r, t, a, tunggal)
    nilai = np.where(di_dalam, 1.0, nilai)
    st = tandai(st, bentuk, bagi_nol & ~di_dalam, S_DIV0)
    return keluar_angka(nilai, st, bentuk, skalar)


def _tabel_predikat(tabel: np.ndarray) -> tuple[np.ndarray, np.ndarray] | GalatExcel:
    """A user's (lower bound, label) table as (ascending bounds, labels), or the error."""
    batas, label = [], []
    for bawah, nama in tabel:
        kosong_nama = nama is None or (isinstance(nama, str) and not nama.strip()) or (
            isinstance(nama, float) and nama != nama)
        b = angka_satu(bawah)
        if b is None and kosong_nama:
            continue  # blank rows at the end of a selected range
        if isinstance(b, GalatExcel):
            return b
        if isinstance(nama, GalatExcel):
            return nama
        if b is None or kosong_nama:
            return NILAI
        if isinstance(nama, str):
            nama = nama.strip()
        elif isinstance(angka_satu(nama), float):  # numeric labels (scores) come out as floats
            nama = angka_satu(nama)
        else:
            return NILAI
        batas.append(b)
        label.append(nama)
    if not batas or len(set(batas)) != len(batas):
        return NILAI
    urut = np.argsort(batas)
    return np.round(np.array(batas)[urut], _DESIMAL_BANDING), np.array(label, dtype=object)[urut]


def _bentuk_tabel(skala: Any) -> np.ndarray | None:
    """The skala range as an n x 2 table when it is one (first column holds a number)."""
    if not ada_larik(skala):
        return None
    a = ke_larik(skala).astype(object)
    if a.size <= 1:
        return None
    if a.ndim == 1 and a.size == 2:
        a = a.reshape(1, 2)
    elif a.ndim == 2 and a.shape[1] != 2 and a.shape[0] == 2:
        a = a.T  # a horizontal table: bounds in the first row
    if a.ndim != 2 or a.shape[1] != 2:
        return None
    if not any(isinstance(angka_satu(b), float) for b in a[:, 0]):
        return None
    return a


def predikat(capaian: Any, skala: Any = "permendagri86") -> Any:
    """Predicate label for an achievement (or an absorption) fraction.

    skala "permendagri86": > 90% Sangat Tinggi, > 75% Tinggi, > 65% Sedang,
    > 50% Rendah, else Sangat Rendah. "berhasil": >= 100% Sangat Berhasil,
    >= 75% Berhasil, >= 55% Cukup Berhasil, else Kurang Berhasil. Or a table
    (range) of two columns, lower bound (a fraction, or text "90%") and label:
    a value gets the label of the largest bound <= it; below every bound is
    #N/A. The table is one argument for all cells (rows may come in any order,
    blank rows are skipped; a horizontal 2-row table is read too). A range of
    scale names that is not such a table applies per cell.
    """
    # Scalar fast path: a finite float (not so large that rounding overflows) and a
    # scale name as spelled in _NAMA_SKALA. round(x * 1e10) / 1e10 is numpy's
    # np.round(x, 10) (multiply, round half to even, divide), so the bands agree.
    if type(capaian) is float and type(skala) is str and -1e290 < capaian < 1e290:
        k = _NAMA_SKALA.get(skala)
        if k is not None:
            c = round(capaian * 1e10) / 1e10
            batas, label, inklusif = _SKALA[k]
            # the band: how many bounds are <= c (inclusive) or < c, as searchsorted
            return label[bisect_right(batas, c) if inklusif else bisect_left(batas, c)]
    return _predikat_larik(capaian, skala)


def _predikat_larik(capaian: Any, skala: Any = "permendagri86") -> Any:
    """predikat's general path."""
    tabel = _bentuk_tabel(skala)
    if tabel is not None:
        skalar = _skalar(capaian)  # the table is one argument, not a range to broadcast
        hasil = _tabel_predikat(tabel)
        if isinstance(hasil, GalatExcel):  # a bad table spoils every cell
            return hasil if skalar else np.full(np.shape(ke_larik(capaian)), hasil, dtype=object)
        bentuk, (c,), st = selaraskan(baca_nilai(capaian))
        batas, label = hasil
        with np.errstate(all="ignore"):
            idx = np.searchsorted(batas, np.round(c, _DESIMAL_BANDING), side="right") - 1
        st = tandai(st, bentuk, idx < 0, S_NA)
        return keluar_objek(label[np.maximum(idx, 0)], st, skalar)
    skalar = _skalar(capaian, skala)
    kode, st_skala = baca_pilihan(skala, _NAMA_SKALA, 0)
    bentuk, (c, k), st = selaraskan(baca_nilai(capaian), (kode, st_skala))
    with np.errstate(all="ignore"):
        c = np.round(c, _DESIMAL_BANDING)
    hasil = np.empty(bentuk, dtype=object)
    for nomor, (batas, label, inklusif) in enumerate(_SKALA):
        pakai = k == nomor
        if not pakai.any():
            continue
        idx = np.searchsorted(batas, c[pakai], side="right" if inklusif else "left")
        hasil[pakai] = np.array(label, dtype=object)[idx]
    return keluar_objek(hasil, st, skalar)


def pertumbuhan(baru: Any, lama: Any) -> Any:
    """Year-on-year growth (baru - lama) / |lama|; lama = 0 is #DIV/0!."""
    if (type(baru) is float and type(lama) is float and baru - baru == 0.0
            and lama - lama == 0.0):  # scalar fast path, as in capaian
        if lama == 0.0:
            return DIV0
        v = (baru - lama) / abs(lama) + 0.0
        return v if v - v == 0.0 else NUM
    return _pertumbuhan_larik(baru, lama)


def _pertumbuhan_larik(baru: Any, lama: Any) -> Any:
    """pertumbuhan's general path."""
    skalar = _skalar(baru, lama)
    bentuk, (b, la), st = selaraskan(baca_nilai(baru), baca_nilai(lama))
    with np.errstate(all="ignore"):
        nilai = (b - la) / np.abs(la)
    st = tandai(st, bentuk, la == 0, S_DIV0)
    return keluar_angka(nilai, st, bentuk, skalar)


def cagr(awal: Any, akhir: Any, tahun: Any) -> Any:
    """Compound annual growth (akhir/awal)^(1/tahun) - 1.

    awal = 0 or tahun = 0 is #DIV/0!; a negative awal or akhir is #NUM!
    (compound growth of a negative quantity has no meaning).
    """
    skalar = _skalar(awal, akhir, tahun)
    bentuk, (a, z, n), st = selaraskan(baca_nilai(awal), baca_nilai(akhir), baca_nilai(tahun))
    with np.errstate(all="ignore"):
        nilai = np.power(z / a, 1.0 / n) - 1.0
        st = tandai(st, bentuk, (a == 0) | (n == 0), S_DIV0)
        st = tandai(st, bentuk, (a < 0) | (z < 0), S_NUM)
    return keluar_angka(nilai, st, bentuk, skalar)


def _maju(status: np.ndarray | None) -> np.ndarray | None:
    """Carry each row's first non-good status forward along the last axis."""
    if status is None:
        return None
    m = status.shape[-1]
    pos = np.where(status != 0, np.arange(m), m)
    pertama = np.minimum.accumulate(pos, axis=-1)
    ambil = np.take_along_axis(status, np.minimum(pertama, m - 1), axis=-1)
    return np.where(pertama < m, ambil, 0).astype(np.int8)


def proyeksi(awal: Any, laju: Any, tahun: Any = 1) -> Any:
    """Projection awal * (1 + laju)^tahun.

    laju as a row of yearly rates (a 1-D list, or a range with two or more
    columns) gives the running projection, one value per year:
    awal * (1+r1), awal * (1+r1)(1+r2), ...; each row of a block runs on its own,
    and a column of starting values against one row of rates gives a block. A
    blank or bad rate blanks or spoils its year and the years after it. In this
    mode tahun must be 1. A column of rates is one rate per row (elementwise).
    """
    skalar = _skalar(awal, laju, tahun)
    l_nilai, l_st = baca_nilai(laju)
    berjalan = l_nilai.ndim >= 1 and l_nilai.shape[-1] > 1
    bentuk, (a, r, n), st = selaraskan(baca_nilai(awal), (l_nilai, l_st), baca_nilai(tahun))
    with np.errstate(all="ignore"):
        if not berjalan:
            nilai = a * np.power(1.0 + r, n)
            return keluar_angka(nilai, st, bentuk, skalar)
        nilai = a * np.cumprod(1.0 + r, axis=-1)
        st = tandai(st, bentuk, n != 1, S_NILAI)
    return keluar_angka(nilai, _maju(st), bentuk, skalar)


def serapan(realisasi: Any, pagu: Any) -> Any:
    """Budget absorption realisasi / pagu; pagu 0 with realisasi 0 is blank (no budget),
    pagu 0 with spending is #DIV/0!."""
    if (type(realisasi) is float and type(pagu) is float and realisasi - realisasi == 0.0
            and pagu - pagu == 0.0):  # scalar fast path, as in capaian
        if pagu == 0.0:
            return None if realisasi == 0.0 else DIV0
        v = realisasi / pagu + 0.0
        return v if v - v == 0.0 else NUM
    return _serapan_larik(realisasi, pagu)


def _serapan_larik(realisasi: Any, pagu: Any) -> Any:
    """serapan's general path."""
    skalar = _skalar(realisasi, pagu)
    bentuk, (r, p), st = selaraskan(baca_nilai(realisasi), baca_nilai(pagu))
    with np.errstate(all="ignore"):
        nilai = r / p
    nol = p == 0
    if nol.any():
        st = tandai(st, bentuk, nol & (r == 0), KOSONG)
        st = tandai(st, bentuk, nol, S_DIV0)
    return keluar_angka(nilai, st, bentuk, skalar)


def sisa_anggaran(pagu: Any, realisasi: Any) -> Any:
    """Unspent budget pagu - realisasi; negative (overspent) is a valid result."""
    skalar = _skalar(pagu, realisasi)
    bentuk, (p, r), st = selaraskan(baca_nilai(pagu), baca_nilai(realisasi))
    with np.errstate(all="ignore"):
        nilai = p - r
    return keluar_angka(nilai, st, bentuk, skalar)


def _deret(x: Any) -> tuple[np.ndarray, np.ndarray, bool]:
    """A reducing function's input as rows of series: (values n x m, status n x m, one series).

    A single value, a 1-D list, a single row or a single column is one series
    (vertical series allowed); a block of n >= 2 rows and m >= 2 columns is one
    series per row (years or quarters across the columns, as in the templates).
    """
    nilai, st = baca_nilai(x)
    if st is None:
        st = np.zeros(nilai.shape, dtype=np.int8)
    if nilai.ndim > 2:
        raise ValueError
    if nilai.ndim < 2 or 1 in nilai.shape:
        return nilai.reshape(1, -1), st.reshape(1, -1), True
    return nilai, st, False


def _per_baris(pilihan: Any, peta: dict[str, int], bawaan: int, n: int
               ) -> tuple[np.ndarray, np.ndarray | None]:
    """An option for a reducing function: one word, or one per row (a column or list of n)."""
    kode, st = baca_pilihan(pilihan, peta, bawaan)
    if kode.size == n:
        return kode.reshape(n), (None if st is None else st.reshape(n))
    if kode.size == 1:
        return (np.broadcast_to(kode.reshape(-1), (n,)),
                None if st is None else np.broadcast_to(st.reshape(-1), (n,)))
    return np.full(n, bawaan, dtype=np.int8), np.full(n, S_NILAI, dtype=np.int8)


def _reduksi(fungsi: Callable[..., tuple[np.ndarray, np.ndarray]], deret: Any, pilihan: Any,
             peta: dict[str, int], bawaan: int) -> Any:
    try:
        nilai, st, satu = _deret(deret)
    except ValueError:
        return NILAI
    n = nilai.shape[0]
    if nilai.shape[1] == 0:  # an empty range: nothing filled in
        return None if satu else np.full((n, 1), None, dtype=object)
    kode, st_pilihan = _per_baris(pilihan, peta, bawaan, n)
    baik = st == 0
    galat = st > 0
    # The row's status: an error in the series, else the option's error.
    st_baris = np.where(galat.any(axis=1),
                        st[np.arange(n), np.argmax(galat, axis=1)], 0).astype(np.int8)
    if st_pilihan is not None:
        st_baris = np.where(st_baris == 0, st_pilihan, st_baris).astype(np.int8)
    hasil, st_hitung = fungsi(np.where(baik, nilai, np.nan), baik, kode)
    st_akhir = gabung_status((n,), [st_baris, st_hitung])
    hasil = keluar_angka(hasil, st_akhir, (n,), skalar=False)
    return hasil[0] if satu else hasil.reshape(n, 1)


def _tahunan(nilai: np.ndarray, baik: np.ndarray, kode: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray]:
    n, m = nilai.shape
    jumlah_isi = baik.sum(axis=1)
    with np.errstate(all="ignore"):
        total = np.where(baik, nilai, 0.0).sum(axis=1)
        rata = total / jumlah_isi
    terakhir = nilai[np.arange(n), m - 1 - np.argmax(baik[:, ::-1], axis=1)]
    hasil = np.select([kode == 0, kode == 1], [total, terakhir], rata)
    st = np.where(jumlah_isi == 0, KOSONG, 0).astype(np.int8)
    return hasil, st


def realisasi_tahunan(triwulan: Any, sifat: Any = "kumulatif") -> Any:
    """Annual figure from quarterly figures (blank quarters = not filled in yet).

    sifat "kumulatif" (alias "jumlah"): sum of the filled quarters; "akhir": the
    last filled quarter; "rata" ("rata-rata"): mean of the filled quarters. No
    quarter filled: blank. Any number of periods works (e.g. 12 months).

    Shape: a single row, a single column or a 1-D list is one series and gives
    one value; a block of n rows x 4 quarters gives one value per row, as an
    n x 1 array; sifat may then be one word or a column of n words.
    """
    return _reduksi(_tahunan, triwulan, sifat, SIFAT, 0)


def _rata_tumbuh(nilai: np.ndarray, baik: np.ndarray, kode: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    n, m = nilai.shape
    baris = np.arange(n)
    isi = baik.sum(axis=1)
    i0 = np.argmax(baik, axis=1)
    i1 = m - 1 - np.argmax(baik[:, ::-1], axis=1)
    x0, x1 = nilai[baris, i0], nilai[baris, i1]
    with np.errstate(all="ignore"):
        geo = np.power(x1 / x0, 1.0 / (i1 - i0)) - 1.0
        pasangan = baik[:, 1:] & baik[:, :-1]
        lama = nilai[:, :-1]
        tumbuh = np.where(pasangan, (nilai[:, 1:] - lama) / np.abs(lama), 0.0)
        n_pasang = pasangan.sum(axis=1)
        arit = tumbuh.sum(axis=1) / n_pasang
        nol_arit = (pasangan & (lama == 0)).any(axis=1)
    geometrik = kode == 0
    hasil = np.where(geometrik, geo, arit)
    st = np.zeros(n, dtype=np.int8)
    st[geometrik & (x0 == 0)] = S_DIV0
    st[geometrik & (st == 0) & ((x0 < 0) | (x1 < 0))] = S_NUM
    st[~geometrik & (nol_arit | (n_pasang == 0))] = S_DIV0
    st[isi == 1] = S_DIV0
    st[isi == 0] = KOSONG
    return hasil, st


def rata_pertumbuhan(deret: Any, metode: Any = "geometrik") -> Any:
    """Average growth of a series (oldest first).

    metode "geometrik" (default): (last/first)^(1/(n-1)) - 1 over the first and
    last filled years (n-1 = the years between them); a zero first value is
    #DIV/0!, a negative first or last value #NUM!. "aritmetik": the mean of the
    yearly growths between consecutive filled years (a zero in the series is
    #DIV/0!). All blank: blank; a single filled year: #DIV/0!.

    Shape as `realisasi_tahunan`: one series (row, column or list) gives one
    value; a block of n series x m years gives an n x 1 array.
    """
    return _reduksi(_rata_tumbuh, deret, metode, METODE, 0)


def angka(teks: Any) -> Any:
    """Read numbers written as text, Indonesian or English style ("1.808.970.744,00",
    "17,39%" -> 0.1739, "Rp 5,695,937,122.00"); numbers pass through. Text that the
    rules of docs/dev/domain.md do not read ("1.2.3", "12,3,4", words) is #VALUE!.
    `baca_angka` also tells whether a form was non-standard."""
    skalar = _skalar(teks)
    nilai, st = baca_nilai(teks)
    return keluar_angka(nilai, st, np.shape(nilai), skalar)


def _teks_opsi(v: object, peta: dict[str, str], bawaan: str) -> str | GalatExcel:
    if isinstance(v, GalatExcel):
        return v
    if v is None or (isinstance(v, float) and v != v):
        return bawaan
    if not isinstance(v, str):
        return NILAI
    kunci = normal_pilihan(v)
    return peta.get(kunci, NILAI) if kunci else bawaan


def _bilangan_sel(x: object) -> int | float | None | GalatExcel:
    """One numeric cell for the text functions; whole Python ints stay exact."""
    if type(x) is int or isinstance(x, np.integer):
        return int(x)
    return angka_satu(x)


def _bulat_sel(x: object, bawah: int, atas: int) -> int | None | GalatExcel:
    """A whole-number option (decimals) within [bawah, atas]; else #VALUE!."""
    v = angka_satu(x)
    if v is None or isinstance(v, GalatExcel):
        return v
    if not float(v).is_integer() or not bawah <= v <= atas:
        return NILAI
    return int(v)


def _pertama(*nilai: object) -> GalatExcel | None:
    """The first error among a cell's parsed arguments (Excel reports the first)."""
    return next((v for v in nilai if isinstance(v, GalatExcel)), None)


def _terbilang_sel(x: object, satuan: object, huruf: object) -> str | None | GalatExcel:
    v = _bilangan_sel(x)
    if satuan is None or (isinstance(satuan, float) and satuan != satuan):
        satuan = ""
    elif not isinstance(satuan, (str, GalatExcel)):
        satuan = NILAI
    h = _teks_opsi(huruf, HURUF, "kalimat")
    galat = _pertama(v, satuan, h)
    if galat is not None or v is None:
        return galat
    return terbilang_satu(v, satuan, h)  # type: ignore[arg-type]


def terbilang(angka: Any, satuan: Any = "", huruf: Any = "kalimat") -> Any:
    """Amount in Indonesian words, KBBI spelling (num2words): 1808970744 with satuan
    "rupiah" -> "Satu miliar delapan ratus delapan juta sembilan ratus tujuh puluh ribu
    tujuh ratus empat puluh empat rupiah". Negatives read "minus ...", decimals digit by
    digit after "koma" (a float is taken to Excel's 15 significant digits). huruf:
    "kalimat" (first letter capital, default), "kapital", "kecil", "judul". Whole numbers
    are exact to 999,999,999,999,999 and beyond (Python ints exactly; floats below
    2**53); numbers num2words cannot name are #NUM!."""
    return per_sel(_terbilang_sel, angka, satuan, huruf)


def _rupiah_sel(x: object, desimal: object, spasi: object) -> str | None | GalatExcel:
    v = _bilangan_sel(x)
    d = _bulat_sel(desimal, 0, 10)
    if spasi is None or (isinstance(spasi, float) and spasi != spasi):
        spasi = False
    elif not isinstance(spasi, (bool, int, float, np.bool_, GalatExcel)):
        spasi = NILAI
    galat = _pertama(v, d, spasi)
    if galat is not None or v is None:
        return galat
    return teks_rupiah(v, 2 if d is None else d, bool(spasi))


def rupiah(angka: Any, desimal: Any = 2, spasi: Any = False) -> Any:
    """Money as text "Rp1.808.970.744,00" (PUEBI; the same on every PC whatever its locale).

    spasi=True gives "Rp 1.808.970.744,00". Negative: "-Rp1.808.970.744,00" (minus
    before Rp; `angka` reads it back). desimal 0..10, rounded half away from zero as
    Excel's ROUND (a float is taken to 15 significant digits first).
    """
    return per_sel(_rupiah_sel, angka, desimal, spasi)


def _persen_sel(x: object, desimal: object) -> str | None | GalatExcel:
    v = angka_satu(x)
    d = _bulat_sel(desimal, 0, 10)
    galat = _pertama(v, d)
    if galat is not None or v is None:
        return galat
    return teks_persen(v, 2 if d is None else d)


def persen(angka: Any, desimal: Any = 2) -> Any:
    """A fraction as Indonesian percent text: 0.845 -> "84,50%", -0.1134 -> "-11,34%"
    (thousands grouped with "."; rounded half away from zero)."""
    return per_sel(_persen_sel, angka, desimal)


def _isi_rentang(nilai: Any) -> tuple[GalatExcel | None, np.ndarray]:
    """A range's numbers for an aggregate: (first error in reading order, numbers).

    Blanks are skipped; an error cell (or error text, which is how our own UDFs
    return errors to Excel) is the result; text that is not a number is #VALUE!.
    """
    v, st = baca_nilai(nilai)
    v = np.atleast_1d(v).ravel()
    if st is None:
        return None, v
    st = np.atleast_1d(st).ravel()
    galat = np.flatnonzero(st > 0)
    if galat.size:
        return GALAT_URUT[int(st[galat[0]])], v[:0]
    return None, v[st == 0]


def rata_capaian(capaian: Any) -> Any:
    """Mean of a range of achievements, for the LKjIP's average achievement.

    Unlike AVERAGE, an error in the range (an error cell, or the error text a
    Kinerja function shows on Windows) is the result, so a spoiled indicator never
    vanishes from the average; blanks are skipped; no number at all is #DIV/0!
    (as AVERAGE)."""
    galat, v = _isi_rentang(capaian)
    if galat is not None:
        return galat
    if v.size == 0:
        return DIV0
    with np.errstate(all="ignore"):
        hasil = float(v.sum() / v.size) + 0.0
    return hasil if math.isfinite(hasil) else NUM


def jumlah_nilai(nilai: Any) -> Any:
    """Sum of a range like SUM, except that an error in the range (cell or error text)
    is the result instead of being skipped; blanks are skipped; empty is 0."""
    galat, v = _isi_rentang(nilai)
    if galat is not None:
        return galat
    with np.errstate(all="ignore"):
        hasil = float(v.sum()) + 0.0
    return hasil if math.isfinite(hasil) else NUM


FUNGSI_EXCEL: dict[str, Callable[..., Any]] = {
    "CAPAIAN": capaian,
    "CAPAIAN_RENTANG": capaian_rentang,
    "PREDIKAT": predikat,
    "PERTUMBUHAN": pertumbuhan,
    "RATA_PERTUMBUHAN": rata_pertumbuhan,
    "CAGR": cagr,
    "PROYEKSI": proyeksi,
    "SERAPAN": serapan,
    "SISA_ANGGARAN": sisa_anggaran,
    "REALISASI_TAHUNAN": realisasi_tahunan,
    "ANGKA": angka,
    "TERBILANG": terbilang,
    "RUPIAH": rupiah,
    "PERSEN": persen,
    "RATA_CAPAIAN": rata_capaian,
    "JUMLAH_NILAI": jumlah_nilai,
}
