"""`kinerja panduan [NAMA] [--jalur]`: the staff guides that ship with the package, read
offline; the messages that send staff to a guide print the same path."""

from __future__ import annotations

import argparse

from rich.text import Text

from sync import bawaan
from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_OK
from sync.cli.konsol import konsol


def panduan(args: argparse.Namespace) -> int:
    daftar = bawaan.daftar_panduan()
    if not args.nama:
        k = konsol()
        for berkas in daftar:
            k.print(f"{berkas.stem:<22} {berkas}", soft_wrap=True)
        return KELUAR_OK
    nama = args.nama.strip().removesuffix(".md").casefold()
    berkas = next((b for b in daftar if b.stem.casefold() == nama), None)
    if berkas is None:
        konsol(stderr=True).print(Text(
            f"Panduan '{args.nama}' tidak ada. Panduan yang ada: "
            + ", ".join(b.stem for b in daftar) + ".", "red"), soft_wrap=True)
        return KELUAR_DITOLAK
    if args.jalur:
        konsol().print(str(berkas), soft_wrap=True)
    else:
        konsol().print(berkas.read_text(encoding="utf-8"), soft_wrap=True)
    return KELUAR_OK
