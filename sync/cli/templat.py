"""`kinerja templat buat|periksa`: a new bidang sheet (.xlsx or Google Sheets), or one
bidang's sheet checked on its own before year end. Printing and exit codes only; the
work is in sync.tulis.templat, sync.tulis.google_buat and the pipeline's stages.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.text import Text

from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_OK
from sync.cli.konsol import konsol as buat_konsol
from sync.cli.konsolidasi import tampilkan
from sync.induk.pengaturan import Sumber, tahun_tidak_sah
from sync.konsolidasi import COBA, HasilKonsolidasi, alamat_google, baca_semua
from sync.model.mentah import SumberGagal
from sync.model.temuan import GALAT
from sync.periksa.hierarki import periksa_hierarki
from sync.periksa.uji import acuan_di_luar, audit, periksa, urai_sumber
from sync.sumber.google_kredensial import AKUN_LAYANAN, KredensialGagal, cari_kredensial
from sync.tulis.google_buat import (
    TemplatGagal,
    buat_templat_google,
    nama_akun,
    nama_spreadsheet,
    periksa_surel,
)
from sync.tulis.templat import tulis_buku


def templat_periksa(args: argparse.Namespace) -> int:
    """Check one bidang's sheet on its own, before year end."""
    konsol = buat_konsol()
    if args.tahun is not None and tahun_tidak_sah(args.tahun):
        buat_konsol(stderr=True).print(tahun_tidak_sah(args.tahun), style="red")
        return KELUAR_DITOLAK
    bidang = args.bidang or (Path(args.sumber).stem if not alamat_google(args.sumber)
                             else "bidang")
    dibaca = baca_semua([Sumber(bidang, args.sumber)], Path.cwd())[0]
    if isinstance(dibaca, SumberGagal):
        buat_konsol(stderr=True).print(Text(f"Ditolak: {dibaca.pesan}", "red"), soft_wrap=True)
        return KELUAR_DITOLAK
    if not args.bidang:  # the name the bidang typed in B2 (template layout), not the file's
        nama = _nama_b2(dibaca)
        if nama:
            dibaca.bidang = nama
    d = urai_sumber(dibaca, args.tahun)
    # checked alone, a bidang may cite another bidang's series: not a warning here
    temuan = [acuan_di_luar(t, "workbook ini", "bila deret itu ada di workbook bidang lain, "
                            "angka ini diperiksa saat konsolidasi.")
              for t in (*d.temuan, *periksa([d]), *audit([d]),
                        *periksa_hierarki([d], args.tahun, False))]
    hasil = HasilKonsolidasi(COBA, "", Path(args.sumber), tahun=args.tahun, data=[d],
                             temuan=temuan)
    if hasil.jumlah_temuan(GALAT):
        hasil.status = "ditolak"
        hasil.pesan = (f"{hasil.jumlah_temuan(GALAT)} kesalahan: perbaiki sebelum konsolidasi "
                       "akhir tahun.")
    else:
        hasil.pesan = "Workbook bidang siap dikonsolidasi."
    tampilkan(hasil, konsol, rinci=True)
    if hasil.jumlah_temuan(GALAT):
        buat_konsol(stderr=True).print(Text(hasil.pesan, "red"))
        return KELUAR_DITOLAK
    return KELUAR_OK


def _nama_b2(dibaca) -> str:
    """The bidang name in cell B2 of the first tab that has one (the template asks for
    it there on every tab), or ""."""
    for tab in dibaca.tabs.values():
        sel = tab.sel
        if len(sel) > 1 and len(sel[1]) > 1 and isinstance(sel[1][1], str) and sel[1][1].strip():
            return sel[1][1].strip()
    return ""


def templat_buat(args: argparse.Namespace) -> int:
    """Create a new bidang sheet from the template (an .xlsx, or Google Sheets)."""
    konsol = buat_konsol()
    if args.tujuan.lower() == "google":
        return _buat_google(args, konsol)
    tujuan = Path(args.tujuan)
    if tujuan.suffix.lower() != ".xlsx":
        buat_konsol(stderr=True).print(Text("Tujuan harus berkas .xlsx atau 'google'.", "red"))
        return KELUAR_DITOLAK
    if tujuan.exists():
        buat_konsol(stderr=True).print(Text(f"{tujuan} sudah ada; tidak ditimpa.", "red"))
        return KELUAR_DITOLAK
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    tulis_buku(tujuan, bidang=args.nama or "")
    konsol.print(Text(f"Workbook bidang dibuat dari templat: {tujuan}", "green"))
    return KELUAR_OK


def _buat_google(args: argparse.Namespace, konsol: Console) -> int:
    """ `kinerja templat buat google [--nama BIDANG] [--bagikan EMAIL ...]`."""
    bidang = (args.nama or "").strip()
    bagikan = list(args.bagikan or [])
    galat = buat_konsol(stderr=True)
    try:
        periksa_surel(bagikan)  # a typo'd e-mail is named on any machine, before credentials
        kred = cari_kredensial()
        konsol.print(f"Membuat spreadsheet '{nama_spreadsheet(bidang)}' di Google "
                     "Drive...", soft_wrap=True)
        peringatan: list[str] = []
        url = buat_templat_google(bidang, bagikan, kredensial=kred, peringatan=peringatan)
    except KredensialGagal as e:
        galat.print(e.pesan, style="red", soft_wrap=True)
        return KELUAR_DITOLAK
    except TemplatGagal as e:
        galat.print(e.pesan, style="red", soft_wrap=True)
        if e.url:  # it exists: it still belongs in Pengaturan
            _cetak_baris_pengaturan(konsol, bidang, e.url)
        return KELUAR_DITOLAK
    konsol.print(Text.assemble(("Spreadsheet bidang dibuat:", "green"), " ",
                               nama_spreadsheet(bidang)),
                 soft_wrap=True)
    konsol.print(f"  {url}", soft_wrap=True, highlight=False)
    for p in peringatan:  # the locale could not be set: staff set it by hand
        konsol.print(p, style="yellow", soft_wrap=True)
    if bagikan:
        konsol.print("Dibagikan sebagai Editor (Google mengirim e-mail pemberitahuan) ke: "
                     + ", ".join(periksa_surel(bagikan)), soft_wrap=True)
    if kred.jenis == AKUN_LAYANAN:
        konsol.print(f"Pemiliknya {nama_akun(kred)}; staf membukanya dari e-mail "
                     "pemberitahuan atau menu 'Dibagikan kepada saya' di Google Drive.",
                     soft_wrap=True)
    _cetak_baris_pengaturan(konsol, bidang, url)
    return KELUAR_OK


def _cetak_baris_pengaturan(konsol: Console, bidang: str, url: str) -> None:
    konsol.print("Tambahkan satu baris di tabel sumber lembar Pengaturan workbook induk:",
                 soft_wrap=True)
    konsol.print(f"  Bidang: {bidang or '(nama bidang)'}", soft_wrap=True)
    konsol.print(f"  Alamat: {url}", soft_wrap=True, highlight=False)
    konsol.print("  Aktif: ya", soft_wrap=True)
    konsol.print(f"Periksa isinya kapan saja: kinerja templat periksa {url}", soft_wrap=True,
                 highlight=False)
