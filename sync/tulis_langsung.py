"""The live writer: the same plan as the file writer, put into an open workbook.

Used by the Konsolidasi button. Excel keeps everything else in the workbook and
recalculates by itself. Only xlwings' public API is used (Book.sheets, Sheet.range,
Range.value / clear_contents / number_format, Book.names), one bulk call per
sheet: every COM call costs milliseconds.
"""

from __future__ import annotations

from sync import skema
from sync.alamat import huruf_kolom, kutip_lembar

AWALAN_RUMUS = ("=", "+", "-", "@")


def sebagai_teks(v: object) -> object:
    """Excel turns a typed '=...' into a formula; a leading apostrophe keeps it text."""
    if isinstance(v, str) and v.startswith(AWALAN_RUMUS):
        return "'" + v
    return v


def _lembar(book, nama: str):
    """The owned sheet, added after the last sheet when the workbook lacks it."""
    for sheet in book.sheets:
        if sheet.name == nama:
            return sheet, False
    return book.sheets.add(nama, after=book.sheets[len(book.sheets) - 1]), True


def baca_lembar_milik_buku(book) -> dict[str, list[list[object]]]:
    """Data rows (header excluded) of the owned sheets an open workbook has."""
    hasil = {}
    nama_ada = {s.name for s in book.sheets}
    for lembar in skema.LEMBAR_MILIK:
        if lembar.nama not in nama_ada:
            continue
        sheet = book.sheets[lembar.nama]
        akhir = sheet.used_range.last_cell.row
        if akhir < 2:
            hasil[lembar.nama] = []
            continue
        nilai = sheet.range((2, 1), (akhir, len(lembar.kolom))).options(ndim=2).value
        hasil[lembar.nama] = [list(r) for r in nilai if any(v not in (None, "") for v in r)]
    return hasil


def tulis_langsung(book, plan: skema.Plan) -> dict[str, int]:
    """Write the plan's owned sheets into the open workbook; returns rows per sheet."""
    hasil = {}
    for nama, rows in plan.lembar.items():
        lembar = skema.lembar_milik(nama)
        sheet, baru = _lembar(book, nama)
        n_kol = len(lembar.kolom)
        if not baru:
            akhir = sheet.used_range.last_cell.row
            if akhir >= 2:
                sheet.range((2, 1), (akhir, max(n_kol, sheet.used_range.last_cell.column))
                            ).clear_contents()
        sheet.range((1, 1)).value = [lembar.judul]
        if rows:
            for c, kolom in enumerate(lembar.kolom, start=1):
                if kolom.format_angka != "General":
                    sheet.range((2, c), (len(rows) + 1, c)).number_format = kolom.format_angka
            sheet.range((2, 1)).value = [[sebagai_teks(v) for v in r] for r in rows]
        akhir = max(2, len(rows) + 1)
        for c, kolom in enumerate(lembar.kolom):
            if kolom.nama:
                huruf = huruf_kolom(c + 1)
                book.names.add(kolom.nama,
                               f"={kutip_lembar(nama)}!${huruf}$2:${huruf}${akhir}")
        hasil[nama] = len(rows)
    return hasil
