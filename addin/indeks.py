"""INDEX of the formula engine, building references only for the cells it returns.

The master's report tables look names up with `INDEX(Ind_Indikator, MATCH($A6,
Ind_Kode, 0))`. Given a reference, `formulas.functions.look.xindex` first builds a
reference (`Ranges`) for every cell of it, then picks one: about 15 µs per cell of the
data column for every such formula, the largest cost of refreshing a large master once
the *IFS are fast (3,000 rows per data sheet: 5.3 of 7.9 s). Here the library's own
selection (`look._index`) runs over same-shaped placeholders, and only the cells it
picks become references, built exactly as the library builds them. Anything but a
single-area reference goes to the library's xindex unchanged.
tests/test_indeks.py compares the two on random references and positions.

This mirrors formulas 1.3.3-1.3.4; `pasang` replaces nothing unless the library's
xindex, _index and _index2col are exactly that code (a digest of their source).
"""

from __future__ import annotations

import numpy as np
from formulas import functions as _f
from formulas.functions import look as _look
from formulas.ranges import Ranges

from addin.sidik import sidik_sumber

_XINDEX = getattr(_look, "xindex", None)
_INDEX = getattr(_look, "_index", None)
try:
    from formulas.tokens.operand import _index2col
except ImportError:  # another version: not replaced (pasang)
    _index2col = None
SIDIK = "12d005bfda591ff3"  # sidik_sumber of the code mirrored here (1.3.3-1.3.4)


class _Posisi:
    """A placeholder for the cell at (r, n) of one area: what _index picks is mapped back
    to the reference the library would have built there."""

    __slots__ = ("rng", "r", "n", "nilai")

    def __init__(self, rng: dict, r: int, n: int, nilai: object):
        self.rng, self.r, self.n, self.nilai = rng, r, n, nilai


def _acuan(array: Ranges, p: _Posisi) -> Ranges:
    """The reference xindex builds for one cell (look.xindex, line for line)."""
    base = array.ranges[0]
    sheet_id = base["sheet_id"]
    c = _index2col(p.n)
    ref = f"{c}{p.r}"
    name = (f"{sheet_id}!%s" if sheet_id else "%s") % ref
    return Ranges(values=dict(array.values)).set_value({
        "r1": p.r, "r2": p.r, "c1": c, "c2": c, "n1": p.n, "n2": p.n,
        "ref": ref, "name": name, "sheet_id": sheet_id}, p.nilai)


def _tempat(array: Ranges) -> list[np.ndarray]:
    """Each area as placeholders, shaped as the library's array of references."""
    base = array.ranges[0]
    tempat = []
    for rng in array.ranges:
        value = Ranges((rng,), array.values).value
        r1, n1 = int(base["r1"]), base["n1"]
        baris = [[_Posisi(rng, r, n, value[r - r1, n - n1])
                  for n in range(rng["n1"], rng["n2"] + 1)]
                 for r in range(int(rng["r1"]), int(rng["r2"]) + 1)]
        tempat.append(np.asarray(baris, object))
    return tempat


def _ganti(array: Ranges, v: object) -> object:
    """A picked placeholder (or an array of them) as the library's reference(s)."""
    if isinstance(v, _Posisi):
        return _acuan(array, v)
    if isinstance(v, np.ndarray) and v.dtype == object and v.size and any(
            isinstance(x, _Posisi) for x in v.flat):
        hasil = np.empty(v.shape, object)
        for i, x in np.ndenumerate(v):
            hasil[i] = _acuan(array, x) if isinstance(x, _Posisi) else x
        return hasil
    return v


def xindex(array, row_num, col_num=None, area_num=1):
    """look.xindex, references built only for the picked cells."""
    if not isinstance(array, Ranges) or array.is_set:
        return _XINDEX(array, row_num, col_num, area_num)
    arrays = _tempat(array)
    row_num, col_num, area_num = _f.parse_ranges(row_num, col_num, area_num)[0]
    res = np.vectorize(_INDEX, excluded={0}, otypes=[object])(
        arrays, row_num, col_num, area_num, True, isinstance(row_num, np.ndarray))
    for i, v in np.ndenumerate(res):
        res[i] = _ganti(array, v)
    if not res.shape or res.shape == (1, 1):
        res = res.reshape(1, 1)
        if isinstance(res[0, 0], np.ndarray):
            res = res[0, 0]
        elif isinstance(res[0, 0], Ranges):
            return res[0, 0]
    return res.view(_f.Array)


def _inti(fungsi):
    while hasattr(fungsi, "__wrapped__"):
        fungsi = fungsi.__wrapped__
    return fungsi


def pasang(tabel: dict) -> list[str]:
    """Replace the engine's INDEX by this one (idempotent); returns the names replaced."""
    if sidik_sumber(_XINDEX, _INDEX, _index2col) != SIDIK:
        return []
    ganti = []
    for nama, isi in list(tabel.items()):
        if isinstance(isi, dict) and _inti(isi.get("function")) is _XINDEX:
            tabel[nama] = dict(isi, function=_f.wrap_impure_func(
                _f.wrap_func(xindex, ranges=True)))
            ganti.append(nama)
    return ganti
