"""addin.kriteria: the *IFS with each criterion's mask kept give exactly what the
`formulas` library's own functions give, on random ranges and criteria, whatever was
computed before (a warm memory must never answer for another range or criterion)."""

from __future__ import annotations

import functools
import random

import numpy as np
import pytest
import schedula as sh
from formulas import functions as F
from formulas.tokens.operand import Error

from addin import kriteria, mesin

NAMA = ("SUMIFS", "COUNTIFS", "AVERAGEIFS", "MAXIFS", "MINIFS", "_XLFN.MAXIFS",
        "_XLFN.MINIFS")


def _tabel() -> dict:
    mesin.daftarkan()
    return F.get_functions()


def _rujukan(tabel: dict, nama: str):
    """The library's own function for `nama`: the same accumulator over its xfilters."""
    f = tabel[nama]
    while hasattr(f, "__wrapped__"):
        f = f.__wrapped__
    assert isinstance(f, functools.partial) and f.func is kriteria.xfilters, nama
    return F.wrap_func(functools.partial(F.xfilters, *f.args, **f.keywords))


def _sama(a, b) -> bool:
    a, b = np.asarray(a, object), np.asarray(b, object)
    if a.shape != b.shape:
        return False
    for x, y in zip(a.ravel(), b.ravel(), strict=True):
        if type(x) is not type(y):
            return False
        if isinstance(x, float) and np.isnan(x) and np.isnan(y):
            continue
        if x != y:
            return False
    return True


def test_pasang_mengganti_semua_ifs_sekali():
    tabel = _tabel()
    for nama in NAMA:
        _rujukan(tabel, nama)  # asserts the entry now runs on kriteria.xfilters
    assert kriteria.pasang(tabel) == []  # idempotent: nothing left on the library's
    for nama in ("SUMIF", "COUNTIF", "SUM", "INDEX"):  # others untouched
        f = tabel[nama]
        while hasattr(f, "__wrapped__"):
            f = f.__wrapped__
        assert getattr(f, "func", f) is not kriteria.xfilters


# Values that one test tells apart and plain equality does not: 1, 1.0, True and "1";
# blank (EMPTY) and ""; text in two cases; wildcard characters; errors; numbers as text.
NILAI = [1, 1.0, True, False, 0, 0.0, "1", "01", 2, 2.5, -3, "2,5", "a", "A", "ab", "b*",
         "a?c", "", sh.EMPTY, Error.errors["#N/A"], Error.errors["#DIV/0!"], "IK-01",
         "ik-01", 1e307, -1e307, "TRUE", None]
KONDISI = [1, 1.0, True, "1", ">1", ">=1", "<2", "<=0", "<>1", "<>a", "=a", "a", "A*",
           "a?", "~*", "b~*", ">-1E+307", "=", "<>", "", 2.5, "2.5", "IK-01", "#N/A",
           Error.errors["#N/A"], "TRUE", False, 0]


def _rentang(rng: random.Random, n: int) -> np.ndarray:
    v = [rng.choice(NILAI) for _ in range(n)]
    return np.asarray([[x if x is not None else sh.EMPTY] for x in v], object)


@pytest.mark.parametrize("nama", NAMA[:5])
def test_sama_dengan_fungsi_pustaka_pada_data_acak(nama):
    tabel = _tabel()
    kita, pustaka = tabel[nama], _rujukan(tabel, nama)
    rng = random.Random(f"kriteria-{nama}")
    kolom = [_rentang(rng, 12) for _ in range(4)]  # a few ranges, met again and again
    kolom.append(kolom[0].copy())                  # an equal range, another object
    for _ in range(400):
        pasangan = rng.randint(1, 3)
        args = [rng.choice(kolom)]                  # the range summed (or None: COUNTIFS)
        for _ in range(pasangan):
            k = rng.choice(KONDISI)
            if rng.random() < 0.1:                  # a criterion array: one result each
                k = np.asarray([[rng.choice(KONDISI)] for _ in range(3)], object)
            args += [rng.choice(kolom), k]
        if nama == "COUNTIFS":
            args = args[1:]
        assert _sama(kita(*args), pustaka(*args)), (nama, args)


def test_jenis_nilai_tidak_tertukar_meski_ingatan_hangat():
    """Equal tuples that differ only in type (1 / 1.0 / True / '1', EMPTY / '') are kept
    apart: each asked right after the other, every answer is the library's."""
    tabel = _tabel()
    kita, pustaka = tabel["COUNTIFS"], _rujukan(tabel, "COUNTIFS")
    ragam = [[1, 2], [1.0, 2], [True, 2], ["1", 2], [sh.EMPTY, 2], ["", 2]]
    for kondisi in (1, True, "1", "=", "", "<>", ">0"):
        for isi in ragam:
            r = np.asarray([[x] for x in isi], object)
            assert _sama(kita(r, kondisi), pustaka(r, kondisi)), (isi, kondisi)


def test_masker_yang_disimpan_tidak_berubah():
    """The first criterion's mask is combined with the next ones into a copy: asked
    alone again afterwards, it still selects what it did."""
    tabel = _tabel()
    kita, pustaka = tabel["SUMIFS"], _rujukan(tabel, "SUMIFS")
    nilai = np.asarray([[10], [20], [30], [40]], object)
    kode = np.asarray([["a"], ["a"], ["b"], ["a"]], object)
    tahun = np.asarray([[2021], [2020], [2021], [2021]], object)
    assert _sama(kita(nilai, kode, "a"), pustaka(nilai, kode, "a"))
    assert _sama(kita(nilai, kode, "a", tahun, 2021), pustaka(nilai, kode, "a", tahun, 2021))
    assert _sama(kita(nilai, kode, "a"), pustaka(nilai, kode, "a"))
    assert np.asarray(kita(nilai, kode, "a")).ravel()[0] == 70  # by hand: 10 + 20 + 40


def test_ingatan_terbatas_dan_dikosongkan():
    ing = kriteria._Ingatan(batas_sel=8, batas_masker=6)
    for i in range(50):
        k, r = ing.rentang_uji(np.asarray([[i], [i + 1]], object))
        assert k is not None
        ing.masker_uji(k, r, ">0")
        assert ing.sel == sum(e[2] for e in ing.rentang.values()) <= 8
        assert ing.elemen == sum(m.size for m in ing.masker.values()) <= 6
    with kriteria.satu_hitungan():
        kriteria._INGATAN.rentang_uji(np.asarray([[1]], object))
        assert kriteria._INGATAN.sel == 1
    assert kriteria._INGATAN.sel == 0 and not kriteria._INGATAN.masker


def test_nilai_tak_tercincang_dihitung_langsung():
    """A range holding an unhashable value (an array in a cell) is not kept, and gives
    the library's answer."""
    tabel = _tabel()
    kita, pustaka = tabel["COUNTIFS"], _rujukan(tabel, "COUNTIFS")
    r = np.empty((2, 1), object)
    r[0, 0], r[1, 0] = [1, 2], 1
    assert _sama(kita(r, 1), pustaka(r, 1))


def test_versi_lain_tidak_diganti(monkeypatch):
    """Another formulas version (another digest of the mirrored code): nothing replaced,
    the library's own functions stay."""
    from formulas.functions.math import xsum

    tabel = {"SUMIFS": F.wrap_func(functools.partial(F.xfilters, xsum))}
    monkeypatch.setattr(kriteria, "SIDIK", "0000000000000000")
    assert kriteria.pasang(tabel) == []
    monkeypatch.undo()
    assert kriteria.pasang(tabel) == ["SUMIFS"]


def test_sidik_sumber():
    from addin.sidik import sidik_sumber

    def a():
        return 1

    def b():
        return 2

    assert len(sidik_sumber(a)) == 16 and sidik_sumber(a) != sidik_sumber(b)
    assert sidik_sumber(a, b) != sidik_sumber(b, a)
    assert sidik_sumber(None) == ""
