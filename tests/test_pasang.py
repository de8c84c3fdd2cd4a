"""`kinerja addin pasang | lepas` against the Excel/xlwings stand-in (issue 13, item 7).

XLSTART is a real temporary folder, so the copy is a real copy that can fail; the
interpreter is a fake folder that holds (or lacks) the xlwings DLL. What Excel
itself does with the add-in is only verifiable on Windows (docs/dev/xlwings.md).
"""

from __future__ import annotations

import atexit
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from addin import xlam
from sync.cli import addin as perintah
from sync.cli import main
from sync.cli.keluar import KELUAR_GAGAL, KELUAR_OK
from tests.xlwings_palsu import XlwingsPalsu

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
DLL = "xlwings64-0.37.8.dll"


@pytest.fixture
def windows(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")


def _python(tmp_path: Path, dll_di: str = "folder") -> tuple[Path, Path]:
    """(python.exe, prefix) of a fake Python; the DLL in its folder, its parent, or nowhere."""
    prefix = tmp_path / "py"
    exe = prefix / "Scripts" / "python.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    if dll_di == "folder":
        (exe.parent / DLL).write_bytes(b"dll")
    elif dll_di == "induk":
        (prefix / DLL).write_bytes(b"dll")
    return exe, prefix


def _jalankan(monkeypatch, palsu, exe, prefix, *argv) -> int:
    monkeypatch.setattr(perintah, "_xlwings", lambda: palsu)
    asli = perintah.pasang
    monkeypatch.setattr(perintah, "pasang",
                        lambda glob, xw: asli(glob, xw, python=exe, prefix=prefix))
    return main(["addin", *argv])


def _konfigurasi(xlam_path: Path) -> dict[str, str]:
    """Column A -> column B of the add-in's config sheet, shared and inline strings."""
    with zipfile.ZipFile(xlam_path) as z:
        sst = [("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
               for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
        lembar = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    hasil, baris_ke = {}, []
    for row in lembar.iter(f"{{{NS['m']}}}row"):
        sel = {}
        for c in row.findall("m:c", NS):
            v = c.find("m:v", NS)
            t = c.find("m:is/m:t", NS)
            teks = (sst[int(v.text)] if c.get("t") == "s" else
                    (t.text or "") if t is not None else (v.text if v is not None else ""))
            sel[c.get("r")[0]] = teks
        if sel.get("A"):
            hasil[sel["A"]] = sel.get("B", "")
            baris_ke.append(int(row.get("r")))
    assert baris_ke == list(range(1, len(baris_ke) + 1))  # contiguous from A1 (End(xlDown))
    return hasil


def test_pasang_saat_excel_berjalan(tmp_path, windows, monkeypatch, capsys):
    exe, prefix = _python(tmp_path)
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=True)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_OK
    assert palsu.catatan == [
        ("open", "kinerja.xlam"),
        ("import_udfs", "addin.udf", "kinerja.xlam"),
        ("save", "kinerja.xlam"),
    ]
    konf = _konfigurasi(tmp_path / "XLSTART" / "kinerja.xlam")
    assert konf["Interpreter_Win"] == str(exe)
    keluar = capsys.readouterr().out
    assert "tutup semua jendela Excel" in keluar
    assert "hapus lagi centang" in keluar  # switch the trust setting back off


def test_pasang_excel_tersembunyi_ditutup_tanpa_membunuh_excel_lain(tmp_path, windows,
                                                                     monkeypatch):
    exe, prefix = _python(tmp_path, "induk")  # a venv: the DLL in Scripts\..
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=False)
    dilepas = []
    monkeypatch.setattr(atexit, "unregister", dilepas.append)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_OK
    assert palsu.catatan == [
        ("App", {"visible": False, "add_book": False}),
        ("open", "kinerja.xlam"),
        ("import_udfs", "addin.udf", "kinerja.xlam"),
        ("save", "kinerja.xlam"),
        ("api.Quit",),                    # Excel's own Quit, not xlwings' App.quit()
    ]
    assert ("cleanup_bunuh",) not in palsu.catatan and ("quit",) not in palsu.catatan
    assert dilepas == [palsu._xlwindows.cleanup]  # xlwings' atexit killer unregistered


def test_pasang_global(tmp_path, windows, monkeypatch):
    exe, prefix = _python(tmp_path)
    palsu = XlwingsPalsu(tmp_path / "Office" / "XLSTART", excel_jalan=True)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang", "--global") == KELUAR_OK
    assert (tmp_path / "Office" / "XLSTART" / "kinerja.xlam").is_file()


def test_salinan_gagal_dilaporkan(tmp_path, windows, monkeypatch, capsys):
    """XLSTART is a file, not a folder (any OSError of the copy): a clear refusal."""
    exe, prefix = _python(tmp_path)
    (tmp_path / "XLSTART").mkdir()
    (tmp_path / "XLSTART" / "kinerja.xlam").mkdir()  # the target cannot be written
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=False)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_GAGAL
    err = capsys.readouterr().err
    assert "tidak dapat disalin" in err and "Traceback" not in err
    assert ("import_udfs", "addin.udf", "kinerja.xlam") not in palsu.catatan
    assert palsu.catatan[-1] == ("api.Quit",)    # the Excel started here is closed


def test_salinan_tidak_utuh_dilaporkan(tmp_path, windows, monkeypatch, capsys):
    import shutil

    exe, prefix = _python(tmp_path)
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=True)
    asli = shutil.copyfile

    def terpotong(a, b, **kw):  # a disk that fills up halfway through the copy
        if "XLSTART" not in str(b):
            return asli(a, b, **kw)
        Path(b).write_bytes(Path(a).read_bytes()[:100])
        return b

    monkeypatch.setattr(shutil, "copyfile", terpotong)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_GAGAL
    assert "tidak utuh" in capsys.readouterr().err


def test_tanpa_akses_proyek_vba(tmp_path, windows, monkeypatch, capsys):
    exe, prefix = _python(tmp_path)
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=False, impor_gagal=True)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_GAGAL
    assert ("save", "kinerja.xlam") not in palsu.catatan
    assert palsu.catatan[-1] == ("api.Quit",)
    err = capsys.readouterr().err
    assert "Trust access to the VBA project object model" in err
    assert "belum dapat diimpor" in err and "Traceback" not in err


def test_impor_tanpa_modul_dilaporkan(tmp_path, windows, monkeypatch, capsys):
    exe, prefix = _python(tmp_path)
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=True, impor_diam=True)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_GAGAL
    assert "xlwings_udfs" in capsys.readouterr().err
    assert ("save", "kinerja.xlam") not in palsu.catatan


def test_excel_tidak_dapat_dibuka(tmp_path, windows, monkeypatch, capsys):
    exe, prefix = _python(tmp_path)
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=False, app_gagal=True)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_GAGAL
    err = capsys.readouterr().err
    assert "Excel tidak dapat dibuka" in err and "Traceback" not in err


def test_dll_di_appdata_ditolak_sebelum_menyentuh_excel(tmp_path, windows, monkeypatch,
                                                        capsys):
    """pip --user into an all-users Python puts the DLL in %APPDATA%\\Python."""
    import site

    exe, prefix = _python(tmp_path, dll_di="tidak ada")
    appdata = tmp_path / "AppData" / "Roaming" / "Python"
    appdata.mkdir(parents=True)
    (appdata / DLL).write_bytes(b"dll")
    monkeypatch.setattr(site, "getuserbase", lambda: str(appdata))
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=True)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_GAGAL
    err = "".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert f"Couldnotload{DLL}" in err and str(appdata) in err and "(venv)" in err
    assert palsu.catatan == []


def test_galat_tak_terduga_tanpa_traceback(tmp_path, windows, monkeypatch, capsys):
    exe, prefix = _python(tmp_path)
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=True)
    monkeypatch.setattr(xlam, "bangun", lambda *a: 1 / 0)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_GAGAL
    err = capsys.readouterr().err
    assert "ZeroDivisionError" in err and "Traceback" not in err


def test_conda_memakai_kunci_conda(tmp_path, windows, monkeypatch):
    akar = tmp_path / "miniconda3"
    env = akar / "envs" / "kinerja"
    (env / "conda-meta").mkdir(parents=True)
    (akar / "condabin").mkdir(parents=True)
    exe = env / "python.exe"
    exe.write_bytes(b"")
    (env / DLL).write_bytes(b"dll")
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=True)
    assert _jalankan(monkeypatch, palsu, exe, env, "pasang") == KELUAR_OK
    konf = _konfigurasi(tmp_path / "XLSTART" / "kinerja.xlam")
    assert konf["Interpreter_Win"] == ""
    assert konf["Conda Path"] == str(akar) and konf["Conda Env"] == "kinerja"


def test_konfigurasi_conda_base_dan_jalur():
    assert perintah.konfigurasi_python(Path("/x"), Path("/x/python.exe")) == {
        "Interpreter_Win": "/x/python.exe", "Conda Path": "", "Conda Env": ""}


def test_lembar_konfigurasi_lengkap(tmp_path):
    """The keys the VBA reads per UDF call are all on the sheet (blank or false)."""
    konf = _konfigurasi(xlam.bangun(tmp_path / "kinerja.xlam"))
    assert konf["ADD_WORKBOOK_TO_PYTHONPATH"] == "false"
    for kunci in ("ONEDRIVE_CONSUMER_WIN", "ONEDRIVE_COMMERCIAL_WIN", "SHAREPOINT_WIN",
                  "LICENSE_KEY", "PYTHONPATH", "Conda Path", "Conda Env", "Interpreter_Win"):
        assert konf[kunci] == "", kunci
    assert konf["UDF Modules"] == "addin.udf"
    assert "INTERPRETER" not in {k.upper() for k in konf}  # would override "pythonw"


def test_lembar_konfigurasi_di_berkas_repo():
    konf = _konfigurasi(xlam.BAWAAN)
    assert konf["ADD_WORKBOOK_TO_PYTHONPATH"] == "false" and "LICENSE_KEY" in konf


def test_lepas(tmp_path, windows, monkeypatch, capsys):
    (tmp_path / "XLSTART").mkdir()
    (tmp_path / "XLSTART" / "kinerja.xlam").write_bytes(b"x")
    palsu = XlwingsPalsu(tmp_path / "XLSTART", excel_jalan=False)
    monkeypatch.setattr(perintah, "_xlwings", lambda: palsu)
    assert main(["addin", "lepas"]) == KELUAR_OK
    assert not (tmp_path / "XLSTART" / "kinerja.xlam").exists()
    assert palsu.catatan[-1] == ("api.Quit",) and ("cleanup_bunuh",) not in palsu.catatan


def test_jalur_dengan_kurung_siku_tidak_merusak_pesan(tmp_path, windows, monkeypatch, capsys):
    """A folder like "[bold]" or "[/x]" in a path is text, not console markup."""
    exe, prefix = _python(tmp_path / "[/x] [bold]")
    palsu = XlwingsPalsu(tmp_path / "[/salah]" / "XLSTART", excel_jalan=True, impor_gagal=True)
    assert _jalankan(monkeypatch, palsu, exe, prefix, "pasang") == KELUAR_GAGAL
    keluar = capsys.readouterr()
    assert "[/x] [bold]" in "".join(keluar.out.split("\n"))
    assert "Traceback" not in keluar.err and "belum dapat diimpor" in keluar.err
