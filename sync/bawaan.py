"""Where the bundled workbooks (master report, template, examples) are installed.

They ship as package data of `workbooks`, next to this package, so `kinerja
konsolidasi` works after any install; the product reads them as files and never
imports the build scripts there.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "workbooks"
INDUK = FOLDER / "LKjIP-2021.xlsx"           # the master report workbook (never modified)
TEMPLAT = FOLDER / "templat" / "Templat-Bidang.xlsx"
CONTOH = FOLDER / "contoh"                   # five example bidang from the seed report

# The staff guides (docs/*.md): in the package after an install from a wheel (setup.py
# copies them there), in the repository's docs/ for a checkout or an editable install.
PANDUAN = (Path(__file__).resolve().parent / "panduan", FOLDER.parent / "docs")


def panduan(nama: str) -> Path:
    """The path of the staff guide `nama` ("google-sheets") on this machine, for
    messages that send staff to it: a path that exists, whatever the install."""
    for folder in PANDUAN:
        if (folder / f"{nama}.md").is_file():
            return folder / f"{nama}.md"
    return PANDUAN[-1] / f"{nama}.md"


def daftar_panduan() -> list[Path]:
    """Every staff guide found, by name."""
    folder = next((f for f in PANDUAN if any(f.glob("*.md"))), PANDUAN[-1])
    return sorted(folder.glob("*.md"))
