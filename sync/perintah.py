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
from sync import skema
from sync.cli import KELUAR_DITOLAK, KELUAR_GAGAL, KELUAR_OK
from sync.konsolidasi import COBA, HasilKonsolidasi
from sync.konsolidasi import konsolidasi as jalankan
from sync.pengaturan import Sumber
from sync.temuan import GALAT, INFO, PERINGATAN

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
    import workbooks

    konsol = Console()
    if args.induk:
        induk, dasar, keluaran = Path(args.induk), None, args.keluaran
    else:
        induk, dasar = workbooks.INDUK, workbooks.FOLDER
        keluaran = Path(args.keluaran) if args.keluaran else HASIL_BAWAAN
        if not args.coba:
            Path(keluaran).parent.mkdir(parents=True, exist_ok=True)
        konsol.print(f"Contoh bawaan: {induk.name} dengan lima bidang contoh -> {keluaran}")

    # Redrawn on each source read rather than by rich's refresh thread: with no other
    # thread running, the writer's helper process can be forked (sync/tulis_proses.py).
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
        konsol.print(t)
    if hasil.temuan:
        t = Table(title=f"Temuan ({hasil.hitung(GALAT)} galat, {hasil.hitung(PERINGATAN)} "
                  f"peringatan, {hasil.hitung(INFO)} info)")
        for judul in ("Tingkat", "Bidang", "Sel", "Pesan"):
            t.add_column(judul, overflow="fold")
        for x in sorted(hasil.temuan, key=lambda x: {GALAT: 0, PERINGATAN: 1}.get(x.tingkat, 2)):
            t.add_row(f"[{WARNA.get(x.tingkat, 'white')}]{x.tingkat}[/]", x.bidang,
                      x.sel, x.pesan)
        konsol.print(t)
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


def templat_periksa(args: argparse.Namespace) -> int:
    """Check one bidang's sheet on its own, before year end."""
    from sync.konsolidasi import alamat_google, baca_semua
    from sync.mentah import SumberGagal
    from sync.periksa import audit, periksa, urai_sumber

    konsol = Console()
    bidang = args.bidang or (Path(args.sumber).stem if not alamat_google(args.sumber)
                             else "bidang")
    dibaca = baca_semua([Sumber(bidang, args.sumber)], Path.cwd())[0]
    if isinstance(dibaca, SumberGagal):
        konsol.print(f"[red]{dibaca.pesan}[/]")
        return KELUAR_DITOLAK
    d = urai_sumber(dibaca, args.tahun)
    hasil = HasilKonsolidasi(COBA, "", Path(args.sumber), tahun=args.tahun, data=[d],
                             temuan=[*d.temuan, *periksa([d]), *audit([d])])
    if hasil.hitung(GALAT):
        hasil.status = "ditolak"
        hasil.pesan = (f"{hasil.hitung(GALAT)} galat: perbaiki sebelum konsolidasi akhir "
                       "tahun.")
    else:
        hasil.pesan = "Sheet bidang siap dikonsolidasi."
    tampilkan(hasil, konsol)
    return KELUAR_DITOLAK if hasil.hitung(GALAT) else KELUAR_OK


def templat_buat(args: argparse.Namespace) -> int:
    """Create a new bidang sheet from the template (an .xlsx, or Google Sheets)."""
    import shutil

    import workbooks

    konsol = Console()
    if args.tujuan.lower() == "google":
        from sync.sumber_google import buat_spreadsheet_templat

        return buat_spreadsheet_templat(args, konsol)
    tujuan = Path(args.tujuan)
    if tujuan.suffix.lower() != ".xlsx":
        konsol.print("[red]Tujuan harus berkas .xlsx atau 'google'.[/]")
        return KELUAR_DITOLAK
    if tujuan.exists():
        konsol.print(f"[red]{tujuan} sudah ada; tidak ditimpa.[/]")
        return KELUAR_DITOLAK
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    if args.nama:
        from workbooks.bangun_templat import tulis_buku

        tulis_buku(tujuan, bidang=args.nama)
    else:
        shutil.copyfile(workbooks.TEMPLAT, tujuan)
    konsol.print(f"[green]Templat bidang dibuat: {tujuan}[/]")
    return KELUAR_OK


def ekspor(args: argparse.Namespace) -> int:
    """`kinerja ekspor INDUK --pdf [BERKAS] --nilai [BERKAS]`: the master for readers
    without the add-in (sync/ekspor.py)."""
    from rich.markup import escape

    from sync import ekspor as e
    from sync.berkas import tulis_atomik

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
