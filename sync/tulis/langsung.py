"""The live writer: the same plan as the file writer, put into an open workbook.

Used by the Konsolidasi button. Excel keeps everything else in the workbook and
recalculates by itself. Only xlwings' public API is used (Book.sheets, Sheet.range,
Range.value / clear_contents / number_format / column_width / font, Book.names,
App.calculation / enable_events / screen_updating), few bulk calls per sheet:
every COM call costs milliseconds. The one exception is the hyperlinks of
Pemeriksaan's Tautan: xlwings' Range.add_hyperlink(address, text_to_display,
screen_tip) has no sub-address (the cell in the file), so they go through the
sheet's COM object, Hyperlinks.Add(Anchor, Address, SubAddress) and
Range.Hyperlinks.Delete (Excel VBA reference, "Hyperlinks.Add method").

What Excel does with a write, and how the writer answers it (docs/dev/xlwings.md):

- Text is re-parsed: assigning a string to Range.Value is like typing it, so "01"
  would become 1, "1/2" a date, "#N/A" an error, "=X" a formula (xlwings issues
  #1269, #2247). Every string is written with a leading apostrophe, which Excel
  takes as "this is text" and drops from the value (the xlwings maintainer's fix
  in #1269), and every owned column's number format is set first, "General" for
  the text columns: in a cell a user formatted as Text ("@") the apostrophe would
  be kept as part of the text.
- Each change recalculates every dependent formula (and with it every Kinerja UDF)
  while calculation is automatic, and fires Worksheet_Change while events are on.
  The write runs with screen updating off, calculation manual and events off, all
  restored in `finally`; restoring automatic calculation is the one recalculation.
- Only the owned columns are cleared, so a user's columns to the right survive.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from addin.galat import GalatExcel
from sync.model import skema
from sync.model.sel import huruf_kolom, kutip_lembar
from sync.model.tautan import MAKS_PER_LEMBAR, urai_tautan


def sebagai_teks(v: object) -> object:
    """A value as written through Range.Value: strings behind an apostrophe (kept as
    text, never converted to a number, date, error or formula); "" as a blank."""
    if isinstance(v, str):
        return "'" + v if v else None
    return v


def cari_lembar(book, nama: str):
    """The workbook's sheet called `nama`, ignoring case as Excel does; None if absent."""
    kunci = nama.casefold()
    return next((s for s in book.sheets if s.name.casefold() == kunci), None)


def _lembar(book, lembar: skema.LembarMilik):
    """The owned sheet, added after the last sheet (with widths and a bold header)
    when the workbook lacks it."""
    sheet = cari_lembar(book, lembar.nama)
    if sheet is not None:
        return sheet, False
    sheet = book.sheets.add(lembar.nama, after=book.sheets[len(book.sheets) - 1])
    for awal, akhir, lebar in _runtun([k.lebar for k in lembar.kolom]):
        sheet.range((1, awal), (1, akhir)).column_width = lebar
    sheet.range((1, 1), (1, len(lembar.kolom))).font.bold = True
    return sheet, True


def _runtun(nilai: list) -> Iterator[tuple[int, int, object]]:
    """Runs of equal values as (first column, last column, value), 1-based: one COM
    call per run instead of one per column."""
    awal = 1
    for c in range(2, len(nilai) + 2):
        if c > len(nilai) or nilai[c - 1] != nilai[awal - 1]:
            yield awal, c - 1, nilai[awal - 1]
            awal = c


@contextmanager
def excel_diam(app) -> Iterator[None]:
    """Screen updating off, calculation manual, events off; restored whatever happens."""
    semula = (app.screen_updating, app.calculation, app.enable_events)
    app.screen_updating = False
    app.calculation = "manual"
    app.enable_events = False
    try:
        yield
    finally:
        app.enable_events = semula[2]
        app.calculation = semula[1]  # back to automatic: Excel recalculates once
        if semula[1] == "manual":  # the user's manual mode stays; the report is still
            app.calculate()        # computed once over the new data (issue 12)
        app.screen_updating = semula[0]


def _nilai_baca(v: object) -> object:
    """A cell read back: pywin32's error integers (the codes xlwings leaves as ints)
    as their text, like err_to_str does for the classic seven."""
    if type(v) is int:
        g = GalatExcel.dari_pywin32(v)
        return g.kode if g is not None else v
    return v


def baca_lembar_milik_buku(book) -> dict[str, list[list[object]]]:
    """Data rows (header excluded) of the owned sheets an open workbook has."""
    hasil = {}
    for lembar in skema.LEMBAR_MILIK:
        sheet = cari_lembar(book, lembar.nama)
        if sheet is None:
            continue
        akhir = sheet.used_range.last_cell.row
        if akhir < 2:
            hasil[lembar.nama] = []
            continue
        nilai = sheet.range((2, 1), (akhir, len(lembar.kolom))).options(
            ndim=2, err_to_str=True).value
        hasil[lembar.nama] = [[_nilai_baca(v) for v in r] for r in nilai
                              if any(v not in (None, "") for v in r)]
    return hasil


def _tulis_lembar(book, nama: str, rows: list[list[object]]) -> None:
    lembar = skema.lembar_milik(nama)
    sheet, baru = _lembar(book, lembar)
    n_kol = len(lembar.kolom)
    akhir_tulis = max(2, len(rows) + 1)
    j_tautan = skema.indeks_kolom(lembar, "tautan")
    if not baru:
        akhir = sheet.used_range.last_cell.row
        if akhir >= 2:  # the owned columns only: the user's columns to the right stay
            rentang = sheet.range((2, 1), (akhir, n_kol))
            if j_tautan is not None:  # Clear Contents keeps a cell's hyperlink
                rentang.api.Hyperlinks.Delete()
            rentang.clear_contents()
    sheet.range((1, 1), (1, n_kol)).number_format = "General"
    for awal, akhir, fmt in _runtun([k.format_angka for k in lembar.kolom]):
        sheet.range((2, awal), (akhir_tulis, akhir)).number_format = fmt
    for j, per_baris in skema.format_per_baris(lembar, rows).items():
        for awal, akhir, fmt in _runtun(per_baris):
            if fmt is not None:
                sheet.range((awal + 1, j + 1), (akhir + 1, j + 1)).number_format = fmt
    sheet.range((1, 1)).value = [sebagai_teks(j) for j in lembar.judul]
    if rows:
        sheet.range((2, 1)).value = [[sebagai_teks(v) for v in r] for r in rows]
    if j_tautan is not None:
        _hyperlink(sheet, lembar, rows, j_tautan)
    for c, kolom in enumerate(lembar.kolom):
        if kolom.nama:
            huruf = huruf_kolom(c + 1)
            book.names.add(kolom.nama, f"={kutip_lembar(sheet.name)}!${huruf}$2:${huruf}"
                                       f"${akhir_tulis}")


def _hyperlink(sheet, lembar: skema.LembarMilik, rows: list[list[object]], j: int) -> None:
    """Each row's Tautan as a hyperlink to the file and cell (Hyperlinks.Add with the
    address and sub-address apart, sync/model/tautan.py); no TextToDisplay, so the cell
    keeps the text already written (never re-typed by Excel)."""
    n, jb = 0, skema.indeks_kolom(lembar, "berkas")
    for i, r in enumerate(rows, start=2):
        t = urai_tautan(r[j] if j < len(r) else None,
                        r[jb] if jb is not None and jb < len(r) else None)
        if t is None:
            continue
        sheet.api.Hyperlinks.Add(Anchor=sheet.range((i, j + 1)).api, Address=t.tujuan,
                                 SubAddress=t.lokasi)
        n += 1
        if n == MAKS_PER_LEMBAR:
            break


def tulis_langsung(book, rencana: skema.Rencana) -> dict[str, int]:
    """Write the plan's owned sheets into the open workbook; returns rows per sheet."""
    with excel_diam(book.app):
        for nama, rows in rencana.lembar.items():
            _tulis_lembar(book, nama, rows)
    return {nama: len(rows) for nama, rows in rencana.lembar.items()}
