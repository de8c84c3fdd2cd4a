"""The helper process that builds one large sheet gives the same file as building it here."""

from __future__ import annotations

import multiprocessing as mp
import os
import sys

import pytest
import xlsxwriter
from tulis_bantu import buat_induk, plan_contoh

from sync import tulis_proses as tp
from sync.berkas import tulis_berkas
from sync.skema import LEMBAR_MILIK, Plan
from sync.tulis_berkas import TulisDitolak, susun

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="helpers are forked, on Linux only")


@pytest.fixture
def induk_isi(tmp_path) -> bytes:
    """A master whose owned sheets all exist (the first write adds the missing ones)."""
    p = buat_induk(tmp_path / "induk.xlsx")
    tulis_berkas(p, plan_contoh(baris=5), cadangan=0)
    return p.read_bytes()


@pytest.fixture
def dipakai(monkeypatch) -> list[str]:
    """Small sheets count as large, helpers fork (even if an earlier test left a thread
    running, e.g. tqdm's monitor), and every helper started is recorded."""
    monkeypatch.setattr(tp, "AMBANG_BARIS", 20)
    monkeypatch.setattr(tp, "_konteks", lambda: mp.get_context("fork"))
    monkeypatch.setattr(tp.os, "cpu_count", lambda: 2)
    monkeypatch.delenv("KINERJA_PROSES", raising=False)
    catat: list[str] = []
    asli = tp.Pembantu.__init__

    def init(self, paket, bagian, nama, baris):
        catat.append(nama)
        asli(self, paket, bagian, nama, baris)
    monkeypatch.setattr(tp.Pembantu, "__init__", init)
    asli_hasil = tp.Pembantu.hasil

    def hasil(self):
        h = asli_hasil(self)
        catat.append("berhasil" if h is not None else "gagal")
        return h
    monkeypatch.setattr(tp.Pembantu, "hasil", hasil)
    return catat


def _tanpa_pembantu(data: bytes, plan: Plan, monkeypatch) -> bytes:
    with monkeypatch.context() as m:
        m.setenv("KINERJA_PROSES", "0")
        return susun(data, plan).data


@pytest.mark.parametrize("cara", ["fork", "spawn"])
def test_pembantu_memberi_berkas_yang_sama(induk_isi, dipakai, monkeypatch, cara):
    """Also spawned (what other systems would need): the code does not rely on fork."""
    monkeypatch.setattr(tp, "_konteks", lambda: mp.get_context(cara))
    plan = plan_contoh(baris=60, geser=2)
    hasil = susun(induk_isi, plan)
    # the first large sheet went to the helper, and its answer was used
    assert dipakai == [LEMBAR_MILIK[0].nama, "berhasil"]
    assert hasil.data == _tanpa_pembantu(induk_isi, plan, monkeypatch)
    assert hasil.baris[LEMBAR_MILIK[0].nama] == 60


def test_lembar_tidak_berubah_tetap_bagian_lama(induk_isi, dipakai, monkeypatch):
    """Run twice with the same rows: the helper's sheet is found unchanged and the
    stored part is copied (what makes a repeated consolidation idempotent)."""
    plan = plan_contoh(baris=60)
    sekali = susun(induk_isi, plan)
    dua_kali = susun(sekali.data, plan)
    assert dipakai.count("berhasil") == 2
    nama = [b for b in dua_kali.bagian_diubah if "worksheets" in b]
    assert nama == []  # no sheet part rewritten, the helper's included
    assert dua_kali.data == _tanpa_pembantu(sekali.data, plan, monkeypatch)


def test_pembantu_mati_lembar_dibangun_di_sini(induk_isi, dipakai, monkeypatch):
    monkeypatch.setattr(tp, "_anak", lambda *a: os._exit(3))  # dies before answering
    plan = plan_contoh(baris=60, geser=1)
    hasil = susun(induk_isi, plan)
    assert dipakai == [LEMBAR_MILIK[0].nama, "gagal"]
    assert hasil.data == _tanpa_pembantu(induk_isi, plan, monkeypatch)


def test_pembantu_tidak_bisa_mulai(induk_isi, dipakai, monkeypatch):
    def gagal(self, *a):
        raise OSError("no processes here")
    monkeypatch.setattr(tp.Pembantu, "__init__", gagal)
    plan = plan_contoh(baris=60, geser=3)
    assert susun(induk_isi, plan).data == _tanpa_pembantu(induk_isi, plan, monkeypatch)


def test_pembantu_menolak_seperti_di_sini(tmp_path, dipakai, monkeypatch):
    """A sheet the writer refuses (an Excel Table in it) is refused with the same message
    when the helper builds it."""
    p = tmp_path / "m.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    ind = wb.add_worksheet(LEMBAR_MILIK[0].nama)
    ind.add_table("A1:C3", {"columns": [{"header": h} for h in ("a", "b", "c")]})
    wb.add_worksheet(LEMBAR_MILIK[1].nama)
    wb.close()
    plan = Plan({lm.nama: r for lm, r in zip(LEMBAR_MILIK[:2], (
        plan_contoh(baris=30).lembar[lm.nama] for lm in LEMBAR_MILIK[:2]), strict=True)})
    with pytest.raises(TulisDitolak) as lewat_pembantu:
        susun(p.read_bytes(), plan)
    assert dipakai == [LEMBAR_MILIK[0].nama, "berhasil"]  # the helper answered: refused
    with monkeypatch.context() as m, pytest.raises(TulisDitolak) as di_sini:
        m.setenv("KINERJA_PROSES", "0")
        susun(p.read_bytes(), plan)
    assert "Tabel Excel" in lewat_pembantu.value.pesan
    assert lewat_pembantu.value.pesan == di_sini.value.pesan


def test_kapan_pembantu_dipakai(monkeypatch):
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 1)  # only this thread
    monkeypatch.setattr(tp.os, "cpu_count", lambda: 4)
    monkeypatch.delenv("KINERJA_PROSES", raising=False)
    assert tp.boleh(2) and not tp.boleh(1)
    monkeypatch.setenv("KINERJA_PROSES", "0")
    assert not tp.boleh(2)
    monkeypatch.delenv("KINERJA_PROSES")
    monkeypatch.setattr(tp.os, "cpu_count", lambda: 1)
    assert not tp.boleh(2)
    monkeypatch.setattr(tp.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # another thread: no fork
    assert not tp.boleh(2)
    monkeypatch.setattr(tp.sys, "platform", "win32")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert not tp.boleh(2)
