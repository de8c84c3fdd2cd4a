"""A recording stand-in for the slice of xlwings' API the live writer uses.

xlwings needs Excel (COM on Windows, AppleScript on macOS) for its Book/Sheet/Range
objects, and its remote engine is a PRO feature under a non-commercial licence, so
the live writer is tested against this stand-in. Names, signatures and value
semantics follow xlwings 0.37 (Sheets.add(name, before, after), Range.value with
scalars / rows / 2-D lists, Range.options(ndim=2), used_range, last_cell,
Names.add(name, refers_to), Name.refers_to_range, App.alert/status_bar/
screen_updating). Excel behaviour that matters is modelled: a string starting with
"=" becomes a formula unless it starts with an apostrophe, which Excel drops.
"""

from __future__ import annotations

import re


class _Sel:
    __slots__ = ("nilai", "rumus", "format")

    def __init__(self):
        self.nilai, self.rumus, self.format = None, None, "General"


class App:
    def __init__(self):
        self.panggilan: list[tuple] = []
        self._status: object = False
        self._layar = True
        self.pesan: list[tuple[str, str | None]] = []

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


class Book:
    def __init__(self, fullname="Buku1", app: App | None = None):
        self.fullname = fullname
        self.name = fullname.replace("\\", "/").split("/")[-1]
        self.app = app or App()
        self.sheets = Sheets(self)
        self.names = Names(self)

    def isi(self, nama: str, baris: list[list[object]]) -> Sheet:
        """Test helper: a sheet filled from A1 (not part of xlwings)."""
        s = self.sheets.add(nama, after=self.sheets[len(self.sheets) - 1]
                            if len(self.sheets) else None)
        for r, row in enumerate(baris, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    s._sel(r, c).nilai = v
        return s


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
            if s.name.lower() == kunci.lower():
                return s
        raise KeyError(kunci)

    def add(self, name=None, before=None, after=None):
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

    def _sel(self, r, c) -> _Sel:
        return self.sel.setdefault((r, c), _Sel())

    def range(self, cell1, cell2=None) -> Range:
        a = _alamat(cell1)
        b = _alamat(cell2) if cell2 is not None else a
        return Range(self, a, b)

    @property
    def used_range(self) -> Range:
        isi = [k for k, s in self.sel.items() if s.nilai is not None or s.rumus is not None]
        if not isi:
            return Range(self, (1, 1), (1, 1))
        return Range(self, (min(r for r, _ in isi), min(c for _, c in isi)),
                     (max(r for r, _ in isi), max(c for _, c in isi)))

    def nilai(self, alamat: str):
        """Test helper: (value, formula) of one cell."""
        s = self.sel.get(_alamat(alamat))
        return (None, None) if s is None else (s.nilai, s.rumus)


def _alamat(sel) -> tuple[int, int]:
    if isinstance(sel, tuple):
        return sel
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", sel)
    c = 0
    for ch in m.group(1):
        c = c * 26 + ord(ch) - 64
    return int(m.group(2)), c


class Range:
    def __init__(self, sheet: Sheet, a, b, ndim=None):
        self.sheet, self.a, self.b, self._ndim = sheet, a, b, ndim

    @property
    def row(self):
        return self.a[0]

    @property
    def column(self):
        return self.a[1]

    @property
    def last_cell(self) -> Range:
        return Range(self.sheet, self.b, self.b)

    def options(self, ndim=None, **_):
        return Range(self.sheet, self.a, self.b, ndim)

    @property
    def value(self):
        rows = [[self.sheet.sel[(r, c)].nilai if (r, c) in self.sheet.sel else None
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
        self.sheet.book.app.panggilan.append(("value", self.sheet.name, self.a,
                                              _bentuk(data)))
        if not isinstance(data, (list, tuple)):
            data = [[data]]
        elif not data or not isinstance(data[0], (list, tuple)):
            data = [list(data)]
        for i, row in enumerate(data):
            for j, v in enumerate(row):
                s = self.sheet._sel(self.a[0] + i, self.a[1] + j)
                s.nilai, s.rumus = v, None
                if isinstance(v, str) and v.startswith("'"):
                    s.nilai = v[1:]  # Excel keeps the text, drops the apostrophe
                elif isinstance(v, str) and v.startswith("="):
                    s.nilai, s.rumus = None, v  # Excel would make it a formula
                elif v == "":
                    s.nilai = None

    def clear_contents(self):
        self.sheet.book.app.panggilan.append(("clear_contents", self.sheet.name, self.a, self.b))
        for r in range(self.a[0], self.b[0] + 1):
            for c in range(self.a[1], self.b[1] + 1):
                if (r, c) in self.sheet.sel:
                    self.sheet.sel[(r, c)].nilai = self.sheet.sel[(r, c)].rumus = None

    @property
    def number_format(self):
        return self.sheet._sel(*self.a).format

    @number_format.setter
    def number_format(self, fmt):
        self.sheet.book.app.panggilan.append(("number_format", self.sheet.name, self.a, fmt))
        for r in range(self.a[0], self.b[0] + 1):
            for c in range(self.a[1], self.b[1] + 1):
                self.sheet._sel(r, c).format = fmt


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
