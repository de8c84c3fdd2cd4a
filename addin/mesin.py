"""Compute whole workbooks without Excel: the `formulas` engine with Kinerja's functions.

The functions registered here are the very functions in `addin.rumus` (see
FUNGSI_EXCEL), wrapped only to translate values at the border: the engine's
ranges, blanks (EMPTY) and XlError in, GalatExcel and None out. A blank result
becomes "" in the cell, which is what Excel shows for an xlwings UDF that
returns None. Formulas saved by Excel with an add-in prefix (`[1]!CAPAIAN(`,
`'kinerja.xlam'!CAPAIAN(`, `_xludf.CAPAIAN(`) are read from a stripped
temporary copy; the user's file is only read.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, unescape

try:
    import formulas
    import schedula as sh
    from formulas.excel import BOOK
    from formulas.functions import Array, get_functions, wrap_func
    from formulas.tokens.operand import Error, XlError
except ImportError as e:  # a core dependency: only a broken install lacks it
    raise ImportError(
        'Mesin rumus (paket "formulas") tidak terpasang, padahal ikut terpasang bersama '
        "Kinerja. Pasang ulang Kinerja (docs/panduan-addin.md)."
    ) from e
import numpy as np
from openpyxl.utils.cell import get_column_letter, range_boundaries

from addin import indeks, kriteria
from addin.galat import GalatExcel
from addin.rumus import FUNGSI_EXCEL

__all__ = [
    "BukuTidakTerbaca",
    "Sel",
    "bersihkan_rumus",
    "daftarkan",
    "hitung",
    "hitung_buku",
    "model_buku",
    "nilai_python",
    "nilai_per_sel",
    "salin_tanpa_awalan",
]


class BukuTidakTerbaca(ValueError):
    """The file cannot be read as a workbook (the message is Indonesian, for the user)."""


@dataclass(frozen=True)
class Sel:
    """One cell of a computed workbook."""

    lembar: str            # sheet name as in the workbook
    sel: str               # "A1"
    rumus: str | None      # "=CAPAIAN(E5,D5)" as computed (add-in prefixes removed); None: a value
    nilai: object          # float | str | bool | None | GalatExcel
    format_angka: str = "General"  # the cell's number format, for showing the value as Excel


# --- values across the border ------------------------------------------------------------

def nilai_python(v: object) -> object:
    """An engine value as a plain Python value (blank None, errors GalatExcel)."""
    if v is sh.EMPTY:
        return None
    if isinstance(v, XlError):
        return GalatExcel.dari_kode(str(v)) or GalatExcel("#VALUE!")
    if isinstance(v, np.generic):
        return v.item()
    return v


def _ke_rumus_sel(v: object) -> object:
    return None if isinstance(v, str) and v == "" else nilai_python(v)  # as xlwings reads ""


_ke_rumus_larik = np.frompyfunc(_ke_rumus_sel, 1, 1)


def _ke_rumus(arg: object) -> object:
    """An engine argument as rumus takes it; a single cell is a single value."""
    if isinstance(arg, np.ndarray):
        if arg.size == 1:
            return _ke_rumus_sel(arg.reshape(-1)[0])
        return np.asarray(_ke_rumus_larik(arg), dtype=object)
    return _ke_rumus_sel(arg)


def _ke_mesin_sel(v: object) -> object:
    if isinstance(v, GalatExcel):
        return Error.errors.get(v.kode) or XlError(v.kode)
    if v is None:
        return ""
    if isinstance(v, np.generic):
        return v.item()
    return v


_ke_mesin_larik = np.frompyfunc(_ke_mesin_sel, 1, 1)


def _ke_mesin(hasil: object) -> Array:
    """A rumus result as an engine value: always a 2-D Array (a single cell is 1x1), so a
    larger result in one cell shows its top-left value, as Excel shows a UDF array."""
    if isinstance(hasil, np.ndarray):
        larik = np.asarray(_ke_mesin_larik(hasil), dtype=object)
        if larik.ndim < 2:
            larik = larik.reshape(1, -1)
        return larik.view(Array)
    return np.asarray([[_ke_mesin_sel(hasil)]], dtype=object).view(Array)


def _bungkus(fungsi: Callable) -> Callable:
    def untuk_mesin(*args: object) -> Array:
        return _ke_mesin(fungsi(*(_ke_rumus(a) for a in args)))

    functools.update_wrapper(untuk_mesin, fungsi)
    return wrap_func(untuk_mesin)


def daftarkan() -> None:
    """Register every FUNGSI_EXCEL function in the engine, and the *IFS and INDEX that
    give the library's answers with less work (addin.kriteria, addin.indeks); idempotent."""
    tabel = get_functions()
    kriteria.pasang(tabel)
    indeks.pasang(tabel)
    for nama, fungsi in FUNGSI_EXCEL.items():
        terdaftar = tabel.get(nama)
        if terdaftar is None or _asal(terdaftar) is not fungsi:
            tabel[nama] = _bungkus(fungsi)


def _asal(f: Callable) -> Callable:
    """The innermost function behind the engine's wrappers."""
    while hasattr(f, "__wrapped__"):
        f = f.__wrapped__
    return f


# --- stripping add-in prefixes ----------------------------------------------------------

_NAMA = "|".join(sorted(map(re.escape, FUNGSI_EXCEL), key=len, reverse=True))
_AWALAN = re.compile(
    r"(?:\[\d+\]!"                       # [1]!CAPAIAN(  (external link to the add-in)
    r"|'(?:[^']|'')*\.xla[m]?'!"         # 'C:\...\kinerja.xlam'!CAPAIAN(
    r"|[\w.\-]+\.xla[m]?!"               # kinerja.xlam!CAPAIAN(
    r"|_xludf\.)"                        # _xludf.CAPAIAN(
    rf"(?=(?:{_NAMA})\s*\()",
    re.IGNORECASE,
)
_TEKS = re.compile(r'("(?:[^"]|"")*")')
_UNSUR = re.compile(r"(<(f|definedName)\b[^>]*>)(.*?)(</\2>)", re.DOTALL)


def bersihkan_rumus(rumus: str) -> str:
    """A formula without add-in prefixes on Kinerja's functions; text in quotes is kept."""
    bagian = _TEKS.split(rumus)
    for i in range(0, len(bagian), 2):  # odd parts are "quoted text"
        bagian[i] = _AWALAN.sub("", bagian[i])
    return "".join(bagian)


def _bersihkan_xml(xml: str) -> str:
    def ganti(m: re.Match) -> str:
        asli = unescape(m.group(3), {"&quot;": '"', "&apos;": "'"})
        bersih = bersihkan_rumus(asli)
        if bersih == asli:
            return m.group(0)
        return m.group(1) + escape(bersih) + m.group(4)

    return _UNSUR.sub(ganti, xml)


def salin_tanpa_awalan(sumber: str | os.PathLike, tujuan: str | os.PathLike) -> None:
    """Copy a workbook, removing add-in prefixes from formulas and defined names.

    Every other zip member is copied byte for byte.
    """
    try:
        with zipfile.ZipFile(sumber) as zin, zipfile.ZipFile(
            tujuan, "w", zipfile.ZIP_DEFLATED
        ) as zout:
            for info in zin.infolist():
                data = zin.read(info)
                nama = info.filename
                if nama == "xl/workbook.xml" or (
                    nama.startswith("xl/worksheets/") and nama.endswith(".xml")
                ):
                    teks = data.decode("utf-8")
                    bersih = _bersihkan_xml(teks)
                    if bersih != teks:
                        data = bersih.encode("utf-8")
                zout.writestr(info, data)
    except (zipfile.BadZipFile, UnicodeDecodeError) as e:
        raise BukuTidakTerbaca(
            f"{Path(sumber).name} bukan workbook Excel (.xlsx/.xlsm) yang dapat dibaca"
        ) from e


# --- computing ---------------------------------------------------------------------------

@contextlib.contextmanager
def _tanpa_bilah_kemajuan() -> Iterator[None]:
    """formulas draws a tqdm progress bar on stderr while linking cells; silence it."""
    modul = formulas.excel.tqdm
    asli = modul.tqdm
    modul.tqdm = functools.partial(asli, disable=True)
    try:
        yield
    finally:
        modul.tqdm = asli


_KUNCI = re.compile(r"^'?\[(?P<buku>[^\]]+)\](?P<lembar>.+?)'?!(?P<sel>[A-Z]+\d+(?::[A-Z]+\d+)?)$")


def nilai_per_sel(solusi: dict) -> dict[tuple[str, str], object]:
    """(SHEET in upper case, "A1") -> value, from the engine's solution keys."""
    hasil: dict[tuple[str, str], object] = {}
    for kunci, rentang in solusi.items():
        m = _KUNCI.match(str(kunci))
        if m is None:
            continue
        lembar = m["lembar"].replace("''", "'")
        nilai = np.asarray(getattr(rentang, "value", rentang), dtype=object)
        if nilai.ndim != 2:
            nilai = nilai.reshape(1, -1)
        kol0, baris0, _, _ = range_boundaries(m["sel"])
        for i, baris in enumerate(nilai):
            for j, v in enumerate(baris):
                hasil.setdefault(
                    (lembar, f"{get_column_letter(kol0 + j)}{baris0 + i}"), nilai_python(v)
                )
    return hasil


Kemajuan = Callable[[str, int, int], None]  # (stage, formulas done, formulas in all)


def model_buku(path: Path, kemajuan: Kemajuan | None = None):
    """Load and calculate a stripped copy of `path`: (the engine's model, its solution,
    whose keys name cells as "'[<file name>]SHEET'!A1").

    `kemajuan` hears each stage as it starts: reading, compiling (after each sheet,
    with the formulas compiled so far: compiling is most of the time), computing.
    The steps are those of `ExcelModel().loads(path).finish()`, one sheet at a time.
    """
    if not path.is_file():
        raise FileNotFoundError(f"Berkas tidak ditemukan: {path}")
    lapor = kemajuan or (lambda tahap, selesai, total: None)
    daftarkan()
    with tempfile.TemporaryDirectory(prefix="kinerja-hitung-") as d:
        salinan = Path(d) / path.name
        salin_tanpa_awalan(path, salinan)
        try:
            with _tanpa_bilah_kemajuan():
                lapor(f"Membaca {path.name}", 0, 0)
                model = formulas.ExcelModel()
                buku, konteks = model.add_book(str(salinan))
                per_lembar = [_jumlah_rumus(ws) for ws in buku.worksheets]
                total, selesai = sum(per_lembar), 0
                lapor("Menyusun rumus", 0, total)
                for ws, n in zip(buku.worksheets, per_lembar, strict=True):
                    model.pushes(ws, context=konteks)
                    selesai += n
                    lapor("Menyusun rumus", selesai, total)
                model.finish()
                lapor("Menghitung rumus", total, total)
                with kriteria.satu_hitungan():
                    return model, model.calculate()
        except (zipfile.BadZipFile, KeyError, OSError) as e:
            raise BukuTidakTerbaca(f"{path.name} tidak dapat dibaca sebagai workbook: {e}") from e
        except Exception as e:  # the engine's own parse errors name the formula
            raise BukuTidakTerbaca(f"{path.name}: rumus tidak dapat dihitung: {e}") from e


def _jumlah_rumus(ws) -> int:
    """Formula cells of a sheet (the engine walks the same rows when it compiles them)."""
    return sum(1 for baris in ws.iter_rows() for c in baris if c.data_type == "f")


def _muat(path: Path, kemajuan: Kemajuan | None = None):
    """Load and calculate a stripped copy; returns (the engine's openpyxl book, per-cell values)."""
    model, solusi = model_buku(path, kemajuan)
    buku = next(iter(model.books.values()))[BOOK]
    return buku, nilai_per_sel(solusi)


def hitung(path: str | os.PathLike, *, semua: bool = False,
           kemajuan: Kemajuan | None = None) -> list[Sel]:
    """Every formula cell of the workbook with its computed value and number format, in
    sheet, row, column order (every cell of an array formula's range counts); with
    `semua`, also every non-empty value cell. `kemajuan`: see model_buku."""
    path = Path(path)
    buku, nilai = _muat(path, kemajuan)
    sel: list[Sel] = []
    for ws in buku.worksheets:
        kunci_lembar = ws.title.upper()
        larik: dict[str, str] = {}  # cells covered by an array formula -> its text
        for sel_larik, ref in ws.array_formulae.items():
            teks = "{" + _teks_rumus(ws[sel_larik].value) + "}"
            for baris in ws[ref] if ":" in ref else ((ws[ref],),):
                for c in baris:
                    larik[c.coordinate] = teks
        for baris in ws.iter_rows():
            for c in baris:
                rumus = larik.get(c.coordinate)
                if rumus is None and c.data_type == "f":
                    rumus = _teks_rumus(c.value)
                if rumus is not None:
                    sel.append(Sel(ws.title, c.coordinate, rumus,
                                   nilai.get((kunci_lembar, c.coordinate)), c.number_format))
                elif semua and c.value is not None:
                    v = GalatExcel.dari_kode(c.value) if c.data_type == "e" else c.value
                    sel.append(Sel(ws.title, c.coordinate, None, v, c.number_format))
    return sel


def _teks_rumus(v: object) -> str:
    teks = v if isinstance(v, str) else getattr(v, "text", "") or ""
    return teks if teks.startswith("=") else "=" + teks


def hitung_buku(path: str | os.PathLike) -> dict[str, dict[str, object]]:
    """Computed value of every formula cell: {sheet: {"A1": value}}, as Excel would cache it.

    Values are float, str, bool, None or GalatExcel. A Kinerja function's blank
    result is "" (what the cell holds in Excel through xlwings).
    """
    hasil: dict[str, dict[str, object]] = {}
    for s in hitung(path):
        hasil.setdefault(s.lembar, {})[s.sel] = s.nilai
    return hasil
