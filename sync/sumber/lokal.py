"""Local sources: a bidang workbook (.xlsx/.xlsm) or a folder of .csv files.

python-calamine reads workbooks (cached formula values, ~10x faster than
openpyxl), but it returns error cells (#REF!, #DIV/0!) as blanks and says
nothing of hidden rows; both matter to the audit, so a regex pass over each
template tab's XML recovers them.
"""

from __future__ import annotations

import codecs
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
from sync.model.pesan_os import sebab_os
from sync.model.sel import nomor_kolom
from sync.model.temuan import INFO, Temuan
from sync.model.tolak import TulisDitolak
from sync.paket import Paket, serial_excel

EKSTENSI_BUKU = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}  # all read by calamine

# Limits on one source, so a hostile or broken file is refused before it can exhaust
# memory (a 2.4 MB zip can inflate to 2.5 GB; one cell at XFD1048576 makes a dense
# 17-billion-cell range). Documented in docs/templat-bidang.md; Excel's own limits from
# "Excel specifications and limits" (rows per sheet, characters per cell).
BATAS_BAGIAN = 128 * 1024 * 1024    # inflated bytes of one part of the package
BATAS_SUMBER = 256 * 1024 * 1024    # inflated bytes of all parts (or of the .csv files)
BATAS_BARIS = 1_048_576             # rows per worksheet, as Excel
BATAS_KOLOM = 16_384                # columns per worksheet (XFD), as Excel
BATAS_SEL = 10_000_000              # cells of one tab (rows x columns as read)
BATAS_TEKS = skema.BATAS_TEKS       # characters in one cell, as Excel


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
    try:
        path = Path(alamat)
        if not path.is_absolute() and dasar is not None:
            path = dasar / path
        if not path.exists():
            raise SumberGagal(bidang, alamat, f"berkas tidak ditemukan: {_pendek(path)}")
        if path.is_dir():
            return _baca_csv(bidang, alamat, path)
        _berkas_biasa(bidang, alamat, path)
        if path.suffix.lower() == ".csv":
            return _baca_csv(bidang, alamat, path)
        if path.suffix.lower() not in EKSTENSI_BUKU:
            raise SumberGagal(bidang, alamat, f"{_pendek(path.name)} bukan workbook yang dapat "
                              "dibaca (.xlsx, .xlsm, .xls, .xlsb, .ods) atau folder/berkas .csv. "
                              "Buka di Excel lalu simpan sebagai Excel Workbook (.xlsx).")
        return _baca_buku(bidang, alamat, path)
    except OSError as e:  # a name too long, no permission, a vanished share ...
        raise SumberGagal(bidang, alamat, f"berkas tidak dapat dibaca: {sebab_os(e)}") from None
    except ValueError:  # a NUL byte in the path
        raise SumberGagal(bidang, alamat, "alamat berkas berisi karakter yang tidak sah."
                          ) from None


def _pendek(teks: object, n: int = 200) -> str:
    """A path or name for a message: a 5,000-character address is cut."""
    s = str(teks)
    return s if len(s) <= n else s[:n] + "…"


def _berkas_biasa(bidang: str, alamat: str, path: Path) -> None:
    """Only regular files: reading a FIFO or a device would block or never end."""
    if not path.is_file():
        raise SumberGagal(bidang, alamat, f"{_pendek(path.name)} bukan berkas biasa (pipa, "
                          "perangkat atau soket); tunjuk ke berkas .xlsx/.csv.")


def _periksa_paket(bidang: str, alamat: str, path: Path) -> None:
    """Refuse a package whose parts inflate beyond the limits (zip bombs), before any
    part is inflated. Python's zipfile never inflates past a part's declared size."""
    try:
        with zipfile.ZipFile(path) as z:
            total = 0
            for info in z.infolist():
                total += info.file_size
                if info.file_size > BATAS_BAGIAN:
                    raise SumberGagal(bidang, alamat, f"bagian {_pendek(info.filename, 80)} "
                                      f"di {_pendek(path.name)} terlalu besar setelah dibuka "
                                      f"({info.file_size // 2**20} MB; batas "
                                      f"{BATAS_BAGIAN // 2**20} MB per bagian).")
            if total > BATAS_SUMBER:
                raise SumberGagal(bidang, alamat, f"{_pendek(path.name)} terlalu besar setelah "
                                  f"dibuka ({total // 2**20} MB; batas {BATAS_SUMBER // 2**20} "
                                  "MB per sumber).")
    except zipfile.BadZipFile:
        return  # .xls is no zip; a damaged package is refused by calamine just after


def _baca_buku(bidang: str, alamat: str, path: Path) -> SumberMentah:
    _periksa_paket(bidang, alamat, path)
    try:
        buku = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own types for each format problem; its
        # text ("invalid Zip archive: Could not find EOCD") tells staff nothing
        raise SumberGagal(bidang, alamat, f"{_pendek(path.name)} rusak atau bukan workbook "
                          "Excel (isinya tidak dapat dibaca). Buka berkas itu di Excel; bila "
                          "bisa dibuka, simpan ulang sebagai .xlsx, bila tidak, minta salinan "
                          "baru dari bidangnya.") from None
    sumber = SumberMentah(bidang=bidang, alamat=alamat, jenis="xlsx")
    nama_tab = {}
    for tab in skema.TABS:
        nama = cocok_tab(buku.sheet_names, tab)
        if nama is None:
            raise SumberGagal(bidang, alamat, f"Tab '{tab.nama}' tidak ada di "
                              f"{_pendek(path.name)} (tab yang ada: "
                              f"{_pendek(', '.join(buku.sheet_names))}). Ganti nama tab "
                              f"yang berisi data itu menjadi '{tab.nama}', atau salin tab itu "
                              "dari templat (kinerja templat buat baru.xlsx).")
        nama_tab[tab.nama] = nama
    perlu = set(nama_tab.values())
    try:  # only the template tabs' parts: a sheet never used is never inflated
        with Paket(path, strict_boleh=True) as pk:
            bagian = {s.nama: pk.baca(s.bagian) for s in pk.lembar() if s.nama in perlu
                      and s.bagian is not None and pk.ada(s.bagian)}
    except (TulisDitolak, etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, ValueError,
            OSError):
        bagian = {}  # cells as calamine read them, without error codes or hidden rows
    for tab in skema.TABS:
        nama = nama_tab[tab.nama]
        if nama != tab.nama:
            sumber.temuan.append(Temuan(INFO, bidang, tab.nama, "", nama,
                                        f"Tab '{nama}' dipakai sebagai tab '{tab.nama}'.",
                                        kode="tab_lain"))
        if nama in bagian:
            masalah = _ukuran_xml(bagian[nama])
            if masalah:
                raise SumberGagal(bidang, alamat, f"tab '{nama}': {masalah}")
        try:
            sel = sel_mentah(buku.get_sheet_by_name(nama).to_python(skip_empty_area=False))
        except Exception as e:  # calamine's own error types (bad XML, entities ...)
            raise SumberGagal(bidang, alamat, f"tab '{nama}' tidak dapat dibaca "
                              f"({type(e).__name__}); simpan ulang berkasnya dari Excel."
                              ) from None
        if len(sel) > BATAS_BARIS:
            raise SumberGagal(bidang, alamat, f"tab '{nama}' memuat {len(sel)} baris; lebih "
                              f"dari batas Excel {BATAS_BARIS} baris per lembar.")
        tersembunyi: frozenset[int] = frozenset()
        if nama in bagian:
            galat, tersembunyi = _pindai_xml(bagian[nama])
            for (r, c), kode in galat.items():
                while len(sel) <= r:
                    sel.append([])
                while len(sel[r]) <= c:
                    sel[r].append(None)
                sel[r][c] = kode
        sumber.tabs[tab.nama] = TabMentah(nama=nama, sel=sel, tautan=alamat,
                                          baris_tersembunyi=tersembunyi)
    return sumber


_BIASA = frozenset({float, str, bool, int})
_KOSONG = {"": None}.get  # blank text -> None, any other value -> itself (in C via map)


def sel_mentah(baris: list[list[object]]) -> list[list[object]]:
    """Calamine's rows to the raw-cell contract: '' is blank, dates become serials (as
    the master's 1900 date system counts them, Excel's 29 Feb 1900 included). A row at
    a time in C, in place: calamine's fresh lists are reused, which is 2-4x faster than
    building new ones. Dates and times (rare) take a second pass."""
    for b in baris:
        b[:] = map(_KOSONG, b, b)
    sel = baris
    if set(map(type, chain.from_iterable(sel))) - _BIASA - {type(None)}:
        sel = [[serial_excel(v) if isinstance(v, (dt.date, dt.time, dt.timedelta)) else v
                for v in b] for b in sel]
    return sel


# The rows and columns cells reach, from every attribute named r: a row's r="5" and a
# cell's r="M5" (calamine places a cell by its own r, whatever its row says), in either
# quote and any spacing XML allows. Each pattern starts with a literal, which lets the
# regex engine skip to candidates (~10x faster than anchoring on "<"). Another attribute
# ending in r (x:r=, activeCellr=) only overstates the range: refusing, never missing.
# r values past column Z or past row 99,999 (none in an ordinary sheet): letters >= 2
# with their digits, or the digits of a one-letter (or row) reference of 6 digits or more.
# The quantifiers are possessive (Python 3.11+): giving back a letter or a digit can never
# make a match, and not trying to spares the engine a third of its steps on the r="A4"
# of every cell (0.22 -> 0.17 s over the bench's 78 MB). Same matches as the plain
# pattern (test_tepi_sumber.py).
_JAUH = re.compile(rb'r\s*+=\s*+["\'](?:([A-Za-z]{2,}+)(\d++)|[A-Za-z]?+(\d{6,}+))')
# a row number of at least d digits (in a row's or a cell's r), for d = 1..7
_NOMOR = {d: re.compile(rb'r\s*=\s*["\'][A-Za-z]*(\d{%d,})' % d) for d in range(1, 8)}


def _kolom(huruf: bytes) -> int:
    """A column's number from its letters, any case; four letters or more are past XFD."""
    if len(huruf) > 3:
        return BATAS_KOLOM + 1
    return nomor_kolom(huruf.decode().upper())


def _ukuran_xml(xml: bytes) -> str:
    """Why a worksheet's XML is refused before it is read into cells, or "".

    A DTD is refused outright (OOXML has none; entities could expand without end). The
    columns and rows its cells reach bound the dense range calamine would build. Only a
    row number long enough to break a limit is looked at, so an ordinary sheet's scan
    converts (almost) nothing. Cells without any r are placed one after another by
    calamine and are not counted here (docs/dev/konsolidasi.md, limits)."""
    kepala = xml[:4096]
    # "!" is rare in sheet XML and a one-byte search runs at memchr speed (the 8-byte
    # search crawls: 0.03 s over the bench's 78 MB); both declarations contain it
    if b"!" in xml and (b"<!DOCTYPE" in kepala or b"<!ENTITY" in kepala or b"<!ENTITY" in xml):
        return ("lembar berisi DTD/deklarasi entitas, yang tidak pernah ditulis Excel; "
                "simpan ulang berkasnya dari Excel.")
    jauh = _JAUH.findall(xml)  # one pass; a second only when a column is past Z
    kolom = max((_kolom(h) for h, _, _ in jauh if h), default=26)
    if kolom > BATAS_KOLOM:
        return f"kolom ke-{kolom} melewati batas Excel {BATAS_KOLOM} kolom per lembar."
    ambang = min(BATAS_BARIS, BATAS_SEL // kolom) + 1  # the smallest row that breaks one
    if len(str(ambang)) < 6:
        jauh = [(b"", b"", n) for n in _NOMOR[len(str(ambang))].findall(xml)]
    baris = max((int(a or b) for _, a, b in jauh if a or b), default=0)
    if baris > BATAS_BARIS:
        return f"baris ke-{baris} melewati batas Excel {BATAS_BARIS} baris per lembar."
    if baris * kolom > BATAS_SEL:
        return (f"sel terisi menjangkau {baris} baris x {kolom} kolom; lebih dari batas "
                f"{BATAS_SEL} sel per tab. Hapus isi di luar tabel (Ctrl+End menunjukkan "
                "sel terakhir).")
    return ""


_C_ERR = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</c>', re.S)
_R = re.compile(rb'\br="([A-Z]+)(\d+)"')
_V = re.compile(rb"<v>([^<]*)</v>")
_ROW_HIDDEN = re.compile(rb'<row\b[^>]*\bhidden="(?:1|true)"[^>]*>')
_ROW_R = re.compile(rb'\br="(\d+)"')


def _pindai_xml(xml: bytes) -> tuple[dict[tuple[int, int], str], frozenset[int]]:
    """Error cells ((row, col) 0-based -> '#REF!') and hidden rows (0-based)."""
    galat = {}
    # most sheets have neither: a substring search in C spares the regex pass. An error
    # value calamine accepts starts with "#" (it refuses any other: test_baca.py), and the
    # one-byte search for "#" runs at memchr speed, ten times the t="e" search's
    for m in _C_ERR.finditer(xml) if b"#" in xml and b't="e"' in xml else ():
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
    if prefix is None and not all(cocok_tab([p.stem for p in berkas], t) for t in skema.TABS):
        prefix = _prefix_folder(bidang, alamat, berkas)  # bidang-Indikator.csv, ...
    if sum(p.stat().st_size for p in berkas if prefix is None
           or p.stem.startswith(prefix)) > BATAS_SUMBER:
        raise SumberGagal(bidang, alamat, f"berkas CSV di {_pendek(folder)} lebih dari "
                          f"{BATAS_SUMBER // 2**20} MB; batas per sumber.")
    sumber = SumberMentah(bidang=bidang, alamat=alamat, jenis="csv")
    for tab in skema.TABS:
        calon = {p.stem[len(prefix):] if prefix is not None else p.stem: p for p in berkas
                 if prefix is None or p.stem.startswith(prefix)}
        nama = cocok_tab(list(calon), tab)
        if nama is None:
            raise SumberGagal(bidang, alamat, f"berkas CSV untuk tab '{tab.nama}' tidak ada "
                              f"di {_pendek(folder)}")
        p = calon[nama]
        _berkas_biasa(bidang, alamat, p)
        sel = _baca_teks_csv(bidang, alamat, p)
        if nama != tab.nama:
            sumber.temuan.append(Temuan(INFO, bidang, tab.nama, "", p.name,
                                        f"Berkas '{p.name}' dipakai sebagai tab '{tab.nama}'.",
                                        kode="tab_lain"))
        sumber.tabs[tab.nama] = TabMentah(nama=tab.nama, sel=sel)
    return sumber


def _prefix_folder(bidang: str, alamat: str, berkas: list[Path]) -> str | None:
    """The one common prefix of a folder's tab files (sekretariat-Indikator.csv ...)."""
    awalan = {}
    for p in berkas:
        a = _prefix_csv(p.stem)
        if a:
            awalan.setdefault(a, set()).add(p.stem[len(a):])
    lengkap = [a for a, nama in awalan.items()
               if all(cocok_tab(list(nama), t) for t in skema.TABS)]
    if len(lengkap) > 1:
        raise SumberGagal(bidang, alamat, "folder memuat berkas CSV beberapa bidang ("
                          + ", ".join(f"{a}…" for a in sorted(lengkap)) + "); tunjuk ke salah "
                          "satu berkasnya, mis. " + f"{sorted(lengkap)[0]}Indikator.csv.")
    return lengkap[0] if lengkap else None


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
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode
        urutan = ("utf-16",)                                           # Text" export
    else:
        urutan = ("utf-8-sig", "cp1252")
    for enc in urutan:
        try:
            teks = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SumberGagal(bidang, alamat, f"pengodean berkas {_pendek(p.name)} tidak dikenali; "
                          "simpan sebagai CSV UTF-8.")
    if "\0" in teks:
        raise SumberGagal(bidang, alamat, f"{_pendek(p.name)} bukan teks CSV (berisi byte NUL; "
                          "mungkin UTF-16 tanpa penanda BOM); simpan sebagai CSV UTF-8.")
    contoh = teks[:4096]
    try:
        pemisah = csv.Sniffer().sniff(contoh, delimiters=";,\t").delimiter
    except csv.Error:  # one column, or too few rows to tell
        pemisah = ";" if contoh.count(";") > contoh.count(",") else ","
    pembaca = csv.reader(io.StringIO(teks), delimiter=pemisah)
    try:
        baris = list(pembaca)
    except csv.Error:  # a field over csv's limit (131,072), far over Excel's 32,767
        raise SumberGagal(bidang, alamat, f"{_pendek(p.name)} baris {pembaca.line_num}: sel "
                          f"terlalu panjang (lebih dari {BATAS_TEKS} karakter, batas Excel) "
                          "atau tanda kutip tidak ditutup.") from None
    if len(baris) > BATAS_BARIS:
        raise SumberGagal(bidang, alamat, f"{_pendek(p.name)} memuat {len(baris)} baris; lebih "
                          f"dari batas Excel {BATAS_BARIS} baris per lembar.")
    return [[(v if v.strip() != "" else None) for v in b] for b in baris]
