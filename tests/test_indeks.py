"""addin.indeks: INDEX gives what the `formulas` library's own INDEX gives (the same
references, values and errors) on random references, positions and areas."""

from __future__ import annotations

import random

import numpy as np
import pytest
import schedula as sh
from formulas.functions import get_functions, look, wrap_func
from formulas.ranges import Ranges
from formulas.tokens.operand import Error

from addin import indeks, mesin

_KONTEKS = {"directory": "", "filename": "induk.xlsx", "excel": "INDUK.XLSX",
            "sheet": "DATA", "external_links": {}}


def _acuan(ref: str, nilai: np.ndarray) -> Ranges:
    return Ranges().set_value(Ranges.get_range(ref, _KONTEKS), nilai)


def _sama(a, b) -> bool:
    """Equal results: references by their ranges and values, arrays element-wise."""
    if isinstance(a, Ranges) or isinstance(b, Ranges):
        return (isinstance(a, Ranges) and isinstance(b, Ranges) and a.ranges == b.ranges
                and a.values.keys() == b.values.keys()
                and all(a.values[k][0] == b.values[k][0]
                        and _sama(a.values[k][1], b.values[k][1]) for k in a.values)
                and _sama(a.value, b.value))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a, object), np.asarray(b, object)
        return (a.shape == b.shape and type(a) is type(b)
                and all(_sama(x, y) for x, y in zip(a.ravel(), b.ravel(), strict=True)))
    return type(a) is type(b) and (a == b or (a != a and b != b))


# as the engine calls them: an exception inside becomes #VALUE! (wrap_func)
KITA, PUSTAKA = wrap_func(indeks.xindex, ranges=True), wrap_func(look.xindex, ranges=True)


def test_pasang_mengganti_index_sekali():
    mesin.daftarkan()
    tabel = get_functions()
    fungsi = tabel["INDEX"]["function"]
    while hasattr(fungsi, "__wrapped__"):
        fungsi = fungsi.__wrapped__
    assert fungsi is indeks.xindex
    assert indeks.pasang(tabel) == []


POSISI = [0, 1, 2, 3, 5, 8, 40, -1, 1.9, "2", True, Error.errors["#N/A"], sh.EMPTY, None]


@pytest.mark.parametrize("ref", ["B2:B9", "B2:D2", "C3:E8", "A1:A1", "D4:F4"])
def test_sama_dengan_index_pustaka(ref):
    rng = random.Random(ref)
    r = Ranges.get_range(ref, _KONTEKS)
    tinggi, lebar = int(r["r2"]) - int(r["r1"]) + 1, r["n2"] - r["n1"] + 1
    isi = np.empty((tinggi, lebar), object)
    for i in np.ndindex(isi.shape):
        isi[i] = rng.choice([1, 2.5, "teks", "", sh.EMPTY, True, Error.errors["#REF!"]])
    for _ in range(150):
        baris, kolom = rng.choice(POSISI), rng.choice(POSISI)
        if rng.random() < 0.15:  # a row array: one result each
            baris = np.asarray([[rng.choice(POSISI[:6])] for _ in range(3)], object)
        args = [baris] if kolom is None else [baris, kolom]
        if rng.random() < 0.1:
            args = [baris, 1 if kolom is None else kolom, rng.choice([1, 2, 0])]
        kita = KITA(_acuan(ref, isi), *args)
        pustaka = PUSTAKA(_acuan(ref, isi), *args)
        assert _sama(kita, pustaka), (ref, args)


def test_bukan_acuan_atau_gabungan_diteruskan_ke_pustaka():
    larik = np.asarray([[1, 2], [3, 4]], object)
    assert _sama(indeks.xindex(larik, 2, 1), look.xindex(larik, 2, 1))
    gabung = Ranges().set_value(Ranges.get_range("B2:B4", _KONTEKS),
                                np.asarray([[1], [2], [3]], object)).set_value(
        Ranges.get_range("D2:D4", _KONTEKS), np.asarray([[4], [5], [6]], object))
    assert gabung.is_set  # two areas: (B2:B4, D2:D4)
    assert _sama(indeks.xindex(gabung, 2), look.xindex(gabung, 2))


def test_index_match_pada_kolom_nama():
    """The master's lookup, by hand: the third code's name."""
    kode = _acuan("A2:A5", np.asarray([["K1"], ["K2"], ["K3"], ["K4"]], object))
    nama = _acuan("B2:B5", np.asarray([["satu"], ["dua"], ["tiga"], ["empat"]], object))
    hasil = indeks.xindex(nama, 3)
    assert isinstance(hasil, Ranges) and hasil.value[0, 0] == "tiga"
    assert hasil.ranges[0]["ref"] == "B4"
    assert kode.value[2, 0] == "K3"


def test_versi_lain_tidak_diganti(monkeypatch):
    tabel = {"INDEX": dict(get_functions()["INDEX"])}
    tabel["INDEX"]["function"] = look.FUNCTIONS["INDEX"]["function"]
    monkeypatch.setattr(indeks, "SIDIK", "0000000000000000")
    assert indeks.pasang(tabel) == []
    monkeypatch.undo()
    assert indeks.pasang(tabel) == ["INDEX"]
