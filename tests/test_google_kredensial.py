"""Credentials: service account (a real JWT exchange), authorised user (refresh
token), KINERJA_GOOGLE_TOKEN; their precedence; and that no secret ever shows."""

from __future__ import annotations

import json
import logging

import pytest

from sync.model import skema
from sync.model.mentah import SumberGagal, SumberMentah
from sync.sumber.google import baca_google, baca_satu
from sync.sumber.google_http import PengaturanGoogle
from sync.sumber.google_kredensial import (
    AKUN_LAYANAN,
    CAKUPAN,
    PENGGUNA,
    TOKEN,
    KredensialGagal,
    cari_kredensial,
)
from tests.sheets_lokal import (
    EMAIL_AKUN_LAYANAN,
    ServerSheets,
    json_akun_layanan,
    json_pengguna,
    kunci_rsa,
    teks_terlihat,
)

ID = "1KredensialxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxA"
TAB = {t.nama: [["Kode"], [f"{t.nama[:3].upper()}-01"]] for t in skema.TABS}


@pytest.fixture(scope="module")
def kunci():
    return kunci_rsa()


@pytest.fixture(scope="module")
def kunci_lain():
    return kunci_rsa()


@pytest.fixture
def server():
    with ServerSheets() as s:
        s.tambah(ID, {"title": "Bidang A", "sheets": TAB})
        yield s


def atur(server) -> PengaturanGoogle:
    return PengaturanGoogle(endpoint=server.url, waktu_baca=5.0, percobaan=2, jeda_awal=0.01,
                            acak=0.0)


def tulis(jalur, data) -> str:
    jalur.parent.mkdir(parents=True, exist_ok=True)
    jalur.write_text(json.dumps(data), encoding="utf-8")
    return str(jalur)


def rahasia_sa(data: dict) -> list[str]:
    """The private key, whole and by its lines (a line of base64 would be enough to leak)."""
    baris = [b for b in data["private_key"].splitlines() if b and not b.startswith("-----")]
    return [data["private_key"], *baris]


def tanpa_rahasia(teks: str, rahasia: list[str]) -> None:
    for r in rahasia:
        assert r not in teks


def test_akun_layanan_pertukaran_jwt_lalu_bearer(server, kunci, tmp_path):
    data = json_akun_layanan(server, kunci)
    berkas = tulis(tmp_path / "kunci.json", data)

    hasil = baca_satu("Bidang A", ID, kredensial=berkas, pengaturan=atur(server),
                      env={"XDG_CONFIG_HOME": str(tmp_path)})

    assert isinstance(hasil, SumberMentah)
    assert hasil.tabs["Anggaran"].sel == [["Kode"], ["ANG-01"]]
    # the token endpoint verified the RS256 signature and issued a read-only token ...
    [hibah] = server.hibah
    assert (hibah.grant, hibah.akun, hibah.cakupan) == ("jwt-bearer", EMAIL_AKUN_LAYANAN, CAKUPAN)
    assert len(server.permintaan_token()) == 1
    # ... which the Sheets request carried
    assert [p.akun for p in server.permintaan_sheets()] == [EMAIL_AKUN_LAYANAN] * 2


def test_tanda_tangan_salah_ditolak_tanpa_membocorkan_kunci(server, kunci, kunci_lain,
                                                             tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    data = json_akun_layanan(server, kunci)  # the server knows this key's public half
    data["private_key"] = json_akun_layanan(server, kunci_lain, daftarkan=False)["private_key"]
    berkas = tulis(tmp_path / "kunci.json", data)

    [hasil] = baca_google([("Bidang A", ID)], kredensial=berkas, pengaturan=atur(server),
                          env={"XDG_CONFIG_HOME": str(tmp_path)})

    assert isinstance(hasil, SumberGagal)
    assert f"menolak akun layanan {EMAIL_AKUN_LAYANAN} (invalid_grant)" in hasil.pesan
    assert server.hibah == [] and server.permintaan_sheets() == []
    tanpa_rahasia(teks_terlihat([hasil], caplog.records), rahasia_sa(data))


def test_belum_dibagikan_menyebut_email_akun_layanan(server, kunci, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    server.tambah(ID, {"title": "Bidang A", "sheets": TAB, "dibagikan": ["kasubag@dinas.go.id"]})
    data = json_akun_layanan(server, kunci)
    berkas = tulis(tmp_path / "kunci.json", data)

    with pytest.raises(SumberGagal) as e:
        baca_satu("Bidang A", ID, kredensial=berkas, pengaturan=atur(server),
                  env={"XDG_CONFIG_HOME": str(tmp_path)})

    assert e.value.pesan.startswith(
        f"Spreadsheet belum dibagikan ke akun layanan {EMAIL_AKUN_LAYANAN}.")
    assert "Bagikan" in e.value.pesan
    assert len(server.permintaan_sheets()) == 1  # a 403 is not retried
    tanpa_rahasia(teks_terlihat([e.value], caplog.records),
                  rahasia_sa(data) + server.token_terbit())


def test_pengguna_menukar_refresh_token(server, tmp_path):
    data = json_pengguna(server, "kasubag@dinas.go.id")
    berkas = tulis(tmp_path / "pengguna.json", data)

    hasil = baca_satu("Bidang A", ID, kredensial=berkas, pengaturan=atur(server),
                      env={"XDG_CONFIG_HOME": str(tmp_path)})

    assert hasil.tabs["Indikator"].sel == [["Kode"], ["IND-01"]]
    [hibah] = server.hibah
    assert (hibah.grant, hibah.akun) == ("refresh_token", "kasubag@dinas.go.id")
    assert server.permintaan_sheets()[0].akun == "kasubag@dinas.go.id"


def test_berkas_pengguna_tulisan_gspread_tanpa_type(server, tmp_path):
    """gspread.oauth() saves Credentials.to_json(): no "type", with a cached token."""
    data = json_pengguna(server, "kasubag@dinas.go.id")
    del data["type"]
    data.update(token="ya29.lama-kedaluwarsa", expiry="2020-01-01T00:00:00Z",
                scopes=["https://www.googleapis.com/auth/spreadsheets.readonly"])
    berkas = tulis(tmp_path / "kinerja" / "authorized_user.json", data)
    kred = cari_kredensial(env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert (kred.jenis, kred.asal) == (PENGGUNA, berkas)
    hasil = baca_satu("Bidang A", ID, kredensial=kred.asal, pengaturan=atur(server),
                      env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert isinstance(hasil, SumberMentah)
    assert [h.grant for h in server.hibah] == ["refresh_token"]


def test_refresh_token_dicabut(server, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    data = json_pengguna(server, daftarkan=False)
    berkas = tulis(tmp_path / "pengguna.json", data)

    with pytest.raises(SumberGagal) as e:
        baca_satu("Bidang A", ID, kredensial=berkas, pengaturan=atur(server),
                  env={"XDG_CONFIG_HOME": str(tmp_path)})

    assert "menolak berkas authorized_user" in e.value.pesan
    assert "(invalid_grant)" in e.value.pesan
    tanpa_rahasia(teks_terlihat([e.value], caplog.records),
                  [data["refresh_token"], data["client_secret"]])


def test_token_lingkungan_didahulukan(server, kunci, tmp_path):
    token = server.beri_token("robot@dinas.go.id")
    berkas = tulis(tmp_path / "kunci.json", json_akun_layanan(server, kunci))
    tulis(tmp_path / "kinerja" / "service_account.json", json_akun_layanan(server, kunci))
    env = {"KINERJA_GOOGLE_TOKEN": token, "KINERJA_GOOGLE_KREDENSIAL": berkas,
           "XDG_CONFIG_HOME": str(tmp_path)}

    assert cari_kredensial(env=env).jenis == TOKEN
    hasil = baca_satu("Bidang A", ID, pengaturan=atur(server), env=env)

    assert isinstance(hasil, SumberMentah)
    assert server.permintaan_token() == []  # nothing to exchange
    assert server.permintaan_sheets()[0].akun == "robot@dinas.go.id"


def test_token_ditolak_tanpa_muncul_di_pesan_atau_log(server, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    token = "ya29.kedaluwarsa-RAHASIA-0123456789"
    [hasil] = baca_google([("Bidang A", ID)], pengaturan=atur(server),
                          env={"KINERJA_GOOGLE_TOKEN": token, "XDG_CONFIG_HOME": str(tmp_path)})
    assert isinstance(hasil, SumberGagal)
    assert hasil.pesan.startswith("Token di KINERJA_GOOGLE_TOKEN ditolak Google")
    assert len(server.permintaan_sheets()) == 1
    tanpa_rahasia(teks_terlihat([hasil], caplog.records), [token])


def test_urutan_pencarian_berkas(server, kunci, tmp_path):
    folder = tmp_path / "kinerja"
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    with pytest.raises(KredensialGagal) as e:
        cari_kredensial(env=env)
    assert str(folder / "service_account.json") in e.value.pesan
    assert "KINERJA_GOOGLE_KREDENSIAL" in e.value.pesan

    tulis(folder / "authorized_user.json", json_pengguna(server))
    assert cari_kredensial(env=env).jenis == PENGGUNA
    tulis(folder / "service_account.json", json_akun_layanan(server, kunci))
    kred = cari_kredensial(env=env)
    assert (kred.jenis, kred.email) == (AKUN_LAYANAN, EMAIL_AKUN_LAYANAN)
    lain = tulis(tmp_path / "lain" / "pribadi.json", json_pengguna(server))
    assert cari_kredensial(env={**env, "KINERJA_GOOGLE_KREDENSIAL": lain}).jenis == PENGGUNA
    assert cari_kredensial(lain, env=env).asal == lain
    assert "private_key" not in repr(kred) and "BEGIN" not in repr(kred)


def test_tanpa_kredensial_semua_sumber_gagal_dengan_pesan_sama(server, tmp_path):
    hasil = baca_google([("A", ID), ("B", ID)], pengaturan=atur(server),
                        env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert [type(h) for h in hasil] == [SumberGagal, SumberGagal]
    assert hasil[0].pesan == hasil[1].pesan
    assert hasil[0].pesan.startswith("Kredensial Google belum diatur")
    assert server.permintaan == []


@pytest.mark.parametrize("isi, potongan", [
    ("bukan json {", "tidak dapat dibaca sebagai JSON"),
    (json.dumps({"type": "service_account", "client_email": "x@y.z",
                 "token_uri": "https://oauth2.googleapis.com/token",
                 "private_key": "-----BEGIN PRIVATE KEY-----\nRUSAKrusak\n"
                                "-----END PRIVATE KEY-----\n"}),
     "tidak lengkap atau rusak"),
    (json.dumps({"type": "external_account"}), "berjenis 'external_account'"),
    (json.dumps({"type": "authorized_user", "client_id": "c"}), "tidak lengkap atau rusak"),
])
def test_berkas_kredensial_rusak(tmp_path, isi, potongan):
    berkas = tmp_path / "k.json"
    berkas.write_text(isi, encoding="utf-8")
    with pytest.raises(KredensialGagal) as e:
        cari_kredensial(berkas, env={})
    assert potongan in e.value.pesan
    tanpa_rahasia(teks_terlihat([e.value], []), ["RUSAKrusak"])


def test_token_uri_tanpa_https_ditolak(server, kunci, tmp_path):
    data = json_akun_layanan(server, kunci)
    data["token_uri"] = "http://token.contoh.go.id/token"
    with pytest.raises(KredensialGagal) as e:
        cari_kredensial(tulis(tmp_path / "k.json", data), env={})
    assert "https://" in e.value.pesan
    tanpa_rahasia(e.value.pesan, rahasia_sa(data))


def test_berkas_yang_ditunjuk_tidak_ada(tmp_path):
    with pytest.raises(KredensialGagal) as e:
        cari_kredensial(env={"KINERJA_GOOGLE_KREDENSIAL": str(tmp_path / "tidak-ada.json")})
    assert "tidak ditemukan" in e.value.pesan
