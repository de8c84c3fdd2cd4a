"""Property tests (hypothesis): round trips and invariants over many inputs."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from addin import galat
from addin.rumus import FUNGSI_EXCEL, angka, capaian, persen, rupiah, terbilang
from addin.terbilang import BATAS_TEPAT

# Amounts with at most 2 decimals, as cents, up to 10^13 rupiah: 15 significant digits,
# the precision Excel (and rupiah) works to.
sen = st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1)
bilangan = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(sen, st.booleans())
def test_rupiah_dibaca_kembali(s, spasi):
    x = s / 100
    assert angka(rupiah(x, 2, spasi)) == x


@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
def test_rupiah_bulat_dibaca_kembali(n):
    assert angka(rupiah(n, 0)) == n


@given(bilangan, st.integers(min_value=0, max_value=4))
def test_persen_dibaca_kembali_sampai_desimalnya(x, d):
    teks = persen(x, d)
    # The percent text is x * 100 rounded to d decimals: reading it back lands within half
    # a unit of the last printed digit (as a fraction: 0.5 * 10^-(d+2)), up to the 15
    # significant digits Excel keeps.
    toleransi = 0.5 * 10.0 ** -(d + 2) + abs(x) * 1e-14
    assert abs(angka(teks) - x) <= toleransi
    # And the text is exactly the rounded value (half away from zero), digit for digit.
    dibaca = Decimal(teks.rstrip("%").replace(".", "").replace(",", "."))
    assert dibaca.as_tuple().exponent == -d


@given(st.integers(min_value=-BATAS_TEPAT, max_value=BATAS_TEPAT))
def test_terbilang_tidak_pernah_gagal_sampai_batas(n):
    teks = terbilang(n, "rupiah")
    assert isinstance(teks, str) and teks.endswith(" rupiah")
    assert teks.startswith("Minus ") == (n < 0)
    assert terbilang(float(n), "rupiah") == teks  # exact as a float too (below 2**53)


@given(bilangan, st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
       st.sampled_from([None, 1.2, 2.0]))
def test_capaian_negatif_tidak_pernah_di_bawah_nol(r, t, batas):
    hasil = capaian(r, t, "negatif", batas)
    assert isinstance(hasil, galat.GalatExcel) or hasil >= 0
    if batas is not None and not isinstance(hasil, galat.GalatExcel):
        assert hasil <= batas


@given(st.lists(st.one_of(st.none(), bilangan, st.just("x")), min_size=1, max_size=30),
       st.floats(min_value=0.5, max_value=1e6))
def test_larik_sama_dengan_panggilan_per_sel(realisasi, target):
    # The array call gives, cell for cell, what a scalar call gives; so does the float64
    # fast path (NaN for blank).
    satu_satu = [capaian(r, target, "negatif") for r in realisasi]
    assert capaian(realisasi, target, "negatif").tolist() == satu_satu
    angka_saja = [r for r in realisasi if r != "x"]
    larik = np.array([np.nan if r is None else r for r in angka_saja], dtype=float)
    assert capaian(larik, target, "negatif").tolist() == \
        [capaian(r, target, "negatif") for r in angka_saja]


sel = st.one_of(
    st.none(), st.floats(), st.integers(min_value=-(10**20), max_value=10**20), st.booleans(),
    st.text(alphabet="0123456789.,%-() Rpe", max_size=12),
    st.sampled_from(["positif", "negatif", "negatif_rasio", "akhir", "rata", "kumulatif",
                     "berhasil", "aritmetik", "kapital", "rupiah", "#N/A", "#DIV/0!", ""]),
    st.sampled_from([galat.NA, galat.NILAI, galat.DIV0]),
)
argumen = st.one_of(sel, st.lists(sel, min_size=1, max_size=4),
                    st.lists(st.lists(sel, min_size=2, max_size=2), min_size=1, max_size=3))
_BOLEH = (float, str, type(None), galat.GalatExcel)


@given(st.sampled_from(sorted(FUNGSI_EXCEL)), st.lists(argumen, min_size=4, max_size=4))
def test_tidak_pernah_melempar_pengecualian(nama, args):
    # Any mix of cell values gives values or error values, never an exception.
    fungsi = FUNGSI_EXCEL[nama]
    n = fungsi.__code__.co_argcount
    hasil = fungsi(*args[:n])
    isi = hasil.reshape(-1).tolist() if isinstance(hasil, np.ndarray) else [hasil]
    assert all(isinstance(v, _BOLEH) for v in isi)
    if isinstance(hasil, np.ndarray):
        assert hasil.dtype == object
    if not any(isinstance(a, list) for a in args[:n]):
        assert not isinstance(hasil, np.ndarray)  # single values in, a single value out
