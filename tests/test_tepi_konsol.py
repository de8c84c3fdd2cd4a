"""The console at the edges: rich markup in any text, consoles that cannot encode it, and
output that fails after the master was written.

The cp1252 console is a TextIOWrapper with errors="strict", as Windows' console code
page 1252 behaves for Python when PYTHONIOENCODING is not set (PEP 528 covers the real
console, not redirected output or older hosts); lone surrogates arrive from argv bytes
that are not UTF-8 (PEP 383's surrogateescape) and from Google's JSON ("\\ud800").
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import sys
from pathlib import Path

import pytest

import workbooks
from sync.cli import konsolidasi as perintah
from sync.cli import main
from sync.cli.konsol import AlirAman, aman, konsol, teks_tampil
from tests.bidang_uji import anggaran, indikator, tulis_bidang

JAHAT = "≥ ✓ [/] [/b] [link=https://contoh.invalid]klik[/link] :smile: [bold red]x"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def kerja(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "3000")
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    tulis_bidang(tmp_path / "a.xlsx", bidang=JAHAT,
                 indikator_rows=[indikator(kode="IK-[/]", nama=JAHAT, target=10, realisasi=5,
                                           keterangan=JAHAT)],
                 anggaran_rows=[anggaran(kode="A.[/b]", sub=JAHAT, pagu=10, realisasi=5)],
                 judul={"Indikator": ["Kode", "Indikator", "Satuan", "Arah", "Sifat", "Tahun",
                                      "Target", "Realisasi TW I", "Realisasi TW II",
                                      "Realisasi TW III", "Realisasi TW IV", "Realisasi",
                                      "Keterangan", "Rumus", "Acuan", "[/] tambahan"]})
    return tmp_path / "LKjIP-2021.xlsx"


class _Konsol(io.TextIOWrapper):
    def __init__(self, encoding: str):
        super().__init__(io.BytesIO(), encoding=encoding, errors="strict")

    def teks(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode(self.encoding)


def test_markup_in_names_cells_and_headers_is_shown_literally(kerja, capsys):
    argv = ["konsolidasi", str(kerja), "--tahun", "2021", "--sumber",
            f"{JAHAT}={kerja.parent / 'a.xlsx'}"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "IK-[/]" in out and "[link=https://contoh.invalid]klik[/link]" in out
    assert ":smile:" in out and "[bold red]x" in out  # no emoji, no style taken from data


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "cp437"])
def test_any_console_encoding_after_the_write(kerja, monkeypatch, encoding):
    layar = _Konsol(encoding)
    monkeypatch.setattr(sys, "stdout", layar)
    sebelum = _sha(kerja)
    argv = ["konsolidasi", str(kerja), "--tahun", "2021", "--sumber",
            f"{JAHAT}={kerja.parent / 'a.xlsx'}"]
    assert main(argv) == 0
    assert _sha(kerja) != sebelum
    out = layar.teks()
    assert "Ditulis ke" in out and "IK-[/]" in out and "?" in out


def test_lone_surrogate_in_a_name(kerja, monkeypatch):
    layar = _Konsol("utf-8")
    monkeypatch.setattr(sys, "stdout", layar)
    argv = ["konsolidasi", str(kerja), "--tahun", "2021", "--sumber",
            f"Bidang \udcff\ud800={kerja.parent / 'a.xlsx'}"]
    assert main(argv) == 0
    assert "Bidang ?" in layar.teks()


def test_templat_periksa_with_markup(kerja, capsys):
    sumber = kerja.parent / "[red]bidang[link=x].xlsx"
    shutil.copyfile(kerja.parent / "a.xlsx", sumber)
    assert main(["templat", "periksa", str(sumber), "--tahun", "2021"]) == 0
    out = capsys.readouterr().out
    assert "[red]bidang[link=x]" in out and "siap dikonsolidasi" in out
    assert main(["templat", "periksa", str(kerja.parent / "[bold]x[.xlsx")]) == 2
    assert "[bold]x[.xlsx" in capsys.readouterr().err  # refusals on stderr (issue 14)


def test_a_failing_summary_cannot_fail_a_written_master(kerja, monkeypatch, capsys):
    def rusak(hasil, konsol, rinci=False):
        raise RuntimeError("layar rusak")
    monkeypatch.setattr(perintah, "tampilkan", rusak)
    sebelum = _sha(kerja)
    assert main(["konsolidasi", str(kerja)]) == 0  # written (the shipped example sources)
    assert _sha(kerja) != sebelum
    out = capsys.readouterr().out
    assert "Ditulis ke" in out and "Traceback" not in out


def test_a_closed_console_cannot_fail_a_written_master(kerja, monkeypatch):
    layar = _Konsol("utf-8")
    layar.close()
    monkeypatch.setattr(sys, "stdout", layar)
    sebelum = _sha(kerja)
    assert main(["konsolidasi", str(kerja)]) == 0
    assert _sha(kerja) != sebelum


def test_broken_pipe_cannot_fail_the_command(tmp_path):
    """`kinerja konsolidasi | head -1`: the reader leaves; the run still exits 0."""
    import subprocess

    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    p = subprocess.Popen([sys.executable, "-c", "import sys; from sync.cli import main; "
                          "sys.exit(main(sys.argv[1:]))", "konsolidasi",
                          str(tmp_path / "LKjIP-2021.xlsx")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         cwd=Path(__file__).resolve().parents[1])
    p.stdout.close()  # nobody reads
    _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err.decode()
    assert b"Traceback" not in err


def test_helper_contract():
    assert aman("[/]") == "\\[/]"
    assert teks_tampil("a≥\udcffb", "cp1252") == "a??b"
    assert teks_tampil("a≥b", "utf-8") == "a≥b"
    alir = AlirAman()
    assert alir.write("x") == 1
    k = konsol()
    assert not k._markup and not k._emoji  # every string shown as it is


def test_hitung_shows_cell_text_literally(tmp_path, capsys):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = JAHAT
    ws["A2"] = '=A1&"[/]"'
    wb.save(tmp_path / "b.xlsx")
    assert main(["hitung", str(tmp_path / "b.xlsx"), "--semua"]) == 0
    assert "[/b]" in capsys.readouterr().out
    assert main(["hitung", str(tmp_path / "[/b]tidak-ada.xlsx")]) == 2


def test_large_tables_are_summarised_not_printed_whole(tmp_path, capsys, monkeypatch):
    """The console gets BATAS_TAMPIL rows per table and a count of the rest: printing
    200,000 rows made the command three times slower than the API (issue 10)."""
    monkeypatch.setenv("COLUMNS", "3000")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    n = perintah.BATAS_TAMPIL + 150
    tulis_bidang(tmp_path / "a.xlsx",
                 indikator_rows=[indikator(kode=f"IK-{i:04d}", target=10, realisasi=i % 13,
                                           tw=(1, 1, 1, 1)) for i in range(n)],
                 anggaran_rows=[anggaran(pagu=10, realisasi=5)])
    argv = ["konsolidasi", str(tmp_path / "LKjIP-2021.xlsx"), "--tahun", "2021",
            "--sumber", f"B={tmp_path / 'a.xlsx'}"]
    assert main(argv) == 0  # concise by default (issue 14): counts per predikat, all rows
    out = capsys.readouterr().out
    semua = int(re.search(r"Capaian (\d+) indikator tahun 2021:", out).group(1))
    assert "IK-0000" not in out
    lama = semua - n  # the other bidang's rows are kept (--sumber refreshes B only)
    assert main([*argv, "--rinci"]) == 0  # the tables, each capped
    out = capsys.readouterr().out
    assert "IK-0000" in out and f"IK-{perintah.BATAS_TAMPIL - lama - 1:04d}" in out
    assert f"IK-{perintah.BATAS_TAMPIL - lama:04d}" not in out
    assert f"… dan {semua - perintah.BATAS_TAMPIL} indikator lainnya" in out
    assert "temuan lainnya" in out  # one quarter warning per row: more than the cap
