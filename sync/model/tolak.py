"""Refusals: the run stops with an Indonesian reason and nothing is written."""


class TulisDitolak(Exception):
    """Writing was refused and nothing changed; `pesan` (Indonesian) says why."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


class TulisGagal(TulisDitolak):
    """Writing failed on the file system (disk full, no permission, ...); nothing
    changed either, so callers that only catch TulisDitolak still tell the user."""
