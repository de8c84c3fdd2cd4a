"""`kinerja hitung`: a workbook with Kinerja's functions computed without Excel.

Expected numbers are worked out by hand here (docs/dev/domain.md's examples and the seed
report's tables), not taken from the code under test.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from addin import mesin
from sync.cli import main
from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_OK

TERBILANG_SISA = ("Satu miliar delapan ratus delapan juta sembilan ratus tujuh puluh ribu "
                  "tujuh ratus empat puluh empat rupiah")
XLSTART = r"C:\Users\staf\AppData\Roaming\Microsoft\Excel\XLSTART\kinerja.xlam"


def tulis_sel(ws, isi: dict[str, object]) -> None:
    """Values, formulas and {=array} formulas into an xlsxwriter sheet."""
    for alamat, v in isi.items():
        if isinstance(v, str) and v.startswith("{="):
            ws.write_array_formula(alamat, v)
        elif isinstance(v, str) and v.startswith("="):
            ws.write_formula(alamat, v)
        else:
            ws.write(alamat, v)


@pytest.fixture
def lkjip(tmp_path) -> Path:
    path = tmp_path / "LKjIP 2021.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    tulis_sel(wb.add_worksheet("Tabel 3.5"), {
        "A1": "Indikator", "B1": "Target", "C1": "Realisasi", "D1": "Capaian", "E1": "Predikat",
        "A2": "Koperasi aktif", "B2": 1368, "C2": 585,
        "D2": "=CAPAIAN(C2,B2)", "E2": "=PREDIKAT(D2)",
        "A3": "Negatif 7/6,5", "B3": 7, "C3": 6.5,
        "D3": '=CAPAIAN(C3,B3,"negatif")', "E3": "=PREDIKAT(D3)",
        "A4": "Negatif 8/9", "B4": 8, "C4": 9,
        "D4": '=CAPAIAN(C4,B4,"negatif")', "E4": "=PREDIKAT(D4)",
        "A5": "Target nol", "B5": 0, "C5": 5, "D5": "=CAPAIAN(C5,B5)", "E5": "=PREDIKAT(D5)",
        "A6": "Belum lapor", "B6": 10, "D6": "=CAPAIAN(C6,B6)", "E6": "=PREDIKAT(D6)",
        # as Excel saves formulas that call an add-in function
        "F2": "=[1]!CAPAIAN(C2,B2)",
        "F3": '=_xludf.CAPAIAN(C3,B3,"negatif")',
        "F4": f"='{XLSTART}'!CAPAIAN(C4,B4,\"negatif\")",
    })
    tulis_sel(wb.add_worksheet("Tabel 3.8"), {
        "A1": "Uraian", "B1": "Pagu", "C1": "Realisasi",
        "A2": "Jumlah", "B2": 9896127789, "C2": 8087157045,
        "D2": "=SERAPAN(C2,B2)", "E2": "=SISA_ANGGARAN(B2,C2)",
        "F2": '=TERBILANG(E2,"rupiah")', "G2": "=RUPIAH(E2)", "H2": "=PERSEN(D2)",
        "A3": "Tanpa anggaran", "B3": 0, "C3": 0, "D3": "=SERAPAN(C3,B3)",
    })
    tulis_sel(wb.add_worksheet("Tabel 2.5"), {
        "A1": 259515461246, "B1": 0.20, "C1": 0.21, "D1": 0.22, "E1": 0.23, "F1": 0.24,
        "G1": 0.25, "A2": "=PROYEKSI(A1,0.2)", "B2:G2": "{=PROYEKSI(A1,B1:G1)}",
    })
    wb.close()
    return path


def _ekspor_json(berkas: Path, tmp_path: Path, *opsi: str) -> dict[tuple[str, str], dict]:
    keluar = tmp_path / "nilai.json"
    assert main(["hitung", str(berkas), "--ekspor", str(keluar), *opsi]) == KELUAR_OK
    return {(b["lembar"], b["sel"]): b for b in json.loads(keluar.read_text(encoding="utf-8"))}


def test_nilai_dihitung_seperti_excel(lkjip, tmp_path):
    sebelum = hashlib.sha256(lkjip.read_bytes()).hexdigest()
    hasil = _ekspor_json(lkjip, tmp_path)
    nilai = {k: b["nilai"] for k, b in hasil.items()}

    t35 = {sel: v for (lb, sel), v in nilai.items() if lb == "Tabel 3.5"}
    assert t35["D2"] == pytest.approx(0.42763157894736842)      # 585 / 1368
    assert t35["E2"] == "Sangat Rendah"                          # <= 50%
    assert t35["D3"] == pytest.approx(1.0714285714285714)       # (2*7 - 6.5) / 7
    assert t35["E3"] == "Sangat Tinggi"
    assert t35["D4"] == pytest.approx(0.875)                     # (2*8 - 9) / 8
    assert t35["E4"] == "Tinggi"
    assert t35["D5"] == "#DIV/0!" and t35["E5"] == "#DIV/0!"
    assert hasil[("Tabel 3.5", "D5")]["jenis"] == "kesalahan"
    assert t35["D6"] == "" and t35["E6"] == ""                   # not reported yet: blank
    assert t35["F2"] == t35["D2"] and t35["F3"] == t35["D3"] and t35["F4"] == t35["D4"]
    assert hasil[("Tabel 3.5", "F2")]["rumus"] == "=CAPAIAN(C2,B2)"

    t38 = {sel: v for (lb, sel), v in nilai.items() if lb == "Tabel 3.8"}
    assert t38["D2"] == pytest.approx(8087157045 / 9896127789)  # seed: 81,72%
    assert t38["E2"] == 1808970744
    assert t38["F2"] == TERBILANG_SISA
    assert t38["G2"] == "Rp1.808.970.744,00"
    assert t38["H2"] == "81,72%"
    assert t38["D3"] == ""                                       # no budget: blank

    t25 = {sel: v for (lb, sel), v in nilai.items() if lb == "Tabel 2.5"}
    assert t25["A2"] == pytest.approx(311418553495.2)            # 259515461246 * 1.2
    # seed Tabel 2.5, 2021..2026 in whole rupiah
    assert [round(t25[f"{k}2"]) for k in "BCDEFG"] == [
        311418553495, 376816449729, 459716068670, 565450764464, 701158947935, 876448684919]

    assert len(hasil) == 13 + 6 + 7                              # formula cells only
    assert hashlib.sha256(lkjip.read_bytes()).hexdigest() == sebelum  # the file is only read


def test_tabel_di_layar(lkjip, capsys):
    assert main(["hitung", str(lkjip), "--lembar", "tabel 3.5"]) == KELUAR_OK
    keluar = capsys.readouterr().out
    assert "Sangat Rendah" in keluar and "#DIV/0!" in keluar and "Tabel 3.5" in keluar
    assert "Tabel 3.8" not in keluar and "Rp1.808" not in keluar


def test_saringan_lembar_sel_semua(lkjip, tmp_path):
    hanya = _ekspor_json(lkjip, tmp_path, "--lembar", "TABEL 3.8")
    assert {lb for lb, _ in hanya} == {"Tabel 3.8"} and len(hanya) == 6
    sel = _ekspor_json(lkjip, tmp_path, "--sel", "'Tabel 3.5'!D2", "--sel", "'Tabel 3.8'!B2:C2")
    assert sorted(sel) == [("Tabel 3.5", "D2"), ("Tabel 3.8", "B2"), ("Tabel 3.8", "C2")]
    assert sel[("Tabel 3.8", "B2")]["nilai"] == 9896127789
    assert sel[("Tabel 3.8", "B2")]["rumus"] == ""
    semua = _ekspor_json(lkjip, tmp_path, "--semua", "--lembar", "Tabel 2.5")
    assert semua[("Tabel 2.5", "A1")] == {"lembar": "Tabel 2.5", "sel": "A1", "rumus": "",
                                          "nilai": 259515461246, "jenis": "angka"}
    assert len(semua) == 7 + 7


def test_ekspor_csv_dan_xlsx(lkjip, tmp_path):
    keluar = tmp_path / "nilai.csv"
    assert main(["hitung", str(lkjip), "--ekspor", str(keluar)]) == KELUAR_OK
    with keluar.open(encoding="utf-8-sig", newline="") as f:
        assert f.readline().strip() == "lembar;sel;rumus;nilai;jenis"  # Indonesian Excel's ';'
        f.seek(0)
        baris = {(b["lembar"], b["sel"]): b for b in csv.DictReader(f, delimiter=";")}
    teks = baris[("Tabel 3.5", "D2")]["nilai"]
    assert "," in teks and "." not in teks  # decimal comma, as the regional settings read it
    assert float(teks.replace(",", ".")) == pytest.approx(585 / 1368)
    assert baris[("Tabel 3.5", "D5")]["nilai"] == "#DIV/0!"
    assert baris[("Tabel 3.8", "F2")]["nilai"] == TERBILANG_SISA

    xlsx = tmp_path / "nilai.xlsx"
    assert main(["hitung", str(lkjip), "--ekspor", str(xlsx)]) == KELUAR_OK
    ws = openpyxl.load_workbook(xlsx)["Nilai"]
    isi = {(r[0], r[1]): r[3] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert isi[("Tabel 3.5", "D2")] == pytest.approx(585 / 1368)
    assert isi[("Tabel 3.5", "E2")] == "Sangat Rendah"
    assert isi[("Tabel 3.5", "D5")] == "#DIV/0!"


@pytest.mark.parametrize(("buat", "opsi", "pesan"), [
    (None, [], "tidak ditemukan"),
    ("bukan zip", [], "bukan workbook"),
    ("teks.txt", [], "bukan workbook Excel"),
    ("ok", ["--ekspor", "hasil.pdf"], "ekspor hanya ke"),
    ("ok", ["--lembar", "Tabel 9.9"], "tidak ada"),
    ("ok", ["--sel", "Tabel 3.5!!D2"], "alamat sel tidak dikenal"),
    ("ok", ["--ekspor", "/folder-yang-tidak-ada/nilai.xlsx"], "tidak dapat menulis"),
])
def test_masukan_salah_ditolak(buat, opsi, pesan, lkjip, tmp_path, capsys):
    if buat is None:
        berkas = tmp_path / "tidak-ada.xlsx"
    elif buat == "ok":
        berkas = lkjip
    elif buat == "teks.txt":
        berkas = tmp_path / "teks.txt"
        berkas.write_text("a,b\n")
    else:
        berkas = tmp_path / "rusak.xlsx"
        berkas.write_text(buat)
    assert main(["hitung", str(berkas), *opsi]) == KELUAR_DITOLAK
    assert pesan in capsys.readouterr().err


# --- standard formulas cross-checked against LibreOffice ---------------------------------------

def _libreoffice_hitung(soffice: str, berkas: Path, kerja: Path) -> dict[str, dict[str, object]]:
    """Recalculate with LibreOffice headless (OOXMLRecalcMode 0 = always recalculate on
    load) and read back the cached values it saved."""
    profil = kerja / "profil" / "user"
    profil.mkdir(parents=True)
    (profil / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
        '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
        "</oor:items>\n", encoding="utf-8")
    keluar = kerja / "lo"
    subprocess.run([soffice, f"-env:UserInstallation={(kerja / 'profil').as_uri()}",
                    "--headless", "--convert-to", "xlsx", "--outdir", str(keluar), str(berkas)],
                   check=True, capture_output=True, timeout=180)
    wb = openpyxl.load_workbook(keluar / berkas.name, data_only=True)
    return {ws.title: {c.coordinate: c.value for r in ws.iter_rows() for c in r}
            for ws in wb.worksheets}


def test_rumus_standar_sama_dengan_libreoffice(libreoffice, tmp_path):
    berkas = tmp_path / "standar.xlsx"
    wb = xlsxwriter.Workbook(str(berkas))
    tulis_sel(wb.add_worksheet("Tabel 3.7"), {
        "A1": 1052, "B1": 207, "C1": "=B1/A1", "D1": "=ROUND(C1*100,2)",
        "A2": 1072, "B2": 222, "C2": "=B2/A2", "D2": "=ROUND(C2*100,2)",
        "A3": 1092, "B3": 233, "C3": "=B3/A3", "D3": "=ROUND(C3*100,2)",
        "E1": "=SUM(B1:B3)", "E2": "=AVERAGE(C1:C3)", "E3": '=IF(C3>0.2,"naik","turun")',
        "F1": "=(C3/C1)^(1/2)-1", "F2": "=1/0", "F3": "=IFERROR(F2,0)",
        "G1": '=SUMIFS(B1:B3,A1:A3,">1060")', "G2": "=INDEX(B1:B3,MATCH(1072,A1:A3,0))",
    })
    tulis_sel(wb.add_worksheet("Tabel 3.8"), {
        "A1": 9896127789, "B1": 8087157045, "C1": "=B1/A1", "D1": "=A1-B1",
        "E1": "='Tabel 3.7'!E1*2",
    })
    wb.close()
    kami = mesin.hitung_buku(berkas)
    lo = _libreoffice_hitung(libreoffice, berkas, tmp_path)
    for lembar, sel in kami.items():
        for alamat, v in sel.items():
            harapan = lo[lembar][alamat]
            if isinstance(v, float) or isinstance(harapan, float):
                assert v == pytest.approx(harapan, rel=1e-12), (lembar, alamat)
            else:
                assert str(v) == str(harapan), (lembar, alamat)
    # and the hand-computed ones, to know both engines are right, not merely equal
    assert kami["Tabel 3.7"]["D1"] == 19.68 and kami["Tabel 3.7"]["D2"] == 20.71
    assert kami["Tabel 3.7"]["D3"] == 21.34  # docs/dev/domain.md, Tabel 3.7 counts
    assert kami["Tabel 3.8"]["C1"] == pytest.approx(0.8172, abs=5e-5)
    assert kami["Tabel 3.8"]["D1"] == 1808970744
