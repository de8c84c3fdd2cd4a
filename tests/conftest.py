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


@pytest.fixture(scope="session")
def hasil_mulai(tmp_path_factory) -> Path:
    """The quick start's output: `kinerja konsolidasi` run in an empty folder (the bundled
    example into hasil/LKjIP-2021.xlsx), once for every test that reads it (seconds per
    run: the write refreshes the report formulas). Read it only; copy it to change it."""
    from sync.cli import main

    folder = tmp_path_factory.mktemp("mulai")
    lama = os.getcwd()
    os.chdir(folder)
    try:
        assert main(["konsolidasi"]) == 0
    finally:
        os.chdir(lama)
    return folder / "hasil" / "LKjIP-2021.xlsx"


@pytest.fixture(scope="session")
def induk_dihitung() -> dict[str, dict[str, object]]:
    """Every formula of the shipped master computed by the engine (addin.mesin), once
    for the tests that read it. Read it only."""
    import workbooks
    from addin import mesin

    return mesin.hitung_buku(workbooks.INDUK)


# Tests that take seconds each (a whole write with the formula refresh, LibreOffice, the
# formula engine over the whole master, the corpus, hypothesis over large inputs, a fresh
# venv): `python -m pytest -m "not slow"` leaves them out and takes about half a minute
# of CPU; `python -m pytest` (CI, the README) runs all. Each slow family keeps one example
# in the fast suite (named in the comment beside it), so a broken feature still shows there.
# Entries: a whole file, file::test (every parameter of it) or file::test[id] (one).
# Kept here rather than as decorators so that the helpers editing the test files at the
# same time do not collide on them; docs/dev/tests.md has the measured times.
LAMBAT = (
    "test_induk.py", "test_tulis_korpus.py", "test_roda.py",
    "test_setara.py::test_set_rusak_memang_rusak",  # and 23 of its 24 sets (in the file)
    "test_rumus_skalar.py", "test_tulis_cepat.py",
    "test_baca.py::test_ketik_kolom_sama_dengan_ketik_per_sel",
    "test_google_templat.py::test_akun_layanan_minta_drive_file_hanya_saat_membuat",
    "test_hitung.py::test_ekspor_csv_dan_xlsx",
    "test_hitung.py::test_nilai_dihitung_seperti_excel",
    "test_hitung.py::test_rumus_standar_sama_dengan_libreoffice",
    "test_hitung.py::test_saringan_lembar_sel_semua",
    "test_pasang.py::test_conda_memakai_kunci_conda",
    "test_rumus_properti.py::test_larik_sama_dengan_panggilan_per_sel",
    "test_templat.py::test_dibuka_libreoffice",
    "test_udf_excel.py::test_kolom_penuh_dipotong_ke_data",
    "test_udf_excel.py::test_kolom_penuh_kosong_satu_baris",
    # the file writer (each write refreshes the formulas: the whole engine, seconds);
    # fast: test_tulis_dan_cadangan and the refusals, which write nothing
    "test_tulis_berkas.py::test_cadangan_dipangkas",
    "test_tulis_berkas.py::test_tanpa_cadangan",
    "test_tulis_berkas.py::test_keluaran_lain",
    "test_tulis_berkas.py::test_mode_berkas_dipertahankan",
    "test_tulis_berkas.py::test_disk_penuh",
    "test_tulis_berkas.py::test_oserror_lain_saat_rename",
    "test_tulis_berkas.py::test_kunci_basi_diabaikan",
    "test_tulis_berkas.py::test_kunci_kosong_baru_dihormati_lama_diabaikan",
    "test_tulis_berkas.py::test_api_tulis_berkas",
    "test_tulis_berkas.py::test_hasil_dibaca_openpyxl_tanpa_peringatan",
    "test_tulis_berkas.py::test_metode_kompresi_dan_crc_bagian_yang_ditulis",
    "test_tulis_berkas.py::test_proses_dibunuh_saat_menulis",
    "test_tulis_berkas.py::test_tolak_konsolidasi_kedua",
    # the sheet writer; fast: test_tulis_berkas.py::test_tulis_dan_cadangan (it reads back
    # text that looks like a formula as text) and the refusals
    "test_tulis_lembar.py::test_teks_aneh_tetap_teks",
    "test_tulis_lembar.py::test_idempoten_dan_satu_sel",
    "test_tulis_lembar.py::test_nama_dan_area_cetak_mengikuti_baris",
    "test_tulis_lembar.py::test_gaya_aneh_tidak_masuk_ke_baris",
    "test_tulis_lembar.py::test_nama_kosong_diisi",
    "test_tulis_lembar.py::test_calcchain_dibuang_bila_menyebut_lembar_milik",
    "test_tulis_lembar.py::test_calcchain_dipertahankan_bila_lembar_lain",
    "test_tulis_lembar.py::test_bagian_lain_tidak_berubah",
    "test_tulis_lembar.py::test_gaya_lebar_dan_tampilan_tetap",
    "test_tulis_lembar.py::test_angka_presisi_penuh",
    "test_tulis_lembar.py::test_potong_sheetdata_tidak_mengubah_hasil",
    # the background reading with the refresh running; fast: the same without it
    "test_tulis_latar.py::test_susun_sama_dengan_tanpa_baca_latar[True]",
    # data sheets' printing; fast: the layout of each sheet as built
    "test_cetak_lembar_data.py::test_cetak_dan_format_tetap_setelah_ditulis_ulang",
    # the fast refresh route against the whole engine; fast: the user-sheet, corpus and
    # fallback cases
    "test_mesin_cepat.py::test_changed_figures_same_as_the_whole_engine",
    "test_mesin_cepat.py::test_segarkan_routes_write_the_same_parts",
    "test_mesin_cepat.py::test_bundled_master_same_as_the_whole_engine",
    # fresh stored values; fast: test_user_sheet_formulas_get_fresh_values
    "test_segar.py::test_changed_figure_reaches_every_report_cell",
    "test_segar.py::test_uncomputable_dependents_keep_their_value_and_ask_excel",
    # whole consolidations of the example into the master; fast:
    # test_default_command_reproduces_the_shipped_master, the console after a write
    # (test_tepi_konsol.py::test_markup_in_names_cells_and_headers_is_shown_literally) and
    # the refusals
    "test_konsolidasi.py::test_result_computes_to_the_seed_numbers",
    "test_konsolidasi.py::test_what_depends_on_the_changed_cell_and_nothing_else",
    "test_konsolidasi.py::test_idempotent_then_one_cell",
    "test_konsolidasi.py::test_induk_dibaca_sekali_sebelum_sumber",
    "test_konsolidasi.py::test_riwayat_mencatat_durasi",
    "test_konsolidasi.py::test_backup_and_output_elsewhere",
    "test_konsolidasi.py::test_unreadable_source_refuses_or_goes_stale",
    "test_konsolidasi.py::test_text_from_a_source_is_written_as_text",
    "test_konsolidasi.py::test_the_run_lock_covers_the_whole_run",
    "test_konsolidasi.py::test_gc_ditunda_selama_jalan_dan_pulih_sesudahnya",
    "test_cli_staf.py::test_sumber_for_one_bidang_keeps_the_others_rows",
    "test_cli_staf.py::test_nothing_changed_is_said_and_backup_named",
    "test_cli_staf.py::test_riwayat_time_is_a_date_cell",
    "test_cli_staf.py::test_bidang_refreshes_one_from_pengaturan_and_names_a_close_match",
    "test_cli_staf.py::test_output_begins_without_a_blank_line",
    "test_cli_staf.py::test_quick_start_keeps_an_example_the_user_changed",
    "test_cli_staf.py::test_refreshing_one_bidang_unchanged_changes_nothing_and_warns_nothing_false",
    "test_cli_staf.py::test_empty_bidang_workbook_is_refused_not_silently_deleting_rows",
    "test_data_lama_bertanda.py",  # fast: test_google_konsolidasi's stale Google source
    "test_bidang_ganda.py::test_stale_rows_found_whatever_the_spelling",
    "test_lembar_pemeriksaan.py::test_pemeriksaan_berwarna_dan_tetap_setelah_konsolidasi",
    "test_google_konsolidasi.py::test_refused_google_run_leaves_the_master_byte_identical",
    "test_hierarki.py::test_contoh_lama_tanpa_hierarki_tetap_dikonsolidasi",
    "test_tulis_baca.py::test_induk_proyek_pulang_pergi",
    "test_tepi_angka.py::test_inf_in_a_workbook_refuses_end_to_end",
    "test_tepi_rahasia.py::test_echoed_token_never_shown_nor_stored",
    "test_tepi_sumber.py::test_slow_drip_endpoint_hits_the_whole_request_deadline",
    "test_pesan_staf.py::test_ods_is_read_through_calamine",
    # the console after a write; fast: test_markup_in_names_cells_and_headers_is_shown_literally
    "test_tepi_konsol.py::test_large_tables_are_summarised_not_printed_whole",
    "test_tepi_konsol.py::test_broken_pipe_cannot_fail_the_command",
    "test_tepi_konsol.py::test_lone_surrogate_in_a_name",
    "test_tepi_konsol.py::test_any_console_encoding_after_the_write",
    "test_tepi_konsol.py::test_a_failing_summary_cannot_fail_a_written_master",
    "test_tepi_konsol.py::test_a_closed_console_cannot_fail_a_written_master",
    # the file system; fast: full disk at the lock and the backup ([0], [3000]), the locks
    "test_tepi_berkas.py::test_real_full_disk_at_any_point[40000]",
    "test_tepi_berkas.py::test_real_full_disk_at_any_point[90000]",
    "test_tepi_berkas.py::test_real_full_disk_at_any_point[120000]",
    "test_tepi_berkas.py::test_real_full_disk_at_any_point[140000]",
    "test_tepi_berkas.py::test_real_full_disk_at_any_point[400000]",
    "test_tepi_berkas.py::test_symlinked_master_is_written_through_to_its_target",
    "test_tepi_berkas.py::test_killed_runs_backup_temp_files_are_cleaned",
    "test_tepi_berkas.py::test_lock_never_left_empty_on_a_full_disk",
    # the export (LibreOffice, the quick start's output; the document and the report
    # tables computed by the engine: LAMBAT_FIXTURE below); fast: the hierarchy checks,
    # the document's refusal and packaged template, test_values_copy_cell_forms
    "test_ekspor.py::test_values_copy_has_no_formula_and_the_same_values",
    "test_ekspor.py::test_pdf_of_the_quick_start_output",
    "test_ekspor.py::test_pdf_shows_a_changed_figure",
    "test_ekspor.py::test_pdf_without_libreoffice_names_the_package",
    "test_ekspor.py::test_recalculated_without_addin_says_so_not_data_missing",
)

# Fixtures that compute the whole shipped master with the engine (tens of seconds once
# per module): every test of that file using one is slow, new ones included.
LAMBAT_FIXTURE = {
    "test_dokumen.py": {"hasil", "induk"},  # the document built, the master computed
    "test_hierarki.py": {"induk"},          # the master computed
}


def _cocok(nodeid: str, entri: str) -> bool:
    nama = nodeid.rpartition("/")[2]
    tanpa_param = nama.split("[")[0]
    return nama == entri or tanpa_param == entri or tanpa_param.startswith(entri + "::")


def pytest_collection_modifyitems(items):
    dipakai = set()
    for item in items:
        for entri in LAMBAT:
            if _cocok(item.nodeid, entri):
                item.add_marker(pytest.mark.slow)
                dipakai.add(entri)
        berkas_item = item.nodeid.rpartition("/")[2].split("::")[0]
        if LAMBAT_FIXTURE.get(berkas_item, set()) & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    # An entry whose file was collected but which marks nothing (a test renamed or
    # removed) would silently put a slow test back into the fast suite: refuse it.
    berkas = {item.nodeid.rpartition("/")[2].split("::")[0] for item in items}
    semua = {p.name for p in (AKAR / "tests").glob("test_*.py")}
    yatim = [e for e in LAMBAT if e not in dipakai]
    if yatim and berkas >= semua:  # checked when the whole suite is collected
        raise pytest.UsageError(f"tests/conftest.py LAMBAT names no collected test: {yatim}")
