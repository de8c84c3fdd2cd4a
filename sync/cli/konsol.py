"""The one way to the console: text from users and servers is shown as text, in any
encoding, and a console that fails can never fail a run.

Bidang names, cells, headers, paths and server messages can hold `[/]`, `[link=…]` or
`:emoji:` codes that rich would interpret (and crash on), characters the console's code
page cannot show (cp1252 and "≥"), or lone surrogates (from Google's JSON). Every CLI
command prints through `konsol()`; code that must build rich markup escapes the
outside text with `aman()`.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from sync.model.rahasia import redaksi


def aman(teks: object) -> str:
    """Outside text for a rich markup string: shown literally, never interpreted."""
    return escape(str(teks))


def teks_tampil(teks: object, encoding: str | None = None) -> str:
    """`teks` with whatever `encoding` cannot hold (lone surrogates too) replaced by '?'."""
    s = str(teks)
    enc = encoding or "utf-8"
    try:
        s.encode(enc)
        return s
    except (UnicodeEncodeError, LookupError):
        try:
            return s.encode(enc, "replace").decode(enc, "replace")
        except LookupError:
            return s.encode("ascii", "replace").decode("ascii")


class AlirAman:
    """A text stream that never raises: characters the stream cannot encode become '?',
    a closed or broken stream (a pipe into `head`, no console under pythonw) is ignored.

    The stream is looked up on each write, so pytest's capture and redirection work."""

    def __init__(self, stderr: bool = False):
        self._stderr = stderr
        self._putus = False

    @property
    def _alir(self) -> TextIO | None:
        return None if self._putus else (sys.stderr if self._stderr else sys.stdout)

    @property
    def encoding(self) -> str:
        return getattr(self._alir, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        try:
            return bool(self._alir and self._alir.isatty())
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._alir is None:
            raise OSError("tidak ada konsol")
        return self._alir.fileno()

    def write(self, s: str) -> int:
        alir = self._alir
        if alir is None:
            return len(s)
        s = redaksi(s)  # the last guard: no credential reaches the screen
        try:
            try:
                alir.write(s)
            except UnicodeEncodeError:
                alir.write(teks_tampil(s, self.encoding))
        except BrokenPipeError:
            self._putus_total(alir)
        except (OSError, ValueError):  # closed stream, no console: nothing to show it on
            self._putus = True
        return len(s)

    def flush(self) -> None:
        alir = self._alir
        if alir is None:
            return
        try:
            alir.flush()
        except BrokenPipeError:
            self._putus_total(alir)
        except (OSError, ValueError):
            self._putus = True

    def _putus_total(self, alir: TextIO) -> None:
        """The reader went away: send the rest to devnull so that Python's own flush at
        exit does not fail too (it would turn the exit code into 120)."""
        self._putus = True
        try:
            nul = os.open(os.devnull, os.O_WRONLY)
            os.dup2(nul, alir.fileno())
            os.close(nul)
        except (OSError, ValueError, AttributeError):
            pass


def konsol(stderr: bool = False, **kw) -> Console:
    """A console that shows every string literally (no markup, no emoji codes) and whose
    writes never raise. Style with `style=` or rich.text.Text, never with markup."""
    kw.setdefault("markup", False)
    kw.setdefault("emoji", False)
    kw.setdefault("highlight", False)
    return Console(file=AlirAman(stderr), **kw)  # type: ignore[arg-type]
