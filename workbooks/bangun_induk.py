"""Build the master report workbook workbooks/LKjIP-2021.xlsx.

Sheets, in order: Pengaturan (report year, bidang sources), the report tables
(the office's: never touched by the tool; workbooks/laporan/), and the owned
sheets of skema.LEMBAR_MILIK, filled with what the consolidation pipeline makes
of the five example bidang (workbooks/contoh/).

Two passes so the file carries every formula's value as Excel caches it on save:
the workbook is built, computed with the `formulas` engine (addin.mesin, our
functions registered), and built again with each formula's computed value.
Viewers that do not recalculate show the right numbers. The shipped file does not
ask for a full recalculation on open and carries the calcId of Excel 2019/2021/365,
so those Excel versions show the stored values even without the add-in until a
precedent changes; Excel 2016 (an older calc engine) recalculates on open. After a
consolidation the file writer sets fullCalcOnLoad, since the data changed.

Deterministic (fixed document and Riwayat times): a rebuild gives identical bytes.

    python -m workbooks.bangun_induk [keluaran.xlsx]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import quote_sheetname, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

import workbooks
from addin.galat import GalatExcel
from sync.induk import Induk
from sync.induk.pengaturan import Pengaturan, Sumber
from sync.konsolidasi import DITULIS, rencanakan
from sync.model import skema
from sync.model.tautan import urai_tautan
from sync.model.temuan import GALAT, NAMA_TINGKAT, PERINGATAN
from sync.periksa.urai import SATUAN_PERSEN
from workbooks.data_contoh import BIDANG
from workbooks.laporan import Konteks, tulis_laporan
from workbooks.laporan.dasar import F_TAHUN, INSTANSI, cetak

TAHUN = 2021
WAKTU = dt.datetime(2022, 1, 3, 8, 0)  # document time and the Riwayat row of this build
PENGGUNA = "kinerja"
SEL_TAHUN = (3, 1)   # Pengaturan!B4
BARIS_CATATAN = 5    # 0-based row of "Cara mengubah pengaturan"
BARIS_SUMBER = 10    # 0-based row of the sources header on Pengaturan
WARNA_MILIK = "#808080"
WARNA_LAPORAN = "#4472C4"
BARIS_EXCEL = 1_048_576
# long text wrapped (top-aligned) so that the sheet prints readably on A4
BUNGKUS = {*((skema.PEMERIKSAAN.nama, k) for k in skema.BUNGKUS_PEMERIKSAAN),
           ("Riwayat", "sumber"), ("Riwayat", "keterangan")}


class BangunGagal(RuntimeError):
    """The master cannot be built as it should (pipeline refused, a formula errs)."""


def sumber_contoh(bidang=BIDANG, folder: str = workbooks.CONTOH.name) -> list[Sumber]:
    """The example bidang, by path relative to the master's folder ("" = the same)."""
    return [Sumber(b.nama, f"{folder}/{b.berkas}" if folder else b.berkas, b.singkatan)
            for b in bidang]


def rencana_contoh(sumber: list[Sumber] | None = None,
                   dasar: Path = workbooks.FOLDER) -> skema.Rencana:
    """The owned sheets' rows: the pipeline run over the example bidang."""
    hasil = rencanakan(Induk(Pengaturan(tahun=TAHUN, sumber=sumber or sumber_contoh())),
                       dasar=dasar, pengguna=PENGGUNA, waktu=WAKTU)
    if hasil.status != DITULIS or hasil.rencana is None:
        raise BangunGagal(f"Konsolidasi contoh tidak menghasilkan rencana ({hasil.status}): "
                          f"{hasil.pesan}")
    return hasil.rencana


def _nilai(ws: Worksheet, r: int, c: int, v: object, fmt: Format | None) -> None:
    if v is None:
        ws.write_blank(r, c, None, fmt)
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v, fmt)
    elif isinstance(v, (int, float)):
        ws.write_number(r, c, v, fmt)
    else:
        ws.write_string(r, c, str(v), fmt)


def tulis_pengaturan(k: Konteks, sumber: list[Sumber]) -> None:
    """Report year (named Tahun_Laporan), how to change the settings, and the sources
    table (below the notes, so staff can add rows at its end)."""
    wb = k.wb
    ws = wb.add_worksheet(skema.PENGATURAN)
    ws.set_tab_color("#70AD47")
    for c, lebar in enumerate((50, 18, 36, 8)):
        k.kolom(ws, c, c, lebar)
    ws.write_string(0, 0, "Pengaturan Laporan Kinerja (LKjIP)", k.gaya(bold=True, font_size=14))
    ws.write_string(1, 0, INSTANSI, k.gaya(italic=True))
    r, c = SEL_TAHUN
    ws.write_string(r, c - 1, skema.LABEL_TAHUN, k.gaya(bold=True, border=1))
    ws.write_number(r, c, TAHUN, k.gaya(bold=True, border=1, num_format=F_TAHUN,
                                        bg_color="#FFF2CC", align="center"))
    wb.define_name(skema.NAMA_TAHUN,
                   f"={quote_sheetname(skema.PENGATURAN)}!${xl_col_to_name(c)}${r + 1}")
    catatan = (
        "Tahun Laporan (sel B4): ketik tahun laporan. Tabel yang membaca tahun laporan "
        "(Grafik Capaian, Tabel 3.8, Grafik Serapan, Tabel 3.9, judul Tabel 3.7) ikut berganti.",
        "Tabel sumber di bawah: satu baris untuk setiap bidang. Alamat berisi alamat Google "
        "Sheets atau path berkas .xlsx/.csv, relatif terhadap folder workbook ini (mis. "
        "contoh/01-sekretariat.xlsx). Aktif: ya atau tidak (baris 'tidak' dilewati). Baris "
        "baru boleh ditambahkan langsung di bawah tabel.",
        "Lalu jalankan Konsolidasi (tab Kinerja di Excel, atau perintah kinerja konsolidasi). "
        "Lembar Data Indikator, Data Anggaran, Data Statistik, Pemeriksaan dan Riwayat (tab "
        "abu-abu) diisi ulang setiap kali: jangan mengetik di sana. Lembar Pengaturan dan "
        "lembar Tabel/Grafik tidak pernah diubah oleh Konsolidasi.",
    )
    ws.write_string(BARIS_CATATAN, 0, "Cara mengubah pengaturan", k.gaya(bold=True))
    for i, teks in enumerate(catatan, start=BARIS_CATATAN + 1):
        k.teks(ws, i, 0, teks, k.gaya(text_wrap=True, valign="top"), c1=3)
    for j, kol in enumerate(skema.SUMBER.kolom):
        ws.write_string(BARIS_SUMBER, j, kol.judul, k.kepala())
    isi = k.gaya(border=1, valign="top")
    for i, s in enumerate(sumber, start=BARIS_SUMBER + 1):
        for j, v in enumerate((s.bidang, s.singkatan, s.alamat, "ya" if s.aktif else "tidak")):
            ws.write_string(i, j, v, isi)
    ws.data_validation(BARIS_SUMBER + 1, 3, BARIS_SUMBER + 50, 3, {
        "validate": "list", "source": ["ya", "tidak"],
        "input_title": "Aktif", "input_message": "ya = ikut dikonsolidasi; tidak = dilewati."})
    cetak(ws, (0, 0, BARIS_SUMBER + len(sumber), 3), (BARIS_SUMBER, BARIS_SUMBER), lanskap=False)
    ws.activate()


def tulis_lembar_milik(k: Konteks, lembar: skema.LembarMilik, baris: list[list[object]]) -> None:
    """An owned sheet exactly per skema: header row, formats on every data cell (the file
    writer copies the first data row's styles down), widths, and the defined names."""
    if not baris and any(kol.nama for kol in lembar.kolom):
        raise BangunGagal(f"Lembar {lembar.nama} tidak berisi data contoh.")
    ws = k.wb.add_worksheet(lembar.nama)
    ws.set_tab_color(WARNA_MILIK)
    kepala = k.gaya(bold=True, bg_color="#D9D9D9", border=1)
    fmt = [k.gaya(num_format=kol.format_angka, text_wrap=True, valign="top")
           if dibungkus(lembar, kol)
           else k.gaya(num_format=kol.format_angka, valign="top")
           if kol.format_angka != skema.F_UMUM else k.gaya(valign="top")
           for kol in lembar.kolom]
    for j, kol in enumerate(lembar.kolom):
        ws.set_column(j, j, kol.lebar, fmt[j])
        ws.write_string(0, j, kol.judul, kepala)
    if lembar is skema.PEMERIKSAAN:  # links look like links (Excel's Hyperlink style)
        j = skema.indeks_kolom(lembar, "tautan")
        fmt[j] = k.gaya(font_color="#0563C1", underline=1, text_wrap=True, valign="top")
        ws.set_column(j, j, lembar.kolom[j].lebar, fmt[j])
    per_baris = skema.format_per_baris(lembar, baris)
    for i, t in enumerate(skema.tinggi_baris(lembar, baris) or (), start=1):
        ws.set_row(i, t)  # as the file writer sets them (skema.tinggi_baris)
    for i, b in enumerate(baris, start=1):
        if len(b) != len(lembar.kolom):
            raise BangunGagal(f"Baris {i + 1} lembar {lembar.nama}: {len(b)} sel, "
                              f"skema {len(lembar.kolom)} kolom.")
        for j, v in enumerate(b):
            f = per_baris.get(j, [None] * i)[i - 1]
            # the style the file writer derives from the column's (valign top): the same
            # xf, so a consolidation of the shipped master adds none to styles.xml
            _nilai(ws, i, j, v, k.gaya(num_format=f, valign="top") if f else fmt[j])
    if lembar is skema.PEMERIKSAAN:
        tulis_tautan(ws, baris, fmt)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(baris), 1), len(lembar.kolom) - 1)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    akhir = len(baris) + 1
    if lembar is skema.PEMERIKSAAN:
        warnai_tingkat(k, ws, len(lembar.kolom))
    format_satuan(k, ws, lembar)
    for j, kol in enumerate(lembar.kolom):
        if kol.nama:
            col = xl_col_to_name(j)
            k.wb.define_name(kol.nama, f"={quote_sheetname(lembar.nama)}!${col}$2:${col}${akhir}")


def dibungkus(lembar: skema.LembarMilik, kol: skema.KolomMilik) -> bool:
    """Long text wraps (top-aligned), so no text is cut on screen or on A4: the listed
    columns, and every text column of the data sheets at least 24 characters wide."""
    return (lembar.nama, kol.kunci) in BUNGKUS or (
        lembar.nama in DATA and kol.format_angka == skema.F_UMUM and kol.lebar >= 24)


DATA = {skema.DATA_INDIKATOR.nama, skema.DATA_ANGGARAN.nama, skema.DATA_STATISTIK.nama}
# columns holding a value in the row's Satuan, and the format each Satuan asks for
KOLOM_SATUAN = {skema.DATA_INDIKATOR.nama: ("target", "tw1", "tw2", "tw3", "tw4",
                                            "realisasi", "hitungan"),
                skema.DATA_STATISTIK.nama: ("nilai",)}


def format_satuan(k: Konteks, ws: Worksheet, lembar: skema.LembarMilik) -> None:
    """A percent indicator's or series' fractions shown as percent (0,2129 -> 21,29%),
    a rupiah series in rupiah: conditional formats on the Satuan column (Excel applies
    a rule's number format, ECMA-376 Part 1 18.8.17 dxf), over every row the file
    writer may fill (it keeps a sheet's conditional formats)."""
    kolom = KOLOM_SATUAN.get(lembar.nama)
    if not kolom:
        return
    satuan = xl_col_to_name(skema.indeks_kolom(lembar, "satuan"))
    rentang = " ".join(f"{c}2:{c}{BARIS_EXCEL}" for c in
                       (xl_col_to_name(skema.indeks_kolom(lembar, x)) for x in kolom))
    pertama = rentang.split()[0]
    persen = ",".join(f'LOWER(TRIM(${satuan}2))="{x}"' for x in sorted(SATUAN_PERSEN))
    for rumus, f in ((f"=OR({persen})", skema.F_PERSEN_XL),
                     (f'=LOWER(TRIM(${satuan}2))="rp"', skema.F_UANG_XL)):
        ws.conditional_format(pertama, {"type": "formula", "criteria": rumus,
                                        "format": k.gaya(num_format=f), "multi_range": rentang})


def tulis_tautan(ws: Worksheet, baris: list[list[object]], fmt: list) -> None:
    """Pemeriksaan's Tautan as hyperlinks, the same address and sub-address as the file
    writer gives them (sync/model/tautan.py), the text kept as text."""
    j = skema.indeks_kolom(skema.PEMERIKSAAN, "tautan")
    for i, b in enumerate(baris, start=1):
        t = urai_tautan(b[j], b[skema.indeks_kolom(skema.PEMERIKSAAN, "berkas")])
        if t is None:
            continue
        tujuan = ("external:" + t.tujuan if t.berkas else t.tujuan) + (
            "#" + t.lokasi if t.lokasi else "")
        ws.write_url(i, j, tujuan, fmt[j], string=b[j])


def warnai_tingkat(k: Konteks, ws: Worksheet, n: int) -> None:
    """Pemeriksaan's rows coloured by level, with Excel's own "Light Red Fill with Dark
    Red Text" and "Yellow Fill with Dark Yellow Text" presets, over every row the file
    writer may fill (it keeps a sheet's conditional formats when it rewrites the rows)."""
    kolom = skema.PEMERIKSAAN.kolom.index(
        next(kol for kol in skema.PEMERIKSAAN.kolom if kol.kunci == "tingkat"))
    c = xl_col_to_name(kolom)
    for tingkat, isi, teks in ((GALAT, "#FFC7CE", "#9C0006"), (PERINGATAN, "#FFEB9C", "#9C5700")):
        ws.conditional_format(1, 0, BARIS_EXCEL - 1, n - 1, {
            "type": "formula", "criteria": f'=${c}2="{NAMA_TINGKAT[tingkat]}"',
            "format": k.gaya(bg_color=isi, font_color=teks)})


def tulis_buku(path: Path | str, rencana: skema.Rencana,
               nilai: dict[str, dict[str, object]] | None = None,
               sumber: list[Sumber] | None = None) -> Path:
    """Write the master; `nilai` are the formula values of a previous pass."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})
    # no fullCalcOnLoad, and the calc engine id of Excel 2019/2021/365 (191029): the
    # cached values stay on screen on PCs without the add-in (see the docstring)
    wb.set_calc_mode("auto", calc_id=191029)
    wb.calc_on_load = False
    wb.set_properties({
        "title": f"LKjIP {TAHUN} — {INSTANSI}",
        "subject": "Laporan Kinerja Instansi Pemerintah (workbook induk)",
        "author": "Kinerja",
        "company": INSTANSI,
        "comments": "Dibuat oleh workbooks/bangun_induk.py dari data contoh bidang",
        "created": WAKTU,
    })
    k = Konteks(wb, nilai or {})
    tulis_pengaturan(k, sumber or sumber_contoh())
    kunci = [kol.kunci for kol in skema.DATA_ANGGARAN.kolom]
    anggaran = [dict(zip(kunci, b, strict=True))
                for b in rencana.lembar[skema.DATA_ANGGARAN.nama]]
    kunci_ind = [kol.kunci for kol in skema.DATA_INDIKATOR.kolom]
    indikator = [dict(zip(kunci_ind, b, strict=True))
                 for b in rencana.lembar[skema.DATA_INDIKATOR.nama]]
    tulis_laporan(k, [a for a in anggaran if a["tahun"] == TAHUN], indikator, TAHUN)
    for ws in wb.worksheets()[1:]:
        ws.set_tab_color(WARNA_LAPORAN)
    for lembar in skema.LEMBAR_MILIK:
        tulis_lembar_milik(k, lembar, rencana.lembar[lembar.nama])
    wb.close()
    return path


def periksa_nilai(nilai: dict[str, dict[str, object]]) -> None:
    """Every formula must give a value: no error, no empty text (missing data says so in
    words). An empty result could not be cached faithfully either."""
    salah = [f"{lembar}!{sel} = {v!r}" for lembar, isi in nilai.items()
             for sel, v in isi.items() if isinstance(v, GalatExcel) or v == "" or v is None]
    if salah:
        raise BangunGagal("Rumus tanpa nilai yang sah: " + "; ".join(salah[:20]))


def bangun(path: Path | str = workbooks.INDUK, bidang=None, folder: Path | None = None) -> Path:
    """Build the master in two passes (see the module docstring); `bidang` and `folder`
    (the master's folder, holding their workbooks) for an example set other than
    workbooks/contoh/."""
    from addin.mesin import hitung_buku

    sumber = sumber_contoh(bidang, "") if bidang else None
    rencana = rencana_contoh(sumber, Path(folder) if folder else workbooks.FOLDER)
    with tempfile.TemporaryDirectory(prefix="kinerja-induk-") as d:
        awal = tulis_buku(Path(d) / Path(path).name, rencana, sumber=sumber)
        nilai = hitung_buku(awal)
    periksa_nilai(nilai)
    return tulis_buku(path, rencana, nilai, sumber)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(bangun(Path(args[0]) if args else workbooks.INDUK))
    return 0


if __name__ == "__main__":
    sys.exit(main())
