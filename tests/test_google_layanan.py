"""Google as the real service behaves, against the loopback fake's inconvenient parts:
HTML error pages, 429 without Retry-After and a per-minute quota, ErrorInfo reasons,
Drive's error shapes, expiring and revoked tokens, TLS an office inspects, a
spreadsheet locale other than Indonesian, .xlsx files kept in Drive, the addresses
staff paste and the conventional credential lookup. Attempts are counted (the
client's clock is fake), never timed; no message holds markup or a token."""

from __future__ import annotations

import json
import logging
import re

import pytest
import requests

import workbooks
from sync.induk import Induk
from sync.induk.pengaturan import Pengaturan, Sumber
from sync.konsolidasi import DITULIS, alamat_google, rencanakan
from sync.model import skema
from sync.model.mentah import SumberGagal, SumberMentah
from sync.sumber.google import baca_satu
from sync.sumber.google_alamat import berkas_drive, id_spreadsheet
from sync.sumber.google_http import PengaturanGoogle
from sync.sumber.google_kredensial import (
    AKUN_LAYANAN,
    CAKUPAN,
    PENGGUNA,
    Kredensial,
    KredensialGagal,
    cari_kredensial,
)
from sync.sumber.lokal import baca_lokal
from tests.sheets_lokal import (
    EMAIL_AKUN_LAYANAN,
    UBAH,
    ServerSheets,
    json_akun_layanan,
    json_pengguna,
    kunci_rsa,
    teks_terlihat,
)
from tests.test_contoh_konsolidasi import BIDANG
from tests.test_google_gagal import Jam

ID = "1LayananxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxA"
TAB = {t.nama: [["Kode"], [f"{t.nama[:3].upper()}-01"]] for t in skema.TABS}
STAF = "staf@example.go.id"
_MARKUP = re.compile(r"<[a-zA-Z!/]|DOCTYPE|&lt;|\[/?[a-z]+\]", re.I)


@pytest.fixture(scope="module")
def kunci():
    return kunci_rsa()


@pytest.fixture
def server():
    with ServerSheets() as s:
        s.tambah(ID, {"title": "Bidang A", "sheets": TAB})
        yield s


@pytest.fixture
def jam():
    return Jam()


def atur(server, jam=None, **ubah) -> PengaturanGoogle:
    nilai = dict(endpoint=server.url, waktu_sambung=2.0, waktu_baca=5.0, acak=0.0)
    if jam is not None:
        nilai.update(jam=jam, tidur=jam.tunggu)
    nilai.update(ubah)
    return PengaturanGoogle(**nilai)


def env_bersih(tmp_path, **isi) -> dict:
    """An environment that finds no credential file of this machine's user."""
    return {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "xdg"), **isi}


def baca(server, tmp_path, jam=None, alamat=ID, token=None, **ubah):
    token = token or server.beri_token(STAF)
    try:
        return baca_satu("Bidang A", alamat, pengaturan=atur(server, jam, **ubah),
                         env=env_bersih(tmp_path, KINERJA_GOOGLE_TOKEN=token))
    except SumberGagal as e:
        return e


def bersih(server, hasil, caplog, rahasia=()) -> None:
    """No token, secret or markup in anything a user or a log could see."""
    teks = teks_terlihat([hasil] if isinstance(hasil, BaseException) else [], caplog.records)
    for t in [*server.token_terbit(), *rahasia]:
        assert t not in teks
    if isinstance(hasil, SumberGagal):
        assert not _MARKUP.search(hasil.pesan), hasil.pesan


# -- non-JSON error bodies --------------------------------------------------------

def test_server_html_seperti_google(server, tmp_path):
    """The fake's page is the Google front end's: text/html, gspread's code -1."""
    from google.oauth2.credentials import Credentials
    from gspread.exceptions import APIError
    from gspread.http_client import HTTPClient

    server.ganggu(ID, "html_502", kali=1)
    http = HTTPClient(Credentials(token=server.beri_token(STAF)))
    with pytest.raises(APIError) as e:
        http.request("get", f"{server.url}/v4/spreadsheets/{ID}")
    assert e.value.code == -1  # gspread/exceptions.py: the body was not JSON
    assert e.value.response.status_code == 502
    assert e.value.response.headers["Content-Type"].startswith("text/html")
    assert "<!DOCTYPE html>" in e.value.error["message"]


def test_502_html_lalu_berhasil_diulang(server, tmp_path, jam, caplog):
    caplog.set_level(logging.DEBUG)
    server.ganggu(ID, "html_502", kali=2)
    hasil = baca(server, tmp_path, jam)
    assert isinstance(hasil, SumberMentah), hasil
    assert hasil.tabs["Indikator"].sel == [["Kode"], ["IND-01"]]
    assert len(server.permintaan_sheets()) == 4  # two pages, then metadata and values
    assert jam.tidur == [1.0, 2.0]
    bersih(server, hasil, caplog)


def test_504_html_terus_menerus_pesan_tanpa_html(server, tmp_path, jam, caplog):
    caplog.set_level(logging.DEBUG)
    server.ganggu(ID, "html_504")
    hasil = baca(server, tmp_path, jam, percobaan=3)
    assert isinstance(hasil, SumberGagal)
    assert hasil.pesan.startswith("Server Google Sheets sedang bermasalah (HTTP 504, jawaban "
                                  "berupa halaman web berjudul 'Error 504 (Gateway Timeout)")
    assert "sudah dicoba 3 kali" in hasil.pesan
    assert len(server.permintaan_sheets()) == 3
    bersih(server, hasil, caplog)


def test_halaman_blokir_proxy_tidak_diulang(server, tmp_path, jam, caplog):
    caplog.set_level(logging.DEBUG)
    server.ganggu(ID, "proxy")
    hasil = baca(server, tmp_path, jam)
    assert isinstance(hasil, SumberGagal)
    assert "Jawaban HTTP 403 berupa halaman web berjudul 'Akses Diblokir - Web Filter " \
           "Kantor', bukan dari Google Sheets" in hasil.pesan
    assert "proxy atau filter internet kantor" in hasil.pesan and "script" not in hasil.pesan
    assert len(server.permintaan_sheets()) == 1 and jam.tidur == []
    bersih(server, hasil, caplog)


# -- 429, the per-minute quota, Retry-After ----------------------------------------

def test_429_seperti_google_tanpa_retry_after_dengan_errorinfo(server):
    server.ganggu(ID, 429, kali=1)
    r = requests.get(f"{server.url}/v4/spreadsheets/{ID}", timeout=5,
                     headers={"Authorization": f"Bearer {server.beri_token(STAF)}"})
    assert r.status_code == 429 and "Retry-After" not in r.headers
    galat = r.json()["error"]
    assert galat["status"] == "RESOURCE_EXHAUSTED"
    [info] = galat["details"]
    assert info["@type"] == "type.googleapis.com/google.rpc.ErrorInfo"
    assert info["reason"] == "RATE_LIMIT_EXCEEDED"


def test_429_tanpa_retry_after_berkali_kali_lalu_berhasil_dalam_batas(server, tmp_path, jam,
                                                                       caplog):
    """Six 429s in a row (a quota minute spent by a colleague): the default backoff
    waits past the minute and succeeds, within the documented bound."""
    server.ganggu(ID, 429, kali=6)
    bawaan = PengaturanGoogle()
    hasil = baca(server, tmp_path, jam, acak=bawaan.acak)
    assert isinstance(hasil, SumberMentah), hasil
    assert len(server.permintaan_sheets()) == 8
    assert 60 < sum(jam.tidur) <= bawaan.batas_waktu
    assert bawaan.batas_total <= 130
    bersih(server, hasil, caplog)


def test_kuota_per_menit_dibagi_dengan_rekan_kerja(tmp_path, caplog):
    """The fake's real quota (3 reads per 0.5 s 'minute') shared with a colleague
    who used it up: our run meets 429s, backs off, and is served in a later minute."""
    with ServerSheets(per_menit=3, menit=0.5) as server:
        server.tambah(ID, {"title": "A", "sheets": TAB})
        token = server.beri_token(STAF)
        for _ in range(3):  # the colleague's reads
            requests.get(f"{server.url}/v4/spreadsheets/{ID}", timeout=5,
                         headers={"Authorization": f"Bearer {token}"})
        hasil = baca(server, tmp_path, token=token, jeda_awal=0.1, jeda_maks=0.4,
                     batas_waktu=5.0, menit=0.5)
        assert isinstance(hasil, SumberMentah), hasil
        kami = server.permintaan_sheets()[3:]
        assert len(kami) > 2  # at least one 429, then metadata and values
        bersih(server, hasil, caplog)


def test_retry_after_lebih_dari_20_detik_dihormati_dalam_batas(server, tmp_path, jam):
    server.ganggu(ID, 429, kali=1, retry_after="45")
    hasil = baca(server, tmp_path, jam)
    assert isinstance(hasil, SumberMentah), hasil
    assert jam.tidur == [45.0]


def test_retry_after_melewati_batas_langsung_menyerah(server, tmp_path, jam):
    server.ganggu(ID, 429, retry_after="90")
    hasil = baca(server, tmp_path, jam, batas_waktu=60.0)
    assert isinstance(hasil, SumberGagal)
    assert "Google meminta menunggu 90 detik, lebih lama dari batas 60 detik" in hasil.pesan
    assert len(server.permintaan_sheets()) == 1 and jam.tidur == []


# -- TLS an office inspects ---------------------------------------------------------

def test_sertifikat_tidak_dipercaya_tidak_diulang(tmp_path, jam, caplog, monkeypatch):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    with ServerSheets(tls=True) as server:
        server.tambah(ID, {"title": "A", "sheets": TAB})
        assert server.url.startswith("https://")
        hasil = baca(server, tmp_path, jam)
        assert isinstance(hasil, SumberGagal)
        assert "sertifikat/HTTPS diperiksa kantor" in hasil.pesan
        assert "REQUESTS_CA_BUNDLE" in hasil.pesan and "HTTPS_PROXY" in hasil.pesan
        assert jam.tidur == []  # one attempt: a certificate does not change on a retry
        bersih(server, hasil, caplog)


def test_sertifikat_kantor_dipercaya_lewat_requests_ca_bundle(tmp_path, monkeypatch):
    with ServerSheets(tls=True) as server:
        server.tambah(ID, {"title": "A", "sheets": TAB})
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.sertifikat))
        hasil = baca(server, tmp_path)
        assert isinstance(hasil, SumberMentah), hasil
        assert len(server.permintaan_sheets()) == 2


def test_sertifikat_server_token_tidak_dipercaya(tmp_path, kunci, monkeypatch):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    with ServerSheets(tls=True) as server:
        berkas = tmp_path / "kunci.json"
        berkas.write_text(json.dumps(json_akun_layanan(server, kunci)), encoding="utf-8")
        with pytest.raises(SumberGagal) as e:
            baca_satu("A", ID, kredensial=str(berkas), pengaturan=atur(server),
                      env=env_bersih(tmp_path))
        assert "sertifikat/HTTPS diperiksa kantor" in e.value.pesan
        assert server.permintaan == []  # the handshake failed before any request


# -- ErrorInfo reasons, Drive error shapes ------------------------------------------

def test_cakupan_kurang_dikenali_dari_errorinfo(server, tmp_path, caplog):
    """A token from `gcloud auth print-access-token` (cloud-platform, no Sheets scope)."""
    token = server.beri_token(STAF, cakupan=("https://www.googleapis.com/auth/cloud-platform",))
    r = requests.get(f"{server.url}/v4/spreadsheets/{ID}", timeout=5,
                     headers={"Authorization": f"Bearer {token}"})
    assert r.json()["error"]["details"][0]["reason"] == "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
    hasil = baca(server, tmp_path, token=token)
    assert "tidak diberi izin membaca Google Sheets (cakupan spreadsheets.readonly)" in \
        hasil.pesan
    bersih(server, hasil, caplog)


def test_galat_drive_tanpa_status(server):
    token = server.beri_token(STAF, cakupan=("https://www.googleapis.com/auth/drive.readonly",))
    r = requests.get(f"{server.url}/drive/v3/files/1TidakAdaxxxxxxxxxxxxxxxxxxxxxxxxx",
                     params={"alt": "media"}, headers={"Authorization": f"Bearer {token}"},
                     timeout=5)
    assert r.status_code == 404
    galat = r.json()["error"]
    assert "status" not in galat
    assert galat["errors"][0]["reason"] == "notFound"


# -- tokens that expire, credentials revoked mid-run ---------------------------------

def test_token_kedaluwarsa_di_tengah_jalan_diperbarui(server, kunci, tmp_path, caplog):
    berkas = tmp_path / "kunci.json"
    data = json_akun_layanan(server, kunci)
    berkas.write_text(json.dumps(data), encoding="utf-8")
    kred = cari_kredensial(str(berkas), env=env_bersih(tmp_path))
    pertama = baca_satu("A", ID, kredensial=str(berkas), pengaturan=atur(server),
                        env=env_bersih(tmp_path))
    assert isinstance(pertama, SumberMentah)
    from sync.sumber.google_kredensial import segarkan

    segarkan(kred, 5.0)
    server.kedaluwarsakan()  # an hour later, the same credential object
    hasil = baca_satu("A", ID, kredensial=kred, pengaturan=atur(server))
    assert isinstance(hasil, SumberMentah)
    assert [h.grant for h in server.hibah] == ["jwt-bearer"] * 3  # refreshed after the 401
    bersih(server, hasil, caplog, [data["private_key"]])


def test_izin_dicabut_di_tengah_jalan_tetap_invalid_grant(server, tmp_path, caplog):
    data = json_pengguna(server)
    berkas = tmp_path / "authorized_user.json"
    berkas.write_text(json.dumps(data), encoding="utf-8")
    kred = cari_kredensial(str(berkas), env=env_bersih(tmp_path))
    from sync.sumber.google_kredensial import segarkan

    segarkan(kred, 5.0)
    server.cabut(data["refresh_token"])
    server.kedaluwarsakan()
    with pytest.raises(SumberGagal) as e:
        baca_satu("A", ID, kredensial=kred, pengaturan=atur(server))
    assert "(invalid_grant)" in e.value.pesan
    assert "'Testing'" in e.value.pesan and "7 hari" in e.value.pesan
    bersih(server, e.value, caplog, [data["refresh_token"], data["client_secret"]])


# -- credentials in the conventional order ---------------------------------------------

def test_google_application_credentials_dipakai(server, kunci, tmp_path, caplog):
    berkas = tmp_path / "lain" / "sa.json"
    berkas.parent.mkdir()
    data = json_akun_layanan(server, kunci)
    berkas.write_text(json.dumps(data), encoding="utf-8")
    env = env_bersih(tmp_path, GOOGLE_APPLICATION_CREDENTIALS=str(berkas))
    kred = cari_kredensial(env=env)
    assert (kred.jenis, kred.email, kred.asal) == (AKUN_LAYANAN, EMAIL_AKUN_LAYANAN, str(berkas))
    hasil = baca_satu("A", ID, pengaturan=atur(server), env=env)
    assert isinstance(hasil, SumberMentah)
    assert server.hibah[0].cakupan == CAKUPAN
    bersih(server, hasil, caplog, [data["private_key"]])


def test_urutan_kredensial_konvensional(server, kunci, tmp_path):
    env = env_bersih(tmp_path)
    gcloud = tmp_path / ".config" / "gcloud" / "application_default_credentials.json"
    gcloud.parent.mkdir(parents=True)
    gcloud.write_text(json.dumps({**json_pengguna(server), "account": "gcloud@x.go.id"}))
    assert cari_kredensial(env=env).asal == str(gcloud)  # the last place looked
    kinerja = tmp_path / "xdg" / "kinerja" / "authorized_user.json"
    kinerja.parent.mkdir(parents=True)
    kinerja.write_text(json.dumps(json_pengguna(server)))
    assert cari_kredensial(env=env).asal == str(kinerja)
    gspread_ = tmp_path / ".config" / "gspread" / "authorized_user.json"
    gspread_.parent.mkdir(parents=True)
    gspread_.write_text(json.dumps({k: v for k, v in json_pengguna(server).items()
                                    if k != "type"}))  # gspread writes no "type"
    assert (cari_kredensial(env=env).asal, cari_kredensial(env=env).jenis) == (
        str(gspread_), PENGGUNA)
    sa = tmp_path / ".config" / "gspread" / "service_account.json"
    sa.write_text(json.dumps(json_akun_layanan(server, kunci)))
    assert cari_kredensial(env=env).asal == str(sa)
    gac = tmp_path / "gac.json"
    gac.write_text(json.dumps(json_pengguna(server)))
    env_gac = {**env, "GOOGLE_APPLICATION_CREDENTIALS": str(gac)}
    assert cari_kredensial(env=env_gac).asal == str(gac)
    kin = tmp_path / "kin.json"
    kin.write_text(json.dumps(json_pengguna(server)))
    assert cari_kredensial(env={**env_gac, "KINERJA_GOOGLE_KREDENSIAL": str(kin)}).asal == \
        str(kin)
    assert cari_kredensial(str(gac), env={**env_gac, "KINERJA_GOOGLE_KREDENSIAL": str(kin)}
                           ).asal == str(gac)  # an explicit option first
    hilang = {**env, "GOOGLE_APPLICATION_CREDENTIALS": str(tmp_path / "tidak-ada.json")}
    with pytest.raises(KredensialGagal) as e:
        cari_kredensial(env=hilang)
    assert "GOOGLE_APPLICATION_CREDENTIALS" in e.value.pesan


# -- 403 naming the account -----------------------------------------------------------

def test_403_akun_pribadi_disebut(server, tmp_path, caplog):
    server.tambah(ID, {"title": "A", "sheets": TAB, "dibagikan": ["orang.lain@dinas.go.id"]})
    data = json_pengguna(server, email="kasubag@dinas.go.id")
    berkas = tmp_path / "authorized_user.json"
    berkas.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SumberGagal) as e:
        baca_satu("A", ID, kredensial=str(berkas), pengaturan=atur(server),
                  env=env_bersih(tmp_path))
    assert e.value.pesan.startswith("Akun Google kasubag@dinas.go.id tidak punya akses")
    bersih(server, e.value, caplog, [data["refresh_token"], data["client_secret"]])


# -- locale ----------------------------------------------------------------------------

def test_lokal_bukan_indonesia_diperingatkan(tmp_path):
    with ServerSheets(locale="en_US") as server:
        server.tambah(ID, {"title": "A", "sheets": TAB})
        hasil = baca(server, tmp_path)
        [t] = hasil.temuan
        assert (t.kode, t.nilai) == ("lokal_bukan_id", "en_US")
        assert "1.500" in t.pesan and "File > Setelan > Lokal" in t.pesan
    with ServerSheets(locale="id_ID") as server:
        server.tambah(ID, {"title": "A", "sheets": TAB})
        assert baca(server, tmp_path).temuan == []


def test_templat_buat_mengatur_lokal_id(tmp_path):
    from sync.tulis.google_buat import buat_templat_google

    with ServerSheets(locale="en_US") as server:  # Drive's import: the owner's locale
        token = server.beri_token(STAF)
        kred = Kredensial(__import__("google.oauth2.credentials", fromlist=["x"]).Credentials(
            token=token), "token", asal="KINERJA_GOOGLE_TOKEN")
        peringatan: list[str] = []
        url = buat_templat_google("Sekretariat", [], kredensial=kred,
                                  pengaturan=atur(server), peringatan=peringatan)
        id_ = id_spreadsheet(url)
        assert server.spreadsheet[id_]["locale"] == "id_ID" and peringatan == []
        [ubah] = [p for p in server.permintaan_sheets(id_) if p.metode == "POST"]
        assert ubah.isi == {"requests": [{"updateSpreadsheetProperties": {
            "properties": {"locale": "id_ID"}, "fields": "locale"}}]}
        assert baca(server, tmp_path, alamat=url, token=token).temuan == []


def test_templat_buat_lokal_gagal_hanya_peringatan(tmp_path):
    from google.oauth2.credentials import Credentials

    from sync.tulis.google_buat import buat_templat_google

    with ServerSheets(locale="en_US") as server:
        kred = Kredensial(Credentials(token=server.beri_token(STAF)), "token",
                          asal="KINERJA_GOOGLE_TOKEN")
        server.ganggu(UBAH, 503)
        peringatan: list[str] = []
        url = buat_templat_google("Sekretariat", [], kredensial=kred, pengaturan=atur(server),
                                  peringatan=peringatan)
        id_ = id_spreadsheet(url)
        assert server.spreadsheet[id_]["locale"] == "en_US"  # created, locale not set
        [p] = peringatan
        assert "Lokal spreadsheet belum dapat diatur ke Indonesia (HTTP 503" in p
        assert "File > Setelan > Lokal: Indonesia" in p
        assert len([p for p in server.permintaan_sheets(id_) if p.metode == "POST"]) == 1


# -- addresses ---------------------------------------------------------------------------

DRIVE_ID = "1Drivexxxxxxxxxxxxxxxxxxxxxxxxxxxx"


@pytest.mark.parametrize("alamat, di_drive", [
    (f"https://drive.google.com/open?id={ID}", False),
    (f"https://docs.google.com/open?id={ID}", False),
    (f"https://docs.google.com/spreadsheet/ccc?key={ID}&usp=sharing#gid=0", False),
    (f"https://docs.google.com/spreadsheets/d/{ID}/edit?usp=sharing&ouid=1&rtpof=true&sd=true",
     True),
    (f"https://drive.google.com/file/d/{ID}/view?usp=drive_link", True),
    (f"drive.google.com/file/d/{ID}/view", True),
])
def test_alamat_drive_dan_lama_diterima(alamat, di_drive):
    assert id_spreadsheet(alamat) == ID
    assert berkas_drive(alamat) is di_drive


def test_nama_lokal_tanpa_titik_dicari_di_folder_induk(tmp_path, monkeypatch):
    nama = "LaporanBidangPerdagangan2024"  # 28 letters, no dot: shaped like an id
    induk = tmp_path / "induk"
    induk.mkdir()
    monkeypatch.chdir(tmp_path)  # the current folder is not the master's
    assert alamat_google(nama, induk)
    (induk / nama).mkdir()  # a folder of .csv files beside the master
    assert not alamat_google(nama, induk)
    assert alamat_google(f"https://docs.google.com/spreadsheets/d/{ID}/edit", induk)


def test_id_telanjang_tidak_ada_menyebut_kemungkinan_berkas_lokal(server, tmp_path):
    hasil = baca(server, tmp_path, alamat="LaporanBidangPerdagangan2024")
    assert "tidak ditemukan" in hasil.pesan and ".xlsx" in hasil.pesan


# -- .xlsx kept in Drive ------------------------------------------------------------------

CONTOH = workbooks.FOLDER / BIDANG[0][1]


@pytest.fixture
def akun_layanan(server, kunci, tmp_path):
    data = json_akun_layanan(server, kunci)
    berkas = tmp_path / "sa.json"
    berkas.write_text(json.dumps(data), encoding="utf-8")
    return str(berkas), data


def test_xlsx_di_drive_dibaca_dengan_satu_permintaan(server, akun_layanan, caplog):
    berkas, data = akun_layanan
    server.tambah_berkas(DRIVE_ID, "01-sekretariat.xlsx", CONTOH.read_bytes(),
                         dibagikan=[EMAIL_AKUN_LAYANAN])
    alamat = f"https://drive.google.com/file/d/{DRIVE_ID}/view?usp=sharing"
    hasil = baca_satu("Sekretariat", alamat, kredensial=berkas, pengaturan=atur(server))
    lokal = baca_lokal("Sekretariat", str(CONTOH))
    assert isinstance(hasil, SumberMentah)
    assert (hasil.alamat, hasil.jenis) == (alamat, "drive")
    for nama, tab in lokal.tabs.items():
        assert hasil.tabs[nama].sel == tab.sel, nama
        assert hasil.tabs[nama].tautan == f"https://drive.google.com/file/d/{DRIVE_ID}/view"
    [p] = server.permintaan_drive()
    assert (p.jalur, p.query["alt"]) == (f"/drive/v3/files/{DRIVE_ID}", ["media"])
    assert server.permintaan_sheets() == []
    assert "https://www.googleapis.com/auth/drive.readonly" in server.hibah[0].cakupan
    bersih(server, hasil, caplog, [data["private_key"]])


def test_xlsx_di_drive_dengan_id_saja(server, akun_layanan):
    berkas, _ = akun_layanan
    server.tambah_berkas(DRIVE_ID, "01-sekretariat.xlsx", CONTOH.read_bytes())
    hasil = baca_satu("Sekretariat", DRIVE_ID, kredensial=berkas, pengaturan=atur(server))
    assert isinstance(hasil, SumberMentah)
    # Sheets says "not supported for this document", then one Drive download
    assert len(server.permintaan_sheets()) == 1 and len(server.permintaan_drive()) == 1


def test_xlsx_di_drive_tanpa_cakupan_baca_drive(server, tmp_path, caplog):
    """A personal account with the guide's scopes (spreadsheets.readonly + drive.file)
    cannot see an .xlsx it did not create: Drive answers 404, not 403."""
    server.tambah_berkas(DRIVE_ID, "x.xlsx", CONTOH.read_bytes())
    hasil = baca(server, tmp_path, alamat=f"https://drive.google.com/file/d/{DRIVE_ID}/view")
    assert isinstance(hasil, SumberGagal)
    assert f"Berkas dengan ID {DRIVE_ID} tidak ditemukan di Google Drive" in hasil.pesan
    bersih(server, hasil, caplog)


def test_berkas_drive_bukan_xlsx(server, akun_layanan):
    berkas, _ = akun_layanan
    server.tambah_berkas(DRIVE_ID, "foto.pdf", b"%PDF-1.7 ...", mime="application/pdf")
    with pytest.raises(SumberGagal) as e:
        baca_satu("A", f"https://drive.google.com/file/d/{DRIVE_ID}/view", kredensial=berkas,
                  pengaturan=atur(server))
    assert "bukan workbook Excel" in e.value.pesan


def test_xlsx_di_drive_dikonsolidasi(server, akun_layanan, monkeypatch):
    """Every example bidang as an .xlsx kept in Drive: the same plan as from the files."""
    import datetime as dt

    berkas, _ = akun_layanan
    monkeypatch.setenv("KINERJA_GOOGLE_ENDPOINT", server.url)
    monkeypatch.setenv("KINERJA_GOOGLE_KREDENSIAL", berkas)
    monkeypatch.delenv("KINERJA_GOOGLE_TOKEN", raising=False)
    sumber = []
    for i, (bidang, nama) in enumerate(BIDANG):
        id_ = f"1DriveBidang{i}" + "x" * 24
        server.tambah_berkas(id_, nama, (workbooks.FOLDER / nama).read_bytes())
        sumber.append(Sumber(bidang, f"https://drive.google.com/file/d/{id_}/view"))
    waktu = dt.datetime(2022, 1, 10, 8, 0)

    def rencana(s):
        return rencanakan(Induk(Pengaturan(tahun=2021, sumber=s)), dasar=workbooks.FOLDER,
                          pengguna="uji", waktu=waktu)

    drive = rencana(sumber)
    lokal = rencana([Sumber(b, a) for b, a in BIDANG])
    assert drive.status == lokal.status == DITULIS, drive.pesan
    for nama in ("Data Indikator", "Data Anggaran", "Data Statistik"):
        assert drive.rencana.lembar[nama] == lokal.rencana.lembar[nama], nama
    assert len(server.permintaan_drive()) == len(BIDANG)
    assert server.permintaan_sheets() == []


def test_server_yang_menggemakan_token_tidak_membocorkannya(server, tmp_path, caplog,
                                                            monkeypatch):
    """A gateway that echoes the request's Authorization header in its error message."""
    from tests import sheets_lokal

    token = server.beri_token(STAF)
    asli = sheets_lokal._Penangan._siap

    def gema(self, catatan):
        raise sheets_lokal.Galat(400, "Bad request: " + self.headers.get("Authorization", ""),
                                 "INVALID_ARGUMENT")

    monkeypatch.setattr(sheets_lokal._Penangan, "_siap", gema)
    hasil = baca(server, tmp_path, token=token)
    monkeypatch.setattr(sheets_lokal._Penangan, "_siap", asli)
    assert isinstance(hasil, SumberGagal) and "Bearer ***" in hasil.pesan
    bersih(server, hasil, caplog)
