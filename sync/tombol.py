"""The Konsolidasi button: the same pipeline, on the workbook open in Excel.

The ribbon's RunMain macro (xlwings RunPython) calls `kinerja.main()`, which calls
`jalankan()`. Configuration comes from the active workbook's Pengaturan sheet as it
is on screen (unsaved edits included); the plan is written with the live writer.
"""

from __future__ import annotations

import time
from pathlib import Path

from sync.induk import Induk
from sync.induk.pengaturan import Pengaturan, urai_pengaturan
from sync.konsolidasi import HasilKonsolidasi, rencanakan
from sync.model import skema
from sync.model.temuan import GALAT, NAMA_TINGKAT, PERINGATAN
from sync.tulis.langsung import baca_lembar_milik_buku, tulis_langsung

JUDUL = "Kinerja — Konsolidasi"


def pengaturan_buku(book) -> Pengaturan:
    """Pengaturan from an open workbook (xlwings Book)."""
    nama = next((s.name for s in book.sheets
                 if skema.normal_judul(s.name) == skema.normal_judul(skema.PENGATURAN)), None)
    if nama is None:
        return Pengaturan()
    sel = book.sheets[nama].used_range.options(ndim=2).value or []
    awal = book.sheets[nama].used_range.row, book.sheets[nama].used_range.column
    # used_range may start below/right of A1: pad so addresses stay Excel's
    sel = [[None] * (awal[1] - 1) + list(r) for r in sel]
    sel = [[] for _ in range(awal[0] - 1)] + sel
    tahun = None
    try:
        tahun = book.names[skema.NAMA_TAHUN].refers_to_range.value
    except Exception:  # the name is absent or points nowhere: fall back to the label
        tahun = None
    return urai_pengaturan(nama, sel, tahun)


def konsolidasi_buku(book, **kw) -> HasilKonsolidasi:
    """Plan from the open workbook's configuration and write it into that workbook."""
    app = book.app
    folder = Path(book.fullname).parent if Path(book.fullname).is_absolute() else None

    def maju(bidang: str, selesai: int, total: int) -> None:
        app.status_bar = f"Kinerja: membaca sumber {selesai}/{total} ({bidang})"

    mulai = time.monotonic()
    dibaca = Induk(pengaturan_buku(book), baca_lembar_milik_buku(book), Path(book.fullname))
    hasil = rencanakan(dibaca, dasar=folder, kemajuan=maju, mulai=mulai, **kw)
    if hasil.rencana is not None:
        try:
            tulis_langsung(book, hasil.rencana)  # screen, calculation, events: see there
        finally:
            app.status_bar = False
        hasil.pesan = "Konsolidasi selesai; hasil ditulis ke workbook ini."
    else:
        app.status_bar = False
    return hasil


def ringkasan(hasil: HasilKonsolidasi, maks: int = 8) -> str:
    """The message box text: what happened, counts, the first findings."""
    baris = [hasil.pesan]
    if hasil.rencana is not None:
        n = {k: len(v) for k, v in hasil.rencana.lembar.items()}
        baris.append(f"Indikator: {n.get(skema.DATA_INDIKATOR.nama, 0)} baris, anggaran: "
                     f"{n.get(skema.DATA_ANGGARAN.nama, 0)}, statistik: "
                     f"{n.get(skema.DATA_STATISTIK.nama, 0)}.")
    baris.append(f"Temuan: {hasil.jumlah_temuan(GALAT)} kesalahan, "
                 f"{hasil.jumlah_temuan(PERINGATAN)} peringatan"
                 + (" (rincian di lembar Pemeriksaan)." if hasil.rencana is not None else "."))
    penting = [t for t in hasil.temuan if t.tingkat in (GALAT, PERINGATAN)][:maks]
    baris += [f"- [{NAMA_TINGKAT[t.tingkat]}] {t.bidang} {t.sel}: {t.pesan}" for t in penting]
    return "\n".join(baris)


def jalankan() -> None:
    """Entry point of the ribbon button (called through xlwings RunPython)."""
    import xlwings as xw

    book = xw.Book.caller()
    try:
        hasil = konsolidasi_buku(book)
        pesan = ringkasan(hasil)
    except Exception as e:  # never leave the user with a Python traceback dialog
        pesan = (f"Konsolidasi gagal karena kesalahan program: {e!r}. Bila lembar data "
                 "Kinerja sudah berubah sebagian, tutup workbook tanpa menyimpan (Don't Save) "
                 "untuk kembali ke versi tersimpan, lalu laporkan pesan ini ke pengembang.")
    book.app.alert(pesan, title=JUDUL)
