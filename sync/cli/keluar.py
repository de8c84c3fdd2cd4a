"""Exit codes of the `kinerja` command (the CLI package alone turns results into them).

Documented in the README ("Exit codes"), docs/panduan-konsolidasi.md and every --help.
"""

KELUAR_OK = 0
KELUAR_SALAH_PAKAI = 1  # the command line itself is wrong: nothing was read or written
KELUAR_DITOLAK = 2  # refused: bad input, lock held, missing source (nothing written)
KELUAR_GAGAL = 3    # failed unexpectedly (nothing written)
