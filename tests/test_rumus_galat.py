"""GalatExcel: the error values every formula returns instead of raising."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest

from addin import galat
from addin.galat import GalatExcel


def test_konstanta_dan_kode():
    assert (str(galat.DIV0), str(galat.NILAI), str(galat.NUM), str(galat.NA)) == (
        "#DIV/0!", "#VALUE!", "#NUM!", "#N/A")
    assert galat.DIV0.kode == "#DIV/0!"
    assert repr(galat.NA) == "GalatExcel('#N/A')"


def test_satu_objek_per_kode():
    assert GalatExcel("#DIV/0!") is galat.DIV0
    assert pickle.loads(pickle.dumps(galat.NUM)) is galat.NUM
    assert copy.copy(galat.NA) is galat.NA and copy.deepcopy(galat.NA) is galat.NA
    assert len({galat.DIV0, GalatExcel("#DIV/0!"), galat.NA}) == 2


def test_tidak_dapat_diubah():
    with pytest.raises(AttributeError):
        galat.DIV0.kode = "#N/A"
    with pytest.raises(AttributeError):
        del galat.DIV0.kode
    with pytest.raises(ValueError):
        GalatExcel("#OOPS!")


@pytest.mark.parametrize("kode", ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                                  "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"])
def test_dari_kode_mengenal_semua(kode):
    e = GalatExcel.dari_kode(kode)
    assert isinstance(e, GalatExcel) and str(e) == kode
    assert GalatExcel.dari_kode(f"  {kode.lower()} ") is e


@pytest.mark.parametrize("bukan", ["", "N/A", "#", "#DIV/0", "85%", None, 404, galat])
def test_dari_kode_bukan_galat(bukan):
    assert GalatExcel.dari_kode(bukan) is None


def test_dalam_larik_objek():
    a = np.array([galat.NA, 1.0, None], dtype=object)
    assert a[0] is galat.NA and (a == galat.NA).tolist() == [True, False, False]
