"""Installation without a published package: the wheel the install guide uses.

docs/panduan-addin.md has the IT person build a wheel from the repository
(`python -m build --wheel`) and install it into a fresh venv with one command.
This test does the same from a clean copy of the repository's files (as a fresh
clone has them): the wheel must carry the add-in, the templates and the `kinerja`
module the ribbon button imports, and work from the venv, away from the sources.

The venv sees this Python's site-packages (--system-site-packages) and the wheel
is installed with --no-deps, so the test needs no download beyond `build`'s own
isolated build environment (setuptools, wheel from the package index); the real
dependencies are installed by the guide's command on the office PC.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[1]


def _salinan_bersih(tujuan: Path) -> Path:
    """The repository's files (tracked, or new and not ignored) copied to `tujuan`."""
    try:
        daftar = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=AKAR, capture_output=True, check=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: no list of the repository's files")
    for nama in filter(None, daftar):
        asal = AKAR / nama
        if asal.is_file():
            (tujuan / nama).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(asal, tujuan / nama)
    return tujuan


@pytest.mark.slow
def test_roda_dibangun_dan_dipasang_di_venv_baru(tmp_path):
    repo = _salinan_bersih(tmp_path / "repo")
    bangun = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir",
                             str(tmp_path / "dist"), str(repo)],
                            capture_output=True, text=True, timeout=600)
    assert bangun.returncode == 0, bangun.stdout[-2000:] + bangun.stderr[-2000:]
    (roda,) = (tmp_path / "dist").glob("kinerja-*-py3-none-any.whl")
    isi = set(zipfile.ZipFile(roda).namelist())
    for perlu in ("kinerja.py", "addin/kinerja.xlam", "addin/udf.py", "sync/tombol.py",
                  "workbooks/templat/Templat-Bidang.xlsx", "workbooks/LKjIP-2021.xlsx"):
        assert perlu in isi, perlu
    assert not any(n.startswith("tests/") for n in isi)
    # the staff guides that messages name, with their images; not the team's notes
    for perlu in ("sync/panduan/google-sheets.md", "sync/panduan/panduan-addin.md",
                  "sync/panduan/glosarium.md", "sync/panduan/img/tabel-3-5.png"):
        assert perlu in isi, perlu
    assert not any(n.startswith(("docs/", "sync/panduan/dev/")) for n in isi)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True, timeout=300)
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pasang = subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index",
                             str(roda)], capture_output=True, text=True, timeout=300)
    assert pasang.returncode == 0, pasang.stderr[-2000:]

    lingkungan = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cek = subprocess.run(
        [str(py), "-c", "import addin, kinerja, sync.tombol; from addin import udf, xlam; "
         "print(addin.__file__); print(kinerja.__file__); print(xlam.BAWAAN.is_file())"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=lingkungan)
    assert cek.returncode == 0, cek.stderr[-2000:]
    berkas_addin, berkas_kinerja, ada_xlam = cek.stdout.split()
    assert Path(berkas_addin).is_relative_to(venv)   # the wheel's copy, not the sources
    assert Path(berkas_kinerja).is_relative_to(venv)
    assert ada_xlam == "True"
    # a message that sends staff to a guide names a file that exists in this install
    pesan = subprocess.run(
        [str(py), "-c", "from sync.sumber.google_kredensial import KredensialGagal, "
         "cari_kredensial\ntry:\n    cari_kredensial(env={'HOME': '.', 'APPDATA': '.'})\n"
         "except KredensialGagal as e:\n    print(e.pesan)"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=lingkungan)
    assert pesan.returncode == 0, pesan.stderr[-2000:]
    jalur = Path(pesan.stdout.split("Panduan: ")[1].strip().removesuffix("."))
    assert jalur.name == "google-sheets.md" and jalur.is_file()
    assert jalur.is_relative_to(venv)  # the installed copy, not the sources'
    skrip = venv / ("Scripts/kinerja.exe" if os.name == "nt" else "bin/kinerja")
    bantuan = subprocess.run([str(skrip), "addin", "--help"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=120, env=lingkungan)
    assert bantuan.returncode == 0 and "pasang" in bantuan.stdout
