"""`kinerja dokumen MASTER [--keluaran PATH.docx] [--templat PATH.toml]`: the CLI face of
sync.dokumen."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_GAGAL, KELUAR_OK, KELUAR_SALAH_PAKAI

BUKU = (".xlsx", ".xlsm")


def _salin_templat(tujuan: Path, konsol: Console, galat: Console) -> int:
    """`--salin-templat`: the packaged sentences as a file staff can edit (uraian.toml
    itself sits inside the installed package, where nobody should edit it)."""
    from sync.dokumen.uraian import teks_bawaan

    if tujuan.suffix.lower() != ".toml":
        galat.print(f"[red]Salinan templat harus berkas .toml: {escape(str(tujuan))}[/]")
        return KELUAR_DITOLAK
    try:
        with tujuan.open("x", encoding="utf-8", newline="\n") as f:  # never overwrite
            f.write(teks_bawaan())
    except FileExistsError:
        galat.print(f"[red]{escape(str(tujuan))} sudah ada; tidak ditimpa. Pilih nama lain.[/]")
        return KELUAR_DITOLAK
    except OSError as e:
        galat.print(f"[red]Tidak dapat menulis {escape(str(tujuan))}: "
                    f"{escape(e.strerror or str(e))}[/]")
        return KELUAR_DITOLAK
    konsol.print(f"[green]Kalimat bawaan disalin ke {escape(str(tujuan))}.[/] Ubah kalimatnya, "
                 f"lalu: kinerja dokumen LKjIP-2021.xlsx --templat {escape(str(tujuan))}",
                 soft_wrap=True)
    return KELUAR_OK


def dokumen(args: argparse.Namespace) -> int:
    konsol = Console(highlight=False)
    galat = Console(highlight=False, stderr=True)  # refusals on stderr, as every command
    if args.salin_templat:
        return _salin_templat(Path(args.salin_templat), konsol, galat)
    if not args.induk:
        galat.print("kinerja dokumen: kesalahan: INDUK wajib diisi (atau --salin-templat); "
                    "lihat kinerja dokumen --help", markup=False)
        return KELUAR_SALAH_PAKAI
    induk = Path(args.induk)
    # beside the master, its own name: LKjIP-2021.xlsx -> LKjIP-2021.docx (never the
    # master itself: the suffix differs)
    keluaran = Path(args.keluaran) if args.keluaran else induk.with_suffix(".docx")

    def tolak(pesan: str) -> int:
        galat.print(f"[red]{escape(pesan)}[/]")
        return KELUAR_DITOLAK

    if not induk.is_file():
        folder = (induk.parent if induk.parent != Path() else Path.cwd()).resolve()
        return tolak(f"Berkas {induk.name} tidak ditemukan (dicari di folder {folder}).")
    if induk.suffix.lower() not in BUKU:
        return tolak(f"{induk} bukan workbook induk (.xlsx/.xlsm).")
    if keluaran.suffix.lower() != ".docx":
        return tolak(f"Keluaran harus berkas .docx: {keluaran}")
    try:
        from addin import mesin
        from sync.dokumen import buat_dokumen
        from sync.dokumen.uraian import TemplatSalah
    except ImportError as e:
        return tolak(str(e))
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
