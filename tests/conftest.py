"""Shared test fixtures and locations."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[1]
# Vendored test data: the repository stands alone (see tests/data/README.md and
# tests/korpus/README.md for where each file comes from).
SEED = AKAR / "tests" / "data" / "lkjip-2021-dinas-koperasi-batam.txt"
KORPUS = AKAR / "tests" / "korpus"


def soffice() -> str:
    """Path of LibreOffice, or skip (fail in CI, where .ci/run installs it)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe:
        return exe
    if os.environ.get("KINERJA_WAJIB_LIBREOFFICE"):
        pytest.fail("LibreOffice (soffice) wajib ada di CI tetapi tidak ditemukan")
    pytest.skip("LibreOffice (soffice) tidak terpasang: apt-get install libreoffice-calc-nogui")
    raise AssertionError  # unreachable


@pytest.fixture
def libreoffice() -> str:
    return soffice()


# Tests that take seconds each (LibreOffice, the formula engine over the whole master,
# the corpus, hypothesis over large inputs, a fresh venv): `python -m pytest -m "not
# slow"` leaves them out and runs in under a minute; `python -m pytest` runs all.
# A whole file, or file::test (every parameter of it).
LAMBAT = (
    "test_induk.py", "test_tulis_korpus.py", "test_roda.py", "test_setara.py",
    "test_baca.py::test_ketik_kolom_sama_dengan_ketik_per_sel",
    "test_google_templat.py::test_akun_layanan_minta_drive_file_hanya_saat_membuat",
    "test_hitung.py::test_ekspor_csv_dan_xlsx",
    "test_hitung.py::test_nilai_dihitung_seperti_excel",
    "test_hitung.py::test_rumus_standar_sama_dengan_libreoffice",
    "test_hitung.py::test_saringan_lembar_sel_semua",
    "test_konsolidasi.py::test_result_computes_to_the_seed_numbers",
    "test_konsolidasi.py::test_what_depends_on_the_changed_cell_and_nothing_else",
    "test_pasang.py::test_conda_memakai_kunci_conda",
    "test_rumus_properti.py::test_larik_sama_dengan_panggilan_per_sel",
    "test_rumus_skalar.py",
    "test_templat.py::test_dibuka_libreoffice",
    "test_tulis_berkas.py::test_metode_kompresi_dan_crc_bagian_yang_ditulis",
    "test_tulis_berkas.py::test_proses_dibunuh_saat_menulis",
    "test_tulis_berkas.py::test_tolak_konsolidasi_kedua",
    "test_tulis_cepat.py",
    "test_tulis_lembar.py::test_potong_sheetdata_tidak_mengubah_hasil",
    "test_udf_excel.py::test_kolom_penuh_dipotong_ke_data",
    "test_udf_excel.py::test_kolom_penuh_kosong_satu_baris",
)


def pytest_collection_modifyitems(items):
    for item in items:
        nama = item.nodeid.rpartition("/")[2].split("[")[0]
        if any(nama == x or nama.startswith(x + "::") for x in LAMBAT):
            item.add_marker(pytest.mark.slow)
