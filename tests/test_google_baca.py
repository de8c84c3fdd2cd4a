"""Reading bidang spreadsheets through gspread against the loopback Sheets server.

gspread, google-auth and requests run unpatched; only the endpoint differs.
"""

from __future__ import annotations

import pytest

from sync.model import skema
from sync.model.mentah import SumberGagal, SumberMentah
from sync.model.temuan import PERINGATAN
from sync.sumber.google import baca_google, baca_satu, judul_dari_range
from sync.sumber.google_http import Pembatas, PengaturanGoogle
from tests.sheets_lokal import ServerSheets, gid

ID_A = "1AaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaA"
ID_B = "1BbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbB"

JUDUL_IND = ["Kode", "Indikator", "Satuan", "Arah", "Sifat", "Tahun", "Target",
             "Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV",
             "Realisasi", "Keterangan"]
# Cells as UNFORMATTED_VALUE gives them: numbers as numbers, text typed in Indonesian
# style stays text, a formula error as its text, a date as its serial number.
INDIKATOR = [
    ["LAPORAN KINERJA BIDANG PERDAGANGAN TAHUN 2024"],
    [],
    JUDUL_IND,
    ["IK-01", "Persentase pasar rakyat yang dibina", "%", "positif", "kumulatif", 2024,
     0.85, 0.2, 0.21, None, None, 0.41],
    ["IK-02", "Nilai transaksi pasar lelang", "Rp", None, "akhir", 2024,
     "1.234.567,89", "17,39%", "Rp 5,695,937,122.00", "#DIV/0!", 45292, 1234567.89, None, None],
    ["IK-03", "Koperasi aktif", "koperasi", "negatif", "rata", 2024, 120, None, None, None,
     None, None, "data sementara", True],
]
ANGGARAN = [
    ["Kode", "Program", "Kegiatan", "Sub Kegiatan", "Tahun", "Pagu"],
    ["2.17.01.2.02.01", "Program A", "Kegiatan A", "Sub A", 2024, 1808970744],
]
STATISTIK = [["Kode", "Uraian", "Satuan", 2022, 2023, 2024], ["ST-KOP", "Koperasi", "unit", 10]]

# What the source hands on: interior blanks as None, trailing blanks trimmed.
INDIKATOR_DIBACA = [
    ["LAPORAN KINERJA BIDANG PERDAGANGAN TAHUN 2024"],
    [],
    JUDUL_IND,
    ["IK-01", "Persentase pasar rakyat yang dibina", "%", "positif", "kumulatif", 2024,
     0.85, 0.2, 0.21, None, None, 0.41],
    ["IK-02", "Nilai transaksi pasar lelang", "Rp", None, "akhir", 2024,
     "1.234.567,89", "17,39%", "Rp 5,695,937,122.00", "#DIV/0!", 45292, 1234567.89],
    ["IK-03", "Koperasi aktif", "koperasi", "negatif", "rata", 2024, 120, None, None, None,
     None, None, "data sementara", True],
]


@pytest.fixture
def server():
    with ServerSheets() as s:
        yield s


@pytest.fixture
def token(server):
    return server.beri_token("staf@example.go.id")


def atur(server, **ubah) -> PengaturanGoogle:
    nilai = dict(endpoint=server.url, waktu_sambung=2.0, waktu_baca=5.0, percobaan=3,
                 jeda_awal=0.01, acak=0.0)
    nilai.update(ubah)
    return PengaturanGoogle(**nilai)


def env_token(token, tmp_path) -> dict:
    return {"KINERJA_GOOGLE_TOKEN": token, "XDG_CONFIG_HOME": str(tmp_path)}


def test_baca_memberi_baris_persis_dengan_dua_permintaan(server, token, tmp_path):
    """The metadata (locale, tab titles and gids, hidden rows), then one batchGet of
    exactly the template tabs found."""
    server.tambah(ID_A, {"title": "Bidang Perdagangan", "locale": "id_ID",
                         "sheets": {"Petunjuk": [["Isi tab di bawah"]], "Indikator": INDIKATOR,
                                    "Anggaran": ANGGARAN, "Statistik": STATISTIK}})
    alamat = f"https://docs.google.com/spreadsheets/d/{ID_A}/edit#gid=0"

    hasil = baca_satu("Bidang Perdagangan", alamat, pengaturan=atur(server),
                      env=env_token(token, tmp_path))

    assert isinstance(hasil, SumberMentah)
    assert (hasil.bidang, hasil.alamat, hasil.jenis) == ("Bidang Perdagangan", alamat, "google")
    assert list(hasil.tabs) == ["Indikator", "Anggaran", "Statistik"]
    assert hasil.tabs["Indikator"].sel == INDIKATOR_DIBACA
    assert hasil.tabs["Anggaran"].sel == ANGGARAN
    assert hasil.tabs["Statistik"].sel == STATISTIK
    assert {t.nama for t in hasil.tabs.values()} == {"Indikator", "Anggaran", "Statistik"}
    assert hasil.temuan == []
    # every link opens its tab (gid from the metadata; the first tab's gid is 0)
    assert hasil.tabs["Indikator"].tautan == (
        f"https://docs.google.com/spreadsheets/d/{ID_A}/edit#gid={gid('Indikator', 1)}")
    assert hasil.tabs["Statistik"].tautan_sel("C5").endswith(
        f"#gid={gid('Statistik', 3)}&range=C5")

    meta, p = server.permintaan_sheets()
    assert (meta.metode, meta.jalur) == ("GET", f"/v4/spreadsheets/{ID_A}")
    assert "locale" in meta.query["fields"][0] and "rowData" not in meta.query["fields"][0]
    assert (p.metode, p.jalur) == ("GET", f"/v4/spreadsheets/{ID_A}/values:batchGet")
    assert p.query == {"ranges": ["'Indikator'", "'Anggaran'", "'Statistik'"],
                       "valueRenderOption": ["UNFORMATTED_VALUE"],
                       "dateTimeRenderOption": ["SERIAL_NUMBER"],
                       "majorDimension": ["ROWS"]}
    assert p.akun == "staf@example.go.id"  # the bearer token was checked
    assert all(k.lower() != "authorization" for k in p.header)


def test_tab_kosong_tanpa_values(server, token, tmp_path):
    server.tambah(ID_A, {"title": "A", "sheets": {"Indikator": [[None, None], []],
                                                  "Anggaran": [], "Statistik": [[""]]}})
    hasil = baca_satu("A", ID_A, pengaturan=atur(server), env=env_token(token, tmp_path))
    assert [t.sel for t in hasil.tabs.values()] == [[], [], []]


def test_server_memberi_bentuk_jawaban_api(server, token):
    """The loopback server's own shapes: A1 ranges of the whole grid, trimmed rows,
    `values` absent when empty, text cells as text whatever the locale."""
    import requests

    server.tambah(ID_A, {"title": "A", "locale": "id_ID",
                         "sheets": {"Indikator": [["a", None, None], [1.5, "17,39%"]],
                                    "Data Lama": [], "Statistik": [[None]]}})
    jawab = requests.get(
        f"{server.url}/v4/spreadsheets/{ID_A}/values:batchGet",
        params={"ranges": ["'Indikator'", "'Data Lama'", "Statistik!A1:B2"],
                "valueRenderOption": "UNFORMATTED_VALUE"},
        headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
    assert jawab["valueRanges"] == [
        {"range": "Indikator!A1:Z1000", "majorDimension": "ROWS",
         "values": [["a"], [1.5, "17,39%"]]},
        {"range": "'Data Lama'!A1:Z1000", "majorDimension": "ROWS"},
        {"range": "Statistik!A1:B2", "majorDimension": "ROWS"},
    ]
    formatted = requests.get(
        f"{server.url}/v4/spreadsheets/{ID_A}/values/Indikator",
        headers={"Authorization": f"Bearer {token}"}, timeout=5).json()
    assert formatted["values"] == [["a"], ["1,5", "17,39%"]]  # FORMATTED_VALUE, id_ID
    salah = requests.get(
        f"{server.url}/v4/spreadsheets/{ID_A}/values:batchGet",
        params={"ranges": "'Anggaran'"}, headers={"Authorization": f"Bearer {token}"},
        timeout=5)
    assert salah.status_code == 400
    assert salah.json() == {"error": {"code": 400,
                                      "message": "Unable to parse range: 'Anggaran'",
                                      "status": "INVALID_ARGUMENT"}}
    tanpa = requests.get(f"{server.url}/v4/spreadsheets/{ID_A}", timeout=5)
    assert tanpa.status_code == 403
    palsu = requests.get(f"{server.url}/v4/spreadsheets/{ID_A}",
                         headers={"Authorization": "Bearer ya29.palsu"}, timeout=5)
    assert palsu.json()["error"]["status"] == "UNAUTHENTICATED"


def test_tab_berganti_nama_hanya_tab_yang_perlu_diambil(server, token, tmp_path):
    server.tambah(ID_A, {
        "title": "Bidang Koperasi",
        "sheets": {"Petunjuk": [["baca dulu"]], "IKU": INDIKATOR, " anggaran ": ANGGARAN,
                   "Data Statistik": [["Kode", "Uraian"], ["ST-1", "#DIV/0!", None, 3]],
                   "Arsip 2019": [["besar"] * 20] * 900},
        "tersembunyi": {"IKU": {1, 4}},
    })

    hasil = baca_satu("Bidang Koperasi", ID_A, pengaturan=atur(server),
                      env=env_token(token, tmp_path))

    assert hasil.tabs["Indikator"].nama == "IKU"
    assert hasil.tabs["Indikator"].sel == INDIKATOR_DIBACA
    assert hasil.tabs["Indikator"].baris_tersembunyi == frozenset({1, 4})
    assert hasil.tabs["Anggaran"].nama == " anggaran "
    assert hasil.tabs["Anggaran"].sel == ANGGARAN
    assert hasil.tabs["Statistik"].sel == [["Kode", "Uraian"], ["ST-1", "#DIV/0!", None, 3]]
    # the metadata gives each tab's gid: links open the tab and the cell
    gid_iku = gid("IKU", 1)
    assert hasil.tabs["Indikator"].tautan_sel("G7") == (
        f"https://docs.google.com/spreadsheets/d/{ID_A}/edit#gid={gid_iku}&range=G7")

    temuan = {t.tab: t for t in hasil.temuan}
    assert set(temuan) == {"Indikator", "Anggaran", "Statistik"}
    assert all(t.tingkat == PERINGATAN and t.kode == "tab_nama_lain" for t in hasil.temuan)
    assert temuan["Indikator"].nilai == "IKU"
    assert "dipakai tab 'IKU'" in temuan["Indikator"].pesan
    assert temuan["Indikator"].tautan == hasil.tabs["Indikator"].tautan

    meta, batch = server.permintaan_sheets()
    assert meta.jalur == f"/v4/spreadsheets/{ID_A}"
    assert "rowMetadata" in meta.query["fields"][0]
    # only the three tabs found: not Petunjuk, not the large archive tab
    assert batch.jalur.endswith("/values:batchGet")
    assert batch.query["ranges"] == ["'IKU'", "' anggaran '", "'Data Statistik'"]


def test_tab_yang_tidak_ada_dilaporkan(server, token, tmp_path):
    server.tambah(ID_A, {"title": "A", "sheets": {"Indikator": INDIKATOR, "Lain": [["x"]]}})
    hasil = baca_satu("A", ID_A, pengaturan=atur(server), env=env_token(token, tmp_path))
    assert list(hasil.tabs) == ["Indikator"]
    assert hasil.tabs["Indikator"].nama == "Indikator"
    hilang = [t for t in hasil.temuan if t.kode == "tab_tidak_ada"]
    assert [t.tab for t in hilang] == ["Anggaran", "Statistik"]
    assert "Tab yang ada: Indikator, Lain" in hilang[0].pesan
    assert len(server.permintaan_sheets()) == 2


def test_tanpa_satu_pun_tab_templat_gagal(server, token, tmp_path):
    server.tambah(ID_A, {"title": "A", "sheets": {"Sheet1": [["x"]]}})
    with pytest.raises(SumberGagal) as e:
        baca_satu("Bidang A", ID_A, pengaturan=atur(server), env=env_token(token, tmp_path))
    assert e.value.bidang == "Bidang A"
    assert "tidak memuat tab templat" in e.value.pesan and "Sheet1" in e.value.pesan


def test_endpoint_dan_token_dari_lingkungan(server, token, tmp_path, monkeypatch):
    server.tambah(ID_A, {"title": "A", "sheets": {t.nama: [["Kode"]] for t in skema.TABS}})
    monkeypatch.setenv("KINERJA_GOOGLE_ENDPOINT", server.url + "/")
    monkeypatch.setenv("KINERJA_GOOGLE_TOKEN", token)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    [hasil] = baca_google([("A", ID_A)])
    assert isinstance(hasil, SumberMentah)
    assert hasil.tabs["Indikator"].sel == [["Kode"]]
    assert len(server.permintaan_sheets(ID_A)) == 2


def test_endpoint_tanpa_https_ditolak(server, token, tmp_path):
    pengaturan = atur(server, endpoint="http://sheets.contoh.go.id")
    with pytest.raises(SumberGagal) as e:
        baca_satu("A", ID_A, pengaturan=pengaturan, env=env_token(token, tmp_path))
    assert "https://" in e.value.pesan
    assert server.permintaan == []


def test_beberapa_spreadsheet_serentak_urutan_tetap(server, token, tmp_path):
    daftar = []
    for i in range(6):
        id_ = f"1Spreadsheet{i:02d}xxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        server.tambah(id_, {"title": f"Bidang {i}",
                            "sheets": {t.nama: [["Kode"], [f"{t.nama}-{i}"]] for t in skema.TABS}})
        daftar.append((f"Bidang {i}", f"https://docs.google.com/spreadsheets/d/{id_}/edit"))
    daftar.insert(3, ("Bidang Salah", "1TidakAdaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))
    server.serentak(3)  # each request waits until three are in flight at once

    hasil = baca_google(daftar, pengaturan=atur(server, paralel=3), env=env_token(token, tmp_path))

    assert not server.rintangan_gagal, "spreadsheet tidak dibaca serentak"
    assert [h.bidang for h in hasil] == [b for b, _ in daftar]
    assert [h.alamat for h in hasil] == [a for _, a in daftar]
    assert isinstance(hasil[3], SumberGagal) and "tidak ditemukan" in hasil[3].pesan
    baik = [h for h in hasil if isinstance(h, SumberMentah)]
    assert len(baik) == 6
    for i, h in enumerate(baik):
        assert h.tabs["Anggaran"].sel == [["Kode"], [f"Anggaran-{i}"]]
    assert len(server.permintaan_sheets()) == 6 * 2 + 1  # the missing one: its metadata only


def test_pembatas_kuota_per_menit():
    jam = [0.0]
    tidur = []

    def maju(detik):
        tidur.append(detik)
        jam[0] += detik

    pembatas = Pembatas(3, 60.0, jam=lambda: jam[0], tidur=maju)
    tunggu = [pembatas.ambil() for _ in range(3)]
    assert tunggu == [0.0, 0.0, 0.0] and tidur == []
    jam[0] = 10.0
    assert pembatas.ambil() == 50.0  # the first slot frees at t=60
    assert tidur == [50.0]
    # at t=60 the three first slots have left the window: two more go at once
    assert [pembatas.ambil(), pembatas.ambil()] == [0.0, 0.0]
    assert pembatas.ambil() == 60.0  # then the window is full again until t=120
    assert tidur == [50.0, 60.0]


def test_kuota_dibagi_antar_spreadsheet(server, token, tmp_path):
    """Three spreadsheets (two requests each), a quota of four a minute, one at a time:
    the fifth request waits a minute."""
    jam = [0.0]
    tidur = []

    def maju(detik):
        tidur.append(detik)
        jam[0] += detik

    id_c = "1Cccccccccccccccccccccccccccccccccccccccccc"
    for id_ in (ID_A, ID_B, id_c):
        server.tambah(id_, {"title": id_, "sheets": {t.nama: [["Kode"]] for t in skema.TABS}})
    pengaturan = atur(server, per_menit=4, paralel=1, jam=lambda: jam[0], tidur=maju)
    hasil = baca_google([("A", ID_A), ("B", ID_B), ("C", id_c)],
                        pengaturan=pengaturan, env=env_token(token, tmp_path))
    assert all(isinstance(h, SumberMentah) for h in hasil)
    assert tidur == [60.0]
    assert len(server.permintaan_sheets()) == 6


@pytest.mark.parametrize("a1, judul", [
    ("Indikator!A1:Z1000", "Indikator"),
    ("'Data Lama'!A1:Z1000", "Data Lama"),
    ("'Bidang''s'!A1:B2", "Bidang's"),
    ("'A!B'!A1", "A!B"),
])
def test_judul_dari_range(a1, judul):
    assert judul_dari_range(a1) == judul
