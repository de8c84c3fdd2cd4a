"""Read the data rows the master's owned sheets hold now (python-calamine).

The pipeline appends to Riwayat, keeps a failed bidang's previous rows and
shows what a run would change; all three need the rows exactly as the file
holds them, in the Plan's cell types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from sync.model.skema import LEMBAR_MILIK, NAMA_LEMBAR_MILIK
from sync.tulis.susun import Paket, TulisDitolak

_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_AWAL_1900 = dt.datetime(1899, 12, 31)
_BATAS_BUG_1900 = dt.datetime(1900, 3, 1)  # Excel counts a 29 Feb 1900 that never was


def serial_excel(nilai: dt.datetime | dt.date | dt.time | dt.timedelta,
                 tanggal_1904: bool = False) -> float:
    """A calamine date/time back to the Excel serial number the cell holds (to the
    microsecond calamine keeps)."""
    if isinstance(nilai, dt.timedelta):
        return nilai.total_seconds() / 86400
    if isinstance(nilai, dt.time):
        return (nilai.hour * 3600 + nilai.minute * 60 + nilai.second
                + nilai.microsecond / 1e6) / 86400
    if not isinstance(nilai, dt.datetime):
        nilai = dt.datetime(nilai.year, nilai.month, nilai.day)
    if tanggal_1904:
        return (nilai - _EPOCH_1904).total_seconds() / 86400
    hari = (nilai - _EPOCH).total_seconds() / 86400
    # calamine maps serials 1..59 (Jan-Feb 1900) one day late; a datetime before
    # 1899-12-31 only comes from a time-of-day stored as a date (ODS).
    return hari - 1 if _AWAL_1900 <= nilai < _BATAS_BUG_1900 else hari


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


def baris_data(sel: list[list[object]], lebar: int, tanggal_1904: bool = False
               ) -> list[list[object]]:
    """Rows 2.. of a sheet, each cut or padded to `lebar` cells; trailing blank rows dropped."""
    hasil = []
    for baris in sel[1:]:
        isi = [nilai_sel(v, tanggal_1904) for v in baris[:lebar]]
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
        raise TulisDitolak(f"Workbook induk '{Path(induk).name}' tidak dapat dibaca: {e}") from e
    try:
        ada = {m.name.casefold(): m for m in wb.sheets_metadata
               if m.typ == SheetTypeEnum.WorkSheet}
        hasil = {}
        for lembar in LEMBAR_MILIK:
            meta = ada.get(lembar.nama.casefold())
            if meta is None or (hanya is not None and lembar.nama not in hanya):
                continue
            sel = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            hasil[lembar.nama] = baris_data(sel, len(lembar.kolom), tanggal_1904)
        return hasil
    finally:
        wb.close()


class LembarLama(Mapping):
    """baca_lembar_milik, each sheet read from the file the first time it is asked for.

    A run always needs Riwayat (it appends a row) but a data sheet's old rows only
    when a bidang keeps them (BASI) or to show what --coba would change; a master
    that already holds 80,000 rows per sheet takes seconds to read in full.
    """

    def __init__(self, induk: Path, segera: Iterable[str] = ()):
        self._induk = Path(induk)
        self._isi: dict[str, list[list[object]]] = {}
        self._dibaca: set[str] = set()
        self._muat(segera)  # read now: an unreadable master is refused before the sources

    def _muat(self, nama: Iterable[str]) -> None:
        baru = [n for n in nama if n not in self._dibaca]
        if baru:
            self._isi.update(baca_lembar_milik(self._induk, baru))
            self._dibaca.update(baru)

    def __getitem__(self, nama: str) -> list[list[object]]:
        self._muat([nama])
        return self._isi[nama]

    def __iter__(self) -> Iterator[str]:
        self._muat(NAMA_LEMBAR_MILIK)
        return (n for n in NAMA_LEMBAR_MILIK if n in self._isi)

    def __len__(self) -> int:
        return sum(1 for _ in self)
