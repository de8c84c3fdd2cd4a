"""The master's owned sheets read in a background thread (sync.induk.LembarLatar):
the same rows as reading them at once, and the same refusal, first, when one cannot be
read, whatever else would refuse the run (the sources are read meanwhile, not planned)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

import workbooks
from sync.induk import LembarLatar, baca_induk
from sync.induk.lembar_lama import baca_lembar_milik
from sync.konsolidasi import DITOLAK, konsolidasi
from sync.model.tolak import TulisDitolak
from sync.paket import Paket

RUSAK = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
         b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
         b't="inlineStr"><is><t>&tidakada;</t></is></c></row></sheetData></worksheet>')


def _ganti_bagian(path: Path, nama: str, isi: bytes) -> None:
    salin = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(salin, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, isi if info.filename == nama else zin.read(info))
    salin.replace(path)


def _lembar_rusak(tmp_path: Path) -> Path:
    """A copy of the shipped master (beside the examples) whose Data Indikator part
    holds an undefined entity."""
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(workbooks.INDUK, induk)
    with Paket(induk) as pk:
        bagian = next(s.bagian for s in pk.lembar() if s.nama == "Data Indikator")
    _ganti_bagian(induk, bagian, RUSAK)
    return induk


def test_latar_sama_dengan_langsung():
    latar = LembarLatar(workbooks.INDUK)
    assert dict(latar) == baca_lembar_milik(workbooks.INDUK) and len(latar) == 5
    induk = baca_induk(workbooks.INDUK)
    assert dict(induk.lama) == dict(latar)


def test_latar_menolak_pada_pemakaian_pertama(tmp_path):
    induk = _lembar_rusak(tmp_path)
    with pytest.raises(TulisDitolak) as langsung:
        baca_lembar_milik(induk)
    dibaca = baca_induk(induk)  # Pengaturan reads; the sheets' refusal waits for their use
    dibaca.tunggu()  # waiting alone does not raise
    for _ in range(2):
        with pytest.raises(TulisDitolak) as latar:
            dibaca.lama.get("Riwayat")
        assert str(latar.value) == str(langsung.value)
    assert "Lembar 'Data Indikator' di workbook induk tidak dapat dibaca" in str(latar.value)


@pytest.mark.parametrize("opsi", [{}, {"coba": True}, {"tahun": 21}, {"bidang": ["Tidak Ada"]}])
def test_induk_rusak_ditolak_lebih_dulu(tmp_path, opsi):
    """The damaged sheet's refusal and nothing else, as when the master was read first:
    not the bad year's, not the unknown bidang's, no findings of the sources."""
    induk = _lembar_rusak(tmp_path)
    sebelum = induk.read_bytes()
    h = konsolidasi(induk, **opsi)
    assert h.status == DITOLAK and h.plan is None and h.temuan == [] and h.data == []
    assert h.pesan.startswith("Lembar 'Data Indikator' di workbook induk tidak dapat dibaca")
    assert induk.read_bytes() == sebelum
