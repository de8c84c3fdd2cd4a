"""A loopback Google Sheets API v4 and OAuth token server, for tests.

A real HTTP server on 127.0.0.1 (http.server in a thread) that answers the
requests gspread and google-auth send, with the shapes of the real API:

- `GET /v4/spreadsheets/{id}`: the spreadsheet resource; `fields` masks it,
  `includeGridData` (or a mask naming `data`) adds rowData/rowMetadata.
- `GET /v4/spreadsheets/{id}/values:batchGet` and `.../values/{range}`:
  `valueRanges` with `range` in A1 form (`Indikator!A1:Z1000`, the whole grid
  for a whole-tab range), `majorDimension`, ragged rows with trailing blanks
  trimmed, `values` absent for an empty range; a tab that does not exist is
  400 "Unable to parse range: <range as sent>" INVALID_ARGUMENT.
- `POST /token`: the OAuth token endpoint a credential's token_uri names. The
  JWT-bearer grant is checked for real (RS256 signature against the registered
  public key, audience, lifetime); the refresh-token grant checks client and token.
- Drive v3, as `kinerja templat buat google` uses it (scope `drive` or `drive.file`):
  `POST /upload/drive/v3/files?uploadType=multipart` (multipart/related: JSON
  metadata, then the media) answers `{"kind", "id", "name", "mimeType"}` (masked by
  `fields`); with `mimeType: application/vnd.google-apps.spreadsheet` an .xlsx is
  read (python-calamine) into a new spreadsheet served by the Sheets endpoints,
  shared with its creator only. `POST /drive/v3/files/{id}/permissions` shares it.

  `GET /drive/v3/files/{id}?alt=media` downloads a file kept in Drive (an .xlsx a
  bidang uploaded: `tambah_berkas`); `GET /drive/v3/about?fields=user(...)` names the
  token's account; `POST /v4/spreadsheets/{id}:batchUpdate` takes
  updateSpreadsheetProperties (the locale `templat buat` sets).

Where the real service is inconvenient, so is this server (each behaviour cites its
source where it is implemented):
- Sheets errors are `{"error": {"code", "message", "status", "details"}}` with a
  google.rpc.ErrorInfo reason in `details`; Drive's own errors (notFound,
  storageQuotaExceeded, fileNotDownloadable ...) have NO `status`, only
  `errors: [{"domain", "reason", "message"}]`.
- Non-JSON error bodies: Google front-end HTML pages (502/504) and an office
  proxy's block page (`ganggu(id, "html_502" | "html_504" | "proxy")`).
- 429 carries no Retry-After (Google documents none for Sheets); only a test that
  asks (`retry_after=`) gets one.
- A per-minute read quota per account (`per_menit`, 60 by default; the minute is
  `menit` seconds so tests run fast), refilled at each minute boundary.
- Tokens expire (`umur_token` seconds) and carry scopes; the default scopes of
  `beri_token` and refreshed personal tokens are those the guide asks for.
- The spreadsheet locale is configurable (`locale=`; uploads get the server's).
- Optionally HTTPS with a self-signed certificate (`tls=True`; `sertifikat` is the
  PEM file to trust): a client that does not trust it fails as behind an office
  proxy that inspects HTTPS.

Every request is recorded (headers without Authorization; the JSON body or upload
metadata in `isi`); faults can be injected per spreadsheet, and for Drive under
`UNGGAH` (uploads) and `IZIN` (permissions).

    with ServerSheets() as server:
        server.tambah("ID", {"title": "Bidang A", "sheets": {"Indikator": rows}})
        token = server.beri_token("staf@example.go.id")
"""

from __future__ import annotations

import base64
import io
import json
import re
import secrets
import ssl
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from python_calamine import CalamineWorkbook

AUD_GOOGLE = ("https://oauth2.googleapis.com/token", "https://accounts.google.com/o/oauth2/token")
CAKUPAN_SHEETS = (
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/spreadsheets.readonly",
    "https://www.googleapis.com/auth/drive",
    "https://www.googleapis.com/auth/drive.readonly",
)
CAKUPAN_DRIVE = ("https://www.googleapis.com/auth/drive",
                 "https://www.googleapis.com/auth/drive.file")
# Reading a file's content: drive.file only reaches files this app created or opened
# (https://developers.google.com/workspace/drive/api/guides/api-specific-auth)
CAKUPAN_UNDUH = ("https://www.googleapis.com/auth/drive",
                 "https://www.googleapis.com/auth/drive.readonly")
CAKUPAN_FILE = "https://www.googleapis.com/auth/drive.file"
CAKUPAN_TULIS_SHEETS = ("https://www.googleapis.com/auth/spreadsheets",
                        "https://www.googleapis.com/auth/drive", CAKUPAN_FILE)
# What the guide's personal-account consent asks for: read sheets, create files
CAKUPAN_BAWAAN = ("https://www.googleapis.com/auth/spreadsheets.readonly", CAKUPAN_FILE)
MIME_SHEETS = "application/vnd.google-apps.spreadsheet"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNGGAH, IZIN = "drive:unggah", "drive:izin"  # fault keys for Drive uploads and permissions
UBAH = "sheets:ubah"  # fault key for every spreadsheets.batchUpdate
BARIS_GRID, KOLOM_GRID = 1000, 26  # a new Google sheet's grid
MACET_MAKS = 60.0  # a stalled handler gives up after this, or when the server stops


@dataclass
class Permintaan:
    """One request as received (the Authorization header is never kept)."""

    metode: str
    jalur: str
    query: dict[str, list[str]]
    header: dict[str, str]
    spreadsheet: str | None  # the spreadsheet id for Sheets requests
    akun: str | None = None  # who the bearer token was issued to, if valid
    isi: dict | None = None  # Drive: the JSON body, or an upload's metadata part
    media: str | None = None  # Drive upload: the media part's Content-Type


@dataclass
class Gangguan:
    """A fault for one spreadsheet (or UNGGAH / IZIN): an HTTP status, "macet" (never
    answers), "bukan_sheets" (an .xlsx in Drive), "api_mati" (the API is not enabled),
    "tanpa_kuota" (a service account may not own files), "html_502" / "html_504" (the
    Google front end's HTML error page) or "proxy" (an office proxy's HTML block
    page, 403); `kali` times, or forever when None."""

    jenis: int | str
    kali: int | None = None
    retry_after: str | None = None


@dataclass
class Hibah:
    """A token the token endpoint issued: for which grant, to whom, with which scopes."""

    grant: str  # "jwt-bearer" or "refresh_token"
    akun: str
    cakupan: tuple[str, ...] | None


@dataclass
class Token:
    """An access token as the server knows it: whose, which scopes, until when."""

    akun: str
    cakupan: tuple[str, ...]
    habis: float  # time.time() after which it is refused (ACCESS_TOKEN_EXPIRED)
    berkas_app: set[str] = field(default_factory=set)  # drive.file: files this app made


class Galat(Exception):
    """An error answer. `alasan` is Drive's errors[0].reason (e.g. storageQuotaExceeded);
    `info` a google.rpc.ErrorInfo reason (Sheets, and auth errors at Google's front
    door on either API) with its `metadata`; `drive` marks a Drive-API error, whose
    body has no `status` (https://developers.google.com/workspace/drive/api/guides/
    handle-errors shows `{"error": {"errors": [...], "code": 404, "message": ...}}`)."""

    def __init__(self, kode: int, pesan: str, status: str, header: dict | None = None,
                 alasan: str = "", info: str = "", metadata: dict | None = None,
                 drive: bool = False):
        super().__init__(pesan)
        self.kode, self.pesan, self.status, self.header = kode, pesan, status, header or {}
        self.alasan = alasan
        self.info, self.metadata, self.drive = info, metadata or {}, drive


# Google front end's own error page (what www.google.com/ serves for a 502/504, as
# seen through any Google API when the backend is unreachable); Content-Type text/html.
HALAMAN_GFE = (
    '<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <meta name=viewport '
    'content="initial-scale=1, minimum-scale=1, width=device-width">\n  <title>Error {kode} '
    '({judul})!!1</title>\n  <style>*{{margin:0;padding:0}}html,code{{font:15px/22px arial,'
    'sans-serif}}</style>\n  <a href=//www.google.com/><span id=logo aria-label=Google>'
    '</span></a>\n  <p><b>{kode}.</b> <ins>That\u2019s an error.</ins>\n  <p>The server '
    'encountered a temporary error and could not complete your request.<p>Please try '
    'again in 30 seconds.  <ins>That\u2019s all we know.</ins>\n')
# An office web filter's block page (shape of common appliances: HTML, 403, a title
# naming the filter), for an address it will not let through.
HALAMAN_PROXY = (
    "<html><head><title>Akses Diblokir - Web Filter Kantor</title>"
    "<script>var u='{url}';</script></head><body><h1>Halaman diblokir</h1>"
    "<p>Kategori: Cloud Storage. Hubungi admin jaringan.</p></body></html>")

STATUS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED",
          404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}
PESAN = {
    403: "The caller does not have permission",
    404: "Requested entity was not found.",
    429: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
         "per user' of service 'sheets.googleapis.com' for consumer 'project_number:0'.",
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
}


class ServerSheets:
    """The server and its state. Use as a context manager, or mulai()/berhenti().

    locale: new spreadsheets' properties.locale (uploads too: Drive's import uses the
    owner's settings, https://support.google.com/docs/answer/58515).
    per_menit / menit: the read quota per account, refilled every `menit` seconds
    ("per-minute quotas ... are refilled every minute",
    https://developers.google.com/workspace/sheets/api/limits); None: no quota.
    umur_token: lifetime of issued tokens, seconds (Google: 3599).
    tls: serve HTTPS with a fresh self-signed certificate for 127.0.0.1.
    """

    def __init__(self, *, locale: str = "id_ID", per_menit: int | None = 60,
                 menit: float = 60.0, umur_token: float = 3599.0, tls: bool = False) -> None:
        self.locale, self.per_menit, self.menit = locale, per_menit, menit
        self.umur_token, self.tls = umur_token, tls
        self._kuota: dict[str, tuple[int, int]] = {}  # account -> (minute, reads in it)
        self._mulai_kuota = time.monotonic()
        self.sertifikat: Path | None = None  # PEM of the self-signed certificate
        self._folder_tls: tempfile.TemporaryDirectory | None = None
        self.spreadsheet: dict[str, dict] = {}
        self.berkas: dict[str, dict] = {}  # Drive files uploaded without conversion
        self.gangguan: dict[str, Gangguan] = {}
        self.permintaan: list[Permintaan] = []
        self.hibah: list[Hibah] = []  # tokens issued by the token endpoint
        self._akun_layanan: dict[str, object] = {}  # email -> RSA public key
        # refresh token -> (client id, client secret, email)
        self._pengguna: dict[str, tuple[str, str, str, tuple[str, ...]]] = {}
        self._token: dict[str, Token] = {}
        self._kunci = threading.Lock()
        self._berhenti = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._rintangan: threading.Barrier | None = None
        self._sisa_rintangan = 0
        self.rintangan_gagal = False

    def serentak(self, jumlah: int, batas: float = 4.0) -> None:
        """Hold the next `jumlah` Sheets requests until all of them are in flight at once:
        a client that reads one spreadsheet at a time breaks the barrier after `batas`
        seconds (keep it under the client's read timeout) and `rintangan_gagal` is set."""
        with self._kunci:
            self._rintangan = threading.Barrier(jumlah, timeout=batas)
            self._sisa_rintangan = jumlah

    def tunggu_serentak(self) -> None:
        with self._kunci:
            rintangan = self._rintangan
            if rintangan is None or self._sisa_rintangan <= 0:
                return
            self._sisa_rintangan -= 1
        try:
            rintangan.wait()
        except threading.BrokenBarrierError:
            self.rintangan_gagal = True

    # -- lifecycle --------------------------------------------------------

    def mulai(self) -> ServerSheets:
        server = self

        class Penangan(_Penangan):
            induk = server

        self._httpd = _Server(("127.0.0.1", 0), Penangan)
        self._httpd.daemon_threads = True
        if self.tls:
            self._folder_tls = tempfile.TemporaryDirectory(prefix="sheets-lokal-")
            self.sertifikat, kunci = sertifikat_sendiri(Path(self._folder_tls.name))
            konteks = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            konteks.load_cert_chain(self.sertifikat, kunci)
            self._httpd.socket = konteks.wrap_socket(self._httpd.socket, server_side=True)
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True,
                         name="sheets-lokal").start()
        return self

    def berhenti(self) -> None:
        self._berhenti.set()
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._folder_tls:
            self._folder_tls.cleanup()

    def __enter__(self) -> ServerSheets:
        return self.mulai()

    def __exit__(self, *exc) -> None:
        self.berhenti()

    @property
    def url(self) -> str:
        assert self._httpd, "server belum dimulai"
        skema = "https" if self.tls else "http"
        return f"{skema}://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def token_uri(self) -> str:
        return self.url + "/token"

    # -- state ------------------------------------------------------------

    def tambah(self, id_: str, definisi: dict) -> None:
        """A spreadsheet: {"title", "sheets": {tab: rows}, optional "locale",
        "dibagikan": [emails] (absent: readable by every valid token),
        "tersembunyi": {tab: {0-based rows}}, "tab_tersembunyi": {tabs}}.

        Cells are as UNFORMATTED_VALUE gives them: int/float, str, bool, None.
        """
        self.spreadsheet[id_] = {"locale": self.locale, **definisi}

    def tambah_berkas(self, id_: str, nama: str, data: bytes, mime: str = "",
                      dibagikan: list[str] | None = None) -> None:
        """A file kept in Drive as it is (not converted): e.g. a bidang's .xlsx."""
        berkas = {"kind": "drive#file", "id": id_, "name": nama,
                  "mimeType": mime or MIME_XLSX, "data": data}
        if dibagikan is not None:
            berkas["dibagikan"] = list(dibagikan)
        self.berkas[id_] = berkas

    def kedaluwarsakan(self) -> None:
        """Every token issued so far expires now (as after an hour)."""
        with self._kunci:
            for t in self._token.values():
                t.habis = 0.0

    def ganggu(self, id_: str, jenis: int | str, kali: int | None = None,
               retry_after: str | None = None) -> None:
        self.gangguan[id_] = Gangguan(jenis, kali, retry_after)

    def daftar_akun_layanan(self, email: str, kunci_publik) -> None:
        self._akun_layanan[email] = kunci_publik

    def daftar_pengguna(self, client_id: str, client_secret: str, refresh_token: str,
                        email: str, cakupan: tuple[str, ...] = CAKUPAN_BAWAAN) -> None:
        """A personal account's refresh token and the scopes granted at consent."""
        self._pengguna[refresh_token] = (client_id, client_secret, email, cakupan)

    def cabut(self, refresh_token: str) -> None:
        """The user revoked access (or a Testing-mode token turned 7 days old)."""
        self._pengguna.pop(refresh_token, None)

    def token_terbit(self) -> list[str]:
        """Every access token issued so far (for tests that check none leaks)."""
        with self._kunci:
            return list(self._token)

    def beri_token(self, email: str, cakupan: tuple[str, ...] = CAKUPAN_BAWAAN,
                   umur: float | None = None) -> str:
        """An access token issued out of band (e.g. by an OAuth playground), with the
        scopes it was granted; it expires like any other."""
        token = "ya29.lokal-" + secrets.token_urlsafe(24)
        with self._kunci:
            self._token[token] = Token(email, tuple(cakupan),
                                       time.time() + (self.umur_token if umur is None else umur))
        return token

    def permintaan_sheets(self, id_: str | None = None) -> list[Permintaan]:
        with self._kunci:
            return [p for p in self.permintaan
                    if p.spreadsheet and (id_ is None or p.spreadsheet == id_)]

    def permintaan_drive(self, jalur: str = "") -> list[Permintaan]:
        """Drive requests, optionally only those whose path starts with `jalur`."""
        with self._kunci:
            return [p for p in self.permintaan if p.jalur.startswith(("/drive/", "/upload/"))
                    and p.jalur.startswith(jalur)]

    def permintaan_token(self) -> list[Permintaan]:
        with self._kunci:
            return [p for p in self.permintaan if p.jalur == "/token"]

    def _catat(self, p: Permintaan) -> None:
        with self._kunci:
            self.permintaan.append(p)

    def _ambil_gangguan(self, id_: str) -> Gangguan | None:
        with self._kunci:
            g = self.gangguan.get(id_)
            if g is None:
                return None
            if g.kali is not None:
                if g.kali <= 0:
                    return None
                g.kali -= 1
            return g

    # -- OAuth ------------------------------------------------------------

    def _terbitkan(self, email: str, cakupan: tuple[str, ...], hibah: str,
                   diminta: tuple[str, ...] | None = None) -> dict:
        token = "ya29.lokal-" + secrets.token_urlsafe(24)
        with self._kunci:
            self._token[token] = Token(email, cakupan, time.time() + self.umur_token)
            self.hibah.append(Hibah(hibah, email, diminta if diminta is not None else cakupan))
        # Google's token response: expires_in and the granted scope, always
        # (https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code)
        return {"access_token": token, "expires_in": int(self.umur_token),
                "token_type": "Bearer", "scope": " ".join(cakupan)}

    def token(self, form: dict[str, str]) -> tuple[int, dict]:
        jenis = form.get("grant_type")
        if jenis == "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return self._jwt(form.get("assertion", ""))
        if jenis == "refresh_token":
            data = self._pengguna.get(form.get("refresh_token", ""))
            if data is None:
                # revoked, or 7 days old from a consent screen in "Testing"
                # (https://developers.google.com/identity/protocols/oauth2#expiration)
                return 400, {"error": "invalid_grant",
                             "error_description": "Token has been expired or revoked."}
            if (form.get("client_id"), form.get("client_secret")) != data[:2]:
                return 401, {"error": "invalid_client",
                             "error_description": "The OAuth client was not found."}
            diminta = tuple(form["scope"].split()) if form.get("scope") else None
            if diminta and not set(diminta) <= set(data[3]):
                return 400, {"error": "invalid_scope", "error_description":
                             "Some requested scopes were invalid."}
            # without `scope`, the token has every scope granted at consent
            return 200, self._terbitkan(data[2], diminta or data[3], jenis, diminta)
        return 400, {"error": "unsupported_grant_type",
                     "error_description": f"Invalid grant_type: {jenis}"}

    def _jwt(self, assertion: str) -> tuple[int, dict]:
        def tolak(teks: str) -> tuple[int, dict]:
            return 400, {"error": "invalid_grant", "error_description": teks}

        try:
            h, p, s = assertion.split(".")
            header, muatan = json.loads(_b64(h)), json.loads(_b64(p))
            tanda = _b64(s)
        except ValueError:
            return tolak("Invalid JWT: malformed.")
        if header.get("alg") != "RS256":
            return tolak("Invalid JWT: unsupported algorithm.")
        kunci = self._akun_layanan.get(muatan.get("iss", ""))
        if kunci is None:
            return tolak("Invalid grant: account not found")
        try:
            kunci.verify(tanda, f"{h}.{p}".encode(), padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return tolak("Invalid JWT Signature.")
        kini = time.time()
        iat, exp = muatan.get("iat", 0), muatan.get("exp", 0)
        if not (iat - 300 <= kini < exp and exp - iat <= 3600):
            return tolak("Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                         "reasonable timeframe. Check your iat and exp values in the JWT claim.")
        if muatan.get("aud") not in (*AUD_GOOGLE, self.token_uri):
            return tolak("Invalid JWT: Failed audience check.")
        cakupan = tuple(str(muatan.get("scope", "")).split())
        if not cakupan:
            return 400, {"error": "invalid_scope",
                         "error_description": "Invalid OAuth scope or ID token audience provided."}
        return 200, self._terbitkan(muatan["iss"], cakupan, "jwt-bearer")

    def token_dari(self, otorisasi: str, layanan: str = "sheets.googleapis.com") -> Token:
        """The token of a bearer Authorization header, or a Galat as Google's front door
        answers (status and ErrorInfo on either API, https://cloud.google.com/apis/
        design/errors#error_info; reasons from google.api.ErrorReason)."""
        if not otorisasi:
            raise Galat(403, "The request is missing a valid API key.", "PERMISSION_DENIED")
        jenis, _, token = otorisasi.partition(" ")
        data = self._token.get(token) if jenis.lower() == "bearer" else None
        pesan_401 = ("Request had invalid authentication credentials. Expected OAuth 2 "
                     "access token, login cookie or other valid authentication credential.")
        if data is None:
            raise Galat(401, pesan_401, "UNAUTHENTICATED", info="ACCESS_TOKEN_TYPE_UNSUPPORTED",
                        metadata={"service": layanan})
        if time.time() >= data.habis:
            raise Galat(401, pesan_401, "UNAUTHENTICATED", info="ACCESS_TOKEN_EXPIRED",
                        metadata={"service": layanan})
        return data

    def akun_dari(self, otorisasi: str, perlu: tuple[str, ...] = CAKUPAN_SHEETS,
                  layanan: str = "sheets.googleapis.com") -> str:
        """The principal of a bearer token that has one of the scopes `perlu`."""
        data = self.token_dari(otorisasi, layanan)
        if not set(data.cakupan) & set(perlu):
            raise cakupan_kurang(layanan)
        return data.akun

    def hitung_kuota(self, akun: str) -> None:
        """One read against the account's per-minute quota; 429 past it, with the
        ErrorInfo Google sends and no Retry-After (none is documented for Sheets:
        https://developers.google.com/workspace/sheets/api/limits says to back off
        exponentially and that requests work again after the minute)."""
        if self.per_menit is None:
            return
        with self._kunci:
            menit = int((time.monotonic() - self._mulai_kuota) // self.menit)
            lalu, n = self._kuota.get(akun, (menit, 0))
            n = n + 1 if lalu == menit else 1
            self._kuota[akun] = (menit, n)
        if n > self.per_menit:
            raise Galat(429, PESAN[429], "RESOURCE_EXHAUSTED", info="RATE_LIMIT_EXCEEDED",
                        metadata={"quota_location": "global", "service": "sheets.googleapis.com",
                                  "quota_metric": "sheets.googleapis.com/read_requests",
                                  "quota_limit": "ReadRequestsPerMinutePerUser",
                                  "quota_limit_value": str(self.per_menit),
                                  "consumer": "projects/0"})

    # -- Sheets -----------------------------------------------------------

    def lembar(self, id_: str, akun: str) -> dict:
        ss = self.spreadsheet.get(id_)
        if ss is None and id_ in self.berkas:
            # what Sheets answers for an Office file kept in Drive
            raise Galat(400, "This operation is not supported for this document",
                        "FAILED_PRECONDITION")
        if ss is None:
            raise Galat(404, PESAN[404], "NOT_FOUND")
        if "dibagikan" in ss and akun not in ss["dibagikan"]:
            raise Galat(403, PESAN[403], "PERMISSION_DENIED")
        return ss

    def unduh(self, id_: str, token: Token, query: dict[str, list[str]]) -> tuple[bytes, str]:
        """files.get: with alt=media a blob file's bytes; a Google Sheet cannot be
        downloaded ("Only files with binary content can be downloaded. Use Export with
        Docs Editors files." fileNotDownloadable, Drive's manage-downloads guide)."""
        if not set(token.cakupan) & (set(CAKUPAN_UNDUH) | {CAKUPAN_FILE}):
            raise cakupan_kurang("drive.googleapis.com")
        berkas = self.berkas.get(id_)
        ss = self.spreadsheet.get(id_)
        terlihat = berkas if berkas is not None else ss
        hanya_app = not set(token.cakupan) & set(CAKUPAN_UNDUH)  # drive.file alone
        if (terlihat is None
                or "dibagikan" in terlihat and token.akun not in terlihat["dibagikan"]
                or hanya_app and id_ not in token.berkas_app):
            # Drive hides what the caller may not see: 404, never 403
            raise Galat(404, f"File not found: {id_}.", "", alasan="notFound", drive=True)
        if _satu(query, "alt", "json") != "media":
            meta = ({"kind": "drive#file", "id": id_, "name": ss.get("title", id_),
                     "mimeType": MIME_SHEETS} if berkas is None
                    else {k: v for k, v in berkas.items() if k not in ("data", "dibagikan")})
            fields = _satu(query, "fields", "")
            return json.dumps(_saring(meta, _mask(fields)) if fields else meta).encode(), \
                "application/json; charset=UTF-8"
        if berkas is None:
            raise Galat(403, "Only files with binary content can be downloaded. Use Export "
                        "with Docs Editors files.", "", alasan="fileNotDownloadable",
                        drive=True)
        return berkas.get("data", b""), berkas["mimeType"]

    def gangguan_untuk(self, id_: str) -> Gangguan | None:
        g = self._ambil_gangguan(id_)
        if g is None or g.jenis == "macet":
            return g
        drive = id_ in (UNGGAH, IZIN)
        if g.jenis == "api_mati":
            # checked at the front door: status and ErrorInfo SERVICE_DISABLED on both
            # APIs (Drive adds its legacy errors[].reason accessNotConfigured)
            nama, host = ("Drive", "drive") if drive else ("Sheets", "sheets")
            raise Galat(403, f"Google {nama} API has not been used in project 0 before or it "
                        "is disabled. Enable it by visiting https://console.developers.google"
                        f".com/apis/api/{host}.googleapis.com/overview?project=0 then retry.",
                        "PERMISSION_DENIED", alasan="accessNotConfigured" if drive else "",
                        info="SERVICE_DISABLED",
                        metadata={"service": f"{host}.googleapis.com", "consumer": "projects/0"})
        if g.jenis == "tanpa_kuota":
            raise Galat(403, "Service Accounts do not have storage quota. Leverage shared "
                        "drives (https://developers.google.com/workspace/drive/api/guides/"
                        "about-shareddrives), or use OAuth delegation (http://support.google"
                        ".com/a/answer/7281227) instead.", "",
                        alasan="storageQuotaExceeded", drive=True)
        if g.jenis == "bukan_sheets":
            raise Galat(400, "This operation is not supported for this document",
                        "FAILED_PRECONDITION")
        if g.jenis in ("html_502", "html_504", "proxy"):
            raise HalamanHtml(g.jenis)
        # Retry-After only when a test asks: Google documents none for Sheets' 429
        header = {"Retry-After": g.retry_after} if g.retry_after is not None else {}
        kode = int(g.jenis)
        if drive:
            raise Galat(kode, PESAN_DRIVE.get(kode, PESAN.get(kode, "Error")), "", header,
                        alasan=ALASAN_DRIVE.get(kode, "") or "unknown", drive=True)
        raise Galat(kode, PESAN.get(kode, "Error"), STATUS.get(kode, "UNKNOWN"), header,
                    info=INFO_SHEETS.get(kode, ""),
                    metadata={"service": "sheets.googleapis.com"})

    def macet(self) -> None:
        self._berhenti.wait(MACET_MAKS)

    def nilai(self, ss: dict, rentang: str, query: dict[str, list[str]]) -> dict:
        judul, sel = _pisah_rentang(rentang, list(ss["sheets"]))
        if judul is None:
            raise Galat(400, f"Unable to parse range: {rentang}", "INVALID_ARGUMENT")
        baris = ss["sheets"][judul]
        r0, c0, r1, c1 = _batas(sel, _ukuran(baris))
        if r0 is None:
            raise Galat(400, f"Unable to parse range: {rentang}", "INVALID_ARGUMENT")
        render = _satu(query, "valueRenderOption", "FORMATTED_VALUE")
        potong = [[_render(v, render, ss["locale"]) for v in b[c0:c1]] for b in baris[r0:r1]]
        potong = _pangkas(potong)
        dimensi = _satu(query, "majorDimension", "ROWS")
        if dimensi == "COLUMNS" and potong:
            lebar = max(len(b) for b in potong)
            potong = _pangkas([[b[c] if c < len(b) else "" for b in potong] for c in range(lebar)])
        jawab = {"range": f"{_kutip(judul)}!{_a1(r0, c0)}:{_a1(r1 - 1, c1 - 1)}",
                 "majorDimension": dimensi}
        if potong:
            jawab["values"] = potong
        return jawab

    def sumber_daya(self, id_: str, ss: dict, query: dict[str, list[str]]) -> dict:
        """The spreadsheet resource, masked by `fields` as the real API does."""
        fields = _satu(query, "fields", "")
        grid = _satu(query, "includeGridData", "false") == "true" or "data" in fields
        lembar = []
        for i, (judul, baris) in enumerate(ss["sheets"].items()):
            nrow, ncol = _ukuran(baris)
            prop = {"sheetId": gid(judul, i), "title": judul, "index": i, "sheetType": "GRID",
                    "gridProperties": {"rowCount": nrow, "columnCount": ncol}}
            if judul in ss.get("tab_tersembunyi", ()):
                prop["hidden"] = True
            isi = {"properties": prop}
            if grid:
                isi["data"] = [_data_grid(baris, ss.get("tersembunyi", {}).get(judul, ()), nrow)]
            lembar.append(isi)
        sd = {"spreadsheetId": id_,
              "properties": {"title": ss.get("title", id_), "locale": ss["locale"],
                             "autoRecalc": "ON_CHANGE", "timeZone": "Asia/Jakarta"},
              "sheets": lembar,
              "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{id_}/edit"}
        return _saring(sd, _mask(fields)) if fields else sd

    # -- Drive --------------------------------------------------------------

    def unggah(self, catatan: Permintaan, jenis: str, badan: bytes) -> dict:
        """files.create with a multipart upload; a Google type in the metadata converts."""
        query = catatan.query
        if _satu(query, "uploadType", "") != "multipart":
            raise Galat(400, "Loopback server: only uploadType=multipart.", "INVALID_ARGUMENT")
        bagian = _multipart(jenis, badan)
        if len(bagian) != 2 or not bagian[0][0].startswith("application/json"):
            raise Galat(400, "Bad multipart request: expected metadata then media.",
                        "INVALID_ARGUMENT", alasan="badRequest")
        try:
            meta = json.loads(bagian[0][1])
        except ValueError:
            raise Galat(400, "Invalid JSON payload received.", "INVALID_ARGUMENT",
                        alasan="parseError") from None
        catatan.isi, catatan.media = meta, bagian[1][0]
        mime = meta.get("mimeType") or bagian[1][0]
        id_ = "1" + secrets.token_urlsafe(32)
        berkas = {"kind": "drive#file", "id": id_, "name": meta.get("name") or "Untitled",
                  "mimeType": mime}
        if mime == MIME_SHEETS:
            if bagian[1][0] != MIME_XLSX:
                raise Galat(400, "Loopback server: only .xlsx converts to a spreadsheet.",
                            "INVALID_ARGUMENT", alasan="badContent")
            lembar = lembar_dari_xlsx(bagian[1][1])
            with self._kunci:
                self.spreadsheet[id_] = {"locale": self.locale, "title": berkas["name"],
                                         "sheets": lembar, "dibagikan": [catatan.akun]}
        else:
            with self._kunci:
                self.berkas[id_] = {**berkas, "dibagikan": [catatan.akun]}
        fields = _satu(query, "fields", "")
        return _saring(berkas, _mask(fields)) if fields else berkas

    def izin(self, catatan: Permintaan, id_: str, isi: dict) -> dict:
        """permissions.create: share a file its caller can see (else 404, as Drive does)."""
        catatan.isi = isi
        with self._kunci:
            berkas = self.spreadsheet.get(id_) or self.berkas.get(id_)
            if berkas is None or catatan.akun not in berkas.get("dibagikan", [catatan.akun]):
                raise Galat(404, f"File not found: {id_}.", "NOT_FOUND", alasan="notFound")
            if (isi.get("type") not in ("user", "group")
                    or isi.get("role") not in ("reader", "commenter", "writer")
                    or "@" not in str(isi.get("emailAddress", ""))):
                raise Galat(400, "Invalid permission.", "INVALID_ARGUMENT",
                            alasan="invalidSharingRequest")
            berkas.setdefault("dibagikan", []).append(isi["emailAddress"])
        jawab = {"kind": "drive#permission", "id": str(zlib.crc32(isi["emailAddress"].encode())),
                 "type": isi["type"], "role": isi["role"]}
        fields = _satu(catatan.query, "fields", "")
        return _saring(jawab, _mask(fields)) if fields else jawab


def gid(judul: str, indeks: int) -> int:
    """A tab's sheetId: 0 for the first tab, a stable large number for others."""
    return 0 if indeks == 0 else zlib.crc32(judul.encode()) % 2_000_000_000 + 1


ALASAN_DRIVE = {403: "insufficientFilePermissions", 404: "notFound",
                429: "userRateLimitExceeded", 500: "internalError", 503: "backendError"}
PESAN_DRIVE = {403: "The user does not have sufficient permissions for this file.",
               429: "User rate limit exceeded.", 500: "Internal Error", 503: "Backend Error"}
# ErrorInfo reasons the Sheets front door attaches (google.api.ErrorReason)
INFO_SHEETS = {429: "RATE_LIMIT_EXCEEDED"}


def cakupan_kurang(layanan: str) -> Galat:
    """403 for a token without the scope: status, ErrorInfo ACCESS_TOKEN_SCOPE_INSUFFICIENT
    (and Drive's legacy errors[].reason insufficientPermissions)."""
    return Galat(403, "Request had insufficient authentication scopes.", "PERMISSION_DENIED",
                 alasan="insufficientPermissions" if layanan.startswith("drive") else "",
                 info="ACCESS_TOKEN_SCOPE_INSUFFICIENT", metadata={"service": layanan})


class HalamanHtml(Exception):
    """Answer with an HTML page instead of the API's JSON."""

    def __init__(self, jenis: str):
        super().__init__(jenis)
        self.jenis = jenis


def sertifikat_sendiri(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (PEM files: certificate, key)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    kunci = kunci_rsa()
    nama = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sheets-lokal")])
    kini = dt.datetime.now(dt.UTC)
    sert = (x509.CertificateBuilder().subject_name(nama).issuer_name(nama)
            .public_key(kunci.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(kini - dt.timedelta(minutes=5))
            .not_valid_after(kini + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(kunci, hashes.SHA256()))
    jalur_sert, jalur_kunci = folder / "sertifikat.pem", folder / "kunci.pem"
    jalur_sert.write_bytes(sert.public_bytes(serialization.Encoding.PEM))
    jalur_kunci.write_text(pem_pribadi(kunci))
    return jalur_sert, jalur_kunci


def _multipart(jenis: str, badan: bytes) -> list[tuple[str, bytes]]:
    """(Content-Type, content) of each part of a multipart/related body."""
    cocok = re.search(r'boundary="?([^";]+)"?', jenis)
    if not jenis.startswith("multipart/related") or not cocok:
        raise Galat(400, "Bad content type: expected multipart/related with a boundary.",
                    "INVALID_ARGUMENT", alasan="badContent")
    batas = b"--" + cocok.group(1).encode()
    potongan = badan.split(batas)
    if len(potongan) < 3 or not potongan[-1].startswith(b"--"):
        raise Galat(400, "Bad multipart request: no closing boundary.", "INVALID_ARGUMENT",
                    alasan="badRequest")
    hasil = []
    for p in potongan[1:-1]:
        p = p.removeprefix(b"\r\n").removesuffix(b"\r\n")
        kepala, _, isi = p.partition(b"\r\n\r\n")
        jenis_bagian = ""
        for baris in kepala.decode("latin-1").split("\r\n"):
            nama, _, nilai = baris.partition(":")
            if nama.strip().lower() == "content-type":
                jenis_bagian = nilai.strip()
        hasil.append((jenis_bagian, isi))
    return hasil


def lembar_dari_xlsx(data: bytes) -> dict[str, list[list[object]]]:
    """Each tab's cells as UNFORMATTED_VALUE would give them after Google's import."""
    try:
        buku = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:
        raise Galat(400, "The uploaded file could not be converted.", "INVALID_ARGUMENT",
                    alasan="badContent") from None
    lembar = {}
    for nama in buku.sheet_names:
        baris = buku.get_sheet_by_name(nama).to_python(skip_empty_area=False)
        lembar[nama] = [[_sel_api(v) for v in b] for b in baris]
    return lembar


def _sel_api(v: object) -> object:
    if v == "":
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A client that gave up (its timeout) closes the socket under a stalled or
        # held handler; that is the point of those tests, not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Penangan(BaseHTTPRequestHandler):
    induk: ServerSheets
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def _kirim(self, kode: int, isi: dict | bytes, header: dict | None = None,
               jenis: str = "application/json; charset=UTF-8") -> None:
        data = isi if isinstance(isi, bytes) else json.dumps(isi).encode()
        self.send_response(kode)
        self.send_header("Content-Type", jenis)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (header or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _galat(self, g: Galat | HalamanHtml) -> None:
        if isinstance(g, HalamanHtml):
            self._html(g.jenis)
            return
        isi: dict = {"code": g.kode, "message": g.pesan}
        if not g.drive:  # Drive's own errors carry no status
            isi["status"] = g.status
        if g.alasan:
            isi["errors"] = [{"message": g.pesan, "domain": "global", "reason": g.alasan}]
        if g.info:
            isi["details"] = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                               "reason": g.info, "domain": "googleapis.com",
                               "metadata": g.metadata}]
        self._kirim(g.kode, {"error": isi}, g.header)

    def _html(self, jenis: str) -> None:
        if jenis == "proxy":
            halaman = HALAMAN_PROXY.format(url=self.path.replace("'", ""))
            self._kirim(403, halaman.encode(), jenis="text/html")
            return
        kode = int(jenis.removeprefix("html_"))
        judul = {502: "Server Error", 504: "Gateway Timeout"}[kode]
        self._kirim(kode, HALAMAN_GFE.format(kode=kode, judul=judul).encode(),
                    jenis="text/html; charset=UTF-8")

    def _catat(self, spreadsheet: str | None, akun: str | None = None) -> Permintaan:
        bagian = urlsplit(self.path)
        p = Permintaan(
            self.command, unquote(bagian.path), parse_qs(bagian.query, keep_blank_values=True),
            {k: v for k, v in self.headers.items() if k.lower() != "authorization"},
            spreadsheet, akun)
        self.induk._catat(p)
        return p

    def do_POST(self) -> None:
        panjang = int(self.headers.get("Content-Length") or 0)
        badan = self.rfile.read(panjang)
        jalur = unquote(urlsplit(self.path).path)
        if jalur == "/token":
            self._catat(None)
            kode, isi = self.induk.token({k: v[0] for k, v in parse_qs(badan.decode()).items()})
            self._kirim(kode, isi)
            return
        if jalur.startswith(("/upload/drive/v3/", "/drive/v3/")):
            self._drive(jalur, badan)
            return
        cocok = re.match(r"/v4/spreadsheets/([^/:]+)(:batchUpdate)?$", jalur)
        catatan = self._catat(cocok.group(1) if cocok else None)
        try:
            if cocok and cocok.group(2):
                self._kirim(200, self._perbarui(catatan, badan))
                return
            if cocok and self._siap(catatan) is None:
                return
            raise Galat(400, "Not implemented in the loopback server (read-only).",
                        "INVALID_ARGUMENT")
        except (Galat, HalamanHtml) as g:
            self._galat(g)

    def _perbarui(self, catatan: Permintaan, badan: bytes) -> dict:
        """spreadsheets.batchUpdate with updateSpreadsheetProperties only (the locale);
        needs a write scope (drive.file: a file this app created)."""
        server = self.induk
        token = server.token_dari(self.headers.get("Authorization", ""))
        id_ = catatan.spreadsheet
        if (server.gangguan_untuk(id_) or server.gangguan_untuk(UBAH)) is not None:
            server.macet()
            raise Galat(503, PESAN[503], STATUS[503])
        if not (set(token.cakupan) & set(CAKUPAN_TULIS_SHEETS[:2])
                or CAKUPAN_FILE in token.cakupan and id_ in token.berkas_app):
            raise cakupan_kurang("sheets.googleapis.com")
        catatan.akun = token.akun
        ss = server.lembar(id_, token.akun)
        try:
            isi = json.loads(badan or b"{}")
        except ValueError:
            raise Galat(400, "Invalid JSON payload received.", "INVALID_ARGUMENT") from None
        catatan.isi = isi
        for r in isi.get("requests", []):
            ubah = r.get("updateSpreadsheetProperties")
            if not ubah or ubah.get("fields") != "locale":
                raise Galat(400, "Loopback server: only updateSpreadsheetProperties(locale).",
                            "INVALID_ARGUMENT")
            ss["locale"] = ubah["properties"]["locale"]
        return {"spreadsheetId": id_, "replies": [{} for _ in isi.get("requests", [])]}

    def _drive(self, jalur: str, badan: bytes) -> None:
        server = self.induk
        izin = re.fullmatch(r"/drive/v3/files/([^/]+)/permissions", jalur)
        catatan = self._catat(None)
        try:
            catatan.akun = server.akun_dari(self.headers.get("Authorization", ""),
                                            CAKUPAN_DRIVE, "drive.googleapis.com")
            if jalur == "/upload/drive/v3/files":
                kunci = UNGGAH
            elif izin:
                kunci = IZIN
            else:
                raise Galat(404, "Not found in the loopback server.", "NOT_FOUND",
                            alasan="notFound")
            if server.gangguan_untuk(kunci) is not None:  # only "macet" returns
                server.macet()
                self.close_connection = True
                return
            if kunci == UNGGAH:
                isi = server.unggah(catatan, self.headers.get("Content-Type", ""), badan)
                # drive.file: the app may now reach this file with this token
                server.token_dari(self.headers["Authorization"]).berkas_app.add(isi["id"])
            else:
                try:
                    data = json.loads(badan or b"{}")
                except ValueError:
                    raise Galat(400, "Invalid JSON payload received.", "INVALID_ARGUMENT",
                                alasan="parseError") from None
                isi = server.izin(catatan, izin.group(1), data)
        except (Galat, HalamanHtml) as g:
            self._galat(g)
            return
        self._kirim(200, isi)

    def _drive_get(self, jalur: str) -> None:
        """files.get (metadata, or content with alt=media) and about.get."""
        server = self.induk
        catatan = self._catat(None)
        query = catatan.query
        try:
            token = server.token_dari(self.headers.get("Authorization", ""),
                                      "drive.googleapis.com")
            catatan.akun = token.akun
            if jalur == "/drive/v3/about":
                about = {"kind": "drive#about", "user": {
                    "kind": "drive#user", "displayName": token.akun.split("@")[0],
                    "emailAddress": token.akun, "me": True}}
                fields = _satu(query, "fields", "")
                self._kirim(200, _saring(about, _mask(fields)) if fields else about)
                return
            cocok = re.fullmatch(r"/drive/v3/files/([^/]+)", jalur)
            if not cocok:
                raise Galat(404, "Not found in the loopback server.", "", alasan="notFound",
                            drive=True)
            id_ = cocok.group(1)
            if server.gangguan_untuk(id_) is not None:
                server.macet()
                self.close_connection = True
                return
            isi, jenis = server.unduh(id_, token, query)
        except (Galat, HalamanHtml) as g:
            self._galat(g)
            return
        self._kirim(200, isi, jenis=jenis)

    def _siap(self, catatan: Permintaan) -> dict | None:
        """Auth, injected faults, existence and sharing; None when the request stalls."""
        server = self.induk
        token = server.token_dari(self.headers.get("Authorization", ""))
        # drive.file reaches the Sheets API too, for files this app created
        perlu = CAKUPAN_SHEETS + ((CAKUPAN_FILE,) if catatan.spreadsheet in token.berkas_app
                                  else ())
        catatan.akun = server.akun_dari(self.headers.get("Authorization", ""), perlu)
        server.tunggu_serentak()
        if server.gangguan_untuk(catatan.spreadsheet) is not None:  # only "macet" returns
            server.macet()
            self.close_connection = True
            return None
        if catatan.metode == "GET":
            server.hitung_kuota(catatan.akun)
        return server.lembar(catatan.spreadsheet, catatan.akun)

    def do_GET(self) -> None:
        server = self.induk
        jalur = unquote(urlsplit(self.path).path)
        if jalur.startswith("/drive/v3/"):
            self._drive_get(jalur)
            return
        cocok = re.fullmatch(r"/v4/spreadsheets/([^/:]+)(/values:batchGet|/values/(.+))?", jalur)
        if not cocok:
            self._catat(None)
            self._galat(Galat(404, "Not found in the loopback server.", "NOT_FOUND"))
            return
        id_ = cocok.group(1)
        query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        catatan = self._catat(id_)
        try:
            ss = self._siap(catatan)
            if ss is None:
                return
            if cocok.group(2) == "/values:batchGet":
                rentang = query.get("ranges", [])
                isi = {"spreadsheetId": id_,
                       "valueRanges": [server.nilai(ss, r, query) for r in rentang]}
            elif cocok.group(3):
                isi = server.nilai(ss, cocok.group(3), query)
            else:
                isi = server.sumber_daya(id_, ss, query)
        except (Galat, HalamanHtml) as g:
            self._galat(g)
            return
        self._kirim(200, isi)


# -- A1 notation, values, field masks ------------------------------------------

_SEL = re.compile(r"^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$")


def _b64(teks: str) -> bytes:
    return base64.urlsafe_b64decode(teks + "=" * (-len(teks) % 4))


def _satu(query: dict[str, list[str]], kunci: str, bawaan: str) -> str:
    return query.get(kunci, [bawaan])[0]


def _ukuran(baris: list[list[object]]) -> tuple[int, int]:
    lebar = max((len(b) for b in baris), default=0)
    return max(BARIS_GRID, len(baris)), max(KOLOM_GRID, lebar)


def _kolom(huruf: str) -> int:
    n = 0
    for h in huruf:
        n = n * 26 + ord(h) - 64
    return n - 1


def _huruf(c: int) -> str:
    s, c = "", c + 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def _a1(r: int, c: int) -> str:
    return f"{_huruf(c)}{r + 1}"


def _kutip(judul: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", judul) and not re.fullmatch(r"[A-Za-z]{1,3}\d+",
                                                                          judul):
        return judul
    return "'" + judul.replace("'", "''") + "'"


def _pisah_rentang(rentang: str, judul: list[str]) -> tuple[str | None, str]:
    """(tab title, cell part) of an A1 range; title None when no such tab."""
    if rentang.startswith("'"):
        i, nama = 1, ""
        while i < len(rentang):
            if rentang[i] == "'":
                if rentang[i + 1:i + 2] == "'":
                    nama, i = nama + "'", i + 2
                    continue
                break
            nama, i = nama + rentang[i], i + 1
        sisa = rentang[i + 1:]
        if sisa and not sisa.startswith("!"):
            return None, ""
        return (nama if nama in judul else None), sisa[1:]
    if "!" in rentang:
        nama, sel = rentang.split("!", 1)
        return (nama if nama in judul else None), sel
    if rentang in judul:
        return rentang, ""
    if judul and _SEL.match(rentang):
        return judul[0], rentang
    return None, ""


def _batas(sel: str, ukuran: tuple[int, int]) -> tuple:
    """0-based [r0, r1) x [c0, c1) of a cell part within the grid; (None,)*4 if unparseable."""
    nrow, ncol = ukuran
    if not sel:
        return 0, 0, nrow, ncol
    m = _SEL.match(sel)
    if not m or not (m.group(1) or m.group(2)):
        return None, None, None, None
    k0, b0, k1, b1 = m.groups()
    if m.group(0).find(":") < 0:
        k1, b1 = k0, b0
    r0 = int(b0) - 1 if b0 else 0
    c0 = _kolom(k0) if k0 else 0
    r1 = int(b1) if b1 else nrow
    c1 = _kolom(k1) + 1 if k1 else ncol
    return r0, c0, min(r1, nrow), min(c1, ncol)


def _render(v: object, render: str, locale: str) -> object:
    if v is None:
        return ""
    if render == "UNFORMATTED_VALUE" or isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    teks = f"{v:g}" if isinstance(v, float) else str(v)
    return teks.replace(".", ",") if locale.startswith("id") else teks


def _pangkas(baris: list[list[object]]) -> list[list[object]]:
    hasil = []
    for b in baris:
        b = list(b)
        while b and b[-1] == "":
            b.pop()
        hasil.append(b)
    while hasil and not hasil[-1]:
        hasil.pop()
    return hasil


def _nilai_efektif(v: object) -> dict:
    if v is None or v == "":
        return {}
    if isinstance(v, bool):
        ev = {"boolValue": v}
    elif isinstance(v, int | float):
        ev = {"numberValue": v}
    elif isinstance(v, str) and v in _GALAT:
        ev = {"errorValue": {"type": _GALAT[v], "message": "Error"}}
    else:
        ev = {"stringValue": v}
    return {"userEnteredValue": ev, "effectiveValue": ev, "formattedValue": str(v)}


_GALAT = {"#DIV/0!": "DIVIDE_BY_ZERO", "#REF!": "REF", "#N/A": "N_A", "#VALUE!": "VALUE",
          "#NAME?": "NAME", "#NUM!": "NUM", "#NULL!": "NULL_VALUE", "#ERROR!": "ERROR"}


def _data_grid(baris: list[list[object]], tersembunyi, nrow: int) -> dict:
    data_baris = []
    for b in baris:
        b = list(b)
        while b and (b[-1] is None or b[-1] == ""):
            b.pop()
        data_baris.append({"values": [_nilai_efektif(v) for v in b]} if b else {})
    while data_baris and not data_baris[-1]:
        data_baris.pop()
    meta = [{"pixelSize": 21, **({"hiddenByUser": True} if i in tersembunyi else {})}
            for i in range(nrow)]
    return {"rowData": data_baris, "rowMetadata": meta}


def _mask(fields: str) -> dict:
    """A field mask ("a,b(c,d.e)") as a tree; an empty subtree keeps the whole value."""
    akar: dict = {}
    tumpukan = [akar]
    nama = ""

    def tutup_nama() -> dict | None:
        nonlocal nama
        if not nama:
            return None
        simpul = tumpukan[-1]
        for bagian in nama.strip().split("."):
            simpul = simpul.setdefault(bagian, {})
        nama = ""
        return simpul

    for ch in fields:
        if ch == ",":
            tutup_nama()
        elif ch == "(":
            tumpukan.append(tutup_nama())
        elif ch == ")":
            tutup_nama()
            tumpukan.pop()
        else:
            nama += ch
    tutup_nama()
    return akar


def _saring(nilai: object, pohon: dict) -> object:
    if not pohon:
        return nilai
    if isinstance(nilai, list):
        return [_saring(v, pohon) for v in nilai]
    if isinstance(nilai, dict):
        return {k: _saring(nilai[k], sub) for k, sub in pohon.items() if k in nilai}
    return nilai


# -- credentials for tests -------------------------------------------------------

EMAIL_AKUN_LAYANAN = "kinerja-sync@proyek-uji.iam.gserviceaccount.com"


def kunci_rsa():
    """A fresh RSA key pair (the test's own; never a real credential)."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem_pribadi(kunci) -> str:
    from cryptography.hazmat.primitives import serialization

    return kunci.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption()).decode()


def json_akun_layanan(server: ServerSheets, kunci, email: str = EMAIL_AKUN_LAYANAN,
                      daftarkan: bool = True) -> dict:
    """A service-account key file's content, as Google's console writes it, whose
    token_uri is this server; the public key is registered unless told otherwise."""
    if daftarkan:
        server.daftar_akun_layanan(email, kunci.public_key())
    return {
        "type": "service_account",
        "project_id": "proyek-uji",
        "private_key_id": "0123456789abcdef",
        "private_key": pem_pribadi(kunci),
        "client_email": email,
        "client_id": "100000000000000000001",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": server.token_uri,
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "universe_domain": "googleapis.com",
    }


def json_pengguna(server: ServerSheets, email: str = "staf@example.go.id",
                  daftarkan: bool = True) -> dict:
    """An authorised-user file's content (as gspread/google-auth write it)."""
    data = {
        "type": "authorized_user",
        "client_id": "12345-uji.apps.googleusercontent.com",
        "client_secret": "GOCSPX-" + secrets.token_urlsafe(18),
        "refresh_token": "1//0g-" + secrets.token_urlsafe(32),
        "token_uri": server.token_uri,
        "account": "",
    }
    if daftarkan:
        server.daftar_pengguna(data["client_id"], data["client_secret"], data["refresh_token"],
                               email)
    return data


def teks_terlihat(galat: list[BaseException], catatan_log: list) -> str:
    """Everything a user or a log file could see of failures: each exception's text,
    repr and full traceback (causes included), and every log record with its fields."""
    import traceback

    bagian = []
    for g in galat:
        bagian += [str(g), repr(g), "".join(traceback.format_exception(g))]
        bagian += [str(v) for v in vars(g).values()]
    for r in catatan_log:
        bagian += [r.getMessage(), str(vars(r))]
    return "\n".join(bagian)
