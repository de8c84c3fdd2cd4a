"""The five example bidang served as Google Sheets: the same consolidation as from files.

The loopback server holds each example workbook's cells the way the Sheets API's
UNFORMATTED_VALUE gives them (numbers as numbers, typed text as text); gspread,
google-auth and requests run unpatched against it.
"""

from __future__ import annotations

import datetime as dt

import pytest

import workbooks
from sync.induk import Induk
from sync.induk.pengaturan import Pengaturan, Sumber
from sync.konsolidasi import DITOLAK, DITULIS, SEBAGIAN, rencanakan
from sync.model import skema
from tests.sheets_lokal import ServerSheets, lembar_dari_xlsx
from tests.test_contoh_konsolidasi import BIDANG

WAKTU = dt.datetime(2022, 1, 10, 8, 0)


def _id(i: int) -> str:
    return f"1Kinerja{i}" + "x" * 30


def _spreadsheet(path) -> dict:
    """An example workbook as the server holds a spreadsheet (UNFORMATTED_VALUE cells)."""
    return {"title": path.stem, "sheets": lembar_dari_xlsx(path.read_bytes())}


@pytest.fixture
def server(monkeypatch):
    with ServerSheets() as s:
        for i, (_, alamat) in enumerate(BIDANG):
            s.tambah(_id(i), _spreadsheet(workbooks.FOLDER / alamat))
        monkeypatch.setenv("KINERJA_GOOGLE_ENDPOINT", s.url)
        monkeypatch.setenv("KINERJA_GOOGLE_TOKEN", s.beri_token("perencanaan@batam.go.id"))
        monkeypatch.delenv("KINERJA_GOOGLE_KREDENSIAL", raising=False)
        yield s


def _rencana(sumber):
    return rencanakan(Induk(Pengaturan(tahun=2021, sumber=sumber)), dasar=workbooks.FOLDER,
                      pengguna="uji", waktu=WAKTU)


def test_same_plan_as_from_files_two_requests_each(server):
    url = "https://docs.google.com/spreadsheets/d/{}/edit#gid=0"
    google = _rencana([Sumber(b, url.format(_id(i))) for i, (b, _) in enumerate(BIDANG)])
    berkas = _rencana([Sumber(b, a) for b, a in BIDANG])
    assert google.status == berkas.status == DITULIS, google.pesan
    for nama in ("Data Indikator", "Data Anggaran", "Data Statistik", "Riwayat"):
        assert google.rencana.lembar[nama] == berkas.rencana.lembar[nama], nama
    # findings are the same; only their source and links differ (Google links open the
    # sheet; Berkas is the address as configured)
    tanpa_tautan = [r[:-2] for r in google.rencana.lembar["Pemeriksaan"]]
    assert tanpa_tautan == [r[:-2] for r in berkas.rencana.lembar["Pemeriksaan"]]
    assert all(r[-2].startswith("https://docs.google.com/spreadsheets/d/1Kinerja")
               for r in google.rencana.lembar["Pemeriksaan"] if r[2] != "")
    assert all(r[-1].startswith("https://docs.google.com/spreadsheets/d/1Kinerja")
               for r in google.rencana.lembar["Pemeriksaan"] if r[2] != "")
    for i in range(len(BIDANG)):
        meta, p = server.permintaan_sheets(_id(i))  # tab titles and locale, then values
        assert meta.jalur == f"/v4/spreadsheets/{_id(i)}"
        assert p.jalur.endswith("/values:batchGet")
        assert p.query["valueRenderOption"] == ["UNFORMATTED_VALUE"]
        assert p.query["dateTimeRenderOption"] == ["SERIAL_NUMBER"]


def test_renamed_tab_two_requests_and_a_finding(server):
    ss = _spreadsheet(workbooks.FOLDER / BIDANG[0][1])
    ss["sheets"] = {("IKU" if k == "Indikator" else k): v for k, v in ss["sheets"].items()}
    server.tambah(_id(9), ss)
    h = _rencana([Sumber(BIDANG[0][0], _id(9))])
    assert h.status == DITULIS, h.pesan
    assert len(server.permintaan_sheets(_id(9))) == 2
    assert any("IKU" in t.pesan for t in h.temuan)


def test_not_shared_refuses_or_goes_stale(server):
    server.ganggu(_id(1), 403)
    sumber = [Sumber(b, _id(i)) for i, (b, _) in enumerate(BIDANG)]
    h = _rencana(sumber)
    assert h.status == DITOLAK and h.rencana is None
    assert BIDANG[1][0] in h.pesan and "bagikan" in h.pesan.lower()

    lama = {skema.DATA_INDIKATOR.nama: [[BIDANG[1][0], "IK-LAMA"] + [None] * 13]}
    server.ganggu(_id(1), 403)
    h = rencanakan(Induk(Pengaturan(tahun=2021, sumber=sumber), lama), sebagian=True,
                   pengguna="uji", waktu=WAKTU)
    assert h.status == SEBAGIAN and h.basi == [BIDANG[1][0]]
    kode = [r[1] for r in h.rencana.lembar["Data Indikator"] if r[0] == BIDANG[1][0]]
    assert kode == ["IK-LAMA"]  # the failed bidang keeps the rows the master had
    assert any(t.kode == "sumber_basi" and t.bidang == BIDANG[1][0] for t in h.temuan)
    assert h.rencana.lembar["Riwayat"][-1][9] == "sebagian"


def test_refused_google_run_leaves_the_master_byte_identical(server, tmp_path):
    import hashlib
    import shutil

    from sync.konsolidasi import konsolidasi

    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(workbooks.INDUK, induk)
    sebelum = hashlib.sha256(induk.read_bytes()).digest()
    for jenis in (404, 403):  # retried faults (429, 503) are covered in test_google_gagal
        server.ganggu(_id(2), jenis, kali=1)
        h = konsolidasi(induk, sumber=[Sumber(b, _id(i)) for i, (b, _) in enumerate(BIDANG)])
        assert h.status == DITOLAK and BIDANG[2][0] in h.pesan
        assert hashlib.sha256(induk.read_bytes()).digest() == sebelum
    h = konsolidasi(induk, sumber=[Sumber(b, _id(i)) for i, (b, _) in enumerate(BIDANG)])
    assert h.ditulis, h.pesan  # the faults were injected a bounded number of times


def test_indonesian_text_cells_from_an_indonesian_locale_sheet(server):
    judul = [k.judul for k in skema.INDIKATOR.kolom]
    server.tambah(_id(8), {"title": "Bidang ID", "locale": "in_ID", "sheets": {
        "Indikator": [["Data Indikator"], judul,
                      ["IK-1", "Nilai transaksi", "Rp", None, None, 2021, "1.234.567,89",
                       None, None, None, None, "Rp 1.000.000,50"],
                      ["IK-2", "Pertumbuhan omzet", "%", None, None, 2021, "17,39%",
                       None, None, None, None, "20,69%"]],
        "Anggaran": [[k.judul for k in skema.ANGGARAN.kolom]],
        "Statistik": [["Kode", "Uraian", "Satuan", 2021]]}})
    h = _rencana([Sumber("Bidang ID", _id(8))])
    assert h.status == DITULIS, h.pesan
    rows = {r[1]: r for r in h.rencana.lembar["Data Indikator"]}
    kolom = skema.DATA_INDIKATOR.judul
    t, r = kolom.index("Target"), kolom.index("Realisasi")
    assert rows["IK-1"][t] == 1234567.89 and rows["IK-1"][r] == 1000000.5
    assert rows["IK-2"][t] == pytest.approx(0.1739) and rows["IK-2"][r] == pytest.approx(0.2069)
