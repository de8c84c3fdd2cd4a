"""SAKIP formula library: the functions behind CAPAIAN, PREDIKAT, TERBILANG, ...

Plain functions over plain data (no Excel, no xlwings). Every argument may be a
single value or a range (list, nested list, numpy array, pandas Series); ranges
broadcast like numpy. Ratios are fractions (0.845 = 84.5%). Blank in, blank
(None) out. Bad cells give Excel error values (see galat.py) per element.

First version: signatures only, so bindings can be wired; bodies follow.
"""

from __future__ import annotations

from collections.abc import Callable

from addin.galat import GalatExcel


def _belum(*_args: object) -> GalatExcel:
    raise NotImplementedError("belum dibuat")


def capaian(realisasi, target, arah="positif", batas=None):
    """Achievement R/T (positif), (2T-R)/T floored at 0 (negatif) or T/R (negatif_rasio)."""
    return _belum(realisasi, target, arah, batas)


def capaian_rentang(realisasi, bawah, atas, arah="positif"):
    """Achievement against a range target [bawah, atas]: inside is 1."""
    return _belum(realisasi, bawah, atas, arah)


def predikat(capaian, skala="permendagri86"):
    """Label for an achievement: "permendagri86", "berhasil" or a (lower bound, label) table."""
    return _belum(capaian, skala)


def pertumbuhan(baru, lama):
    """Year-on-year growth (baru - lama) / |lama|."""
    return _belum(baru, lama)


def rata_pertumbuhan(deret, metode="geometrik"):
    """Average growth of a series: geometrik (compound) or aritmetik (mean of yearly growths)."""
    return _belum(deret, metode)


def cagr(awal, akhir, tahun):
    """Compound annual growth (akhir/awal)^(1/tahun) - 1."""
    return _belum(awal, akhir, tahun)


def proyeksi(awal, laju, tahun=1):
    """awal * (1+laju)^tahun; with a row of yearly rates, the running projection."""
    return _belum(awal, laju, tahun)


def serapan(realisasi, pagu):
    """Budget absorption realisasi / pagu; no budget and nothing spent is blank."""
    return _belum(realisasi, pagu)


def sisa_anggaran(pagu, realisasi):
    """Unspent budget pagu - realisasi (negative means overspent)."""
    return _belum(pagu, realisasi)


def realisasi_tahunan(triwulan, sifat="kumulatif"):
    """Annual figure from quarters: kumulatif (sum), akhir (last filled), rata (mean)."""
    return _belum(triwulan, sifat)


def angka(teks):
    """Number from Indonesian or English formatted text ("1.808.970.744,00", "17,39%")."""
    return _belum(teks)


def terbilang(angka, satuan="", huruf="kalimat"):
    """Amount in Indonesian words ("Satu miliar ... rupiah")."""
    return _belum(angka, satuan, huruf)


def rupiah(angka, desimal=2, spasi=False):
    """Money text "Rp1.808.970.744,00" regardless of the PC's locale."""
    return _belum(angka, desimal, spasi)


def persen(angka, desimal=2):
    """Percent text: 0.845 -> "84,50%"."""
    return _belum(angka, desimal)


FUNGSI_EXCEL: dict[str, Callable] = {
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
}
