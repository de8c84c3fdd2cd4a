"""The add-in file (addin/kinerja.xlam) and `kinerja addin pasang|lepas|bangun`.

The xlam is checked as files and XML (no Excel here). Installing is checked with a
stand-in for xlwings that records the calls `pasang` makes; what Excel itself does
with them is only verifiable on Windows.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
import xlwings

from addin import xlam
from sync.cli import main
from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_OK

olevba = pytest.importorskip("oletools.olevba")

DIUBAH = {"customUI/customUI.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
          "docProps/core.xml"}
CT_XLAM = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
CT_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
NS_UI = "{http://schemas.microsoft.com/office/2006/01/customui}"


@pytest.fixture(scope="module")
def dibangun(tmp_path_factory):
    """(fresh kinerja.xlam, xlwings' quickstart template) from the installed xlwings."""
    d = tmp_path_factory.mktemp("xlam")
    return xlam.bangun(d / "hasil" / "kinerja.xlam"), xlam.templat_xlwings(d)


@pytest.fixture(scope="module")
def vba(dibangun):
    """VBA module name -> source, read with olevba (reading only)."""
    parser = olevba.VBA_Parser(str(dibangun[0]))
    try:
        return {Path(nama).stem: kode for _, _, nama, kode in parser.extract_macros()}
    finally:
        parser.close()


@contextlib.contextmanager
def _buka_openpyxl(xlam_path: Path) -> Iterator[openpyxl.Workbook]:
    """openpyxl refuses the add-in content type, so read a copy in memory whose
    [Content_Types].xml calls the workbook part an .xlsm; every other byte is the xlam's."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(xlam_path) as zin, zipfile.ZipFile(keluar, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                assert CT_XLAM.encode() in data
                data = data.replace(CT_XLAM.encode(), CT_XLSM.encode())
            zout.writestr(info, data)
    keluar.seek(0)
    wb = openpyxl.load_workbook(keluar, keep_vba=True)
    try:
        yield wb
    finally:
        wb.vba_archive.close()


def _konfigurasi(xlam_path: Path, lembar: str = "myaddin.conf") -> dict[str, object]:
    """Column A -> column B of the add-in's config sheet."""
    with _buka_openpyxl(xlam_path) as wb:
        ws = wb[lembar]
        return {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)
                if ws.cell(r, 1).value}


def test_zip_sah_dan_vba_utuh(dibangun):
    baru, templat = dibangun
    with zipfile.ZipFile(baru) as zb, zipfile.ZipFile(templat) as zt:
        assert zb.testzip() is None
        assert zb.namelist() == zt.namelist()
        assert zb.read("xl/vbaProject.bin") == zt.read("xl/vbaProject.bin")
        for nama in zt.namelist():
            if nama not in DIUBAH:
                assert zb.read(nama) == zt.read(nama), nama
        assert CT_XLAM in zb.read("[Content_Types].xml").decode()


def test_openpyxl_membuka_dengan_keep_vba(dibangun):
    with _buka_openpyxl(dibangun[0]) as wb:
        assert "xl/vbaProject.bin" in wb.vba_archive.namelist()
        assert wb.sheetnames == ["myaddin.conf"]


def test_pita_kinerja_dan_tombol_ada_di_vba(dibangun, vba):
    with zipfile.ZipFile(dibangun[0]) as z:
        ui = ET.fromstring(z.read("customUI/customUI.xml"))
    tab = ui.findall(f"{NS_UI}ribbon/{NS_UI}tabs/{NS_UI}tab")
    assert [t.get("label") for t in tab] == ["Kinerja"]
    tombol = tab[0].findall(f"{NS_UI}group/{NS_UI}button")
    assert [b.get("label") for b in tombol] == ["Konsolidasi"]
    modul, prosedur = tombol[0].get("onAction").split(".")
    # a ribbon callback: Sub <name>(control As IRibbonControl) in that module
    assert re.search(rf"^Sub {prosedur}\(control As IRibbonControl\)", vba[modul], re.M)


def test_lembar_konfigurasi_aktif_dengan_modul_udf(dibangun, vba):
    # The VBA reads the sheet named PROJECT_NAME & ".conf" (GetConfigFromSheet)
    proyek = re.search(r'PROJECT_NAME As String = "([^"]+)"', vba["xlwings"]).group(1)
    assert 'wb.Sheets(PROJECT_NAME & ".conf")' in vba["xlwings"]
    assert 'GetConfig("UDF MODULES")' in vba["xlwings"]
    konf = _konfigurasi(dibangun[0], f"{proyek}.conf")
    assert konf["UDF Modules"] == "addin.udf"
    # the template's other settings are kept as they were
    assert konf["Debug UDFs"] is False and konf["Use UDF Server"] is False
    assert konf["Interpreter_Win"] is None


def test_tombol_menjalankan_modul_kinerja(vba):
    """RunMain imports the module named after the add-in file: kinerja.xlam -> kinerja."""
    kode = vba["RibbonMyAddin"]
    assert "Left(ThisWorkbook.Name, (InStrRev(ThisWorkbook.Name" in kode
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in kode
    import kinerja

    assert xlam.NAMA_BERKAS == "kinerja.xlam" and callable(kinerja.main)


def test_interpreter_diisi_untuk_pemasangan(tmp_path):
    p = xlam.bangun(tmp_path / "kinerja.xlam", {"Interpreter_Win": r"C:\Py 3\python.exe"})
    konf = _konfigurasi(p)
    assert konf["Interpreter_Win"] == r"C:\Py 3\python.exe"
    assert konf["UDF Modules"] == "addin.udf"


def test_kunci_konfigurasi_tidak_dikenal(tmp_path):
    with pytest.raises(ValueError, match="TIDAK_ADA"):
        xlam.bangun(tmp_path / "kinerja.xlam", {"TIDAK_ADA": "x"})


def test_bangun_dua_kali_sama_persis(tmp_path, dibangun):
    ulang = xlam.bangun(tmp_path / "kinerja.xlam")
    assert ulang.read_bytes() == dibangun[0].read_bytes()


def test_berkas_di_repo_terbaru(dibangun):
    versi = xlam.versi_xlwings(xlam.BAWAAN)
    if versi != xlwings.__version__:
        pytest.skip(f"addin/kinerja.xlam dibangun dari xlwings {versi}, terpasang "
                    f"{xlwings.__version__}: jalankan `kinerja addin bangun`")
    assert xlam.BAWAAN.read_bytes() == dibangun[0].read_bytes()


def test_cli_bangun(tmp_path, capsys):
    assert main(["addin", "bangun", "--keluaran", str(tmp_path)]) == KELUAR_OK
    assert (tmp_path / "kinerja.xlam").is_file()
    assert main(["addin", "bangun", "--keluaran", str(tmp_path / "lain.xlam")]) == KELUAR_OK
    assert "hanya bekerja bila berkasnya bernama kinerja.xlam" in capsys.readouterr().out


# --- kinerja addin pasang / lepas: tests/test_pasang.py (with tests/xlwings_palsu.py) -------

@pytest.mark.skipif(sys.platform.startswith("win"), reason="the refusal is for Linux/macOS")
@pytest.mark.parametrize("aksi", ["pasang", "lepas"])
def test_bukan_windows_ditolak(aksi, capsys):
    assert main(["addin", aksi]) == KELUAR_DITOLAK
    assert "hanya dapat dipasang di Excel untuk Windows" in capsys.readouterr().err


def test_main_menjalankan_konsolidasi_tombol(monkeypatch):
    """kinerja.main() is what RunMain runs; it hands over to sync.tombol.jalankan."""
    import kinerja
    from sync import tombol

    dipanggil = []
    monkeypatch.setattr(tombol, "jalankan", lambda: dipanggil.append(True))
    kinerja.main()
    assert dipanggil == [True]
