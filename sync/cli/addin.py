"""The CLI face of the add-in: `kinerja hitung` and `kinerja addin pasang|lepas|bangun`.

Arguments come parsed from sync.cli; the work is in addin.mesin (computing) and
addin.xlam (building the add-in); installing wraps xlwings' own CLI functions.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import math
import os
import re
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl.utils.cell import get_column_letter, range_boundaries
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from addin.galat import GalatExcel
from sync.bawaan import panduan
from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_GAGAL, KELUAR_OK
from sync.cli.konsol import konsol
from sync.model.pesan_os import sebab_os

EKSPOR = (".csv", ".json", ".xlsx")
BUKU = (".xlsx", ".xlsm", ".xltx", ".xltm")

PANDUAN_ADDIN = panduan("panduan-addin")  # a path that exists after any install


def _galat(pesan: str) -> None:
    # the message may carry paths and Excel's own text: never read as rich markup
    konsol(stderr=True).print(Text.assemble(("Ditolak:", "bold red"), " ", pesan))


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


_LITERAL = re.compile(r'"([^"]*)"|\\(.)')
_POLA_ANGKA = re.compile(r"[#0,]*0(?:\.(0+))?")


def teks_nilai(v: object, format_angka: str = "General") -> str:
    """A computed value as the table shows it, the Indonesian way: by the cell's number
    format when it is a plain one (0.00% -> 85,32%; #,##0 -> 1.234.567; "Rp"#,##0.00 ->
    Rp1.808.970.744,00), else Indonesian separators with at most six decimals. The
    exact value goes to --ekspor."""
    if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
        teks = _dengan_format(v, format_angka)
        if teks is not None:
            return teks
    if isinstance(v, bool):
        return "BENAR" if v else "SALAH"
    if isinstance(v, int):
        return f"{v:,}".replace(",", ".")
    if isinstance(v, float):
        if not math.isfinite(v) or abs(v) >= 1e15:
            return format(v, ".15g")
        teks = f"{v:,.6f}".rstrip("0").rstrip(".")
        return teks.replace(",", "_").replace(".", ",").replace("_", ".")
    if v is None:
        return ""
    if v == "":
        return '""'
    return str(v)


def _dengan_format(v: float, format_angka: str) -> str | None:
    """`v` shown by a number format of the kinds the report uses (a percentage, a
    number with fixed decimals and optional thousands grouping, literal text around
    it), or None for General and anything else (dates, conditions, fractions)."""
    bagian = (format_angka or "").split(";")[0]  # the positive section (Excel's rule)
    literal = [m.group(1) if m.group(1) is not None else m.group(2)
               for m in _LITERAL.finditer(bagian)]
    inti = _LITERAL.sub("\0", bagian)
    persen = inti.count("%") == 1
    inti = inti.replace("%", "")
    pola = _POLA_ANGKA.search(inti)
    if pola is None or re.search(r"[A-Za-z@?/\[\]*_]", inti):
        return None
    desimal = len(pola.group(1) or "")
    # Excel rounds half away from zero (12.5 with "0" shows 13), Python's format to even
    angka = (Decimal(repr(v)) * (100 if persen else 1)).quantize(
        Decimal(1).scaleb(-desimal), ROUND_HALF_UP)
    tanda = "-" if angka < 0 else ""  # before the literal text: -Rp1.234,50 as Excel shows
    teks = f"{abs(angka):,.{desimal}f}".replace(",", "_").replace(".", ",")
    teks = teks.replace("_", "." if "," in pola.group(0) else "")
    depan, belakang = inti[:pola.start()], inti[pola.end():]
    isi = iter(literal)
    depan = re.sub("\0", lambda _: next(isi), depan)
    belakang = re.sub("\0", lambda _: next(isi), belakang)
    return f"{tanda}{depan}{teks}{belakang}{'%' if persen else ''}"


def jenis_nilai(v: object) -> str:
    if isinstance(v, GalatExcel):
        return "kesalahan"  # an Excel error value (docs/glosarium.md: nilai kesalahan)
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


def _saring(sel: list, lembar: list[str] | None, sel_diminta: list[str] | None,
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
    if sel_diminta:
        minta = [baca_sel(a) for a in sel_diminta]
        sel = [s for s in sel
               if any((lb is None or lb.casefold() == s.lembar.casefold()) and s.sel in adr
                      for lb, adr in minta)]
    elif not semua:
        sel = [s for s in sel if s.rumus is not None]
    return sel


def _ekspor(sel: list, tujuan: Path) -> None:
    baris = [{"lembar": s.lembar, "sel": s.sel, "rumus": s.rumus or "",
              "nilai": _nilai_json(s.nilai), "jenis": jenis_nilai(s.nilai)} for s in sel]
    akhiran = tujuan.suffix.lower()
    if akhiran == ".json":
        tujuan.write_text(json.dumps(baris, ensure_ascii=False, indent=1), encoding="utf-8")
    elif akhiran == ".csv":
        # For Excel with Indonesian regional settings: its list separator is ';' and its
        # decimal mark ',' (Excel reads a CSV with the system's separators), so
        # 0,82009194871362 opens as a number; UTF-8 with BOM so Excel detects the encoding.
        with tujuan.open("w", newline="", encoding="utf-8-sig") as f:
            w = csv.DictWriter(f, fieldnames=["lembar", "sel", "rumus", "nilai", "jenis"],
                               delimiter=";")
            w.writeheader()
            for b in baris:
                w.writerow({**b, "nilai": "" if b["nilai"] is None else (
                    _desimal_koma(b["nilai"]) if isinstance(b["nilai"], float)
                    and not isinstance(b["nilai"], bool) else b["nilai"])})
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
            asal = e.__context__ if isinstance(e.__context__, OSError) else None
            raise (asal or OSError(str(e))) from e  # keep the errno for the message


def _desimal_koma(x: float) -> str:
    """A float as an Indonesian Excel reads it in a CSV: 0.82 -> "0,82" (full precision,
    no thousands separator, which Excel would take for text)."""
    return repr(x).replace(".", ",")


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
        with _kemajuan_hitung() as kemajuan:
            sel = mesin.hitung(berkas, semua=bool(args.semua or args.sel), kemajuan=kemajuan)
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
            _galat(f"tidak dapat menulis {tujuan}: {sebab_os(e)}")
            return KELUAR_DITOLAK
        konsol().print(f"{len(sel)} sel ditulis ke {tujuan}")
        return KELUAR_OK

    tabel = Table(title=f"{berkas.name}: {len(sel)} sel")
    for judul, gaya in (("Lembar", "cyan"), ("Sel", ""), ("Rumus", "dim"), ("Nilai", "bold")):
        tabel.add_column(judul, style=gaya or None, overflow="fold")
    for s in sel:
        nilai = teks_nilai(s.nilai, s.format_angka)
        tabel.add_row(s.lembar, s.sel, s.rumus or "",
                      Text(nilai, style="red") if isinstance(s.nilai, GalatExcel) else nilai)
    konsol().print(tabel)
    return KELUAR_OK


@contextlib.contextmanager
def _kemajuan_hitung():
    """The engine's stages on stderr while it works (seconds on a report workbook):
    a bar over the formulas compiled, then the computing stage; nothing when stderr
    is not a terminal (a pipe, a log file), so scripts read clean output."""
    konsol_ = konsol(stderr=True)
    with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                  MofNCompleteColumn(), console=konsol_, transient=True,
                  disable=not konsol_.is_terminal) as prog:
        tugas = prog.add_task("", total=None)

        def lapor(tahap: str, selesai: int, total: int) -> None:
            prog.update(tugas, description=tahap, completed=selesai, total=total or None,
                        refresh=True)

        yield lapor


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
MATIKAN_KEPERCAYAAN = (
    'Demi keamanan, hapus lagi centang "Trust access to the VBA project object model" '
    "(File > Options > Trust Center > Trust Center Settings... > Macro Settings): "
    "add-in Kinerja tidak memerlukannya untuk bekerja, hanya untuk dipasang."
)


class GagalPasang(Exception):
    """A step of pasang/lepas that did not happen; the message says which and what to do."""


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
    """The xlwings module (separate so tests can stand in for it)."""
    import xlwings

    return xlwings


def _cetak(pesan: str) -> None:
    konsol().print(pesan)


def _singkat(e: BaseException) -> str:
    """An exception as one short line (COM errors carry tuples), never a traceback."""
    teks = " ".join(str(e).split()) or type(e).__name__
    return teks if len(teks) <= 300 else teks[:297] + "..."


def konfigurasi_python(prefix: Path, executable: Path, conda_exe: str | None = None
                       ) -> dict[str, str]:
    """The add-in's interpreter keys for this Python.

    Conda (a conda-meta folder in the environment): Interpreter_Win blank and the
    Conda keys, so the VBA activates the environment before starting Python (numpy's
    DLLs are found only in an activated Conda environment; xlwings docs, "Add-in &
    Settings"). Conda Env is the name under <Conda Path>\\envs, "base", or the
    environment's full path when it lives elsewhere (the VBA's GH 2655 branch).
    Otherwise Interpreter_Win is this interpreter (pythonw.exe next to it is what
    the UDF server runs).
    """
    if not (prefix / "conda-meta").is_dir():
        return {"Interpreter_Win": str(executable), "Conda Path": "", "Conda Env": ""}
    if prefix.parent.name.lower() == "envs":
        akar, env = prefix.parent.parent, prefix.name
    elif (prefix / "condabin").is_dir():
        akar, env = prefix, "base"
    elif conda_exe:
        akar, env = Path(conda_exe).parent.parent, str(prefix)
    else:
        raise GagalPasang(
            f"Python ini ada di lingkungan Conda ({prefix}), tetapi folder instalasi Conda "
            "tidak diketahui. Jalankan perintah ini dari Anaconda Prompt dengan lingkungan "
            "itu aktif (conda activate ...).")
    return {"Interpreter_Win": "", "Conda Path": str(akar), "Conda Env": env}


def folder_dll(konf: dict[str, str], executable: Path) -> list[Path]:
    """The folders the add-in's VBA (XLPyLoadDLL) loads xlwings' DLL from: the
    interpreter's folder, then its parent (a venv's Scripts\\..); with the Conda keys,
    the environment folder the VBA builds from them."""
    if konf.get("Conda Path") and konf.get("Conda Env"):
        env = konf["Conda Env"]
        if env == "base":
            d = Path(konf["Conda Path"])
        elif "\\" in env or "/" in env:
            d = Path(env)
        else:
            d = Path(konf["Conda Path"]) / "envs" / env
        return [d, d.parent]
    return [executable.parent, executable.parent.parent]


def periksa_dll(konf: dict[str, str], executable: Path, versi: str) -> Path:
    """The xlwings DLL where the VBA will look, or GagalPasang saying where it is instead.

    pip puts the DLLs (xlwings64-<versi>.dll, xlwings32-...) in the environment's
    data folder: the venv or Python folder, but %APPDATA%\\Python for a non-admin
    install into a Python installed for all users, where the VBA never looks
    ("Could not load xlwings64-....dll" in every cell).
    """
    nama = [f"xlwings64-{versi}.dll", f"xlwings32-{versi}.dll"]
    folder = folder_dll(konf, executable)
    for d in folder:
        for n in nama:
            if (d / n).is_file():
                return d / n
    import site

    lain = [Path(site.getuserbase()), Path(sys.prefix)]
    ada = next((d / n for d in lain for n in nama if (d / n).is_file()), None)
    di_mana = f" Berkasnya ada di {ada.parent}, tempat yang tidak dibaca Excel." if ada else ""
    raise GagalPasang(
        f"{nama[0]} tidak ada di {folder[0]} maupun {folder[1]}, tempat add-in mencarinya; "
        f"setiap rumus akan menampilkan \"Could not load {nama[0]}\".{di_mana} Pasang Kinerja "
        f"di lingkungan Python milik pengguna (venv) seperti di {PANDUAN_ADDIN}, lalu "
        "jalankan `kinerja addin pasang` dari lingkungan itu.")


def _tanpa_pembersihan(xw) -> None:
    """Stop xlwings from force-killing other Excel processes when this one exits.

    xlwings registers `_xlwindows.cleanup` with atexit on import; it runs
    `Apps.cleanup()`, which `taskkill /F`s every EXCEL.EXE without a window (Excel
    started by another program, a hidden workbook being saved). App.quit() and
    App.kill() call it too, so pasang never uses them (xlwings 0.37.8 _xlwindows.py).
    """
    import atexit

    bersih = getattr(getattr(xw, "_xlwindows", None), "cleanup", None)
    if bersih is not None:
        atexit.unregister(bersih)


def _tutup_excel(app) -> None:
    """Quit an Excel pasang started, without xlwings' cleanup (see _tanpa_pembersihan)."""
    try:
        app.api.DisplayAlerts = False
        app.api.Quit()
    except Exception:  # Excel already gone: nothing to close
        pass


def _excel(xw):
    """(app, started here): the running Excel, else a hidden one started for the install."""
    try:
        if xw.apps:
            return xw.apps.active, False
        return xw.App(visible=False, add_book=False), True
    except Exception as e:
        raise GagalPasang(
            f"Excel tidak dapat dibuka dari Python ({_singkat(e)}). Pastikan Microsoft Excel "
            "(desktop, bukan versi Store/web) terpasang dan dapat dibuka, lalu ulangi.") from e


def _folder_xlstart(app, glob: bool) -> Path:
    try:
        folder = Path(app.path) / "XLSTART" if glob else Path(app.startup_path)
        folder.mkdir(parents=True, exist_ok=True)
    except Exception as e:
        raise GagalPasang(f"folder XLSTART Excel tidak dapat disiapkan ({_singkat(e)})"
                          + (": jalankan dari Command Prompt administrator untuk --global."
                             if glob else ".")) from e
    return folder


def _tutup_addin(xw, nama: str) -> None:
    """Close the add-in in every running Excel, so its file can be replaced or removed."""
    for app in list(xw.apps):
        try:
            app.books[nama].close()
        except KeyError:
            pass
        except Exception as e:
            raise GagalPasang(f"{nama} tidak dapat ditutup di Excel yang berjalan "
                              f"({_singkat(e)}); tutup semua jendela Excel lalu ulangi.") from e


def _salin(sumber: Path, tujuan: Path, glob: bool) -> None:
    """Copy the add-in and check the copy byte for byte."""
    import shutil

    try:
        shutil.copyfile(sumber, tujuan)
        sama = tujuan.read_bytes() == sumber.read_bytes()
    except OSError as e:
        saran = ("jalankan dari Command Prompt administrator (Run as administrator)" if glob
                 else "tutup semua jendela Excel lalu ulangi")
        raise GagalPasang(f"add-in tidak dapat disalin ke {tujuan} ({_singkat(e)}); {saran}.") \
            from e
    if not sama:
        raise GagalPasang(f"salinan add-in di {tujuan} tidak utuh (isi berbeda dari aslinya); "
                          "periksa ruang disk dan antivirus, lalu ulangi.")


def _impor_fungsi(xw, app, tujuan: Path, modul: str) -> None:
    """Open the copied add-in, import the UDFs into its VBA, check they are there, save."""
    try:
        buku = app.books.open(str(tujuan))
    except Exception as e:
        raise GagalPasang(f"add-in {tujuan} tidak dapat dibuka di Excel ({_singkat(e)}).") from e
    try:
        xw.import_udfs(modul, buku.api)
    except Exception as e:  # typically: programmatic access to the VBA project not trusted
        raise GagalPasang(
            f"fungsi belum dapat diimpor ke add-in ({_singkat(e)}). Izinkan akses ke proyek "
            f"VBA, lalu jalankan lagi `kinerja addin pasang`:\n{LANGKAH_KEPERCAYAAN}") from e
    try:
        buku.api.VBProject.VBComponents.Item("xlwings_udfs")
    except Exception as e:
        raise GagalPasang("impor fungsi tidak meninggalkan modul xlwings_udfs di add-in; "
                          f"fungsi Kinerja tidak akan dikenal Excel ({_singkat(e)}).") from e
    try:
        buku.save()
    except Exception as e:
        raise GagalPasang(f"add-in {tujuan} tidak dapat disimpan ({_singkat(e)}).") from e


def pasang(glob: bool, xw, python: Path | None = None, prefix: Path | None = None) -> int:
    """Install kinerja.xlam into Excel's XLSTART with the UDFs imported (Windows).

    Every step is checked and a failed one stops with a message saying what to do:
    the xlwings DLL where the VBA will look, Excel reachable, the copy identical,
    the UDF module present in the add-in, the save. The hidden Excel started here
    is closed without xlwings' cleanup, which would kill other Excel processes.
    `python`/`prefix` default to this interpreter (tests pass others).
    """
    from addin import xlam

    python = Path(python or sys.executable)
    prefix = Path(prefix or sys.prefix)
    _tanpa_pembersihan(xw)
    konf = konfigurasi_python(prefix, python, os.environ.get("CONDA_EXE"))
    dll = periksa_dll(konf, python, xw.__version__)
    _cetak(f"1/5 DLL xlwings ditemukan: {dll}")
    app, mulai_sendiri = _excel(xw)
    try:
        tujuan = _folder_xlstart(app, glob) / xlam.NAMA_BERKAS
        with tempfile.TemporaryDirectory(prefix="kinerja-pasang-") as d:
            # Built from the installed xlwings: its VBA must match the DLL version.
            berkas = xlam.bangun(Path(d) / xlam.NAMA_BERKAS, konf)
            _cetak("2/5 Add-in dibangun untuk " + (
                f"Conda {konf['Conda Env']}" if konf["Conda Env"] else str(python)))
            _tutup_addin(xw, xlam.NAMA_BERKAS)
            _salin(berkas, tujuan, glob)
        _cetak(f"3/5 Add-in disalin ke {tujuan}")
        _impor_fungsi(xw, app, tujuan, xlam.MODUL_UDF)
        _cetak("4/5 Fungsi Kinerja diimpor ke add-in dan disimpan")
    finally:
        if mulai_sendiri:
            _tutup_excel(app)
    _cetak(
        "5/5 Add-in Kinerja terpasang.\n"
        "Langkah berikutnya: tutup semua jendela Excel lalu buka lagi. Tab 'Kinerja' muncul "
        "di pita; ketik misalnya =CAPAIAN(E5;D5) di sel.\n" + MATIKAN_KEPERCAYAAN
    )
    return KELUAR_OK


def lepas(glob: bool, xw) -> int:
    """Remove kinerja.xlam from XLSTART (closing it in running Excel first)."""
    from addin import xlam

    _tanpa_pembersihan(xw)
    app, mulai_sendiri = _excel(xw)
    try:
        tujuan = _folder_xlstart(app, glob) / xlam.NAMA_BERKAS
        _tutup_addin(xw, xlam.NAMA_BERKAS)
    finally:
        if mulai_sendiri:
            _tutup_excel(app)
    try:
        tujuan.unlink(missing_ok=True)
    except OSError as e:
        raise GagalPasang(f"{tujuan} tidak dapat dihapus ({_singkat(e)}); tutup Excel"
                          + (" atau gunakan Command Prompt administrator." if glob else ".")) \
            from e
    _cetak(f"Add-in Kinerja dilepas ({tujuan} tidak ada lagi). Buka ulang Excel.")
    return KELUAR_OK


def _jalankan_aman(aksi) -> int:
    """Run pasang/lepas: a failed step or anything unexpected is one clear message
    (importing xlwings without pywin32 included)."""
    try:
        return aksi()
    except GagalPasang as e:
        _galat(str(e))
    except Exception as e:  # never a traceback for the IT person
        _galat(f"kesalahan tak terduga ({type(e).__name__}: {_singkat(e)}). "
               "Laporkan pesan ini ke pengembang.")
    return KELUAR_GAGAL


def addin_pasang(args: argparse.Namespace) -> int:
    if not _hanya_windows():
        return KELUAR_DITOLAK
    return _jalankan_aman(lambda: pasang(bool(args.glob), _xlwings()))


def addin_lepas(args: argparse.Namespace) -> int:
    if not _hanya_windows():
        return KELUAR_DITOLAK
    return _jalankan_aman(lambda: lepas(bool(args.glob), _xlwings()))


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
