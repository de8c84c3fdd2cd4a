"""One vocabulary (docs/glosarium.md) in what staff read: the messages and help built
from string literals in the product code, and the staff guides. The words the glossary
lists under "Bukan" do not appear there (the internal level id "galat" may, as a value
on its own)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parents[1]
# (pattern, why): the glossary's "Bukan" column, and the master's file name spelt one way
TERLARANG = [
    (re.compile(r"\bgalat\b", re.I), "kesalahan / nilai kesalahan, bukan galat"),
    (re.compile(r"\bBASI\b|\bbasi\b(?!_)|mungkin sudah usang|\bdata usang\b"),
     "data lama, bukan BASI/usang"),
    (re.compile(r"\b(sheet|lembar) bidang\b", re.I), "workbook bidang (tab di dalamnya)"),
    (re.compile(r"\bfile induk\b|\bmaster\b", re.I), "workbook induk"),
    (re.compile(r"LKjIP 2021\.xlsx|LKJIP-2021|lkjip-2021\.xlsx"), "LKjIP-2021.xlsx"),
    (re.compile(r"\bdry run\b|\bbackup\b", re.I), "mode coba / cadangan"),
    (re.compile(r"realisasi triwulan TW", re.I), "realisasi TW I"),
    (re.compile(r"\bsheet-nya\b", re.I), "workbook-nya (workbook bidang) / lembar"),
    (re.compile(r"\bmilik alat\b|\| alat \|", re.I), "lembar milik Kinerja"),
]
# Wrong in commands and file names too, so looked for in code spans as well: the extra
# is gone (pip would fetch PyPI's unrelated "kinerja"), the document is <nama induk>.docx
PERINTAH_USANG = [
    (re.compile(r"\[hitung\]"), "mesin rumus ikut terpasang bersama Kinerja"),
    (re.compile(r"LKjIP-<|LKjIP-LKjIP"), "<nama induk>.docx (LKjIP-2021.docx)"),
]
TERLARANG += PERINTAH_USANG
# In the guides, the README's staff guide and --help, a bare "sheet" is not a word of
# ours either (glossary: lembar in the master, workbook bidang / tab for a bidang); "Google
# Sheets" and Google's "spreadsheet" are names. Code literals in sync/ are not held to
# this (MIME types and XML paths say sheet); workbooks/ is: its literals are the text of
# the template's and the master's sheets (Tabel 3.9's note once said "di sheet Indikator").
SHEET = (re.compile(r"(?<!Google )\bsheet\b(?!s)", re.I), "lembar / workbook bidang / tab")
# modules whose literals staff read (messages, help, sheet text); argparse's own
# "deprecated" wording in pengurai is not about data
# sync/tulis and workbooks/ hold the texts written into the template, the master and
# their sheets (the template's "Petunjuk Pengisian Sheet Bidang" slipped through when
# only the message modules were read)
MODUL = sorted(p for d in ("sync/cli", "sync/induk", "sync/model", "sync/sumber",
                           "sync/tulis", "sync/periksa", "sync/dokumen")
               for p in (AKAR / d).glob("*.py")) + sorted(
    (AKAR / "workbooks").rglob("*.py")) + [AKAR / "sync/konsolidasi.py",
                                          AKAR / "sync/tombol.py"]


def _literal(berkas: Path) -> list[tuple[int, str]]:
    """String literals that are not docstrings (f-strings by their constant parts)."""
    pohon = ast.parse(berkas.read_text(encoding="utf-8"))
    doc = {id(n.body[0].value) for n in ast.walk(pohon)
           if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
           and n.body and isinstance(n.body[0], ast.Expr)
           and isinstance(n.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(pohon)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in doc
            and n.value.strip() not in ("galat", "sumber_basi")]


def _pelanggaran(teks: str, pola_lain=()) -> list[str]:
    return [why for pola, why in (*TERLARANG, *pola_lain) if pola.search(teks)]


def _baris_salah(teks: str) -> list[tuple[int, str, list[str]]]:
    """Prose lines breaking the glossary; inline code and code blocks are left out
    (identifiers, paths, commands)."""
    usang = [(i, baris.strip()[:120], why) for i, baris in enumerate(teks.splitlines(), 1)
             for pola, why in PERINTAH_USANG if pola.search(baris)]
    teks = re.sub(r"```.*?```", "", teks, flags=re.S)
    teks = re.sub(r"`[^`\n]*`", "", teks)
    return usang + [(i, baris.strip()[:120], _pelanggaran(baris, (SHEET,)))
                    for i, baris in enumerate(teks.splitlines(), 1)
                    if _pelanggaran(baris, (SHEET,))]


@pytest.mark.parametrize("berkas", MODUL, ids=lambda p: str(p.relative_to(AKAR)))
def test_pesan_memakai_istilah_glosarium(berkas):
    lain = (SHEET,) if AKAR / "workbooks" in berkas.parents else ()
    salah = [(baris, teks, _pelanggaran(teks, lain)) for baris, teks in _literal(berkas)
             if _pelanggaran(teks, lain) and not teks.isidentifier()]
    assert salah == []


@pytest.mark.parametrize("berkas", sorted((AKAR / "docs").glob("*.md")),
                         ids=lambda p: p.name)
def test_panduan_memakai_istilah_glosarium(berkas):
    if berkas.name == "glosarium.md":
        pytest.skip("the glossary names the words not to use")
    assert _baris_salah(berkas.read_text(encoding="utf-8")) == []


def test_panduan_singkat_readme_memakai_istilah_glosarium():
    """The README's Indonesian part (the rest is English for developers)."""
    teks = (AKAR / "README.md").read_text(encoding="utf-8")
    awal = teks.index("## Panduan singkat")
    akhir = teks.find("\n## ", awal + 1)
    bagian = teks[awal:akhir if akhir > 0 else None]
    assert "Konsolidasi akhir tahun" in bagian  # the section the test means to read
    assert _baris_salah(bagian) == []


def _semua_bantuan(parser, jalur=("kinerja",)):
    import argparse

    yield " ".join(jalur), parser.format_help()
    for aksi in parser._actions:
        if isinstance(aksi, argparse._SubParsersAction):
            for nama, anak in aksi.choices.items():
                yield from _semua_bantuan(anak, (*jalur, nama))


def test_bantuan_perintah_memakai_istilah_glosarium():
    from sync.cli import buat_parser

    bantuan = dict(_semua_bantuan(buat_parser()))
    assert {"kinerja konsolidasi", "kinerja dokumen", "kinerja templat periksa"} <= set(bantuan)
    salah = {nama: _pelanggaran(" ".join(teks.split()), (SHEET,))
             for nama, teks in bantuan.items() if _pelanggaran(" ".join(teks.split()), (SHEET,))}
    assert salah == {}


def test_pola_menangkap_yang_dilarang():
    """The check can fail: each pattern finds what it is meant to find."""
    for contoh in ("ada 3 galat", "data BASI", "dipakai dan mungkin sudah usang",
                   "buka sheet bidang", "file induk", "kinerja hitung LKjIP 2021.xlsx",
                   "mode dry run", "Realisasi triwulan TW I", "memeriksa sheet-nya sendiri",
                   "### Lembar milik alat", "| Riwayat | alat | ya |",
                   'pip install "kinerja[hitung]"', "nama LKjIP-<nama induk>.docx"):
        assert _pelanggaran(contoh), contoh
    for contoh in ("alamat sheet setiap bidang", "Membaca sheet setiap bidang"):
        assert _pelanggaran(contoh, (SHEET,)), contoh
    for baik in ("ada 3 kesalahan", "data lama", "buka workbook bidang", "workbook induk",
                 "kinerja hitung LKjIP-2021.xlsx", "mode coba", "realisasi TW I",
                 "memeriksa workbook-nya sendiri", "lembar milik Kinerja", "LKjIP-2021.docx",
                 "dibaca dari Google Sheets", "spreadsheet bidang baru", "alat bantu"):
        assert not _pelanggaran(baik, (SHEET,)), baik


@pytest.mark.parametrize("berkas", ["templat/Templat-Bidang.xlsx", "contoh/01-sekretariat.xlsx",
                                    "LKjIP-2021.xlsx"])
def test_workbook_jadi_memakai_istilah_glosarium(berkas):
    """What staff read in the committed workbooks themselves (cells and title): a text
    changed in the builder shows here only once the workbooks are rebuilt."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(AKAR / "workbooks" / berkas, read_only=True)
    teks = [wb.properties.title or ""] + [
        f"{ws.title}!{v}" for ws in wb.worksheets for baris in ws.iter_rows(values_only=True)
        for v in baris if isinstance(v, str) and not v.startswith("=")]
    wb.close()
    salah = [(t[:120], _pelanggaran(t)) for t in teks if _pelanggaran(t)]
    assert salah == []


def test_panduan_templat_menyebut_kolom_setiap_tab_seperti_skema():
    """docs/templat-bidang.md's column table of each tab lists the template's columns,
    no more (its Statistik table once listed the Indikator tab's hierarchy columns)."""
    from sync.model import skema

    teks = (AKAR / "docs" / "templat-bidang.md").read_text(encoding="utf-8")
    for tab in skema.TABS:
        bagian = teks.split(f"## Tab {tab.nama}\n", 1)[1].split("\n## ", 1)[0]
        bagian = bagian.split("\n### ", 1)[0]
        kolom = [b.split("|")[1].strip() for b in bagian.splitlines()
                 if b.startswith("| ") and not b.startswith("| Kolom")]
        harap = [k.judul for k in tab.kolom if not k.kunci.startswith("tw")]
        tw = [k.judul for k in tab.kolom if k.kunci.startswith("tw")]
        if tw:  # one line for the four quarters
            harap.insert([k.kunci for k in tab.kolom].index("tw1"), f"{tw[0]} … TW IV")
        if tab.tahun_kolom:
            harap.append("2020, 2021, …")
        assert kolom == harap, tab.nama
