"""The bundled workbooks: master report, bidang template, example bidang data.

Shipped inside the package so `kinerja konsolidasi` works after any install.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
INDUK = FOLDER / "LKjIP-2021.xlsx"           # the master report workbook (never modified)
TEMPLAT = FOLDER / "templat" / "Templat-Bidang.xlsx"
CONTOH = FOLDER / "contoh"                   # five example bidang from the seed report
