"""Credentials never leave: one redaction for everything shown or stored.

A server may echo anything back (an Authorization header in an error page, a token in
a URL); messages built from its answers reach the console, the Pemeriksaan sheet and
the master's backups. `redaksi` replaces every credential-shaped piece of text, and
the exact values of the credentials this process was given, whatever their shape.
Formats: Google OAuth access tokens ("ya29."), refresh tokens ("1//"), API keys
("AIza" + 35), OAuth client secrets ("GOCSPX-"), JWTs, PEM private keys (Google's
service-account JSON), and Bearer/Basic Authorization values.
"""

from __future__ import annotations

import os
import re
import threading

TERSAMAR = "[disamarkan]"

_PEM = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE "
                  r"KEY-----|$)|\\n?-----BEGIN [A-Z ]*PRIVATE KEY-----[^\"]*")
_POLA = re.compile("|".join([
    r"(?i:\b(?:authorization|proxy-authorization)\b\s*[:=]\s*)(?:(?i:bearer|basic|token)\s+)?"
    r"[^\s\"',;}]+",
    r"(?i:\b(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{8,}",
    r"\bya29\.[A-Za-z0-9._-]+",
    r"\b1//[A-Za-z0-9._-]{10,}",
    r"\bAIza[0-9A-Za-z_-]{35}",
    r"\bGOCSPX-[A-Za-z0-9_-]+",
    r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*",
    r"(?i:[\"']?\b(?:access_token|refresh_token|id_token|client_secret|private_key|"
    r"api_key|key|token|password|assertion)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,;}]{6,}",
]))

ENV_RAHASIA = ("KINERJA_GOOGLE_TOKEN",)  # environment variables that hold a credential
_dikenal: set[str] = set()
_kunci = threading.Lock()


def daftar_rahasia(*nilai: str | None) -> None:
    """Remember credential values (a token, a key) so they are redacted verbatim."""
    with _kunci:
        _dikenal.update(v for v in nilai if v and len(v) >= 8)


def _nilai_dikenal() -> list[str]:
    env = [os.environ.get(n, "").strip() for n in ENV_RAHASIA]
    with _kunci:
        semua = {*_dikenal, *(v for v in env if len(v) >= 8)}
    return sorted(semua, key=len, reverse=True)


def _ganti(m: re.Match) -> str:
    teks = m.group(0)
    # keep the label ("Authorization: ", "access_token=") so the message still reads
    label = re.match(r"(?i)[\"']?[a-z_-]+[\"']?\s*[:=]\s*[\"']?(?:(?:bearer|basic|token)\s+)?"
                     r"|(?i:bearer|basic)\s+", teks)
    return (label.group(0) if label else "") + TERSAMAR


def redaksi(teks: object) -> object:
    """`teks` with every credential replaced; non-text values pass through unchanged."""
    if not isinstance(teks, str) or not teks:
        return teks
    for v in _nilai_dikenal():
        if v in teks:
            teks = teks.replace(v, TERSAMAR)
    return _POLA.sub(_ganti, _PEM.sub(TERSAMAR, teks))
