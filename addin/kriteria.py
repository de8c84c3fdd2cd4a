"""SUMIFS, COUNTIFS and the other *IFS of the formula engine, each criterion's mask
computed once.

The master's report tables hold about a thousand SUMIFS/COUNTIFS over the same few
data columns (`Ind_Kode = $A6`, `Ind_Tahun = Tahun_Laporan`, `Ind_Target > -1E+307`).
`formulas` tests every cell of a criteria range against its criterion in Python
(`np.vectorize`) for every formula, so refreshing the stored values grew by about
1.2 ms per data row (2,000 budget rows: 4.5 s; 8,000: 11.5 s). Here the library's own
test (`formulas.functions.__xfilter`) still decides every match; its result is kept,
keyed by the criteria range's content (values and their types: 1, 1.0, True and the
text "1" stay apart) and the criterion (value and type), so each distinct pair is
tested once. The rest is `formulas.functions.xfilters` line for line.
tests/test_kriteria.py compares every function with the library's own on random ranges
and criteria.

This mirrors formulas 1.3.0-1.3.4 (the same code in all of them). `pasang` replaces
nothing unless the library's xfilters, _xfilter and __xfilter are exactly that code (a
digest of their source): another version keeps its own functions.
"""

from __future__ import annotations

import functools
from collections import OrderedDict

import numpy as np
from formulas import functions as _f

from addin.sidik import sidik_sumber

_UJI = _f.__dict__.get("__xfilter")   # the library's test of one range against one criterion
_XFILTERS = getattr(_f, "xfilters", None)
SIDIK = "2b7626f412daa99e"            # sidik_sumber of the code mirrored here (1.3.0-1.3.4)
_BATAS = 512                          # masks kept (an LRU); a run of the master needs ~120


class _Ingatan:
    """The masks and the ranges already prepared, bounded (a long-lived add-in server
    refreshes many workbooks)."""

    def __init__(self, batas: int = _BATAS):
        self.batas = batas
        self.masker: OrderedDict = OrderedDict()
        self.rentang: OrderedDict = OrderedDict()

    def _simpan(self, peta: OrderedDict, kunci, nilai):
        peta[kunci] = nilai
        if len(peta) > self.batas:
            peta.popitem(last=False)
        return nilai

    def rentang_uji(self, v) -> tuple[object, dict]:
        """The range as xfilters prepares it ({'raw': blanks as ''}), shared by equal
        ranges so the library's lazy number conversion ('num') is done once too."""
        a = np.asarray(v)
        isi = a.ravel().tolist()
        try:
            kunci = (a.shape, tuple(map(type, isi)), tuple(isi))
            siap = self.rentang.get(kunci)
        except TypeError:  # an unhashable value: not kept
            return None, {"raw": _f.replace_empty(v, "")}
        if siap is None:
            siap = self._simpan(self.rentang, kunci, {"raw": _f.replace_empty(v, "")})
        else:
            self.rentang.move_to_end(kunci)
        return kunci, siap

    def masker_uji(self, kunci_rentang, rentang: dict, kondisi) -> np.ndarray:
        """The library's mask of `rentang` against `kondisi`; never changed by callers."""
        if kunci_rentang is None:
            return _UJI(rentang, kondisi)
        try:
            kunci = (kunci_rentang, type(kondisi), kondisi)
            m = self.masker.get(kunci)
        except TypeError:
            return _UJI(rentang, kondisi)
        if m is None:
            m = _UJI(rentang, kondisi)  # a FoundError passes through, not kept
            m.flags.writeable = False
            return self._simpan(self.masker, kunci, m)
        self.masker.move_to_end(kunci)
        return m


_INGATAN = _Ingatan()


def _xfilter(accumulator, operating_range, test_ranges, *conditions):
    """formulas.functions._xfilter, with the masks from the memory."""
    operating_range = np.asarray(operating_range)
    try:
        b = None
        for (kunci, test_range), condition in zip(test_ranges, conditions, strict=False):
            m = _INGATAN.masker_uji(kunci, test_range, condition)
            b = m.copy() if b is None else b & m
        return accumulator(operating_range[b])
    except _f.FoundError as ex:
        return ex.err


_xfilter = np.vectorize(_xfilter, otypes=[object], excluded={0, 1, 2})


def xfilters(accumulator, operating_range, test_range, condition, *args):
    """formulas.functions.xfilters (SUMIFS, COUNTIFS, AVERAGEIFS, MAXIFS, MINIFS)."""
    if len(args) % 2:
        raise ValueError(
            "Additional arguments must be supplied in (test_range, condition) pairs.")
    test_ranges = [test_range, *args[0::2]]
    operating_range = test_range if operating_range is None else operating_range
    siap = [_INGATAN.rentang_uji(v) for v in test_ranges]
    return _xfilter(accumulator, operating_range, siap, condition, *args[1::2]).view(_f.Array)


def _partial_xfilters(fungsi) -> functools.partial | None:
    """The functools.partial(xfilters, ...) behind an engine entry, or None."""
    while hasattr(fungsi, "__wrapped__"):
        fungsi = fungsi.__wrapped__
    if isinstance(fungsi, functools.partial) and fungsi.func is _XFILTERS:
        return fungsi
    return None


def pasang(tabel: dict) -> list[str]:
    """Replace every engine function built on the library's xfilters by the same one on
    this xfilters (idempotent); returns the names replaced."""
    if sidik_sumber(_XFILTERS, getattr(_f, "_xfilter", None), _UJI) != SIDIK:
        return []
    ganti = []
    for nama, fungsi in list(tabel.items()):
        p = _partial_xfilters(fungsi)
        if p is not None:
            tabel[nama] = _f.wrap_func(functools.partial(xfilters, *p.args, **p.keywords))
            ganti.append(nama)
    return ganti
