"""Exit codes of the `kinerja` command (the CLI package alone turns results into them)."""

KELUAR_OK = 0
KELUAR_DITOLAK = 2  # refused: bad input, lock held, missing source (nothing written)
KELUAR_GAGAL = 3    # failed unexpectedly (nothing written)
