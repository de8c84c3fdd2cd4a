"""The scalar fast paths in addin.rumus give exactly what the array path gives.

capaian, predikat, pertumbuhan and serapan answer one-cell calls without numpy
(issue 13: one-cell calls were 240-660x a bare-Python function). Each is compared
with its general path (`_..._larik`, which the fast path falls back to) and with
the same call on a 1x1 range, for any floats (zeros, -0.0, subnormals, huge values,
inf, NaN), any option word and the values around the predicate bands.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from addin import rumus
from addin.galat import DIV0, NUM

angka = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 0.5, 0.55, 0.65, 0.75, 0.9, 1.0, 0.9000000000000001,
                     0.8999999999999999, 0.75 + 1e-11, 0.75 - 1e-11, 1e308, -1e308, 5e-324,
                     1e290, 1.7976931348623157e308]),
    st.floats(min_value=-2, max_value=2),
)
arah = st.sampled_from(["positif", "negatif", "negatif_rasio", "Negatif", " positif ",
                        "salah", "", None, "#N/A"])
skala = st.sampled_from(["permendagri86", "berhasil", "permendagri", "Berhasil", "x", "", None])


def _sama(a: object, b: object) -> bool:
    """Same value, same type; floats bit for bit (0.0 and -0.0 differ)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and str(a) == str(b))
    return a == b


def _sel(hasil: object) -> object:
    return hasil.reshape(-1)[0] if isinstance(hasil, np.ndarray) else hasil


@settings(max_examples=600, deadline=None)
@given(angka, angka, arah)
@example(6.5, 7.0, "negatif")
@example(1.0, 0.0, "negatif")
@example(-1.0, 0.0, "negatif")
@example(1e308, -1e308, "negatif")
@example(1e-320, 1e300, "negatif_rasio")
def test_capaian(r, t, a):
    cepat = rumus.capaian(r, t, a)
    assert _sama(cepat, rumus._capaian_larik(r, t, a))
    assert _sama(cepat, _sel(rumus.capaian([[r]], [[t]], a)))


@settings(max_examples=600, deadline=None)
@given(angka, skala)
@example(0.9, "permendagri86")
@example(0.9000000000000001, "permendagri86")
@example(0.75, "berhasil")
@example(0.7499999999999999, "berhasil")
@example(1.7976931348623157e308, "berhasil")
def test_predikat(c, k):
    cepat = rumus.predikat(c, k)
    assert _sama(cepat, rumus._predikat_larik(c, k))
    assert _sama(cepat, _sel(rumus.predikat([[c]], k)))


@settings(max_examples=600, deadline=None)
@given(angka, angka)
@example(1.0, 0.0)
@example(-1e308, 1e308)
def test_pertumbuhan(b, la):
    cepat = rumus.pertumbuhan(b, la)
    assert _sama(cepat, rumus._pertumbuhan_larik(b, la))
    assert _sama(cepat, _sel(rumus.pertumbuhan([[b]], [[la]])))


@settings(max_examples=600, deadline=None)
@given(angka, angka)
@example(0.0, 0.0)
@example(-0.0, 0.0)
@example(5.0, 0.0)
def test_serapan(r, p):
    cepat = rumus.serapan(r, p)
    assert _sama(cepat, rumus._serapan_larik(r, p))
    assert _sama(cepat, _sel(rumus.serapan([[r]], [[p]])))


def test_nilai_yang_dihitung_tangan():
    """The fast paths against hand-computed values (DOMAIN rules)."""
    assert rumus.capaian(585.0, 1368.0) == pytest.approx(0.42763157894736842)
    assert rumus.capaian(6.5, 7.0, "negatif") == pytest.approx(7.5 / 7)  # (2T - R)/T
    assert rumus.capaian(24.0, 8.0, "negatif") == 0.0 and str(rumus.capaian(24.0, 8.0,
                                                                          "negatif")) == "0.0"
    assert rumus.capaian(4.0, 5.0, "negatif_rasio") == 1.25
    assert rumus.capaian(1.0, 0.0) is DIV0
    assert rumus.capaian(1e308, 1e-10) is NUM
    assert rumus.predikat(0.9) == "Tinggi" and rumus.predikat(0.9000000001) == "Sangat Tinggi"
    assert rumus.predikat(1.0, "berhasil") == "Sangat Berhasil"
    assert rumus.serapan(0.0, 0.0) is None and rumus.serapan(1.0, 0.0) is DIV0
    assert rumus.pertumbuhan(899.0, 1014.0) == pytest.approx(-115 / 1014)
