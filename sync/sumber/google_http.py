"""The HTTP side of reading Google Sheets: endpoint, timeouts, bounded retries, quota.

gspread builds every Sheets URL from `gspread.urls` and sends it through its
`HTTPClient`; `gspread.Client(http_client=...)` is the supported way to change how
requests go out. `KlienSheets` is that hook: it points the URLs at the configured
endpoints (Sheets; Drive for `kinerja templat buat google`), as Google's own clients
allow an api_endpoint override, bounds every request by a timeout, retries GETs a
bounded number of times (never a POST), and takes a slot from a rate limiter shared
by all sources before each attempt.

Errors are read as the services send them: Sheets v4 answers
`{"error": {"code", "message", "status", "details": [google.rpc.ErrorInfo ...]}}`
(https://cloud.google.com/apis/design/errors), Drive v3 answers
`{"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}` with no
`status` (https://developers.google.com/workspace/drive/api/guides/handle-errors).
A body that is not JSON (Google front-end 502/504 pages, an office proxy's block
page) makes gspread 6.2 set `APIError.code = -1` and put the whole HTML page in
`message` (gspread/exceptions.py, APIError.__init__): the HTTP status is taken from
the response instead, and the page never goes into a message.

Retries are bounded by a total deadline (`batas_waktu`), long enough to outlast
Sheets' per-minute quota: "per-minute quotas ... are refilled every minute. ...
After 1 minute, you can execute requests again" (https://developers.google.com/
workspace/sheets/api/limits). Google documents no Retry-After for these 429s, so
the exponential backoff alone has to reach past the minute.
"""

from __future__ import annotations

import logging
import os
import random
import re
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from html import unescape
from urllib.parse import urlsplit

import requests
from google.auth.credentials import Credentials
from google.auth.exceptions import GoogleAuthError, TransportError
from google.auth.transport.requests import AuthorizedSession
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

from sync.bawaan import panduan

PANDUAN_GOOGLE = panduan("google-sheets")  # messages name its path on this machine

log = logging.getLogger(__name__)

ENDPOINT_BAWAAN = "https://sheets.googleapis.com"
ENV_ENDPOINT = "KINERJA_GOOGLE_ENDPOINT"
ENDPOINT_DRIVE_BAWAAN = "https://www.googleapis.com"  # Drive v3 and its /upload path
ENV_ENDPOINT_DRIVE = "KINERJA_GOOGLE_DRIVE_ENDPOINT"
TENGGAT = "tenggat"  # GagalPermintaan.pesan_api when the whole deadline passed
_ULANG_STATUS = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class PengaturanGoogle:
    """How the Google source talks to the API. Defaults suit the real API.

    The bound: no attempt starts later than `batas_waktu` after a spreadsheet's first
    request, and an attempt lasts at most `waktu_sambung + waktu_baca`; so a
    spreadsheet ends within `batas_waktu + waktu_sambung + waktu_baca` = 125 s with
    the defaults (plus waits for the shared per-minute limiter). The backoff waits
    1, 2, 4, 8, 16, 30, 30 s: the 7th attempt comes 61 s after the first, past a
    quota minute. A Retry-After is honoured when it ends within the deadline.
    Tests shrink the numbers (`menit` too) and may pass their own clock and sleep.
    """

    endpoint: str = ENDPOINT_BAWAAN
    endpoint_drive: str = ""       # empty: see drive()
    waktu_sambung: float = 5.0     # connect timeout, seconds
    waktu_baca: float = 20.0       # read timeout: a stalled response ends here
    percobaan: int = 8             # attempts per request, the first included (GET only)
    jeda_awal: float = 1.0         # first backoff wait; doubles each retry
    jeda_maks: float = 30.0        # longest backoff wait (a Retry-After may be longer)
    acak: float = 0.25             # random extra wait, as a fraction (de-syncs threads)
    batas_waktu: float = 100.0     # no attempt starts later than this after the first
    tenggat: float = 150.0         # whole time for one spreadsheet, answers included: a
    #                                server dripping a byte every few seconds never trips
    #                                the per-read timeout, so this bounds the total
    paralel: int = 4               # spreadsheets read at once
    per_menit: int = 60            # Sheets read quota per user per minute
    menit: float = 60.0            # the quota's period, seconds (tests shrink it)
    jam: Callable[[], float] = field(default=time.monotonic, compare=False)
    tidur: Callable[[float], None] = field(default=time.sleep, compare=False)

    @classmethod
    def dari_env(cls, env: Mapping[str, str] | None = None, **ubah) -> PengaturanGoogle:
        """Settings with the endpoints from KINERJA_GOOGLE_ENDPOINT and
        KINERJA_GOOGLE_DRIVE_ENDPOINT when set."""
        env = os.environ if env is None else env
        for nama, kunci in ((ENV_ENDPOINT, "endpoint"), (ENV_ENDPOINT_DRIVE, "endpoint_drive")):
            nilai = env.get(nama, "").strip()
            if nilai and kunci not in ubah:
                ubah[kunci] = nilai
        return cls(**ubah)

    @property
    def batas_total(self) -> float:
        """The documented bound for one spreadsheet (limiter waits aside): the last
        attempt starts by `batas_waktu` and lasts at most one connect + read timeout."""
        return self.batas_waktu + self.waktu_sambung + self.waktu_baca

    def drive(self) -> str:
        """Drive's endpoint: its own setting; else a Sheets endpoint other than Google's
        (a gateway, or the test server, serving both by path); else Google's."""
        if self.endpoint_drive:
            return self.endpoint_drive
        if self.endpoint.rstrip("/") != ENDPOINT_BAWAAN:
            return self.endpoint
        return ENDPOINT_DRIVE_BAWAAN


def periksa_url_aman(url: str, nama: str) -> str:
    """An https URL, or http to this machine only: bearer tokens never go out in clear."""
    bagian = urlsplit(url)
    host = (bagian.hostname or "").lower()
    lokal = host in ("localhost", "127.0.0.1", "::1")
    if bagian.scheme == "https" and host or bagian.scheme == "http" and lokal:
        return url.rstrip("/")
    raise ValueError(
        f"{nama} '{url}' tidak sah: harus diawali https:// (http:// hanya untuk "
        "localhost/127.0.0.1, untuk pengujian)."
    )


class Pembatas:
    """At most `jumlah` requests in any `periode` seconds, shared by threads.

    A sliding window of start times: simple, and exact for a per-minute quota.
    """

    def __init__(self, jumlah: int = 60, periode: float = 60.0,
                 jam: Callable[[], float] = time.monotonic,
                 tidur: Callable[[float], None] = time.sleep):
        self.jumlah, self.periode, self.jam, self.tidur = jumlah, periode, jam, tidur
        self._waktu: deque[float] = deque()
        self._kunci = threading.Lock()

    @classmethod
    def dari(cls, p: PengaturanGoogle) -> Pembatas:
        """The limiter for these settings: `per_menit` requests each `menit` seconds."""
        return cls(p.per_menit, p.menit, p.jam, p.tidur)

    def ambil(self) -> float:
        """Wait for a slot; returns how long it waited in total."""
        ditunggu = 0.0
        while True:
            with self._kunci:
                kini = self.jam()
                while self._waktu and self._waktu[0] <= kini - self.periode:
                    self._waktu.popleft()
                if len(self._waktu) < self.jumlah:
                    self._waktu.append(kini)
                    return ditunggu
                jeda = self._waktu[0] + self.periode - kini
            log.info("Menunggu kuota Google Sheets %.1f detik", jeda)
            self.tidur(jeda)
            ditunggu += jeda


class GagalPermintaan(Exception):
    """A Sheets request that failed for good, described without any credential.

    jenis: "api" (the API answered with an error), "html" (an answer that is not
    the API's JSON: a Google front-end or proxy page), "waktu" (no answer in time),
    "jaringan" (no connection), "tls" (the HTTPS certificate was not trusted: an
    office proxy that inspects HTTPS), "kredensial" (the token was refused or could
    not be refreshed; `alasan` is the OAuth error code, e.g. invalid_grant).
    `alasan`: the ErrorInfo reason (Sheets) or errors[0].reason (Drive), if any.
    """

    def __init__(self, jenis: str, percobaan: int, kode: int | None = None,
                 status: str = "", pesan_api: str = "", tunggu: float | None = None,
                 alasan: str = ""):
        super().__init__(f"{jenis} {kode or ''} {status or alasan} setelah {percobaan} "
                         f"percobaan: {pesan_api}".strip())
        self.jenis = jenis
        self.percobaan = percobaan
        self.kode = kode
        self.status = status
        self.pesan_api = pesan_api
        self.tunggu = tunggu  # Retry-After that was too long to honour, seconds
        self.alasan = alasan

    def sebutan(self) -> str:
        """'HTTP 403 PERMISSION_DENIED' / 'HTTP 403 insufficientFilePermissions' / 'HTTP 502'."""
        return " ".join(x for x in (f"HTTP {self.kode}", self.status or self.alasan) if x)


_KODE = re.compile(r"[A-Za-z_]{1,60}")
_JUDUL_HTML = re.compile(r"<title[^>]*>(.*?)</title", re.I | re.S)


def _aman(teks: object) -> str:
    """An identifier-like field of an error body, or '' (never free text from a server)."""
    return teks if isinstance(teks, str) and _KODE.fullmatch(teks) else ""


def alasan_galat(error: Mapping) -> str:
    """The machine-readable reason of an error body: Sheets' google.rpc.ErrorInfo in
    `details`, else Drive v3's `errors[0].reason`."""
    for d in error.get("details") or ():
        if isinstance(d, dict) and str(d.get("@type", "")).endswith("google.rpc.ErrorInfo"):
            return _aman(d.get("reason"))
    for d in error.get("errors") or ():
        if isinstance(d, dict):
            return _aman(d.get("reason"))
    return ""


def judul_halaman(teks: str) -> str:
    """A web page's <title> as plain words (letters, digits, a little punctuation), at
    most 60 characters: enough to recognise a proxy's block page, never markup."""
    cocok = _JUDUL_HTML.search(teks or "")
    judul = unescape(cocok.group(1)) if cocok else ""
    judul = re.sub(r"[^\w .,:()/-]+", " ", judul)
    return " ".join(judul.split())[:60]


def dari_api_error(e: APIError, ke: int, token: str | None = None) -> GagalPermintaan:
    """GagalPermintaan from gspread's APIError, JSON body or not; an echoed `token`
    is masked."""
    status_http = getattr(e.response, "status_code", None)
    if e.code == -1 or not isinstance(e.error, Mapping):
        # gspread could not parse the body: its "message" is the raw page
        teks = getattr(e.response, "text", "") or ""
        if token and len(token) >= 8:
            teks = teks.replace(token, "***")
        return GagalPermintaan("html", ke, status_http, "", judul_halaman(teks))
    kode = e.code if isinstance(e.code, int) else status_http
    pesan = " ".join(re.sub(r"<[^>]*>?", " ", str(e.error.get("message", ""))).split())
    if token and len(token) >= 8:
        pesan = pesan.replace(token, "***")
    return GagalPermintaan("api", ke, kode, _aman(e.error.get("status")), pesan[:300],
                           alasan=alasan_galat(e.error))


def sebab_tls(e: BaseException | None) -> bool:
    """Whether an error (or one of its causes) is a certificate/TLS failure."""
    dilihat: set[int] = set()
    tumpuk = [e]
    while tumpuk:
        e = tumpuk.pop()
        if e is None or id(e) in dilihat:
            continue
        dilihat.add(id(e))
        if isinstance(e, (requests.exceptions.SSLError, ssl.SSLError)):
            return True
        # urllib3 wraps the ssl error in MaxRetryError.reason; google-auth's
        # TransportError carries the requests error as its argument
        tumpuk += [e.__cause__, e.__context__, getattr(e, "reason", None)]
        tumpuk += [a for a in getattr(e, "args", ()) if isinstance(a, BaseException)]
    return False


def retry_after(respons: requests.Response | None) -> float | None:
    """Seconds the server asks us to wait (Retry-After: seconds or HTTP date)."""
    nilai = (respons.headers.get("Retry-After", "") if respons is not None else "").strip()
    if not nilai:
        return None
    if nilai.isdigit():
        return float(nilai)
    try:
        tanggal = parsedate_to_datetime(nilai)
    except (TypeError, ValueError):
        return None
    return max(0.0, tanggal.timestamp() - time.time())


def pesan_halaman(e: GagalPermintaan, layanan: str) -> str:
    """An answer that was a web page, not the API's JSON, said in a sentence (never
    the page itself). 5xx: Google's front end could not reach the service; other
    codes: something between this computer and Google (an office proxy or filter)."""
    judul = f" berjudul '{e.pesan_api}'" if e.pesan_api else ""
    if e.kode is not None and e.kode >= 500:
        return (f"Server {layanan} sedang bermasalah (HTTP {e.kode}, jawaban berupa halaman "
                f"web{judul}; sudah dicoba {e.percobaan} kali).")
    return (f"Jawaban HTTP {e.kode} berupa halaman web{judul}, bukan dari {layanan}: "
            "kemungkinan proxy atau filter internet kantor memblokir alamat Google. Minta "
            "admin jaringan membuka akses ke *.googleapis.com dan oauth2.googleapis.com, atau "
            f"atur HTTPS_PROXY (lihat {PANDUAN_GOOGLE}).")


def pesan_tls(layanan: str) -> str:
    """A certificate the system does not trust: usually an office proxy that inspects
    HTTPS. Retrying cannot help; trusting the office's CA can."""
    return (f"Sambungan HTTPS ke {layanan} ditolak karena sertifikatnya tidak dipercaya: "
            "kemungkinan sertifikat/HTTPS diperiksa kantor (proxy yang memeriksa HTTPS). Minta "
            "berkas sertifikat CA kantor ke admin jaringan, lalu atur REQUESTS_CA_BUNDLE ke "
            "berkas itu (dan HTTPS_PROXY bila kantor memakai proxy); lihat "
            f"{PANDUAN_GOOGLE}, bagian Jaringan kantor.")


def kode_oauth(e: BaseException) -> str:
    """The OAuth error code (e.g. invalid_grant) of a refused token exchange, if any:
    google-auth's RefreshError carries the parsed response as its second argument
    (google/oauth2/_client.py, _handle_error_response)."""
    data = e.args[1] if len(e.args) > 1 else None
    kode = data.get("error") if isinstance(data, dict) else None
    return kode if isinstance(kode, str) and re.fullmatch(r"[a-z_]{1,40}", kode) else ""


class KlienSheets(HTTPClient):
    """gspread's HTTPClient with a configurable endpoint, timeouts and bounded retries.

    One instance serves one spreadsheet; `batas_waktu` counts from its first request.
    """

    def __init__(self, auth: Credentials, session: requests.Session | None = None, *,
                 pengaturan: PengaturanGoogle, pembatas: Pembatas):
        if session is None:
            session = AuthorizedSession(auth, refresh_timeout=pengaturan.waktu_baca)
        super().__init__(auth, session)
        self.auth = auth
        self.pengaturan = pengaturan
        self.pembatas = pembatas
        self.endpoint = periksa_url_aman(pengaturan.endpoint, ENV_ENDPOINT)
        self.endpoint_drive = periksa_url_aman(pengaturan.drive(), ENV_ENDPOINT_DRIVE)
        self.set_timeout((pengaturan.waktu_sambung, pengaturan.waktu_baca))
        self.jumlah_permintaan = 0  # HTTP attempts made, retries included
        self._mulai: float | None = None

    def _url(self, url: str) -> str:
        if url.startswith(ENDPOINT_BAWAAN + "/"):
            return self.endpoint + url[len(ENDPOINT_BAWAAN):]
        if url.startswith(ENDPOINT_DRIVE_BAWAAN + "/"):
            return self.endpoint_drive + url[len(ENDPOINT_DRIVE_BAWAAN):]
        return url

    def _dalam_tenggat(self, ke: int, fungsi, *a, **kw):
        """Run one attempt, giving up when the spreadsheet's whole deadline passes (the
        attempt's thread is left to end on its own socket timeouts; it holds no lock)."""
        sisa = self._mulai + self.pengaturan.tenggat - self.pengaturan.jam()
        if sisa <= 0:
            raise GagalPermintaan("waktu", ke, pesan_api=TENGGAT)
        hasil: list = []

        def jalan() -> None:
            try:
                hasil.append((True, fungsi(*a, **kw)))
            except BaseException as e:  # handed to the caller's thread
                hasil.append((False, e))

        t = threading.Thread(target=jalan, name="kinerja-google", daemon=True)
        t.start()
        t.join(sisa)
        if not hasil:
            raise GagalPermintaan("waktu", ke, pesan_api=TENGGAT)
        ok, nilai = hasil[0]
        if ok:
            return nilai
        raise nilai

    def _jeda(self, ke: int) -> float:
        p = self.pengaturan
        dasar = min(p.jeda_awal * 2 ** (ke - 1), p.jeda_maks)
        return min(dasar * (1 + random.uniform(0, p.acak)), p.jeda_maks)

    def request(self, method, endpoint, params=None, data=None, json=None, files=None,
                headers=None) -> requests.Response:
        p = self.pengaturan
        url = self._url(endpoint)
        boleh_ulang = method.upper() == "GET"
        if self._mulai is None:
            self._mulai = p.jam()
        ke = 0
        while True:
            ke += 1
            self.pembatas.ambil()
            self.jumlah_permintaan += 1
            try:
                return self._dalam_tenggat(ke, super().request, method, url, params=params,
                                           data=data, json=json, files=files, headers=headers)
            except APIError as e:
                token = getattr(self.auth, "token", None)
                galat = dari_api_error(e, ke, token)
                # Drive signals rate limits as 403 with these reasons, to be retried
                # with backoff (Drive API guide, "Resolve errors")
                dapat_ulang = galat.kode in _ULANG_STATUS or galat.kode == 403 and \
                    galat.alasan in ("userRateLimitExceeded", "rateLimitExceeded")
                diminta = retry_after(e.response) if galat.kode in (429, 503) else None
                # a server (or proxy) that echoed the request: the APIError holds the
                # token, so it is not chained to what callers see
                sebab: Exception | None = None if token and token in str(e.error) else e
            except requests.Timeout as e:
                galat, dapat_ulang, diminta, sebab = GagalPermintaan("waktu", ke), True, None, e
            except (requests.ConnectionError, TransportError) as e:
                # SSLError is a ConnectionError: a certificate the office proxy put in
                # its place will not change on a retry. TransportError: the token
                # endpoint could not be reached during a refresh.
                jenis = "tls" if sebab_tls(e) else "jaringan"
                galat, dapat_ulang, diminta, sebab = (GagalPermintaan(jenis, ke),
                                                      jenis == "jaringan", None, e)
            except GoogleAuthError as e:
                # A refresh inside the session failed (a key revoked mid-run): keep
                # the OAuth error code (invalid_grant ...), never the library's text.
                raise GagalPermintaan("kredensial", ke, pesan_api=type(e).__name__,
                                      alasan=kode_oauth(e)) from e
            jeda = self._jeda(ke) if diminta is None else diminta
            sisa = p.batas_waktu - (p.jam() - self._mulai)
            if diminta is not None and diminta > sisa:
                galat.tunggu = diminta
                raise galat from sebab
            if (not boleh_ulang or not dapat_ulang or ke >= p.percobaan
                    or jeda > sisa):
                raise galat from sebab
            log.info("Google Sheets: %s, percobaan %d gagal; coba lagi dalam %.1f detik",
                     galat.status or galat.jenis, ke, jeda)
            p.tidur(jeda)


def cakupan_kurang(e: GagalPermintaan) -> bool:
    """A 403 for a token without the scope (ErrorInfo reason, Drive's legacy reason, or
    the message when a proxy stripped the body's details)."""
    return e.kode == 403 and (
        e.alasan in ("ACCESS_TOKEN_SCOPE_INSUFFICIENT", "insufficientPermissions")
        or "insufficient authentication scopes" in e.pesan_api)


def api_mati(e: GagalPermintaan) -> bool:
    """A 403 because the API is not enabled for the project (Sheets' or Drive's reason)."""
    return e.kode == 403 and (e.alasan in ("SERVICE_DISABLED", "accessNotConfigured")
                              or "has not been used" in e.pesan_api
                              or "is disabled" in e.pesan_api)
