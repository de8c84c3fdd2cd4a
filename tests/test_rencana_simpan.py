"""The old rows' bidang found a column at a time (kept rows, the empty-source check, the
kept bidang's names) against the plain per-row reference, on first cells of every kind
kunci_bidang reads: blank, spaced, numbers equal across types, -0.0, NaN, empty rows."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sync import konsolidasi as k
from sync.induk.pengaturan import kunci_bidang
from sync.model.skema import DATA_INDIKATOR, BarisKolom
from sync.periksa.urai import transpos
from sync.rencana import _baris_bidang, _kolom_simpan

N = len(DATA_INDIKATOR.kolom)
PERTAMA = ["Bidang A", "bidang  a", " BIDANG A ", None, "", "  ", 0, 0.0, -0.0, 1, 1.0, True,
           False, float("nan"), "Bidang B", "Ｂｉｄａｎｇ Ｂ", "1", "True", "0.0", "-0.0", "nan"]


def lembar(bentuk: str) -> list:
    rows = [[v, f"K{i}", i * 1.5, *([None] * (N - 3))] for i, v in enumerate(PERTAMA)]
    if bentuk == "baris":  # as the button reads a sheet: ragged, an empty row, a wide one
        rows[2] = rows[2][:2]
        rows.insert(5, [])
        rows[7] = rows[7] + ["lebih"]
        return rows
    return BarisKolom.dari_baris(rows)


def acuan_simpan(rows, bidang: str) -> list:
    kunci = kunci_bidang(bidang)
    return transpos([[bidang, *r[1:]] for r in rows
                     if r and kunci_bidang(r[0] or "") == kunci], N)


@pytest.mark.parametrize("bentuk", ["baris", "kolom"])
def test_baris_simpan_sama_dengan_acuan(bentuk):
    sheet = lembar(bentuk)
    kolom, per = _baris_bidang(sheet)
    for bidang in ["Bidang A", "bidang b", "0", "1", "1.0", "True", "  ", "nan", "Tidak Ada"]:
        baru = _kolom_simpan(kolom, per.get(kunci_bidang(bidang), []), bidang, N)
        acuan = acuan_simpan(list(sheet), bidang)
        assert [list(c) for c in baru] == [list(c) for c in acuan], bidang
    # by hand: three spellings of Bidang A, two of Bidang B; blank, "  ", 0, 0.0, -0.0 and
    # False read as "" (nameless)
    assert len(per[kunci_bidang("Bidang A")]) == 3 and len(per["bidang b"]) == 2
    assert len(per[""]) == 7  # the empty row of "baris" is no bidang's


def _acuan_di_induk(lama) -> dict[str, int]:
    di_induk: dict[str, int] = {}
    for nama in ("Data Indikator", "Data Anggaran", "Data Statistik"):
        for r in lama.get(nama, []):
            if r and r[0]:
                kk = kunci_bidang(str(r[0]))
                di_induk[kk] = di_induk.get(kk, 0) + 1
    return di_induk


def _acuan_lain(lama) -> list[str]:
    hasil: dict[str, str] = {}
    for nama in ("Data Indikator", "Data Anggaran", "Data Statistik"):
        for r in lama.get(nama, []):
            if r and r[0] not in (None, ""):
                hasil.setdefault(kunci_bidang(r[0]), str(r[0]))
    return list(hasil.values())


@pytest.mark.parametrize("bentuk", ["baris", "kolom"])
def test_bidang_lama_sama_dengan_acuan(bentuk):
    lama = {"Data Indikator": lembar(bentuk), "Data Anggaran": lembar(bentuk)[::-1]
            if bentuk == "baris" else BarisKolom.dari_baris(list(lembar(bentuk))[::-1])}
    assert k._bidang_lain([], [], lama) == _acuan_lain(lama)
    assert k._bidang_lain([], [], lama)[:3] == ["Bidang A", "  ", "0"]
    di_induk = _acuan_di_induk(lama)
    kosong = [SimpleNamespace(bidang=b, alamat="x.xlsx", indikator=[], anggaran=[],
                              statistik=[]) for b in ["Bidang A", "1", "1.0", "nan", "true",
                                                      "bidang b", "Lain"]]
    temuan = k._temuan_kosong({d.bidang: d for d in kosong}, lama)
    for d, t in zip(kosong, temuan, strict=True):
        n = di_induk.get(kunci_bidang(d.bidang), 0)
        assert (f"menyimpan {n} baris" in t.pesan) if n else t.tingkat == "peringatan", d
    assert "menyimpan 6 baris" in temuan[0].pesan  # 3 spellings in each of two sheets
