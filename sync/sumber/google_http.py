"""The HTTP side of reading Google Sheets: endpoint, timeouts, bounded retries, quota.

gspread builds every Sheets URL from `gspread.urls` and sends it through its
`HTTPClient`; `gspread.Client(http_client=...)` is the supported way to change how
requests go out. `KlienSheets` is that hook: it points the URLs at the configured
endpoints (Sheets; Drive for `kinerja templat buat google`), as Google's own clients
allow an api_endpoint override, bounds every request by a timeout, retries GETs a
bounded number of times (never a POST), and takes a slot from a rate limiter shared
by all sources before each attempt.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests
from google.auth.credentials import Credentials
from google.auth.exceptions import GoogleAuthError, TransportError
from google.auth.transport.requests import AuthorizedSession
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient

log = logging.getLogger(__name__)

ENDPOINT_BAWAAN = "https://sheets.googleapis.com"
ENV_ENDPOINT = "KINERJA_GOOGLE_ENDPOINT"
ENDPOINT_DRIVE_BAWAAN = "https://www.googleapis.com"  # Drive v3 and its /upload path
ENV_ENDPOINT_DRIVE = "KINERJA_GOOGLE_DRIVE_ENDPOINT"
_ULANG_STATUS = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class PengaturanGoogle:
    """How the Google source talks to the API. Defaults suit the real API.

    Worst case for one spreadsheet: no retry starts later than `batas_waktu` after
    its first request, and an attempt lasts at most `waktu_sambung + waktu_baca`:
    about 70 s with the defaults (95 s when a renamed tab needs the second request).
    Tests shrink the numbers and may pass their own clock and sleep.
    """

    endpoint: str = ENDPOINT_BAWAAN
    endpoint_drive: str = ""       # empty: see drive()
    waktu_sambung: float = 5.0     # connect timeout, seconds
    waktu_baca: float = 20.0       # read timeout: a stalled response ends here
    percobaan: int = 4             # attempts per request, the first included (GET only)
    jeda_awal: float = 1.0         # first backoff wait; doubles each retry
    jeda_maks: float = 20.0        # longest single wait, Retry-After included
    acak: float = 0.25             # random extra wait, as a fraction (de-syncs threads)
    batas_waktu: float = 45.0      # no retry starts later than this after the first attempt
    paralel: int = 4               # spreadsheets read at once
    per_menit: int = 60            # Sheets read quota per user per minute
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

    jenis: "api" (the API answered with an error), "waktu" (no answer in time),
    "jaringan" (no connection), "kredensial" (the token was refused or could not
    be refreshed).
    """

    def __init__(self, jenis: str, percobaan: int, kode: int | None = None,
                 status: str = "", pesan_api: str = "", tunggu: float | None = None):
        super().__init__(f"{jenis} {kode or ''} {status} setelah {percobaan} percobaan: "
                         f"{pesan_api}".strip())
        self.jenis = jenis
        self.percobaan = percobaan
        self.kode = kode
        self.status = status
        self.pesan_api = pesan_api
        self.tunggu = tunggu  # Retry-After that was too long to honour, seconds


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
                return super().request(method, url, params=params, data=data, json=json,
                                       files=files, headers=headers)
            except APIError as e:
                galat = GagalPermintaan("api", ke, e.code, str(e.error.get("status", "")),
                                        str(e.error.get("message", ""))[:300])
                dapat_ulang = e.code in _ULANG_STATUS
                diminta = retry_after(e.response) if e.code in (429, 503) else None
                sebab: Exception = e
            except requests.Timeout as e:
                galat, dapat_ulang, diminta, sebab = GagalPermintaan("waktu", ke), True, None, e
            except (requests.ConnectionError, TransportError) as e:
                # TransportError: the token endpoint could not be reached during a refresh.
                galat, dapat_ulang, diminta, sebab = GagalPermintaan("jaringan", ke), True, None, e
            except GoogleAuthError as e:
                # A refresh inside the session failed; its text names no secret, but
                # say only its kind.
                raise GagalPermintaan("kredensial", ke, pesan_api=type(e).__name__) from e
            jeda = self._jeda(ke) if diminta is None else diminta
            if diminta is not None and diminta > p.jeda_maks:
                galat.tunggu = diminta
                raise galat from sebab
            if (not boleh_ulang or not dapat_ulang or ke >= p.percobaan
                    or p.jam() + jeda - self._mulai > p.batas_waktu):
                raise galat from sebab
            log.info("Google Sheets: %s, percobaan %d gagal; coba lagi dalam %.1f detik",
                     galat.status or galat.jenis, ke, jeda)
            p.tidur(jeda)
