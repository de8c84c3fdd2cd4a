"""The fast row writer gives exactly the XML of the general cell writer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.model.skema import BarisKolom
from sync.tulis.lembar import baris_data_xml, huruf_kolom, sel_xml


def _acuan(baris, gaya, p=""):
    """The straightforward version: one sel_xml per cell."""
    keluar = []
    for nomor, isi in enumerate(baris, start=2):
        sel = "".join(sel_xml(f"{huruf_kolom(j + 1)}{nomor}", v, gaya[j], p)
                      for j, v in enumerate(isi))
        if sel:
            keluar.append(f'<{p}row r="{nomor}">{sel}</{p}row>')
    return "".join(keluar)


nilai = st.one_of(
    st.none(), st.booleans(), st.integers(-10**15, 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["=SUM(A1)", "@x", " spasi", "a&b<c>", "_x0041_", "baris\rbaru", "",
                     "Bidang Pemberdayaan dan Perlindungan Koperasi"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(nilai, min_size=0, max_size=5), max_size=6),
       st.sampled_from([None, "0", "3"]), st.sampled_from(["", "x:"]))
def test_cepat_sama_dengan_acuan(baris, gaya1, p):
    gaya = [gaya1, "7", None, "0", "12"]
    assert baris_data_xml(baris, gaya, p) == _acuan(baris, gaya, p)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.lists(st.lists(nilai, min_size=n, max_size=n),
                                                    max_size=6)),
       st.sampled_from([None, "0", "3"]), st.sampled_from(["", "x:"]))
def test_baris_kolom_sama_dengan_acuan(baris, gaya1, p):
    """The pipeline's sheets come as columns (BarisKolom): the same XML as the rows."""
    gaya = [gaya1, "7", None, "0", "12"]
    n = len(baris[0]) if baris else 0
    kolom = BarisKolom([[r[j] for r in baris] for j in range(n)])
    assert kolom == baris and list(kolom) == baris and len(kolom) == len(baris)
    assert baris_data_xml(kolom, gaya, p) == _acuan(baris, gaya, p)


berulang = st.sampled_from([0.0, -0.0, 1.0, 1, 2, 2.5, -3, 1e20, 10**16, 0.1 + 0.2, 5e-324])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(berulang, min_size=3, max_size=3), min_size=1, max_size=40))
def test_angka_berulang_sama_dengan_acuan(baris):
    """Columns of few distinct numbers take repr once per value (_repr_berulang): the
    same XML as a repr per cell, with 0.0 beside -0.0 and 1 beside 1.0."""
    gaya = [None, "3", "0"]
    kolom = BarisKolom([[r[j] for r in baris] for j in range(3)])
    assert baris_data_xml(kolom, gaya) == _acuan(baris, gaya)


def test_angka_berulang_nol_negatif_dan_jenis_campur():
    """The cases a value-keyed memory would get wrong, on columns long enough for it."""
    baris = [[-0.0 if i % 2 else 0.0, 1 if i % 3 else 1.0, 7.5, 2021] for i in range(40)]
    gaya = [None, None, None, None]
    xml = baris_data_xml(BarisKolom([[r[j] for r in baris] for j in range(4)]), gaya)
    assert xml == _acuan(baris, gaya)
    assert '<c r="A3"><v>-0.0</v>' in xml and '<c r="B5"><v>1.0</v>' in xml


teks = st.one_of(st.none(), st.text(max_size=8), st.sampled_from(
    ["\xa0awal", "akhir\u2003", "a\x7fb", "_x004", "1_", "_x00A9_", "tab\t", "", "x\x85"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(teks, min_size=3, max_size=3), min_size=1, max_size=6))
def test_kolom_teks_cepat_sama_dengan_acuan(baris):
    """Text-only columns take the joined-regex check; it must agree with sel_xml."""
    gaya = [None, "3", None]
    assert baris_data_xml(baris, gaya) == _acuan(baris, gaya)


def test_baris_kolom_sebagai_baris():
    """Everything but the file writer sees plain rows: index, slice, iterate, compare."""
    b = BarisKolom([["A", "B", "C"], [1, 2.5, None]])
    assert len(b) == 3 and b[0] == ["A", 1] and b[-1] == ["C", None]
    assert b[1:] == [["B", 2.5], ["C", None]] and list(b) == [["A", 1], ["B", 2.5], ["C", None]]
    assert b == [("A", 1), ("B", 2.5), ("C", None)] and b != [["A", 1]]
    assert b.tipe() == [{str}, {int, float, type(None)}]
    assert BarisKolom([]) == [] and len(BarisKolom([[], []])) == 0
    with pytest.raises(IndexError):
        b[3]
    with pytest.raises(ValueError):
        BarisKolom([[1], [1, 2]])


def test_plan_holds_every_sheet_as_columns():
    """A Rencana's sheets are BarisKolom however they are given: at construction, by item,
    or by replacing the whole dict (the bench does)."""
    from sync.model.skema import Rencana

    p = Rencana({"Riwayat": [["a", 1], ["b"]]})
    p.lembar["Pemeriksaan"] = [[1, "x"]]
    assert all(isinstance(v, BarisKolom) for v in p.lembar.values())
    r = p.lembar["Riwayat"]
    assert r == [["a", 1], ["b", None]] and r == [["a", 1], ["b"]]  # trailing blanks
    p.lembar = {"Data Anggaran": [[1, 2]]}
    assert isinstance(p.lembar["Data Anggaran"], BarisKolom)
