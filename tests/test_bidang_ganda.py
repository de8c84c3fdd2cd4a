"""Bidang are told apart by name: two sources named alike must be refused, never merged.

The master's data rows carry only the bidang name, so two sources called "data" (two
files named data.xlsx) or two Pengaturan rows "Sekretariat" / "sekretariat " would put
one bidang's rows twice and lose the other's. Every path (Pengaturan, --sumber, the
Python API, with and without --sebagian) must refuse and leave the master byte-identical.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

import workbooks
from sync.cli import main
from sync.induk import Induk
from sync.induk.pengaturan import Pengaturan, Sumber, kunci_bidang
from sync.konsolidasi import DITOLAK, konsolidasi, rencanakan
from tests.bidang_uji import anggaran, indikator, tulis_bidang


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def kerja(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "2000")  # rich wraps long lines; keep messages whole
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    return tmp_path / "LKjIP-2021.xlsx"


def _dua_data(tmp_path: Path) -> tuple[Path, Path]:
    """Two different bidang workbooks, both called data.xlsx."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = tulis_bidang(tmp_path / "a" / "data.xlsx", bidang="A",
                     indikator_rows=[indikator(kode="IK-A", target=10, realisasi=5)],
                     anggaran_rows=[anggaran(kode="A.1", pagu=100, realisasi=50)])
    b = tulis_bidang(tmp_path / "b" / "data.xlsx", bidang="B",
                     indikator_rows=[indikator(kode="IK-B", target=20, realisasi=7)],
                     anggaran_rows=[anggaran(kode="B.1", pagu=200, realisasi=70)])
    return a, b


def _ubah_pengaturan(induk: Path, sel: str, teks: str) -> None:
    """Put text in one cell of the master's Pengaturan sheet (sheet1.xml), in place."""
    with zipfile.ZipFile(induk) as z:
        isi = {i: z.read(i) for i in z.infolist()}
    info = next(i for i in isi if i.filename == "xl/worksheets/sheet1.xml")
    xml = isi[info].decode()
    baru, n = re.subn(rf'<c r="{sel}"([^>]*?) t="s"><v>\d+</v></c>',
                      rf'<c r="{sel}"\1 t="inlineStr"><is><t>{teks}</t></is></c>', xml)
    assert n == 1, sel
    isi[info] = baru.encode()
    with zipfile.ZipFile(induk, "w", zipfile.ZIP_DEFLATED) as z:
        for i, data in isi.items():
            z.writestr(i, data)


def test_kunci_bidang_ignores_case_spacing_and_width():
    assert kunci_bidang(" Sekretariat ") == kunci_bidang("SEKRETARIAT") == "sekretariat"
    assert kunci_bidang("Bidang  Usaha\tMikro") == kunci_bidang("bidang usaha mikro")
    assert kunci_bidang("Ｓｅｋｒｅｔａｒｉａｔ") == "sekretariat"  # full-width letters (NFKC)
    assert kunci_bidang("Bidang A") != kunci_bidang("Bidang B")


@pytest.mark.parametrize("sebagian", [False, True])
def test_two_files_named_data_refused_by_the_command(kerja, tmp_path, capsys, sebagian):
    a, b = _dua_data(tmp_path)
    sebelum = _sha(kerja)
    argv = ["konsolidasi", str(kerja), "--tahun", "2021", "--sumber", str(a), "--sumber", str(b)]
    assert main(argv + (["--sebagian"] if sebagian else [])) == 2
    assert _sha(kerja) == sebelum
    keluar = capsys.readouterr()
    assert "bernama sama" in keluar.err and str(a) in keluar.err and str(b) in keluar.err
    assert "Traceback" not in keluar.out + keluar.err


@pytest.mark.parametrize("sebagian", [False, True])
@pytest.mark.parametrize("nama_b", ["A", "a", "  A ", "ａ"])
def test_same_name_refused_by_the_api(kerja, tmp_path, sebagian, nama_b):
    a, b = _dua_data(tmp_path)
    sebelum = _sha(kerja)
    h = konsolidasi(kerja, sumber=[Sumber("A", str(a)), Sumber(nama_b, str(b))], tahun=2021,
                    sebagian=sebagian)
    assert h.status == DITOLAK and h.rencana is None and not h.data
    assert "bernama sama" in h.pesan and str(a) in h.pesan and str(b) in h.pesan
    assert "Tidak ada yang ditulis" in h.pesan
    assert _sha(kerja) == sebelum


def test_same_name_with_a_failing_source_refused_with_sebagian(kerja, tmp_path):
    """The reported case: one of two "data" sources has a galat; --sebagian used to
    replace the good one's rows with stale ones too."""
    a, b = _dua_data(tmp_path)
    tulis_bidang(b, indikator_rows=[indikator(kode="IK-B", target="1.2.3")])
    sebelum = _sha(kerja)
    h = konsolidasi(kerja, sumber=[Sumber("data", str(a)), Sumber("data", str(b))],
                    tahun=2021, sebagian=True)
    assert h.status == DITOLAK and "bernama sama" in h.pesan
    assert _sha(kerja) == sebelum


@pytest.mark.parametrize("sebagian", [False, True])
@pytest.mark.parametrize("nama", ["Sekretariat", " SEKRETARIAT"])
def test_two_pengaturan_rows_named_alike_refused(kerja, capsys, sebagian, nama):
    _ubah_pengaturan(kerja, "A13", nama)  # row 13 was "Bidang Izin USP/KSP, ..."
    sebelum = _sha(kerja)
    h = konsolidasi(kerja, sebagian=sebagian)
    assert h.status == DITOLAK, h.pesan
    assert "contoh/01-sekretariat.xlsx" in h.pesan and "contoh/02-izin-usp-ksp.xlsx" in h.pesan
    assert _sha(kerja) == sebelum
    assert main(["konsolidasi", str(kerja)] + (["--sebagian"] if sebagian else [])) == 2
    out = capsys.readouterr().err  # a refusal goes to stderr
    assert "bernama sama" in out and "contoh/02-izin-usp-ksp.xlsx" in out
    assert _sha(kerja) == sebelum


def test_inactive_row_with_the_same_name_is_not_a_clash(kerja):
    _ubah_pengaturan(kerja, "A13", "Sekretariat")
    _ubah_pengaturan(kerja, "D13", "tidak")
    h = konsolidasi(kerja, coba=True)
    assert h.status == "coba", h.pesan


def test_source_without_a_name_refused(kerja, tmp_path, capsys):
    a, _ = _dua_data(tmp_path)
    sebelum = _sha(kerja)
    assert main(["konsolidasi", str(kerja), "--tahun", "2021", "--sumber", f"={a}"]) == 2
    assert "tidak bernama" in capsys.readouterr().err
    h = konsolidasi(kerja, sumber=[Sumber("  ", str(a))], tahun=2021)
    assert h.status == DITOLAK and "tidak bernama" in h.pesan
    assert _sha(kerja) == sebelum


def test_the_button_core_refuses_too(tmp_path):
    """rencanakan is what the Excel button calls with the open workbook's Pengaturan."""
    a, b = _dua_data(tmp_path)
    conf = Pengaturan(tahun=2021, sumber=[Sumber("Data", str(a)), Sumber("data", str(b))])
    h = rencanakan(Induk(conf), sebagian=True)
    assert h.status == DITOLAK and h.rencana is None and "bernama sama" in h.pesan


def test_stale_rows_found_whatever_the_spelling(kerja, tmp_path):
    """--sebagian keeps a failed bidang's rows even if Pengaturan now spells it in capitals:
    matching the master's rows by exact text would silently drop them."""
    lama_nama = "Bidang Pemberdayaan dan Perlindungan Koperasi"
    _ubah_pengaturan(kerja, "A15", lama_nama.upper())
    (kerja.parent / "contoh" / "04-koperasi.xlsx").unlink()

    def baris(nama):
        isi = CalamineWorkbook.from_path(str(kerja)).get_sheet_by_name(
            "Data Indikator").to_python()
        # Periksa/Hitungan follow this run's findings (tests/test_data_lama_bertanda.py)
        lepas = {isi[0].index("Periksa"), isi[0].index("Hitungan")}
        return [[v for j, v in enumerate(r) if j not in lepas][1:]
                for r in isi if kunci_bidang(str(r[0])) == kunci_bidang(nama)]

    sebelum = baris(lama_nama)
    assert sebelum
    h = konsolidasi(kerja, sebagian=True)
    assert h.status == "sebagian", h.pesan
    assert baris(lama_nama) == sebelum
