"""A master whose owned sheet cannot be read is refused with that reason first, whatever
else would refuse the run (a bad year, an unknown bidang), and nothing is written."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

import workbooks
from sync.induk import baca_induk
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


def test_lembar_rusak_ditolak(tmp_path):
    with pytest.raises(TulisDitolak, match="Lembar 'Data Indikator' di workbook induk tidak "
                       "dapat dibaca"):
        baca_induk(_lembar_rusak(tmp_path))


@pytest.mark.parametrize("opsi", [{}, {"coba": True}, {"tahun": 21}, {"bidang": ["Tidak Ada"]}])
def test_induk_rusak_ditolak_lebih_dulu(tmp_path, opsi):
    """The damaged sheet's refusal and nothing else, as when the master was read first:
    not the bad year's, not the unknown bidang's, no findings of the sources."""
    induk = _lembar_rusak(tmp_path)
    sebelum = induk.read_bytes()
    h = konsolidasi(induk, **opsi)
    assert h.status == DITOLAK and h.rencana is None and h.temuan == [] and h.data == []
    assert h.pesan.startswith("Lembar 'Data Indikator' di workbook induk tidak dapat dibaca")
    assert induk.read_bytes() == sebelum
