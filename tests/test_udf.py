"""The xlwings bindings (addin/udf.py), tested on Linux.

On Linux `xw.func`/`xw.arg` are no-ops, so the metadata Excel sees is checked on a
second copy of addin/udf.py decorated by xlwings' real Windows decorators
(xlwings/udfs.py, imported with stand-ins for pywin32's modules). The same copy
feeds xlwings' own VBA generator, whose output is what `import_udfs` writes into
the add-in on Windows. Nothing here talks to Excel.
"""

from __future__ import annotations

import importlib.util
import inspect
import io
import re
import sys
import types
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import xlwings

from addin import rumus, udf
from addin.galat import DIV0, NA, GalatExcel

NAMA = sorted(rumus.FUNGSI_EXCEL)
# VBA keywords and built-in names a parameter must not take (the ones plausible here).
VBA_TERLARANG = {"date", "string", "integer", "long", "double", "variant", "object", "error",
                 "empty", "null", "nothing", "true", "false", "and", "or", "not", "mod",
                 "set", "let", "get", "end", "exit", "function", "sub", "property", "type",
                 "name", "len", "val", "str", "int", "fix", "abs", "time", "year", "month"}


@pytest.fixture(scope="module")
def win():
    """(xlwings.udfs, addin/udf.py decorated with xlwings' Windows decorators)."""
    with pytest.MonkeyPatch.context() as mp:
        pythoncom = types.ModuleType("pythoncom")
        pythoncom.CoInitialize = lambda: None
        pywintypes = types.ModuleType("pywintypes")
        pywintypes.com_error = type("com_error", (Exception,), {})
        win32com = types.ModuleType("win32com")
        client = types.ModuleType("win32com.client")
        client.Dispatch = lambda *a, **k: None
        win32com.client = client
        for nama, modul in (("pythoncom", pythoncom), ("pywintypes", pywintypes),
                            ("win32com", win32com), ("win32com.client", client)):
            mp.setitem(sys.modules, nama, modul)
        mp.delitem(sys.modules, "xlwings.udfs", raising=False)
        udfs = importlib.import_module("xlwings.udfs")
        mp.setattr(xlwings, "func", udfs.xlfunc)
        mp.setattr(xlwings, "arg", udfs.xlarg)
        spec = importlib.util.spec_from_file_location("udf_windows", Path(udf.__file__))
        modul = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(modul)
        yield udfs, modul
        sys.modules.pop("xlwings.udfs", None)
        udfs.com_executor.shutdown(wait=False)


def _udf_dengan_metadata(modul) -> dict[str, object]:
    return {n: getattr(modul, n) for n in dir(modul) if hasattr(getattr(modul, n), "__xlfunc__")}


def test_nama_udf_sama_dengan_fungsi_excel(win):
    _, modul = win
    fungsi = _udf_dengan_metadata(modul)
    assert set(fungsi) == set(rumus.FUNGSI_EXCEL)
    for nama, f in fungsi.items():
        assert f.__xlfunc__["name"] == nama
        assert f.__xlfunc__["category"] == "Kinerja"


def test_bantuan_dan_opsi_argumen(win):
    _, modul = win
    for nama, f in _udf_dengan_metadata(modul).items():
        info = f.__xlfunc__
        # Excel's function wizard keeps 255 characters (MacroOptions)
        assert 10 < len(info["ret"]["doc"]) <= 255, nama
        assert info["ret"]["doc"] == f.__doc__
        for arg in info["args"]:
            assert not arg["doc"].startswith("Positional argument"), (nama, arg["name"])
            assert len(arg["doc"]) <= 255
            # ndim=2, error cells as text, and no chunking (no shape check per call)
            assert arg["options"] == {"ndim": 2, "err_to_str": True, "chunksize": None}, (
                nama, arg["name"])
            assert arg["vba"] is None and not arg["vararg"]


def test_tanda_tangan_mengikuti_rumus(win):
    """Same number of parameters and the same defaults as the rumus function."""
    _, modul = win
    for nama in NAMA:
        p_udf = list(inspect.signature(getattr(modul, nama)).parameters.values())
        p_rumus = list(inspect.signature(rumus.FUNGSI_EXCEL[nama]).parameters.values())
        assert len(p_udf) == len(p_rumus), nama
        for a, b in zip(p_udf, p_rumus, strict=True):
            assert a.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
            assert a.default == b.default, (nama, a.name)


def test_nama_parameter_aman_untuk_vba(win):
    """The generated VBA puts all wrappers in one module and VBA ignores case."""
    _, modul = win
    nama_fungsi = {n.casefold() for n in NAMA}
    for nama in NAMA:
        for p in inspect.signature(getattr(modul, nama)).parameters:
            assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", p)
            assert p.casefold() not in nama_fungsi, (nama, p)
            assert p.casefold() not in VBA_TERLARANG, (nama, p)
            assert p != "caller"  # reserved by xlwings


def test_vba_yang_dibuat_xlwings(win):
    """xlwings' own generator (what import_udfs imports into kinerja.xlam)."""
    udfs, modul = win
    keluaran = io.StringIO()
    udfs.generate_vba_wrapper("addin.udf", modul, keluaran, SimpleNamespace(Name="kinerja.xlam"))
    vba = keluaran.getvalue()
    assert "Function CAPAIAN(realisasi, target, Optional arah, Optional batas)" in vba
    assert "Function PREDIKAT(nilai, Optional skala)" in vba
    assert "Function TERBILANG(nilai, Optional satuan, Optional huruf)" in vba
    for nama in NAMA:
        assert f'{nama} = XLPy.CallUDF("addin.udf", "{nama}", ' in vba
    assert vba.count("End Function") == len(NAMA)
    assert "ActiveWorkbook, Application.Caller" in vba  # add-in form, not ThisWorkbook


@pytest.mark.parametrize("nama", NAMA)
def test_pembungkus_memanggil_fungsi_rumus(nama, monkeypatch):
    """Each wrapper hands its converted arguments to the rumus function and converts
    what it returns; nothing else happens in between."""
    fungsi = rumus.FUNGSI_EXCEL[nama]
    panggilan = []

    def perekam(*args):
        panggilan.append(args)
        return np.array([[DIV0, None], [1.5, "teks"]], dtype=object)

    monkeypatch.setattr(rumus, fungsi.__name__, perekam)
    n = len(inspect.signature(fungsi).parameters)
    masuk = [[[2.0, "#N/A"], [None, "x"]]] + [[[float(i)]] for i in range(1, n)]
    hasil = getattr(udf, nama)(*masuk)
    assert hasil == [["#DIV/0!", None], [1.5, "teks"]]
    assert len(panggilan) == 1
    pertama, *lain = panggilan[0]
    assert pertama.shape == (2, 2)
    assert pertama.tolist() == [[2.0, NA], [None, "x"]]  # error text -> GalatExcel
    assert lain == [float(i) for i in range(1, n)]       # a single cell is a single value


def test_nilai_bawaan_sampai_ke_rumus(monkeypatch):
    """An argument left out in Excel arrives as the Python default (xlwings' call_udf)."""
    panggilan = []
    monkeypatch.setattr(rumus, "capaian", lambda *a: panggilan.append(a) or 1.0)
    assert udf.CAPAIAN([[1.0]], [[2.0]]) == 1.0
    assert panggilan == [(1.0, 2.0, "positif", None)]


def test_galat_tak_terduga_jadi_value_tanpa_traceback(monkeypatch, caplog):
    def rusak(*_a):
        raise RuntimeError("bug di rumus")

    monkeypatch.setattr(rumus, "capaian", rusak)
    assert udf.CAPAIAN([[1.0]], [[2.0]]) == "#VALUE!"
    assert "bug di rumus" in caplog.text  # logged for the developer, not shown in the cell


# --- with the real formulas: numbers from docs/dev/domain.md and the seed report ----------

def test_capaian_positif_dan_negatif():
    assert udf.CAPAIAN([[585.0]], [[1368.0]]) == pytest.approx(585 / 1368)
    # PermenPAN-RB example: T = 7, R = 6.5 gives 107% (2*7 - 6.5) / 7
    assert udf.CAPAIAN([[6.5]], [[7.0]], [["negatif"]]) == pytest.approx(7.5 / 7)
    kolom = udf.CAPAIAN([[585.0], [6.5]], [[1368.0], [7.0]], [["positif"], ["negatif"]])
    assert kolom == [[pytest.approx(585 / 1368)], [pytest.approx(7.5 / 7)]]


def test_galat_dan_kosong_di_sel():
    assert udf.CAPAIAN([[1.0]], [[0.0]]) == "#DIV/0!"
    assert udf.CAPAIAN([["#N/A"]], [[5.0]]) == "#N/A"        # an error cell propagates
    assert udf.CAPAIAN([[None]], [[5.0]]) is None            # blank -> "" in Excel
    assert udf.PREDIKAT([["#DIV/0!"]]) == "#DIV/0!"          # our own error text, chained
    assert udf.CAPAIAN([[1.0, None]], [[0.0, 5.0]]) == [["#DIV/0!", None]]


def test_predikat_terbilang_proyeksi():
    assert udf.PREDIKAT([[0.905]]) == "Sangat Tinggi"
    assert udf.PREDIKAT([[0.90]]) == "Tinggi"                # > 90% is Sangat Tinggi
    assert udf.PREDIKAT([[0.90]], [["berhasil"]]) == "Berhasil"
    assert udf.TERBILANG([[1808970744.0]], [["rupiah"]]) == (
        "Satu miliar delapan ratus delapan juta sembilan ratus tujuh puluh ribu "
        "tujuh ratus empat puluh empat rupiah")
    assert udf.PROYEKSI([[259515461246.0]], [[0.2]]) == pytest.approx(311418553495.2)
    # Seed Tabel 2.5: turnover 2020 and rates 20%..25% give 2021..2026 (whole rupiah)
    baris = udf.PROYEKSI([[259515461246.0]], [[0.20, 0.21, 0.22, 0.23, 0.24, 0.25]])
    assert [round(v) for v in baris[0]] == [311418553495, 376816449729, 459716068670,
                                             565450764464, 701158947935, 876448684919]


def test_keluaran_tanpa_tipe_numpy():
    """pywin32 must get plain Python values."""
    hasil = udf.SISA_ANGGARAN([[9896127789.0], [5.0]], [[8087157045.0], [6.0]])
    assert hasil == [[1808970744.0], [-1.0]]
    assert all(type(v) is float for (v,) in hasil)
    assert not isinstance(udf.ANGKA("#REF!"), GalatExcel)
