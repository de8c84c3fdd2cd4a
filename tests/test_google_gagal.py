"""Failures injected in the loopback server, each ending as specified: the right
Indonesian message, a bounded number of attempts (counted, never timed), and no
credential in any message, traceback or log record."""

from __future__ import annotations

import logging
import socket

import gspread
import pytest

from sync.model import skema
from sync.model.mentah import SumberGagal, SumberMentah
from sync.sumber.google import baca_satu
from sync.sumber.google_http import GagalPermintaan, KlienSheets, Pembatas, PengaturanGoogle
from tests.sheets_lokal import ServerSheets, teks_terlihat

ID = "1GangguanxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxA"
TAB = {t.nama: [["Kode"], ["X-01"]] for t in skema.TABS}


class Jam:
    """A clock that only moves when the code sleeps: waits are recorded, not spent."""

    def __init__(self):
        self.kini = 0.0
        self.tidur: list[float] = []

    def __call__(self) -> float:
        return self.kini

    def tunggu(self, detik: float) -> None:
        self.tidur.append(detik)
        self.kini += detik


@pytest.fixture
def server():
    with ServerSheets() as s:
        s.tambah(ID, {"title": "Bidang A", "sheets": TAB})
        yield s


@pytest.fixture
def jam():
    return Jam()


@pytest.fixture
def token(server):
    return server.beri_token("staf@example.go.id")


@pytest.fixture
def baca(server, token, jam, tmp_path, caplog):
    """Read ID with a plain token; returns (result or SumberGagal, attempts seen)."""
    caplog.set_level(logging.DEBUG)

    def jalankan(**ubah):
        nilai = dict(endpoint=server.url, waktu_sambung=2.0, waktu_baca=5.0, percobaan=3,
                     jeda_awal=1.0, jeda_maks=20.0, acak=0.0, batas_waktu=100.0, jam=jam,
                     tidur=jam.tunggu)
        nilai.update(ubah)
        env = {"KINERJA_GOOGLE_TOKEN": token, "XDG_CONFIG_HOME": str(tmp_path)}
        try:
            hasil = baca_satu("Bidang A", ID, pengaturan=PengaturanGoogle(**nilai), env=env)
        except SumberGagal as e:
            hasil = e
        return hasil

    return jalankan


def tanpa_token(server, hasil, caplog) -> None:
    teks = teks_terlihat([hasil] if isinstance(hasil, BaseException) else [], caplog.records)
    for t in server.token_terbit():
        assert t not in teks


def test_403_tanpa_akses_tidak_diulang(server, baca, caplog):
    server.tambah(ID, {"title": "A", "sheets": TAB, "dibagikan": ["orang.lain@dinas.go.id"]})
    hasil = baca()
    assert isinstance(hasil, SumberGagal)
    # the account is named: asked of Drive's about.get, once, after the refusal
    assert hasil.pesan.startswith("Akun Google staf@example.go.id tidak punya akses")
    assert len(server.permintaan_sheets()) == 1
    assert [p.jalur for p in server.permintaan_drive()] == ["/drive/v3/about"]
    tanpa_token(server, hasil, caplog)


def test_403_cakupan_kurang(server, tmp_path):
    token = server.beri_token("staf@example.go.id",
                              cakupan=("https://www.googleapis.com/auth/cloud-platform",))
    with pytest.raises(SumberGagal) as e:
        baca_satu("Bidang A", ID, pengaturan=PengaturanGoogle(endpoint=server.url),
                  env={"KINERJA_GOOGLE_TOKEN": token, "XDG_CONFIG_HOME": str(tmp_path)})
    assert "tidak diberi izin membaca Google Sheets" in e.value.pesan
    assert len(server.permintaan_sheets()) == 1


def test_403_api_belum_aktif(server, baca, caplog):
    server.ganggu(ID, "api_mati")
    hasil = baca()
    assert hasil.pesan.startswith("Google Sheets API belum diaktifkan")
    assert len(server.permintaan_sheets()) == 1


def test_404_tidak_ditemukan(server, baca, caplog):
    server.ganggu(ID, 404)
    hasil = baca()
    assert isinstance(hasil, SumberGagal)
    assert hasil.pesan.startswith(f"Spreadsheet dengan ID {ID} tidak ditemukan.")
    assert len(server.permintaan_sheets()) == 1
    tanpa_token(server, hasil, caplog)


def test_429_lalu_berhasil_menghormati_retry_after(server, baca, jam, caplog):
    server.ganggu(ID, 429, kali=2, retry_after="7")
    hasil = baca()
    assert isinstance(hasil, SumberMentah)
    assert hasil.tabs["Indikator"].sel == [["Kode"], ["X-01"]]
    assert len(server.permintaan_sheets()) == 4  # two refused, then metadata and values
    assert jam.tidur == [7.0, 7.0]  # the server's Retry-After, not our backoff
    tanpa_token(server, hasil, caplog)


def test_429_terus_menerus_menyerah(server, baca, jam, caplog):
    server.ganggu(ID, 429)
    hasil = baca(percobaan=4)
    assert isinstance(hasil, SumberGagal)
    assert hasil.pesan.startswith("Kuota baca Google Sheets terlampaui (sudah dicoba 4 kali")
    assert len(server.permintaan_sheets()) == 4
    assert jam.tidur == [1.0, 2.0, 4.0]  # exponential backoff without Retry-After
    tanpa_token(server, hasil, caplog)


def test_429_retry_after_terlalu_lama_langsung_menyerah(server, baca, jam):
    server.ganggu(ID, 429, retry_after="3600")
    hasil = baca()
    assert "Google meminta menunggu 3600 detik" in hasil.pesan
    assert len(server.permintaan_sheets()) == 1
    assert jam.tidur == []


def test_503_terus_menerus_menyerah(server, baca, jam, caplog):
    server.ganggu(ID, 503)
    hasil = baca(percobaan=3)
    assert isinstance(hasil, SumberGagal)
    assert hasil.pesan.startswith(
        "Server Google Sheets sedang bermasalah (HTTP 503 UNAVAILABLE; sudah dicoba 3 kali).")
    assert len(server.permintaan_sheets()) == 3
    assert jam.tidur == [1.0, 2.0]
    tanpa_token(server, hasil, caplog)


def test_batas_waktu_menghentikan_percobaan(server, baca, jam):
    server.ganggu(ID, 503)
    # waits 10 then 20: the second would end at t=30, past the 25 s budget
    hasil = baca(percobaan=10, jeda_awal=10.0, jeda_maks=60.0, batas_waktu=25.0)
    assert "sudah dicoba 2 kali" in hasil.pesan
    assert len(server.permintaan_sheets()) == 2
    assert jam.tidur == [10.0]


def test_jawaban_macet_berakhir_oleh_batas_waktu_baca(server, baca, caplog):
    server.ganggu(ID, "macet")
    hasil = baca(waktu_baca=0.3, percobaan=2)
    assert isinstance(hasil, SumberGagal)
    assert hasil.pesan.startswith(
        "Google Sheets tidak menjawab dalam 0.3 detik (sudah dicoba 2 kali).")
    assert len(server.permintaan_sheets()) == 2
    tanpa_token(server, hasil, caplog)


def test_koneksi_ditolak(server, baca, jam, caplog):
    with socket.socket() as s:  # a port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    hasil = baca(endpoint=f"http://127.0.0.1:{port}", percobaan=3)
    assert isinstance(hasil, SumberGagal)
    assert hasil.pesan.startswith(
        f"Tidak dapat terhubung ke Google Sheets (127.0.0.1:{port}; sudah dicoba 3 kali).")
    assert jam.tidur == [1.0, 2.0]
    assert server.permintaan == []
    tanpa_token(server, hasil, caplog)


def test_berkas_xlsx_di_drive(server, baca):
    server.ganggu(ID, "bukan_sheets")
    hasil = baca()
    assert hasil.pesan.startswith("Berkas ini bukan Google Spreadsheet")
    assert len(server.permintaan_sheets()) == 1


def test_hanya_get_yang_diulang(server, token, jam):
    """A POST (a write) is never repeated, even on a 503 that a GET would retry."""
    from google.oauth2.credentials import Credentials

    server.ganggu(ID, 503)
    pengaturan = PengaturanGoogle(endpoint=server.url, waktu_baca=5.0, percobaan=4, acak=0.0,
                                  jam=jam, tidur=jam.tunggu)
    klien = gspread.Client(Credentials(token=token), http_client=lambda auth, session:
                           KlienSheets(auth, session, pengaturan=pengaturan,
                                       pembatas=Pembatas()))
    with pytest.raises(GagalPermintaan) as e:
        klien.http_client.batch_update(ID, {"requests": []})
    assert (e.value.kode, e.value.percobaan) == (503, 1)
    [p] = server.permintaan_sheets()
    assert (p.metode, p.jalur) == ("POST", f"/v4/spreadsheets/{ID}:batchUpdate")
    assert jam.tidur == []


def test_bawaan_melewati_satu_menit_kuota_tetapi_berakhir(server, baca, jam):
    """Defaults for the real API against a 429 that never ends: the backoff reaches
    past a quota minute (Google refills it every minute and sends no Retry-After),
    no attempt starts after batas_waktu, and the documented bound holds."""
    server.ganggu(ID, 429)
    p = PengaturanGoogle()
    hasil = baca(percobaan=p.percobaan, jeda_awal=p.jeda_awal, jeda_maks=p.jeda_maks,
                 acak=p.acak, batas_waktu=p.batas_waktu)
    assert isinstance(hasil, SumberGagal)
    n = len(server.permintaan_sheets())
    dasar = [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]  # doubling, capped at jeda_maks
    assert n == p.percobaan == len(dasar) + 1
    assert all(d <= t <= min(d * (1 + p.acak), p.jeda_maks) for d, t in zip(dasar, jam.tidur,
                                                                            strict=True))
    assert sum(jam.tidur[:6]) > 60  # the 7th attempt comes after the minute
    assert jam.kini <= p.batas_waktu < p.batas_total <= 130
    assert p.endpoint == "https://sheets.googleapis.com"
    assert p.per_menit == 60 and p.menit == 60.0
    assert PengaturanGoogle.dari_env({"KINERJA_GOOGLE_ENDPOINT": "https://gw.go.id/"}).endpoint \
        == "https://gw.go.id/"
