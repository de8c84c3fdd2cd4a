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
]
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


def _pelanggaran(teks: str) -> list[str]:
    return [why for pola, why in TERLARANG if pola.search(teks)]


@pytest.mark.parametrize("berkas", MODUL, ids=lambda p: str(p.relative_to(AKAR)))
def test_pesan_memakai_istilah_glosarium(berkas):
    salah = [(baris, teks, _pelanggaran(teks)) for baris, teks in _literal(berkas)
             if _pelanggaran(teks) and not teks.isidentifier()]
    assert salah == []


@pytest.mark.parametrize("berkas", sorted((AKAR / "docs").glob("*.md")),
                         ids=lambda p: p.name)
def test_panduan_memakai_istilah_glosarium(berkas):
    if berkas.name == "glosarium.md":
        pytest.skip("the glossary names the words not to use")
    if berkas.name == "data-contoh.md":
        pytest.skip("written in English, for whoever rebuilds the example data")
    teks = berkas.read_text(encoding="utf-8")
    teks = re.sub(r"`[^`\n]*`", "", teks)  # code: identifiers, paths, commands
    teks = re.sub(r"```.*?```", "", teks, flags=re.S)
    salah = [(i, baris.strip()[:120], _pelanggaran(baris))
             for i, baris in enumerate(teks.splitlines(), 1) if _pelanggaran(baris)]
    assert salah == []


def test_pola_menangkap_yang_dilarang():
    """The check can fail: each pattern finds what it is meant to find."""
    for contoh in ("ada 3 galat", "data BASI", "dipakai dan mungkin sudah usang",
                   "buka sheet bidang", "file induk", "kinerja hitung LKjIP 2021.xlsx",
                   "mode dry run", "Realisasi triwulan TW I"):
        assert _pelanggaran(contoh), contoh
    for baik in ("ada 3 kesalahan", "data lama", "buka workbook bidang", "workbook induk",
                 "kinerja hitung LKjIP-2021.xlsx", "mode coba", "realisasi TW I"):
        assert not _pelanggaran(baik), baik


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
