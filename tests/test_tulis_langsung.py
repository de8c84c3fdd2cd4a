"""The live writer and the button, against the recording xlwings stand-in."""

from __future__ import annotations

import datetime as dt

import pytest

from sync.induk import Induk
from sync.model import skema
from sync.tombol import konsolidasi_buku, pengaturan_buku, ringkasan
from sync.tulis.langsung import baca_lembar_milik_buku, tulis_langsung
from tests.bidang_uji import anggaran, indikator, statistik, tulis_bidang
from tests.xlwings_palsu import Book

WAKTU = dt.datetime(2022, 1, 10, 9, 30)


def _plan():
    rencana = skema.Rencana()
    rencana.lembar["Data Anggaran"] = [
        ["Sekretariat", "2.17.01.1.02.01", "PROGRAM", "KEGIATAN", "=SUB()", 2021, 6740784489,
         None, None, None, None, 5695937122, 0.845, None,
         "Anggaran!A4"],
        ["Sekretariat", "2.17.01.1.02.02", "PROGRAM", "KEGIATAN", "@Sub", 2021, 88810000,
         None, None, None, None, 53854000, 0.6064, None,
         "Anggaran!A5"]]
    return rencana


def test_adds_missing_sheet_writes_rows_as_text_and_defines_names():
    book = Book("C:/LKjIP/LKjIP-2021.xlsx")
    book.isi("Tabel 3.8", [["laporan kantor"]])
    hasil = tulis_langsung(book, _plan())
    assert hasil == {"Data Anggaran": 2}
    assert [s.name for s in book.sheets] == ["Tabel 3.8", "Data Anggaran"]
    s = book.sheets["Data Anggaran"]
    assert s.range("A1", "C1").value == ["Bidang", "Kode", "Program"]
    assert s.nilai("E2") == ("=SUB()", None)  # text, not a formula
    assert s.nilai("E3") == ("@Sub", None)
    assert s.nilai("G2") == (6740784489, None)
    assert s.range("G2").number_format == skema.F_UANG_XL
    assert book.names["Ang_Pagu"].refers_to == "='Data Anggaran'!$G$2:$G$3"
    assert book.names["Ang_Kode"].refers_to_range.value == ["2.17.01.1.02.01", "2.17.01.1.02.02"]
    # one bulk write for the data, one for the header: COM calls cost milliseconds each
    tulisan = [p for p in book.app.panggilan if p[0] == "value"]
    n = len(skema.DATA_ANGGARAN.kolom)
    assert tulisan == [("value", "Data Anggaran", (1, 1), (1, n)),
                       ("value", "Data Anggaran", (2, 1), (2, n))]
    assert book.sheets["Tabel 3.8"].nilai("A1") == ("laporan kantor", None)  # untouched


def test_rewrites_existing_sheet_and_clears_old_rows():
    book = Book("LKjIP.xlsx")
    lama = [[*skema.DATA_ANGGARAN.judul]] + [["Lama", f"K{i}"] + [None] * 12 for i in range(5)]
    book.isi("Data Anggaran", lama)
    assert len(baca_lembar_milik_buku(book)["Data Anggaran"]) == 5
    tulis_langsung(book, _plan())
    s = book.sheets["Data Anggaran"]
    assert s.nilai("A3") == ("Sekretariat", None)
    assert all(s.nilai(f"B{r}") == (None, None) for r in range(4, 7))
    assert baca_lembar_milik_buku(book)["Data Anggaran"][1][1] == "2.17.01.1.02.02"
    assert book.names["Ang_Pagu"].refers_to == "='Data Anggaran'!$G$2:$G$3"


def _buku_dengan_pengaturan(tmp_path, sumber_rows):
    book = Book(str(tmp_path / "LKjIP-2021.xlsx"))
    book.isi("Pengaturan", [["Pengaturan Kinerja"], [], ["Tahun Laporan", 2021], [],
                            ["Bidang", "Singkatan", "Alamat", "Aktif"], *sumber_rows])
    return book


def test_button_runs_the_same_pipeline_into_the_open_workbook(tmp_path):
    tulis_bidang(tmp_path / "sekretariat.xlsx", bidang="Sekretariat",
                 indikator_rows=[indikator(target=1092, realisasi=233)],
                 anggaran_rows=[anggaran(pagu=6_740_784_489, realisasi=5_695_937_122)],
                 statistik_rows=[statistik("ST-01", "Jumlah koperasi", "koperasi",
                                           {2019: 1014, 2020: 899, 2021: 1092})])
    book = _buku_dengan_pengaturan(tmp_path, [["Sekretariat", "Sekr", "sekretariat.xlsx", "ya"]])
    conf = pengaturan_buku(book)
    assert conf.tahun == 2021 and [s.alamat for s in conf.sumber] == ["sekretariat.xlsx"]

    hasil = konsolidasi_buku(book, pengguna="perencana", waktu=WAKTU)
    assert hasil.rencana is not None
    ind = book.sheets["Data Indikator"]
    assert ind.range("A2", "B2").value == ["Sekretariat", "IK-01"]
    assert ind.nilai("M2") == (233, None)
    stat = book.sheets["Data Statistik"]
    assert [stat.nilai(f"F{r}")[0] for r in (2, 3, 4)] == [1014, 899, 1092]
    riwayat = book.sheets["Riwayat"].range("A2", "K2").value
    # a date serial (2022-01-10 = 44571 days after 1899-12-30; 09:30 = 0.395833 of a day)
    assert riwayat[0] == pytest.approx(44571 + 9.5 / 24) and riwayat[1:3] == ["perencana", 2021]
    assert ("screen_updating", False) in book.app.panggilan
    assert book.app.screen_updating is True  # restored
    assert "Konsolidasi selesai" in ringkasan(hasil)

    # the file pipeline builds the very same plan from the same configuration
    from sync.induk.pengaturan import urai_pengaturan
    from sync.konsolidasi import rencanakan

    sel = book.sheets["Pengaturan"].used_range.value
    dari_berkas = rencanakan(Induk(urai_pengaturan("Pengaturan", sel)), dasar=tmp_path,
                             pengguna="perencana", waktu=WAKTU)
    assert dari_berkas.rencana.lembar == hasil.rencana.lembar


def test_button_refused_writes_nothing(tmp_path):
    book = _buku_dengan_pengaturan(tmp_path, [["Sekretariat", "", "tidak-ada.xlsx", "ya"]])
    sebelum = {s.name for s in book.sheets}
    hasil = konsolidasi_buku(book)
    assert hasil.rencana is None and "tidak-ada.xlsx" in hasil.pesan
    assert {s.name for s in book.sheets} == sebelum
    assert not [p for p in book.app.panggilan if p[0] in ("value", "names.add")]
    assert "Tidak ada yang ditulis" in ringkasan(hasil)


# --- Excel as it behaves (issue 13): text re-parsed, calculation, events, names ----------------

def _buku() -> Book:
    """A workbook as Excel has one: never without a sheet."""
    book = Book("C:/LKjIP/LKjIP-2021.xlsx")
    book.isi("Laporan", [["laporan kantor"]])
    return book


TEKS_RAWAN = ["01", "1.10", "1/2", "#N/A", "TRUE", "=SUB()", "-x", "+62 812", "50%", "1e3",
              "2022-01-10 09:30:00", "'kutip", "@Sub", " 007 "]


def _plan_teks():
    rencana = skema.Rencana()
    rencana.lembar["Data Statistik"] = [
        ["Sekretariat", kode, f"Uraian {kode}", "unit", 2021, 1.5, None, "Statistik!A4"]
        for kode in TEKS_RAWAN]
    return rencana


def test_teks_tetap_teks_seperti_penulis_berkas():
    book = _buku()
    tulis_langsung(book, _plan_teks())
    s = book.sheets["Data Statistik"]
    kode = [s.nilai(f"B{r}") for r in range(2, 2 + len(TEKS_RAWAN))]
    assert kode == [(t, None) for t in TEKS_RAWAN]  # no number, date, error or formula
    assert s.nilai("E2") == (2021.0, None) and s.nilai("F2") == (1.5, None)
    baca = baca_lembar_milik_buku(book)["Data Statistik"]
    assert [r[1] for r in baca] == TEKS_RAWAN


def test_teks_tetap_teks_di_kolom_berformat_teks_pengguna():
    """A user formatted the Kode column as Text ("@"): the apostrophe must not end up
    in the value, so the writer sets the column's format before writing."""
    book = _buku()
    s = book.isi("Data Statistik", [list(skema.DATA_STATISTIK.judul), ["Lama", "X"]])
    s.range("B1", "B50").number_format = "@"
    tulis_langsung(book, _plan_teks())
    assert [s.nilai(f"B{r}")[0] for r in range(2, 2 + len(TEKS_RAWAN))] == TEKS_RAWAN
    assert s.nilai("A1") == ("Bidang", None)


def test_kalkulasi_manual_dan_peristiwa_mati_selama_menulis():
    book = _buku()
    app = book.app
    tulis_langsung(book, _plan())
    p = app.panggilan
    tulis = [i for i, c in enumerate(p) if c[0] in ("value", "clear_contents", "names.add")]
    assert p.index(("calculation", "manual")) < tulis[0]
    assert p.index(("enable_events", False)) < tulis[0]
    assert p.index(("calculation", "automatic")) > tulis[-1]
    assert p.index(("enable_events", True)) > tulis[-1]
    assert app.hitung_ulang == 1      # the one recalculation when automatic comes back
    assert app.peristiwa == 0         # no Worksheet_Change per write
    assert (app.calculation, app.enable_events, app.screen_updating) == ("automatic", True, True)


def test_tanpa_pengaman_setiap_tulisan_menghitung_ulang():
    """The stand-in counts what the guard saves: each write recalculates in automatic mode."""
    book = _buku()
    book.sheets.add("X").range("A1").value = [["a", "b"]]
    book.names.add("N", "=X!$A$1")
    assert book.app.hitung_ulang == 2 and book.app.peristiwa == 2


def test_kalkulasi_manual_pengguna_dibiarkan_manual_dihitung_sekali():
    """The user's manual mode is kept, and the report is computed once over the new
    data all the same (Application.Calculate), never showing the old figures."""
    book = _buku()
    book.app.calculation = "manual"
    book.app.panggilan.clear()
    tulis_langsung(book, _plan())
    assert book.app.calculation == "manual" and book.app.hitung_ulang == 1
    assert book.app.panggilan[-2:] in ([("calculation", "manual"), ("calculate",)],
                                       [("calculate",), ("screen_updating", True)])


def test_galat_di_tengah_menulis_memulihkan_excel():
    from tests.xlwings_palsu import GagalTulis

    book = _buku()
    book.app.gagal_setelah = 1  # the second value write fails (a protected sheet)
    try:
        tulis_langsung(book, _plan())
    except GagalTulis:
        pass
    else:
        raise AssertionError("the write should have failed")
    app = book.app
    assert (app.calculation, app.enable_events, app.screen_updating) == ("automatic", True, True)


def test_lembar_dicari_tanpa_membedakan_huruf_besar():
    book = _buku()
    lama = book.isi("data anggaran", [list(skema.DATA_ANGGARAN.judul), ["Lama", "K1"]])
    tulis_langsung(book, _plan())
    assert [s.name for s in book.sheets] == ["Laporan", "data anggaran"]  # no second one
    assert lama.nilai("A2") == ("Sekretariat", None)
    assert book.names["Ang_Pagu"].refers_to == "='data anggaran'!$G$2:$G$3"
    assert len(baca_lembar_milik_buku(book)["Data Anggaran"]) == 2


def test_stand_in_menolak_nama_lembar_ganda():
    book = _buku()
    book.sheets.add("Data Anggaran")
    try:
        book.sheets.add("DATA ANGGARAN")
    except ValueError as e:
        assert "already present" in str(e)
    else:
        raise AssertionError("xlwings refuses a duplicate sheet name")


def test_kolom_pengguna_di_kanan_tidak_dihapus():
    book = _buku()
    n = len(skema.DATA_ANGGARAN.kolom)
    rows = [list(skema.DATA_ANGGARAN.judul) + ["Catatan saya"]]
    rows += [["Lama", f"K{i}"] + [None] * (n - 2) + [f"catatan {i}"] for i in range(5)]
    s = book.isi("Data Anggaran", rows)
    tulis_langsung(book, _plan())
    kolom_pengguna = huruf = chr(ord("A") + n)
    assert [s.nilai(f"{huruf}{r}")[0] for r in range(1, 7)] == [
        "Catatan saya"] + [f"catatan {i}" for i in range(5)]
    assert kolom_pengguna == "P"  # 15 owned columns, A-O
    assert s.nilai("B6") == (None, None)  # old owned rows below the new ones are cleared


def test_lembar_baru_lebar_dan_judul_tebal():
    book = _buku()
    tulis_langsung(book, _plan())
    s = book.sheets["Data Anggaran"]
    n = len(skema.DATA_ANGGARAN.kolom)
    assert [s.lebar[c] for c in range(1, n + 1)] == [k.lebar for k in skema.DATA_ANGGARAN.kolom]
    assert all((1, c) in s.tebal for c in range(1, n + 1))
    assert (2, 1) not in s.tebal
    # one call per run of equal widths, not one per column
    assert len([p for p in book.app.panggilan if p[0] == "column_width"]) < 14


def test_angka_kembali_sebagai_float():
    book = _buku()
    tulis_langsung(book, _plan())
    baris = baca_lembar_milik_buku(book)["Data Anggaran"][0]
    assert baris[6] == 6740784489.0 and type(baris[6]) is float and type(baris[5]) is float


def test_tombol_sama_dengan_penulis_berkas(tmp_path):
    """The button's sheet values equal the plan rows the file writer writes (text as text)."""
    tulis_bidang(tmp_path / "sekretariat.xlsx", bidang="Sekretariat",
                 indikator_rows=[indikator(kode="01", target=1092, realisasi=233)],
                 anggaran_rows=[anggaran(pagu=6_740_784_489, realisasi=5_695_937_122)],
                 statistik_rows=[statistik("1.10", "Jumlah koperasi", "koperasi",
                                           {2020: 899, 2021: 1092})])
    book = _buku_dengan_pengaturan(tmp_path, [["Sekretariat", "Sekr", "sekretariat.xlsx", "ya"]])
    hasil = konsolidasi_buku(book, pengguna="perencana", waktu=WAKTU)
    dibaca = baca_lembar_milik_buku(book)
    for nama, rows in hasil.rencana.lembar.items():
        harap = [[None if v == "" else (float(v) if type(v) is int else v) for v in r]
                 for r in rows]
        assert dibaca[nama] == harap, nama
