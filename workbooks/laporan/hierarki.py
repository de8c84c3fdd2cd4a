"""Tables built on the performance hierarchy (the Indikator tab's Tujuan ... Kegiatan
columns): Tabel 2.6 Rencana Kinerja, 2.7 Perjanjian Kinerja, 2.8 Program dan Kegiatan,
Tabel 3.10 Efisiensi, and the sheet "Analisis Indikator" the LKjIP document's
paragraphs are written from (`kinerja dokumen`).

Which rows a table has is decided when the master is built, from the hierarchy the
data holds then (as Tabel 3.8 takes its budget lines); every figure and every name in
a row is a formula over the data sheets, so a consolidation updates them. An
indicator's budget is the sum of the Anggaran lines under its Kegiatan codes, or
under its Program codes when it names no activity.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.worksheet import Worksheet

from sync.model import skema
from sync.model.laporan import ANALISIS, KOLOM_ANALISIS, TANPA_ANGGARAN
from sync.periksa.hierarki import POLA, pisah_kode
from workbooks.laporan.bab2 import TARGET_2_5
from workbooks.laporan.dasar import (
    ANGKA_ADA,
    BELUM,
    F_ANGKA,
    F_PERSEN,
    F_TAHUN,
    F_UANG,
    SUMBER_DINAS,
    WARNA_KODE,
    Konteks,
    ambil,
    arah,
    belum,
    capaian,
    cetak,
    ind,
    kinerja,
    nama_kolom,
    predikat,
    sel,
    stat,
    tanda_ind,
)

TAHUN_LAPORAN = skema.NAMA_TAHUN
LEMBAR = ("Tabel 2.6", "Tabel 2.7", "Tabel 2.8", "Tabel 3.10", ANALISIS)  # this module's sheets
IND, ANG = skema.DATA_INDIKATOR, skema.DATA_ANGGARAN
TAHUN_AKHIR_RENSTRA = 2026           # typed in the Analisis sheet; staff may change it


@dataclass(frozen=True)
class Simpul:
    """One indicator of the hierarchy as the data held it when the master was built."""

    kode: str
    indikator: str
    satuan: str
    tujuan_rpjmd: str
    sasaran_rpjmd: str
    tujuan: str
    sasaran: str
    program: tuple[str, ...]
    kegiatan: tuple[str, ...]

    @property
    def anggaran(self) -> tuple[str, ...]:
        """The budget code prefixes the indicator's budget is summed over."""
        return self.kegiatan or self.program


def susun_hierarki(indikator: list[dict]) -> list[Simpul]:
    """One Simpul per indicator Kode (its first row naming a hierarchy), in data order."""
    hasil: dict[str, Simpul] = {}
    for r in indikator:
        kode = r.get("kode")
        if not kode or kode in hasil:
            continue
        teks = {k: str(r.get(k) or "").strip() for k in
                ("tujuan_rpjmd", "sasaran_rpjmd", "tujuan", "sasaran")}
        # only well-formed codes become formula text (the others are a galat already)
        program = [c for c in pisah_kode(r.get("program")) if POLA["program"].fullmatch(c)]
        kegiatan = [c for c in pisah_kode(r.get("kegiatan")) if POLA["kegiatan"].fullmatch(c)]
        if not (any(teks.values()) or program or kegiatan):
            continue
        hasil[kode] = Simpul(kode, str(r.get("indikator") or ""), str(r.get("satuan") or ""),
                             **teks, program=tuple(program), kegiatan=tuple(kegiatan))
    # grouped by target (then goal), each group where its first indicator stood
    urutan: dict[tuple[str, str], int] = {}
    for s in hasil.values():
        urutan.setdefault((s.tujuan, s.sasaran), len(urutan))
    return sorted(hasil.values(), key=lambda s: urutan[(s.tujuan, s.sasaran)])


def indikator_tahun(indikator: list[dict], tahun: int) -> list[tuple[str, str, str]]:
    """(kode, indikator, satuan) of every indicator with a target or a realisation in
    `tahun`, in data order: the rows of the Analisis sheet."""
    dilihat: dict[str, tuple[str, str, str]] = {}
    for r in indikator:
        if r.get("tahun") == tahun and (r.get("target") is not None
                                        or r.get("realisasi") is not None):
            dilihat.setdefault(r["kode"], (r["kode"], str(r.get("indikator") or ""),
                                           str(r.get("satuan") or "")))
    return list(dilihat.values())


# --- formula pieces ------------------------------------------------------------------------

def teks_ind(kunci: str, kode: str) -> str:
    """Formula body: an indicator's text column (first row of its Kode), "-" when blank."""
    n, k = nama_kolom(IND, kunci), nama_kolom(IND, "kode")
    nilai = f"INDEX({n},MATCH({kode},{k},0))&\"\""
    return f'IFERROR(IF({nilai}="","-",{nilai}),"-")'


def nama_program(kode: str) -> str:
    """Formula body: a program's name from Data Anggaran by its code prefix."""
    n, k = nama_kolom(ANG, "program"), nama_kolom(ANG, "kode")
    return (f'IF(COUNTIFS({k},{kode}&".*")=0,"Program "&{kode}&" (tidak ada di Anggaran)",'
            f'INDEX({n},MATCH({kode}&".*",{k},0)))')


def jumlah_anggaran(kolom: str, kode_kode: tuple[str, ...], tahun: str) -> str:
    """Formula body: the sum of `kolom` (pagu, realisasi) over the budget lines under the
    code prefixes, "data belum ada" when no line has a number there."""
    n, k, t = nama_kolom(ANG, kolom), nama_kolom(ANG, "kode"), nama_kolom(ANG, "tahun")
    if not kode_kode:
        return f'"{TANPA_ANGGARAN}"'
    ada = "+".join(f"COUNTIFS({k},{_q(c + '.*')},{t},{tahun},{n},{ANGKA_ADA})"
                   for c in kode_kode)
    jumlah = "+".join(f"SUMIFS({n},{k},{_q(c + '.*')},{t},{tahun})" for c in kode_kode)
    return f'IF({ada}=0,"{BELUM}",{jumlah})'


def efisiensi(cap: str, ser: str) -> str:
    """Formula body: efficiency 1 - absorption / achievement (docs/dev/rumus.md)."""
    return (f'IF(AND(ISNUMBER({cap}),ISNUMBER({ser})),IF({cap}<=0,"capaian 0",'
            f'1-{ser}/{cap}),{belum(cap, ser)})')


def _kepala(k: Konteks, ws: Worksheet, r: int, kolom: list[tuple[str, float]],
            c0: int = 1) -> None:
    for j, (teks, lebar) in enumerate(kolom):
        k.kolom(ws, c0 + j, c0 + j, lebar)
        if teks.startswith("="):
            k.rumus(ws, r, c0 + j, teks, k.kepala())
        else:
            k.teks(ws, r, c0 + j, teks, k.kepala(), tebal=True)


def _nomor_kolom(k: Konteks, ws: Worksheet, r: int, c0: int, c1: int) -> None:
    for c in range(c0, c1 + 1):
        ws.write_string(r, c, str(c - c0 + 1), k.kepala(italic=True, bold=False, font_size=8,
                                                        bg_color="#F2F2F2"))


def _pasangan_rp(kode: str):
    """The Tabel 2.5 turnover series paired with a growth indicator, if any."""
    for kelompok in TARGET_2_5:
        if kelompok[0].kode == kode and len(kelompok) > 1:
            return kelompok[1]
    return None


# --- Tabel 2.6 ----------------------------------------------------------------------------

def tabel_2_6(k: Konteks, simpul: list[Simpul]) -> None:
    """Rencana Kinerja: RPJMD goal and target, indicator, unit, target of the year before
    and of the report year; a growth indicator's turnover (Tabel 2.5) on the row below."""
    ws = k.wb.add_worksheet("Tabel 2.6")
    baris = [s for s in simpul if s.tujuan_rpjmd or s.sasaran_rpjmd]
    c_akhir = 7
    k.judul(ws, 1, c_akhir, ["Tabel 2.6", f'="Rencana Kinerja Tahun "&{TAHUN_LAPORAN}'])
    rk = 3
    k.kolom_kode(ws, rk)
    _kepala(k, ws, rk, [("No.", 5), ("Tujuan RPJMD", 28), ("Sasaran RPJMD", 28),
                        ("Indikator Sasaran PD", 30), ("Satuan", 9),
                        (f'="Target Tahun "&({TAHUN_LAPORAN}-1)', 18),
                        (f'="Target Tahun "&{TAHUN_LAPORAN}', 18)])
    _nomor_kolom(k, ws, rk + 1, 1, c_akhir)
    r = rk + 2
    kelompok = None
    no = 0
    for s in baris:
        ka = sel(r, 0, kolom_tetap=True)
        ws.write_string(r, 0, s.kode)
        baru = (s.tujuan_rpjmd, s.sasaran_rpjmd) != kelompok
        if baru:
            no += 1
            kelompok = (s.tujuan_rpjmd, s.sasaran_rpjmd)
            ws.write_number(r, 1, no, k.sel_tabel(align="center"))
            for c, kunci in ((2, "tujuan_rpjmd"), (3, "sasaran_rpjmd")):
                k.rumus(ws, r, c, "=" + teks_ind(kunci, ka), k.sel_tabel(text_wrap=True))
                k.tinggi(ws, r, getattr(s, kunci), c)
        else:
            for c in (1, 2, 3):
                ws.write_blank(r, c, None, k.sel_tabel())
        k.rumus(ws, r, 4, "=" + teks_ind("indikator", ka), k.sel_tabel(text_wrap=True))
        k.rumus(ws, r, 5, "=" + teks_ind("satuan", ka), k.sel_tabel(align="center"))
        fmt = F_PERSEN if s.satuan.strip() == "%" else F_ANGKA
        for c, th in ((6, f"{TAHUN_LAPORAN}-1"), (7, TAHUN_LAPORAN)):
            k.rumus(ws, r, c, "=" + ind("target", ka, th), k.sel_tabel(fmt))
        r += 1
        rp = _pasangan_rp(s.kode)
        if rp is not None:  # the turnover in rupiah, as the seed prints under the rate
            ws.write_string(r, 0, rp.kode)
            for c in (1, 2, 3):
                ws.write_blank(r, c, None, k.sel_tabel())
            k.teks(ws, r, 4, rp.label, k.sel_tabel(text_wrap=True, indent=1), indent=1)
            ws.write_string(r, 5, "Rp", k.sel_tabel(align="center"))
            for c, th in ((6, f"{TAHUN_LAPORAN}-1"), (7, TAHUN_LAPORAN)):
                k.rumus(ws, r, c, "=" + _target_rp(rp.kode_target, rp.kode, th),
                        k.sel_tabel(F_ANGKA))
            r += 1
    _akhir(k, ws, rk, r, 6, c_akhir,
           "Target tahun sebelum Renstra berjalan diambil dari realisasi (kondisi awal) deret "
           "omzet bila targetnya tidak ada.")


def _target_rp(kode_target: str, kode: str, tahun: str) -> str:
    """Formula body: the Renstra target series' value, else the series' own (baseline)."""
    return (f"IF({_ada_stat(kode_target, tahun)},{stat(_q(kode_target), tahun)},"
            f"{stat(_q(kode), tahun)})")


def _ada_stat(kode: str, tahun: str) -> str:
    n = nama_kolom(skema.DATA_STATISTIK, "nilai")
    k = nama_kolom(skema.DATA_STATISTIK, "kode")
    t = nama_kolom(skema.DATA_STATISTIK, "tahun")
    return f'COUNTIFS({k},{_q(kode)},{t},{tahun},{n},{ANGKA_ADA})>0'


def _q(teks: str) -> str:
    return '"' + teks.replace('"', '""') + '"'


def _akhir(k: Konteks, ws: Worksheet, rk: int, r: int, c_angka: int, c_akhir: int,
           catatan: str = "", lanskap: bool = True) -> None:
    k.catatan(ws, r + 1, 1, SUMBER_DINAS)
    if catatan:
        k.catatan(ws, r + 2, 1, catatan)
    k.redupkan_kata(ws, f"{sel(rk + 2, c_angka)}:{sel(max(r - 1, rk + 2), c_akhir)}")
    ws.freeze_panes(rk + 1, 2)
    cetak(ws, (0, 1, r + 2, c_akhir), (rk, rk + 1), lanskap)


# --- Tabel 2.7 ----------------------------------------------------------------------------

def tabel_2_7(k: Konteks, simpul: list[Simpul]) -> None:
    """Perjanjian Kinerja: goal, indicator, unit, baseline (the year before) and target of
    the report year; then the programs that fund them with their ceiling."""
    ws = k.wb.add_worksheet("Tabel 2.7")
    baris = [s for s in simpul if s.tujuan_rpjmd or s.tujuan]
    c_akhir = 6
    k.judul(ws, 1, c_akhir, ["Tabel 2.7", f'="Perjanjian Kinerja Tahun "&{TAHUN_LAPORAN}'])
    rk = 3
    k.kolom_kode(ws, rk)
    _kepala(k, ws, rk, [("No.", 5), ("Sasaran", 34), ("Indikator Kinerja", 34),
                        ("Satuan", 9), (f'="Kondisi Awal "&({TAHUN_LAPORAN}-1)', 18),
                        (f'="Target "&{TAHUN_LAPORAN}', 18)])
    _nomor_kolom(k, ws, rk + 1, 1, c_akhir)
    r = rk + 2
    kelompok, no = None, 0
    for s in baris:
        ka = sel(r, 0, kolom_tetap=True)
        ws.write_string(r, 0, s.kode)
        if s.sasaran != kelompok:
            no += 1
            kelompok = s.sasaran
            ws.write_number(r, 1, no, k.sel_tabel(align="center"))
            k.rumus(ws, r, 2, "=" + teks_ind("sasaran", ka), k.sel_tabel(text_wrap=True))
            k.tinggi(ws, r, s.sasaran, 2)
        else:
            ws.write_blank(r, 1, None, k.sel_tabel())
            ws.write_blank(r, 2, None, k.sel_tabel())
        k.rumus(ws, r, 3, "=" + teks_ind("indikator", ka), k.sel_tabel(text_wrap=True))
        k.rumus(ws, r, 4, "=" + teks_ind("satuan", ka), k.sel_tabel(align="center"))
        fmt = F_PERSEN if s.satuan.strip() == "%" else F_ANGKA
        k.rumus(ws, r, 5, "=" + ind("realisasi", ka, f"{TAHUN_LAPORAN}-1"), k.sel_tabel(fmt))
        k.rumus(ws, r, 6, "=" + ind("target", ka, TAHUN_LAPORAN), k.sel_tabel(fmt))
        r += 1
    # the programs of the agreement
    program = list(dict.fromkeys(p for s in baris for p in s.program))
    r += 1
    r_prog = r
    for c, teks in ((1, "No."), (5, "Anggaran (Rp)"), (6, "Keterangan")):
        ws.write_string(r, c, teks, k.kepala())
    ws.merge_range(r, 2, r, 4, "Program", k.kepala())
    r += 1
    r0 = r
    for i, p in enumerate(program, start=1):
        ws.write_string(r, 0, p)
        ws.write_number(r, 1, i, k.sel_tabel(align="center"))
        ws.merge_range(r, 2, r, 4, "", k.sel_tabel(text_wrap=True))
        k.rumus(ws, r, 2, "=" + nama_program(sel(r, 0, kolom_tetap=True)),
                k.sel_tabel(text_wrap=True))
        k.tinggi(ws, r, "x" * 90, 2, 4)
        k.rumus(ws, r, 5, "=" + ambil(ANG, "pagu", f'{sel(r, 0, kolom_tetap=True)}&".*"',
                                      TAHUN_LAPORAN), k.sel_tabel(F_UANG))
        k.rumus(ws, r, 6, f'="Kode "&{sel(r, 0, kolom_tetap=True)}', k.sel_tabel())
        r += 1
    if program:
        ws.merge_range(r, 1, r, 4, "Jumlah", k.sel_tabel(bold=True, align="right"))
        d0, d1 = sel(r0, 5), sel(r - 1, 5)
        k.rumus(ws, r, 5, f'=IF(COUNT({d0}:{d1})=0,"{BELUM}",SUM({d0}:{d1}))',
                k.sel_tabel(F_UANG, bold=True))
        ws.write_blank(r, 6, None, k.sel_tabel())
        r += 1
    k.redupkan_kata(ws, f"{sel(r_prog, 5)}:{sel(r, 5)}")
    _akhir(k, ws, rk, r, 5, c_akhir, "Anggaran: pagu tahun laporan dari Data Anggaran (jumlah "
           "sub kegiatan yang kodenya diawali kode program).")


# --- Tabel 2.8 ----------------------------------------------------------------------------

def tabel_2_8(k: Konteks, simpul: list[Simpul]) -> None:
    """Program dan Kegiatan: the Renstra goal and target, indicator, and each program
    linked to it with its ceiling of the report year."""
    ws = k.wb.add_worksheet("Tabel 2.8")
    baris = [s for s in simpul if s.program]
    c_akhir = 5
    k.judul(ws, 1, c_akhir, ["Tabel 2.8", f'="Program dan Kegiatan Tahun "&{TAHUN_LAPORAN}'])
    rk = 3
    k.kolom_kode(ws, rk)
    _kepala(k, ws, rk, [("Tujuan PD", 28), ("Sasaran PD", 28), ("Indikator Sasaran PD", 28),
                        ("Program", 40), (f'="Pagu "&{TAHUN_LAPORAN}&" (Rp)"', 19)])
    _nomor_kolom(k, ws, rk + 1, 1, c_akhir)
    r = rk + 2
    tujuan = sasaran = None
    for s in baris:
        for j, p in enumerate(s.program):
            ws.write_string(r, 0, s.kode if j == 0 else p)
            ka = sel(r - j, 0, kolom_tetap=True)  # the indicator's row
            if j == 0 and s.tujuan != tujuan:
                k.rumus(ws, r, 1, "=" + teks_ind("tujuan", ka), k.sel_tabel(text_wrap=True))
                k.tinggi(ws, r, s.tujuan, 1)
                tujuan = s.tujuan
                sasaran = None
            else:
                ws.write_blank(r, 1, None, k.sel_tabel())
            if j == 0 and s.sasaran != sasaran:
                k.rumus(ws, r, 2, "=" + teks_ind("sasaran", ka), k.sel_tabel(text_wrap=True))
                k.tinggi(ws, r, s.sasaran, 2)
                sasaran = s.sasaran
            else:
                ws.write_blank(r, 2, None, k.sel_tabel())
            if j == 0:
                k.rumus(ws, r, 3, "=" + teks_ind("indikator", ka), k.sel_tabel(text_wrap=True))
            else:
                ws.write_blank(r, 3, None, k.sel_tabel())
            k.rumus(ws, r, 4, "=" + nama_program(_q(p)), k.sel_tabel(text_wrap=True))
            k.tinggi(ws, r, "x" * 70, 4)
            k.rumus(ws, r, 5, "=" + ambil(ANG, "pagu", _q(p + ".*"), TAHUN_LAPORAN),
                    k.sel_tabel(F_UANG))
            r += 1
    _akhir(k, ws, rk, r, 5, c_akhir, "Program menurut kolom Program di tab Indikator bidang; "
           "pagu dari Data Anggaran.")


# --- Tabel 3.10 and the Analisis sheet ----------------------------------------------------

def tabel_3_10(k: Konteks, simpul: list[Simpul]) -> None:
    """Efficiency per target and indicator: achievement of the report year against the
    absorption of the budget linked to the indicator (E = 1 - serapan / capaian)."""
    ws = k.wb.add_worksheet("Tabel 3.10")
    baris = [s for s in simpul if s.anggaran]
    c_akhir = 12
    k.judul(ws, 2, c_akhir, ["Tabel 3.10", "Efisiensi Penggunaan Anggaran terhadap Capaian "
                             "Kinerja", f'="Tahun "&{TAHUN_LAPORAN}'])
    rk = 4
    k.kolom_kode(ws, rk)
    k.kolom(ws, 1, 1, 9, k.kode())
    ws.write_string(rk, 1, "Arah", k.gaya(italic=True, font_color=WARNA_KODE, font_size=9))
    _kepala(k, ws, rk, [("No.", 5), ("Sasaran", 24), ("Indikator Kinerja", 26),
                        ("Target", 11), ("Realisasi", 11), ("Capaian (%)", 10),
                        ("Pagu (Rp)", 17), ("Realisasi Anggaran (Rp)", 17),
                        ("Serapan (%)", 10), ("Efisiensi (%)", 10), ("Kategori", 12)], c0=2)
    _nomor_kolom(k, ws, rk + 1, 2, c_akhir)
    r = rk + 2
    sasaran, no = None, 0
    for s in baris:
        ka = sel(r, 0, kolom_tetap=True)
        ws.write_string(r, 0, s.kode)
        k.rumus(ws, r, 1, "=" + arah(ka), k.kode())
        if s.sasaran != sasaran:
            no += 1
            sasaran = s.sasaran
            ws.write_number(r, 2, no, k.sel_tabel(align="center"))
            k.rumus(ws, r, 3, "=" + teks_ind("sasaran", ka), k.sel_tabel(text_wrap=True))
            k.tinggi(ws, r, s.sasaran, 3)
        else:
            ws.write_blank(r, 2, None, k.sel_tabel())
            ws.write_blank(r, 3, None, k.sel_tabel())
        k.rumus(ws, r, 4, "=" + teks_ind("indikator", ka), k.sel_tabel(text_wrap=True))
        k.tinggi(ws, r, s.indikator, 4)
        fmt = F_PERSEN if s.satuan.strip() == "%" else F_ANGKA
        k.rumus(ws, r, 5, "=" + ind("target", ka, TAHUN_LAPORAN), k.sel_tabel(fmt))
        k.rumus(ws, r, 6, "=" + ind("realisasi", ka, TAHUN_LAPORAN), k.sel_tabel(fmt))
        k.rumus(ws, r, 7, "=" + capaian(sel(r, 6), sel(r, 5), sel(r, 1, kolom_tetap=True)),
                k.sel_tabel(F_PERSEN))
        k.rumus(ws, r, 8, "=" + jumlah_anggaran("pagu", s.anggaran, TAHUN_LAPORAN),
                k.sel_tabel(F_UANG))
        k.rumus(ws, r, 9, "=" + jumlah_anggaran("realisasi", s.anggaran, TAHUN_LAPORAN),
                k.sel_tabel(F_UANG))
        p, q = sel(r, 8), sel(r, 9)
        k.rumus(ws, r, 10, f'=IF(AND(ISNUMBER({q}),ISNUMBER({p})),'
                f'{kinerja(f"SERAPAN({q},{p})")},{belum(q, p)})', k.sel_tabel(F_PERSEN))
        k.rumus(ws, r, 11, "=" + efisiensi(sel(r, 7), sel(r, 10)), k.sel_tabel(F_PERSEN))
        e = sel(r, 11)
        k.rumus(ws, r, 12, f'=IF(ISNUMBER({e}),IF({e}>=0,"efisien","tidak efisien"),'
                f'{belum(e)})', k.sel_tabel(align="center"))
        # a figure the audit rejects is marked where it is shown (docs/induk.md)
        tnd = tanda_ind(ka, TAHUN_LAPORAN)
        for c, f in ((5, fmt), (6, fmt), (7, F_PERSEN), (11, F_PERSEN)):
            k.tandai(ws, r, c, tnd, f)
        r += 1
    k.catatan(ws, r + 1, 2, SUMBER_DINAS)
    k.catatan(ws, r + 2, 2, "Efisiensi = 1 − serapan anggaran ÷ capaian kinerja (biaya per "
              "satuan capaian dibanding rencana; PMK 249/PMK.02/2011). Efisien bila ≥ 0%. "
              "Anggaran indikator: sub kegiatan di bawah kode Kegiatan (atau Program) yang "
              "ditulis bidang di tab Indikator.")
    k.redupkan_kata(ws, f"{sel(rk + 2, 5)}:{sel(max(r - 1, rk + 2), c_akhir)}")
    ws.freeze_panes(rk + 2, 4)
    cetak(ws, (0, 2, r + 2, c_akhir), (rk, rk + 1), lanskap=True)


def analisis(k: Konteks, daftar: list[tuple[str, str, str]], simpul: list[Simpul]) -> None:
    """One row per indicator of the report year with every figure Bab III's standard
    analysis states: the document's paragraphs take their numbers from here."""
    ws = k.wb.add_worksheet(ANALISIS)
    c_akhir = 1 + len(KOLOM_ANALISIS)
    k.judul(ws, 2, c_akhir, [f'="Analisis Capaian Indikator Tahun "&{TAHUN_LAPORAN}',
                             "Angka untuk uraian Bab III (perintah kinerja dokumen)"])
    ws.write_string(2, 2, "Tahun akhir Renstra", k.gaya(bold=True))
    ws.write_number(2, 3, TAHUN_AKHIR_RENSTRA, k.gaya(bold=True, border=1, bg_color="#FFF2CC",
                                                      num_format=F_TAHUN, align="center"))
    akhir = sel(2, 3, True, True)
    rk = 4
    k.kolom_kode(ws, rk)
    k.kolom(ws, 1, 1, 9, k.kode())
    ws.write_string(rk, 1, "Arah", k.gaya(italic=True, font_color=WARNA_KODE, font_size=9))
    _kepala(k, ws, rk, [(judul, lebar) for _, judul, lebar in KOLOM_ANALISIS], c0=2)
    anggaran = {s.kode: s.anggaran for s in simpul}
    c = {kunci: 2 + j for j, (kunci, _, _) in enumerate(KOLOM_ANALISIS)}
    r = rk + 1
    for kode, label, satuan in daftar:
        ka = sel(r, 0, kolom_tetap=True)
        ws.write_string(r, 0, kode)
        k.rumus(ws, r, 1, "=" + arah(ka), k.kode())
        k.rumus(ws, r, c["indikator"], "=" + teks_ind("indikator", ka),
                k.sel_tabel(text_wrap=True))
        k.tinggi(ws, r, label, c["indikator"])
        k.rumus(ws, r, c["satuan"], "=" + teks_ind("satuan", ka), k.sel_tabel(align="center"))
        fmt = F_PERSEN if satuan.strip() == "%" else F_ANGKA
        a = sel(r, 1, kolom_tetap=True)
        x = {kunci: sel(r, kol) for kunci, kol in c.items()}
        rx, rl = x["realisasi"], x["realisasi_lalu"]
        ra, pg = x["realisasi_anggaran"], x["pagu"]
        isi = {
            "target": ind("target", ka, TAHUN_LAPORAN),
            "realisasi": ind("realisasi", ka, TAHUN_LAPORAN),
            "capaian": capaian(x["realisasi"], x["target"], a),
            "predikat": predikat(x["capaian"], tanda_ind(ka, TAHUN_LAPORAN)),
            "realisasi_lalu": ind("realisasi", ka, f"{TAHUN_LAPORAN}-1"),
            "selisih": (f'IF(AND(ISNUMBER({x["realisasi"]}),ISNUMBER({x["realisasi_lalu"]})),'
                        f'{rx}-{rl},{belum(rx, rl)})'),
            "perubahan": (f'IF(AND(ISNUMBER({x["realisasi"]}),ISNUMBER({x["realisasi_lalu"]})),'
                          f'IF({x["realisasi_lalu"]}=0,"pembagi 0",'
                          f'{kinerja(f"PERTUMBUHAN({rx},{rl})")}),{belum(rx, rl)})'),
            "target_akhir": ind("target", ka, akhir),
            "capaian_akhir": capaian(x["realisasi"], x["target_akhir"], a),
            "anggaran_kode": (f'IF({teks_ind("kegiatan", ka)}<>"-",{teks_ind("kegiatan", ka)},'
                              f'{teks_ind("program", ka)})'),
            "pagu": jumlah_anggaran("pagu", anggaran.get(kode, ()), TAHUN_LAPORAN),
            "realisasi_anggaran": jumlah_anggaran("realisasi", anggaran.get(kode, ()),
                                                  TAHUN_LAPORAN),
            "serapan": (f'IF(AND(ISNUMBER({x["realisasi_anggaran"]}),ISNUMBER({x["pagu"]})),'
                        f'{kinerja(f"SERAPAN({ra},{pg})")},{belum(ra, pg)})'),
            "efisiensi": efisiensi(x["capaian"], x["serapan"]),
        }
        format_kolom = {"target": fmt, "realisasi": fmt, "realisasi_lalu": fmt, "selisih": fmt,
                        "target_akhir": fmt, "pagu": F_UANG, "realisasi_anggaran": F_UANG}
        for kunci, teks in isi.items():
            f = format_kolom.get(kunci, None if kunci in ("predikat", "anggaran_kode")
                                 else F_PERSEN)
            k.rumus(ws, r, c[kunci], "=" + teks,
                    k.sel_tabel(f) if f else k.sel_tabel(align="center"))
        tnd = tanda_ind(ka, TAHUN_LAPORAN)
        for kunci in ("target", "realisasi", "capaian"):
            k.tandai(ws, r, c[kunci], tnd, format_kolom.get(kunci, F_PERSEN))
        r += 1
    kolom_predikat = f"{sel(rk + 1, c['predikat'])}:{sel(max(r - 1, rk + 1), c['predikat'])}"
    k.warnai_tanda(ws, kolom_predikat)
    k.warnai_predikat(ws, kolom_predikat)
    k.redupkan_kata(ws, f"{sel(rk + 1, 4)}:{sel(max(r - 1, rk + 1), c_akhir)}")
    k.catatan(ws, r + 1, 2, "Selisih = realisasi − realisasi tahun sebelumnya; perubahan = "
              "pertumbuhannya (PERTUMBUHAN). Capaian terhadap target akhir = realisasi tahun "
              "laporan ÷ target tahun akhir Renstra (sel D3). Efisiensi seperti Tabel 3.10.")
    ws.freeze_panes(rk + 1, 3)
    cetak(ws, (0, 2, r + 1, c_akhir), (rk, rk), lanskap=True)


def tulis_bab2(k: Konteks, indikator: list[dict]) -> None:
    simpul = susun_hierarki(indikator)
    tabel_2_6(k, simpul)
    tabel_2_7(k, simpul)
    tabel_2_8(k, simpul)


def tulis_bab3(k: Konteks, indikator: list[dict], tahun: int) -> None:
    simpul = susun_hierarki(indikator)
    tabel_3_10(k, simpul)
    analisis(k, indikator_tahun(indikator, tahun), simpul)
