"""The inspector's audit: checks across series, tabs and bidang that no single Rumus names.

`sync.periksa.audit` recomputes a figure from the series its Rumus/Acuan declares. A
careful inspector also reads the figures against each other: a percentage no pair of
the bidang's counts produces, a percentage that is another indicator's *target*, a
combined growth that is the average of its parts' growths, the same quantity stated
twice with two values, a value 1000 times off its neighbours, unit words the values
contradict, a budget line listed twice, a target copied from its baseline, a target
that is another ratio's denominator. Each finding names the cell and shows the
arithmetic in plain Indonesian. Rules stay silent on consistent data (the hypothesis
test in tests/test_periksa_silang.py generates such data).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import combinations

from addin import rumus
from sync.model.mentah import tautan_sel
from sync.model.temuan import INFO, PERINGATAN, Temuan
from sync.periksa.uji import TOLERANSI_PERSEN, DataBidang, _fmt, _rp, _sama
from sync.periksa.urai import SATUAN_PERSEN

LONCAT = 300.0          # a value this many times off the other years' median: a lost "000"
BATAS_RUPIAH = 1e15     # 1,000 triliun: no regional agency figure reaches it
KATA_SATUAN = {"ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "milyar": 1e9,
               "miliar": 1e9, "m": 1e9, "triliun": 1e12, "t": 1e12}
_KATA = re.compile(r"\b(ribu|juta|milyar|miliar|triliun)\b", re.I)


@dataclass
class Deret:
    """One series as the inspector reads it: a Statistik row, or an indicator's
    realisations or targets across its rows (one row per year)."""

    bidang: str
    tab: str
    kode: str
    nama: str
    jenis: str                  # "stat", "realisasi" or "target"
    persen: bool
    satuan: str
    nilai: dict[int, float] = field(default_factory=dict)
    sel: dict[int, str] | _SelBaris = field(default_factory=dict)
    tautan: str = ""
    rumus: str | None = None
    acuan: tuple[str, ...] = ()
    sel_satuan: str = ""

    @property
    def label(self) -> str:
        return self.kode if self.jenis == "stat" else f"{self.kode} ({self.jenis})"


def _persen_satuan(satuan: object) -> bool:
    return str(satuan or "").strip().lower() in SATUAN_PERSEN


def _angka(v: object) -> float | None:
    if v is None or isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    x = float(v)
    return x if math.isfinite(x) else None


def kumpulkan(data: list[DataBidang]) -> list[Deret]:
    """Every usable series, Statistik rows first, in the order the bidang are listed."""
    semua: list[Deret] = []
    for d in data:
        for b in d.statistik:
            if b.cacat or not b.nilai.get("kode"):
                continue
            satuan = str(b.nilai.get("satuan") or "")
            s = Deret(d.bidang, b.tab, str(b.nilai["kode"]).upper(),
                      str(b.nilai.get("uraian") or ""), "stat", _persen_satuan(satuan), satuan,
                      tautan=b.tautan, rumus=b.nilai.get("rumus"),
                      acuan=_acuan(b.nilai.get("acuan")), sel_satuan=b.sel.get("satuan") or "")
            sel_tahun = b.sel_tahun
            for th, v in b.tahunan.items():
                x = _angka(v)
                if x is not None:
                    s.nilai[th] = x
                    s.sel[th] = sel_tahun.get(th) or ""
            semua.append(s)
    for d in data:
        semua.extend(_deret_indikator(d))
    return semua


class _SelBaris:
    """Year -> the cell of an indicator series, built only when a finding needs it
    (a large run has 80,000 rows; findings are rare)."""

    __slots__ = ("_t", "_baris", "_kolom")

    def __init__(self, t, kolom: str):
        self._t, self._baris, self._kolom = t, {}, kolom

    def get(self, th: int, bawaan: str = "") -> str:
        i = self._baris.get(th)
        return bawaan if i is None else (self._t[i].sel.get(self._kolom) or bawaan)


def _deret_indikator(d: DataBidang) -> list[Deret]:
    """An indicator's realisations and targets as two series, read from the table's
    columns (no row view per row; a bidang's rows of one Kode usually follow each
    other, so the pair of series is looked up once per run of rows)."""
    t = d.indikator
    per_kode: dict[str, tuple[Deret, Deret]] = {}
    kolom = [t.ambil(k) for k in ("kode", "tahun", "satuan", "indikator", "rumus", "acuan",
                                  "realisasi", "target")]
    mentah_lalu, pasangan = object(), None
    for i, (cacat, kode, th, satuan, nama, rms, acuan, real, target) in enumerate(
            zip(t.cacat, *kolom, strict=True)):
        if cacat or not kode or th is None:
            continue
        if kode != mentah_lalu:
            mentah_lalu, k = kode, str(kode).upper()
            pasangan = per_kode.get(k)
            if pasangan is None:
                satuan = str(satuan or "")
                persen, acuan = _persen_satuan(satuan), _acuan(acuan)
                pasangan = per_kode[k] = tuple(
                    Deret(d.bidang, t.tab, k, str(nama or ""), jenis, persen, satuan,
                          sel=_SelBaris(t, jenis), tautan=t.tautan, rumus=rms, acuan=acuan)
                    for jenis in ("realisasi", "target"))
        th = int(th)
        if real is not None and real.__class__ is not bool and real == real and abs(
                real) != math.inf:
            s = pasangan[0]
            s.nilai[th] = float(real)
            s.sel._baris[th] = i
        if target is not None and target.__class__ is not bool and target == target and abs(
                target) != math.inf:
            s = pasangan[1]
            s.nilai[th] = float(target)
            s.sel._baris[th] = i
    return [s for p in per_kode.values() for s in p]


def _acuan(teks: object) -> tuple[str, ...]:
    return tuple(a.strip().upper() for a in str(teks or "").split("/") if a.strip())


def _temuan(s: Deret, sel: str, nilai: object, pesan: str, kode: str,
            tingkat: str = PERINGATAN, hitungan: float | None = None) -> Temuan:
    return Temuan(tingkat, s.bidang, s.tab, sel, nilai, pesan, tautan_sel(s.tautan, sel), kode,
                  hitungan)


def _p(v: float) -> str:
    return str(rumus.persen(float(v)))


def _tahun(daftar: list[int]) -> str:
    """Years as staff write them: consecutive runs as a range (2016, 2018–2020)."""
    runtun: list[list[int]] = []
    for th in sorted(daftar):
        if runtun and th == runtun[-1][-1] + 1:
            runtun[-1].append(th)
        else:
            runtun.append([th])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runtun)


def _selisih(s: Deret, v: float) -> str:
    """A difference of two percentages is in percentage points, not percent."""
    return _p(v).removesuffix("%") + " poin persen" if s.persen else _tampil(s, v)


def _tampil(s: Deret, v: float) -> str:
    if s.persen:
        return _p(v)
    if "rp" in s.satuan.lower():
        return _rp(v)
    return _fmt(v)


def periksa_silang(data: list[DataBidang]) -> list[Temuan]:
    """Every cross check, in a fixed order (findings are compared by tests and users)."""
    deret = kumpulkan(data)
    temuan: list[Temuan] = []
    temuan += pertumbuhan_gabungan(deret)
    sama_target, t = persen_sama_target(deret)
    temuan += t
    temuan += persen_tanpa_pasangan(deret, sama_target)
    temuan += beda_antar_tab(deret)
    temuan += besaran_loncat(deret)
    temuan += kata_satuan(deret)
    temuan += target_sama_baseline(deret)
    temuan += target_penyebut(deret)
    temuan += anggaran_ganda(data)
    return temuan


# --- combined growth ------------------------------------------------------------------------

def pertumbuhan_gabungan(deret: list[Deret]) -> list[Temuan]:
    """A growth of A = B + C must be the growth of the sum, not the average of the growths.

    Needs A's level in year t, the parts' levels in t and their stated growths in t; the
    previous year's levels follow from those (B/(1+gB)), so the check works on a baseline
    year whose previous levels the data does not hold."""
    stat = {s.kode: s for s in deret if s.jenis == "stat"}
    tumbuh = [s for s in deret if s.jenis == "realisasi" and s.rumus == "pertumbuhan"
              and len(s.acuan) == 1 and s.acuan[0] in stat]
    hasil = []
    for s in tumbuh:
        a = stat[s.acuan[0]]
        for th in sorted(s.nilai):
            if th not in a.nilai or th - 1 in a.nilai:
                continue  # with A(t-1) known, the Rumus check recomputes the growth itself
            for b, c in combinations([x for x in tumbuh if x is not s], 2):
                t = _gabungan(s, a, stat[b.acuan[0]], b, stat[c.acuan[0]], c, th)
                if t is not None:
                    hasil.append(t)
                    break
    return hasil


def _gabungan(s: Deret, a: Deret, sb: Deret, b: Deret, sc: Deret, c: Deret,
              th: int) -> Temuan | None:
    """The finding for s (growth of a) in year th when a = sb + sc and s is not the growth
    of that sum; None when the parts do not add up to a or s agrees."""
    if sb is a or sc is a or sb is sc or th not in b.nilai or th not in c.nilai:
        return None
    vb, vc = sb.nilai.get(th), sc.nilai.get(th)
    g, gb, gc = s.nilai[th], b.nilai[th], c.nilai[th]
    if vb is None or vc is None or gb <= -1 or gc <= -1 or not _sama(a.nilai[th], vb + vc,
                                                                       False):
        return None
    # the previous level: stated when the series has it, else from the growth
    lalu = sb.nilai.get(th - 1, vb / (1 + gb)) + sc.nilai.get(th - 1, vc / (1 + gc))
    benar = (vb + vc - lalu) / lalu
    if abs(g - benar) <= TOLERANSI_PERSEN:
        return None
    alasan = (f" Angka {_p(g)} adalah rata-rata sederhana {_p(gb)} dan {_p(gc)}."
              if abs(g - (gb + gc) / 2) <= TOLERANSI_PERSEN else "")
    return _temuan(
        s, s.sel.get(th, ""), g,
        f"Pertumbuhan gabungan {th} tertulis {_p(g)}, padahal {a.kode} = "
        f"{sb.kode} + {sc.kode} ({_tampil(a, a.nilai[th])}). Tahun sebelumnya: "
        f"{_lalu(sb, th, vb, gb)} + {_lalu(sc, th, vc, gc)} = "
        f"{_tampil(a, lalu)}; pertumbuhan jumlahnya ({_tampil(a, vb + vc)} − "
        f"{_tampil(a, lalu)}) / {_tampil(a, lalu)} = {_p(benar)}.{alasan}",
        "pertumbuhan_rata_rata", hitungan=benar)


def _lalu(s: Deret, th: int, v: float, g: float) -> str:
    if th - 1 in s.nilai:
        return f"{s.kode} {th - 1} {_tampil(s, s.nilai[th - 1])}"
    return f"{_tampil(s, v)}/(1+{_p(g)})"


# --- percentages --------------------------------------------------------------------------

def persen_sama_target(deret: list[Deret]) -> tuple[set[tuple[int, int]], list[Temuan]]:
    """A stated percentage series equal, year for year, to another indicator's targets
    (at least three years) while that indicator's realisations differ: the target column
    was copied as a realisation. Returns the (series id, year) cells it explains."""
    target = [s for s in deret if s.jenis == "target" and s.persen and len(s.nilai) >= 3]
    real = {s.kode: s for s in deret if s.jenis == "realisasi"}
    hasil, ditandai = [], set()
    for s in deret:
        if s.jenis == "target" or not s.persen:
            continue
        for t in target:
            if t.kode == s.kode:
                continue
            bersama = sorted(set(s.nilai) & set(t.nilai))
            if len(bersama) < 3 or any(abs(s.nilai[th] - t.nilai[th]) > 5e-5 for th in bersama):
                continue
            r = real.get(t.kode)
            beda = [th for th in bersama if r and th in r.nilai
                    and abs(r.nilai[th] - s.nilai[th]) > TOLERANSI_PERSEN]
            if not beda:
                continue
            for th in bersama:
                ditandai.add((id(s), th))
                lain = (f", bukan realisasinya ({_p(r.nilai[th])})" if r and th in r.nilai
                        else "")
                hasil.append(_temuan(
                    s, s.sel.get(th, ""), s.nilai[th],
                    f"Persentase {th} tertulis {_p(s.nilai[th])} sama persis dengan target "
                    f"{t.kode} ({t.nama}) tahun itu{lain}. Hal yang sama terjadi pada tahun "
                    f"{_tahun([x for x in bersama if x != th])}: kemungkinan deret target "
                    "tersalin sebagai realisasi.", "persen_sama_target"))
            break
    return ditandai, hasil


def _calon(deret: list[Deret], bidang: str | None, th: int) -> list[tuple[float, str]]:
    """(value, label) of the counts and amounts a percentage could be made of in year th."""
    hasil = []
    for s in deret:
        if s.persen or (bidang is not None and s.bidang != bidang) or th not in s.nilai:
            continue
        hasil.append((s.nilai[th], f"{s.label} {th}"))
    return hasil


def toleransi(p: float) -> float:
    """Half the last printed digit: 15% to half a point, 24.29% to half a hundredth."""
    for desimal, tol in ((0, TOLERANSI_PERSEN), (1, TOLERANSI_PERSEN / 10)):
        if abs(round(p * 100, desimal) - p * 100) < 1e-7:
            return tol + 1e-9
    return TOLERANSI_PERSEN / 100 + 1e-9


def cari_pasangan(p: float, calon: list[tuple[float, str]],
                  tumbuh: list[tuple[float, float, str]] = ()) -> str | None:
    """A pair a/b (or a growth a(t)/a(t-1) − 1) that gives p as printed (to half its
    last digit), or None. Sorted values and a binary search per denominator: a bidang
    may state hundreds of figures a year."""
    tol = toleransi(p)
    urut = sorted(range(len(calon)), key=lambda j: calon[j][0])
    nilai = [calon[j][0] for j in urut]
    terbaik = None
    for jb, (b, lb) in enumerate(calon):
        if b == 0:
            continue
        lo, hi = sorted((b * (p - tol), b * (p + tol)))
        for k in range(bisect_left(nilai, lo), bisect_right(nilai, hi)):
            ja = urut[k]
            if ja == jb:
                continue
            a, la = calon[ja]
            sel = abs(a / b - p)
            if sel <= tol and (terbaik is None or sel < terbaik[0]):
                terbaik = (sel, f"{la} / {lb} = {_fmt(a)}/{_fmt(b)} = {_p(a / b)}")
    for kini, lalu, label in tumbuh:
        if lalu:
            g = (kini - lalu) / abs(lalu)
            sel = abs(g - p)
            if sel <= tol and (terbaik is None or sel < terbaik[0]):
                terbaik = (sel, f"pertumbuhan {label} ({_fmt(kini)} − {_fmt(lalu)}) / "
                                f"{_fmt(lalu)} = {_p(g)}")
    return None if terbaik is None else terbaik[1]


def pasangan_terdekat(p: float, calon: list[tuple[float, str]]) -> tuple | None:
    """(a, label a, b, label b) whose a/b is nearest p: the nearest a to b·p for each b."""
    urut = sorted(range(len(calon)), key=lambda j: calon[j][0])
    nilai = [calon[j][0] for j in urut]
    terbaik = None
    for jb, (b, lb) in enumerate(calon):
        if b == 0:
            continue
        k = bisect_left(nilai, b * p)
        for kk in (k - 1, k, k + 1):
            if 0 <= kk < len(nilai) and urut[kk] != jb:
                a, la = calon[urut[kk]]
                sel = abs(a / b - p)
                if terbaik is None or sel < terbaik[0]:
                    terbaik = (sel, a, la, b, lb)
    return None if terbaik is None else terbaik[1:]


def _tumbuh(deret: list[Deret], bidang: str, th: int) -> list[tuple[float, float, str]]:
    return [(s.nilai[th], s.nilai[th - 1], s.label) for s in deret
            if s.bidang == bidang and not s.persen and s.jenis != "target"
            and th in s.nilai and th - 1 in s.nilai]


def persen_tanpa_pasangan(deret: list[Deret], sudah: set[tuple[int, int]]) -> list[Temuan]:
    """A stated percentage must come from somewhere. Without a Rumus, search the bidang's
    own counts of that year for a pair a/b (or a growth) giving it; when none does, say so.
    With a rasio Rumus the audit already recomputes it; when that disagrees, say which
    pair of any bidang's series does give the stated figure (e.g. 4/235)."""
    hasil = []
    for s in deret:
        if s.jenis == "target" or not s.persen:
            continue
        for th, p in sorted(s.nilai.items()):
            if (id(s), th) in sudah or p == 0:
                continue
            if s.rumus == "rasio" and len(s.acuan) == 2:
                hasil += _rasio_lain(s, th, p, deret)
                continue
            if s.rumus:
                continue
            calon = _calon(deret, s.bidang, th)
            if len(calon) < 2:
                continue  # nothing the bidang states in that year to compare with
            if cari_pasangan(p, calon, _tumbuh(deret, s.bidang, th)) is None:
                dekat = pasangan_terdekat(p, calon)
                contoh = (f" Terdekat: {dekat[1]} / {dekat[3]} = {_fmt(dekat[0])}/"
                          f"{_fmt(dekat[2])} = {_p(dekat[0] / dekat[2])}." if dekat else "")
                hasil.append(_temuan(
                    s, s.sel.get(th, ""), p,
                    f"Persentase {th} tertulis {_p(p)} tidak dapat dihasilkan dari angka "
                    f"bidang ini: tidak ada pasangan a/b dari {len(calon)} angka tahun {th} "
                    f"(deret Statistik, target dan realisasi indikator) yang memberi "
                    f"{_p(p)} (dibulatkan seperti tertulis).{contoh} Tulis Rumus/Acuan-nya "
                    "atau periksa angka ini.", "persen_tanpa_pasangan"))
    return hasil


def _rasio_lain(s: Deret, th: int, p: float, deret: list[Deret]) -> list[Temuan]:
    stat = {x.kode: x for x in deret if x.jenis == "stat"}
    a, b = (stat.get(k) for k in s.acuan)
    if a is None or b is None or th not in a.nilai or th not in b.nilai or not b.nilai[th]:
        return []
    if abs(a.nilai[th] / b.nilai[th] - p) <= TOLERANSI_PERSEN:
        return []
    cocok = (cari_pasangan(p, _calon(deret, s.bidang, th))
             or cari_pasangan(p, _calon(deret, None, th)))
    if cocok is None:
        teks = (f"Tidak ada pasangan a/b dari angka tahun {th} di bidang mana pun yang "
                f"memberi {_p(p)}: angka ini tidak dapat dihasilkan dari data.")
    else:
        teks = f"Angka tertulis {_p(p)} justru cocok dengan {cocok}."
    return [_temuan(s, s.sel.get(th, ""), p,
                    f"{teks} Acuan {'/'.join(s.acuan)} memberi {_fmt(a.nilai[th])}/"
                    f"{_fmt(b.nilai[th])} = {_p(a.nilai[th] / b.nilai[th])} (tahun {th}).",
                    "rasio_pasangan_lain", INFO)]


# --- the same quantity twice --------------------------------------------------------------

_KURUNG = re.compile(r"\([^)]*\)")
_BUKAN_HURUF_ANGKA = re.compile(r"[^a-z0-9 ]")


def _nama_normal(teks: str) -> str:
    """Lower case, bracketed text and anything but a-z, 0-9 and spaces dropped, spaces
    collapsed (only spaces remain, so split() collapses exactly them)."""
    return " ".join(_BUKAN_HURUF_ANGKA.sub(" ", _KURUNG.sub(" ", teks.lower())).split())


def _terhubung_sama(deret: list[Deret]) -> dict[str, str]:
    """Series joined by a 'sama' Rumus (A states the same as B): the audit compares them
    already, so they are one group here (union-find over codes)."""
    induk: dict[str, str] = {}

    def akar(k: str) -> str:
        while induk.get(k, k) != k:
            k = induk[k]
        return k
    for s in deret:
        if s.rumus == "sama" and len(s.acuan) == 1:
            induk[akar(s.kode)] = akar(s.acuan[0])
    return {s.kode: akar(s.kode) for s in deret}


def beda_antar_tab(deret: list[Deret]) -> list[Temuan]:
    """Two series with the same name (ignoring text in brackets) in two tabs or bidang
    are the same quantity: a year they disagree in is reported on the later one."""
    grup = _terhubung_sama(deret)
    per_nama: dict[tuple[str, bool], list[Deret]] = {}
    for s in deret:
        if s.jenis != "target" and s.nilai:
            per_nama.setdefault((_nama_normal(s.nama), s.persen), []).append(s)
    hasil = []
    for (nama, persen), daftar in per_nama.items():
        if not nama:
            continue
        for i, s in enumerate(daftar):
            for a in daftar[:i]:
                if a.kode == s.kode or grup.get(a.kode) == grup.get(s.kode):
                    continue
                for th in sorted(set(a.nilai) & set(s.nilai)):
                    x, y = s.nilai[th], a.nilai[th]
                    if (abs(x - y) <= max(toleransi(x), toleransi(y)) if persen
                            else _sama(x, y, False)):
                        continue  # a percentage agrees to the precision it is printed in
                    di = a.sel.get(th, "") + (f" bidang {a.bidang}" if a.bidang != s.bidang
                                              else "")
                    hasil.append(_temuan(
                        s, s.sel.get(th, ""), x,
                        f"\"{s.nama}\" {th} tertulis {_tampil(s, x)} di {s.label}, tetapi "
                        f"{_tampil(a, y)} di {a.label} ({di}): besaran yang sama, dua angka "
                        f"(selisih {_selisih(s, x - y)}). Pakai satu angka, atau bedakan "
                        "namanya bila memang berbeda.", "beda_antar_tab"))
    return hasil


# --- magnitudes and unit words -------------------------------------------------------------

def besaran_loncat(deret: list[Deret]) -> list[Temuan]:
    """A value about 1000 times above or below the other years' median: a lost or extra
    '000' (thousands vs rupiah), not a real change."""
    hasil = []
    for s in deret:
        if s.persen or len(s.nilai) < 3:
            continue
        terkecil = min(s.nilai.values())  # all positive (the usual series): no dict to build
        if terkecil > 0 and max(s.nilai.values()) < LONCAT * terkecil:
            continue
        positif = {th: v for th, v in s.nilai.items() if v > 0}
        if len(positif) < 3 or max(positif.values()) < LONCAT * min(positif.values()):
            continue  # the median lies between min and max: nothing can be that far off
        for th, v in sorted(positif.items()):
            lain = sorted(x for t, x in positif.items() if t != th)
            m = lain[len(lain) // 2] if len(lain) % 2 else (lain[len(lain) // 2 - 1]
                                                             + lain[len(lain) // 2]) / 2
            rasio = v / m
            if 1 / LONCAT < rasio < LONCAT:
                continue
            arah = (f"sekitar {_fmt(round(rasio))} kali" if rasio >= LONCAT
                    else f"sekitar 1/{_fmt(round(1 / rasio))} dari")
            lanjut = ""
            if th + 1 in s.nilai and v:
                lanjut = (f" Pertumbuhan ke {th + 1} menjadi "
                          f"{_p((s.nilai[th + 1] - v) / abs(v))}.")
            hasil.append(_temuan(
                s, s.sel.get(th, ""), v,
                f"Nilai {th} {_tampil(s, v)} {arah} median tahun lain ({_tampil(s, m)}): "
                f"kemungkinan salah satuan (ribu/juta) atau digit hilang.{lanjut}",
                "besaran_loncat"))
    return hasil


def kata_satuan(deret: list[Deret]) -> list[Temuan]:
    """'Rp. Milyar' (or juta, ribu) over values written in full rupiah: read with the
    unit, the figure exceeds anything a regional agency reports (1,000 triliun)."""
    hasil = []
    for s in deret:
        if s.jenis == "target" or s.persen or not s.nilai:
            continue
        m = _KATA.search(s.satuan) or _KATA.search(s.nama)
        if not m:
            continue
        faktor = KATA_SATUAN[m.group(1).lower()]
        th, v = max(s.nilai.items(), key=lambda x: abs(x[1]))
        if abs(v) * faktor < BATAS_RUPIAH:
            continue
        sel = s.sel_satuan if _KATA.search(s.satuan) else s.sel.get(th, "")
        hasil.append(_temuan(
            s, sel or s.sel.get(th, ""), s.satuan,
            f"Satuan \"{s.satuan}\" tidak cocok dengan angkanya: {th} tertulis {_fmt(v)}, "
            f"dibaca dalam {m.group(1).lower()} berarti {_fmt(abs(v) * faktor / 1e12)} triliun "
            "rupiah. Angkanya ditulis dalam rupiah penuh: tulis satuan Rp.", "kata_satuan"))
    return hasil


# --- targets ----------------------------------------------------------------------------

def target_sama_baseline(deret: list[Deret]) -> list[Temuan]:
    """A target equal to the same year's realisation in the baseline year (the last year
    with a realisation, followed by years with targets only): copied from the baseline."""
    real = {(s.bidang, s.kode): s for s in deret if s.jenis == "realisasi"}
    hasil = []
    for t in deret:
        if t.jenis != "target":
            continue
        r = real.get((t.bidang, t.kode))
        if r is None or not r.nilai:
            continue
        dasar = max(r.nilai)
        rencana = [th for th in t.nilai if th > dasar]
        if dasar not in t.nilai or not rencana or t.nilai[dasar] != r.nilai[dasar]:
            continue
        hasil.append(_temuan(
            t, t.sel.get(dasar, ""), t.nilai[dasar],
            f"Target {dasar} {_tampil(t, t.nilai[dasar])} sama persis dengan realisasi "
            f"(kondisi awal/baseline) {dasar}, tahun dasar rencana {min(rencana)}–"
            f"{max(rencana)}: target yang disalin dari baseline memberi capaian 100% tanpa "
            "arti. Isi target yang ditetapkan untuk tahun itu.", "target_sama_baseline"))
    return hasil


def target_penyebut(deret: list[Deret]) -> list[Temuan]:
    """A count indicator whose targets are, year for year, the denominator series of a
    ratio indicator (e.g. all cooperatives as the 'target' of active cooperatives): its
    'capaian' is then that share, not an achievement against a target."""
    stat = {s.kode: s for s in deret if s.jenis == "stat"}
    penyebut = {}
    for s in deret:
        if s.rumus == "rasio" and len(s.acuan) == 2 and s.acuan[1] in stat:
            penyebut.setdefault(s.acuan[1], s)
    hasil = []
    for t in deret:
        if t.jenis != "target" or t.persen:
            continue
        for kode, rasio in penyebut.items():
            b = stat[kode]
            bersama = sorted(set(t.nilai) & set(b.nilai))
            if len(bersama) < 2 or any(not _sama(t.nilai[th], b.nilai[th], False)
                                       for th in bersama):
                continue
            for th in bersama:
                hasil.append(_temuan(
                    t, t.sel.get(th, ""), t.nilai[th],
                    f"Target {t.kode} {th} ({_fmt(t.nilai[th])}) adalah deret {kode} "
                    f"({b.nama}), penyebut rasio {rasio.kode} ({'/'.join(rasio.acuan)}), "
                    f"pada semua tahun {bersama[0]}–{bersama[-1]}: capaian realisasi ÷ target "
                    "menjadi persentase itu, bukan capaian terhadap target.",
                    "target_penyebut"))
            break
    return hasil


# --- budget lines -------------------------------------------------------------------------

def anggaran_ganda(data: list[DataBidang]) -> list[Temuan]:
    """The same activity listed twice in one bidang's sheet: equal pagu and realisation
    (both above 0) within one kegiatan (the first five parts of the SIPD code: a kegiatan
    printed as a line and its sub-kegiatan, or two of its sub-kegiatan).
    Read from the columns: a row view is built only for a line that repeats."""
    hasil = []
    for d in data:
        t = d.anggaran
        kolom = [t.ambil(k) for k in ("kode", "tahun", "pagu", "realisasi")]
        jumlah = list(zip(*kolom[1:], strict=True))
        if len(set(jumlah)) == len(jumlah):
            continue  # the usual sheet: no two lines with the same amounts, checked in C
        lihat: dict[tuple, tuple] = {}
        for i, (cacat, kode, th, pagu, real) in enumerate(zip(t.cacat, *kolom, strict=True)):
            pagu, real = _angka(pagu), _angka(real)
            if cacat or not pagu or real is None:
                continue
            kode = str(kode or "")
            # the kegiatan (first five code parts) is in the key: a kegiatan and its
            # sub-kegiatan share it, and no bucket grows with unrelated lines
            kunci = (th, pagu, real, ".".join(kode.split(".")[:5]))
            asal = lihat.get(kunci)
            if asal is None:
                lihat[kunci] = (kode, t, i)
                continue
            a, b = asal[1][asal[2]], t[i]
            hasil.append(Temuan(
                PERINGATAN, b.bidang, b.tab, b.sel.get("kode") or "", b.nilai.get("kode"),
                f"Baris anggaran {kode} sama dengan {a.sel.get('kode')} "
                f"({asal[0]}): "
                f"pagu {_rp(pagu)} dan realisasi {_rp(real)} sama persis, kegiatan yang sama. "
                f"Kemungkinan tercatat dua kali; jumlah anggaran bertambah {_rp(pagu)}.",
                tautan_sel(b.tautan, b.sel.get("kode") or ""), "anggaran_ganda"))
    return hasil
