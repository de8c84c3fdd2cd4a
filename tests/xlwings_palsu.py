"""A stand-in for the slice of xlwings + Excel (Windows, COM) that Kinerja uses.

xlwings needs Excel for its Book/Sheet/Range objects, so the live writer, the
button and `kinerja addin pasang` are tested against this stand-in. Names and
signatures follow xlwings 0.37.8 (`main.py`: Sheets.add(name, before, after),
Range.value / options / clear_contents / number_format / column_width / font /
color, Names.add(name, refers_to), App.calculation / calculate / enable_events /
screen_updating / status_bar / startup_path / quit). Where Excel is inconvenient,
the stand-in is too; each rule names its source:

- Assigning a string to Range.Value is like typing it (xlwings #1269, #2247: "001"
  becomes 1, "1/2" a date): numbers, percents, dates, times, TRUE/FALSE and error
  codes are converted, "=..." becomes a formula, unless the cell's NumberFormat is
  "@" (Text) or the string starts with an apostrophe, which Excel drops (the
  fix the xlwings maintainer gives in #1269). Parsing follows the en-US locale;
  an id-ID Excel swaps "." and ",", the point (text is converted) is the same.
- Excel stores every number as a double: ints come back as floats (pywin32 maps
  VT_R8 to float).
- Error cells reach Python as pywin32's integers, the VT_ERROR scode
  0x800A0000 + xlErr code (`KODE_GALAT`); xlwings maps only the seven classic ones
  (`_xlwindows.cell_errors`, `_clean_value_data_element`): to None, or to the
  text with err_to_str=True; the others pass through as the integer.
- Application.Calculation: with xlCalculationAutomatic every change recalculates
  the dependent formulas ("Excel recalculates ... whenever a change is made",
  Microsoft, Application.Calculation / "Change formula recalculation"); the
  stand-in counts one recalculation per write while the mode is automatic, and one
  per App.calculate(). With EnableEvents, every write fires Worksheet_Change
  (counted as `peristiwa`).
- Sheet names are case-insensitive in Excel; xlwings' Sheets.add refuses a
  duplicate with ValueError("Sheet named '...' already present in workbook").
- App.quit() runs xlwings' `Apps.cleanup()` (`_xlwindows.App.quit`), which
  force-kills every Excel process without a window (`taskkill /F`); the stand-in
  records that as ("cleanup_bunuh",). `_xlwindows.cleanup` is also registered with
  atexit by xlwings on import.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

# xlErr constants (XlCVError enumeration, Microsoft VBA reference; #BUSY! is not in
# it, see addin/galat.py) -> the integer pywin32 hands to Python.
XLERR = {"#NULL!": 2000, "#DIV/0!": 2007, "#VALUE!": 2015, "#REF!": 2023, "#NAME?": 2029,
         "#NUM!": 2036, "#N/A": 2042, "#GETTING_DATA": 2043, "#SPILL!": 2045,
         "#CONNECT!": 2046, "#BLOCKED!": 2047, "#UNKNOWN!": 2048, "#FIELD!": 2049,
         "#CALC!": 2050}
KODE_GALAT = {teks: (0x800A0000 + x) - 2**32 for teks, x in XLERR.items()}
# xlwings 0.37.8 _xlwindows.cell_errors: the only codes it turns into text/None.
KLASIK = {-2146826281: "#DIV/0!", -2146826246: "#N/A", -2146826259: "#NAME?",
          -2146826288: "#NULL!", -2146826252: "#NUM!", -2146826265: "#REF!",
          -2146826273: "#VALUE!"}


class Galat:
    """An error value held in a cell (what Excel shows as #N/A ...)."""

    __slots__ = ("kode",)

    def __init__(self, kode: int):
        self.kode = kode

    def __eq__(self, other):
        return isinstance(other, Galat) and other.kode == self.kode

    def __repr__(self):
        return f"Galat({self.kode})"


_ANGKA = re.compile(r"^([+-])?\$?(\d{1,3}(?:,\d{3})+|\d+)?(\.\d*)?(?:[eE]([+-]?\d+))?(%)?$")
_TANGGAL = (
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), lambda m: dt.datetime(
        int(m[3]), int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{1,2})/(\d{1,2})$"), lambda m: dt.datetime(
        dt.date.today().year, int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$"),
     lambda m: dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0),
                           int(m[6] or 0))),
    (re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$"), lambda m: dt.datetime(
        1899, 12, 30, int(m[1]), int(m[2]), int(m[3] or 0))),
)


def ketik(teks: str, format_sel: str = "General") -> tuple[object, str | None]:
    """What Excel stores when `teks` is assigned to Range.Value: (value, formula)."""
    if format_sel == "@":
        return (teks or None), None  # Text format: stored verbatim
    if teks.startswith("'"):
        return (teks[1:] or None), None  # the apostrophe is a prefix, not content
    if teks == "":
        return None, None
    s = teks.strip()
    m = _ANGKA.match(s)
    if m and (m[2] or (m[3] and len(m[3]) > 1)):
        x = float((m[2] or "0").replace(",", "") + (m[3] or "") + (f"e{m[4]}" if m[4] else ""))
        x = -x if m[1] == "-" else x
        return (x / 100 if m[5] else x), None
    if s.upper() in ("TRUE", "FALSE"):
        return s.upper() == "TRUE", None
    if s.upper() in XLERR:
        return Galat(KODE_GALAT[s.upper()]), None
    for pola, buat in _TANGGAL:
        t = pola.match(s)
        if t:
            try:
                return buat(t), None
            except ValueError:
                break  # not a real date (13/45): stays text
    if teks.startswith(("=", "+", "-", "@")):
        return None, teks  # typed as a formula
    return teks, None


class _Sel:
    __slots__ = ("nilai", "rumus", "format")

    def __init__(self):
        self.nilai, self.rumus, self.format = None, None, "General"


class GagalTulis(Exception):
    """What a COM call raises when Excel refuses (the stand-in's com_error)."""


class App:
    def __init__(self, startup_path: Path | None = None, path: Path | None = None):
        self.panggilan: list[tuple] = []
        self._status: object = False
        self._layar = True
        self._kalkulasi = "automatic"
        self._peristiwa = True
        self.display_alerts = True
        self.hitung_ulang = 0       # recalculations triggered (automatic mode) or asked for
        self.peristiwa = 0          # Worksheet_Change events fired
        self.gagal_setelah: int | None = None  # the n-th value write raises (tests)
        self.pesan: list[tuple[str, str | None]] = []
        self.books = Books(self)
        self._startup = startup_path
        self._path = path

    # --- what a write costs ---
    def _ubah(self, n_tulis: int = 1) -> None:
        if self._kalkulasi == "automatic":
            self.hitung_ulang += n_tulis
        if self._peristiwa:
            self.peristiwa += n_tulis

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.pesan.append((prompt, title))
        self.panggilan.append(("alert", title))
        return "ok"

    @property
    def status_bar(self):
        return self._status

    @status_bar.setter
    def status_bar(self, value):
        self.panggilan.append(("status_bar", value))
        self._status = value

    @property
    def screen_updating(self):
        return self._layar

    @screen_updating.setter
    def screen_updating(self, value):
        self.panggilan.append(("screen_updating", value))
        self._layar = value

    @property
    def calculation(self):
        return self._kalkulasi

    @calculation.setter
    def calculation(self, value):
        if value not in ("automatic", "manual", "semiautomatic"):
            raise ValueError(value)
        self.panggilan.append(("calculation", value))
        if value == "automatic" and self._kalkulasi != "automatic":
            self.hitung_ulang += 1  # switching back to automatic recalculates
        self._kalkulasi = value

    def calculate(self):
        self.panggilan.append(("calculate",))
        self.hitung_ulang += 1

    @property
    def enable_events(self):
        return self._peristiwa

    @enable_events.setter
    def enable_events(self, value):
        self.panggilan.append(("enable_events", value))
        self._peristiwa = bool(value)

    # --- installing ---
    @property
    def startup_path(self):
        return str(self._startup)

    @property
    def path(self):
        return str(self._path)

    def quit(self):
        # xlwings _xlwindows.App.quit: xl.Quit() then Apps.cleanup() (kills windowless Excel)
        self.panggilan.append(("quit",))
        self.panggilan.append(("cleanup_bunuh",))

    @property
    def api(self):
        app = self

        class _Api:
            def Quit(self):  # noqa: N802 (COM name)
                app.panggilan.append(("api.Quit",))

            @property
            def DisplayAlerts(self):  # noqa: N802
                return app.display_alerts

            @DisplayAlerts.setter
            def DisplayAlerts(self, v):  # noqa: N802
                app.display_alerts = v

        return _Api()


class Books(dict):
    def __init__(self, app: App):
        super().__init__()
        self.app = app
        self.gagal_buka = False

    def __getitem__(self, nama):
        for k, v in self.items():
            if k.lower() == str(nama).lower():
                return v
        raise KeyError(nama)

    def open(self, path):
        self.app.panggilan.append(("open", Path(path).name))
        if self.gagal_buka or not Path(path).is_file():
            raise GagalTulis(f"Sorry, we couldn't find {path}")
        b = Book(str(path), self.app)
        dict.__setitem__(self, Path(path).name, b)
        return b


class Book:
    def __init__(self, fullname="Buku1", app: App | None = None):
        self.fullname = fullname
        self.name = fullname.replace("\\", "/").split("/")[-1]
        self.app = app or App()
        self.sheets = Sheets(self)
        self.names = Names(self)
        self.modul_vba: set[str] = set()
        self.gagal_simpan = False

    def isi(self, nama: str, baris: list[list[object]]) -> Sheet:
        """Test helper: a sheet filled from A1 as stored values (not part of xlwings)."""
        s = self.sheets.add(nama, after=self.sheets[len(self.sheets) - 1]
                            if len(self.sheets) else None)
        for r, row in enumerate(baris, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    s._sel(r, c).nilai = float(v) if type(v) is int else v
        return s

    def save(self, path=None):
        self.app.panggilan.append(("save", self.name))
        if self.gagal_simpan:
            raise GagalTulis("The file is read-only")

    def close(self):
        self.app.panggilan.append(("close", self.name))
        dict.pop(self.app.books, self.name, None)

    @property
    def api(self):
        buku = self

        class _Komponen:  # VBProject.VBComponents: Item(name) raises for a missing module
            def Item(self, nama):  # noqa: N802 (COM name)
                if nama not in buku.modul_vba:
                    raise GagalTulis("Subscript out of range")
                return SimpleNamespace(Name=nama)

        return SimpleNamespace(Name=self.name, FullName=self.fullname, _buku=self,
                               VBProject=SimpleNamespace(VBComponents=_Komponen()))


class Sheets:
    def __init__(self, book: Book):
        self.book = book
        self._daftar: list[Sheet] = []

    def __iter__(self):
        return iter(list(self._daftar))

    def __len__(self):
        return len(self._daftar)

    def __call__(self, name_or_index):
        return self[name_or_index - 1] if isinstance(name_or_index, int) else self[name_or_index]

    def __getitem__(self, kunci):
        if isinstance(kunci, int):
            return self._daftar[kunci]
        for s in self._daftar:
            if s.name.lower() == kunci.lower():  # Excel: sheet names ignore case
                return s
        raise KeyError(kunci)

    def add(self, name=None, before=None, after=None):
        # xlwings main.Sheets.add refuses a name already present, ignoring case
        if name is not None and name.lower() in (s.name.lower() for s in self):
            raise ValueError(f"Sheet named '{name}' already present in workbook")
        self.book.app.panggilan.append(("sheets.add", name, after.name if after else None))
        s = Sheet(self.book, name or f"Sheet{len(self._daftar) + 1}")
        if after is not None:
            self._daftar.insert(self._daftar.index(after) + 1, s)
        elif before is not None:
            self._daftar.insert(self._daftar.index(before), s)
        else:
            self._daftar.insert(0, s)
        return s


class Sheet:
    def __init__(self, book: Book, name: str):
        self.book, self.name = book, name
        self.sel: dict[tuple[int, int], _Sel] = {}
        self.lebar: dict[int, float] = {}
        self.tebal: set[tuple[int, int]] = set()
        self.warna: dict[tuple[int, int], tuple] = {}
        # cell -> (Address, SubAddress) of its hyperlink: one per cell
        self.hyperlink: dict[tuple[int, int], tuple[str, str]] = {}

    @property
    def api(self):
        """Worksheet COM object: only .Hyperlinks (Hyperlinks.Add(Anchor, Address,
        SubAddress, ScreenTip, TextToDisplay), learn.microsoft.com "Hyperlinks.Add
        method (Excel)")."""
        return _ApiLembar(self, None)

    def _sel(self, r, c) -> _Sel:
        return self.sel.setdefault((r, c), _Sel())

    def range(self, cell1, cell2=None) -> Range:
        a, b = _rentang(cell1)
        if cell2 is not None:
            b = _rentang(cell2)[1]
        return Range(self, a, b)

    def __getitem__(self, alamat) -> Range:
        return self.range(alamat)

    @property
    def used_range(self) -> Range:
        isi = [k for k, s in self.sel.items() if s.nilai is not None or s.rumus is not None]
        if not isi:
            return Range(self, (1, 1), (1, 1))
        return Range(self, (min(r for r, _ in isi), min(c for _, c in isi)),
                     (max(r for r, _ in isi), max(c for _, c in isi)))

    def nilai(self, alamat: str):
        """Test helper: (stored value, formula) of one cell."""
        s = self.sel.get(_rentang(alamat)[0])
        return (None, None) if s is None else (s.nilai, s.rumus)


def _alamat(sel) -> tuple[int, int]:
    if isinstance(sel, tuple):
        return sel
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", sel)
    c = 0
    for ch in m.group(1):
        c = c * 26 + ord(ch) - 64
    return int(m.group(2)), c


def _rentang(sel) -> tuple[tuple[int, int], tuple[int, int]]:
    if isinstance(sel, tuple):
        return sel, sel
    if ":" in sel:
        a, b = sel.split(":")
        return _alamat(a), _alamat(b)
    return _alamat(sel), _alamat(sel)


def bersihkan(v: object, err_to_str: bool) -> object:
    """xlwings' _xlwindows._clean_value_data_element for one raw COM value."""
    if isinstance(v, Galat):
        v = v.kode
        if v in KLASIK:
            return KLASIK[v] if err_to_str else None
        return v  # newer codes (#SPILL!, #CALC!, ...) pass through as the integer
    return v


class _Font:
    def __init__(self, rng: Range):
        self._rng = rng

    @property
    def bold(self):
        return self._rng.a in self._rng.sheet.tebal

    @bold.setter
    def bold(self, v):
        self._rng.sheet.book.app.panggilan.append(("font.bold", self._rng.sheet.name, self._rng.a))
        for k in self._rng._sel_semua():
            (self._rng.sheet.tebal.add if v else self._rng.sheet.tebal.discard)(k)


class _Hyperlinks:
    """Worksheet.Hyperlinks / Range.Hyperlinks. Add puts one hyperlink on the anchor cell
    (a second Add on the same cell replaces the first, as in Excel: a cell has one);
    without TextToDisplay the cell keeps the value it has. Delete removes the range's
    hyperlinks (Range.Hyperlinks.Delete; ClearContents leaves them, which is why the
    writer deletes them itself: Excel's "Clear Contents" keeps a cell's hyperlink)."""

    def __init__(self, sheet: Sheet, rng: Range | None):
        self._sheet, self._rng = sheet, rng

    def Add(self, Anchor, Address, SubAddress="", ScreenTip=None, TextToDisplay=None):  # noqa: N802,N803
        rng = Anchor._rng
        if rng.sheet is not self._sheet:
            raise GagalTulis("Anchor di lembar lain")
        self._sheet.book.app.panggilan.append(("Hyperlinks.Add", self._sheet.name, rng.a))
        if not isinstance(Address, str) or (SubAddress is not None
                                            and not isinstance(SubAddress, str)):
            raise GagalTulis("Address/SubAddress harus teks")
        self._sheet.hyperlink[rng.a] = (Address, SubAddress or "")
        if TextToDisplay is not None:
            rng.value = TextToDisplay

    def Delete(self):  # noqa: N802
        sel = (set(self._rng._sel_semua()) if self._rng is not None
               else set(self._sheet.hyperlink))
        self._sheet.book.app.panggilan.append(("Hyperlinks.Delete", self._sheet.name,
                                               self._rng.a if self._rng else None))
        for k in sel:
            self._sheet.hyperlink.pop(k, None)

    @property
    def Count(self):  # noqa: N802
        sel = (set(self._rng._sel_semua()) if self._rng is not None
               else set(self._sheet.hyperlink))
        return sum(1 for k in self._sheet.hyperlink if k in sel)


class _ApiLembar:
    def __init__(self, sheet: Sheet, rng: Range | None):
        self._sheet, self._rng = sheet, rng

    @property
    def Hyperlinks(self):  # noqa: N802
        return _Hyperlinks(self._sheet, self._rng)


class Range:
    @property
    def api(self):
        """Range COM object: only .Hyperlinks, and as an Anchor for Hyperlinks.Add."""
        return _ApiLembar(self.sheet, self)

    def __init__(self, sheet: Sheet, a, b, ndim=None, err_to_str=False, chunksize=None):
        self.sheet, self.a, self.b, self._ndim = sheet, a, b, ndim
        self._err_to_str = err_to_str

    def _sel_semua(self):
        return [(r, c) for r in range(self.a[0], self.b[0] + 1)
                for c in range(self.a[1], self.b[1] + 1)]

    @property
    def row(self):
        return self.a[0]

    @property
    def column(self):
        return self.a[1]

    @property
    def shape(self):
        return (self.b[0] - self.a[0] + 1, self.b[1] - self.a[1] + 1)

    @property
    def last_cell(self) -> Range:
        return Range(self.sheet, self.b, self.b)

    def options(self, ndim=None, err_to_str=False, chunksize=None, **_):
        return Range(self.sheet, self.a, self.b, ndim, err_to_str)

    @property
    def raw_value(self):
        """Values as pywin32 returns them (errors as integers, numbers as floats)."""
        return [[(lambda s: None if s is None else (
            s.nilai.kode if isinstance(s.nilai, Galat) else s.nilai))(self.sheet.sel.get((r, c)))
                 for c in range(self.a[1], self.b[1] + 1)]
                for r in range(self.a[0], self.b[0] + 1)]

    @property
    def value(self):
        rows = [[bersihkan(self.sheet.sel[(r, c)].nilai, self._err_to_str)
                 if (r, c) in self.sheet.sel else None
                 for c in range(self.a[1], self.b[1] + 1)]
                for r in range(self.a[0], self.b[0] + 1)]
        if self._ndim == 2:
            return rows
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        if len(rows) == 1:
            return rows[0]
        if all(len(r) == 1 for r in rows):
            return [r[0] for r in rows]
        return rows

    @value.setter
    def value(self, data):
        app = self.sheet.book.app
        app.panggilan.append(("value", self.sheet.name, self.a, _bentuk(data)))
        if app.gagal_setelah is not None:
            app.gagal_setelah -= 1
            if app.gagal_setelah < 0:
                raise GagalTulis("Exception occurred. (Excel: the sheet is protected)")
        if not isinstance(data, (list, tuple)):
            data = [[data]]
        elif not data or not isinstance(data[0], (list, tuple)):
            data = [list(data)]
        for i, row in enumerate(data):
            for j, v in enumerate(row):
                s = self.sheet._sel(self.a[0] + i, self.a[1] + j)
                s.nilai, s.rumus = v, None
                if isinstance(v, str):
                    s.nilai, s.rumus = ketik(v, s.format)
                elif isinstance(v, bool) or v is None:
                    pass
                elif isinstance(v, (int, float)):
                    s.nilai = float(v)  # Excel holds doubles
        app._ubah()

    def clear_contents(self):
        app = self.sheet.book.app
        app.panggilan.append(("clear_contents", self.sheet.name, self.a, self.b))
        for k in self._sel_semua():
            if k in self.sheet.sel:
                self.sheet.sel[k].nilai = self.sheet.sel[k].rumus = None
        app._ubah()

    @property
    def number_format(self):
        return self.sheet._sel(*self.a).format

    @number_format.setter
    def number_format(self, fmt):
        self.sheet.book.app.panggilan.append(("number_format", self.sheet.name, self.a, fmt))
        for k in self._sel_semua():
            self.sheet._sel(*k).format = fmt

    @property
    def column_width(self):
        return self.sheet.lebar.get(self.a[1])

    @column_width.setter
    def column_width(self, w):
        self.sheet.book.app.panggilan.append(("column_width", self.sheet.name, self.a, w))
        for c in range(self.a[1], self.b[1] + 1):
            self.sheet.lebar[c] = w

    @property
    def font(self):
        return _Font(self)

    @property
    def color(self):
        return self.sheet.warna.get(self.a)

    @color.setter
    def color(self, rgb):
        self.sheet.book.app.panggilan.append(("color", self.sheet.name, self.a, rgb))
        for k in self._sel_semua():
            self.sheet.warna[k] = rgb


def _bentuk(data) -> tuple[int, int]:
    if not isinstance(data, (list, tuple)):
        return (1, 1)
    if not data or not isinstance(data[0], (list, tuple)):
        return (1, len(data))
    return (len(data), max(len(r) for r in data))


class Names:
    def __init__(self, book: Book):
        self.book = book
        self._nama: dict[str, Name] = {}

    def add(self, name, refers_to):
        self.book.app.panggilan.append(("names.add", name, refers_to))
        self._nama[name.lower()] = Name(self.book, name, refers_to)
        self.book.app._ubah()  # redefining a name recalculates its dependents
        return self._nama[name.lower()]

    def __getitem__(self, name):
        return self._nama[name.lower()]

    def __contains__(self, name):
        return name.lower() in self._nama

    def __iter__(self):
        return iter(self._nama.values())


class Name:
    def __init__(self, book: Book, name: str, refers_to: str):
        self.book, self.name, self.refers_to = book, name, refers_to

    @property
    def refers_to_range(self) -> Range:
        m = re.fullmatch(r"='?((?:[^']|'')+?)'?!(\$?[A-Z]+\$?\d+)(?::(\$?[A-Z]+\$?\d+))?",
                         self.refers_to)
        sheet = self.book.sheets[m.group(1).replace("''", "'")]
        return sheet.range(m.group(2).replace("$", ""),
                           (m.group(3) or m.group(2)).replace("$", ""))


# --- the xlwings module as `kinerja addin pasang` sees it -----------------------------------

class Apps(list):
    @property
    def active(self):
        return self[0]


class XlwingsPalsu:
    """The xlwings module for pasang: apps, App(), import_udfs, _xlwindows.cleanup.

    Excel's XLSTART is a real folder (`xlstart`), so the copy is a real file copy
    that can fail like one (a missing or read-only folder, a file Excel holds open).
    `impor_gagal` makes import_udfs raise as Excel does when "Trust access to the
    VBA project object model" is off; `impor_diam` makes it return without adding
    the module (what the verification must catch).
    """

    __version__ = "0.37.8"

    def __init__(self, xlstart: Path, excel_jalan: bool, impor_gagal: bool = False,
                 impor_diam: bool = False, app_gagal: bool = False):
        self.xlstart = Path(xlstart)
        self.impor_gagal, self.impor_diam, self.app_gagal = impor_gagal, impor_diam, app_gagal
        self.catatan: list[tuple] = []
        self.apps = Apps([self._app_baru()] if excel_jalan else [])
        self._xlwindows = SimpleNamespace(cleanup=self._cleanup)
        self.__file__ = str(Path(__file__))

    def _app_baru(self) -> App:
        app = App(startup_path=self.xlstart, path=self.xlstart.parent)
        app.panggilan = self.catatan  # one log for every call, in order
        return app

    def _cleanup(self):
        self.catatan.append(("cleanup_bunuh",))

    def App(self, visible=None, add_book=None):  # noqa: N802 (xlwings' name)
        self.catatan.append(("App", {"visible": visible, "add_book": add_book}))
        if self.app_gagal:
            raise GagalTulis("Invalid class string (Excel tidak terpasang)")
        return self._app_baru()

    def import_udfs(self, modul, api):
        self.catatan.append(("import_udfs", modul, api.Name))
        if self.impor_gagal:
            raise GagalTulis("Programmatic access to Visual Basic Project is not trusted")
        if not self.impor_diam:
            api._buku.modul_vba.add("xlwings_udfs")  # the module import_udfs writes
