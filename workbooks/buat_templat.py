"""Rebuild the bidang template workbooks/templat/Templat-Bidang.xlsx from the product's
template writer (sync.tulis.templat), after a change to sync/model/skema.py.

    python -m workbooks.buat_templat [keluaran.xlsx]
"""

from __future__ import annotations

import sys
from pathlib import Path

import workbooks
from sync.tulis.templat import tulis_buku


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(tulis_buku(Path(args[0]) if args else workbooks.TEMPLAT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
