"""Numbers at the edges: text beyond any exponent, beyond a double, inf/NaN cells.

Excel holds numbers up to 9.99999999999999E+307 (Excel specifications and limits);
beyond that a typed value stays text and arithmetic gives #NUM!. So a source cell
that is not a finite number in that range is a finding naming the cell, never a crash
and never ±inf in the master.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest

import workbooks
from addin import rumus
from addin.angka import baca_angka
from sync.cli import main
from sync.induk.pengaturan import Sumber
from sync.konsolidasi import DITOLAK, konsolidasi
from sync.model.mentah import SumberMentah, TabMentah
from sync.periksa.uji import urai_sumber
from tests.bidang_uji import JUDUL, anggaran, indikator, tulis_bidang

LUAR = ["1e99999999999999999999", "-1e99999999999999999999", "1e309", "1,5e400", "9" * 400,
        "1e-99999999999999999999"]


@pytest.mark.parametrize("teks", LUAR)
def test_text_beyond_range_is_num_error_not_an_exception(teks):
    nilai, _ = baca_angka(teks)
    assert str(nilai) == "#NUM!"
    assert str(rumus.angka(teks)) == "#NUM!"
    assert [str(v) for v in rumus.angka([teks, "2"])] == ["#NUM!", "2.0"]


def test_ordinary_numbers_unchanged():
    assert baca_angka("1.808.970.744,00")[0] == 1808970744.0
    assert baca_angka("1e300")[0] == 1e300
    assert baca_angka("17,39%")[0] == pytest.approx(0.1739)


def _sumber(nilai: object, tab: str = "Indikator") -> SumberMentah:
    ind = [JUDUL["Indikator"], ["IK-01", "Indikator", "orang", "positif", "akhir", 2021,
                                nilai if tab == "Indikator" else 10, None, None, None, None, 5]]
    ang = [JUDUL["Anggaran"], ["A.1", "P", "K", "S", 2021,
                               nilai if tab == "Anggaran" else 100, None, None, None, None, 50]]
    st = [JUDUL["Statistik"] + [2020, 2021],
          ["ST-1", "Deret", "unit", None, None, 1, nilai if tab == "Statistik" else 2]]
    return SumberMentah("Bidang Uji", "uji.xlsx", "xlsx", {
        "Indikator": TabMentah("Indikator", ind), "Anggaran": TabMentah("Anggaran", ang),
        "Statistik": TabMentah("Statistik", st)})


@pytest.mark.parametrize("tab,sel", [("Indikator", "G2"), ("Anggaran", "F2"),
                                     ("Statistik", "G2")])
@pytest.mark.parametrize("nilai", [float("inf"), float("-inf"), float("nan"), 10**400, 1e308,
                                   "1e309", "1e99999999999999999999"])
def test_non_finite_cells_are_findings_naming_the_cell(tab, sel, nilai):
    d = urai_sumber(_sumber(nilai, tab), 2021)
    galat = [t for t in d.temuan if t.tingkat == "galat"]
    assert galat and galat[0].tab == tab and galat[0].sel.endswith(sel), galat
    assert galat[0].kode in ("angka_luar_jangkauan", "bukan_angka")
    for t in (d.indikator, d.anggaran):
        for k in t.kolom.values():
            assert not any(isinstance(v, float) and (v != v or abs(v) > 1e307) for v in k)


@pytest.mark.parametrize("nilai", [float("inf"), float("nan")])
def test_a_year_that_is_not_finite(nilai):
    s = _sumber(5)
    s.tabs["Indikator"].sel[1][5] = nilai
    d = urai_sumber(s, 2021)
    assert any(t.kode == "tahun_salah" and t.sel.endswith("F2") for t in d.temuan)


def _ubah_sel(path: Path, lembar: str, lama: str, baru: str) -> None:
    with zipfile.ZipFile(path) as z:
        isi = {i: z.read(i) for i in z.infolist()}
    for i in isi:
        if i.filename == lembar:
            isi[i] = isi[i].replace(lama.encode(), baru.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i, data in isi.items():
            z.writestr(i, data)


@pytest.mark.parametrize("v", ["1e309", "-1e309", "NaN"])
def test_inf_in_a_workbook_refuses_end_to_end(tmp_path, capsys, v, monkeypatch):
    """A cell <v>1e309</v> (calamine reads it as inf): exit 2, the cell named."""
    monkeypatch.setenv("COLUMNS", "2000")
    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(workbooks.INDUK, induk)
    tulis_bidang(tmp_path / "a.xlsx", indikator_rows=[indikator(target=12345, realisasi=5)],
                 anggaran_rows=[anggaran(pagu=10, realisasi=5)])
    _ubah_sel(tmp_path / "a.xlsx", "xl/worksheets/sheet1.xml", "<v>12345</v>", f"<v>{v}</v>")
    sebelum = hashlib.sha256(induk.read_bytes()).hexdigest()
    h = konsolidasi(induk, sumber=[Sumber("Bidang Uji", str(tmp_path / "a.xlsx"))], tahun=2021)
    assert h.status == DITOLAK
    assert any(t.tingkat == "galat" and t.sel.endswith("G4") for t in h.temuan), h.temuan
    assert main(["konsolidasi", str(induk), "--tahun", "2021", "--sumber",
                 f"Bidang Uji={tmp_path / 'a.xlsx'}"]) == 2
    out = capsys.readouterr().out
    assert "G4" in out and "Traceback" not in out
    assert hashlib.sha256(induk.read_bytes()).hexdigest() == sebelum
    # with --sebagian the bidang is stale, and no inf reaches the master (a second,
    # clean source: --sebagian refuses when no source at all is usable)
    tulis_bidang(tmp_path / "b.xlsx", bidang="Bidang Lain",
                 indikator_rows=[indikator(kode="IK-LAIN", target=10, realisasi=5)],
                 anggaran_rows=[anggaran(kode="9.99.99.9.99.99", pagu=10, realisasi=5)])
    h = konsolidasi(induk, sumber=[Sumber("Bidang Uji", str(tmp_path / "a.xlsx")),
                                   Sumber("Bidang Lain", str(tmp_path / "b.xlsx"))],
                    tahun=2021, sebagian=True)
    assert h.ditulis
    with zipfile.ZipFile(induk) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/"):
                assert not re.search(rb"<v>-?(inf|nan)", z.read(n), re.I), n


@pytest.mark.parametrize("tahun", ["0", "-5", "99999", "1899"])
def test_tahun_option_validated_like_pengaturan(tmp_path, capsys, tahun):
    induk = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(workbooks.INDUK, induk)
    shutil.copytree(workbooks.CONTOH, tmp_path / "contoh")
    sebelum = hashlib.sha256(induk.read_bytes()).hexdigest()
    assert main(["konsolidasi", str(induk), "--tahun", tahun]) == 2
    assert main(["konsolidasi", str(induk), "--tahun", tahun, "--sebagian"]) == 2
    assert "tidak sah" in capsys.readouterr().err  # refusals on stderr
    h = konsolidasi(induk, tahun=int(tahun))
    assert h.status == DITOLAK and "tidak sah" in h.pesan
    assert hashlib.sha256(induk.read_bytes()).hexdigest() == sebelum
    assert main(["templat", "periksa", str(tmp_path / "contoh" / "01-sekretariat.xlsx"),
                 "--tahun", tahun]) == 2
