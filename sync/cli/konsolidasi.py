"""The CLI face of the consolidation: progress, summary tables, exit codes.

All work happens in sync.konsolidasi; this module only turns arguments into a
call and a result into text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from addin import rumus
from sync import bawaan
from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_GAGAL, KELUAR_OK
from sync.induk.pengaturan import Sumber
from sync.konsolidasi import COBA, HasilKonsolidasi
from sync.konsolidasi import konsolidasi as jalankan
from sync.model import skema
from sync.model.temuan import GALAT, INFO, PERINGATAN

HASIL_BAWAAN = Path("hasil") / "LKjIP-2021.xlsx"
WARNA = {GALAT: "red", PERINGATAN: "yellow", INFO: "cyan"}


def _sumber_arg(teks: list[str] | None) -> list[Sumber] | None:
    """--sumber "Nama Bidang=alamat" or just an address (the name is then the file's)."""
    if not teks:
        return None
    hasil = []
    for t in teks:
        nama, sep, alamat = t.partition("=")
        if sep and not nama.lower().startswith(("http", "c:", "/")) and alamat:
            hasil.append(Sumber(nama.strip(), alamat.strip()))
        else:
            hasil.append(Sumber(Path(t).stem if "/" not in t or Path(t).exists() else t, t))
    return hasil


def konsolidasi(args: argparse.Namespace) -> int:
    konsol = Console()
    if args.induk:
        induk, dasar, keluaran = Path(args.induk), None, args.keluaran
    else:
        induk, dasar = bawaan.INDUK, bawaan.FOLDER
        keluaran = Path(args.keluaran) if args.keluaran else HASIL_BAWAAN
        if not args.coba:
            Path(keluaran).parent.mkdir(parents=True, exist_ok=True)
        konsol.print(f"Contoh bawaan: {induk.name} dengan lima bidang contoh -> {keluaran}")

    # Redrawn on each source read (the reads report progress), not by a refresh thread.
    with Progress(TextColumn("[bold]Membaca sumber[/]"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), console=konsol, transient=True,
                  auto_refresh=False) as prog:
        tugas = prog.add_task("", total=None)

        def maju(bidang: str, selesai: int, total: int) -> None:
            prog.update(tugas, completed=selesai, total=total, description=bidang, refresh=True)

        try:
            hasil = jalankan(induk, sumber=_sumber_arg(args.sumber), tahun=args.tahun,
                             keluaran=keluaran, coba=args.coba, sebagian=args.sebagian,
                             cadangan=args.cadangan, dasar=dasar, kemajuan=maju)
        except Exception as e:  # a bug, not bad input: say so plainly, nothing was written
            konsol.print(f"[red]Konsolidasi gagal karena kesalahan program: {e!r}. Workbook "
                         "induk tidak diubah. Laporkan pesan ini ke pengembang.[/]")
            return KELUAR_GAGAL
    tampilkan(hasil, konsol)
    if hasil.ditulis or hasil.status == COBA:
        return KELUAR_OK
    return KELUAR_DITOLAK


def tampilkan(hasil: HasilKonsolidasi, konsol: Console) -> None:
    """Summary: rows per bidang, findings, achievement per indicator, where it went."""
    if hasil.data or hasil.gagal:
        konsol.print(_tabel_sumber(hasil))
    if hasil.temuan:
        konsol.print(_tabel_temuan(hasil))
    if hasil.plan is not None and hasil.tahun:
        tabel_capaian(hasil, konsol)
    if hasil.perubahan is not None and hasil.status == COBA:
        t = Table(title="Yang akan berubah")
        for judul in ("Lembar", "Ditambah", "Dihapus", "Diubah"):
            t.add_column(judul)
        for lembar, p in hasil.perubahan.items():
            t.add_row(lembar, *(str(p.get(k, 0)) for k in ("ditambah", "dihapus", "diubah")))
        konsol.print(t)
    warna = "green" if hasil.ditulis or hasil.status == COBA else "red"
    konsol.print(f"[{warna}]{hasil.pesan}[/]")


def _tabel_sumber(hasil: HasilKonsolidasi) -> Table:
    t = Table(title="Sumber bidang")
    for judul in ("Bidang", "Indikator", "Anggaran", "Statistik", "Galat", "Peringatan"):
        t.add_column(judul, justify="left" if judul == "Bidang" else "right")
    for d in hasil.data:
        n = [sum(not b.cacat for b in rows) for rows in (d.indikator, d.anggaran,
                                                          d.statistik)]
        g = sum(1 for x in hasil.temuan if x.bidang == d.bidang and x.tingkat == GALAT)
        p = sum(1 for x in hasil.temuan if x.bidang == d.bidang and x.tingkat == PERINGATAN)
        t.add_row(d.bidang + (" [yellow](BASI)[/]" if d.bidang in hasil.basi else ""),
                  *map(str, n), str(g), str(p))
    for g in hasil.gagal:
        t.add_row(f"{g.bidang} [red](gagal dibaca)[/]", "-", "-", "-", "-", "-")
    return t


def _tabel_temuan(hasil: HasilKonsolidasi) -> Table:
    t = Table(title=f"Temuan ({hasil.jumlah_temuan(GALAT)} galat, "
              f"{hasil.jumlah_temuan(PERINGATAN)} peringatan, {hasil.jumlah_temuan(INFO)} info)")
    for judul in ("Tingkat", "Bidang", "Sel", "Pesan"):
        t.add_column(judul, overflow="fold")
    for x in sorted(hasil.temuan, key=lambda x: {GALAT: 0, PERINGATAN: 1}.get(x.tingkat, 2)):
        t.add_row(f"[{WARNA.get(x.tingkat, 'white')}]{x.tingkat}[/]", x.bidang,
                  x.sel, x.pesan)
    return t


def tabel_capaian(hasil: HasilKonsolidasi, konsol: Console) -> None:
    """Achievement and predikat of each indicator of the report year."""
    kolom = [k.kunci for k in skema.DATA_INDIKATOR.kolom]
    rows = [dict(zip(kolom, r, strict=False))
            for r in hasil.plan.lembar.get(skema.DATA_INDIKATOR.nama, [])]
    rows = [r for r in rows if r.get("tahun") == hasil.tahun]
    if not rows:
        return
    real = np.array([np.nan if r["realisasi"] is None else r["realisasi"] for r in rows], float)
    target = np.array([np.nan if r["target"] is None else r["target"] for r in rows], float)
    arah = np.array([[r["arah"] or "positif"] for r in rows], dtype=object).reshape(-1)
    cap = rumus.capaian(real, target, arah)
    pred = rumus.predikat(cap)
    t = Table(title=f"Capaian indikator tahun {hasil.tahun}")
    for judul in ("Kode", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"):
        t.add_column(judul, overflow="fold")
    for r, c, p in zip(rows, cap, pred, strict=True):
        persen = str(r.get("satuan") or "").strip() == "%"
        fmt = (lambda v: "" if v is None else str(rumus.persen(v))) if persen else _angka
        t.add_row(str(r["kode"]), str(r["indikator"]), fmt(r["target"]), fmt(r["realisasi"]),
                  "" if c is None else str(rumus.persen(c) if isinstance(c, float) else c),
                  "" if p is None else str(p))
    konsol.print(t)


def _angka(v: object) -> str:
    if v is None:
        return ""
    x = float(v)
    if x.is_integer():
        return f"{int(x):,}".replace(",", ".")
    return f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
