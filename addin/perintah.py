"""The CLI face of the add-in: `kinerja hitung` and `kinerja addin pasang|lepas|bangun`.

Arguments come parsed from sync.cli; the work is in addin.mesin (computing) and
addin.xlam (building the add-in); installing wraps xlwings' own CLI functions.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
from pathlib import Path

from openpyxl.utils.cell import get_column_letter, range_boundaries
from rich.console import Console
from rich.table import Table

from addin.galat import GalatExcel
from sync.cli import KELUAR_DITOLAK, KELUAR_GAGAL, KELUAR_OK

EKSPOR = (".csv", ".json", ".xlsx")
BUKU = (".xlsx", ".xlsm", ".xltx", ".xltm")


def _galat(pesan: str) -> None:
    Console(stderr=True).print(f"[bold red]Galat:[/] {pesan}", highlight=False)


# --- kinerja hitung ----------------------------------------------------------------------

_SEL = re.compile(
    r"^(?:(?:'(?P<q>(?:[^']|'')+)'|(?P<p>[^!']+))!)?"
    r"(?P<a>\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)$"
)


def baca_sel(teks: str) -> tuple[str | None, set[str]]:
    """ "'Tabel 3.8'!H20", "Data!A1:B3" or "H20" -> (sheet or None, {"H20", ...})."""
    m = _SEL.match(teks.strip())
    if m is None:
        raise ValueError(f"alamat sel tidak dikenal: {teks!r} (contoh: 'Tabel 3.8'!H20)")
    lembar = m["q"].replace("''", "'") if m["q"] else m["p"]
    k0, b0, k1, b1 = range_boundaries(m["a"].replace("$", "").upper())
    return lembar, {
        f"{get_column_letter(k)}{b}" for k in range(k0, k1 + 1) for b in range(b0, b1 + 1)
    }


def teks_nilai(v: object) -> str:
    """A computed value as the table shows it (15 significant digits, as Excel)."""
    if isinstance(v, bool):
        return "BENAR" if v else "SALAH"
    if isinstance(v, float):
        return format(v, ".15g")
    if v is None:
        return ""
    if v == "":
        return '""'
    return str(v)


def jenis_nilai(v: object) -> str:
    if isinstance(v, GalatExcel):
        return "galat"
    if isinstance(v, bool):
        return "logika"
    if isinstance(v, (int, float)):
        return "angka"
    if v is None:
        return "kosong"
    return "teks"


def _nilai_json(v: object) -> object:
    if isinstance(v, GalatExcel):
        return v.kode
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    return str(v)  # dates and other cell types


def _saring(sel: list, lembar: list[str] | None, alamat: list[str] | None,
            semua: bool, nama_lembar: list[str]) -> list:
    if lembar:
        kenal = {n.casefold(): n for n in nama_lembar}
        pilih = set()
        for n in lembar:
            if n.casefold() not in kenal:
                raise ValueError(
                    f"lembar {n!r} tidak ada; lembar yang ada: {', '.join(nama_lembar)}")
            pilih.add(kenal[n.casefold()])
        sel = [s for s in sel if s.lembar in pilih]
    if alamat:
        minta = [baca_sel(a) for a in alamat]
        sel = [s for s in sel
               if any((lb is None or lb.casefold() == s.lembar.casefold()) and s.alamat in adr
                      for lb, adr in minta)]
    elif not semua:
        sel = [s for s in sel if s.rumus is not None]
    return sel


def _ekspor(sel: list, tujuan: Path) -> None:
    baris = [{"lembar": s.lembar, "sel": s.alamat, "rumus": s.rumus or "",
              "nilai": _nilai_json(s.nilai), "jenis": jenis_nilai(s.nilai)} for s in sel]
    akhiran = tujuan.suffix.lower()
    if akhiran == ".json":
        tujuan.write_text(json.dumps(baris, ensure_ascii=False, indent=1), encoding="utf-8")
    elif akhiran == ".csv":
        with tujuan.open("w", newline="", encoding="utf-8-sig") as f:
            w = csv.DictWriter(f, fieldnames=["lembar", "sel", "rumus", "nilai", "jenis"])
            w.writeheader()
            for b in baris:
                w.writerow({**b, "nilai": "" if b["nilai"] is None else (
                    repr(b["nilai"]) if isinstance(b["nilai"], float) else b["nilai"])})
    else:
        import xlsxwriter

        buku = xlsxwriter.Workbook(str(tujuan), {"strings_to_formulas": False,
                                                 "strings_to_numbers": False})
        ws = buku.add_worksheet("Nilai")
        for j, judul in enumerate(["Lembar", "Sel", "Rumus", "Nilai", "Jenis"]):
            ws.write_string(0, j, judul)
        for i, b in enumerate(baris, start=1):
            ws.write_string(i, 0, b["lembar"])
            ws.write_string(i, 1, b["sel"])
            ws.write_string(i, 2, b["rumus"])
            v = b["nilai"]
            if isinstance(v, bool):
                ws.write_boolean(i, 3, v)
            elif isinstance(v, (int, float)):
                ws.write_number(i, 3, v)
            elif v is not None:
                ws.write_string(i, 3, str(v))
            ws.write_string(i, 4, b["jenis"])
        try:
            buku.close()
        except xlsxwriter.exceptions.FileCreateError as e:
            raise OSError(str(e)) from e


def hitung(args: argparse.Namespace) -> int:
    """kinerja hitung FILE [--lembar L] [--sel S] [--semua] [--ekspor OUT]."""
    berkas = Path(args.berkas)
    if not berkas.exists():
        _galat(f"berkas tidak ditemukan: {berkas}")
        return KELUAR_DITOLAK
    if berkas.is_dir() or berkas.suffix.lower() not in BUKU:
        _galat(f"{berkas} bukan workbook Excel ({', '.join(BUKU)})")
        return KELUAR_DITOLAK
    if args.ekspor and Path(args.ekspor).suffix.lower() not in EKSPOR:
        _galat(f"ekspor hanya ke {', '.join(EKSPOR)}: {args.ekspor}")
        return KELUAR_DITOLAK
    try:
        from addin import mesin
    except ImportError as e:
        _galat(str(e))
        return KELUAR_GAGAL
    try:
        sel = mesin.hitung(berkas, semua=bool(args.semua or args.sel))
        sel = _saring(sel, args.lembar, args.sel, args.semua,
                      _lembar(berkas) if args.lembar else [])
    except mesin.BukuTidakTerbaca as e:
        _galat(str(e))
        return KELUAR_DITOLAK
    except ValueError as e:
        _galat(str(e))
        return KELUAR_DITOLAK

    if args.ekspor:
        tujuan = Path(args.ekspor)
        try:
            _ekspor(sel, tujuan)
        except OSError as e:
            _galat(f"tidak dapat menulis {tujuan}: {e}")
            return KELUAR_DITOLAK
        Console().print(f"{len(sel)} sel ditulis ke {tujuan}", highlight=False)
        return KELUAR_OK

    tabel = Table(title=f"{berkas.name}: {len(sel)} sel")
    for judul, gaya in (("Lembar", "cyan"), ("Sel", ""), ("Rumus", "dim"), ("Nilai", "bold")):
        tabel.add_column(judul, style=gaya or None, overflow="fold")
    for s in sel:
        nilai = teks_nilai(s.nilai)
        tabel.add_row(s.lembar, s.alamat, s.rumus or "",
                      f"[red]{nilai}[/]" if isinstance(s.nilai, GalatExcel) else nilai)
    Console().print(tabel)
    return KELUAR_OK


def _lembar(berkas: Path) -> list[str]:
    """Sheet names, for the message when a filter names an unknown sheet."""
    from openpyxl import load_workbook

    wb = load_workbook(berkas, read_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


# --- kinerja addin pasang | lepas | bangun -----------------------------------------------

LANGKAH_KEPERCAYAAN = (
    "Di Excel: File > Options > Trust Center > Trust Center Settings... > Macro Settings, "
    'centang "Trust access to the VBA project object model", klik OK dua kali '
    "(Excel berbahasa Indonesia: File > Opsi > Pusat Kepercayaan > Pengaturan Pusat "
    "Kepercayaan... > Pengaturan Makro)."
)


def _hanya_windows() -> bool:
    if sys.platform.startswith("win"):
        return True
    _galat(
        "add-in Kinerja hanya dapat dipasang di Excel untuk Windows: fungsi Python di sel "
        "(CAPAIAN, PREDIKAT, ...) lewat xlwings hanya berjalan di Windows. "
        "Di komputer ini gunakan `kinerja hitung BERKAS` untuk menghitung workbook."
    )
    return False


def _xlwings():
    """The xlwings module with its CLI (separate so tests can stand in for it)."""
    import xlwings
    import xlwings.cli

    return xlwings


def _cetak(pesan: str) -> None:
    Console().print(pesan, highlight=False)


def pasang(glob: bool, xw) -> int:
    """Install kinerja.xlam into Excel's XLSTART and import the UDFs into it (Windows).

    `xw` is the xlwings module: its CLI copies the add-in (and opens it in running
    Excel instances); import_udfs writes the VBA wrappers into the add-in through
    COM, which needs "Trust access to the VBA project object model".
    """
    from addin import xlam

    with tempfile.TemporaryDirectory(prefix="kinerja-pasang-") as d:
        # Built from the installed xlwings: its VBA must match the xlwings DLL
        # version, and the interpreter is the Python running this command.
        berkas = xlam.bangun(Path(d) / xlam.NAMA_BERKAS, {"Interpreter_Win": sys.executable})
        xw.cli.addin_install(argparse.Namespace(file=str(berkas), dir=None, glob=glob))
    tujuan = Path(xw.cli.get_addin_dir(glob)) / xlam.NAMA_BERKAS
    _cetak(f"Add-in disalin ke {tujuan}")

    mulai_sendiri = not xw.apps
    try:
        app = xw.App(visible=False, add_book=False) if mulai_sendiri else xw.apps.active
    except Exception as e:  # no Excel, or COM refused
        _galat(f"Excel tidak dapat dibuka dari Python ({e}). Fungsi belum diimpor.")
        _cetak(_langkah_manual(tujuan))
        return KELUAR_GAGAL
    try:
        try:
            buku = app.books[xlam.NAMA_BERKAS]
        except KeyError:
            buku = app.books.open(str(tujuan))
        try:
            xw.import_udfs(xlam.MODUL_UDF, buku.api)
        except Exception as e:  # typically: programmatic access to the VBA project not trusted
            _galat(f"fungsi belum dapat diimpor ke add-in: {e}")
            _cetak("Izinkan akses ke proyek VBA, lalu jalankan lagi `kinerja addin pasang`:\n"
                   + LANGKAH_KEPERCAYAAN)
            return KELUAR_GAGAL
        buku.save()
    finally:
        if mulai_sendiri:
            app.quit()
    _cetak(
        "Add-in Kinerja terpasang dan fungsinya sudah diimpor.\n"
        "Langkah berikutnya: tutup semua jendela Excel lalu buka lagi. Tab 'Kinerja' muncul "
        "di pita; ketik misalnya =CAPAIAN(E5;D5) di sel."
    )
    return KELUAR_OK


def _langkah_manual(tujuan: Path) -> str:
    return (
        f"Setelah Excel dapat dibuka: buka Excel (add-in {tujuan} terbuka otomatis), "
        "tekan Alt+F11, pilih proyek MyAddin (kinerja.xlam), buka modul xlwings, klik di "
        "dalam Sub ImportPythonUDFsToAddin lalu tekan F5, kemudian simpan (Ctrl+S).\n"
        + LANGKAH_KEPERCAYAAN
    )


def addin_pasang(args: argparse.Namespace) -> int:
    if not _hanya_windows():
        return KELUAR_DITOLAK
    return pasang(bool(args.glob), _xlwings())


def addin_lepas(args: argparse.Namespace) -> int:
    if not _hanya_windows():
        return KELUAR_DITOLAK
    from addin import xlam

    xw = _xlwings()
    xw.cli.addin_remove(argparse.Namespace(file=xlam.NAMA_BERKAS, dir=None, glob=bool(args.glob)))
    _cetak("Add-in Kinerja dilepas (bila tadi terpasang). Buka ulang Excel.")
    return KELUAR_OK


def addin_bangun(args: argparse.Namespace) -> int:
    """Rebuild addin/kinerja.xlam (or --keluaran) from the installed xlwings' template."""
    from addin import xlam

    tujuan = Path(args.keluaran) if args.keluaran else xlam.BAWAAN
    if tujuan.is_dir():
        tujuan = tujuan / xlam.NAMA_BERKAS
    try:
        xlam.bangun(tujuan)
    except (OSError, ValueError) as e:
        _galat(f"add-in tidak dapat dibangun: {e}")
        return KELUAR_GAGAL
    _cetak(f"Add-in dibangun: {tujuan}")
    if tujuan.name != xlam.NAMA_BERKAS:
        _cetak(f"Perhatian: tombol Konsolidasi hanya bekerja bila berkasnya bernama "
               f"{xlam.NAMA_BERKAS} (tombol menjalankan modul Python sesuai nama berkas).")
    return KELUAR_OK
