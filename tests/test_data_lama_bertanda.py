"""Rows a run keeps from the master (data lama after a failed source, or a bidang not
read again with --bidang) never pass for freshly checked figures in the report: their
Periksa points at this run's notice, so the report marks them with *) like every
figure the audit rejects (docs/induk.md, "Angka bertanda")."""

from __future__ import annotations

import shutil

import pytest
from python_calamine import CalamineWorkbook

import workbooks
from sync.konsolidasi import DITULIS, konsolidasi
from workbooks.data_tercetak import FOLDER, INDUK

KOP = "Bidang Pemberdayaan dan Perlindungan Koperasi"
UM = "Bidang Pemberdayaan dan Pengembangan Usaha Mikro"


def _isi(path, nama):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(nama).to_python()


def _kolom(rows, judul):
    return rows[0].index(judul)


def _no_temuan(path, bidang, awal):
    rows = _isi(path, "Pemeriksaan")
    b, p = _kolom(rows, "Bidang"), _kolom(rows, "Pesan")
    no = [int(r[0]) for r in rows[1:] if r[b] == bidang and str(r[p]).startswith(awal)]
    assert len(no) == 1, no
    return no[0]


def _periksa(path, bidang):
    rows = _isi(path, "Data Indikator")
    k, t, p = (_kolom(rows, j) for j in ("Kode", "Tahun", "Periksa"))
    return {(r[k], int(r[t])): (int(r[p]) if r[p] not in ("", None) else None)
            for r in rows[1:] if r[0] == bidang}


def _predikat_bertanda(path, lembar, kode):
    """The cells of `lembar` on the row whose code column (A) holds `kode`."""
    return [c for r in _isi(path, lembar) if r and r[0] == kode for c in r
            if isinstance(c, str) and c.endswith("*)")]


@pytest.fixture
def kerja(tmp_path):
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(workbooks.INDUK, tmp_path / "LKjIP-2021.xlsx")
    return tmp_path / "LKjIP-2021.xlsx"


def test_data_lama_bertanda_di_data_dan_laporan(kerja):
    assert konsolidasi(kerja).status == DITULIS
    # IK-UM-01 (183 of 1545, Grafik Capaian) carries no finding in the clean examples
    assert _predikat_bertanda(kerja, "Grafik Capaian", "IK-UM-01") == []
    sebelum = _periksa(kerja, UM)
    (kerja.parent / "contoh" / "05-usaha-mikro.xlsx").unlink()
    h = konsolidasi(kerja, sebagian=True)
    assert h.status == "sebagian", h.pesan
    no = _no_temuan(kerja, UM, "DATA LAMA")
    sesudah = _periksa(kerja, UM)
    assert sesudah.keys() == sebelum.keys() and len(sesudah) > 10
    assert set(sesudah.values()) == {no}
    # the stored values were refreshed: the report's predicate now carries the mark
    assert _predikat_bertanda(kerja, "Grafik Capaian", "IK-UM-01") == [
        "Jumlah usaha mikro yang dibina *)", "Sangat Rendah *)"]
    # a bidang read afresh keeps its own marks only
    assert no not in set(_periksa(kerja, KOP).values())


def test_bidang_dipertahankan_tetap_bertanda_bila_dulu_bertanda(tmp_path):
    folder = tmp_path / FOLDER
    shutil.copytree(workbooks.FOLDER / FOLDER, folder)
    induk = folder / INDUK
    assert konsolidasi(induk).status == DITULIS
    sebelum = _periksa(induk, KOP)
    bertanda = {k for k, v in sebelum.items() if v}
    # the printed set flags the 24.2% of 2021 (docs/dev/data-contoh.md, row 3)
    assert ("IK-KOP-01", 2021) in bertanda and len(bertanda) < len(sebelum)
    h = konsolidasi(induk, bidang=["Sekretariat"])
    assert h.status == DITULIS, h.pesan
    assert KOP in h.dipertahankan
    no = _no_temuan(induk, KOP, "Bidang ini tidak dibaca ulang")
    sesudah = _periksa(induk, KOP)
    assert {k for k, v in sesudah.items() if v} == bertanda
    assert {v for v in sesudah.values() if v} == {no}
