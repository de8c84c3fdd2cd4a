"""Same output before and after: the consolidation against the golden record in
tests/data/emas.json (what is recorded and why: tests/emas.py).

A failure here means the output changed. If that was not meant, the change broke
something; if it was (a new column, a reworded message), rewrite the record with
`python tests/emas.py --perbarui` and say in the commit message what changed.
"""

from __future__ import annotations

import zlib

import emas
import pytest

PERBARUI = "berubah dari tests/data/emas.json (disengaja? python tests/emas.py --perbarui)"


@pytest.fixture(scope="module")
def catatan() -> dict:
    return emas.baca()


def test_contoh_sama_dengan_emas(catatan, tmp_path):
    harap, dapat = dict(catatan["contoh"]), emas.contoh(tmp_path)
    assert dapat["status"] == "ditulis", dapat["pesan"]
    md5_harap, md5_dapat = harap.pop("md5"), dapat.pop("md5")
    assert emas.beda(harap, dapat) == [], PERBARUI
    # The same parts deflated by another zlib build may differ in bytes (tests/emas.py).
    if catatan["zlib"] == zlib.ZLIB_RUNTIME_VERSION:
        assert md5_dapat == md5_harap, PERBARUI


def test_bench_sama_dengan_emas(catatan, tmp_path):
    """The bench's generators at a small scale: the first run and the re-run into the
    master it filled (the full-size check is `python bench/bench_konsolidasi.py --md5`)."""
    dapat = emas.bench(tmp_path)
    for jalan in ("pertama", "ulang"):
        harap, hasil = dict(catatan["bench"][jalan]), dict(dapat[jalan])
        assert hasil["status"] == "ditulis", hasil["pesan"]
        md5_harap, md5_dapat = harap.pop("md5"), hasil.pop("md5")
        assert emas.beda(harap, hasil) == [], (jalan, PERBARUI)
        if catatan["zlib"] == zlib.ZLIB_RUNTIME_VERSION:
            assert md5_dapat == md5_harap, (jalan, PERBARUI)


@pytest.mark.parametrize("i", [i if i == emas.CEPAT else pytest.param(i, marks=pytest.mark.slow)
                               for i in range(emas.SET)])
def test_set_rusak_sama_dengan_emas(catatan, tmp_path, i):
    dapat = emas.rusak(i, tmp_path)
    assert emas.beda(catatan["rusak"][f"{i:02d}"], dapat) == [], PERBARUI


def test_catatan_mencakup_yang_dijanjikan(catatan):
    """The record itself: every set, and the damage reaches both outcomes (refused, and
    planned with findings the clean example does not have)."""
    rusak = catatan["rusak"]
    assert sorted(rusak) == [f"{i:02d}" for i in range(emas.SET)]
    bersih = catatan["contoh"]["temuan"]
    status = {(r["status"], r["temuan"] != bersih) for s in rusak.values() for r in s.values()}
    assert {("ditolak", True), ("coba", True), ("coba", False)} <= status
    assert all(r["rencana"] for s in rusak.values() for r in s.values() if r["status"] == "coba")
    assert len(catatan["contoh"]["md5"]) == 32
    bench = catatan["bench"]
    assert sorted(bench) == ["pertama", "ulang"]
    assert bench["pertama"]["md5"] != bench["ulang"]["md5"]  # Riwayat has one more row
    assert bench["pertama"]["rencana"]["Riwayat"] != bench["ulang"]["rencana"]["Riwayat"]
