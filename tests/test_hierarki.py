"""The performance hierarchy: template columns, their checks, old templates, and the
master's tables built on it (Tabel 2.6, 2.7, 2.8, 3.10 and the Analisis sheet).

Expected figures come from the seed (tests/data/lkjip-2021-dinas-koperasi-batam.txt,
cited by table and line) or are worked by hand below from the seed's numbers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

import workbooks
from addin import mesin
from addin.galat import GalatExcel
from sync.induk import Induk
from sync.induk.pengaturan import Pengaturan
from sync.konsolidasi import DITULIS, konsolidasi, rencanakan
from sync.model import skema
from sync.periksa.hierarki import periksa_hierarki, pisah_kode
from sync.periksa.uji import urai_sumber
from sync.sumber.lokal import baca_lokal
from sync.tulis.templat import tulis_buku
from workbooks.bangun_induk import sumber_contoh
from workbooks.data_contoh import USAHA_MIKRO
from workbooks.laporan.dasar import BELUM

DATA = Path(__file__).parent / "data"
TEMPLAT_LAMA = DATA / "templat-bidang-lama.xlsx"      # the template before the hierarchy
CONTOH_LAMA = DATA / "contoh-lama-05-usaha-mikro.xlsx"  # the example bidang 05 made with it
HIERARKI = ("Tujuan RPJMD", "Sasaran RPJMD", "Tujuan", "Sasaran", "Program", "Kegiatan")


def _judul(path: Path, tab: str = "Indikator") -> list[str]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        for row in wb[tab].iter_rows(max_row=6, values_only=True):
            if "Kode" in row:
                return [v for v in row if v]
    finally:
        wb.close()
    raise AssertionError("no header row")


def test_templat_punya_kolom_hierarki_dan_templat_lama_tidak():
    assert all(j in _judul(workbooks.TEMPLAT) for j in HIERARKI)
    assert not any(j in _judul(TEMPLAT_LAMA) for j in HIERARKI)
    assert not any(j in _judul(CONTOH_LAMA) for j in HIERARKI)


def test_pisah_kode():
    assert pisah_kode("2.17.03; 2.17.04") == ["2.17.03", "2.17.04"]
    assert pisah_kode(" 2.17.05 ,2.17.07\n") == ["2.17.05", "2.17.07"]
    assert pisah_kode(None) == [] and pisah_kode("  ") == []


def _bidang(tmp_path: Path, baris: list[dict], anggaran: list[dict] = ()) -> list:
    dasar = {"indikator": "Jumlah usaha mikro yang dibina", "satuan": "usaha mikro",
             "target": 10, "realisasi": 8}
    path = tulis_buku(tmp_path / "b.xlsx", bidang="Uji", isi={
        "Indikator": [{**dasar, **b} for b in baris], "Anggaran": list(anggaran)})
    d = urai_sumber(baca_lokal("Uji", str(path)), 2021)
    return d, periksa_hierarki([d], 2021)


ANGGARAN = [{"kode": "2.17.07.2.01.01", "program": "P", "kegiatan": "K", "sub_kegiatan": "S",
             "tahun": 2021, "pagu": 100, "realisasi": 50}]


def test_kode_salah_bentuk_adalah_galat_yang_menyebut_sel(tmp_path):
    _, temuan = _bidang(tmp_path, [{"kode": "IK-1", "tahun": 2021, "program": "2.17.07; 217x"}],
                        ANGGARAN)
    (t,) = temuan
    assert (t.tingkat, t.kode, t.tab) == ("galat", "program_bukan_kode", "Indikator")
    kolom = _judul(tmp_path / "b.xlsx").index("Program")
    assert t.sel == f"Indikator!{openpyxl.utils.get_column_letter(kolom + 1)}4"
    assert "'217x'" in t.pesan


def test_kode_tanpa_anggaran_dan_kegiatan_program_lain_diperingatkan(tmp_path):
    _, temuan = _bidang(tmp_path, [
        {"kode": "IK-1", "tahun": 2021, "program": "2.17.07; 2.17.03",
         "kegiatan": "2.17.07.2.01"},
        {"kode": "IK-2", "tahun": 2021, "program": "2.17.03", "kegiatan": "2.17.07.2.01"},
    ], ANGGARAN)
    jenis = sorted((t.tingkat, t.kode, t.sel.split("!")[1][-1]) for t in temuan)
    assert jenis == [("peringatan", "kegiatan_lain_program", "5"),
                     ("peringatan", "program_tanpa_anggaran", "4"),
                     ("peringatan", "program_tanpa_anggaran", "5")]


def test_hierarki_berbeda_antar_tahun_diperingatkan_sekali_per_kode(tmp_path):
    _, temuan = _bidang(tmp_path, [
        {"kode": "IK-1", "tahun": 2020, "sasaran": "A"},
        {"kode": "IK-1", "tahun": 2021, "sasaran": "B"},
        {"kode": "IK-1", "tahun": 2022},   # blank rows are allowed
    ])
    (t,) = temuan
    assert t.kode == "hierarki_berbeda" and "Sasaran" in t.pesan and t.sel.endswith("5")


def test_satu_bidang_tanpa_cek_anggaran(tmp_path):
    """`kinerja templat periksa` checks one bidang: budget codes may be another's."""
    path = tulis_buku(tmp_path / "b.xlsx", bidang="Uji", isi={"Indikator": [
        {"kode": "IK-1", "indikator": "x", "satuan": "%", "tahun": 2021,
         "program": "2.17.03"}]})
    d = urai_sumber(baca_lokal("Uji", str(path)), 2021)
    assert periksa_hierarki([d], 2021, semua_bidang=False) == []
    assert [t.kode for t in periksa_hierarki([d], 2021)] == ["program_tanpa_anggaran"]


@pytest.fixture(scope="module")
def rencana_contoh():
    h = rencanakan(Induk(Pengaturan(tahun=2021, sumber=sumber_contoh())),
                   dasar=workbooks.FOLDER)
    assert h.status == DITULIS, h.pesan
    return h


def test_contoh_membawa_hierarki_seed(rencana_contoh):
    """Tabel 2.8 (l.873-876): IK-KOP-03 under programs 2.17.03 and 2.17.04, IK-UM-04 under
    2.17.06; Tabel 2.6 (l.846): the RPJMD goal 1.2 and target 1.2.2."""
    kolom = [k.kunci for k in skema.DATA_INDIKATOR.kolom]
    rows = {(r[1], r[6]): dict(zip(kolom, r, strict=True))
            for r in rencana_contoh.rencana.lembar["Data Indikator"]}
    assert rows[("IK-KOP-03", 2021)]["program"] == "2.17.03; 2.17.04"
    assert rows[("IK-UM-04", 2020)]["program"] == "2.17.06"
    assert rows[("IK-SEK-01", 2020)]["tujuan_rpjmd"].startswith("1.2. Meningkatkan Perekonomian")
    assert rows[("IK-SEK-01", 2020)]["sasaran_rpjmd"].startswith("1.2.2. Meningkatnya peran")
    assert rows[("IK-KOP-02", 2016)]["sasaran"] is None  # not linked: left blank
    # the seed links two programs that have no budget line in 2021 (Tabel 3.8)
    temuan = sorted((t.sel, t.nilai) for t in rencana_contoh.temuan
                    if t.kode == "program_tanpa_anggaran")
    assert [n for _, n in temuan] == ["2.17.03; 2.17.04", "2.17.06"]
    assert not [t for t in rencana_contoh.temuan
                if t.kode in ("program_bukan_kode", "kegiatan_bukan_kode", "hierarki_berbeda",
                              "kegiatan_lain_program")]


def test_contoh_lama_tanpa_hierarki_tetap_dikonsolidasi(tmp_path):
    """The usaha-mikro example as the old template made it: consolidated as before, its
    indicators carry no hierarchy, no hierarchy finding is raised for them."""
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    shutil.copyfile(CONTOH_LAMA, tmp_path / "contoh" / "05-usaha-mikro.xlsx")
    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(workbooks.INDUK, induk)
    h = konsolidasi(induk, pengguna="uji")
    assert h.ditulis, h.pesan
    um = "Bidang Pemberdayaan dan Pengembangan Usaha Mikro"
    assert not [t for t in h.temuan if t.bidang == um and ("program" in t.kode
                                                          or "hierarki" in t.kode)]
    kolom = [k.kunci for k in skema.DATA_INDIKATOR.kolom]
    rows = [dict(zip(kolom, r, strict=True)) for r in h.rencana.lembar["Data Indikator"]]
    um_rows = [r for r in rows if r["bidang"] == um]
    assert len(um_rows) == sum(len(i.tahun) for i in USAHA_MIKRO.indikator)
    assert all(r[k] is None for r in um_rows for k in ("tujuan", "sasaran", "program",
                                                       "kegiatan"))
    # the tables built on the hierarchy still compute: the old bidang's rows say "-"
    # (no hierarchy) or "data belum ada" (no linked budget), never an error
    nilai: dict[str, dict[str, object]] = {}
    for s in mesin.hitung(induk, semua=True):
        nilai.setdefault(s.lembar, {})[s.sel] = s.nilai
    for lembar in ("Tabel 2.6", "Tabel 2.7", "Tabel 2.8", "Tabel 3.10", "Analisis Indikator"):
        assert not [a for a, v in nilai[lembar].items()
                    if isinstance(v, GalatExcel) or v == ""], lembar
    b = _baris(nilai, "Tabel 3.10", "IK-UM-01")
    assert (b["E"], b["D"]) == ("Jumlah usaha mikro yang dibina", "-")  # no Sasaran any more


def test_tiada_templat_lama_periksa(tmp_path):
    """The old, empty template still passes `kinerja templat periksa`."""
    from sync.cli import main

    assert main(["templat", "periksa", str(TEMPLAT_LAMA), "--tahun", "2021"]) == 0


# --- the master's tables ------------------------------------------------------------------

@pytest.fixture(scope="module")
def induk():
    """Every cell of the shipped master with its computed value."""
    nilai: dict[str, dict[str, object]] = {}
    for s in mesin.hitung(workbooks.INDUK, semua=True):
        nilai.setdefault(s.lembar, {})[s.sel] = s.nilai
    return nilai


def _baris(induk, lembar: str, kode: str) -> dict[str, object]:
    """Column letter -> value of the row whose column A holds `kode`."""
    (r,) = {a[1:] for a, v in induk[lembar].items() if a.startswith("A") and v == kode}
    return {a[:-len(r)]: v for a, v in induk[lembar].items() if a[-len(r):] == r
            and a[:-len(r)].isalpha()}


def test_tabel_2_6_seperti_seed(induk):
    """Tabel 2.6 (l.846-852): the 2020 figures of the three indicators and their turnover."""
    for kode, nilai in (("IK-SEK-01", 0.1739), ("ST-OMZET", 288_278_966_246),
                        ("IK-KOP-03", 0.1880), ("ST-KOP-VOLUME", 259_515_461_246),
                        ("IK-UM-04", 0.1598), ("ST-UM-OMZET", 28_763_505_000)):
        assert _baris(induk, "Tabel 2.6", kode)["G"] == pytest.approx(nilai), kode
    # 2021: the Renstra targets of Tabel 2.5 (l.802, l.808, l.823, l.818)
    assert _baris(induk, "Tabel 2.6", "IK-UM-04")["H"] == pytest.approx(0.2694)
    assert _baris(induk, "Tabel 2.6", "ST-KOP-VOLUME")["H"] == pytest.approx(311_418_553_495)


def test_tabel_2_8_program_dan_pagu(induk):
    """Program names and 2021 ceilings from Tabel 3.8: 2.17.04 = 151,199,500 (l.1044);
    2.17.03 and 2.17.06 have no budget line, and the table says so."""
    b = _baris(induk, "Tabel 2.8", "IK-KOP-03")
    assert b["E"] == "Program 2.17.03 (tidak ada di Anggaran)" and b["F"] == BELUM
    b = _baris(induk, "Tabel 2.8", "2.17.04")
    assert b["E"] == "PROGRAM PENILAIAN KESEHATAN KSP/USP KOPERASI"
    assert b["F"] == 151_199_500


def test_tabel_3_10_efisiensi_dihitung_tangan(induk):
    """IK-KOP-01 2021: capaian 24.2 / 25 = 0.968 (Tabel 3.7 l.993-994); its activities
    2.17.04.2.01 (pagu 151,199,500, realisasi 0, l.1044) and 2.17.05.2.01 (214,429,500 and
    207,936,840, l.1045): pagu 365,629,000, realised 207,936,840, serapan 0.568710,
    efisiensi 1 - 0.568710 / 0.968 = 0.412490."""
    b = _baris(induk, "Tabel 3.10", "IK-KOP-01")
    assert b["H"] == pytest.approx(0.968)
    assert (b["I"], b["J"]) == (365_629_000, 207_936_840)
    assert b["K"] == pytest.approx(207_936_840 / 365_629_000)
    assert b["L"] == pytest.approx(1 - (207_936_840 / 365_629_000) / 0.968)
    assert b["L"] == pytest.approx(0.412490, abs=5e-7)
    assert b["M"] == "efisien"
    # IK-UM-01: 183 of 1,545 (l.995, l.998) with 87% of its budget spent: inefficient
    b = _baris(induk, "Tabel 3.10", "IK-UM-01")
    assert b["H"] == pytest.approx(183 / 1545)
    assert b["M"] == "tidak efisien"


def test_analisis_kata_belum_hanya_di_tempat_seed_tanpa_data(induk):
    """Realisation, achievement and predicate of 2021 are missing exactly for the indicators
    the seed gives no 2021 realisation (only Tabel 3.7's three have one, l.993-999)."""
    judul = {v: a[:-1] for a, v in induk["Analisis Indikator"].items() if a.endswith("5")}
    berealisasi = {"IK-KOP-01", "IK-UM-01", "IK-UM-02"}
    kode = {v for a, v in induk["Analisis Indikator"].items()
            if a.startswith("A") and a[1:].isdigit() and int(a[1:]) > 5 and v}
    assert berealisasi < kode and len(kode) == 10
    for k in kode:
        b = _baris(induk, "Analisis Indikator", k)
        for kolom in ("Realisasi", "Capaian", "Predikat"):
            assert (b[judul[kolom]] == BELUM) == (k not in berealisasi), (k, kolom)


def test_kode_anggaran_matches_the_per_row_reference():
    """Distinct codes first, split once: the same set as splitting each row's code."""
    from types import SimpleNamespace

    from sync.periksa.hierarki import kode_anggaran

    kode = ["2.17.03.1.01.0001", "2.17.03.1.01.0001", "2.17.04", "2.17", "7", None,
            "2.17.03.2.05", "2.17.03.2.05.0002.9.9"]
    tahun = [2021, 2021, None, 2021, 2021, 2021, 2020, 2021]
    cacat = [False, False, False, False, False, False, False, True]
    d = SimpleNamespace(anggaran=SimpleNamespace(cacat=cacat, kolom={"kode": kode,
                                                                     "tahun": tahun}))

    def acuan(th):
        ada = set()
        for c, k, t in zip(cacat, kode, tahun, strict=True):
            if c or k is None or (th is not None and t not in (None, th)):
                continue
            b = str(k).split(".")
            ada.update(".".join(b[:n]) for n in (3, 5, len(b)))
        return ada
    for th in (2021, 2020, None):
        assert kode_anggaran([d], th) == acuan(th), th
    assert "2.17.03.1.01" in kode_anggaran([d], 2021)  # by hand: the activity prefix


def test_kode_anggaran_prefixes_of_any_dotted_code():
    """Activity prefixes first, program prefixes from them: the same set as splitting
    every code, for codes of any number of parts (empty parts and stray dots too)."""
    from types import SimpleNamespace

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sync.periksa.hierarki import kode_anggaran

    bagian = st.text(alphabet="0129a ", max_size=3)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.lists(bagian, min_size=1, max_size=9).map(".".join), max_size=12))
    def cek(kode):
        d = SimpleNamespace(anggaran=SimpleNamespace(
            cacat=[False] * len(kode), kolom={"kode": kode, "tahun": [2021] * len(kode)}))
        acuan = set()
        for k in kode:
            b = k.split(".")
            acuan.update(".".join(b[:n]) for n in (3, 5, len(b)))
        assert kode_anggaran([d], 2021) == acuan

    cek()
