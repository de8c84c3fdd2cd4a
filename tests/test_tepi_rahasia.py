"""Secrets never leave, whatever a server echoes: not on the console, not in the
Pemeriksaan sheet of the master, not in its backups.

The server below answers every Sheets request with an error that quotes the request's
Authorization header and the bare token (proxies and misconfigured gateways do this;
Google's own errors do not, which is why the fake in tests/sheets_lokal.py cannot show
it).
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

import workbooks
from sync.cli import main
from sync.induk.pengaturan import Sumber
from sync.konsolidasi import konsolidasi
from sync.model.rahasia import TERSAMAR, daftar_rahasia, redaksi

TOKEN = "tok-Rahasia-Sekali-0123456789"  # no known shape: redacted because it was given


class _Gema(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        otorisasi = self.headers.get("Authorization", "")
        isi = json.dumps({"error": {
            "code": 400, "status": "INVALID_ARGUMENT",
            "message": f"Bad request. Header was 'Authorization: {otorisasi}'; "
                       f"token {otorisasi.split()[-1]}; "
                       "key=AIzaSyA12345678901234567890123456789012",
        }}).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(isi)))
        self.end_headers()
        self.wfile.write(isi)

    def log_message(self, *a):
        pass


@pytest.fixture
def gema(monkeypatch):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Gema)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    monkeypatch.setenv("KINERJA_GOOGLE_ENDPOINT", f"http://127.0.0.1:{srv.server_port}")
    monkeypatch.setenv("KINERJA_GOOGLE_TOKEN", TOKEN)
    monkeypatch.delenv("KINERJA_GOOGLE_KREDENSIAL", raising=False)
    monkeypatch.setenv("COLUMNS", "3000")
    yield srv
    srv.shutdown()
    srv.server_close()


def _semua_teks(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_echoed_token_never_shown_nor_stored(gema, tmp_path, capsys):
    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(workbooks.INDUK, induk)
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    url = "https://docs.google.com/spreadsheets/d/1Kinerja0" + "x" * 30 + "/edit"
    argv = ["konsolidasi", str(induk), "--tahun", "2021",
            "--sumber", f"Sekretariat={tmp_path / 'contoh' / '01-sekretariat.xlsx'}",
            "--sumber", f"Bidang Google={url}"]
    assert main(argv) == 2  # refused: the Google source failed
    out = capsys.readouterr()
    assert "HTTP 400" in out.err and TOKEN not in out.out + out.err  # refusals: stderr
    assert "AIzaSy" not in out.out
    for _ in range(2):  # the second run backs up the first one's result
        assert main(argv + ["--sebagian"]) == 0
    out = capsys.readouterr()
    assert TOKEN not in out.out + out.err
    teks = _semua_teks(induk)
    assert "Bidang Google" in teks and TERSAMAR in teks  # the finding is there, redacted
    assert TOKEN not in teks and "AIzaSy" not in teks
    for cadangan in (tmp_path / ".cadangan").iterdir():
        assert TOKEN not in _semua_teks(cadangan)
    h = konsolidasi(induk, sumber=[Sumber("Bidang Google", url)], tahun=2021, coba=True)
    assert TOKEN not in h.pesan + repr(h.gagal)


@pytest.mark.parametrize("teks", [
    "Authorization: Bearer ya29.a0AfH6SMBx-abc_def", "authorization=Basic dXNlcjpwYXNz",
    "refresh_token: 1//0gabcdefghijklmnop", "client_secret=GOCSPX-abcDEF123",
    '{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n"}',
    "jwt eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl",
    "?key=AIzaSyA12345678901234567890123456789012"])
def test_credential_shapes_redacted(teks):
    hasil = redaksi(teks)
    assert TERSAMAR in hasil
    for bagian in ("ya29.a0", "dXNlcjpw", "1//0gab", "GOCSPX", "MIIE", "eyJhbGci", "AIzaSy"):
        assert bagian not in hasil


def test_known_values_redacted_verbatim_and_plain_text_kept():
    daftar_rahasia("rahasia-tanpa-bentuk-42")
    assert redaksi("server: rahasia-tanpa-bentuk-42 ditolak") == f"server: {TERSAMAR} ditolak"
    for biasa in ("Sekretariat: 12 indikator", "The caller does not have permission",
                  "Kode IK-01 key performance", "https://docs.google.com/spreadsheets/d/1Ab/edit"):
        assert redaksi(biasa) == biasa
