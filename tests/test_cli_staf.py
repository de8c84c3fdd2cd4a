"""The `kinerja` command as staff meet it: Indonesian help with examples, --version,
exit codes that tell a mistyped command (1) from a refusal (2), refusals on stderr,
--json for scripts, and refreshing one bidang without losing the others."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

import workbooks
from sync.cli import KELUAR_DITOLAK, KELUAR_OK, KELUAR_SALAH_PAKAI, buat_parser, main
from sync.induk.pengaturan import Sumber

# What argparse prints in English (CPython Lib/argparse.py), as users would see it.
INGGRIS = re.compile(
    r"usage:|positional arguments|optional arguments|^options:|show this help|"
    r"show program's version|invalid choice|the following arguments are required|"
    r"unrecognized arguments|expected one argument|error:|invalid int value|"
    r"choose from|subcommands", re.MULTILINE | re.IGNORECASE)


def _semua_perintah() -> list[list[str]]:
    """Every command path of the parser: [], ["konsolidasi"], ["addin", "pasang"], ..."""
    hasil: list[list[str]] = []

    def jalan(parser, jalur):
        hasil.append(jalur)
        for aksi in parser._actions:
            if hasattr(aksi, "_name_parser_map"):
                for nama, anak in aksi._name_parser_map.items():
                    jalan(anak, [*jalur, nama])

    jalan(buat_parser(), [])
    return hasil


PERINTAH = _semua_perintah()


def test_every_command_is_listed():
    # The walk itself must find the commands, or the tests below would check nothing.
    assert ["konsolidasi"] in PERINTAH and ["templat", "periksa"] in PERINTAH
    assert len(PERINTAH) >= 9


@pytest.mark.parametrize("jalur", PERINTAH, ids=lambda j: " ".join(j) or "kinerja")
def test_help_is_indonesian_with_examples(jalur, capsys):
    assert main([*jalur, "--help"]) == KELUAR_OK
    teks = capsys.readouterr().out
    assert not INGGRIS.search(teks), INGGRIS.search(teks)
    assert teks.startswith("Cara pakai: kinerja")
    assert "Contoh:\n  kinerja" in teks and "Kode keluar:" in teks
    # a description: some sentence between the usage and the first section
    deskripsi = teks.split("\n\n")[1]
    assert len(deskripsi) > 20 and not deskripsi.endswith(":"), deskripsi


@pytest.mark.parametrize("argv", [
    ["foo"],                                         # invalid choice
    ["konsolidasi", "--tahun", "dua ribu"],         # invalid int
    ["konsolidasi", "--tidak-ada"],                  # unrecognized argument
    ["templat"],                                     # required subcommand missing
    ["hitung"],                                      # required argument missing
    ["konsolidasi", "--sumber"],                     # expected one argument
])
def test_usage_error_is_indonesian_on_stderr_with_its_own_code(argv, capsys):
    assert main(argv) == KELUAR_SALAH_PAKAI
    keluar = capsys.readouterr()
    assert keluar.out == ""
    assert not INGGRIS.search(keluar.err), keluar.err
    assert "kesalahan:" in keluar.err and "--help" in keluar.err


def test_usage_error_and_refusal_differ(tmp_path, capsys):
    assert KELUAR_SALAH_PAKAI != KELUAR_DITOLAK
    assert main(["konsolidasi", "--tahun", "x"]) == KELUAR_SALAH_PAKAI
    assert main(["konsolidasi", str(tmp_path / "tidak-ada.xlsx")]) == KELUAR_DITOLAK
    keluar = capsys.readouterr()
    assert "tidak ditemukan" in keluar.err and "tidak ditemukan" not in keluar.out


def test_version_as_a_real_process():
    r = subprocess.run([sys.executable, "-m", "sync.cli", "--version"], capture_output=True,
                       text=True, cwd=Path(__file__).parent.parent)
    assert r.returncode == 0, r.stderr
    assert re.fullmatch(r"kinerja \d+\.\d+\.\d+\S*\n", r.stdout), r.stdout


def test_output_begins_without_a_blank_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["konsolidasi"]) == KELUAR_OK
    out = capsys.readouterr().out
    assert out and out[0] != "\n" and out.lstrip() == out
    # the quick start's examples sit next to its master, so Pengaturan's paths resolve
    assert sorted(p.name for p in (tmp_path / "hasil" / "contoh").iterdir()) == sorted(
        p.name for p in workbooks.CONTOH.glob("*.xlsx"))


def test_refused_quick_start_logs_beside_its_output_not_the_shipped_master(
        tmp_path, monkeypatch, capsys):
    """A quick start refused (here: another run holds hasil/'s lock) logs the refusal
    beside hasil/LKjIP-2021.xlsx, the file it would have written; the shipped master in
    the installation folder is only read (found by an attack run that wrote
    workbooks/LKjIP-2021-riwayat-ditolak.txt into the checkout)."""
    monkeypatch.chdir(tmp_path)
    assert main(["konsolidasi"]) == KELUAR_OK
    sebelum = sorted(p.name for p in workbooks.INDUK.parent.iterdir())
    kunci = tmp_path / "hasil" / ".~kinerja-LKjIP-2021.xlsx.kunci"
    kunci.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "mulai": "2026-12-05 12:00:00", "token": "0"}))
    capsys.readouterr()
    assert main(["konsolidasi"]) == KELUAR_DITOLAK
    assert "Konsolidasi lain sedang berjalan" in " ".join(capsys.readouterr().err.split())
    assert sorted(p.name for p in workbooks.INDUK.parent.iterdir()) == sebelum
    log = (tmp_path / "hasil" / "LKjIP-2021-riwayat-ditolak.txt").read_text(
        encoding="utf-8-sig").splitlines()
    assert len(log) == 2 and log[1].split("\t")[3] == "ditolak"
    assert "sedang berjalan" in log[1]


def test_quick_start_keeps_an_example_the_user_changed(tmp_path, monkeypatch, capsys):
    """Staff try the tool by editing hasil/contoh/: a second quick start uses their edit
    and says so, rather than silently copying the bundled example over it."""
    monkeypatch.chdir(tmp_path)
    assert main(["konsolidasi"]) == KELUAR_OK
    ubah = tmp_path / "hasil" / "contoh" / "05-usaha-mikro.xlsx"
    wb = openpyxl.load_workbook(ubah)
    assert (wb["Indikator"]["A10"].value, wb["Indikator"]["L10"].value) == ("IK-UM-01", 183)
    wb["Indikator"]["L10"] = 200
    wb.save(ubah)
    capsys.readouterr()
    assert main(["konsolidasi"]) == KELUAR_OK
    out = " ".join(capsys.readouterr().out.split())
    assert "05-usaha-mikro.xlsx sudah Anda ubah" in out
    assert openpyxl.load_workbook(ubah)["Indikator"]["L10"].value == 200  # kept
    baris = [r for r in _baris(tmp_path / "hasil" / "LKjIP-2021.xlsx", "Data Indikator")
             if r[1] == "IK-UM-01" and r[6] == 2021]
    assert [r[12] for r in baris] == [200]  # and consolidated
    untouched = tmp_path / "hasil" / "contoh" / "04-koperasi.xlsx"
    assert untouched.read_bytes() == (workbooks.CONTOH / "04-koperasi.xlsx").read_bytes()


@pytest.fixture
def kerja(tmp_path):
    """A copy of the shipped master beside copies of the five example sources."""
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    return tmp_path / "LKjIP-2021.xlsx"


def _baris(induk: Path, lembar: str) -> list[list[object]]:
    """The data rows without Periksa/Hitungan: those follow this run's findings (their
    numbering), not the sources."""
    isi = CalamineWorkbook.from_path(str(induk)).get_sheet_by_name(lembar).to_python()
    buang = {i for i, j in enumerate(isi[0]) if j in ("Periksa", "Hitungan")} if isi else set()
    return [[v for i, v in enumerate(r) if i not in buang] for r in isi[1:]]


def _per_bidang(induk: Path, lembar: str) -> dict[str, list]:
    hasil: dict[str, list] = {}
    for r in _baris(induk, lembar):
        hasil.setdefault(r[0], []).append(r)
    return hasil


DATA = ("Data Indikator", "Data Anggaran", "Data Statistik")


def test_sumber_for_one_bidang_keeps_the_others_rows(kerja, tmp_path, capsys):
    sebelum = {n: _per_bidang(kerja, n) for n in DATA}
    assert len(sebelum["Data Indikator"]) == 5  # five bidang, each with rows
    # Sekretariat's file changed: one indicator fewer
    baru = tmp_path / "sekretariat-baru.xlsx"
    wb = openpyxl.load_workbook(kerja.parent / "contoh" / "01-sekretariat.xlsx")
    ws = wb["Indikator"]
    kode = [r for r in range(1, ws.max_row + 1)
            if str(ws.cell(r, 1).value or "").startswith("IK-SEK")]
    ws.delete_rows(kode[-1])
    wb.save(baru)

    assert main(["konsolidasi", str(kerja), "--coba", "--sumber", f"Sekretariat={baru}"]) == 0
    assert "dihapus: Sekretariat: IK-SEK" in capsys.readouterr().out  # the key is named
    assert main(["konsolidasi", str(kerja), "--sumber", f"Sekretariat={baru}"]) == 0
    sesudah = {n: _per_bidang(kerja, n) for n in DATA}
    for n in DATA:
        for bidang, rows in sebelum[n].items():
            if bidang != "Sekretariat":
                assert sesudah[n][bidang] == rows, (n, bidang)
    assert len(sesudah["Data Indikator"]["Sekretariat"]) < len(
        sebelum["Data Indikator"]["Sekretariat"])
    riwayat = _baris(kerja, "Riwayat")[-1]
    assert "dipertahankan" in riwayat[3]


def test_bidang_refreshes_one_from_pengaturan_and_names_a_close_match(kerja, capsys):
    sebelum = {n: _baris(kerja, n) for n in DATA}
    assert main(["konsolidasi", str(kerja), "--bidang", "sekretariat", "--json"]) == 0
    hasil = json.loads(capsys.readouterr().out)
    assert hasil["status"] == "ditulis" and len(hasil["dipertahankan"]) == 4
    assert hasil["cadangan"] and Path(hasil["cadangan"]).is_file()
    assert {n: _baris(kerja, n) for n in DATA} == sebelum  # same data: nothing lost
    assert all(hasil["perubahan"][n]["dihapus"] == 0 for n in DATA)
    # levels as Pemeriksaan names them (docs/glosarium.md), never the internal "galat"
    assert set(hasil["jumlah_temuan"]) == {"kesalahan", "peringatan", "info"}
    tingkat = {t["tingkat"] for t in hasil["temuan"]}
    assert tingkat and tingkat <= {"kesalahan", "peringatan", "info"}
    assert sum(hasil["jumlah_temuan"].values()) == len(hasil["temuan"])

    assert main(["konsolidasi", str(kerja), "--bidang", "Sekretariatt"]) == KELUAR_DITOLAK
    err = capsys.readouterr().err
    assert "maksud Anda 'Sekretariat'?" in err


def test_refreshing_one_bidang_unchanged_changes_nothing_and_warns_nothing_false(kerja):
    """`--bidang Sekretariat` with nothing changed in its workbook: no data row counts as
    changed (Periksa/Hitungan follow the findings' numbering, not the data) and the series
    other bidang hold (not read this time) are not reported missing as a warning."""
    from sync.konsolidasi import konsolidasi
    from sync.model.temuan import PERINGATAN

    assert konsolidasi(kerja).ditulis
    h = konsolidasi(kerja, bidang=["Sekretariat"])
    assert h.ditulis, h.pesan
    for nama in DATA:
        p = h.perubahan[nama]
        assert (p["ditambah"], p["dihapus"], p["diubah"]) == (0, 0, 0), (nama, p)
    acuan = [t for t in h.temuan if t.kode == "acuan_tidak_ada"]
    assert acuan and all(t.tingkat != PERINGATAN for t in acuan)
    assert all("bidang yang dibaca ulang" in t.pesan for t in acuan)
    judul, *riwayat = CalamineWorkbook.from_path(str(kerja)).get_sheet_by_name(
        "Riwayat").to_python()
    assert "tidak ada perubahan data" in riwayat[-1][judul.index("Keterangan")]


def test_empty_bidang_workbook_is_refused_not_silently_deleting_rows(kerja, capsys):
    """Sekretariat's workbook replaced by an empty template would delete its rows:
    refused (exit 2, the bidang named, the master's bytes kept); with --sebagian its
    old rows stay (data lama)."""
    from sync import bawaan

    shutil.copyfile(bawaan.TEMPLAT, kerja.parent / "contoh" / "01-sekretariat.xlsx")
    sebelum = kerja.read_bytes()
    n = sum(1 for r in _baris(kerja, "Data Indikator") if r[0] == "Sekretariat")
    assert n  # the master holds Sekretariat's rows
    kode = main(["konsolidasi", str(kerja)])
    keluaran = capsys.readouterr()
    teks = " ".join((keluaran.out + keluaran.err).split())
    assert kode == KELUAR_DITOLAK and kerja.read_bytes() == sebelum
    assert "Sekretariat" in teks and "tidak berisi baris data" in teks
    assert main(["konsolidasi", str(kerja), "--sebagian"]) == KELUAR_OK
    assert sum(1 for r in _baris(kerja, "Data Indikator") if r[0] == "Sekretariat") == n


def test_empty_bidang_workbook_with_nothing_to_lose_is_a_warning(tmp_path):
    from sync import bawaan
    from sync.induk import Induk
    from sync.induk.pengaturan import Pengaturan
    from sync.konsolidasi import rencanakan
    from sync.model.temuan import PERINGATAN

    shutil.copyfile(bawaan.TEMPLAT, tmp_path / "baru.xlsx")
    h = rencanakan(Induk(Pengaturan(tahun=2021, sumber=[Sumber("Bidang Baru", "baru.xlsx")])),
                   dasar=tmp_path)
    assert h.ditulis, h.pesan
    (t,) = [t for t in h.temuan if t.kode == "sumber_kosong"]
    assert t.tingkat == PERINGATAN and t.bidang == "Bidang Baru"


def test_sebagian_refuses_when_no_source_can_be_read(kerja, capsys):
    for f in (kerja.parent / "contoh").iterdir():
        f.unlink()
    isi = kerja.read_bytes()
    assert main(["konsolidasi", str(kerja), "--sebagian"]) == KELUAR_DITOLAK
    assert kerja.read_bytes() == isi
    assert "Tidak satu sumber pun" in capsys.readouterr().err


def test_nothing_changed_is_said_and_backup_named(kerja, capsys):
    assert main(["konsolidasi", str(kerja)]) == 0
    out = capsys.readouterr().out
    assert "Tidak ada perubahan data" in out
    cadangan = re.search(r"Cadangan workbook sebelumnya: (\S+)", out)
    assert cadangan and Path(cadangan[1]).is_file()


def test_console_marks_predikat_of_flagged_rows_like_the_master(kerja, capsys, monkeypatch):
    """The achievement table marks a predikat *) exactly where the master's Data Indikator
    row has a Periksa number (the master's report tables do the same), and says why."""
    monkeypatch.setenv("COLUMNS", "220")  # one line per row: rich reads COLUMNS
    assert main(["konsolidasi", str(kerja)]) == 0
    out = capsys.readouterr().out
    isi = CalamineWorkbook.from_path(str(kerja)).get_sheet_by_name("Data Indikator").to_python()
    j = {h: i for i, h in enumerate(isi[0])}
    baris = [r for r in isi[1:] if r[j["Tahun"]] == 2021]
    bertanda = {r[j["Kode"]] for r in baris if r[j["Periksa"]] not in ("", None)}
    tanpa = {r[j["Kode"]] for r in baris} - bertanda
    tabel = {m[1]: m[2] for m in re.finditer(r"^│ (\S+)\s*│.*│ ([^│]*?)\s*│$", out, re.M)}
    dinilai = {k for k, p in tabel.items() if p.strip()}
    assert bertanda & dinilai and tanpa & dinilai  # the example has both kinds
    assert {k for k in dinilai if tabel[k].endswith(" *)")} == bertanda & dinilai
    assert "*) Angka bertanda" in out


def test_riwayat_time_is_a_date_cell(kerja):
    waktu = dt.datetime(2024, 3, 5, 14, 7, 9)
    from sync.konsolidasi import konsolidasi

    assert konsolidasi(kerja, waktu=waktu, pengguna="uji").ditulis
    ws = openpyxl.load_workbook(kerja)["Riwayat"]
    sel = ws.cell(ws.max_row, 1)
    assert sel.is_date, (sel.value, sel.number_format)
    assert abs(sel.value - waktu) < dt.timedelta(milliseconds=1)  # a serial holds ~1e-5 s
