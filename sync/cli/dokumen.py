"""`kinerja dokumen MASTER [--keluaran PATH.docx] [--templat PATH.toml]`: the CLI face of
sync.dokumen."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_GAGAL, KELUAR_OK

BUKU = (".xlsx", ".xlsm")


def dokumen(args: argparse.Namespace) -> int:
    konsol = Console(highlight=False)
    galat = Console(highlight=False, stderr=True)  # refusals on stderr, as every command
    induk = Path(args.induk)
    keluaran = Path(args.keluaran) if args.keluaran else induk.with_name(
        f"LKjIP-{induk.stem}.docx")

    def tolak(pesan: str) -> int:
        galat.print(f"[red]{escape(pesan)}[/]")
        return KELUAR_DITOLAK

    if not induk.is_file() or induk.suffix.lower() not in BUKU:
        return tolak(f"{induk} bukan workbook induk (.xlsx/.xlsm) yang ada.")
    if keluaran.suffix.lower() != ".docx":
        return tolak(f"Keluaran harus berkas .docx: {keluaran}")
    try:
        from addin import mesin
        from sync.dokumen import buat_dokumen
        from sync.dokumen.uraian import TemplatSalah
    except ImportError as e:
        return tolak(f"{e} (pasang: pip install \"kinerja[hitung]\")")
    try:
        hasil = buat_dokumen(induk, keluaran, args.templat)
    except (TemplatSalah, mesin.BukuTidakTerbaca) as e:
        return tolak(str(e))
    except OSError as e:
        return tolak(f"Tidak dapat menulis {keluaran}: {e.strerror or e}")
    except Exception as e:  # a bug, not bad input: say so plainly
        galat.print(f"[red]Dokumen gagal dibuat karena kesalahan program: {escape(repr(e))}. "
                     "Laporkan pesan ini ke pengembang.[/]")
        return KELUAR_GAGAL
    konsol.print(f"[green]Dokumen LKjIP dibuat: {escape(str(hasil))}[/]")
    return KELUAR_OK
