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
