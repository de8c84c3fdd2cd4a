"""The master workbook workbooks/LKjIP-2021.xlsx against the seed report.

Every expected number below is the seed's (tests/data/lkjip-2021-dinas-koperasi-batam.txt,
table and line named); cells are found by their Kode (column A, or B in Tabel 3.8),
their row label or their header year, never by a position taken from the builder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from python_calamine import CalamineWorkbook

import workbooks
from addin.galat import GalatExcel
from addin.rumus import FUNGSI_EXCEL
from sync.induk.pengaturan import baca_pengaturan
from sync.model import skema
from workbooks import bangun_induk
from workbooks.data_contoh import BIDANG
from workbooks.laporan.hierarki import LEMBAR as LEMBAR_HIERARKI

INDUK = workbooks.INDUK
LAPORAN = ("Tabel 2.1", "Tabel 2.2", "Tabel 2.3", "Tabel 2.4", "Tabel 2.5", "Tabel 3.5",
           "Tabel 3.7", "Grafik Capaian", "Tabel 3.8", "Grafik Serapan", "Tabel 3.9")
BELUM, TARGET_NOL = "data belum ada", "target 0"


@pytest.fixture(scope="module")
def hasil(induk_dihitung) -> dict[str, dict[str, object]]:
    """Every formula of the committed master, computed now by the engine (conftest)."""
    return induk_dihitung


@pytest.fixture(scope="module")
def isi() -> dict[str, list[list[object]]]:
    """The cells as the file stores them (cached values for formulas)."""
    wb = CalamineWorkbook.from_path(str(INDUK))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


def alamat(r: int, c: int) -> str:
    return f"{get_column_letter(c + 1)}{r + 1}"


def baris(isi: dict, lembar: str, teks: str, kolom: int | None = None) -> list[int]:
    """Rows of a sheet with a cell equal to `teks` (in column `kolom` when given)."""
    return [r for r, b in enumerate(isi[lembar])
            for c, v in enumerate(b) if v == teks and (kolom is None or c == kolom)]


def satu_baris(isi: dict, lembar: str, teks: str, kolom: int | None = None) -> int:
    (r,) = baris(isi, lembar, teks, kolom)
    return r


def kolom_tahun(isi: dict, lembar: str, tahun: int) -> list[int]:
    """Columns whose header cell (in the first rows) holds the year `tahun`, left to right."""
    return sorted(c for b in isi[lembar][:8] for c, v in enumerate(b) if v == tahun)


def kolom_judul(isi: dict, lembar: str, teks: str) -> int:
    (c,) = {c for b in isi[lembar][:8] for c, v in enumerate(b) if v == teks}
    return c


def nilai(hasil: dict, lembar: str, r: int, c: int) -> object:
    return hasil[lembar][alamat(r, c)]


def rumus_baris(hasil: dict, lembar: str, r: int) -> list[object]:
    """Values of the formula cells of row r (0-based)."""
    return [v for a, v in hasil[lembar].items() if re.fullmatch(rf"[A-Z]+{r + 1}", a)]


# --- the seed's numbers ------------------------------------------------------------------------

# Tabel 3.8 (printed as "TABEL 3.4", l.1001-1053): each sub-activity's printed realisation
# percentage and Sisa Anggaran; the codes are those of docs/dev/data-contoh.md.
TABEL_3_8 = {
    "2.17.01.2.02.01": (84.50, 1_044_847_367),  # l.1010 Penyediaan Gaji dan Tunjangan ASN
    "2.17.01.2.02.03": (60.64, 34_956_000),     # l.1012 Pengujian/Verifikasi Keuangan SKPD
    "2.17.01.2.05.02": (46.55, 31_000_000),     # l.1013 Pakaian Dinas
    "2.17.01.2.06.01": (92.73, 222_000),        # l.1014 Instalasi Listrik
    "2.17.01.2.06.02": (84.06, 8_936_700),      # l.1015 Peralatan dan Perlengkapan Kantor
    "2.17.01.2.06.04": (86.07, 4_959_000),      # l.1017 Bahan Logistik Kantor
    "2.17.01.2.06.05": (64.32, 8_257_000),      # l.1021 Barang Cetakan dan Penggandaan
    "2.17.01.2.06.09": (7.48, 42_566_000),      # l.1022 Rapat Koordinasi dan Konsultasi
    "2.17.01.2.07.05": (94.76, 10_380_000),     # l.1023 Pengadaan Mebel
    "2.17.01.2.07.06": (91.90, 19_430_500),     # l.1026 Peralatan dan Mesin Lainnya
    "2.17.01.2.07.10": (81.26, 44_486_000),     # l.1028 Sarana dan Prasarana Gedung Kantor
    "2.17.01.2.08.02": (48.31, 164_159_549),    # l.1032 Jasa Komunikasi, Air dan Listrik
    "2.17.01.2.08.04": (91.63, 31_748_368),     # l.1033 Jasa Pelayanan Umum Kantor
    "2.17.01.2.09.01": (40.95, 10_497_500),     # l.1038 Pemeliharaan Kendaraan Perorangan
    "2.17.01.2.09.02": (47.03, 83_960_000),     # l.1040 Pemeliharaan Kendaraan Operasional
    "2.17.01.2.09.06": (56.75, 11_516_900),     # l.1043 Pemeliharaan Peralatan dan Mesin
    "2.17.04.2.01.01": (0.00, 151_199_500),     # l.1044 Penilaian Kesehatan KSP/USP
    "2.17.05.2.01.01": (96.97, 6_492_660),      # l.1045 SDM Koperasi
    "2.17.05.2.03.01": (96.48, 6_184_600),      # l.1047 SDM Usaha Mikro
    "2.17.07.2.01.01": (74.88, 84_235_600),     # l.1046 Pemberdayaan Usaha Mikro
    "2.17.08.2.01.01": (97.73, 8_935_500),      # l.1051 Usaha Mikro Menjadi Usaha Kecil
}
# Tabel 3.8 TOTAL, l.1053; its words as docs/dev/domain.md spells them
TOTAL_PAGU, TOTAL_REALISASI, TOTAL_SERAPAN, TOTAL_SISA = (
    9_896_127_789, 8_087_157_045, 81.72, 1_808_970_744)
TERBILANG_SISA = ("Satu miliar delapan ratus delapan juta sembilan ratus tujuh puluh ribu tujuh "
                  "ratus empat puluh empat rupiah")


def test_tabel_3_8_setiap_baris(hasil, isi):
    lembar = "Tabel 3.8"
    c_serapan = kolom_judul(isi, lembar, "Serapan Keuangan (%)")
    c_sisa = kolom_judul(isi, lembar, "Sisa Anggaran (Rp)")
    for kode, (persen, sisa) in TABEL_3_8.items():
        r = satu_baris(isi, lembar, kode, kolom=1)
        assert round(nilai(hasil, lembar, r, c_serapan) * 100, 2) == persen, kode
        assert nilai(hasil, lembar, r, c_sisa) == sisa, kode


def test_tabel_3_8_total_dan_terbilang(hasil, isi):
    lembar = "Tabel 3.8"
    r = satu_baris(isi, lembar, "JUMLAH")
    assert nilai(hasil, lembar, r, kolom_judul(isi, lembar, "Pagu (Rp)")) == TOTAL_PAGU
    assert nilai(hasil, lembar, r, kolom_judul(isi, lembar, "Realisasi (Rp)")) == TOTAL_REALISASI
    serapan = nilai(hasil, lembar, r, kolom_judul(isi, lembar, "Serapan Keuangan (%)"))
    assert round(serapan * 100, 2) == TOTAL_SERAPAN
    assert nilai(hasil, lembar, r, kolom_judul(isi, lembar, "Sisa Anggaran (Rp)")) == TOTAL_SISA
    assert rumus_baris(hasil, lembar, satu_baris(isi, lembar, "Terbilang sisa anggaran")) == [
        TERBILANG_SISA]
    # the pagu and realisation words are there too, and name their own amounts
    for label, awal in (("Terbilang pagu", "Sembilan miliar delapan ratus sembilan puluh enam "
                         "juta"), ("Terbilang realisasi", "Delapan miliar delapan puluh tujuh "
                                   "juta")):
        (teks,) = rumus_baris(hasil, lembar, satu_baris(isi, lembar, label))
        assert teks.startswith(awal) and teks.endswith(" rupiah")


# Tabel 3.5 l.962-964: "Rasio Capaian" as printed, whole percents
RASIO_3_5 = {
    "IK-UM-01": [14, 41, 43, 42, 43],   # 130/900, 440/1077, 495/1154, 525/1257, 585/1368
    "IK-KOP-02": [23, 23, 23, 20, 21],  # 222/980, 230/986, 232/1010, 207/1052, 223/1072
}


def test_tabel_3_5_rasio(hasil, isi):
    lembar = "Tabel 3.5"
    for kode, persen in RASIO_3_5.items():
        r = satu_baris(isi, lembar, kode, kolom=0)
        for tahun, p in zip(range(2016, 2021), persen, strict=True):
            c = kolom_tahun(isi, lembar, tahun)[-1]  # target, realisasi, rasio: the last one
            assert round(nilai(hasil, lembar, r, c) * 100) == p, (kode, tahun)
    # row 2 (sentra UMKM): targets 0, 100, 100, 100, 0 and realisations 0 (l.963)
    r = satu_baris(isi, lembar, "IK-UM-03", kolom=0)
    rasio = [nilai(hasil, lembar, r, kolom_tahun(isi, lembar, t)[-1]) for t in range(2016, 2021)]
    assert rasio == [TARGET_NOL, 0, 0, 0, TARGET_NOL]


# Tabel 2.5 l.802-823 (docs/dev/data-contoh.md reads the garbled rows): baseline 2020, 2021..2026
PERSEN_2_5 = {
    "IK-SEK-01": [17.39, 20.69, 23.34, 25.51, 28.21, 31.20, 34.34],  # l.802
    "IK-KOP-03": [18.80, 20.00, 21.00, 22.00, 23.00, 24.00, 25.00],  # l.808, l.818
    "IK-UM-04": [15.98, 26.94, 43.34, 50.75, 58.59, 63.74, 66.32],   # l.823
    "IK-KOP-04": [2.17, 2.55, 3.73, 4.80, 6.11, 7.55, 8.70],         # l.819
    "IK-KES-01": [4.76, 9.09, 10.42, 13.21, 15.00, 17.39, 18.52],    # l.820
    "IK-KOP-05": [-11.34, 1.45, 1.75, 1.94, 2.01, 2.49, 2.63],       # l.821
    "IK-USP-01": [1.70, 0.77, 2.16, 2.96, 3.52, 4.55, 5.32],         # l.822
}
# l.818: cooperative turnover 2020 and the Renstra targets 2021-2026
OMZET_KOPERASI = [259_515_461_246, 311_418_553_495, 376_816_449_729, 459_716_068_670,
                  565_450_764_464, 701_158_947_935, 876_448_684_919]


def test_tabel_2_5_persen_dan_proyeksi(hasil, isi):
    lembar = "Tabel 2.5"
    kolom = [kolom_tahun(isi, lembar, t)[0] for t in range(2020, 2027)]
    for kode, persen in PERSEN_2_5.items():
        r = satu_baris(isi, lembar, kode, kolom=0)
        assert [round(nilai(hasil, lembar, r, c) * 100, 2) for c in kolom] == persen, kode
    r = satu_baris(isi, lembar, "ST-KOP-VOLUME", kolom=0)
    assert [nilai(hasil, lembar, r, c) for c in kolom] == OMZET_KOPERASI
    (r,) = [r for r, b in enumerate(isi[lembar]) if str(b[3]).startswith("Proyeksi omzet kop")]
    assert [round(nilai(hasil, lembar, r, c)) for c in kolom] == OMZET_KOPERASI
    (r,) = [r for r, b in enumerate(isi[lembar]) if str(b[3]).startswith("Selisih target")]
    assert [nilai(hasil, lembar, r, c) for c in kolom[1:]] == [0] * 6


def test_tabel_2_1_sampai_2_4(hasil, isi):
    # Tabel 2.1 l.736: members; growth (X_t - X_t-1)/X_t-1 of those counts
    anggota = [13_100, 17_200, 15_733, 26_100, 36_507]
    r = satu_baris(isi, "Tabel 2.1", "ST-KOP-ANGGOTA", kolom=0)
    kolom = [kolom_tahun(isi, "Tabel 2.1", t)[0] for t in range(2016, 2021)]
    assert [nilai(hasil, "Tabel 2.1", r, c) for c in kolom] == anggota
    tumbuh = [nilai(hasil, "Tabel 2.1", r + 1, c) for c in kolom]
    assert tumbuh[0] == BELUM  # 2015 is not in the seed
    assert tumbuh[1:] == pytest.approx([(17_200 - 13_100) / 13_100, (15_733 - 17_200) / 17_200,
                                        (26_100 - 15_733) / 15_733, (36_507 - 26_100) / 26_100])
    # Tabel 2.2 l.749: "23 %, 23%, 24%, 23%, 26%" = active / all (l.747-748)
    (r,) = [r for r, b in enumerate(isi["Tabel 2.2"]) if b[2] == "Persentase koperasi aktif"]
    kolom = [kolom_tahun(isi, "Tabel 2.2", t)[0] for t in range(2016, 2021)]
    assert [round(nilai(hasil, "Tabel 2.2", r, c) * 100) for c in kolom] == [23, 23, 24, 23, 26]
    # Tabel 2.3 l.763-767: volume per active cooperative
    volume = [240_310_486, 112_503_553_626, 86_934_125_323, 218_401_065_307, 259_515_461_246]
    aktif = [222, 224, 238, 230, 235]
    (r,) = [r for r, b in enumerate(isi["Tabel 2.3"]) if str(b[2]).startswith("Rasio volume")]
    kolom = [kolom_tahun(isi, "Tabel 2.3", t)[0] for t in range(2016, 2021)]
    assert [nilai(hasil, "Tabel 2.3", r, c) for c in kolom] == pytest.approx(
        [v / a for v, a in zip(volume, aktif, strict=True)])
    # Tabel 2.4 l.786-787: counts 1077 1171 1194 1462, increases 94, 23 (l.772) and 268
    # (1462 - 1194; the text's 232 is a contradiction), 26% 35% 47% 60% coached
    (r,) = [r for r, b in enumerate(isi["Tabel 2.4"]) if str(b[2]).startswith("Pertambahan")]
    kolom = [kolom_tahun(isi, "Tabel 2.4", t)[0] for t in range(2017, 2021)]
    assert [nilai(hasil, "Tabel 2.4", r, c) for c in kolom] == [BELUM, 94, 23, 268]
    r = satu_baris(isi, "Tabel 2.4", "ST-UM-PERSEN-BINA", kolom=0)
    assert [nilai(hasil, "Tabel 2.4", r, c) for c in kolom] == [0.26, 0.35, 0.47, 0.60]


def test_tabel_3_7_dan_grafik_capaian(hasil, isi):
    lembar = "Tabel 3.7"
    (r,) = [r for r, b in enumerate(isi[lembar]) if str(b[3]).startswith("Realisasi dihitung")]
    # docs/dev/domain.md / Tabel 3.7 l.991-992: 207/1052, 222/1072, 233/1092
    hitung = [round(nilai(hasil, lembar, r, kolom_tahun(isi, lembar, t)[0]) * 100, 2)
              for t in (2019, 2020, 2021)]
    assert hitung == [19.68, 20.71, 21.34]
    # report year 2021 (Tabel 3.7 l.993-999): 24.2% of 25%, 183 of 1545, 90% of 70%
    g = "Grafik Capaian"
    c = kolom_judul(isi, g, "Capaian")
    p = kolom_judul(isi, g, "Predikat")
    # 24.2% and 90% are figures the audit rejects (233/1092 = 21.34%; no pair of the
    # bidang's counts gives 90%): their predicates carry the mark, and beside them the
    # audit's own figure 21.34% gives 0.2134/0.25 = 85.35%, "Tinggi" (75-90: Permendagri 86)
    h, hc, hp = (kolom_judul(isi, g, j) for j in ("Realisasi hitungan", "Capaian hitungan",
                                                   "Predikat hitungan"))
    for kode, capaian, predikat, hitungan in (
            ("IK-KOP-01", 0.242 / 0.25, "Sangat Tinggi *)", (233 / 1092, 233 / 1092 / 0.25,
                                                             "Tinggi")),
            ("IK-UM-01", 183 / 1545, "Sangat Rendah", ("-", "-", "-")),
            ("IK-UM-02", 0.90 / 0.70, "Sangat Tinggi *)", ("-", "-", "-"))):
        r = satu_baris(isi, g, kode, kolom=0)
        assert nilai(hasil, g, r, c) == pytest.approx(capaian)
        assert nilai(hasil, g, r, p) == predikat
        assert [nilai(hasil, g, r, x) for x in (h, hc, hp)] == pytest.approx(list(hitungan))
    assert round(233 / 1092 / 0.25 * 100, 2) == 85.35


def test_tabel_3_9_iku(hasil, isi):
    """Tabel 3.9's IKU: the 2021 target from Tabel 2.5 (20%, 26.94%); the seed has no 2021
    realisation, so realisation, achievement and predicate say so in words."""
    lembar = "Tabel 3.9"
    judul = {v: c for b in isi[lembar][:8] for c, v in enumerate(b) if isinstance(v, str)}
    for kode, target in (("IK-KOP-03", 0.20), ("IK-UM-04", 0.2694)):
        r = satu_baris(isi, lembar, kode, kolom=0)
        assert nilai(hasil, lembar, r, judul["Target 2021"]) == target
        for kolom in ("Realisasi 2021", "Capaian 2021", "Predikat 2021"):
            assert nilai(hasil, lembar, r, judul[kolom]) == BELUM


# --- whole-workbook properties ------------------------------------------------------------------

def test_tiada_galat_dan_kata_hanya_di_tempat_yang_dicatat(hasil, isi):
    """No formula errs or is empty; the words for missing data appear exactly where the seed
    lacks data (docs/induk.md lists these cells)."""
    for lembar, sel in hasil.items():
        for a, v in sel.items():
            assert not isinstance(v, GalatExcel), (lembar, a, v)
            assert v not in ("", None), (lembar, a)
    # the hierarchy sheets' missing-data words are checked in tests/test_hierarki.py
    kata = {(lembar, a): v for lembar, sel in hasil.items() for a, v in sel.items()
            if v in (BELUM, TARGET_NOL) and lembar not in LEMBAR_HIERARKI}
    diharapkan = {}
    r = satu_baris(isi, "Tabel 2.1", "ST-KOP-ANGGOTA", kolom=0) + 1
    diharapkan[("Tabel 2.1", alamat(r, kolom_tahun(isi, "Tabel 2.1", 2016)[0]))] = BELUM
    (r,) = [r for r, b in enumerate(isi["Tabel 2.4"]) if str(b[2]).startswith("Pertambahan")]
    diharapkan[("Tabel 2.4", alamat(r, kolom_tahun(isi, "Tabel 2.4", 2017)[0]))] = BELUM
    r = satu_baris(isi, "Tabel 3.5", "IK-UM-03", kolom=0)
    for t in (2016, 2020):
        diharapkan[("Tabel 3.5", alamat(r, kolom_tahun(isi, "Tabel 3.5", t)[-1]))] = TARGET_NOL
    judul = {v: c for b in isi["Tabel 3.9"][:8] for c, v in enumerate(b) if isinstance(v, str)}
    for kode in ("IK-KOP-03", "IK-UM-04"):
        r = satu_baris(isi, "Tabel 3.9", kode, kolom=0)
        for kolom in ("Realisasi 2021", "Capaian 2021", "Predikat 2021"):
            diharapkan[("Tabel 3.9", alamat(r, judul[kolom]))] = BELUM
    assert kata == diharapkan


def test_nilai_tersimpan_sama_dengan_hitungan(hasil):
    """The cached values in the file are what the engine computes now."""
    wb = openpyxl.load_workbook(INDUK, data_only=True)
    n = 0
    for lembar, sel in hasil.items():
        for a, v in sel.items():
            tersimpan = wb[lembar][a].value
            if isinstance(v, float):
                assert tersimpan == pytest.approx(v, rel=1e-15, abs=0), (lembar, a)
            else:
                assert tersimpan == v, (lembar, a)
            n += 1
    assert n > 500


# OR and ERROR.TYPE say "perlu add-in Kinerja" where the add-in is missing (laporan.dasar).
FUNGSI_STANDAR = {"IF", "AND", "OR", "ISNUMBER", "IFERROR", "ERROR.TYPE", "COUNTIFS", "SUMIFS",
                  "INDEX", "MATCH", "ROUND", "SUM", "COUNT"}


def test_rumus_hanya_fungsi_excel_2016_dan_kinerja():
    """Plain CAPAIAN(...) without add-in prefix; no XLOOKUP, _xlfn or table references."""
    wb = openpyxl.load_workbook(INDUK)
    dipakai: set[str] = set()
    for ws in wb.worksheets:
        for b in ws.iter_rows():
            for c in b:
                if c.data_type == "f":
                    teks = re.sub(r'"(?:[^"]|"")*"', '""', str(c.value))
                    assert "[" not in teks, (ws.title, c.coordinate, teks)  # table refs
                    dipakai |= set(re.findall(r"([A-Z][A-Z0-9_.]*)\(", teks))
    assert dipakai <= FUNGSI_STANDAR | set(FUNGSI_EXCEL), dipakai - FUNGSI_STANDAR
    assert {"CAPAIAN", "PERTUMBUHAN", "PROYEKSI", "SERAPAN", "SISA_ANGGARAN", "PREDIKAT",
            "TERBILANG"} <= dipakai
    with zipfile.ZipFile(INDUK) as z:
        for nama in z.namelist():
            if nama.startswith("xl/worksheets/sheet"):
                xml = z.read(nama).decode("utf-8")
                assert not re.search(r"\[\d+\]!|_xludf|_xlfn|\.xlam", xml), nama


def test_lembar_milik_dan_nama(isi):
    """Owned sheets exactly per skema; each named column's name covers exactly its data rows."""
    wb = openpyxl.load_workbook(INDUK)
    with zipfile.ZipFile(INDUK) as z:
        wbxml = z.read("xl/workbook.xml").decode("utf-8")
    assert 'localSheetId' not in re.sub(r'<definedName name="_xlnm\.[^>]*>[^<]*<', "", wbxml)
    for lembar in skema.LEMBAR_MILIK:
        ws = wb[lembar.nama]
        assert [c.value for c in ws[1]] == lembar.judul
        assert ws.freeze_panes == "A2"
        n = ws.max_row - 1
        assert n >= 1 and all(v is not None for v in isi[lembar.nama][n][:2])
        lebar = {c: d.width for d in ws.column_dimensions.values()
                 for c in range(d.min, d.max + 1)}
        # a column whose format follows the row (Pemeriksaan's Nilai, as its message)
        per_baris = skema.format_per_baris(lembar, [[c.value for c in b] for b in
                                                    ws.iter_rows(min_row=2, max_row=n + 1)])
        for j, kol in enumerate(lembar.kolom, start=1):
            huruf = get_column_letter(j)
            assert 0 <= lebar[j] - kol.lebar <= 1, (lembar.nama, huruf)
            for r in range(2, n + 2):
                harapan = (per_baris.get(j - 1) or [None] * n)[r - 2] or kol.format_angka
                assert ws.cell(r, j).number_format == harapan, (lembar.nama, r, j)
            if kol.nama:
                assert wb.defined_names[kol.nama].attr_text == \
                    f"'{lembar.nama}'!${huruf}$2:${huruf}${n + 1}"
    # the pipeline's rows: 80 indicator, 21 budget, 108 series rows, one Riwayat row
    jumlah = {lb.nama: wb[lb.nama].max_row - 1 for lb in skema.LEMBAR_MILIK}
    assert jumlah["Data Anggaran"] == len(TABEL_3_8)
    assert jumlah["Riwayat"] == 1
    riwayat = [c.value for c in wb["Riwayat"][2]]
    assert riwayat[2] == 2021 and riwayat[9] == "ditulis"
    assert riwayat[4:7] == [jumlah["Data Indikator"], jumlah["Data Anggaran"],
                            jumlah["Data Statistik"]]
    assert jumlah["Pemeriksaan"] == riwayat[7] + riwayat[8] + sum(
        1 for b in wb["Pemeriksaan"].iter_rows(min_row=2, values_only=True) if b[1] == "info")


def test_pengaturan_dibaca_kembali():
    conf = baca_pengaturan(INDUK)
    assert conf.tahun == 2021 and not conf.temuan
    assert [(s.bidang, s.alamat, s.aktif) for s in conf.sumber] == [
        (b.nama, f"contoh/{b.berkas}", True) for b in BIDANG]
    assert all((INDUK.parent / s.alamat).is_file() for s in conf.sumber)
    wb = openpyxl.load_workbook(INDUK)
    assert wb.defined_names[skema.NAMA_TAHUN].attr_text == "Pengaturan!$B$4"
    assert wb["Pengaturan"]["A4"].value == skema.LABEL_TAHUN


def test_cetak_grafik_dan_warna_predikat():
    wb = openpyxl.load_workbook(INDUK)
    for nama in LAPORAN:
        ws = wb[nama]
        assert ws.page_setup.paperSize == 9, nama
        # one page wide (1 is the default, left out of the file), any number of pages tall
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0, nama
        assert ws.sheet_properties.pageSetUpPr.fitToPage, nama
        assert ws.print_title_rows and ws.print_area, nama
    assert wb["Tabel 3.5"].page_setup.orientation == "landscape"
    with zipfile.ZipFile(INDUK) as z:
        grafik = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        assert len(grafik) == 4
        garis = [n for n in grafik if "<c:lineChart>" in z.read(n).decode()]
        assert len(garis) == 2  # the 100% line and the share of active cooperatives
    hasil_buka = openpyxl.load_workbook(INDUK, data_only=True)
    for nama in ("Tabel 3.8", "Grafik Capaian", "Grafik Serapan", "Tabel 3.9"):
        aturan = [(str(rng.sqref), rule.formula) for rng in wb[nama].conditional_formatting
                  for rule in rng.rules]
        label_diwarnai = {f[0].strip('"') for _, f in aturan if f}
        assert {"Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"} <= \
            label_diwarnai, nama
        ws = hasil_buka[nama]
        for b in ws.iter_rows():
            for c in b:
                if c.value in ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"):
                    assert any(c.coordinate in MultiCellRange(s)
                               for s, f in aturan if f and f[0] == f'"{c.value}"'), \
                        (nama, c.coordinate)


def test_bangun_ulang_identik(tmp_path):
    baru = bangun_induk.bangun(tmp_path / "LKjIP-2021.xlsx")
    assert baru.read_bytes() == INDUK.read_bytes()


def test_libreoffice_membuka_dan_mencetak_pdf(libreoffice, tmp_path):
    """LibreOffice opens the workbook and prints it (its default: no recalculation of
    .xlsx), showing the cached values, not #NAME? for our functions."""
    salinan = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(INDUK, salinan)
    keluar = tmp_path / "pdf"
    hasil = subprocess.run([libreoffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                            "--convert-to", "pdf", "--outdir", str(keluar), str(salinan)],
                           capture_output=True, timeout=240)
    assert hasil.returncode == 0, hasil.stderr
    pdf = keluar / "LKjIP-2021.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return
    halaman = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout.split("\f")
    # the report pages (their footer names the sheet); the Pemeriksaan findings may
    # legitimately mention "#DIV/0!" in words
    teks = "\n".join(h for h in halaman if any(f"{n} — halaman" in h for n in LAPORAN))
    assert teks.count(" — halaman ") >= len(LAPORAN)
    for harus in ("Tabel 3.5", "14.44%", "Rp9,896,127,789.00", "Rp1,808,970,744.00", "81.72%",
                  TERBILANG_SISA.split(" tujuh ratus")[0], "876,448,684,919", "target 0"):
        assert harus in teks, harus
    assert not re.search(r"#NAME\?|#VALUE!|#DIV/0!|Err:\d+", teks)


def test_bangun_menolak_rencana_yang_ditolak(monkeypatch):
    """The build fails loudly when the pipeline refuses (here: a source that is missing)."""
    monkeypatch.setattr(bangun_induk, "sumber_contoh", lambda: [
        bangun_induk.Sumber("Bidang Hilang", "contoh/tidak-ada.xlsx")])
    with pytest.raises(bangun_induk.BangunGagal, match="tidak-ada"):
        bangun_induk.rencana_contoh()


def test_periksa_nilai_menolak_galat():
    with pytest.raises(bangun_induk.BangunGagal, match="Tabel 3.5!P8"):
        bangun_induk.periksa_nilai({"Tabel 3.5": {"O8": 0.5, "P8": GalatExcel("#DIV/0!")}})
    with pytest.raises(bangun_induk.BangunGagal):
        bangun_induk.periksa_nilai({"Tabel 3.9": {"J6": ""}})
    bangun_induk.periksa_nilai({"Tabel 3.9": {"J6": BELUM}})


def test_folder_sumber_relatif():
    """The addresses are relative to the master's folder (where the examples live)."""
    assert all(not Path(s.alamat).is_absolute() for s in bangun_induk.sumber_contoh())
