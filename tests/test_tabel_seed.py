"""The seed report's tables reproduced by the formula library.

Expected numbers are as the seed (tests/data/lkjip-2021-dinas-koperasi-batam.txt)
prints them; each block names its table. Where the seed is wrong, the test
states the correct figure and that it differs from the printed one (docs/dev/domain.md,
"The seed's own inconsistencies").
"""

from __future__ import annotations

import numpy as np
import pytest

from addin import galat
from addin.rumus import (
    angka,
    capaian,
    persen,
    pertumbuhan,
    proyeksi,
    rata_pertumbuhan,
    serapan,
    sisa_anggaran,
)


def _persen_bulat(nilai, desimal):
    """A fraction as the seed prints percentages (rounded percent, as a number)."""
    return [round(float(v) * 100, desimal) for v in nilai]


# --- Tabel 3.5 Capaian Indikator Kinerja Organisasi (2016-2020) -------------------------
# Columns: target Renstra 2016-2020, realisasi 2016-2020, "Rasio Capaian" 2016-2020 printed as
# whole percents. Row 1 and 3 have no "Target SPM/IKK" value; row 2 prints 0.00 there.

def test_tabel_3_5_baris_1_pelaku_usaha_kreatif():
    target = [900, 1077, 1154, 1257, 1368]
    realisasi = [130, 440, 495, 525, 585]
    rasio_tercetak = [14, 41, 43, 42, 43]  # "14% 41% 43% 42% 43%"
    assert _persen_bulat(capaian(realisasi, target), 0) == rasio_tercetak


def test_tabel_3_5_baris_3_koperasi_aktif():
    target = [980, 986, 1010, 1052, 1072]
    realisasi = [222, 230, 232, 207, 223]
    rasio_tercetak = [23, 23, 23, 20, 21]  # "23% 23% 23% 20% 21%"
    assert _persen_bulat(capaian(realisasi, target), 0) == rasio_tercetak


def test_tabel_3_5_baris_2_sentra_umkm_target_nol():
    # Printed: targets "0.00 100. 100. 100. 0.00" (2016-2020), realisation 0.00 in every
    # year, and "0.00" in every ratio column. Where the target is 100 the library agrees
    # (0/100 = 0). Where the target is 0 the seed's 0.00 is a hand-filled placeholder: R/T
    # is undefined (docs/dev/domain.md: T = 0 is a division error), so the library says #DIV/0!
    # rather than a 0% that would read as "failed".
    target = [0, 100, 100, 100, 0]
    realisasi = [0, 0, 0, 0, 0]
    hasil = capaian(realisasi, target)
    assert hasil.tolist() == [galat.DIV0, 0.0, 0.0, 0.0, galat.DIV0]
    # The seed's text form of the same cells ("100." with a bare decimal point) reads the same.
    assert capaian(["0.00"] * 5, ["0.00", "100.", "100.", "100.", "0.00"]).tolist() \
        == [galat.DIV0, 0.0, 0.0, 0.0, galat.DIV0]


def test_tabel_3_5_sebagai_blok():
    # The three rows as one 2-D range call, as Excel would pass them.
    target = [[900, 1077, 1154, 1257, 1368], [0, 100, 100, 100, 0],
              [980, 986, 1010, 1052, 1072]]
    realisasi = [[130, 440, 495, 525, 585], [0, 0, 0, 0, 0], [222, 230, 232, 207, 223]]
    hasil = capaian(realisasi, target)
    assert hasil.shape == (3, 5)
    assert _persen_bulat(hasil[0], 0) == [14, 41, 43, 42, 43]
    assert _persen_bulat(hasil[2], 0) == [23, 23, 23, 20, 21]
    assert hasil[1, 0] is galat.DIV0 and hasil[1, 1] == 0.0


# --- Tabel 3.8 Realisasi Anggaran (Desember 2021) ---------------------------------------
# The seed's text of this table is garbled: cells of one row are spread over several
# lines, the pagu column is lost for most rows, two activities are listed twice
# ("Pendidikan dan Latihan Perkoperasian" 214,429,500 repeated as "Peningkatan
# Pemahaman ..."; "Pemberdayaan Usaha Mikro ..." 335,370,000 repeated under no. 4). The
# distinct sub-activity lines, transcribed: (pagu as printed or None where the text lost
# it, realisasi, realisation % as printed, sisa anggaran as printed).
TABEL_3_8 = [
    ("Penyediaan Gaji dan Tunjangan ASN", 6_740_784_489, 5_695_937_122, 84.50, 1_044_847_367),
    ("Pelaksanaan dan Pengujian/Verifikasi Keuangan SKPD", None, 53_854_000, 60.64, 34_956_000),
    ("Pengadaan Pakaian Dinas beserta Atribut", None, 27_000_000, 46.55, 31_000_000),
    ("Instalasi Listrik/Penerangan Bangunan Kantor", None, 2_831_000, 92.73, 222_000),
    ("Penyediaan Peralatan dan Perlengkapan Kantor", 56_081_500, 47_144_800, 84.06, 8_936_700),
    ("Penyediaan Bahan Logistik Kantor", 35_602_000, 30_643_000, 86.07, 4_959_000),
    ("Penyediaan Barang Cetakan dan Penggandaan", None, 14_885_000, 64.32, 8_257_000),
    ("Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", None, 3_442_000, 7.48, 42_566_000),
    ("Pengadaan Mebel", None, 187_620_000, 94.76, 10_380_000),
    ("Pengadaan Peralatan dan Mesin Lainnya", 239_818_500, 220_388_000, 91.90, 19_430_500),
    ("Pengadaan Sarana dan Gedung Kantor", None, 192_844_000, 81.26, 44_486_000),
    ("Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", None, 153_399_651, 48.31,
     164_159_549),
    ("Penyediaan Jasa Pelayanan Umum Kantor", 379_096_800, 347_348_432, 91.63, 31_748_368),
    ("Pemeliharaan Kendaraan Perorangan Dinas/Jabatan", 17_777_500, 7_280_000, 40.95,
     10_497_500),
    ("Pemeliharaan Kendaraan Dinas Operasional", None, 74_547_300, 47.03, 83_960_000),
    ("Pemeliharaan Peralatan dan Mesin Lainnya", 26_630_000, 15_113_100, 56.75, 11_516_900),
    ("Penilaian Kesehatan KSP/USP", 151_199_500, 0, 0.00, 151_199_500),
    ("Pendidikan dan Latihan Perkoperasian", 214_429_500, 207_936_840, 96.97, 6_492_660),
    ("Pemberdayaan Usaha Mikro (pendataan, kemitraan, ...)", 335_370_000, 251_134_400, 74.88,
     84_235_600),
    ("Pendidikan dan Pelatihan SDM Usaha Mikro", 175_874_500, 169_689_900, 96.48, 6_184_600),
    ("Pengembangan Usaha Mikro menjadi Usaha Kecil", 393_054_000, 384_118_500, 97.73,
     8_935_500),
]
TOTAL_PAGU, TOTAL_REALISASI, TOTAL_PERSEN, TOTAL_SISA = (
    9_896_127_789, 8_087_157_045, 81.72, 1_808_970_744)  # the TOTAL row


def _pagu_3_8():
    # Where the text lost the pagu, it is realisasi + sisa (both printed).
    return [p if p is not None else r + s for _, p, r, _, s in TABEL_3_8]


def test_tabel_3_8_baris_berbeda_berjumlah_total():
    assert sum(_pagu_3_8()) == TOTAL_PAGU
    assert sum(r for _, _, r, _, _ in TABEL_3_8) == TOTAL_REALISASI
    assert sum(s for *_, s in TABEL_3_8) == TOTAL_SISA


def test_tabel_3_8_serapan_per_baris():
    realisasi = [r for _, _, r, _, _ in TABEL_3_8]
    hasil = serapan(realisasi, _pagu_3_8())
    assert _persen_bulat(hasil, 2) == [c for _, _, _, c, _ in TABEL_3_8]


def test_tabel_3_8_sisa_per_baris_dengan_pagu_tercetak():
    baris = [b for b in TABEL_3_8 if b[1] is not None]
    assert len(baris) == 12
    hasil = sisa_anggaran([b[1] for b in baris], [b[2] for b in baris])
    assert hasil.tolist() == [float(b[4]) for b in baris]


def test_tabel_3_8_total():
    assert round(serapan(TOTAL_REALISASI, TOTAL_PAGU) * 100, 2) == TOTAL_PERSEN
    assert sisa_anggaran(TOTAL_PAGU, TOTAL_REALISASI) == TOTAL_SISA
    # The seed prints money as "Rp 9,896,127,789.00": read as text it gives the same.
    assert round(serapan("Rp 8,087,157,045.00", "Rp 9,896,127,789.00") * 100, 2) == 81.72
    assert sisa_anggaran("Rp 9,896,127,789.00", "Rp 8,087,157,045.00") == TOTAL_SISA


# --- Tabel 2.5 Target Kinerja 2021-2026 -------------------------------------------------

OMZET_KOPERASI = [259_515_461_246, 311_418_553_495, 376_816_449_729, 459_716_068_670,
                  565_450_764_464, 701_158_947_935, 876_448_684_919]  # 2020 (baseline)..2026
LAJU_KOPERASI = ["20,0%", "21,00%", "22,00%", "23,00%", "24,00%", "25,00%"]  # 2021..2026


def test_tabel_2_5_proyeksi_omzet_koperasi():
    hasil = proyeksi(OMZET_KOPERASI[0], [angka(t) for t in LAJU_KOPERASI])
    assert [round(v) for v in hasil] == OMZET_KOPERASI[1:]
    # The same from the seed's own text (rates as printed, baseline "259,515,461,246,00").
    hasil_teks = proyeksi("259,515,461,246,00", LAJU_KOPERASI)
    assert [round(v) for v in hasil_teks] == OMZET_KOPERASI[1:]


def test_tabel_2_5_proyeksi_satu_tahun_dan_lima_tahun():
    assert round(proyeksi(259_515_461_246, 0.20)) == 311_418_553_495
    # Five years at one rate is (1 + r)^5, not the running table.
    assert proyeksi(100, 0.1, 5) == pytest.approx(100 * 1.1**5)


@pytest.mark.parametrize(("deret", "tercetak"), [
    # Koperasi aktif 2020..2026 and its growth row "2,55% 3,73% 4,80% 6,11% 7,55% 8,70%".
    ([235, 241, 250, 262, 278, 299, 325], [2.55, 3.73, 4.80, 6.11, 7.55, 8.70]),
    # Koperasi melaksanakan RAT 2020..2026: "9,09% 10,42% 13,21% 15,00% 17,39% 18,52%".
    ([44, 48, 53, 60, 69, 81, 96], [9.09, 10.42, 13.21, 15.00, 17.39, 18.52]),
    # Koperasi terdaftar 2020..2026: "1,45% 1,75% 1,94% 2,01% 2,49% 2,63%".
    ([899, 912, 928, 946, 965, 989, 1015], [1.45, 1.75, 1.94, 2.01, 2.49, 2.63]),
    # Omzet usaha mikro 2020..2026 (digits reassembled from the split cells, e.g.
    # "36,512,548,7" + "25,41"): "26,94% 43,34% 50,75% 58,59% 63,74% 66,32%".
    ([28_763_505_000, 36_512_548_725.41, 52_335_376_461.76, 78_898_061_293.85,
      125_126_941_838.82, 204_888_808_255.16, 340_766_664_247.66],
     [26.94, 43.34, 50.75, 58.59, 63.74, 66.32]),
])
def test_tabel_2_5_pertumbuhan(deret, tercetak):
    hasil = pertumbuhan(deret[1:], deret[:-1])
    assert _persen_bulat(hasil, 2) == tercetak


def test_tabel_2_5_pertumbuhan_tahun_dasar():
    # Baseline (2020) growth against 2019 in Tabel 2.2: active 230 -> 235 "2,17%",
    # registered 1014 -> 899 "-11,34%".
    assert _persen_bulat(pertumbuhan([235, 899], [230, 1014]), 2) == [2.17, -11.34]
    assert persen(pertumbuhan(899, 1014)) == "-11,34%"


def test_tabel_2_5_omzet_gabungan():
    # Top row: omzet koperasi + usaha mikro, 2020 "288,278,966,246" and growth
    # "20,69% 23,34% 25,51% 28,21% 31,20% 34,34%" (2021..2026).
    mikro = [28_763_505_000, 36_512_548_725.41, 52_335_376_461.76, 78_898_061_293.85,
             125_126_941_838.82, 204_888_808_255.16, 340_766_664_247.66]
    gabungan = np.array(OMZET_KOPERASI) + np.array(mikro)
    assert gabungan[0] == angka("288,278,966,246.00")
    assert str(int(gabungan[1])).startswith("347931102")  # printed "347,931,102," (cut off)
    hasil = pertumbuhan(gabungan[1:], gabungan[:-1])
    assert _persen_bulat(hasil, 2) == [20.69, 23.34, 25.51, 28.21, 31.20, 34.34]


def test_tabel_2_5_omzet_koperasi_2020_tidak_cocok_dengan_tabel_2_3():
    # The baseline growth "18,80" does not follow from Tabel 2.3's 2019 omzet
    # (218,401,065,307): 259,515,461,246 / 218,401,065,307 - 1 = 18.83%.
    assert persen(pertumbuhan("259.515.461.246", "218,401,065,307")) == "18,83%"


# --- Tabel 2.1 Pertumbuhan Anggota Koperasi 2016-2020 -----------------------------------

def test_tabel_2_1_anggota_koperasi():
    # Printed counts "13.100 17.200 15.733 26.100 36.507" (Indonesian thousands dots).
    anggota = angka(["13.100", "17.200", "15.733", "26.100", "36.507"])
    assert anggota.tolist() == [13100, 17200, 15733, 26100, 36507]
    # Growth is not printed; by hand: 4100/13100, -1467/17200, 10367/15733, 10407/26100.
    tumbuh = pertumbuhan(anggota[1:], anggota[:-1])
    assert _persen_bulat(tumbuh, 2) == [31.30, -8.53, 65.89, 39.87]
    # Average growth 2016-2020, by hand: compound 36507/13100 = 2.786794, its fourth root
    # sqrt(sqrt(2.786794)) = sqrt(1.669370) = 1.292041, so 29.20%; arithmetic mean of the
    # yearly growths (31.2977 - 8.5291 + 65.8933 + 39.8736) / 4 = 32.13%.
    assert round(rata_pertumbuhan(anggota) * 100, 2) == 29.20
    assert round(rata_pertumbuhan(anggota, "aritmetik") * 100, 2) == 32.13


# --- Tabel 2.2 Persentase Koperasi Aktif 2016-2020 --------------------------------------

def test_tabel_2_2_persen_koperasi_aktif():
    jumlah = np.array([982, 988, 1010, 1014, 899], dtype=float)
    aktif = np.array([222, 224, 238, 230, 235], dtype=float)
    # Printed "23 % 23% 24% 23% 26%".
    assert persen(aktif / jumlah, 0).tolist() == ["23%", "23%", "24%", "23%", "26%"]
    # 2018: the table's 238 gives its 24%; the text's 228 would give 23% (and Tabel 3.5
    # says 232): the seed contradicts itself.
    assert persen(228 / 1010, 0) == "23%"


# --- Tabel 2.4 Persentase Usaha Mikro 2017-2020 -----------------------------------------

def test_tabel_2_4_pertumbuhan_usaha_mikro():
    jumlah = [1077, 1171, 1194, 1462]  # 2017..2020
    tumbuh = pertumbuhan(jumlah[1:], jumlah[:-1])
    # By hand: 94/1077 = 8.73%, 23/1171 = 1.96%, 268/1194 = 22.45%.
    assert _persen_bulat(tumbuh, 2) == [8.73, 1.96, 22.45]
    # The text's additions "94", "23" and "232": growth x previous year gives 94, 23 and
    # 268; the seed's 232 for 2020 is wrong (1462 - 1194 = 268).
    tambahan = [round(t * j) for t, j in zip(tumbuh, jumlah[:-1], strict=True)]
    assert tambahan == [94, 23, 268]
    assert tambahan[2] != 232


# --- Tabel 3.7 Capaian Kinerja sampai 2021: persentase koperasi aktif ------------------

JUMLAH_3_7 = [960, 980, 986, 1010, 1052, 1072, 1092]  # 2015..2021
AKTIF_3_7 = [197, 222, 230, 232, 207, 222, 233]
REALISASI_3_7 = ["20.52%", "22.65%", "23.33 %", "22.97 %", "21.29 %", "24.29 %", "24.2 %"]


def test_tabel_3_7_persen_yang_cocok():
    hitung = serapan(AKTIF_3_7, JUMLAH_3_7)  # a share: aktif / jumlah
    tercetak = angka(REALISASI_3_7)
    for tahun in range(4):  # 2015..2018 match their counts
        assert round(hitung[tahun], 4) == tercetak[tahun]


def test_tabel_3_7_persen_yang_tidak_cocok():
    # 2019-2021 print 21.29%, 24.29%, 24.2%; the counts give 207/1052 = 19.68%,
    # 222/1072 = 20.71%, 233/1092 = 21.34%.
    hitung = serapan(AKTIF_3_7[4:], JUMLAH_3_7[4:])
    assert persen(hitung).tolist() == ["19,68%", "20,71%", "21,34%"]
    tercetak = angka(REALISASI_3_7[4:])
    assert tercetak.tolist() == [0.2129, 0.2429, 0.242]
    assert all(round(h, 4) != t for h, t in zip(hitung, tercetak, strict=True))
