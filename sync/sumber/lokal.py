"""Local sources: a bidang workbook (.xlsx/.xlsm) or a folder of .csv files.

python-calamine reads workbooks (cached formula values, ~10x faster than
openpyxl), but it returns error cells (#REF!, #DIV/0!) as blanks and says
nothing of hidden rows; both matter to the audit, so a regex pass over each
template tab's XML recovers them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from itertools import chain
from pathlib import Path

import python_calamine
from lxml import etree

from sync.model import skema
from sync.model.mentah import SumberGagal, SumberMentah, TabMentah
from sync.model.sel import nomor_kolom
from sync.model.temuan import INFO, Temuan
from sync.model.tolak import TulisDitolak
from sync.paket import Paket, serial_excel

EKSTENSI_BUKU = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}  # all read by calamine


def cocok_tab(nama_ada: list[str], tab: skema.Tab) -> str | None:
    """The source's tab for a template tab: exact name first, then aliases, then the
    name followed by a year or number only ("Anggaran 2021", "Indikator (2)")."""
    normal = {skema.normal_judul(n): n for n in nama_ada}
    for calon in (tab.nama, *tab.alias):
        if skema.normal_judul(calon) in normal:
            return normal[skema.normal_judul(calon)]
    for calon in (tab.nama, *tab.alias):
        awal = skema.normal_judul(calon)
        cocok = [asli for n, asli in normal.items()
                 if n.startswith(awal + " ") and n[len(awal):].strip("- ").isdigit()]
        if len(cocok) == 1:
            return cocok[0]
    return None


def baca_lokal(bidang: str, alamat: str, dasar: Path | None = None) -> SumberMentah:
    """Read one local source; raise SumberGagal (Indonesian) when it cannot be read."""
    path = Path(alamat)
    if not path.is_absolute() and dasar is not None:
        path = dasar / path
    if not path.exists():
        raise SumberGagal(bidang, alamat, f"berkas tidak ditemukan: {path}")
    if path.is_dir() or path.suffix.lower() == ".csv":
        return _baca_csv(bidang, alamat, path)
    if path.suffix.lower() not in EKSTENSI_BUKU:
        raise SumberGagal(bidang, alamat, f"{path.name} bukan workbook yang dapat dibaca "
                          "(.xlsx, .xlsm, .xls, .xlsb, .ods) atau folder/berkas .csv. Buka di "
                          "Excel lalu simpan sebagai Excel Workbook (.xlsx).")
    return _baca_buku(bidang, alamat, path)


def _baca_buku(bidang: str, alamat: str, path: Path) -> SumberMentah:
    try:
        buku = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own types for each format problem; its
        # text ("invalid Zip archive: Could not find EOCD") tells staff nothing
        raise SumberGagal(bidang, alamat, f"{path.name} rusak atau bukan workbook Excel "
                          "(isinya tidak dapat dibaca). Buka berkas itu di Excel; bila bisa "
                          "dibuka, simpan ulang sebagai .xlsx, bila tidak, minta salinan baru "
                          "dari bidangnya.") from None
    sumber = SumberMentah(bidang=bidang, alamat=alamat, jenis="xlsx")
    try:
        with Paket(path, strict_boleh=True) as pk:
            bagian = pk.xml_lembar()
    except (TulisDitolak, etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, ValueError,
            OSError):
        bagian = {}  # cells as calamine read them, without error codes or hidden rows
    for tab in skema.TABS:
        nama = cocok_tab(buku.sheet_names, tab)
        if nama is None:
            raise SumberGagal(bidang, alamat, f"Tab '{tab.nama}' tidak ada di {path.name} "
                              f"(tab yang ada: {', '.join(buku.sheet_names)}). Ganti nama tab "
                              f"yang berisi data itu menjadi '{tab.nama}', atau salin tab itu "
                              "dari templat (kinerja templat buat baru.xlsx).")
        if nama != tab.nama:
            sumber.temuan.append(Temuan(INFO, bidang, tab.nama, "", nama,
                                        f"Tab '{nama}' dipakai sebagai tab '{tab.nama}'.",
                                        kode="tab_lain"))
        sel = sel_mentah(buku.get_sheet_by_name(nama).to_python(skip_empty_area=False))
        tersembunyi: frozenset[int] = frozenset()
        if nama in bagian:
            galat, tersembunyi = _pindai_xml(bagian[nama])
            for (r, c), kode in galat.items():
                while len(sel) <= r:
                    sel.append([])
                while len(sel[r]) <= c:
                    sel[r].append(None)
                sel[r][c] = kode
        sumber.tabs[tab.nama] = TabMentah(nama=nama, sel=sel, baris_tersembunyi=tersembunyi)
    return sumber


_BIASA = frozenset({float, str, bool, int})
_KOSONG = {"": None}.get  # blank text -> None, any other value -> itself (in C via map)


def sel_mentah(baris: list[list[object]]) -> list[list[object]]:
    """Calamine's rows to the raw-cell contract: '' is blank, dates become serials (as
    the master's 1900 date system counts them, Excel's 29 Feb 1900 included). A row at
    a time in C; dates and times (rare) take a second pass."""
    sel = [list(map(_KOSONG, b, b)) for b in baris]
    if set(map(type, chain.from_iterable(sel))) - _BIASA - {type(None)}:
        sel = [[serial_excel(v) if isinstance(v, (dt.date, dt.time, dt.timedelta)) else v
                for v in b] for b in sel]
    return sel


_C_ERR = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</c>', re.S)
_R = re.compile(rb'\br="([A-Z]+)(\d+)"')
_V = re.compile(rb"<v>([^<]*)</v>")
_ROW_HIDDEN = re.compile(rb'<row\b[^>]*\bhidden="(?:1|true)"[^>]*>')
_ROW_R = re.compile(rb'\br="(\d+)"')


def _pindai_xml(xml: bytes) -> tuple[dict[tuple[int, int], str], frozenset[int]]:
    """Error cells ((row, col) 0-based -> '#REF!') and hidden rows (0-based)."""
    galat = {}
    # most sheets have neither: a substring search in C spares the regex pass
    for m in _C_ERR.finditer(xml) if b't="e"' in xml else ():
        r = _R.search(m.group(1))
        v = _V.search(m.group(2))
        if r and v:
            galat[(int(r.group(2)) - 1, nomor_kolom(r.group(1).decode()) - 1)] = (
                v.group(1).decode("utf-8", "replace"))
    tersembunyi = set()
    for m in _ROW_HIDDEN.finditer(xml) if b"hidden=" in xml else ():
        r = _ROW_R.search(m.group(0))
        if r:
            tersembunyi.add(int(r.group(1)) - 1)
    return galat, frozenset(tersembunyi)


# CSV: a folder holding one file per tab (Indikator.csv, Anggaran.csv, Statistik.csv,
# optionally with a common prefix such as sekretariat-Indikator.csv), or the path of
# one of those files (its siblings with the same prefix are used).


def _baca_csv(bidang: str, alamat: str, path: Path) -> SumberMentah:
    if path.is_dir():
        folder, prefix = path, None
    else:
        folder = path.parent
        prefix = _prefix_csv(path.stem)
        if prefix is None:
            raise SumberGagal(bidang, alamat, f"nama berkas CSV harus diakhiri nama tab "
                              f"(Indikator, Anggaran atau Statistik): {path.name}")
    berkas = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    sumber = SumberMentah(bidang=bidang, alamat=alamat, jenis="csv")
    for tab in skema.TABS:
        calon = {p.stem[len(prefix):] if prefix is not None else p.stem: p for p in berkas
                 if prefix is None or p.stem.startswith(prefix)}
        nama = cocok_tab(list(calon), tab)
        if nama is None:
            raise SumberGagal(bidang, alamat, f"berkas CSV untuk tab '{tab.nama}' tidak ada "
                              f"di {folder}")
        p = calon[nama]
        sel = _baca_teks_csv(bidang, alamat, p)
        if nama != tab.nama:
            sumber.temuan.append(Temuan(INFO, bidang, tab.nama, "", p.name,
                                        f"Berkas '{p.name}' dipakai sebagai tab '{tab.nama}'.",
                                        kode="tab_lain"))
        sumber.tabs[tab.nama] = TabMentah(nama=tab.nama, sel=sel)
    return sumber


def _prefix_csv(stem: str) -> str | None:
    norm = stem.lower()
    for tab in skema.TABS:
        for nama in (tab.nama, *tab.alias):
            n = nama.lower()
            if norm.endswith(n):
                return stem[: len(stem) - len(n)]
    return None


def _baca_teks_csv(bidang: str, alamat: str, p: Path) -> list[list[object]]:
    """All CSV cells are text: numbers are read later by the same parser as typed text."""
    data = p.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            teks = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise SumberGagal(bidang, alamat, f"encoding berkas {p.name} tidak dikenali")
    contoh = teks[:4096]
    try:
        pemisah = csv.Sniffer().sniff(contoh, delimiters=";,\t").delimiter
    except csv.Error:  # one column, or too few rows to tell
        pemisah = ";" if contoh.count(";") > contoh.count(",") else ","
    baris = list(csv.reader(io.StringIO(teks), delimiter=pemisah))
    return [[(v if v.strip() != "" else None) for v in b] for b in baris]
