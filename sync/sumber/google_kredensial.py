"""Which Google credential to use, and getting its access token once.

Precedence (first found wins):
1. env KINERJA_GOOGLE_TOKEN: an OAuth access token (automation; about an hour).
2. a JSON file named by the caller or by env KINERJA_GOOGLE_KREDENSIAL: a service
   account key ("type": "service_account") or an authorised user
   ("type": "authorized_user").
3. service_account.json, then authorized_user.json, in the user's Kinerja folder:
   %APPDATA%\\kinerja on Windows, else $XDG_CONFIG_HOME/kinerja or ~/.config/kinerja.

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

from sync.sumber.google_http import periksa_url_aman

CAKUPAN = ("https://www.googleapis.com/auth/spreadsheets.readonly",)
TOKEN_URI_GOOGLE = "https://oauth2.googleapis.com/token"
ENV_TOKEN = "KINERJA_GOOGLE_TOKEN"
ENV_KREDENSIAL = "KINERJA_GOOGLE_KREDENSIAL"
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


def cari_kredensial(berkas: str | os.PathLike | None = None,
                    env: Mapping[str, str] | None = None) -> Kredensial:
    """The credential to use, in the documented order of precedence."""
    env = os.environ if env is None else env
    token = env.get(ENV_TOKEN, "").strip()
    if token:
        return Kredensial(kredensial_pengguna.Credentials(token=token), TOKEN, asal=ENV_TOKEN)
    ditunjuk = berkas or env.get(ENV_KREDENSIAL, "").strip()
    if ditunjuk:
        jalur = Path(ditunjuk).expanduser()
        if not jalur.is_file():
            raise KredensialGagal(
                f"Berkas kredensial Google '{jalur}' tidak ditemukan. Periksa jalurnya "
                f"(dari {ENV_KREDENSIAL} atau pengaturan), atau lihat docs/google-sheets.md."
            )
        return dari_berkas(jalur)
    folder = folder_bawaan(env)
    for nama in (BERKAS_AKUN_LAYANAN, BERKAS_PENGGUNA):
        if (folder / nama).is_file():
            return dari_berkas(folder / nama)
    raise KredensialGagal(
        "Kredensial Google belum diatur. Simpan kunci JSON akun layanan sebagai "
        f"{folder / BERKAS_AKUN_LAYANAN}, atau isi {ENV_KREDENSIAL} dengan jalurnya "
        f"(atau {ENV_TOKEN} dengan token akses). Panduan: docs/google-sheets.md."
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
        raise KredensialGagal(_pesan_tolak(kred, _kode_oauth(e))) from None
    except TransportError:
        raise KredensialGagal(
            "Tidak dapat menghubungi server token Google untuk masuk. Periksa koneksi "
            "internet, proxy atau firewall kantor, lalu ulangi."
        ) from None


def _kode_oauth(e: RefreshError) -> str:
    """The OAuth error code (e.g. invalid_grant) from a refused exchange, if any."""
    data = e.args[1] if len(e.args) > 1 else None
    kode = data.get("error") if isinstance(data, dict) else None
    return kode if isinstance(kode, str) and re.fullmatch(r"[a-z_]{1,40}", kode) else ""


def _pesan_tolak(kred: Kredensial, kode: str) -> str:
    sebab = f" ({kode})" if kode else ""
    if kred.jenis == AKUN_LAYANAN:
        return (
            f"Server token Google menolak akun layanan {kred.email}{sebab}. Kemungkinan "
            "kuncinya sudah dihapus atau dinonaktifkan (buat kunci baru di Google Cloud "
            "Console), atau jam komputer ini tidak tepat (samakan jamnya)."
        )
    return (
        f"Server token Google menolak berkas authorized_user {kred.asal}{sebab}: izinnya "
        "sudah dicabut atau kedaluwarsa. Buat ulang berkas itu (lihat docs/google-sheets.md)."
    )
