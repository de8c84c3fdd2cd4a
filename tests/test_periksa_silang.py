"""The inspector's checks (sync/periksa_silang.py) on the seed as printed, on the clean
examples and on generated consistent data.

docs/dev/data-contoh.md lists, per contradiction of the seed, the cell and the finding that
catches it; these tests read that table, so the document stays true. Expected figures
are the seed's (tests/data/lkjip-2021-dinas-koperasi-batam.txt) and hand arithmetic.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbooks
from sync.induk import Induk
from sync.induk.pengaturan import baca_pengaturan
from sync.konsolidasi import rencanakan
from sync.model.mentah import SumberMentah, TabMentah
from sync.model.temuan import GALAT, PERINGATAN
from sync.periksa.silang import cari_pasangan, periksa_silang
from sync.periksa.uji import audit, periksa, urai_sumber
from tests import bidang_uji as bu
from workbooks.data_tercetak import BIDANG_TERCETAK, FOLDER, INDUK

DOK = Path(__file__).resolve().parent.parent / "docs" / "dev" / "data-contoh.md"
NAMA = {b.berkas: b.nama for b in BIDANG_TERCETAK}
KODE_SILANG = {"pertumbuhan_rata_rata", "persen_sama_target", "persen_tanpa_pasangan",
               "rasio_pasangan_lain", "beda_antar_tab", "besaran_loncat", "kata_satuan",
               "target_sama_baseline", "target_penyebut", "anggaran_ganda"}


def tabel_dok() -> list[tuple[str, str, str, str]]:
    """(row No, bidang, cell, finding kind) for every cell of the doc's table."""
    teks = DOK.read_text(encoding="utf-8")
    bagian = teks[teks.index("## Contoh tercetak"):]
    bagian = bagian[:bagian.index("\n## ", 5)] if "\n## " in bagian[5:] else bagian
    hasil = []
    for baris in bagian.splitlines():
        sel = [s.strip() for s in baris.strip().strip("|").split("|")]
        if len(sel) != 5 or not sel[0].isdigit():
            continue
        berkas = re.findall(r"`([^`]+)`", sel[2])
        assert len(berkas) == 1 and berkas[0] in NAMA, baris
        for alamat in re.findall(r"`([^`]+)`", sel[3]):
            for kode in re.findall(r"`([^`]+)`", sel[4]):
                hasil.append((sel[0], NAMA[berkas[0]], alamat, kode))
    return hasil


def _temuan(induk: Path):
    h = rencanakan(Induk(baca_pengaturan(induk)), dasar=induk.parent)
    assert h.rencana is not None, h.pesan
    return h


@pytest.fixture(scope="module")
def tercetak():
    return _temuan(workbooks.FOLDER / FOLDER / INDUK)


@pytest.fixture(scope="module")
def bersih():
    return _temuan(workbooks.INDUK)


def test_tabel_dokumen_terbaca():
    baris = tabel_dok()
    assert len({b[0] for b in baris}) == 26
    assert len(baris) >= 50


def test_setiap_kontradiksi_tercetak_ditemukan_di_selnya(tercetak):
    ada = {(t.bidang, t.sel, t.kode) for t in tercetak.temuan}
    hilang = [b for b in tabel_dok() if b[1:] not in ada]
    assert not hilang, hilang


def test_peringatan_baru_di_contoh_bersih_hanya_kontradiksi_seed(bersih):
    """The clean set keeps the seed's figures: every warning of the inspector's checks
    there is one the doc's table lists (same bidang, cell and kind), none other."""
    tercatat = {b[1:] for b in tabel_dok()}
    baru = [t for t in bersih.temuan if t.kode in KODE_SILANG and t.tingkat != "info"]
    assert baru
    lain = [(t.bidang, t.sel, t.kode, t.pesan) for t in baru
            if (t.bidang, t.sel, t.kode) not in tercatat]
    assert not lain, lain


def test_angka_dan_kalimat_temuan(tercetak):
    pesan = {(t.sel, t.kode): t.pesan for t in tercetak.temuan}
    # Tabel 2.5: (259,515,461,246 + 28,763,505,000) over (218,401,065,307 +
    # 28,763,505,000/1.1598) = 288,278,966,246 / 243,201,466,238 = 1.18535
    assert round(288_278_966_246 / (218_401_065_307 + 28_763_505_000 / 1.1598) - 1, 4) == 0.1854
    p = pesan[("Indikator!L4", "pertumbuhan_rata_rata")]
    assert "18,54%" in p and "rata-rata sederhana 18,80% dan 15,98%" in p
    # 4/235 = 1.70% (Tabel 2.5 l.822 baseline) is the pair that fits
    assert "4/235 = 1,70%" in pesan[("Indikator!L4", "rasio_pasangan_lain")]
    # the two repeated lines add 214,429,500 + 335,370,000 = 549,799,500 to the pagu
    assert "Rp10.445.927.289,00" in pesan[("Anggaran!F27", "jumlah_tidak_cocok")]
    assert 9_896_127_789 + 214_429_500 + 335_370_000 == 10_445_927_289
    # 165,452,309,466.50 / 240,310,486 = 688.49: "1/688 dari median", not "1/688 median"
    assert round(165_452_309_466.50 / 240_310_486) == 688
    assert "sekitar 1/688 dari median tahun lain" in pesan[("Statistik!G8", "besaran_loncat")]
    # two percentages differ by points: 22.97% - 24.00% = -1.03 points (not -1.03%)
    p = pesan[("Indikator!L7", "beda_antar_tab")]
    assert "(selisih -1,03 poin persen)" in p and "-1,03%" not in p
    assert "(selisih -11)" in pesan[("Statistik!H7", "beda_antar_tab")]  # 1,066 - 1,077
    # Statistik row 5 holds IK-UM-02's targets 2017-2020 (26, 35, 47, 60%) as realisations
    p = pesan[("Statistik!H5", "persen_sama_target")]
    assert "sama persis dengan target IK-UM-02" in p and "bukan realisasinya (51,00%)" in p
    assert "Hal yang sama terjadi pada tahun 2018–2020: kemungkinan deret target tersalin " \
        "sebagai realisasi." in p
    assert "TARGET" not in p and "?" not in p and p.count("2017") == 1
    assert "tahun 2017, 2019–2020:" in pesan[("Statistik!I5", "persen_sama_target")]
    # target 0 of a positive indicator: the report tables write "target 0", not #DIV/0!
    p = pesan[("Indikator!G18", "target_nol")]
    assert p.endswith('tabel laporan menulis "target 0".') and "#DIV/0!" not in p
    assert "Terdekat" in pesan[("Indikator!L17", "persen_tanpa_pasangan")]


def test_tanda_di_data_indikator(bersih):
    """Data Indikator carries the No of the row's finding and the audit's own figure."""
    from sync.model import skema
    kunci = [k.kunci for k in skema.DATA_INDIKATOR.kolom]
    baris = {(r[kunci.index("kode")], r[kunci.index("tahun")]): dict(zip(kunci, r, strict=True))
             for r in bersih.rencana.lembar[skema.DATA_INDIKATOR.nama]}
    kop = baris[("IK-KOP-01", 2021)]
    assert kop["hitungan"] == pytest.approx(233 / 1092)
    # Pemeriksaan: No, Tingkat, Bidang, Tab, Sel, Nilai, Pesan, Tautan
    baris_p = bersih.rencana.lembar[skema.PEMERIKSAAN.nama][kop["periksa"] - 1]
    assert baris_p[4] == "Indikator!L10" and "21,34%" in baris_p[6]
    um = baris[("IK-UM-02", 2021)]
    assert um["periksa"] and um["hitungan"] is None
    assert baris[("IK-UM-01", 2021)]["periksa"] is None


# --- no crying wolf -----------------------------------------------------------------------

def test_pasangan_menurut_pembulatan_tertulis():
    calon = [(222.0, "a"), (899.0, "b")]
    assert cari_pasangan(0.2469, calon)          # 222/899 = 24.69%
    assert cari_pasangan(0.25, calon)            # printed as a whole percent: 24.69 -> 25
    assert cari_pasangan(0.2429, calon) is None  # two decimals printed: 24.29 is not 24.69


@st.composite
def bidang_konsisten(draw):
    """One bidang whose every stated figure follows from its own series: counts growing
    by at most 50% a year, a share with and without Rumus, growths, a combined growth
    computed the right way, targets above the realisation, distinct budget lines."""
    n = draw(st.integers(3, 6))
    tahun = list(range(2016, 2016 + n))

    def deret(lo, hi):
        v = [draw(st.integers(lo, hi))]
        for _ in tahun[1:]:
            v.append(max(1, round(v[-1] * draw(st.floats(0.7, 1.5)))))
        return dict(zip(tahun, v, strict=True))

    semua = deret(200, 50_000)
    bagian = {t: max(1, round(v * draw(st.floats(0.05, 0.95)))) for t, v in semua.items()}
    omzet_a = deret(10**8, 10**11)
    omzet_b = deret(10**7, 10**10)
    akhir = tahun[-1]
    st_rows = [
        bu.statistik("ST-SEMUA", "Jumlah unit terdaftar", "unit", semua),
        bu.statistik("ST-BAGIAN", "Jumlah unit aktif", "unit", bagian),
        bu.statistik("ST-PERSEN", "Persentase unit aktif", "%",
                     {t: round(bagian[t] / semua[t], 4) for t in tahun},
                     "rasio", "ST-BAGIAN/ST-SEMUA"),
        bu.statistik("ST-OMZET-A", "Omzet usaha A", "Rp", omzet_a),
        bu.statistik("ST-OMZET-B", "Omzet usaha B", "Rp", omzet_b),
        bu.statistik("ST-OMZET", "Omzet gabungan", "Rp",
                     {t: (omzet_a[t] + omzet_b[t] if t == akhir else None) for t in tahun}),
    ]

    def tumbuh(d, t):
        return round((d[t] - d[t - 1]) / d[t - 1], 4)

    def target(r):
        return round(abs(r) * draw(st.floats(1.05, 1.5)) + 0.01, 4)

    gabung = round((omzet_a[akhir] + omzet_b[akhir])
                   / (omzet_a[akhir - 1] + omzet_b[akhir - 1]) - 1, 4)
    ind = []
    for t in tahun:
        persen = round(bagian[t] / semua[t], 2)  # a whole percent, without a Rumus
        ind.append(bu.indikator("IK-PERSEN", "Persentase unit aktif (indikator)", "%",
                                tahun=t, target=target(persen), realisasi=persen))
        ind.append(bu.indikator("IK-AKTIF", "Jumlah unit aktif dibina", "unit", tahun=t,
                                target=bagian[t] + draw(st.integers(1, 500)),
                                realisasi=bagian[t]))
    for t in tahun[1:]:
        for kode, d in (("IK-A", omzet_a), ("IK-B", omzet_b)):
            g = tumbuh(d, t)
            ind.append(bu.indikator(kode, f"Pertumbuhan omzet {kode}", "%", tahun=t,
                                    target=target(g), realisasi=g, rumus="pertumbuhan",
                                    acuan=f"ST-OMZET-{kode[-1]}"))
    ind.append(bu.indikator("IK-GABUNG", "Pertumbuhan omzet gabungan", "%", tahun=akhir,
                            target=target(gabung), realisasi=gabung, rumus="pertumbuhan",
                            acuan="ST-OMZET"))
    pagu = draw(st.lists(st.integers(10**6, 10**10), min_size=1, max_size=6, unique=True))
    ang = [bu.anggaran(f"2.17.01.2.0{i + 1}.01", sub=f"Sub kegiatan {i + 1}",
                       kegiatan=f"Kegiatan {i + 1}", pagu=p,
                       realisasi=round(p * draw(st.floats(0, 1))))
           for i, p in enumerate(pagu)]
    return tahun, ind, ang, st_rows


def _sumber(tahun, ind, ang, st_rows) -> SumberMentah:
    def tab(nama, kepala, baris):
        return TabMentah(nama, [list(kepala), *[list(b) for b in baris]])
    return SumberMentah("Bidang Uji", "uji.xlsx", "xlsx", {
        "Indikator": tab("Indikator", bu.JUDUL["Indikator"], ind),
        "Anggaran": tab("Anggaran", bu.JUDUL["Anggaran"], ang),
        "Statistik": tab("Statistik", [*bu.JUDUL["Statistik"], *tahun], st_rows),
    })


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bidang_konsisten())
def test_data_konsisten_tanpa_peringatan(data):
    d = urai_sumber(_sumber(*data), None)
    semua = [*d.temuan, *periksa([d]), *audit([d]), *periksa_silang([d])]
    salah = [(t.kode, t.sel, t.pesan) for t in semua if t.tingkat in (GALAT, PERINGATAN)]
    assert not salah


def test_pemeriksa_tidak_diam_pada_data_rusak():
    """The generator's data with one seed-like fault each: the check must speak."""
    tahun = [2018, 2019, 2020]
    st_rows = [bu.statistik("ST-A", "Jumlah unit", "unit", {2018: 1000, 2019: 1100, 2020: 1200}),
               bu.statistik("ST-B", "Volume", "Rp", {2018: 5 * 10**9, 2019: 5 * 10**6,
                                                     2020: 6 * 10**9})]
    ind = [bu.indikator("IK-P", "Persentase unit dibina", "%", tahun=t, target=0.5,
                        realisasi=0.9) for t in tahun]
    ang = [bu.anggaran("2.17.01.2.01.01", pagu=10**8, realisasi=9 * 10**7),
           bu.anggaran("2.17.01.2.01", pagu=10**8, realisasi=9 * 10**7)]
    d = urai_sumber(_sumber(tahun, ind, ang, st_rows), None)
    kode = {t.kode for t in periksa_silang([d])}
    assert {"persen_tanpa_pasangan", "besaran_loncat", "anggaran_ganda"} <= kode


# --- no predicate from a rejected figure without the mark ------------------------------

PREDIKAT = {"Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"}


def _lembar(path: Path, nama: str) -> list[list]:
    from python_calamine import CalamineWorkbook
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(nama).to_python(
        skip_empty_area=False)


def _kolom(isi: list[list], judul: str) -> tuple[int, int]:
    return next((r, c) for r, b in enumerate(isi) for c, v in enumerate(b)
                if str(v).startswith(judul))


@pytest.mark.parametrize("induk", [workbooks.INDUK, workbooks.FOLDER / FOLDER / INDUK],
                         ids=["contoh", "tercetak"])
def test_predikat_dari_angka_bertanda_selalu_bertanda(induk):
    """Every predicate in the shipped masters carries '*)' exactly when a data row under
    it carries a finding's No (Periksa): report year 2021, as in Pengaturan."""
    data = _lembar(induk, "Data Indikator")
    k = data[0]
    tanda_ind = {(r[k.index("Kode")], int(r[k.index("Tahun")])) for r in data[1:]
                 if r[k.index("Periksa")] not in ("", None)}
    ang = _lembar(induk, "Data Anggaran")
    a = ang[0]
    tanda_ang = [r[a.index("Kode")] for r in ang[1:] if r[a.index("Periksa")] not in ("", None)]
    dilihat = 0
    for lembar, judul, kolom_kode in (("Grafik Capaian", "Predikat", 0),
                                      ("Tabel 3.9", "Predikat", 0),
                                      ("Tabel 3.8", "Predikat", 1),
                                      ("Grafik Serapan", "Predikat", 0),
                                      ("Analisis Indikator", "Predikat", 0)):
        isi = _lembar(induk, lembar)
        r0, c = _kolom(isi, judul)
        for b in isi[r0 + 1:]:
            kode, p = str(b[kolom_kode]), b[c]
            if not isinstance(p, str) or p.removesuffix(" *)") not in PREDIKAT:
                continue  # headers, column numbers, "data belum ada"
            if lembar in ("Tabel 3.8", "Grafik Serapan"):
                # a sub-kegiatan row is its own line; program and kegiatan rows sum theirs
                sub = lembar == "Tabel 3.8" and b[9] == "sub"
                harus = any(t == kode or (not sub and t.startswith(kode + "."))
                            for t in tanda_ang) or ("JUMLAH" in b and bool(tanda_ang))
            else:
                harus = (kode, 2021) in tanda_ind
            dilihat += 1
            assert p.endswith(" *)") == harus, (lembar, kode, p)
    assert dilihat >= 20
    if induk == workbooks.INDUK:
        assert ("IK-KOP-01", 2021) in tanda_ind and ("IK-UM-02", 2021) in tanda_ind
    else:
        assert "2.17.05.2.01.01" in tanda_ang


def test_angka_bertanda_dengan_format_bersyarat():
    """Numbers keep their value; the mark is a conditional number format on the cell."""
    from openpyxl import load_workbook
    ws = load_workbook(workbooks.INDUK)["Grafik Capaian"]
    aturan = [(str(rng.sqref), r) for rng in ws.conditional_formatting for r in rng.rules]
    bertanda = {s for s, r in aturan if r.type == "expression"
                and "Ind_Periksa" in r.formula[0] and '*)' in (r.dxf.numFmt.formatCode
                                                               if r.dxf and r.dxf.numFmt else "")}
    # rows 5-7 (IK-KOP-01, IK-UM-01, IK-UM-02): target E, realisation F, achievement G
    assert {f"{c}{r}" for c in "EFG" for r in (5, 6, 7)} <= bertanda


def test_tanda_di_data_statistik(tercetak):
    """A finding on a year's cell marks that year; one on Satuan marks every year."""
    from sync.model import skema
    kunci = [k.kunci for k in skema.DATA_STATISTIK.kolom]
    baris = {(r[kunci.index("kode")], r[kunci.index("tahun")]): r[kunci.index("periksa")]
             for r in tercetak.rencana.lembar[skema.DATA_STATISTIK.nama]}
    assert all(baris[("ST-KOP-VOLUME", t)] for t in range(2016, 2021))
    assert baris[("ST-UM-RPJMD", 2017)] and not baris[("ST-UM-RPJMD", 2016)]
    assert not baris[("ST-KOP", 2018)] and not baris[("ST-UM", 2020)]


def test_contoh_tercetak_dibangun_ulang_identik(tmp_path):
    """The shipped printed-seed workbooks are what workbooks/bangun_contoh_tercetak.py
    writes from workbooks/data_tercetak.py today."""
    from workbooks.bangun_contoh_tercetak import bangun_bidang
    for baru in bangun_bidang(tmp_path):
        assert baru.read_bytes() == (workbooks.FOLDER / FOLDER / baru.name).read_bytes(), baru.name


def test_nama_normal_matches_the_three_substitutions():
    """_nama_normal joins split() instead of a third regex; the plain reference is the
    three substitutions it replaced."""
    import re

    from sync.periksa.silang import _nama_normal

    def acuan(teks: str) -> str:
        s = re.sub(r"\([^)]*\)", " ", teks.lower())
        s = re.sub(r"[^a-z0-9 ]", " ", s)
        return re.sub(r"\s+", " ", s).strip()
    for teks in ["Jumlah Koperasi (unit)", "  Jumlah\tkoperasi\n aktif ", "Nilai ≥ 5 (%) x",
                 "Rasio (a/b) (c)", "", "((bersarang))", "UMKM  Naik-Kelas", "café über"]:
        assert _nama_normal(teks) == acuan(teks), teks


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.integers(2015, 2022), st.sampled_from(
    [-5.0, 0.0, 0.001, 1.0, 2.0, 3.0, 300.0, 1000.0, 1e6, 2.5e6]), max_size=7), max_size=6))
def test_besaran_loncat_sama_dengan_aturan_polos(seri):
    """besaran_loncat skips an all-positive series without a 300x spread before building
    its dict of positive years; the cells it reports are those the rule, applied plainly
    to every positive year of every series, gives."""
    import statistics

    from sync.periksa import silang

    deret = [silang.Deret("B", "Statistik", f"ST-{i}", "Nilai", "stat", False, "unit",
                          nilai=dict(s), sel={th: f"Statistik!A{i}-{th}" for th in s})
             for i, s in enumerate(seri)]
    harap = []
    for s in deret:
        positif = {th: v for th, v in s.nilai.items() if v > 0}
        for th, v in sorted(positif.items()) if len(positif) >= 3 else ():
            m = statistics.median(x for t, x in positif.items() if t != th)
            if not 1 / silang.LONCAT < v / m < silang.LONCAT:
                harap.append(s.sel[th])
    assert [t.sel for t in silang.besaran_loncat(deret)] == harap
