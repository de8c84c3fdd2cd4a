"""The five example bidang workbooks built from the seed report.

Expected numbers are the seed's (tests/data/lkjip-2021-dinas-koperasi-batam.txt), with the
table and line they come from; the files are read back with python-calamine,
as the consolidation reads them.
"""

from __future__ import annotations

import re
from collections import Counter

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

import workbooks
from sync.model import skema
from workbooks import bangun_contoh

# Chapter I (1.3, l.115-119): the bidang of the organisation, one file each.
BERKAS = {
    "01-sekretariat.xlsx": "Sekretariat",
    "02-izin-usp-ksp.xlsx": "Bidang Izin USP/KSP, Pengawasan dan Pemeriksaan",
    "03-penilaian-kesehatan.xlsx": "Bidang Penilaian Kesehatan USP/KSP",
    "04-koperasi.xlsx": "Bidang Pemberdayaan dan Perlindungan Koperasi",
    "05-usaha-mikro.xlsx": "Bidang Pemberdayaan dan Pengembangan Usaha Mikro",
}
AREA = {"01": "SEK", "02": "USP", "03": "KES", "04": "KOP", "05": "UM"}  # Indikator Kode prefix
TAHUN_CONTOH = list(range(2015, 2027))  # Tabel 3.7 starts at 2015, Tabel 2.5 ends at 2026

# Tabel 3.8 ("TABEL 3.4" in the text), TOTAL row l.1053
PAGU_TOTAL = 9_896_127_789
REALISASI_TOTAL = 8_087_157_045
SISA_TOTAL = 1_808_970_744
SERAPAN_TOTAL = 0.8172          # printed 81.72
SUB_KEGIATAN = 21               # distinct lines of Tabel 3.8 (l.1010-1052), see docs

# Deliberate (Kode, Tahun) duplicates across bidang, documented in docs/dev/data-contoh.md.
GANDA_SENGAJA: set[tuple[str, int]] = set()


def _baca(nama: str) -> dict[str, list[list[object]]]:
    wb = CalamineWorkbook.from_path(str(workbooks.CONTOH / nama))
    return {t.nama: wb.get_sheet_by_name(t.nama).to_python() for t in skema.TABS}


@pytest.fixture(scope="module")
def semua() -> dict[str, dict[str, list[list[object]]]]:
    return {nama: _baca(nama) for nama in BERKAS}


def _baris(tab_sel: list[list[object]], tab: skema.Tab) -> list[dict]:
    """Data rows (from row 4) as {column key: value}, Statistik years under 'tahunan'."""
    kepala = tab_sel[2]
    n = len(tab.kolom)
    hasil = []
    for r in tab_sel[3:]:
        if all(v == "" for v in r):
            continue
        d = {k.kunci: (None if r[i] == "" else r[i]) for i, k in enumerate(tab.kolom)}
        if tab.tahun_kolom:
            d["tahunan"] = {int(kepala[i]): r[i] for i in range(n, len(kepala)) if r[i] != ""}
        hasil.append(d)
    return hasil


def _tab(semua, nama_tab: str) -> list[tuple[str, dict]]:
    tab = next(t for t in skema.TABS if t.nama == nama_tab)
    return [(berkas, b) for berkas, isi in semua.items() for b in _baris(isi[nama_tab], tab)]


def _deret(semua) -> dict[str, dict[int, object]]:
    return {b["kode"]: b["tahunan"] for _, b in _tab(semua, "Statistik")}


def _indikator(semua, kode: str) -> dict[int, dict]:
    return {int(b["tahun"]): b for _, b in _tab(semua, "Indikator") if b["kode"] == kode}


def test_lima_berkas_satu_per_bidang():
    assert sorted(p.name for p in workbooks.CONTOH.glob("*.xlsx")) == sorted(BERKAS)


@pytest.mark.parametrize("nama", BERKAS)
def test_tata_letak_sama_dengan_templat(semua, nama):
    for tab in skema.TABS:
        sel = semua[nama][tab.nama]
        assert sel[1][:2] == ["Bidang", BERKAS[nama]]      # bidang name in the title rows
        kepala = [v for v in sel[2] if v != ""]
        assert kepala[:len(tab.kolom)] == [k.judul for k in tab.kolom]
        assert [int(v) for v in kepala[len(tab.kolom):]] == (
            TAHUN_CONTOH if tab.tahun_kolom else [])
    assert openpyxl.load_workbook(workbooks.CONTOH / nama).sheetnames == [
        "Indikator", "Anggaran", "Statistik", "Petunjuk"]


def test_anggaran_sama_dengan_total_tabel_3_8(semua):
    baris = [b for _, b in _tab(semua, "Anggaran")]
    kode = [b["kode"] for b in baris]
    assert len(kode) == len(set(kode)) == SUB_KEGIATAN         # each sub-activity once
    pagu = sum(int(b["pagu"]) for b in baris)
    realisasi = sum(int(b["realisasi"]) for b in baris)
    assert pagu == PAGU_TOTAL
    assert realisasi == REALISASI_TOTAL
    assert pagu - realisasi == SISA_TOTAL
    assert round(realisasi / pagu, 4) == SERAPAN_TOTAL
    assert {int(b["tahun"]) for b in baris} == {2021}


def test_kegiatan_yang_tercetak_dua_kali_hanya_sekali(semua):
    """Tabel 3.8 prints the cooperative training (l.1045, l.1049) and the micro-business
    empowerment (l.1046, l.1050) twice; the files hold each once."""
    baris = {b["kode"]: b for _, b in _tab(semua, "Anggaran")}
    diklat = [b for b in baris.values() if int(b["pagu"]) == 214_429_500]
    pemberdayaan = [b for b in baris.values() if int(b["pagu"]) == 335_370_000]
    assert len(diklat) == 1 and int(diklat[0]["realisasi"]) == 207_936_840
    assert len(pemberdayaan) == 1 and int(pemberdayaan[0]["realisasi"]) == 251_134_400


@pytest.mark.parametrize(("kode", "pagu", "realisasi", "sisa", "fisik"), [
    ("2.17.01.2.02.01", 6_740_784_489, 5_695_937_122, 1_044_847_367, 0.8450),  # l.1010-1011
    ("2.17.01.2.07.06", 239_818_500, 220_388_000, 19_430_500, 0.9190),         # l.1026-1027
    ("2.17.04.2.01.01", 151_199_500, 0, 151_199_500, 0.0),                     # l.1044
    ("2.17.08.2.01.01", 393_054_000, 384_118_500, 8_935_500, 0.9773),          # l.1051
])
def test_baris_anggaran_dari_seed(semua, kode, pagu, realisasi, sisa, fisik):
    b = {b["kode"]: b for _, b in _tab(semua, "Anggaran")}[kode]
    assert int(b["pagu"]) == pagu and int(b["realisasi"]) == realisasi
    assert pagu - realisasi == sisa
    assert b["fisik"] == pytest.approx(fisik)


def test_anggaran_di_bidang_yang_menjalankannya(semua):
    program = Counter((berkas[:2], b["kode"][:7]) for berkas, b in _tab(semua, "Anggaran"))
    assert program == {("01", "2.17.01"): 16, ("03", "2.17.04"): 1, ("04", "2.17.05"): 1,
                       ("05", "2.17.05"): 1, ("05", "2.17.07"): 1, ("05", "2.17.08"): 1}


def test_kode_tahun_unik_di_semua_bidang(semua):
    for nama_tab in ("Indikator", "Anggaran"):
        kunci = Counter((b["kode"], int(b["tahun"])) for _, b in _tab(semua, nama_tab))
        ganda = {k for k, n in kunci.items() if n > 1}
        assert ganda == GANDA_SENGAJA, nama_tab
    kode_deret = Counter(b["kode"] for _, b in _tab(semua, "Statistik"))
    assert [k for k, n in kode_deret.items() if n > 1] == []


def test_pola_kode(semua):
    for berkas, b in _tab(semua, "Indikator"):
        assert re.fullmatch(rf"IK-{AREA[berkas[:2]]}-\d{{2}}", b["kode"]), b["kode"]
    for _, b in _tab(semua, "Anggaran"):           # SIPD: urusan 2.17, program, 2.kegiatan, sub
        assert re.fullmatch(r"2\.17\.0[1-8]\.2\.\d{2}\.\d{2}", b["kode"]), b["kode"]
    for _, b in _tab(semua, "Statistik"):
        assert re.fullmatch(r"ST(-[A-Z0-9]+)+", b["kode"]), b["kode"]


def test_pilihan_dan_acuan_rumus_sah(semua):
    deret = _deret(semua)
    for nama_tab in ("Indikator", "Statistik"):
        for _, b in _tab(semua, nama_tab):
            if nama_tab == "Indikator":
                assert b["arah"] in skema.ARAH and b["sifat"] in skema.SIFAT
            if b["rumus"] is None:
                assert b["acuan"] is None
                continue
            assert b["rumus"] in skema.RUMUS
            acuan = b["acuan"].split("/")
            assert len(acuan) == (2 if b["rumus"] == "rasio" else 1), b["kode"]
            assert all(a in deret for a in acuan), b["acuan"]


def test_tabel_2_3_tetap_teks_seperti_tercetak(semua):
    # Tabel 3.3 l.921 (Tabel 2.3 l.764-767 wraps the same cells)
    tercetak = {2016: "240,310,486", 2017: "112,503,553,626", 2018: "86,934,125,323",
                2019: "218,401,065,307", 2020: "259.515.461.246"}
    assert _deret(semua)["ST-KOP-VOLUME"] == tercetak
    ws = openpyxl.load_workbook(workbooks.CONTOH / "04-koperasi.xlsx")["Statistik"]
    baris = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "ST-KOP-VOLUME")
    teks = [c for c in baris[len(skema.STATISTIK.kolom):] if c.value is not None]
    assert [c.data_type for c in teks] == ["s"] * 5


def test_kontradiksi_seed_tetap_ada(semua):
    """The inconsistencies listed in docs/dev/domain.md stay in the data for the audit to find."""
    deret = _deret(semua)
    kop01 = _indikator(semua, "IK-KOP-01")
    # Tabel 3.7 l.991-994: stated 21.29%, 24.29%, 24.2% beside 207/1052, 222/1072, 233/1092
    for tahun, tertulis, aktif, jumlah in [(2019, 0.2129, 207, 1052), (2020, 0.2429, 222, 1072),
                                           (2021, 0.2420, 233, 1092)]:
        assert kop01[tahun]["realisasi"] == pytest.approx(tertulis)
        assert (deret["ST-KOP-AKTIF-RPJMD"][tahun], deret["ST-KOP-RPJMD"][tahun]) == (aktif,
                                                                                    jumlah)
        assert abs(tertulis - aktif / jumlah) > 0.01
        assert (kop01[tahun]["rumus"], kop01[tahun]["acuan"]) == (
            "rasio", "ST-KOP-AKTIF-RPJMD/ST-KOP-RPJMD")
    # 2018 active cooperatives: Tabel 2.2 l.748 says 238, its text l.740 says 228,
    # Tabel 3.5 l.964 and Tabel 3.7 l.992 say 232
    assert deret["ST-KOP-AKTIF"][2018] == 238
    assert deret["ST-KOP-AKTIF-NASKAH"][2018] == 228
    assert deret["ST-KOP-AKTIF-RPJMD"][2018] == 232
    assert _indikator(semua, "IK-KOP-02")[2018]["realisasi"] == 232
    # 2020: Tabel 3.5 l.964 says 223 active, Tabel 3.7 l.992 says 222
    assert _indikator(semua, "IK-KOP-02")[2020]["realisasi"] == 223
    assert deret["ST-KOP-AKTIF-RPJMD"][2020] == 222
    # micro businesses: Tabel 2.4 l.786 gives 1194 (2019) and 1462 (2020); the text l.772
    # says the 2020 increase is 232, while 1462 - 1194 = 268
    assert deret["ST-UM"][2020] - deret["ST-UM"][2019] == 268
    assert deret["ST-UM-TAMBAH"][2020] == 232


def test_tabel_2_5_omzet(semua):
    """Tabel 2.5 l.818: 259,515,461,246 (2020) grown by 20%..25% gives 876,448,684,919 (2026)."""
    deret = _deret(semua)
    assert deret["ST-KOP-OMZET-TGT"][2021] == 311_418_553_495
    assert deret["ST-KOP-OMZET-TGT"][2026] == 876_448_684_919
    assert deret["ST-OMZET"][2020] == 288_278_966_246            # Tabel 2.6 l.847
    assert deret["ST-UM-OMZET"][2020] == 28_763_505_000          # Tabel 2.6 l.851
    for th in range(2021, 2027):  # the combined target is the sum of its two parts
        assert deret["ST-OMZET-TGT"][th] == pytest.approx(
            deret["ST-KOP-OMZET-TGT"][th] + deret["ST-UM-OMZET-TGT"][th], abs=0.005)


def test_bangun_ulang_identik(tmp_path):
    for path in bangun_contoh.bangun(tmp_path):
        assert path.read_bytes() == (workbooks.CONTOH / path.name).read_bytes(), path.name
