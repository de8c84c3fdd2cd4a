"""`kinerja ekspor`: the master for readers without the add-in (sync/tulis/ekspor.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_OK


def ekspor(args: argparse.Namespace) -> int:
    """`kinerja ekspor INDUK --pdf [BERKAS] --nilai [BERKAS]`: the master for readers
    without the add-in (sync/tulis/ekspor.py)."""
    from rich.markup import escape

    from sync.tulis import ekspor as e
    from sync.tulis.berkas import tulis_atomik

    konsol = Console()
    induk = Path(args.induk)
    if args.pdf is None and args.nilai is None:
        konsol.print("[red]Pilih --pdf dan/atau --nilai.[/]")
        return KELUAR_DITOLAK
    try:
        data = induk.read_bytes()
    except OSError as err:
        konsol.print(f"[red]Workbook induk tidak dapat dibaca: {escape(str(induk))} "
                     f"({escape(err.strerror or str(err))}).[/]")
        return KELUAR_DITOLAK
    try:
        if e.hitung_penuh(data):
            konsol.print("[yellow]Peringatan: sebagian rumus induk ini belum dihitung ulang "
                         "(lihat temuan info Konsolidasi); angka yang tersimpan mungkin lama. "
                         "Buka dan simpan dulu di Excel yang memiliki add-in Kinerja.[/]")
        if args.nilai is not None:
            tujuan = Path(args.nilai or induk.with_name(induk.stem + "-nilai.xlsx"))
            tulis_atomik(tujuan, e.salin_nilai(data, induk.name))
            konsol.print(f"[green]Salinan nilai ditulis: {escape(str(tujuan))}[/]")
        if args.pdf is not None:
            tujuan = Path(args.pdf or induk.with_suffix(".pdf"))
            lembar = e.ke_pdf(data, tujuan, induk.name)
            konsol.print(f"[green]PDF ditulis: {escape(str(tujuan))} ({len(lembar)} lembar "
                         f"laporan: {escape(', '.join(lembar))})[/]")
    except e.EksporDitolak as err:
        konsol.print(f"[red]{escape(err.pesan)}[/]")
        return KELUAR_DITOLAK
    except OSError as err:
        konsol.print(f"[red]Gagal menulis: {escape(err.strerror or str(err))}.[/]")
        return KELUAR_DITOLAK
    return KELUAR_OK
