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
import itertools
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from formulas import functions as _f

from addin.sidik import sidik_sumber

_UJI = _f.__dict__.get("__xfilter")   # the library's test of one range against one criterion
_XFILTERS = getattr(_f, "xfilters", None)
SIDIK = "2b7626f412daa99e"            # sidik_sumber of the code mirrored here (1.3.0-1.3.4)
_BATAS_SEL = 4_000_000     # cells of criteria ranges kept (a run of the master: ~16 ranges)
_BATAS_MASKER = 8_000_000  # mask elements kept (one byte each)


class _Ingatan:
    """The criteria ranges already prepared and their masks, for one computation
    (`satu_hitungan` empties it before and after), bounded by size, least recently
    used first out. A mask is keyed by its range's serial number, so a mask never
    holds a range's (large) content key alive."""

    def __init__(self, batas_sel: int = _BATAS_SEL, batas_masker: int = _BATAS_MASKER):
        self.batas_sel, self.batas_masker = batas_sel, batas_masker
        self.lupakan()

    def lupakan(self) -> None:
        self.rentang: OrderedDict = OrderedDict()  # content key -> (serial, prepared, cells)
        self.masker: OrderedDict = OrderedDict()   # (serial, type, criterion) -> mask
        self.sel = self.elemen = 0
        self._nomor = itertools.count()

    def rentang_uji(self, v) -> tuple[int | None, dict]:
        """The range as xfilters prepares it ({'raw': blanks as ''}) and its serial,
        shared by equal ranges so the library's lazy number conversion ('num') is done
        once too."""
        a = np.asarray(v)
        isi = a.ravel().tolist()
        try:
            kunci = (a.shape, tuple(map(type, isi)), tuple(isi))
            ada = self.rentang.get(kunci)
        except TypeError:  # an unhashable value: not kept
            return None, {"raw": _f.replace_empty(v, "")}
        if ada is not None:
            self.rentang.move_to_end(kunci)
            return ada[0], ada[1]
        ada = self.rentang[kunci] = (next(self._nomor), {"raw": _f.replace_empty(v, "")},
                                     len(isi))
        self.sel += len(isi)
        while self.sel > self.batas_sel and len(self.rentang) > 1:
            self.sel -= self.rentang.popitem(last=False)[1][2]
        return ada[0], ada[1]

    def masker_uji(self, nomor: int | None, rentang: dict, kondisi) -> np.ndarray:
        """The library's mask of `rentang` against `kondisi`; never changed by callers."""
        if nomor is None:
            return _UJI(rentang, kondisi)
        try:
            kunci = (nomor, type(kondisi), kondisi)
            m = self.masker.get(kunci)
        except TypeError:
            return _UJI(rentang, kondisi)
        if m is not None:
            self.masker.move_to_end(kunci)
            return m
        m = _UJI(rentang, kondisi)  # a FoundError passes through, not kept
        m.flags.writeable = False
        self.masker[kunci] = m
        self.elemen += m.size
        while self.elemen > self.batas_masker and len(self.masker) > 1:
            self.elemen -= self.masker.popitem(last=False)[1].size
        return m


_INGATAN = _Ingatan()


@contextmanager
def satu_hitungan() -> Iterator[None]:
    """One workbook's computation: the memory starts empty and is emptied afterwards
    (a long-lived add-in server computes many workbooks)."""
    _INGATAN.lupakan()
    try:
        yield
    finally:
        _INGATAN.lupakan()


def _xfilter(accumulator, operating_range, test_ranges, *conditions):
    """formulas.functions._xfilter, with the masks from the memory."""
    operating_range = np.asarray(operating_range)
    try:
        b = None
        for (nomor, test_range), condition in zip(test_ranges, conditions, strict=False):
            m = _INGATAN.masker_uji(nomor, test_range, condition)
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
