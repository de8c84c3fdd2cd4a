"""argparse speaking Indonesian: the `kinerja` command's help, usage and errors.

argparse builds its English text with `gettext` (module globals `_` and `ngettext`
looked up at call time, CPython Lib/argparse.py). The parser below swaps those two
for a lookup in TEKS while one of its own methods runs, so no English reaches the
staff, and puts the original back afterwards (other argparse users in the same
process, pytest for one, keep theirs). A usage error exits with KELUAR_SALAH_PAKAI,
not argparse's 2, which the `kinerja` command keeps for a refusal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sync.cli.keluar import KELUAR_SALAH_PAKAI

# Every message of CPython 3.11-3.13's argparse that a user can see.
TEKS: dict[str, str] = {
    "usage: ": "Cara pakai: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "optional arguments": "pilihan",
    "subcommands": "perintah",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi Kinerja lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan %(value)r tidak dikenal (pilih salah satu: %(choices)s)",
    "the following arguments are required: %s": "argumen ini wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "expected one argument": "perlu satu nilai",
    "expected at least one argument": "perlu sedikitnya satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected %s argument": "perlu %s nilai",
    "expected %s arguments": "perlu %s nilai",
    "invalid %(type)s value: %(value)r": "%(value)r bukan %(type)s",
    "ambiguous option: %(option)s could match %(matches)s":
        "pilihan %(option)s bisa berarti %(matches)s: tulis lebih lengkap",
    "not allowed with argument %s": "tidak boleh bersama %s",
    "one of the arguments %s is required": "salah satu dari %s wajib diisi",
    "ignored explicit argument %r": "nilai %r diabaikan: pilihan ini tidak bernilai",
    "can't open '%(filename)s': %(error)s": "tidak dapat membuka '%(filename)s': %(error)s",
    "unexpected option string: %s": "pilihan tak terduga: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "perintah %(parser_name)r tidak dikenal (pilih salah satu: %(choices)s)",
    "argument '%(argument_name)s' is deprecated": "argumen '%(argument_name)s' sudah usang",
    "option '%(option)s' is deprecated": "pilihan '%(option)s' sudah usang",
    "command '%(parser_name)s' is deprecated": "perintah '%(parser_name)s' sudah usang",
}


def terjemah(teks: str) -> str:
    return TEKS.get(teks, teks)


def _ngettext(satu: str, banyak: str, n: int) -> str:
    return terjemah(satu if n == 1 else banyak)


@contextmanager
def _bahasa_indonesia() -> Iterator[None]:
    lama = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = terjemah, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = lama  # type: ignore[attr-defined]


def _berbahasa(metode: Callable) -> Callable:
    def pembungkus(*args, **kwargs):
        with _bahasa_indonesia():
            return metode(*args, **kwargs)

    pembungkus.__name__ = metode.__name__
    pembungkus.__doc__ = metode.__doc__
    return pembungkus


class PenataBantuan(argparse.HelpFormatter):
    """Descriptions wrapped paragraph by paragraph; an epilog (examples) kept as written."""

    def _fill_text(self, text, width, indent):
        if text.startswith("Contoh:"):
            return "".join(indent + baris for baris in text.splitlines(keepends=True))
        return "\n".join(super(PenataBantuan, self)._fill_text(bagian, width, indent)
                         for bagian in text.split("\n"))


class _Subperintah(argparse._SubParsersAction):
    """Subcommands whose description defaults to their one-line help."""

    def add_parser(self, name, **kwargs):
        if kwargs.get("help") and not kwargs.get("description"):
            bantuan = kwargs["help"]
            kwargs["description"] = bantuan[:1].upper() + bantuan[1:] + "."
        kwargs.setdefault("formatter_class", PenataBantuan)
        return super().add_parser(name, **kwargs)


class Pengurai(argparse.ArgumentParser):
    """ArgumentParser with Indonesian text and a usage-error exit code of its own."""

    @_berbahasa
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", PenataBantuan)
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", _Subperintah)

    add_subparsers = _berbahasa(argparse.ArgumentParser.add_subparsers)
    add_argument = _berbahasa(argparse.ArgumentParser.add_argument)
    parse_args = _berbahasa(argparse.ArgumentParser.parse_args)
    parse_known_args = _berbahasa(argparse.ArgumentParser.parse_known_args)
    format_usage = _berbahasa(argparse.ArgumentParser.format_usage)
    format_help = _berbahasa(argparse.ArgumentParser.format_help)

    def error(self, message: str):
        """Usage error: the reason and where help is, on stderr; exit KELUAR_SALAH_PAKAI."""
        with _bahasa_indonesia():
            self.print_usage(sys.stderr)
        self.exit(KELUAR_SALAH_PAKAI,
                  f"{self.prog}: kesalahan: {message}\n"
                  f"Bantuan: {self.prog} --help\n")


def bilangan_bulat(teks: str) -> int:
    """int() for argparse, named so its error reads "'x' bukan bilangan bulat"."""
    return int(teks)


bilangan_bulat.__name__ = "bilangan bulat"
