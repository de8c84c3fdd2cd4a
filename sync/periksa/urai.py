"""Parse a raw tab into typed rows: find the header, match columns by name, type cells.

Everything a user can get wrong becomes a finding with the cell's address;
nothing here raises on bad content.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat, zip_longest
from operator import methodcaller

from addin.angka import DESIMAL_SALAH_KETIK, baca_angka
from addin.galat import NUM, GalatExcel
from sync.model import skema
from sync.model.mentah import TabMentah, tautan_sel
from sync.model.sel import huruf_kolom, kutip_lembar
from sync.model.temuan import GALAT, INFO, PERINGATAN, Temuan

BARIS_CARI_JUDUL = 30  # the header row is looked for in the first rows, under titles
SATUAN_PERSEN = {"%", "persen", "persen (%)", "persentase", "prosentase", "(%)"}
_TAHUN = re.compile(r"^(?:tahun\s*)?((?:19|20)\d\d)$", re.I)
# A typed total row in the Anggaran tab: blank Kode and a text cell that is only this
# (not "Jumlah koperasi aktif", an indicator's name).
_JUMLAH = re.compile(r"^\s*(jumlah|total|sub\s*total|grand\s*total)(\s+(keseluruhan|"
                     r"total|anggaran|seluruhnya))?\s*:?\s*$", re.I)

SINONIM = {
    "arah": {"+": "positif", "naik": "positif", "maksimal": "positif", "-": "negatif",
             "turun": "negatif", "minimal": "negatif", "negatif rasio": "negatif_rasio",
             "negatif-rasio": "negatif_rasio", "rasio negatif": "negatif_rasio"},
    "sifat": {"jumlah": "kumulatif", "kumulatif (jumlah)": "kumulatif", "akumulasi": "kumulatif",
              "rata-rata": "rata", "rerata": "rata", "rata rata": "rata",
              "posisi akhir": "akhir", "terakhir": "akhir"},
    "aktif": {"y": "ya", "yes": "ya", "true": "ya", "1": "ya", "aktif": "ya",
              "n": "tidak", "no": "tidak", "false": "tidak", "0": "tidak", "t": "tidak",
              "nonaktif": "tidak", "tidak aktif": "tidak"},
}


class SelBaris(Mapping):
    """Cell addresses of one row, built only when asked (findings are rare, rows many).

    Maps a column key (or, for Statistik years, a year) to e.g. 'Indikator!G7'.
    """

    __slots__ = ("_awalan", "_huruf", "_nomor")

    def __init__(self, awalan: str, huruf: dict, nomor: int):
        self._awalan, self._huruf, self._nomor = awalan, huruf, nomor

    def __getitem__(self, kunci) -> str:
        return f"{self._awalan}!{self._huruf[kunci]}{self._nomor}"

    def __iter__(self):
        return iter(self._huruf)

    def __len__(self) -> int:
        return len(self._huruf)

    def get(self, kunci, bawaan=None):
        """Mapping.get without the exception round trip."""
        h = self._huruf.get(kunci)
        return bawaan if h is None else f"{self._awalan}!{h}{self._nomor}"


class Tabel(Sequence):
    """The typed data rows of one tab of one bidang, held a column at a time.

    A large run has 160,000 rows: one list per column (typed in C, see _ketik_kolom)
    instead of an object and a dict per row keeps parsing, checks and the plan
    columnar. Indexing gives a Baris, a view of one row, for findings and tests.
    """

    __slots__ = ("bidang", "tab", "nomor", "kolom", "tahunan", "awalan", "huruf",
                 "huruf_tahun", "tautan", "cacat")

    def __init__(self, bidang: str, tab: str, nomor: list[int], kolom: dict[str, list],
                 tahunan: dict[int, list] | None = None, awalan: str = "",
                 huruf: dict | None = None, huruf_tahun: dict | None = None,
                 tautan: str = ""):
        self.bidang, self.tab, self.nomor, self.kolom = bidang, tab, nomor, kolom
        self.tahunan = tahunan or {}          # Statistik: year -> column of values
        self.awalan, self.tautan = awalan, tautan
        self.huruf = huruf or {}              # column key -> column letter in the source
        self.huruf_tahun = huruf_tahun or {}  # year -> column letter
        self.cacat = [False] * len(nomor)     # a galat finding concerns the row's key

    def __len__(self) -> int:
        return len(self.nomor)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [Baris(self, j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return Baris(self, i)

    def __iter__(self):
        return map(Baris, repeat(self), range(len(self.nomor)))

    def ambil(self, kunci: str) -> list:
        """A column; one the table does not have reads as blanks."""
        k = self.kolom.get(kunci)
        return [None] * len(self) if k is None else k

    def sel_kode(self) -> list[str]:
        """Each row's place in its source, e.g. Indikator!A7 (no $, as a user types it)."""
        h = self.huruf.get("kode")
        if h is None:
            return [""] * len(self)
        awal = f"{self.awalan}!{h}"  # not a format template: a name may hold braces
        return [f"{awal}{n}" for n in self.nomor]


class _Nilai(Mapping):
    """One row's values by column key, read from its table's columns. Read-only: the
    checks and the audit see parsed data, they do not change it (the only column they
    set is `cacat`, through Baris)."""

    __slots__ = ("_t", "_i")

    def __init__(self, t: Tabel, i: int):
        self._t, self._i = t, i

    def __getitem__(self, kunci):
        return self._t.kolom[kunci][self._i]

    def get(self, kunci, bawaan=None):
        k = self._t.kolom.get(kunci)
        return bawaan if k is None else k[self._i]

    def __iter__(self):
        return iter(self._t.kolom)

    def __len__(self) -> int:
        return len(self._t.kolom)


class Baris:
    """One typed data row of a template tab: a view into its Tabel."""

    __slots__ = ("_t", "_i")

    def __init__(self, t: Tabel, i: int):
        self._t, self._i = t, i

    bidang = property(lambda self: self._t.bidang)
    tab = property(lambda self: self._t.tab)          # template tab name
    tautan = property(lambda self: self._t.tautan)
    nomor = property(lambda self: self._t.nomor[self._i])  # 1-based row in the source tab
    nilai = property(lambda self: _Nilai(self._t, self._i))  # key -> typed value (None = blank)

    @property
    def sel(self) -> SelBaris:
        """Key -> 'Indikator!G7'."""
        return SelBaris(self._t.awalan, self._t.huruf, self.nomor)

    @property
    def sel_tahun(self) -> SelBaris:
        """Statistik: year -> 'Statistik!D7'."""
        return SelBaris(self._t.awalan, self._t.huruf_tahun, self.nomor)

    @property
    def tahunan(self) -> dict[int, object]:
        """Statistik: year -> value, blank years left out."""
        i = self._i
        return {t: v[i] for t, v in self._t.tahunan.items() if v[i] is not None}

    @property
    def cacat(self) -> bool:
        return self._t.cacat[self._i]

    @cacat.setter
    def cacat(self, nilai: bool) -> None:
        self._t.cacat[self._i] = nilai

    def __repr__(self) -> str:
        return f"Baris({self.bidang!r}, {self.tab!r}, {self.nomor}, {dict(self.nilai)!r})"


def tabel_kosong(bidang: str, tab: skema.Tab) -> Tabel:
    return Tabel(bidang, tab.nama, [], {k.kunci: [] for k in tab.kolom})


@dataclass
class HasilTab:
    baris: Tabel
    temuan: list[Temuan]
    jumlah: Tabel | None = None     # stated total rows (for the audit)


@dataclass
class _Judul:
    baris: int
    kolom: dict[str, int]           # column key -> 0-based column
    tahun: dict[int, int]           # year -> 0-based column (Statistik)
    lain: list[tuple[int, str]]     # unmatched non-empty header cells


def _calon_label(sel: list[list[object]], r: int) -> list[list[str]]:
    """Candidate labels per column of row r, most specific first.

    Headers are often two rows with merged groups ("Realisasi" over "TW I".."TW IV",
    "Kode" merged down). Merged cells keep their text in the top-left cell only, so
    the group label is carried right over blank cells while the row below has text.
    """
    atas = sel[r - 1] if r > 0 else []
    kini = sel[r]
    calon, induk = [], ""
    for c in range(max(len(atas), len(kini))):
        a = _teks(atas[c] if c < len(atas) else None)
        k = _teks(kini[c] if c < len(kini) else None)
        if a:
            induk = a
        if not k:
            calon.append([a] if a else [])
            induk = ""
            continue
        calon.append([f"{induk} {k}", k] if induk else [k])
    return calon


def _teks(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)  # a year header typed as a number, 2021.0 from calamine
    return "" if v is None else str(v).strip()


def cari_judul(sel: list[list[object]], tab: skema.Tab) -> _Judul | None:
    """Find the header row: the row (in the first rows) whose cells name the most columns."""
    terbaik: _Judul | None = None
    skor_terbaik = 0
    # a row naming every column (and three years) cannot be beaten: stop there
    skor_penuh = (len(tab.kolom) + sum(1 for k in tab.kolom if k.wajib)
                  + (3 if tab.tahun_kolom else 0))
    for r in range(min(len(sel), BARIS_CARI_JUDUL)):
        j = _cocokkan(_calon_label(sel, r), tab, r)
        skor = len(j.kolom) + sum(1 for k in tab.kolom if k.wajib and k.kunci in j.kolom)
        skor += min(len(j.tahun), 3)
        if skor > skor_terbaik:
            terbaik, skor_terbaik = j, skor
            if skor == skor_penuh:
                break
    if terbaik is None or len(terbaik.kolom) < 2:
        return None
    if "kode" in {k.kunci for k in tab.kolom} and "kode" not in terbaik.kolom:
        return None
    return terbaik


@functools.lru_cache(maxsize=16)
def _peta_judul(tab: skema.Tab) -> dict[str, str]:
    """Normalised header spelling -> column key (the first column claiming it wins)."""
    peta: dict[str, str] = {}
    for k in tab.kolom:
        for n in k.nama_cocok():
            peta.setdefault(n, k.kunci)
    return peta


def _cocokkan(calon: list[list[str]], tab: skema.Tab, r: int) -> _Judul:
    peta = _peta_judul(tab)
    kolom: dict[str, int] = {}
    tahun: dict[int, int] = {}
    lain: list[tuple[int, str]] = []
    for c, label in enumerate(calon):
        if not label:
            continue
        cocok = next((peta[n] for n in map(skema.normal_judul, label)
                      if n in peta and peta[n] not in kolom), None)
        if cocok:
            kolom[cocok] = c
            continue
        m = _TAHUN.match(skema.normal_judul(label[-1]))
        if tab.tahun_kolom and m:
            tahun.setdefault(int(m.group(1)), c)
            continue
        lain.append((c, label[-1]))
    return _Judul(r, kolom, tahun, lain)


def urai_tab(tab_mentah: TabMentah, tab: skema.Tab, bidang: str,
             tahun_laporan: int | None = None) -> HasilTab:
    """Typed rows and findings of one tab; never raises on bad content."""
    temuan: list[Temuan] = []
    lapor = _pelapor(temuan, tab_mentah, tab, bidang)
    judul = cari_judul(tab_mentah.sel, tab)
    if judul is None:
        wajib = ", ".join(k.judul for k in tab.kolom if k.wajib)
        lapor(GALAT, f"{kutip_lembar(tab_mentah.nama)}!A1", None,
              f"Baris judul kolom tidak ditemukan di tab '{tab_mentah.nama}' (dicari di "
              f"{BARIS_CARI_JUDUL} baris pertama). Kolom wajib: {wajib}.", "judul_tidak_ada")
        return HasilTab(tabel_kosong(bidang, tab), temuan, jumlah=tabel_kosong(bidang, tab))
    _lapor_judul(lapor, judul, tab_mentah, tab)

    awal = judul.baris + 1
    n = len(tab_mentah.sel) - awal if len(tab_mentah.sel) > awal else 0
    dipakai = sorted({*judul.kolom.values(), *judul.tahun.values()})
    kolom = transpos(tab_mentah.sel[awal:], dipakai[-1] + 1)
    mentah = {c: kolom[c] for c in dipakai}
    isi = _baris_berisi([mentah[c] for c in dipakai], n)
    persen = _baris_persen(judul, mentah, n)
    jumlah = _baris_jumlah(tab, judul, mentah, isi)
    ketik_ = _ketik_tab(tab, judul, mentah, persen)

    # The kept rows as columns: no object per row (a large run has 160,000 rows).
    idx = list(range(n)) if False not in isi else [i for i, x in enumerate(isi) if x]
    tetap = [i for i in idx if i not in jumlah] if jumlah else idx
    data = _tabel(tab_mentah, tab, bidang, judul, ketik_, tetap, n)
    hasil = HasilTab(data, temuan,
                     _tabel(tab_mentah, tab, bidang, judul, ketik_, sorted(jumlah), n))
    for j in hasil.jumlah:
        lapor(INFO, j.sel.get("kode", ""), None, f"Baris {j.nomor} adalah baris jumlah; "
              "dilewati (total dihitung ulang dari baris rinci).", "baris_jumlah")
    posisi = (dict(zip(tetap, range(len(tetap)), strict=True))
              if ketik_.masalah or ketik_.teks_angka else {})
    for i, kunci, v, (tingkat, pesan, kode) in ketik_.masalah:
        if i in posisi:
            b = data[posisi[i]]
            lapor(tingkat, (b.sel_tahun if isinstance(kunci, int) else b.sel)[kunci], v,
                  pesan, kode)
    _cek_kunci(lapor, tab, judul, mentah, data, tetap, posisi, ketik_.teks_angka,
               tahun_laporan)
    return hasil


def _pelapor(temuan: list[Temuan], tab_mentah: TabMentah, tab: skema.Tab, bidang: str):
    """lapor(tingkat, sel, nilai, pesan, kode): one finding of this tab."""
    def lapor(tingkat, sel, nilai, pesan, kode):
        temuan.append(Temuan(tingkat, bidang, tab.nama, sel, nilai, pesan,
                             tautan_sel(tab_mentah.tautan, sel), kode))
    return lapor


def _lapor_judul(lapor, judul: _Judul, tab_mentah: TabMentah, tab: skema.Tab) -> None:
    """Findings about the header row: missing required columns, extra columns, no
    year columns, hidden data rows."""
    sel_judul = f"{kutip_lembar(tab_mentah.nama)}!A{judul.baris + 1}"
    for k in tab.kolom:
        if k.wajib and k.kunci not in judul.kolom:
            lapor(GALAT, sel_judul, None,
                  f"Kolom wajib '{k.judul}' tidak ada di baris judul (baris {judul.baris + 1})."
                  + _maksud(k, judul.lain),
                  "kolom_wajib_tidak_ada")
    if judul.lain:
        daftar = ", ".join(f"{huruf_kolom(c + 1)} '{t}'" for c, t in judul.lain)
        lapor(INFO, sel_judul, None, f"Kolom tambahan diabaikan: {daftar}.", "kolom_tambahan")
    if tab.tahun_kolom and not judul.tahun:
        lapor(GALAT, sel_judul, None, "Tidak ada kolom tahun (judul berupa tahun empat "
              "angka, mis. 2021) di tab Statistik.", "kolom_tahun_tidak_ada")
    nomor = sorted(r + 1 for r in tab_mentah.baris_tersembunyi if r > judul.baris)
    if nomor:
        daftar = ", ".join(map(str, nomor[:10])) + (" …" if len(nomor) > 10 else "")
        lapor(INFO, "", None, f"Baris tersembunyi ({daftar}) tetap ikut dibaca; tampilkan "
              "bila tidak sengaja disembunyikan.", "baris_tersembunyi")


def _baris_persen(judul: _Judul, mentah: dict[int, tuple], n: int) -> list[bool]:
    """Which rows' Satuan says percent (few distinct units, many rows)."""
    if "satuan" not in judul.kolom:
        return [False] * n
    satuan = mentah[judul.kolom["satuan"]]
    peta = {v: str(v or "").strip().lower() in SATUAN_PERSEN for v in set(satuan)}
    return list(map(peta.__getitem__, satuan))


def _baris_jumlah(tab: skema.Tab, judul: _Judul, mentah: dict[int, tuple],
                  isi: list[bool]) -> set[int]:
    """Anggaran rows whose Kode is blank and whose text says Jumlah/Total: stated totals."""
    if "kode" not in judul.kolom or tab is not skema.ANGGARAN:
        return set()
    teks_c = [judul.kolom[k.kunci] for k in tab.kolom
              if k.jenis in (skema.TEKS, skema.KODE) and k.kunci in judul.kolom]
    kode = mentah[judul.kolom["kode"]]
    kosong = ([i for i, v in enumerate(kode) if _kosong(v)]
              if None in kode or not all(map(str.strip, map(str, kode))) else [])
    return {i for i in kosong if isi[i] and any(_JUMLAH.match(str(mentah[c][i] or ""))
                                                 for c in teks_c)}


@dataclass
class _Ketikan:
    kolom: dict[str, list[object]]    # column key -> typed values
    tahunan: dict[int, list[object]]  # Statistik year -> typed values
    teks_angka: dict[int, list[str]]  # row -> numbers typed as text (for mixed styles)
    masalah: list[tuple[int, object, object, tuple]]  # (row, key, raw, finding)


def _ketik_tab(tab: skema.Tab, judul: _Judul, mentah: dict[int, tuple],
               persen: list[bool]) -> _Ketikan:
    """Every matched column typed by the schema's kind."""
    h = _Ketikan({}, {}, {}, [])
    for k in tab.kolom:
        if k.kunci in judul.kolom:
            h.kolom[k.kunci] = _ketik_kolom(mentah[judul.kolom[k.kunci]], k.jenis, k, persen,
                                            k.kunci, h.masalah, h.teks_angka)
    h.tahunan = {t: _ketik_kolom(mentah[c], skema.ANGKA, None, persen, t, h.masalah,
                                 h.teks_angka) for t, c in judul.tahun.items()}
    return h


def _tabel(tab_mentah: TabMentah, tab: skema.Tab, bidang: str, judul: _Judul,
           ketik_: _Ketikan, pilih: list[int], n: int) -> Tabel:
    """The rows `pilih` (0-based below the header) as a Tabel."""
    awal = judul.baris + 1
    semua = len(pilih) == n
    ambil = (lambda v: v) if semua else (lambda v: list(map(v.__getitem__, pilih)))
    return Tabel(bidang, tab.nama, [awal + i + 1 for i in pilih],
                 {k.kunci: ambil(ketik_.kolom[k.kunci]) if k.kunci in ketik_.kolom
                  else [None] * len(pilih) for k in tab.kolom},
                 {t: ambil(v) for t, v in ketik_.tahunan.items()},
                 kutip_lembar(tab_mentah.nama),
                 {k: huruf_kolom(c + 1) for k, c in judul.kolom.items()},
                 {t: huruf_kolom(c + 1) for t, c in judul.tahun.items()}, tab_mentah.tautan)


def _cek_kunci(lapor, tab: skema.Tab, judul: _Judul, mentah: dict[int, tuple], data: Tabel,
               tetap: list[int], posisi: dict[int, int], teks_angka: dict[int, list[str]],
               tahun_laporan: int | None) -> None:
    """Rows without Kode (or Tahun where it is part of the key), and rows mixing
    Indonesian and English number styles; only rows that may have them are visited."""
    cek_tahun = "tahun" in tab.kunci_unik
    perlu_cek = {posisi[i] for i in teks_angka if i in posisi}
    for k in ("kode", "tahun") if cek_tahun else ("kode",):
        if None in data.kolom[k]:
            perlu_cek.update(p for p, v in enumerate(data.kolom[k]) if v is None)
    for p in sorted(perlu_cek):
        b, i = data[p], tetap[p]
        if b.nilai["kode"] is None:
            b.cacat = True
            lapor(GALAT, b.sel.get("kode", f"{data.awalan}!A{b.nomor}"), None,
                  f"Kode kosong pada baris {b.nomor}: setiap baris perlu Kode yang tetap.",
                  "kode_kosong")
        if cek_tahun and b.nilai["tahun"] is None:
            _cek_tahun_kosong(lapor, tab, judul, mentah, b, i, tahun_laporan)
        teks = teks_angka.get(i)
        if teks and len(teks) > 1 and len({g for g in map(gaya_angka, teks) if g}) > 1:
            lapor(PERINGATAN, b.sel.get("kode", ""), None,
                  f"Baris {b.nomor} mencampur format angka Indonesia (1.234,5) dan Inggris "
                  f"(1,234.5): {', '.join(repr(t) for t in teks)}. Seragamkan formatnya.",
                  "format_campuran")


def _cek_tahun_kosong(lapor, tab: skema.Tab, judul: _Judul, mentah: dict[int, tuple],
                      b: Baris, i: int, tahun_laporan: int | None) -> None:
    """A blank Tahun: an Anggaran row takes the report year, any other row is unusable."""
    tahun_kosong = "tahun" not in judul.kolom or _kosong(mentah[judul.kolom["tahun"]][i])
    if tab is skema.ANGGARAN and tahun_laporan and tahun_kosong:
        t = b._t  # the parse fills the year it implies; nothing later writes values
        t.kolom.setdefault("tahun", [None] * len(t))[i] = tahun_laporan
        return
    b.cacat = True
    if "tahun" in judul.kolom and tahun_kosong:
        lapor(GALAT, b.sel["tahun"], None, f"Tahun kosong pada baris {b.nomor}.",
              "tahun_kosong")


_ANGKA_BIASA = (float, int)
_MAKS = 9.99999999999999e307  # Excel's largest number; beyond it (and inf, NaN): a finding
_ANGKA_ATAU_KOSONG = {float, int, type(None)}
_TEKS_ATAU_KOSONG = {str, type(None)}
_HANYA_KOSONG = {type(None)}
_AWALAN_GALAT = methodcaller("startswith", "#")  # may be an error code: the cell loop decides


def _ketik_kolom(nilai: list[object], jenis: str, k: skema.Kolom | None, persen: list[bool],
                 kunci, masalah: list, teks_angka: dict[int, list[str]]) -> list[object]:
    """Type one column: `ketik` per cell, except where a whole-column fast path gives
    exactly what the cells would (tests/test_baca.py checks that with hypothesis)."""
    tipe = set(map(type, nilai))
    if tipe == _HANYA_KOSONG:  # an unused optional column: blank in every kind, no finding
        return list(nilai)
    cepat = _CEPAT.get(jenis)
    hasil = cepat(nilai, tipe, k, persen) if cepat else None
    if hasil is not None:
        return hasil
    return _ketik_per_sel(nilai, jenis, k, persen, kunci, masalah, teks_angka)


def _cepat_angka(nilai: list[object], tipe: set, k: skema.Kolom | None,
                 persen: list[bool]) -> list[object] | None:
    """A numeric column of numbers and blanks (no percent row to scale), all within
    Excel's range (inf/NaN/1e308 take the cell loop, which names them): as it is."""
    if tipe <= _ANGKA_ATAU_KOSONG and not any(persen) and _jumlah_wajar(nilai):
        return list(nilai)
    return None


def _cepat_persen(nilai: list[object], tipe: set, k: skema.Kolom | None,
                  persen: list[bool]) -> list[object] | None:
    """A percent column of numbers: points above 1 become fractions (85 -> 0.85)."""
    if tipe <= _ANGKA_ATAU_KOSONG and _jumlah_wajar(nilai):
        return [v / 100 if v is not None and abs(v) > 1 else v for v in nilai]
    return None


def _cepat_teks(nilai: list[object], tipe: set, k: skema.Kolom | None,
                persen: list[bool]) -> list[object] | None:
    """Text without any error code: stripped, blank text as None."""
    if not tipe <= _TEKS_ATAU_KOSONG:
        return None
    tanpa_kosong = type(None) not in tipe
    gabung = "".join(nilai if tanpa_kosong else filter(None, nilai))
    if "#" in gabung and any(  # one scan in C; rarely a cell loop
            map(_AWALAN_GALAT, map(str.lstrip, filter(None, nilai)))):
        return None
    hasil = (list(map(str.strip, nilai)) if tanpa_kosong
             else [None if v is None else v.strip() for v in nilai])
    # no text is longer than all of them together: most columns need no length per cell
    if len(gabung) > skema.BATAS_TEKS and max(map(len, filter(None, hasil)),
                                                default=0) > skema.BATAS_TEKS:
        return None  # longer than a cell holds: the cell loop names it
    return [v or None for v in hasil] if "" in hasil else hasil


def _cepat_pilihan(nilai: list[object], tipe: set, k: skema.Kolom | None,
                   persen: list[bool]) -> list[object] | None:
    """A choice column holding only the exact choices."""
    if tipe <= _TEKS_ATAU_KOSONG and set(nilai) - {None} <= set(k.pilihan):
        return list(nilai)
    return None


def _cepat_tahun(nilai: list[object], tipe: set, k: skema.Kolom | None,
                 persen: list[bool]) -> list[object] | None:
    """Whole years 1900-2100 as numbers: ints (one conversion per distinct year)."""
    if not tipe <= _ANGKA_ATAU_KOSONG:
        return None
    beda = set(nilai) - {None}
    if not all(1900 <= v <= 2100 and v == int(v) for v in beda):  # inf/NaN: no int()
        return None
    peta = {v: int(v) for v in beda}
    peta[None] = None
    return list(map(peta.__getitem__, nilai))


_CEPAT = {skema.ANGKA: _cepat_angka, skema.PERSEN: _cepat_persen, skema.TEKS: _cepat_teks,
          skema.KODE: _cepat_teks, skema.PILIHAN: _cepat_pilihan, skema.TAHUN: _cepat_tahun}


def _ketik_per_sel(nilai: list[object], jenis: str, k: skema.Kolom | None,
                   persen: list[bool], kunci, masalah: list,
                   teks_angka: dict[int, list[str]]) -> list[object]:
    """`ketik` on each cell, its findings collected; the plain cells (a number in a
    numeric column, text in a text column) skip the call with the same result."""
    angka = jenis in (skema.ANGKA, skema.PERSEN)
    teks = jenis in (skema.TEKS, skema.KODE)
    jadi_persen = jenis == skema.ANGKA and (k is None or k.kunci != "tahun")
    hasil = []
    tambah = hasil.append
    for i, v in enumerate(nilai):
        if v is None:
            tambah(None)
            continue
        t = type(v)
        if angka and t in _ANGKA_BIASA and -_MAKS <= v <= _MAKS:  # not inf, NaN, 1e308
            if (jenis == skema.PERSEN or (jadi_persen and persen[i])) and abs(v) > 1:
                v = v / 100
            tambah(v)
            continue
        if teks and t is str and v.lstrip()[:1] != "#" and len(v) <= skema.BATAS_TEKS:
            tambah(v.strip() or None)
            continue
        j = skema.PERSEN if (jadi_persen and persen[i]) else jenis
        if angka and t is str and v.strip():
            teks_angka.setdefault(i, []).append(v)
        x, catatan = ketik(v, j, k)
        tambah(x)
        for c in catatan:
            masalah.append((i, kunci, v, c))
    return hasil


def _baris_berisi(kolom: list[tuple], n: int) -> list[bool]:
    """Which rows have any non-blank cell (whitespace-only text is blank).

    Usually one column (Kode) is filled on every row, which C-level scans show
    without looking at each row in Python.
    """
    for isi in kolom:
        if None not in isi:
            tipe = set(map(type, isi))
            if str not in tipe or (tipe == {str} and all(map(str.strip, isi))):
                return [True] * n
    return [any(v is not None and (v.__class__ is not str or v.strip()) for v in baris)
            for baris in zip(*kolom, strict=True)] if n else []


def transpos(baris: list[list[object]], lebar: int) -> list[tuple]:
    """The first `lebar` columns of the rows (short rows read as blanks), in C: plain
    zip when the rows are even (calamine pads them), which is three times faster than
    zip_longest over slices of ragged rows."""
    if baris and len(set(map(len, baris))) == 1 and len(baris[0]) >= lebar:
        kolom = list(zip(*baris, strict=True))[:lebar]
    else:
        kolom = list(zip_longest(*(r[:lebar] for r in baris), fillvalue=None))
    return kolom + [(None,) * len(baris)] * (lebar - len(kolom))


def _kosong(v: object) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


def ketik(v: object, jenis: str, k: skema.Kolom | None) -> tuple[object, list[tuple]]:
    """A raw cell as the column's kind: (value, [(tingkat, pesan, kode), ...]).

    The one set of typing rules: the column fast paths above only skip it where
    they give the same result.
    """
    if _kosong(v):
        return None, []
    if isinstance(v, str):
        g = GalatExcel.dari_kode(v.strip())
        if g is not None:
            return None, [(GALAT, f"Sel berisi nilai kesalahan Excel {g} (rumus rusak atau "
                           "acuan hilang di sumber); perbaiki rumusnya atau ketik nilainya.",
                           "sel_galat")]
    if jenis in (skema.TEKS, skema.KODE):
        teks = _ketik_teks(v)
        if len(teks) > skema.BATAS_TEKS:
            return None, [(GALAT, f"Teks sepanjang {len(teks)} karakter melebihi batas Excel "
                           f"{skema.BATAS_TEKS} karakter per sel; persingkat isinya.",
                           "teks_terlalu_panjang")]
        return teks, []
    if jenis == skema.PILIHAN:
        return _ketik_pilihan(v, k)
    if jenis == skema.TAHUN:
        return _ketik_tahun(v)
    return _ketik_angka(v, jenis)


def _ketik_teks(v: object) -> str:
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _ketik_pilihan(v: object, k: skema.Kolom | None) -> tuple[object, list[tuple]]:
    """A choice, case-insensitive, with the synonyms staff type (naik, rata-rata, y ...)."""
    teks = str(v).strip().lower()
    if isinstance(v, bool):
        teks = "ya" if v else "tidak"
    teks = SINONIM.get(k.kunci if k else "", {}).get(teks, teks)
    if k and teks.replace(" ", "_") in k.pilihan:
        teks = teks.replace(" ", "_")
    if k and teks not in k.pilihan:
        return None, [(GALAT, f"Nilai '{v}' tidak dikenal untuk kolom {k.judul}; pilihan: "
                       f"{', '.join(k.pilihan)}.", "pilihan_salah")]
    return teks, []


def _ketik_tahun(v: object) -> tuple[object, list[tuple]]:
    n, _ = _angka(v)
    if n is None or not float(n).is_integer() or not 1900 <= n <= 2100:
        return None, [(GALAT, f"Tahun '{v}' tidak sah: tulis tahun empat angka, mis. 2021.",
                       "tahun_salah")]
    return int(n), []


def _ketik_angka(v: object, jenis: str) -> tuple[object, list[tuple]]:
    """A number or a percent (points above 1 without '%' become fractions)."""
    if isinstance(v, bool):
        return None, [(GALAT, f"Nilai {v} bukan angka.", "bukan_angka")]
    n, masalah = _angka(v)
    if masalah == _LUAR:
        return None, [(GALAT, f"'{_ringkas(v)}' di luar jangkauan angka Excel (tak hingga, "
                       "bukan angka, atau lebih dari 9,99E+307); tulis angka yang sah.",
                       "angka_luar_jangkauan")]
    if n is None:
        return None, [(GALAT, f"'{_ringkas(v)}' bukan angka yang dapat dibaca (contoh yang "
                       "benar: 1.808.970.744,00 atau 17,39%).", "bukan_angka")]
    catatan = []
    if masalah == DESIMAL_SALAH_KETIK:  # English-style text is read silently; mixing is not
        catatan.append((PERINGATAN, f"Format angka '{v}' tidak baku (pemisah desimal salah "
                        f"ketik); dibaca sebagai {_tampil(n)}. Periksa dan tulis dengan "
                        "format baku, mis. 1.234.567,89.", "angka_tidak_baku"))
    if jenis == skema.PERSEN and not (isinstance(v, str) and "%" in v) and abs(n) > 1:
        n = n / 100
    return n, catatan


def _tampil(n: float) -> str:
    return f"{n:,.10g}".replace(",", "_").replace(".", ",").replace("_", ".")


_LUAR = "luar jangkauan"


def _jumlah_wajar(nilai: list) -> bool:
    """Every number of the column within Excel's range, told by one sum in C (a sum out
    of range only sends the column through the cell loop, which checks each cell)."""
    try:
        return -_MAKS <= sum(filter(None, nilai)) <= _MAKS
    except OverflowError:  # a Python int beyond any float
        return False


def _ringkas(v: object, n: int = 60) -> str:
    """A cell's text for a message: long text cut (a finding names the cell anyway)."""
    s = str(v)
    return s if len(s) <= n else s[:n] + "…"


def _angka(v: object) -> tuple[float | None, str | None]:
    """A number from a cell: numbers as they are, text through addin.angka.baca_angka."""
    if isinstance(v, (int, float)):
        return (v, None) if -_MAKS <= v <= _MAKS else (None, _LUAR)
    teks = str(v).strip()
    nilai, catatan = baca_angka(teks)
    if nilai == NUM or (isinstance(nilai, float) and not -_MAKS <= nilai <= _MAKS):
        return None, _LUAR
    if isinstance(nilai, GalatExcel) or nilai is None:
        return None, None
    return nilai, catatan


def gaya_angka(teks: str) -> str | None:
    """'id' (1.234,5), 'en' (1,234.5) or None for a number typed as text.

    Same reading as docs/dev/domain.md: with both marks the last is the decimal mark; a
    repeated mark groups; a single comma is decimal; a single point groups only
    before exactly three digits.
    """
    s = re.sub(r"[^\d.,]", "", teks)
    titik, koma = s.count("."), s.count(",")
    if titik and koma:
        return "id" if s.rfind(",") > s.rfind(".") else "en"
    if koma > 1:
        return "en"
    if titik > 1 or koma == 1:
        return "id"
    if titik == 1:
        return "id" if re.search(r"\.\d{3}$", s) else "en"
    return None


def _maksud(k: skema.Kolom, lain: list[tuple[int, str]]) -> str:
    """" Kolom D 'Pagu Anggaran (Rp)': maksud Anda 'Pagu'? ..." for an unknown header
    that holds the column's name or resembles it, so one line explains the other."""
    import difflib

    nama = [skema.normal_judul(n) for n in (k.judul, *k.alias)]
    for c, teks in lain:
        t = skema.normal_judul(teks)
        kata = t.split()
        if any(n in kata or n == t or difflib.SequenceMatcher(None, n, t).ratio() >= 0.75
               for n in nama):
            return (f" Kolom {huruf_kolom(c + 1)} '{teks}': maksud Anda '{k.judul}'? Ganti "
                    f"judulnya menjadi '{k.judul}'.")
    return ""
