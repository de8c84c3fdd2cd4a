"""A Google address or e-mail that is wrong is refused naming it on any machine: the
addresses are checked before credentials are looked for, so a typo in Pengaturan,
--sumber or --bagikan is not hidden behind "Kredensial Google belum diatur" on a PC
that has none (and no request leaves the machine)."""

from __future__ import annotations

import shutil

import pytest

from sync import bawaan
from sync.cli import main
from sync.cli.keluar import KELUAR_DITOLAK
from sync.induk.pengaturan import Sumber
from sync.konsolidasi import baca_semua
from sync.model.mentah import SumberGagal
from sync.sumber.google import baca_google
from tests.sheets_lokal import ServerSheets

ID = "1Sebelumxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
TERPOTONG = "https://docs.google.com/spreadsheets/d/1Sebelumxxxxx/edit"
SUREL = "staf.renbang@batam.go.id"
BELUM = "Kredensial Google belum diatur"


@pytest.fixture
def tanpa_kredensial(monkeypatch, tmp_path):
    """A machine with no credential anywhere cari_kredensial looks."""
    for nama in ("KINERJA_GOOGLE_TOKEN", "KINERJA_GOOGLE_KREDENSIAL",
                 "GOOGLE_APPLICATION_CREDENTIALS"):
        monkeypatch.delenv(nama, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "rumah"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    with ServerSheets() as s:  # would see any request that leaves
        monkeypatch.setenv("KINERJA_GOOGLE_ENDPOINT", s.url)
        yield s


def test_alamat_salah_disebut_walau_tanpa_kredensial(tanpa_kredensial):
    hasil = baca_google([("Sekretariat", TERPOTONG), ("Bidang UMKM", SUREL),
                         ("Bidang Koperasi", ID)])
    assert [type(h) for h in hasil] == [SumberGagal] * 3
    assert TERPOTONG in hasil[0].pesan and "tidak lengkap" in hasil[0].pesan
    assert SUREL in hasil[1].pesan and "alamat e-mail" in hasil[1].pesan
    assert BELUM not in hasil[0].pesan + hasil[1].pesan
    assert hasil[2].pesan.startswith(BELUM)  # the good address still needs credentials
    assert tanpa_kredensial.permintaan == []


def test_sumber_pengaturan_lewat_mesin_konsolidasi(tanpa_kredensial, tmp_path):
    """The engine's routing (Pengaturan rows and --sumber alike): an e-mail or a
    non-Google web address is not looked for as a file beside the master."""
    hasil = baca_semua([Sumber("Sekretariat", SUREL),
                        Sumber("Bidang UMKM", "https://onedrive.live.com/edit?id=AB12")],
                       tmp_path)
    assert "alamat e-mail" in hasil[0].pesan
    assert "alamat web lain tidak dapat dibaca" in hasil[1].pesan
    for h in hasil:
        assert "tidak ditemukan" not in h.pesan and BELUM not in h.pesan
    assert tanpa_kredensial.permintaan == []


def test_cli_sumber_salah_ditolak_menyebut_alamat(tanpa_kredensial, tmp_path, capsys):
    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(bawaan.INDUK, induk)
    rc = main(["konsolidasi", str(induk), "--coba", "--sumber", f"Sekretariat={TERPOTONG}"])
    keluar = capsys.readouterr()
    teks = " ".join(keluar.err.split())
    assert rc == KELUAR_DITOLAK
    assert f"'{TERPOTONG}' tidak lengkap" in teks
    assert BELUM not in teks
    assert tanpa_kredensial.permintaan == []


def test_cli_bagikan_surel_salah_tanpa_kredensial(tanpa_kredensial, capsys):
    rc = main(["templat", "buat", "google", "--nama", "Sekretariat", "--bagikan",
               "staf di dinas"])
    keluar = capsys.readouterr()
    assert rc == KELUAR_DITOLAK
    assert "'staf di dinas' bukan alamat e-mail" in keluar.err
    assert BELUM not in keluar.out + keluar.err
    assert tanpa_kredensial.permintaan == []


def test_pesan_tolak_tanpa_titik_ganda(tanpa_kredensial, tmp_path, capsys):
    """A source's message ends with its own full stop; the refusal that quotes it
    does not add a second one ("Panduan: .../google-sheets.md..")."""
    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(bawaan.INDUK, induk)
    rc = main(["konsolidasi", str(induk), "--coba", "--sumber", f"Sekretariat={ID}"])
    teks = " ".join(capsys.readouterr().err.split())
    assert rc == KELUAR_DITOLAK and BELUM in teks
    assert ".." not in teks.replace("…", ""), teks
