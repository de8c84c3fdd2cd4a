"""Google Sheets addresses: the forms staff paste, and the links we build back."""

from __future__ import annotations

import pytest

from sync.model.mentah import TabMentah
from sync.sumber.google_alamat import AlamatTidakSah, adalah_google, id_spreadsheet, tautan_tab

ID = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms"


@pytest.mark.parametrize("alamat", [
    f"https://docs.google.com/spreadsheets/d/{ID}/edit#gid=0",
    f"https://docs.google.com/spreadsheets/d/{ID}/edit?usp=sharing",
    f"https://docs.google.com/spreadsheets/d/{ID}/edit?gid=123456#gid=123456",
    f"https://docs.google.com/spreadsheets/d/{ID}",
    f"https://docs.google.com/spreadsheets/d/{ID}/",
    f"https://docs.google.com/spreadsheets/u/0/d/{ID}/edit",
    f"https://docs.google.com/spreadsheets/u/1/d/{ID}/htmlview",
    f"https://docs.google.com/spreadsheets/d/{ID}/htmlview",
    f"https://docs.google.com/a/dinas.go.id/spreadsheets/d/{ID}/edit",
    f"docs.google.com/spreadsheets/d/{ID}/edit",
    f"  https://docs.google.com/spreadsheets/d/{ID}/edit#gid=0  ",
    ID,
])
def test_bentuk_alamat_yang_dikenal(alamat):
    assert id_spreadsheet(alamat) == ID
    assert adalah_google(alamat)


@pytest.mark.parametrize("alamat, potongan", [
    ("https://docs.google.com/spreadsheets/d/e/2PACX-1vQabcdefghijklmnopqrstuvwxyz/pubhtml",
     "Publikasikan ke web"),
    (f"https://drive.google.com/drive/folders/{ID}", "folder atau halaman Google Drive"),
    (f"https://docs.google.com/document/d/{ID}/edit", "bukan alamat Google Sheets"),
    (f"https://example.com/spreadsheets/d/{ID}/edit", "bukan alamat Google Sheets"),
    ("https://docs.google.com/spreadsheets/d/pendek/edit", "'pendek') terlalu pendek"),
    ("https://docs.google.com/spreadsheets/d/1BxiMVs0XRA5nF!dKvBdBZjg/edit", "tidak lengkap"),
    ("staf.renbang@batam.go.id", "adalah alamat e-mail, bukan alamat spreadsheet"),
    ("https://onedrive.live.com/edit?id=ABC123", "alamat web lain tidak dapat dibaca"),
    ("data/bidang_a.xlsx", "bukan alamat Google Sheets"),
    ("", "bukan alamat Google Sheets"),
])
def test_alamat_lain_ditolak_dengan_pesan_jelas(alamat, potongan):
    with pytest.raises(AlamatTidakSah) as e:
        id_spreadsheet(alamat)
    assert potongan in str(e.value)


def test_berkas_lokal_bukan_google():
    assert not adalah_google("data/bidang_a.xlsx")
    assert not adalah_google(r"C:\Laporan\Bidang A.xlsx")
    assert adalah_google("https://docs.google.com/spreadsheets/d/e/2PACX-x/pubhtml")


@pytest.mark.parametrize("alamat", [
    "https://docs.google.com/spreadsheets/d/pendek/edit",
    "staf.renbang@batam.go.id",
    "https://onedrive.live.com/edit?id=ABC123",
    "HTTPS://contoh.go.id/bidang.xlsx",
])
def test_yang_bukan_path_dibawa_ke_pembaca_google_yang_menolaknya(alamat):
    """What cannot be a file path but was meant as an address goes to the Google
    reader, which refuses it naming it (not "berkas tidak ditemukan: /folder/https:/...")."""
    assert adalah_google(alamat)
    with pytest.raises(AlamatTidakSah) as e:
        id_spreadsheet(alamat)
    assert f"'{alamat}'" in str(e.value)


def test_tautan_sel_membuka_sel_bila_gid_diketahui():
    tab = TabMentah("Indikator", [], tautan=tautan_tab(ID, 906172151))
    assert tab.tautan_sel("G7") == (
        f"https://docs.google.com/spreadsheets/d/{ID}/edit#gid=906172151&range=G7")
    assert TabMentah("X", [], tautan=tautan_tab(ID, 0)).tautan_sel("A1").endswith(
        "/edit#gid=0&range=A1")


def test_tanpa_gid_tautan_membuka_spreadsheet_saja():
    # a range without the tab's gid would open the first tab: link to the spreadsheet
    tab = TabMentah("Indikator", [], tautan=tautan_tab(ID, None))
    assert tab.tautan == f"https://docs.google.com/spreadsheets/d/{ID}/edit"
    assert tab.tautan_sel("G7") == tab.tautan
    assert TabMentah("Indikator", []).tautan_sel("G7") == ""
