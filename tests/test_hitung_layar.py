"""`kinerja hitung` as staff see it: the engine's stages on stderr while it works (only
on a terminal), and values in the table the Indonesian way by the cell's number format,
while --ekspor keeps the raw numbers scripts need. Expected texts are worked by hand."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from rich.console import Console

from addin import mesin
from sync.cli import addin as cli_addin
from sync.cli import main
from sync.cli.keluar import KELUAR_OK


@pytest.fixture
def buku(tmp_path) -> Path:
    path = tmp_path / "LKjIP.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    persen = wb.add_format({"num_format": "0.00%"})
    ribu = wb.add_format({"num_format": "#,##0"})
    rupiah = wb.add_format({"num_format": '"Rp"#,##0.00'})
    bulat = wb.add_format({"num_format": "0"})
    ws = wb.add_worksheet("Tabel 3.5")
    ws.write_row("A1", ["Target", "Realisasi"])
    ws.write_row("A2", [1368, 585])
    ws.write_formula("C2", "=CAPAIAN(B2,A2)", persen)          # 585/1368 = 42,763...%
    ws.write_formula("D2", "=B2/A2")                           # General: 0,427632
    ws.write_formula("E2", "=A2*B2", ribu)                     # 800.280
    ws.write_formula("F2", "=12.5", bulat)                     # Excel shows 13
    ws2 = wb.add_worksheet("Tabel 3.8")
    ws2.write_row("A1", [9896127789, 8087157045])
    ws2.write_formula("C1", "=A1-B1", rupiah)                  # Rp1.808.970.744,00
    ws2.write_formula("D1", "=A1", ribu)                       # 9.896.127.789
    wb.close()
    return path


def test_nilai_di_tabel_cara_indonesia(buku, capsys):
    assert main(["hitung", str(buku)]) == KELUAR_OK
    keluar = capsys.readouterr()
    baris = {b.split("│")[2].strip(): b.split("│")[4].strip()
             for b in keluar.out.splitlines() if b.count("│") == 5}
    assert baris == {"C2": "42,76%", "D2": "0,427632", "E2": "800.280", "F2": "13",
                     "C1": "Rp1.808.970.744,00", "D1": "9.896.127.789"}
    assert keluar.err == ""  # stderr is no terminal here: no progress drawn


def test_ekspor_tetap_angka_mentah(buku, tmp_path):
    tujuan = tmp_path / "nilai.json"
    assert main(["hitung", str(buku), "--ekspor", str(tujuan)]) == KELUAR_OK
    nilai = {b["sel"]: b["nilai"] for b in json.loads(tujuan.read_text(encoding="utf-8"))}
    assert nilai["C2"] == pytest.approx(585 / 1368)
    assert nilai["C1"] == 1808970744 and nilai["F2"] == 12.5


def test_tahap_mesin_dilaporkan(buku):
    tahap: list[tuple[str, int, int]] = []
    mesin.hitung(buku, kemajuan=lambda *t: tahap.append(t))
    rumus = sum(1 for ws in openpyxl.load_workbook(buku).worksheets
                for b in ws.iter_rows() for c in b if c.data_type == "f")
    assert rumus == 6
    assert tahap[0] == ("Membaca LKjIP.xlsx", 0, 0)
    menyusun = [t for t in tahap if t[0] == "Menyusun rumus"]
    assert menyusun[0] == ("Menyusun rumus", 0, rumus)
    assert [t[1] for t in menyusun[1:]] == [4, 6]  # after each sheet: 4 formulas, then 2
    assert tahap[-1] == ("Menghitung rumus", rumus, rumus)


def test_kemajuan_tampil_di_terminal(buku, monkeypatch, capsys):
    layar = io.StringIO()
    asli = cli_addin.konsol

    def konsol(stderr: bool = False, **kw):
        if stderr:
            return Console(file=layar, force_terminal=True, width=100)
        return asli(stderr, **kw)

    monkeypatch.setattr(cli_addin, "konsol", konsol)
    assert main(["hitung", str(buku)]) == KELUAR_OK
    assert "42,76%" in capsys.readouterr().out
    teks = layar.getvalue()
    assert "Menyusun rumus" in teks and "6/6" in teks and "Menghitung rumus" in teks


@pytest.mark.parametrize(("nilai", "format_angka", "teks"), [
    (0.8532, "0.00%", "85,32%"),
    (1234567, "#,##0", "1.234.567"),
    (-1234.5, '"Rp"#,##0.00', "-Rp1.234,50"),   # Excel puts the sign before the literal
    (-0.125, "0.0%", "-12,5%"),
    (2.5, "0", "3"),                            # half away from zero, as Excel rounds
    (45000, "dd/mm/yyyy", "45.000"),            # a date format: not formatted here
])
def test_format_angka(nilai, format_angka, teks):
    assert cli_addin.teks_nilai(nilai, format_angka) == teks
