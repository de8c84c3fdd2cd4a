"""Build the bidang template (and any filled bidang workbook) from sync.model.skema.

The layout of every tab: a title row, a row with the bidang's name, the header
row (exactly skema's columns, Statistik followed by one column per year), data
from the fourth row. Only features Google Sheets imports cleanly are used:
cell comments (notes), list validation, number formats, frozen panes, widths.
No tables, macros, form controls or formulas.

Output is deterministic (fixed creation time, zip timestamps of 1980) so a
rebuild gives identical bytes; `kinerja templat buat` builds it here rather than
copying workbooks/templat/ (rebuilt by `python -m workbooks.buat_templat`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sync.model import skema

BARIS_JUDUL, BARIS_BIDANG, BARIS_KEPALA, BARIS_DATA = 0, 1, 2, 3  # 0-based rows
BARIS_VALIDASI = 2000            # rows with drop-down validation below the header
TAHUN_TEMPLAT = tuple(range(2020, 2027))  # baseline and the Renstra period 2021-2026
LEBAR_TAHUN = 21
DIBUAT = dt.datetime(2022, 1, 1)  # fixed workbook creation time: identical rebuilds
PENULIS = "Kinerja"

JUDUL_TAB = {
    "Indikator": "Data Indikator Kinerja",
    "Anggaran": "Data Realisasi Anggaran per Sub Kegiatan",
    "Statistik": "Data Statistik (Deret Tahunan)",
}
PETUNJUK = "Petunjuk"

# Number formats of filled cells, chosen by the row's Satuan (Excel stores en-US codes).
F_PERSEN = skema.F_PERSEN_XL
F_UANG = skema.F_UANG_XL
F_BULAT = skema.F_BULAT_XL
F_TEKS = "@"

JENIS_TAMPIL = {
    skema.TEKS: "teks",
    skema.KODE: "kode (teks)",
    skema.ANGKA: "angka",
    skema.PERSEN: "persen",
    skema.TAHUN: "tahun (4 angka)",
    skema.PILIHAN: "pilihan",
}

CATATAN_UMUM = (
    "Isi data mulai baris 4, di bawah baris judul kolom. Jangan mengganti nama tab atau "
    "judul kolom. Urutan kolom boleh berubah; kolom tambahan diabaikan.",
    "Ketik nama bidang di sel B2 pada setiap tab.",
    "Indikator: satu baris untuk satu indikator pada satu tahun. Anggaran: satu baris untuk "
    "satu sub kegiatan. Statistik: satu baris untuk satu deret data, satu kolom untuk setiap "
    "tahun.",
    "Kode adalah kunci tetap: jangan diganti dari tahun ke tahun. Kode + Tahun tidak boleh "
    "kembar di seluruh bidang (tab Indikator dan Anggaran); kode deret Statistik tidak boleh "
    "kembar di seluruh bidang.",
    "Angka boleh diketik sebagai angka atau sebagai teks berformat Indonesia (1.808.970.744,00) "
    "atau Inggris (1,808,970,744.00). Jangan mencampur dua format dalam satu baris.",
    "Satuan % : nilai boleh diketik 85, 0,85, 85% atau 85,0%. Angka tanpa tanda % yang nilai "
    "mutlaknya lebih dari 1 dibaca sebagai poin persen (85 = 85%); angka sampai 1 dibaca "
    "sebagai pecahan (0,85 = 85%). Karena itu persen di bawah 1% atau di atas 100% harus "
    "diketik dengan tanda %, mis. 0,77% atau 150%.",
    "Rumus dan Acuan (tab Indikator dan Statistik): isi bila angka dapat dihitung ulang dari "
    "deret Statistik. rasio, Acuan A/B: angka = A / B pada tahun yang sama. sama, Acuan A: "
    "angka = A. selisih, Acuan A: angka = A tahun itu - A tahun sebelumnya. pertumbuhan, "
    "Acuan A: angka = (A tahun itu - A tahun sebelumnya) / A tahun sebelumnya. Di tab "
    "Indikator yang diperiksa adalah Realisasi pada Tahun baris itu; di tab Statistik setiap "
    "nilai tahun. Acuan boleh menunjuk deret bidang lain. Konsolidasi menghitung ulang dan "
    "melaporkan angka yang tidak cocok (selisih kecil karena pembulatan tidak dilaporkan).",
    "Tab Statistik: tambahkan kolom tahun baru di sebelah kanan kolom tahun terakhir; "
    "judulnya tahun empat angka, mis. 2027.",
    "Realisasi tahunan boleh dikosongkan bila triwulan diisi: dihitung menurut Sifat "
    "(Indikator) atau dijumlah (Anggaran). Bila diisi, harus cocok dengan triwulannya.",
    "Baris jumlah/total (Kode kosong, uraian diawali Jumlah atau Total) tidak dipakai: total "
    "dihitung ulang dari baris rinci. Baris tersembunyi tetap ikut dibaca.",
)


def _format(wb: Workbook, cache: dict, **sifat) -> object:
    kunci = tuple(sorted(sifat.items()))
    if kunci not in cache:
        cache[kunci] = wb.add_format(sifat)
    return cache[kunci]


def _isian(k: skema.Kolom) -> str:
    if k.pilihan:
        return "pilihan: " + ", ".join(k.pilihan)
    return JENIS_TAMPIL[k.jenis]


def teks_komentar(k: skema.Kolom) -> str:
    """The help shown on a header cell: skema's description, whether required, choices."""
    bagian = [f"{k.judul}{' (wajib)' if k.wajib else ''}: {k.keterangan}"]
    if k.pilihan:
        bagian.append("Pilihan: " + ", ".join(k.pilihan) + ".")
    return "\n".join(bagian)


KOMENTAR_TAHUN = ("Satu kolom untuk setiap tahun; judulnya tahun empat angka (mis. 2021). "
                  "Tambahkan kolom tahun baru di sebelah kanan.")
KOMENTAR_BIDANG = ("Ketik nama bidang di sel ini, mis. Bidang Pemberdayaan dan Perlindungan "
                   "Koperasi.")


def format_nilai(satuan: object, kolom: skema.Kolom | None) -> str | None:
    """Number format of a filled numeric cell: by the row's Satuan, else the column's."""
    s = str(satuan or "").strip().lower()
    if kolom is not None and kolom.jenis == skema.PERSEN:
        return F_PERSEN
    if kolom is not None and kolom.kunci == "tahun":
        return kolom.format_angka
    if s in ("%", "persen", "persen (%)"):
        return F_PERSEN
    if s in ("rp", "rupiah"):
        return F_UANG
    if kolom is not None and kolom.format_angka == F_UANG:
        return F_UANG
    return F_BULAT


def _tulis_sel(ws: Worksheet, r: int, c: int, v: object, fmt_angka: str | None,
               wb: Workbook, cache: dict) -> None:
    if v is None:
        return
    if isinstance(v, str):
        ws.write_string(r, c, v, _format(wb, cache, num_format=F_TEKS))
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v)
    else:
        ws.write_number(r, c, v, _format(wb, cache, num_format=fmt_angka or "General"))


def _tab(wb: Workbook, cache: dict, tab: skema.Tab, bidang: str, tahun: Sequence[int],
         baris: Iterable[dict]) -> None:
    ws = wb.add_worksheet(tab.nama)
    ws.set_comments_author(PENULIS)
    kepala = _format(wb, cache, bold=True, text_wrap=True, valign="vcenter",
                     bg_color="#DDEBF7", border=1)
    kepala_wajib = _format(wb, cache, bold=True, text_wrap=True, valign="vcenter",
                           bg_color="#BDD7EE", border=1)

    ws.write_string(BARIS_JUDUL, 0, JUDUL_TAB[tab.nama], _format(wb, cache, bold=True, size=14))
    ws.write_string(BARIS_BIDANG, 0, "Bidang", _format(wb, cache, bold=True))
    isian = _format(wb, cache, bold=True, bg_color="#FFF2CC", border=1)
    if bidang:
        ws.write_string(BARIS_BIDANG, 1, bidang, isian)
    else:
        ws.write_blank(BARIS_BIDANG, 1, None, isian)
    ws.write_comment(BARIS_BIDANG, 1, KOMENTAR_BIDANG, {"x_scale": 2})

    for c, k in enumerate(tab.kolom):
        ws.write_string(BARIS_KEPALA, c, k.judul, kepala_wajib if k.wajib else kepala)
        ws.write_comment(BARIS_KEPALA, c, teks_komentar(k), {"x_scale": 2.5, "y_scale": 2})
        # Kode columns are Text: typed "1.10" stays "1.10" (General would make it the
        # number 1.1), in Excel and in Google Sheets after the import
        format_kolom = F_TEKS if k.jenis == skema.KODE else k.format_angka
        fmt = None if format_kolom == "General" else _format(wb, cache, num_format=format_kolom)
        ws.set_column(c, c, k.lebar, fmt)
        if k.pilihan:
            ws.data_validation(BARIS_DATA, c, BARIS_DATA + BARIS_VALIDASI - 1, c, {
                "validate": "list",
                "source": list(k.pilihan),
                "ignore_blank": True,
                "error_title": f"Isian {k.judul} tidak dikenal",
                "error_message": "Pilih salah satu: " + ", ".join(k.pilihan) + ".",
            })
    kolom_tahun = {}
    if tab.tahun_kolom:
        awal = len(tab.kolom)
        fmt_tahun = _format(wb, cache, num_format=skema.F_UMUM)
        kepala_tahun = _format(wb, cache, bold=True, text_wrap=True, valign="vcenter",
                               bg_color="#DDEBF7", border=1, num_format="0", align="center")
        for i, th in enumerate(tahun):
            ws.write_number(BARIS_KEPALA, awal + i, th, kepala_tahun)
            ws.set_column(awal + i, awal + i, LEBAR_TAHUN, fmt_tahun)
            kolom_tahun[th] = awal + i
        if tahun:
            ws.write_comment(BARIS_KEPALA, awal, KOMENTAR_TAHUN, {"x_scale": 2})
    ws.set_row(BARIS_KEPALA, 45)  # three lines: "Realisasi TW III" never clipped
    ws.freeze_panes(BARIS_DATA, 1)
    ws.set_paper(9)  # A4, the paper Indonesian offices print on (xlsxwriter: 9 = A4)
    ws.set_landscape()
    ws.repeat_rows(BARIS_JUDUL, BARIS_KEPALA)
    ws.fit_to_pages(1, 0)

    for r, isi in enumerate(baris, start=BARIS_DATA):
        satuan = isi.get("satuan")
        for c, k in enumerate(tab.kolom):
            _tulis_sel(ws, r, c, isi.get(k.kunci), format_nilai(satuan, k)
                       if k.jenis in (skema.ANGKA, skema.PERSEN, skema.TAHUN) else None,
                       wb, cache)
        for th, v in (isi.get("tahunan") or {}).items():
            _tulis_sel(ws, r, kolom_tahun[th], v, format_nilai(satuan, None), wb, cache)


def _petunjuk(wb: Workbook, cache: dict) -> None:
    ws = wb.add_worksheet(PETUNJUK)
    tebal = _format(wb, cache, bold=True)
    bungkus = _format(wb, cache, text_wrap=True, valign="top")
    kepala = _format(wb, cache, bold=True, bg_color="#DDEBF7", border=1, valign="top")
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 2, 8)
    ws.set_column(3, 3, 30)
    ws.set_column(4, 4, 90)
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.write_string(0, 0, "Petunjuk Pengisian Workbook Bidang (Kinerja, laporan LKjIP)",
                    _format(wb, cache, bold=True, size=14))
    r = 2
    ws.write_string(r, 0, "Ketentuan umum", tebal)
    r += 1
    for i, teks in enumerate(CATATAN_UMUM, start=1):
        ws.write_number(r, 0, i, _format(wb, cache, valign="top", align="left"))
        ws.merge_range(r, 1, r, 4, teks, bungkus)
        # rows tall enough for the wrapped text (about 100 characters a line across
        # the merged B:E at Calibri 11), so the text never runs over the next row
        ws.set_row(r, 15 * (1 + len(teks) // 100))
        r += 1
    for tab in skema.TABS:
        r += 1
        ws.write_string(r, 0, f"Tab {tab.nama}", tebal)
        ws.write_string(r, 1, tab.keterangan)
        r += 1
        for c, judul in enumerate(("Tab", "Kolom", "Wajib", "Isian", "Keterangan")):
            ws.write_string(r, c, judul, kepala)
        r += 1
        for k in tab.kolom:
            ws.write_string(r, 0, tab.nama, bungkus)
            ws.write_string(r, 1, k.judul, bungkus)
            ws.write_string(r, 2, "ya" if k.wajib else "", bungkus)
            ws.write_string(r, 3, _isian(k), bungkus)
            ws.write_string(r, 4, k.keterangan, bungkus)
            # tall enough for the wrapped Isian (width 30) and Keterangan (width 90)
            ws.set_row(r, 15 * max(1 + len(k.keterangan) // 85, 1 + len(_isian(k)) // 28))
            r += 1
        if tab.tahun_kolom:
            ws.write_string(r, 0, tab.nama, bungkus)
            ws.write_string(r, 1, "2020, 2021, ...", bungkus)
            ws.write_string(r, 3, "angka (satu kolom per tahun)", bungkus)
            ws.write_string(r, 4, KOMENTAR_TAHUN, bungkus)
            r += 1


def tulis_buku(path: Path | str, *, bidang: str = "", tahun: Sequence[int] = TAHUN_TEMPLAT,
               isi: dict[str, Iterable[dict]] | None = None) -> Path:
    """Write a bidang workbook: the template when `isi` is empty.

    `isi` maps a tab name to its rows; a row maps skema column keys to values and,
    for Statistik, "tahunan" to {year: value}. A str value is written as text.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})
    wb.set_properties({
        "title": "Workbook Bidang" + (f" — {bidang}" if bidang else " — Templat"),
        "subject": "Data bidang untuk laporan kinerja (LKjIP)",
        "author": PENULIS,
        "company": "Dinas Koperasi dan Usaha Mikro Kota Batam",
        "comments": "Dibuat oleh workbooks/buat_templat.py dari sync/model/skema.py",
        "created": DIBUAT,
    })
    cache: dict = {}
    for tab in skema.TABS:
        _tab(wb, cache, tab, bidang, tahun, (isi or {}).get(tab.nama, ()))
    _petunjuk(wb, cache)
    wb.close()
    return path

