"""The bundled workbooks (master report, bidang template, example bidang data) and
the scripts that build them from the product. Their paths: sync.bawaan.
"""

from sync.bawaan import CONTOH, FOLDER, INDUK, TEMPLAT

__all__ = ["CONTOH", "FOLDER", "INDUK", "TEMPLAT"]
