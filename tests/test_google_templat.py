"""`kinerja templat buat google` against the loopback server: one upload that Google
converts to a spreadsheet, one permission per address, the URL printed; the new
spreadsheet then passes `kinerja templat periksa`. Failures end with the right
Indonesian message after exactly one upload attempt (a POST is never retried), and
no credential shows in any output or log."""

from __future__ import annotations

import json
import logging
import re

import pytest

from sync.cli import main
from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_OK
from sync.model import skema
from sync.sumber.google_http import ENDPOINT_DRIVE_BAWAAN, PengaturanGoogle
from sync.sumber.google_kredensial import CAKUPAN
from sync.tulis.google_buat import (
    CAKUPAN_BUAT,
    MIME_SHEETS,
    MIME_XLSX,
    TemplatGagal,
    buat_templat_google,
)
from tests.sheets_lokal import (
    EMAIL_AKUN_LAYANAN,
    IZIN,
    UNGGAH,
    ServerSheets,
    json_akun_layanan,
    kunci_rsa,
)

STAF = "perencanaan@batam.go.id"
URL_SHEET = re.compile(r"https://docs\.google\.com/spreadsheets/d/([A-Za-z0-9_-]+)/edit")
BUAT = ["templat", "buat", "google", "--nama", "Sekretariat", "--bagikan", "a@x.go.id"]


@pytest.fixture(scope="module")
def kunci():
    return kunci_rsa()


@pytest.fixture
def server(monkeypatch, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    with ServerSheets() as s:
        monkeypatch.setenv("KINERJA_GOOGLE_ENDPOINT", s.url)
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        for nama in ("KINERJA_GOOGLE_TOKEN", "KINERJA_GOOGLE_KREDENSIAL",
                     "KINERJA_GOOGLE_DRIVE_ENDPOINT"):
            monkeypatch.delenv(nama, raising=False)
        yield s


@pytest.fixture
def token(server, monkeypatch):
    t = server.beri_token(STAF)
    monkeypatch.setenv("KINERJA_GOOGLE_TOKEN", t)
    return t


@pytest.fixture
def akun_layanan(server, kunci, tmp_path, monkeypatch) -> dict:
    data = json_akun_layanan(server, kunci)
    berkas = tmp_path / "kunci.json"
    berkas.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("KINERJA_GOOGLE_KREDENSIAL", str(berkas))
    return data


def jalankan(argv, capsys) -> tuple[int, str]:
    rc = main(argv)
    keluar = capsys.readouterr()
    return rc, keluar.out + keluar.err


def tanpa_rahasia(server, teks: str, caplog, rahasia: list[str] = ()) -> None:
    """No token the server issued, and no given secret, in the output or any log record."""
    semua = teks + "\n".join(r.getMessage() + str(vars(r)) for r in caplog.records)
    for r in [*server.token_terbit(), *rahasia]:
        assert r not in semua


def baris_kunci(data: dict) -> list[str]:
    return [b for b in data["private_key"].splitlines() if b and not b.startswith("-----")]


def test_buat_bagikan_lalu_periksa(server, token, capsys, caplog):
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_OK, teks

    (unggah,) = server.permintaan_drive("/upload/")
    assert unggah.metode == "POST" and unggah.jalur == "/upload/drive/v3/files"
    assert unggah.query["uploadType"] == ["multipart"]
    assert unggah.isi == {"name": "Kinerja — Sekretariat", "mimeType": MIME_SHEETS}
    assert unggah.media == MIME_XLSX
    (izin,) = server.permintaan_drive("/drive/")
    assert izin.isi == {"type": "user", "role": "writer", "emailAddress": "a@x.go.id"}
    assert izin.query["sendNotificationEmail"] == ["true"]
    assert len(server.permintaan_drive()) == 2

    (dibuat,) = server.spreadsheet
    assert izin.jalur == f"/drive/v3/files/{dibuat}/permissions"
    assert set(URL_SHEET.findall(teks)) == {dibuat}
    assert "Alamat: https://docs.google.com/spreadsheets/d/" + dibuat in teks
    ss = server.spreadsheet[dibuat]
    assert ss["title"] == "Kinerja — Sekretariat"
    assert ss["dibagikan"] == [STAF, "a@x.go.id"]
    assert ss["sheets"]["Indikator"][1][:2] == ["Bidang", "Sekretariat"]
    assert ss["sheets"]["Indikator"][2] == [k.judul for k in skema.INDIKATOR.kolom]

    url = URL_SHEET.search(teks).group(0)
    rc, hasil = jalankan(["templat", "periksa", url, "--bidang", "Sekretariat"], capsys)
    assert rc == KELUAR_OK, hasil
    ubah, meta, baca = server.permintaan_sheets(dibuat)
    # the locale set to id_ID right after the upload, by the creating account
    assert (ubah.metode, ubah.jalur) == ("POST", f"/v4/spreadsheets/{dibuat}:batchUpdate")
    assert ss["locale"] == "id_ID"
    assert baca.jalur.endswith("/values:batchGet")
    assert "Workbook bidang siap dikonsolidasi." in hasil
    assert "Temuan (" not in hasil  # no findings at all: the header was found in every tab
    tanpa_rahasia(server, teks + hasil, caplog)


def test_akun_layanan_minta_drive_file_hanya_saat_membuat(server, akun_layanan, capsys,
                                                          caplog):
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_OK, teks
    assert [h.cakupan for h in server.hibah] == [CAKUPAN_BUAT]
    assert f"Pemiliknya akun layanan {EMAIL_AKUN_LAYANAN}" in teks
    (dibuat,) = server.spreadsheet
    assert server.spreadsheet[dibuat]["dibagikan"] == [EMAIL_AKUN_LAYANAN, "a@x.go.id"]

    rc, hasil = jalankan(["templat", "periksa", dibuat], capsys)
    assert rc == KELUAR_OK, hasil
    assert [h.cakupan for h in server.hibah] == [CAKUPAN_BUAT, CAKUPAN]
    tanpa_rahasia(server, teks + hasil, caplog, baris_kunci(akun_layanan))


def test_akun_layanan_tanpa_bagikan_ditolak_sebelum_meminta(server, akun_layanan, capsys):
    rc, teks = jalankan(["templat", "buat", "google", "--nama", "Sekretariat"], capsys)
    assert rc == KELUAR_DITOLAK
    assert "akun layanan" in teks and "--bagikan" in teks
    assert server.permintaan == []


def test_surel_tidak_sah_ditolak_sebelum_meminta(server, token, capsys):
    rc, teks = jalankan(["templat", "buat", "google", "--bagikan", "staf di dinas"], capsys)
    assert rc == KELUAR_DITOLAK
    assert "'staf di dinas' bukan alamat e-mail" in teks
    assert server.permintaan == []


def test_tanpa_cakupan_tulis(server, monkeypatch, capsys, caplog):
    monkeypatch.setenv("KINERJA_GOOGLE_TOKEN", server.beri_token(
        STAF, cakupan=("https://www.googleapis.com/auth/spreadsheets.readonly",)))
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_DITOLAK
    assert ("Kredensial Google ini tidak diberi izin membuat berkas di Google Drive "
            "(cakupan drive.file)") in teks
    assert "KINERJA_GOOGLE_TOKEN" in teks
    assert len(server.permintaan_drive("/upload/")) == 1
    assert server.permintaan_drive("/drive/") == [] and server.spreadsheet == {}
    tanpa_rahasia(server, teks, caplog)


def test_403_saat_unggah(server, token, capsys, caplog):
    server.ganggu(UNGGAH, 403)
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_DITOLAK
    # Drive's own errors have no `status`: the reason from errors[] is named instead
    assert ("Google Drive menolak membuat spreadsheet (HTTP 403 insufficientFilePermissions)"
            in teks)
    assert len(server.permintaan_drive()) == 1 and server.spreadsheet == {}
    tanpa_rahasia(server, teks, caplog)


def test_500_saat_unggah_tidak_diulang(server, token, capsys, caplog):
    server.ganggu(UNGGAH, 500, kali=1)  # a second attempt would succeed
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_DITOLAK
    assert "Server Google Drive sedang bermasalah (HTTP 500 internalError)" in teks
    assert "tidak mengulang unggahan sendiri" in teks and "Terbaru" in teks
    assert len(server.permintaan_drive()) == 1 and server.spreadsheet == {}
    tanpa_rahasia(server, teks, caplog)


def test_drive_api_belum_aktif(server, token, capsys):
    server.ganggu(UNGGAH, "api_mati")
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_DITOLAK
    assert "Google Drive API belum diaktifkan" in teks
    assert len(server.permintaan_drive()) == 1


def test_akun_layanan_tanpa_kuota_penyimpanan(server, akun_layanan, capsys, caplog):
    server.ganggu(UNGGAH, "tanpa_kuota")
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_DITOLAK
    assert f"Google tidak mengizinkan akun layanan {EMAIL_AKUN_LAYANAN}" in teks
    assert "authorized_user" in teks
    assert len(server.permintaan_drive()) == 1
    tanpa_rahasia(server, teks, caplog, baris_kunci(akun_layanan))


def test_unggah_tanpa_jawaban_tidak_diulang(server, token):
    server.ganggu(UNGGAH, "macet", kali=1)  # a second attempt would succeed
    atur = PengaturanGoogle(endpoint=server.url, waktu_baca=0.2, percobaan=4)
    with pytest.raises(TemplatGagal) as e:
        buat_templat_google("Sekretariat", ["a@x.go.id"], pengaturan=atur,
                            env={"KINERJA_GOOGLE_TOKEN": token})
    assert e.value.pesan.startswith("Google Drive tidak menjawab dalam 0.6 detik.")
    assert "'Kinerja — Sekretariat' sudah ada" in e.value.pesan and e.value.url is None
    assert len(server.permintaan_drive()) == 1 and server.spreadsheet == {}


def test_gagal_membagikan_tetap_memberi_alamat(server, token, capsys, caplog):
    server.ganggu(IZIN, 400)
    rc, teks = jalankan([*BUAT, "--bagikan", "b@x.go.id"], capsys)
    assert rc == KELUAR_DITOLAK
    (dibuat,) = server.spreadsheet
    assert f"sudah dibuat: https://docs.google.com/spreadsheets/d/{dibuat}/edit" in teks
    assert "- a@x.go.id: Google menolak alamat ini" in teks
    assert "- b@x.go.id: Google menolak alamat ini" in teks
    assert "Jangan jalankan perintah ini lagi" in teks
    assert f"Alamat: https://docs.google.com/spreadsheets/d/{dibuat}/edit" in teks
    assert len(server.permintaan_drive("/upload/")) == 1
    assert len(server.permintaan_drive("/drive/")) == 2
    tanpa_rahasia(server, teks, caplog)


def test_endpoint_drive_sendiri(server, token, monkeypatch, capsys):
    # Sheets goes nowhere during creation; Drive requests must reach the server.
    monkeypatch.setenv("KINERJA_GOOGLE_ENDPOINT", "https://sheets.contoh.invalid")
    monkeypatch.setenv("KINERJA_GOOGLE_DRIVE_ENDPOINT", server.url)
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_OK, teks
    assert len(server.permintaan_drive()) == 2


def test_aturan_endpoint_drive():
    assert PengaturanGoogle().drive() == ENDPOINT_DRIVE_BAWAAN
    assert PengaturanGoogle.dari_env({"KINERJA_GOOGLE_ENDPOINT": "https://gerbang.go.id"}
                                     ).drive() == "https://gerbang.go.id"
    assert PengaturanGoogle.dari_env({"KINERJA_GOOGLE_ENDPOINT": "https://gerbang.go.id",
                                      "KINERJA_GOOGLE_DRIVE_ENDPOINT": "https://drive.go.id"}
                                     ).drive() == "https://drive.go.id"


def test_endpoint_drive_tanpa_https_ditolak_sebelum_token(server, akun_layanan):
    atur = PengaturanGoogle(endpoint=server.url, endpoint_drive="http://drive.contoh.go.id")
    with pytest.raises(TemplatGagal) as e:
        buat_templat_google("Sekretariat", ["a@x.go.id"], pengaturan=atur)
    assert "KINERJA_GOOGLE_DRIVE_ENDPOINT 'http://drive.contoh.go.id' tidak sah" in e.value.pesan
    assert server.permintaan == []


def test_tanpa_kredensial(server, capsys):
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_DITOLAK
    assert teks.startswith("Kredensial Google belum diatur.")
    assert server.permintaan == []


def test_akun_layanan_gagal_membagikan_ke_semua(server, akun_layanan, capsys):
    server.ganggu(IZIN, 400)
    rc, teks = jalankan(BUAT, capsys)
    assert rc == KELUAR_DITOLAK
    assert "Belum ada yang dapat membuka spreadsheet itu" in teks
    assert "Alamat:" not in teks  # nothing to put in Pengaturan
    assert len(server.permintaan_drive("/upload/")) == 1


def test_periksa_pesan_gagal_tidak_ditafsirkan_sebagai_markup(server, token, capsys):
    """A failure naming what the sheet holds ('[red]Arsip[/red]' as a tab title, HTML
    from a proxy) is printed as text: rich markup in it is shown, not interpreted."""
    id_ = "1Markupxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    server.tambah(id_, {"title": "A", "sheets": {"[red]Arsip[/red]": [["x"]]}})
    rc, teks = jalankan(["templat", "periksa", id_], capsys)
    assert rc == KELUAR_DITOLAK
    assert "tab yang ada: [red]Arsip[/red]." in " ".join(teks.split())
