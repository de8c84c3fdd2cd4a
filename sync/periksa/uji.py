"""Validation across rows and bidang, and the audit that recomputes stated figures.

Both take parsed rows (sync.periksa.urai) and return findings; they never change a value
the source stated, except to mark rows whose key is unusable (`Baris.cacat`). The one
computed column, a blank annual realisation filled from its quarters, is set in
`urai_sumber` (`_isi_realisasi`), not by the checks.
The audit computes with the same formula library Excel uses (addin.rumus).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import chain

import numpy as np

from addin import rumus
from addin.galat import GalatExcel
from sync.model import skema
from sync.model.mentah import SumberMentah, tautan_sel
from sync.model.temuan import GALAT, INFO, PERINGATAN, Temuan
from sync.periksa.urai import Baris, HasilTab, Tabel, tabel_kosong, urai_tab

TOLERANSI_PERSEN = 0.005  # half a percentage point: stated percentages are often rounded
TOLERANSI_RELATIF = 0.005  # 0.5% for counts and amounts
TOLERANSI_UANG = 0.005     # half a sen: budget sums are exact


_ATRIBUT = {"Indikator": "indikator", "Anggaran": "anggaran", "Statistik": "statistik"}


@dataclass
class DataBidang:
    """One bidang's parsed tabs (each a Tabel: columns, with a Baris view per row)."""

    bidang: str
    alamat: str
    indikator: Tabel | None = None
    anggaran: Tabel | None = None
    statistik: Tabel | None = None
    jumlah_anggaran: Tabel | None = None
    temuan: list[Temuan] = field(default_factory=list)

    def __post_init__(self):
        for tab in skema.TABS:
            if getattr(self, _ATRIBUT[tab.nama]) is None:
                setattr(self, _ATRIBUT[tab.nama], tabel_kosong(self.bidang, tab))
        if self.jumlah_anggaran is None:
            self.jumlah_anggaran = tabel_kosong(self.bidang, skema.ANGGARAN)

    def tab(self, nama: str) -> Tabel:
        return getattr(self, _ATRIBUT[nama])


def urai_sumber(sumber: SumberMentah, tahun: int | None) -> DataBidang:
    """Parse every template tab of one source and derive annual figures."""
    d = DataBidang(sumber.bidang, sumber.alamat, temuan=list(sumber.temuan))
    for tab in skema.TABS:
        if tab.nama not in sumber.tabs:
            continue
        h: HasilTab = urai_tab(sumber.tabs[tab.nama], tab, sumber.bidang, tahun)
        setattr(d, _ATRIBUT[tab.nama], h.baris)
        d.temuan.extend(h.temuan)
        if tab is skema.ANGGARAN:
            d.jumlah_anggaran = h.jumlah
    for tabel, cek in ((d.indikator, _tahunan_indikator), (d.anggaran, _tahunan_anggaran)):
        isian, temuan = cek(tabel)
        d.temuan.extend(temuan)
        _isi_realisasi(tabel, isian)
    return d


def _isi_realisasi(t: Tabel, isian: list[tuple[int, float]]) -> None:
    """The one computed column: a blank annual realisation becomes the figure its
    quarters give (as the template's sheet would); every other parsed value stays."""
    if isian:
        real = list(t.kolom["realisasi"])
        for i, h in isian:
            real[i] = h
        t.kolom["realisasi"] = real


def _temuan(tingkat: str, b: Baris, kunci: str, pesan: str, kode: str,
            nilai: object = None) -> Temuan:
    sel = b.sel.get(kunci) or b.sel.get("kode", "")
    return Temuan(tingkat, b.bidang, b.tab, sel, nilai, pesan, tautan_sel(b.tautan, sel),
                  kode)


TW = ("tw1", "tw2", "tw3", "tw4")


def _matriks_tw(t: Tabel) -> np.ndarray:
    """Quarters as an n x 4 float array, blank = NaN (numpy reads None as NaN)."""
    return np.array([t.ambil(k) for k in TW], dtype=float).reshape(4, len(t)).T


def _tahunan(baris: Tabel, sifat: list[str]
             ) -> tuple[list[tuple[int, float]], list[tuple[int, float, object]]]:
    """Annual figures from the quarters, computed in one array call to the formula
    library: (row index, figure) for rows whose stated realisation is blank, and
    (row index, figure, stated) for rows whose stated figure differs."""
    if not baris:
        return [], []
    tw = _matriks_tw(baris)
    isi = np.flatnonzero(~np.isnan(tw).all(axis=1))
    if not len(isi):
        return [], []
    pilihan = [sifat[i] for i in isi]
    if len(set(pilihan)) == 1:  # one word for all rows: the library reads it once
        pilihan = pilihan[0]
    hitung = rumus.realisasi_tahunan(tw[isi], pilihan)
    hitung = [h if h.__class__ is float else None for h in
              np.asarray(hitung, dtype=object).reshape(-1)]
    kosong, beda = [], []
    real = baris.kolom["realisasi"]
    for i, h in zip(isi.tolist(), hitung, strict=True):
        if h is None:
            continue
        tertulis = real[i]
        if tertulis is None:
            kosong.append((i, h))
        elif float(tertulis) != h:  # equal figures need no tolerance check
            beda.append((i, h, tertulis))
    return kosong, beda


def _tahunan_indikator(baris: Tabel) -> tuple[list[tuple[int, float]], list[Temuan]]:
    """Annual realisation from quarters per Sifat; a stated one must agree.
    Returns the blanks to fill and the findings."""
    sifat = [s or "kumulatif" for s in baris.ambil("sifat")]
    urutan = {s: n for n, s in enumerate(dict.fromkeys(sifat))}  # findings grouped by Sifat
    temuan = []
    kosong, beda = _tahunan(baris, sifat)
    for i, h, tertulis in sorted(beda, key=lambda x: urutan[sifat[x[0]]]):
        b = baris[i]
        if not _sama(float(tertulis), h, _persen(b)):
            temuan.append(_temuan(
                PERINGATAN, b, "realisasi",
                f"Realisasi tahunan {_fmt(tertulis, b)} tidak cocok dengan triwulan "
                f"(sifat {sifat[i]}: {_fmt(h, b)}). Periksa realisasi atau triwulannya.",
                "triwulan_tidak_cocok", tertulis))
    return kosong, temuan


def _tahunan_anggaran(baris: Tabel) -> tuple[list[tuple[int, float]], list[Temuan]]:
    """Budget realisation over quarters is always summed; a stated total must agree.
    Returns the blanks to fill and the findings."""
    temuan = []
    kosong, beda = _tahunan(baris, ["kumulatif"] * len(baris))
    for i, h, tertulis in beda:
        if abs(float(tertulis) - h) > TOLERANSI_UANG:
            temuan.append(_temuan(
                PERINGATAN, baris[i], "realisasi",
                f"Realisasi {_rp(tertulis)} tidak sama dengan jumlah triwulan {_rp(h)}.",
                "triwulan_tidak_cocok", tertulis))
    return kosong, temuan


def _persen(b: Baris) -> bool:
    from sync.periksa.urai import SATUAN_PERSEN
    return str(b.nilai.get("satuan") or "").strip().lower() in SATUAN_PERSEN


def _sama(a: float, b: float, persen: bool) -> bool:
    """Stated vs recomputed: counts exactly, percentages to half a point, amounts to 0.5%."""
    if persen:
        return abs(a - b) <= TOLERANSI_PERSEN
    if float(a).is_integer() and float(b).is_integer():
        return a == b
    return abs(a - b) <= max(TOLERANSI_RELATIF * max(abs(a), abs(b)), 1e-9)


def _fmt(v: object, b: Baris | None = None) -> str:
    if v is None:
        return "(kosong)"
    if b is not None and _persen(b):
        return str(rumus.persen(float(v)))
    x = float(v)
    if x.is_integer():
        return f"{int(x):,}".replace(",", ".")
    return f"{x:,.4f}".rstrip("0").replace(",", "_").replace(".", ",").replace("_", ".")


def _rp(v: object) -> str:
    return str(rumus.rupiah(float(v)))


def periksa(data: list[DataBidang]) -> list[Temuan]:
    """Checks across rows and bidang: unique keys, targets, budget sanity."""
    temuan: list[Temuan] = []
    for nama_tab in ("Indikator", "Anggaran", "Statistik"):
        temuan.extend(_ganda(data, nama_tab))
    for d in data:
        temuan.extend(_cek_target(d.indikator))
        temuan.extend(_cek_anggaran(d.anggaran))
    return temuan


def _cek_target(t: Tabel) -> list[Temuan]:
    """A realisation needs a target; a positive indicator's target cannot be 0."""
    temuan = []
    arah = t.kolom["arah"]
    for i, (cacat, tg, r) in enumerate(zip(t.cacat, t.kolom["target"],
                                           t.kolom["realisasi"], strict=True)):
        if r is None or cacat:
            continue
        if tg is None:
            b = t[i]
            temuan.append(_temuan(PERINGATAN, b, "target",
                                  f"Ada realisasi ({_fmt(r, b)}) tetapi target kosong: "
                                  "capaian tidak dapat dihitung. Isi targetnya.",
                                  "realisasi_tanpa_target"))
        elif float(tg) == 0 and (arah[i] or "positif") == "positif":
            temuan.append(_temuan(PERINGATAN, t[i], "target",
                                  "Target 0 untuk indikator positif: capaian (R/T) tidak "
                                  "dapat dihitung; tabel laporan menulis \"target 0\".",
                                  "target_nol", tg))
    return temuan


def _cek_anggaran(t: Tabel) -> list[Temuan]:
    """Budget rows: no negative ceiling or spending, spending within the ceiling,
    physical progress within 0-100%."""
    temuan = []
    fisik = t.kolom["fisik"]
    for i, (cacat, pagu, real) in enumerate(zip(t.cacat, t.kolom["pagu"],
                                                t.kolom["realisasi"], strict=True)):
        if cacat:
            continue
        pagu_negatif = pagu is not None and pagu < 0
        real_negatif = real is not None and real < 0
        lebih = pagu is not None and real is not None and pagu >= 0 and real > pagu
        fisik_salah = fisik[i] is not None and not 0 <= fisik[i] <= 1
        if not (pagu_negatif or real_negatif or lebih or fisik_salah):
            continue  # the usual row: no view object built for it
        b = t[i]
        if pagu_negatif:
            b.cacat = True
            temuan.append(_temuan(GALAT, b, "pagu", f"Pagu negatif ({_rp(pagu)}): pagu "
                                  "tidak boleh kurang dari 0.", "pagu_negatif", pagu))
        if real_negatif:
            temuan.append(_temuan(GALAT, b, "realisasi", f"Realisasi negatif ({_rp(real)}).",
                                  "realisasi_negatif", real))
        if lebih:
            temuan.append(_temuan(PERINGATAN, b, "realisasi",
                                  f"Realisasi {_rp(real)} melebihi pagu {_rp(pagu)} "
                                  f"(lebih {_rp(real - pagu)}).", "melebihi_pagu", real))
        if fisik_salah:
            temuan.append(_temuan(PERINGATAN, b, "fisik",
                                  f"Realisasi fisik {rumus.persen(fisik[i])} di luar 0–100%.",
                                  "fisik_di_luar", fisik[i]))
    return temuan


def _ganda(data: list[DataBidang], nama_tab: str) -> list[Temuan]:
    """(Kode, Tahun) unique within and across bidang; the first stays, later ones are dropped.

    Statistik is keyed by Kode alone (one row holds all its years).
    """
    tabel = [d.tab(nama_tab) for d in data]
    kunci_tabel = [_kunci(t, nama_tab) for t in tabel]
    if not any(True in t.cacat for t in tabel) and len(set(chain.from_iterable(
            kunci_tabel))) == sum(map(len, kunci_tabel)):
        return []  # the usual case: every key once, checked in C
    temuan = []
    pertama: dict[tuple, tuple[Tabel, int]] = {}
    for t, kunci_baris in zip(tabel, kunci_tabel, strict=True):
        for i, kunci in enumerate(kunci_baris):
            if t.cacat[i]:
                continue
            if kunci not in pertama:
                pertama[kunci] = (t, i)
                continue
            a, b = pertama[kunci][0][pertama[kunci][1]], t[i]
            b.cacat = True
            di = f"{a.sel.get('kode')}" + (f" ({a.bidang})" if a.bidang != b.bidang else "")
            label = f"Kode {kunci[0]}" + (f" tahun {kunci[1]}" if len(kunci) > 1 else "")
            temuan.append(_temuan(GALAT, b, "kode",
                                  f"{label} ganda: sudah dipakai di {di}. Kode + Tahun harus "
                                  "unik di semua bidang; baris ini tidak dipakai.",
                                  "kode_ganda", b.nilai.get("kode")))
    return temuan


def _kunci(t: Tabel, nama_tab: str) -> list[tuple]:
    """Each row's (KODE, Tahun), or (KODE,) in Statistik; Kode compared in upper case."""
    kode = map(str.upper, map(str, t.kolom["kode"]))
    if nama_tab == "Statistik":
        return list(zip(kode))
    return list(zip(kode, t.kolom["tahun"], strict=True))


def acuan_di_luar(t: Temuan, lingkup: str, lanjut: str) -> Temuan:
    """A reference series missing from the bidang checked is no warning when the others
    were not checked with it (one workbook checked alone, a run refreshing some bidang):
    info, saying where it was looked for (`lingkup`) and when it will be checked."""
    if t.kode != "acuan_tidak_ada":
        return t
    return replace(t, tingkat=INFO, pesan=t.pesan.split(";")[0].replace(
        "bidang mana pun", lingkup) + f"; {lanjut}")


def audit(data: list[DataBidang]) -> list[Temuan]:
    """Recompute what the sources state and report every disagreement."""
    temuan: list[Temuan] = []
    deret: dict[str, dict[int, float]] = {}
    for d in data:
        for b in d.statistik:
            if not b.cacat and b.nilai.get("kode"):
                deret[str(b.nilai["kode"]).upper()] = b.tahunan
    for d in data:
        t = d.indikator
        for i, (r, cacat, th) in enumerate(zip(t.ambil("rumus"), t.cacat, t.kolom["tahun"],
                                               strict=True)):
            if r and not cacat and th is not None:
                b = t[i]
                temuan.extend(_cek_rumus(b, th, b.nilai.get("realisasi"), "realisasi", deret))
        for b in d.statistik:
            if not b.cacat and b.nilai.get("rumus"):
                for th in sorted(b.tahunan):
                    temuan.extend(_cek_rumus(b, th, b.tahunan[th], th, deret))
        temuan.extend(_cek_jumlah(d))
    return temuan


def _cek_rumus(b: Baris, tahun: int, tertulis: object, tempat: str | int,
               deret: dict[str, dict[int, float]]) -> list[Temuan]:
    rumus_ = b.nilai["rumus"]
    acuan = [a.strip().upper() for a in str(b.nilai.get("acuan") or "").split("/") if a.strip()]
    sel = b.sel_tahun.get(tempat) if isinstance(tempat, int) else b.sel.get(tempat)
    sel = sel or b.sel.get("kode", "")

    def lapor(tingkat, pesan, kode, hitungan=None):
        return [Temuan(tingkat, b.bidang, b.tab, sel, tertulis, pesan,
                       tautan_sel(b.tautan, sel), kode,
                       hitungan)]

    perlu = 2 if rumus_ == "rasio" else 1
    if len(acuan) != perlu:
        contoh = "A/B" if perlu == 2 else "A"
        return lapor(GALAT, f"Acuan '{b.nilai.get('acuan') or ''}' tidak sesuai rumus {rumus_}: "
                     f"tulis {contoh} dengan kode deret Statistik.", "acuan_salah")
    for a in acuan:
        if a not in deret:
            return lapor(PERINGATAN, f"Deret acuan {a} tidak ada di tab Statistik bidang mana "
                         "pun; angka ini tidak dapat diperiksa.", "acuan_tidak_ada")
    if tertulis is None:
        return []
    sebelum = tahun - 1
    nilai = {a: deret[a] for a in acuan}
    perlu_tahun = [(acuan[0], tahun)] + ([(acuan[1], tahun)] if rumus_ == "rasio" else [])
    if rumus_ in ("selisih", "pertumbuhan"):
        perlu_tahun.append((acuan[0], sebelum))
    hilang = [f"{a} {t}" for a, t in perlu_tahun if t not in nilai[a]]
    if hilang:
        return lapor(INFO, f"Tidak dapat memeriksa Rumus '{rumus_}': nilai {', '.join(hilang)} "
                     "tidak ada di tab Statistik.", "acuan_tidak_lengkap")
    hasil, uraian = _hitung_rumus(rumus_, acuan, nilai, tahun)
    if hasil is None or isinstance(hasil, GalatExcel):
        return lapor(PERINGATAN, f"Rumus {rumus_} tidak dapat dihitung ({uraian} = {hasil}).",
                     "rumus_galat")
    persen = _persen(b) or rumus_ in ("rasio", "pertumbuhan")
    if _sama(float(tertulis), float(hasil), persen):
        return []
    tampil = (lambda v: str(rumus.persen(float(v)))) if persen else _fmt
    if rumus_ == "sama":
        pesan = (f"Angka tertulis {tampil(tertulis)} berbeda dengan deret {acuan[0]} tahun "
                 f"{tahun} di tab Statistik, yang berisi {tampil(hasil)}.")
    else:
        pesan = (f"Angka tertulis {tampil(tertulis)} tidak cocok dengan hasil hitung "
                 f"{NAMA_RUMUS[rumus_]} {uraian} = {tampil(hasil)} (tahun {tahun}).")
    return lapor(PERINGATAN, pesan, "tidak_cocok_hitungan", float(hasil))


# Rumus (the bidang's choice in its Rumus column) as a phrase in a message.
NAMA_RUMUS = {"rasio": "rasio", "selisih": "selisih", "pertumbuhan": "pertumbuhan",
              "sama": "nilai yang sama"}


def _hitung_rumus(rumus_: str, acuan: list[str], nilai: dict[str, dict[int, float]],
                  tahun: int) -> tuple[object, str]:
    """(value, how it was computed) of a Rumus over its Acuan series for `tahun`."""
    a0, sebelum = nilai[acuan[0]], tahun - 1
    if rumus_ == "rasio":
        hasil = rumus.capaian(a0[tahun], nilai[acuan[1]][tahun])  # R/T is the plain ratio
        return hasil, f"{_fmt(a0[tahun])}/{_fmt(nilai[acuan[1]][tahun])}"
    if rumus_ == "sama":
        return a0[tahun], f"{acuan[0]} {tahun}"
    if rumus_ == "selisih":
        return a0[tahun] - a0[sebelum], f"{_fmt(a0[tahun])} − {_fmt(a0[sebelum])}"
    return (rumus.pertumbuhan(a0[tahun], a0[sebelum]),
            f"({_fmt(a0[tahun])} − {_fmt(a0[sebelum])}) / {_fmt(a0[sebelum])}")


def _cek_jumlah(d: DataBidang) -> list[Temuan]:
    """A total row typed in the Anggaran tab must equal the sum of the detail rows."""
    temuan = []
    jumlah: dict[str, float] = {}
    for j in d.jumlah_anggaran:
        for kunci in ("pagu", "realisasi"):
            tertulis = j.nilai.get(kunci)
            if tertulis is None:
                continue
            if kunci not in jumlah:
                jumlah[kunci] = sum(float(v) for v, cacat in zip(
                    d.anggaran.kolom[kunci], d.anggaran.cacat, strict=True)
                    if not cacat and v is not None)
            if abs(float(tertulis) - jumlah[kunci]) > TOLERANSI_UANG:
                temuan.append(_temuan(PERINGATAN, j, kunci,
                                      f"Baris jumlah menulis {_rp(tertulis)} tetapi jumlah "
                                      f"{kunci} baris rinci {_rp(jumlah[kunci])} (selisih "
                                      f"{_rp(float(tertulis) - jumlah[kunci])}).",
                                      "jumlah_tidak_cocok", tertulis))
    return temuan
