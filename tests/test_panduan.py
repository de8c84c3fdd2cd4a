"""The guides messages send staff to: every `panduan("...")` the code names is a guide
in docs/, and the path printed is the installed copy when there is one (a wheel install,
tests/test_roda.py builds one), else the repository's docs/."""

from __future__ import annotations

import re
from pathlib import Path

from sync import bawaan
from sync.sumber.google_kredensial import KredensialGagal, cari_kredensial

AKAR = Path(__file__).resolve().parents[1]


def test_setiap_panduan_yang_disebut_ada():
    disebut = {m for f in (AKAR / "sync").rglob("*.py")
               for m in re.findall(r'panduan\("([\w-]+)"\)', f.read_text(encoding="utf-8"))}
    assert {"google-sheets", "panduan-addin"} <= disebut
    for nama in disebut:
        assert bawaan.panduan(nama).is_file(), nama


def test_salinan_terpasang_didahulukan(tmp_path, monkeypatch):
    terpasang = tmp_path / "panduan"
    terpasang.mkdir()
    (terpasang / "google-sheets.md").write_text("# Google Sheets\n", encoding="utf-8")
    monkeypatch.setattr(bawaan, "PANDUAN", (terpasang, AKAR / "docs"))
    assert bawaan.panduan("google-sheets") == terpasang / "google-sheets.md"
    assert bawaan.panduan("glosarium") == AKAR / "docs" / "glosarium.md"


def test_pesan_menyebut_jalur_yang_ada(tmp_path):
    try:
        cari_kredensial(env={"HOME": str(tmp_path), "APPDATA": str(tmp_path)})
    except KredensialGagal as e:
        pesan = e.pesan
    jalur = Path(pesan.split("Panduan: ")[1].removesuffix("."))
    assert jalur.is_absolute() and jalur.is_file() and jalur.name == "google-sheets.md"
    assert "docs/google-sheets.md." not in pesan.replace(str(jalur), "")


def test_perintah_panduan(capsys):
    from sync.cli import main
    from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_OK

    assert main(["panduan"]) == KELUAR_OK
    daftar = capsys.readouterr().out
    assert str(bawaan.panduan("google-sheets")) in daftar and "glosarium" in daftar
    # the team's notes (docs/dev, in English: data-contoh among them) are no staff guide
    assert "arsitektur" not in daftar and "data-contoh" not in daftar
    assert main(["panduan", "glosarium", "--jalur"]) == KELUAR_OK
    assert capsys.readouterr().out.strip() == str(bawaan.panduan("glosarium"))
    assert main(["panduan", "Glosarium.md"]) == KELUAR_OK
    assert "| **kesalahan** |" in capsys.readouterr().out
    assert main(["panduan", "tidak-ada"]) == KELUAR_DITOLAK
    assert "Panduan yang ada: glosarium, google-sheets" in capsys.readouterr().err
