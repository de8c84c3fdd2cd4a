"""The live writer and the button, against the recording xlwings stand-in."""

from __future__ import annotations

import datetime as dt

from sync import skema
from sync.tombol import konsolidasi_buku, pengaturan_buku, ringkasan
from sync.tulis_langsung import baca_lembar_milik_buku, tulis_langsung
from tests.bidang_uji import anggaran, indikator, statistik, tulis_bidang
from tests.xlwings_palsu import Book

WAKTU = dt.datetime(2022, 1, 10, 9, 30)


def _plan():
    plan = skema.Plan()
    plan.lembar["Data Anggaran"] = [
        ["Sekretariat", "2.17.01.1.02.01", "PROGRAM", "KEGIATAN", "=SUB()", 2021, 6740784489,
         None, None, None, None, 5695937122, 0.845, "Anggaran!A4"],
        ["Sekretariat", "2.17.01.1.02.02", "PROGRAM", "KEGIATAN", "@Sub", 2021, 88810000,
         None, None, None, None, 53854000, 0.6064, "Anggaran!A5"]]
    return plan


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
    assert tulisan == [("value", "Data Anggaran", (1, 1), (1, 14)),
                       ("value", "Data Anggaran", (2, 1), (2, 14))]
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
    assert hasil.plan is not None
    ind = book.sheets["Data Indikator"]
    assert ind.range("A2", "B2").value == ["Sekretariat", "IK-01"]
    assert ind.nilai("M2") == (233, None)
    stat = book.sheets["Data Statistik"]
    assert [stat.nilai(f"F{r}")[0] for r in (2, 3, 4)] == [1014, 899, 1092]
    riwayat = book.sheets["Riwayat"].range("A2", "K2").value
    assert riwayat[:3] == ["2022-01-10 09:30:00", "perencana", 2021]
    assert ("screen_updating", False) in book.app.panggilan
    assert book.app.screen_updating is True  # restored
    assert "Konsolidasi selesai" in ringkasan(hasil)

    # the file pipeline builds the very same plan from the same configuration
    from sync.konsolidasi import rencanakan
    from sync.pengaturan import urai_pengaturan

    sel = book.sheets["Pengaturan"].used_range.value
    dari_berkas = rencanakan(urai_pengaturan("Pengaturan", sel), {}, dasar=tmp_path,
                             pengguna="perencana", waktu=WAKTU)
    assert dari_berkas.plan.lembar == hasil.plan.lembar


def test_button_refused_writes_nothing(tmp_path):
    book = _buku_dengan_pengaturan(tmp_path, [["Sekretariat", "", "tidak-ada.xlsx", "ya"]])
    sebelum = {s.name for s in book.sheets}
    hasil = konsolidasi_buku(book)
    assert hasil.plan is None and "tidak-ada.xlsx" in hasil.pesan
    assert {s.name for s in book.sheets} == sebelum
    assert not [p for p in book.app.panggilan if p[0] in ("value", "names.add")]
    assert "Tidak ada yang ditulis" in ringkasan(hasil)
