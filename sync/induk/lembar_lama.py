"""Read the data rows the master's owned sheets hold now (python-calamine).

The pipeline appends to Riwayat, keeps a failed bidang's previous rows and
shows what a run would change; all three need the rows exactly as the file
holds them, in the Plan's cell types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from sync.model.skema import LEMBAR_MILIK
from sync.model.tolak import TulisDitolak
from sync.paket import Paket, serial_excel


def nilai_sel(nilai: object, tanggal_1904: bool = False) -> object:
    """A calamine cell as a Plan cell: None, str, bool, int or float."""
    if nilai == "" or nilai is None:
        return None
    if isinstance(nilai, (bool, str, int)):
        return nilai
    if isinstance(nilai, float):
        return int(nilai) if nilai.is_integer() and abs(nilai) < 2**53 else nilai
    if isinstance(nilai, (dt.date, dt.time, dt.timedelta)):
        return serial_excel(nilai, tanggal_1904)
    return str(nilai)


_BIASA = (str, float, int, bool, type(None))


def baris_data(sel: list[list[object]], lebar: int, tanggal_1904: bool = False
               ) -> list[list[object]]:
    """Rows 2.. of a sheet, each cut or padded to `lebar` cells; trailing blank rows dropped."""
    hasil = []
    for baris in sel[1:]:
        # nilai_sel inlined for the usual cells (text, blank, number): 80,000 rows a sheet
        isi = [None if v == "" else int(v) if v.__class__ is float and v.is_integer()
               and -2**53 < v < 2**53 else v if v.__class__ in _BIASA
               else nilai_sel(v, tanggal_1904) for v in baris[:lebar]]
        hasil.append(isi + [None] * (lebar - len(isi)))
    while hasil and all(v is None for v in hasil[-1]):
        hasil.pop()
    return hasil


def baca_lembar_milik(induk: Path, hanya: Iterable[str] | None = None
                      ) -> dict[str, list[list[object]]]:
    """The data rows (header excluded) of each owned sheet present in `induk`,
    keyed by the schema's sheet name (matched case-insensitively, as Excel does);
    `hanya`: just these sheets."""
    hanya = None if hanya is None else set(hanya)
    try:
        with Paket(Path(induk)) as pk:
            tanggal_1904 = pk.tanggal_1904()
        wb = CalamineWorkbook.from_path(str(induk))
    except (CalamineError, OSError, ValueError, KeyError) as e:
        raise TulisDitolak(f"Workbook induk '{Path(induk).name}' tidak dapat dibaca "
                           f"({type(e).__name__}).") from e
    try:
        ada = {m.name.casefold(): m for m in wb.sheets_metadata
               if m.typ == SheetTypeEnum.WorkSheet}
        hasil = {}
        for lembar in LEMBAR_MILIK:
            meta = ada.get(lembar.nama.casefold())
            if meta is None or (hanya is not None and lembar.nama not in hanya):
                continue
            try:
                sel = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            except Exception as e:  # calamine's XmlError etc.: an undefined entity, bad XML
                raise TulisDitolak(
                    f"Lembar '{meta.name}' di workbook induk tidak dapat dibaca "
                    f"({type(e).__name__}: XML rusak atau entitas tidak dikenal); buka dan "
                    "simpan ulang workbook itu di Excel.") from e
            hasil[lembar.nama] = baris_data(sel, len(lembar.kolom), tanggal_1904)
        return hasil
    finally:
        wb.close()
