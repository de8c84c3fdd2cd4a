"""Which Google credential to use, and getting its access token once.

Precedence (first found wins), the conventional order of Google's and gspread's
own clients with Kinerja's explicit settings first:
1. env KINERJA_GOOGLE_TOKEN: an OAuth access token (automation; about an hour).
2. a JSON file named by the caller (an option) or by env KINERJA_GOOGLE_KREDENSIAL.
3. env GOOGLE_APPLICATION_CREDENTIALS: the file every Google client library reads
   first (google.auth.default, google/auth/_default.py).
4. gspread's default folder, where gspread users already keep theirs
   (gspread.auth.get_config_dir: %APPDATA%\\gspread on Windows, else ~/.config/gspread):
   service_account.json, then authorized_user.json.
5. Kinerja's own folder: %APPDATA%\\kinerja on Windows, else $XDG_CONFIG_HOME/kinerja
   or ~/.config/kinerja; the same two names.
6. gcloud's application-default file (`gcloud auth application-default login`),
   google.auth's next place: %APPDATA%\\gcloud\\application_default_credentials.json
   on Windows, else ~/.config/gcloud/application_default_credentials.json.
A file is a service account key ("type": "service_account") or an authorised user
("type": "authorized_user", also gspread's files without "type").

google-auth does every token exchange; the JSON's token_uri says where (tests
point it at the loopback server). Secrets (private key, refresh token, client
secret, access token) never go into a message we build.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import google.auth.transport.requests
from google.auth.credentials import Credentials
from google.auth.exceptions import GoogleAuthError, RefreshError, TransportError
from google.oauth2 import credentials as kredensial_pengguna
from google.oauth2 import service_account

from sync.model.rahasia import daftar_rahasia
from sync.sumber.google_http import (
    PANDUAN_GOOGLE,
    kode_oauth,
    periksa_url_aman,
    pesan_tls,
    sebab_tls,
)

# A service account reads Sheets, and .xlsx files kept in Drive (files.get?alt=media
# needs a Drive scope; drive.readonly is the read-only one). A service account sees
# only what was shared with it, whatever the scope.
CAKUPAN = ("https://www.googleapis.com/auth/spreadsheets.readonly",
           "https://www.googleapis.com/auth/drive.readonly")
TOKEN_URI_GOOGLE = "https://oauth2.googleapis.com/token"
ENV_TOKEN = "KINERJA_GOOGLE_TOKEN"
ENV_KREDENSIAL = "KINERJA_GOOGLE_KREDENSIAL"
ENV_GOOGLE = "GOOGLE_APPLICATION_CREDENTIALS"
BERKAS_GCLOUD = "application_default_credentials.json"
BERKAS_AKUN_LAYANAN = "service_account.json"
BERKAS_PENGGUNA = "authorized_user.json"

TOKEN = "token"
AKUN_LAYANAN = "akun_layanan"
PENGGUNA = "pengguna"


class KredensialGagal(Exception):
    """No usable credential. The message (Indonesian) says what to set up."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


@dataclass
class Kredensial:
    """A credential and what we may say about it (never its secrets)."""

    kredensial: Credentials = field(repr=False)
    jenis: str        # TOKEN, AKUN_LAYANAN or PENGGUNA
    email: str = ""   # the service account's e-mail (to share sheets with), if known
    asal: str = ""    # where it came from: the env variable's name or the file's path


def folder_bawaan(env: Mapping[str, str] | None = None) -> Path:
    """The per-user folder where Kinerja looks for credential files."""
    env = os.environ if env is None else env
    if os.name == "nt" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "kinerja"
    dasar = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(dasar) / "kinerja"


def folder_gspread(env: Mapping[str, str] | None = None) -> Path:
    """gspread's default folder (gspread.auth.get_config_dir, read for `env`)."""
    env = os.environ if env is None else env
    if os.name == "nt" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "gspread"
    return Path(env.get("HOME") or Path.home()) / ".config" / "gspread"


def berkas_gcloud(env: Mapping[str, str] | None = None) -> Path:
    """gcloud's application-default credential file (google/auth/_cloud_sdk.py)."""
    env = os.environ if env is None else env
    if env.get("CLOUDSDK_CONFIG"):
        return Path(env["CLOUDSDK_CONFIG"]) / BERKAS_GCLOUD
    if os.name == "nt" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "gcloud" / BERKAS_GCLOUD
    return Path(env.get("HOME") or Path.home()) / ".config" / "gcloud" / BERKAS_GCLOUD


def urutan_berkas(env: Mapping[str, str] | None = None) -> list[Path]:
    """The files looked for after the explicit settings, in order (for docs and messages)."""
    env = os.environ if env is None else env
    return [folder_gspread(env) / BERKAS_AKUN_LAYANAN, folder_gspread(env) / BERKAS_PENGGUNA,
            folder_bawaan(env) / BERKAS_AKUN_LAYANAN, folder_bawaan(env) / BERKAS_PENGGUNA,
            berkas_gcloud(env)]


def cari_kredensial(berkas: str | os.PathLike | None = None,
                    env: Mapping[str, str] | None = None) -> Kredensial:
    """The credential to use, in the documented order of precedence."""
    env = os.environ if env is None else env
    token = env.get(ENV_TOKEN, "").strip()
    if token:
        daftar_rahasia(token)  # redacted verbatim wherever a server echoes it
        return Kredensial(kredensial_pengguna.Credentials(token=token), TOKEN, asal=ENV_TOKEN)
    for ditunjuk, asal in ((berkas, "pengaturan"), (env.get(ENV_KREDENSIAL, "").strip(),
                                                     ENV_KREDENSIAL),
                           (env.get(ENV_GOOGLE, "").strip(), ENV_GOOGLE)):
        if not ditunjuk:
            continue
        jalur = Path(ditunjuk).expanduser()
        if not jalur.is_file():
            raise KredensialGagal(
                f"Berkas kredensial Google '{jalur}' (dari {asal}) tidak ditemukan. Periksa "
                f"jalurnya, atau lihat {PANDUAN_GOOGLE}."
            )
        return dari_berkas(jalur)
    for jalur in urutan_berkas(env):
        if jalur.is_file():
            return dari_berkas(jalur)
    folder = folder_bawaan(env)
    raise KredensialGagal(
        "Kredensial Google belum diatur. Simpan kunci JSON akun layanan sebagai "
        f"{folder / BERKAS_AKUN_LAYANAN} (atau {folder_gspread(env) / BERKAS_AKUN_LAYANAN}), "
        f"atau isi {ENV_KREDENSIAL} atau {ENV_GOOGLE} dengan jalurnya (atau {ENV_TOKEN} "
        f"dengan token akses). Panduan: {PANDUAN_GOOGLE}."
    )


def dari_berkas(jalur: Path) -> Kredensial:
    """A credential from a service-account or authorised-user JSON file."""
    try:
        info = json.loads(jalur.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        info = None
    if not isinstance(info, dict):
        raise KredensialGagal(
            f"Berkas kredensial '{jalur}' tidak dapat dibaca sebagai JSON. Unduh ulang "
            "kuncinya dari Google Cloud Console (format JSON)."
        )
    daftar_rahasia(*(str(info.get(k) or "") for k in (
        "private_key", "private_key_id", "refresh_token", "client_secret", "token")))
    # gspread.oauth() writes an authorised-user file without "type"
    jenis = info.get("type") or ("authorized_user" if "refresh_token" in info else None)
    try:
        if jenis == "service_account":
            return _akun_layanan(info, jalur)
        if jenis == "authorized_user":
            return _pengguna(info, jalur)
    except (ValueError, GoogleAuthError):
        # The library's text may quote fields; say only which file is wrong.
        raise KredensialGagal(
            f"Berkas kredensial '{jalur}' tidak lengkap atau rusak (jenis {jenis}). Unduh "
            "ulang kuncinya dari Google Cloud Console."
        ) from None
    disebut = jenis if isinstance(jenis, str) and re.fullmatch(r"[a-z_]{1,40}", jenis) else "?"
    raise KredensialGagal(
        f"Berkas kredensial '{jalur}' berjenis '{disebut}'; yang dapat dipakai hanya "
        "'service_account' (kunci akun layanan) atau 'authorized_user' (akun Google pribadi)."
    )


def _token_uri(info: dict, jalur: Path, bawaan: str = "") -> str:
    try:
        return periksa_url_aman(str(info.get("token_uri") or bawaan), "token_uri")
    except ValueError as e:
        raise KredensialGagal(f"Berkas kredensial '{jalur}': {e}") from None


def _akun_layanan(info: dict, jalur: Path) -> Kredensial:
    _token_uri(info, jalur)
    kred = service_account.Credentials.from_service_account_info(info, scopes=CAKUPAN)
    return Kredensial(kred, AKUN_LAYANAN, email=kred.service_account_email, asal=str(jalur))


def _pengguna(info: dict, jalur: Path) -> Kredensial:
    # from_authorized_user_info always uses Google's token endpoint; the constructor
    # honours the file's token_uri (gspread writes it), checked like the endpoint.
    token_uri = _token_uri(info, jalur, TOKEN_URI_GOOGLE)
    hilang = {"refresh_token", "client_id", "client_secret"} - info.keys()
    if hilang:
        raise ValueError("authorized_user tanpa " + ", ".join(sorted(hilang)))
    kred = kredensial_pengguna.Credentials(
        token=None,
        refresh_token=info["refresh_token"],
        token_uri=token_uri,
        client_id=info["client_id"],
        client_secret=info["client_secret"],
        quota_project_id=info.get("quota_project_id"),
    )
    return Kredensial(kred, PENGGUNA, email=str(info.get("account") or ""), asal=str(jalur))


def segarkan(kred: Kredensial, waktu: float) -> None:
    """Get an access token now, once for all sources (a plain token has nothing to get)."""
    if kred.jenis == TOKEN:
        return
    permintaan = functools.partial(google.auth.transport.requests.Request(), timeout=waktu)
    try:
        kred.kredensial.refresh(permintaan)
    except RefreshError as e:
        raise KredensialGagal(pesan_tolak(kred, kode_oauth(e))) from None
    except TransportError as e:
        if sebab_tls(e):
            raise KredensialGagal(pesan_tls("server token Google")) from None
        raise KredensialGagal(
            "Tidak dapat menghubungi server token Google untuk masuk. Periksa koneksi "
            "internet, proxy atau firewall kantor, lalu ulangi."
        ) from None
    daftar_rahasia(getattr(kred.kredensial, "token", None))


def pesan_tolak(kred: Kredensial, kode: str) -> str:
    """The token endpoint refused the credential (`kode`: the OAuth error, e.g.
    invalid_grant), at the start or mid-run."""
    sebab = f" ({kode})" if kode else ""
    if kred.jenis == TOKEN:
        return (f"Token di {ENV_TOKEN} ditolak Google{sebab}: token akses hanya berlaku "
                "sekitar satu jam dan tidak dapat diperbarui. Buat token baru.")
    if kred.jenis == AKUN_LAYANAN:
        return (
            f"Server token Google menolak akun layanan {kred.email}{sebab}. Kemungkinan "
            "kuncinya sudah dihapus atau dinonaktifkan (buat kunci baru di Google Cloud "
            "Console), atau jam komputer ini tidak tepat (samakan jamnya)."
        )
    return (
        f"Server token Google menolak berkas authorized_user {kred.asal}{sebab}: izinnya "
        "sudah dicabut atau kedaluwarsa. Bila layar persetujuan OAuth proyeknya masih "
        "berstatus 'Testing', izinnya memang habis setiap 7 hari: ubah ke 'In production'. "
        f"Buat ulang berkas itu (lihat {PANDUAN_GOOGLE})."
    )
