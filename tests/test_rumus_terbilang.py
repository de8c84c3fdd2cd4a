"""TERBILANG: amounts in words, docs/dev/domain.md "Amounts in words" (KBBI spelling)."""

from __future__ import annotations

import numpy as np
import pytest

from addin import galat
from addin.rumus import terbilang


@pytest.mark.parametrize(("x", "kata"), [
    (11, "Sebelas"),
    (110, "Seratus sepuluh"),
    (1111, "Seribu seratus sebelas"),
    (1_000_000, "Satu juta"),  # "satu juta", not "sejuta"
    (1_808_970_744, "Satu miliar delapan ratus delapan juta sembilan ratus tujuh puluh ribu "
                    "tujuh ratus empat puluh empat"),
    # One above a VBA Long: where popular add-ins break.
    (2_147_483_648, "Dua miliar seratus empat puluh tujuh juta empat ratus delapan puluh tiga "
                    "ribu enam ratus empat puluh delapan"),
    (10**12, "Satu triliun"),
    (1.25, "Satu koma dua lima"),
    (1.5, "Satu koma lima"),  # no trailing "nol"
    (0.05, "Nol koma nol lima"),
    (0, "Nol"),
    (-5, "Minus lima"),  # num2words itself says "min"
    (-1_808_970_744.25, "Minus satu miliar delapan ratus delapan juta sembilan ratus tujuh "
                        "puluh ribu tujuh ratus empat puluh empat koma dua lima"),
    (999_999_999_999_999,
     "Sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan "
     "miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan "
     "ribu sembilan ratus sembilan puluh sembilan"),
    (999_999_999_999_999.0, None),  # as a float: the same words (exact below 2**53)
    # KBBI: a thousands group of one is "seribu" wherever it stands (worked by hand
    # group by group: 5 | 001 | 250 -> lima juta, seribu, dua ratus lima puluh).
    (1_001_000, "Satu juta seribu"),
    (5_001_250, "Lima juta seribu dua ratus lima puluh"),
    (1_001_001, "Satu juta seribu satu"),
    (2_001_000_000, "Dua miliar satu juta"),  # "satu juta" stays: only ribu contracts
    (1_000_001_000, "Satu miliar seribu"),
    (1_000_000_001_999, "Satu triliun seribu sembilan ratus sembilan puluh sembilan"),
    (21_000, "Dua puluh satu ribu"),  # a group ending in one is not a group of one
    (101_000, "Seratus satu ribu"),
    (1_001_000.5, "Satu juta seribu koma lima"),
    (-5_001_250, "Minus lima juta seribu dua ratus lima puluh"),
])
def test_kata(x, kata):
    if kata is None:
        kata = terbilang(int(x))
    assert terbilang(x) == kata


def test_contoh_domain_rupiah():
    # docs/dev/domain.md: 1,808,970,744 rupiah (seed Tabel 3.8's unspent total).
    assert terbilang(1808970744, "rupiah") == (
        "Satu miliar delapan ratus delapan juta sembilan ratus tujuh puluh ribu tujuh ratus "
        "empat puluh empat rupiah")
    assert terbilang("Rp1.808.970.744,00", "rupiah") == terbilang(1808970744, "rupiah")


def test_huruf():
    assert terbilang(1111, "rupiah", "kapital") == "SERIBU SERATUS SEBELAS RUPIAH"
    assert terbilang(1111, "rupiah", "kecil") == "seribu seratus sebelas rupiah"
    assert terbilang(1111, "rupiah", "judul") == "Seribu Seratus Sebelas Rupiah"
    assert terbilang(1111, "rupiah", "Kalimat") == "Seribu seratus sebelas rupiah"
    assert terbilang(1111, "rupiah", "JUDUL") == "Seribu Seratus Sebelas Rupiah"
    assert terbilang(1111, "rupiah", None) == "Seribu seratus sebelas rupiah"
    assert terbilang(1111, "", "miring") is galat.NILAI


def test_int_python_tepat_di_atas_float():
    # 2**53 + 1 is not a float; a Python int keeps it exact.
    assert terbilang(2**53 + 1).endswith("sembilan ratus sembilan puluh tiga")


def test_kosong_galat_dan_larik():
    assert terbilang(None) is None
    assert terbilang("") is None
    assert terbilang("seratus") is galat.NILAI
    assert terbilang(galat.DIV0, "rupiah") is galat.DIV0
    assert terbilang(float("inf")) is galat.NUM
    assert terbilang(10**200) is galat.NUM  # beyond num2words' names
    hasil = terbilang(np.array([[11.0], [np.nan]]), ["rupiah", "orang"])
    assert hasil.shape == (2, 2)
    assert hasil.tolist() == [["Sebelas rupiah", "Sebelas orang"], [None, None]]
