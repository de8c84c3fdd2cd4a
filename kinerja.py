"""Python side of the Kinerja add-in's ribbon button.

kinerja.xlam's button runs xlwings' `RibbonMyAddin.RunMain`, which executes
`import kinerja; kinerja.main()` (the module is named after the add-in file).
The consolidation itself lives in sync.tombol; it is imported only when the
button is clicked, so importing this module stays cheap.
"""

from __future__ import annotations


def main() -> None:
    """Run the consolidation into the workbook that is open in Excel."""
    from sync.tombol import jalankan

    jalankan()
