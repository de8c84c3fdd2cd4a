"""Reading the master's owned rows back, the change summary for --coba, and a round
trip of the project's own master workbook."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import xlsxwriter
from conftest import AKAR
from tulis_bantu import bagian, harapan, plan_contoh

from sync.induk.lembar_lama import baca_lembar_milik, nilai_sel, serial_excel
from sync.model.skema import DATA_INDIKATOR, NAMA_LEMBAR_MILIK, Rencana
from sync.model.tolak import TulisDitolak
from sync.rencana.perubahan import Perubahan, bandingkan_lembar, kunci_lembar, perubahan_per_lembar
from sync.tulis.berkas import tulis_berkas
from sync.tulis.susun import susun

INDUK = AKAR / "workbooks" / "LKjIP-2021.xlsx"


def test_baca_setelah_tulis(tmp_path):
    p = tmp_path / "m.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    wb.add_worksheet("Laporan")
    wb.close()
    rencana = plan_contoh()
    p.write_bytes(susun(p.read_bytes(), rencana).data)
    dibaca = baca_lembar_milik(p)
    assert set(dibaca) == set(NAMA_LEMBAR_MILIK)
    for nama, baris in rencana.lembar.items():
        assert list(dibaca[nama]) == [[harapan(v) for v in r] for r in baris]


def test_baca_hanya_lembar_yang_ada_dan_bentuk_baris(tmp_path):
    p = tmp_path / "m.xlsx"
    wb = xlsxwriter.Workbook(str(p))
    ws = wb.add_worksheet("riwayat")  # matched case-insensitively, as Excel does
    ws.write_row(0, 0, ["Waktu", "Pengguna"])
    ws.write_row(1, 0, ["2024-01-02", "staf", 2024.0, "x", 1, 2, 3, 0, 0, "ok", "k", 4, 0, 1,
                       2.5, "c.xlsx", "lebih"])
    ws.write_row(2, 0, ["baris pendek"])
    ws.write_datetime(3, 0, dt.datetime(2024, 3, 1, 12), wb.add_format({"num_format": "yyyy"}))
    ws.write_blank(6, 0, None, wb.add_format({"bold": True}))
    grafik = wb.add_chart({"type": "line"})
    grafik.add_series({"values": "=riwayat!$C$2:$C$3"})
    wb.add_chartsheet("Pemeriksaan").set_chart(grafik)
    wb.close()
    dibaca = baca_lembar_milik(p)
    assert list(dibaca) == ["Riwayat"]  # the chartsheet named Pemeriksaan is not read
    r = dibaca["Riwayat"]
    assert r[0] == ["2024-01-02", "staf", 2024, "x", 1, 2, 3, 0, 0, "ok", "k", 4, 0, 1,
                    2.5, "c.xlsx"]  # cut to Riwayat's 16 columns
    assert r[1] == ["baris pendek"] + [None] * 15
    assert r[2][0] == 45352.5  # a date comes back as the serial number the cell holds
    assert len(r) == 3  # trailing blank rows dropped


def test_baca_tolak_bukan_xlsx(tmp_path):
    p = tmp_path / "x.xlsx"
    p.write_bytes(b"bukan")
    with pytest.raises(TulisDitolak, match="bukan berkas Excel"):
        baca_lembar_milik(p)


@pytest.mark.parametrize("nilai, serial", [
    (dt.datetime(2023, 3, 15, 12), 45000.5), (dt.date(1900, 3, 1), 61),
    (dt.date(1900, 2, 28), 59), (dt.date(1900, 1, 1), 1), (dt.time(6), 0.25),
    (dt.timedelta(days=1, hours=12), 1.5), (dt.datetime(1899, 12, 30, 6), 0.25),
])
def test_serial_excel(nilai, serial):
    assert serial_excel(nilai) == serial


def test_serial_excel_1904():
    assert serial_excel(dt.datetime(1907, 5, 19, 12), tanggal_1904=True) == 1234.5


def test_nilai_sel():
    assert [nilai_sel(v) for v in ["", None, "a", True, 3.0, 2.5, 2**60 * 1.0]] == \
        [None, None, "a", True, 3, 2.5, 2**60 * 1.0]
    assert type(nilai_sel(3.0)) is int


def test_perubahan_berkunci():
    lama = [["B", "IK-1", "a", "%", "positif", "", 2024, 10],
            ["B", "IK-2", "b", "%", None, None, 2024, 20],
            ["B", "IK-3", "c", "%", None, None, 2024, 30]]
    baru = [["B", "IK-1", "a", "%", "positif", None, 2024, 10.0],  # same ("" is blank)
            ["B", "IK-2", "b", "%", None, None, 2024, 25],         # changed
            ["B", "IK-4", "d", "%", None, None, 2024, 40],         # added
            ["B", "IK-2", "b", "%", None, None, 2025, 1]]          # added (other year)
    assert bandingkan_lembar("Data Indikator", lama, baru) == Perubahan(
        lama=3, baru=4, sama=1, diubah=1, ditambah=2, dihapus=1)


def test_perubahan_abaikan_periksa_dan_hitungan():
    """Periksa and Hitungan follow this run's findings, not the bidang's data: a row that
    differs only there is unchanged (a refresh of one bidang renumbers the findings)."""
    kolom = [k.kunci for k in DATA_INDIKATOR.kolom]
    i_periksa, i_hitungan, i_real = (kolom.index(k) for k in ("periksa", "hitungan",
                                                              "realisasi"))
    baris = [None] * len(kolom)
    baris[:3], baris[kolom.index("tahun")] = ["B", "IK-1", "a"], 2024
    baris[i_real] = 5
    lama = [list(baris)]
    baru = list(baris)
    baru[i_periksa], baru[i_hitungan] = 12, 0.5
    assert bandingkan_lembar("Data Indikator", lama, [baru]) == Perubahan(1, 1, 1, 0, 0, 0)
    assert kunci_lembar("Data Indikator", lama, [baru]) == {
        "ditambah": [], "dihapus": [], "diubah": []}
    baru[i_real] = 6  # a real change is still one
    assert bandingkan_lembar("Data Indikator", lama, [baru]) == Perubahan(1, 1, 0, 1, 0, 0)
    assert kunci_lembar("Data Indikator", lama, [baru])["diubah"] == ["B: IK-1 (2024)"]


def test_perubahan_tanpa_kunci_dan_bool():
    lama = [["2024", "a", 1], ["2024", "b", 1]]
    baru = [["2024", "a", True], ["2024", "b", 1], ["2025", "c", 1]]
    assert bandingkan_lembar("Riwayat", lama, baru) == Perubahan(
        lama=2, baru=3, sama=1, diubah=1, ditambah=1, dihapus=0)


def test_perubahan_per_lembar():
    rencana = Rencana({"Riwayat": [["x"]], "Pemeriksaan": []})
    hasil = perubahan_per_lembar({"Pemeriksaan": [[1, "galat"]]}, rencana)
    assert hasil["Riwayat"] == Perubahan(0, 1, 0, 0, 1, 0)
    assert hasil["Pemeriksaan"] == Perubahan(1, 0, 0, 0, 0, 1)


def test_induk_proyek_pulang_pergi(tmp_path):
    """The shipped master: its own rows written back read the same, only owned sheet
    parts and workbook.xml change, and a new Riwayat row lands at the end."""
    salinan = tmp_path / INDUK.name
    salinan.write_bytes(INDUK.read_bytes())
    lama = baca_lembar_milik(salinan)
    assert set(lama) == set(NAMA_LEMBAR_MILIK) and lama["Data Indikator"]
    riwayat = list(lama["Riwayat"]) + [["2024-12-31 10:00", "uji", 2021, "contoh", 1, 2, 3, 0, 0,
                                  "berhasil", "", 0, 0, 0, 1.5, ""]]
    rencana = Rencana({**lama, "Riwayat": riwayat})
    perubahan = perubahan_per_lembar(lama, rencana)
    assert perubahan["Riwayat"].ditambah == 1
    assert all(p.diubah == p.ditambah == p.dihapus == 0 for n, p in perubahan.items()
               if n != "Riwayat")
    hasil = tulis_berkas(salinan, rencana)
    assert {n: list(b) for n, b in baca_lembar_milik(salinan).items()} == {
        **{n: list(b) for n, b in lama.items()},
        "Riwayat": [[None if v == "" else v for v in r] for r in riwayat]}
    sebelum, sesudah = bagian(INDUK.read_bytes()), bagian(salinan.read_bytes())
    beda = {n for n in sebelum if sebelum[n] != sesudah.get(n)}
    urutan = openpyxl.load_workbook(INDUK, read_only=True).sheetnames  # sheetN: N-th sheet
    milik = {f"xl/worksheets/sheet{urutan.index(n) + 1}.xml" for n in NAMA_LEMBAR_MILIK}
    assert beda <= milik | {"xl/workbook.xml"} and sebelum.keys() == sesudah.keys()
    assert hasil.lembar_baru == []


def _acuan_baris(sel, lebar, t1904):
    """Rows 2.. cell by cell through nilai_sel, cut or padded, trailing blank rows dropped."""
    hasil = [[nilai_sel(v, t1904) for v in r[:lebar]] + [None] * (lebar - len(r[:lebar]))
             for r in sel[1:]]
    while hasil and all(v is None for v in hasil[-1]):
        hasil.pop()
    return hasil


def _sama_persis(hasil, acuan):
    baris = list(hasil)
    assert [[repr(v) for v in r] for r in baris] == [[repr(v) for v in r] for r in acuan]
    assert [[type(v) for v in r] for r in baris] == [[type(v) for v in r] for r in acuan]


NILAI_SEL = ["", None, "a", True, False, 3.0, -3.0, 2.5, 2.0**53, -(2.0**53), 2.0**60,
             float("nan"), float("inf"), 0.0, -0.0, 7, dt.datetime(2024, 3, 1, 12),
             dt.date(2024, 3, 1), dt.time(6), dt.timedelta(hours=6)]


def test_kolom_data_sama_dengan_nilai_sel_per_sel():
    """kolom_data's column fast paths give what nilai_sel gives cell by cell."""
    from sync.induk.lembar_lama import kolom_data

    nilai = NILAI_SEL
    sel = [["judul"], nilai, nilai[::-1]]
    for t1904 in (False, True):
        _sama_persis(kolom_data(sel, len(nilai), t1904), _acuan_baris(sel, len(nilai), t1904))


@pytest.mark.parametrize("kolom", [
    [1.0, 2.0, -0.0, 2.0**53 - 1],            # whole numbers: int in C
    [1.0, 2.0**53, 3.0], [1.0, -(2.0**53)],     # too large to be exact: float
    [1.0, float("nan")], [1.0, float("inf")], [1.0, 2.5],
    ["a", "", "b"], ["", ""], [None, "x"], ["a", "b"],  # text: '' is blank
    ["a", 1.0, "", None, True, 0.5], [dt.date(2024, 1, 2), 1.0, ""],
])
def test_kolom_data_per_jenis_kolom(kolom):
    from sync.induk.lembar_lama import kolom_data

    sel = [["judul", "x", "y"]] + [[v, "t", v] for v in kolom]
    for akhir in ([], [["", "", ""]]):  # with and without a blank row (and '' in each column)
        for lebar in (1, 3, 5):  # cut, whole, padded
            _sama_persis(kolom_data(sel + akhir, lebar), _acuan_baris(sel + akhir, lebar, False))


def test_kolom_data_baris_tak_rata_dan_kosong():
    from sync.induk.lembar_lama import kolom_data

    sel = [["j"], ["a", 1.0], [], ["b"], ["", None, ""], [None]]
    _sama_persis(kolom_data(sel, 3), _acuan_baris(sel, 3, False))
    assert list(kolom_data(sel, 3)) == [["a", 1, None], [None, None, None], ["b", None, None]]
    assert len(kolom_data([["j"]], 4)) == 0 and len(kolom_data([], 4)) == 0
    assert len(kolom_data([["j"], ["", None]], 2)) == 0


def test_kolom_normal_sama_dengan_normal_per_sel():
    """perubahan's column fast paths give what _normal gives cell by cell."""
    from sync.rencana.perubahan import _kolom_normal, _normal

    kolom = [[1, 2.5, None, 3.0], ["a", "", None, "b\nc"], ["a\x01b", "", "x"],
             ["x" * 40_000, "y"], [True, 1, None], ["a", 1, None, False], [None, None], []]
    for k in kolom:
        assert _kolom_normal(list(k)) == [_normal(v) for v in k], k


def test_sudah_bersih_sama_dengan_bersihkan_teks_per_sel():
    """The column check says 'unchanged' exactly when bersihkan_teks changes no text."""
    from sync.model.sel import MAKS_TEKS, bersihkan_teks, sudah_bersih

    kolom = [[], ["a", "b\nc\td\r"], ["a", "b\x0bc"], ["\ud800"], ["\ufffe", "x"], ["\x00"],
             ["x" * MAKS_TEKS], ["x" * (MAKS_TEKS + 1), "y"], ["é€𝄞", "\x1f"]]
    for k in kolom:
        assert sudah_bersih(k) == all(bersihkan_teks(t) == t for t in k), k
