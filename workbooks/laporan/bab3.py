"""Chapter III tables: achievement (3.5, 3.7), budget realisation (3.8) and the IKU (3.9).

Rows are keyed by Kode (column A, outside the print area; Tabel 3.8 prints its SIPD
codes in column B) and columns by the year typed in the header, or by the report
year in Pengaturan (Tahun_Laporan) where the seed's table is about the report year.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.worksheet import Worksheet

from sync.model import skema
from workbooks.laporan.dasar import (
    ANGKA_ADA,
    BELUM,
    CATATAN_TANDA,
    F_ANGKA,
    F_PERSEN,
    F_TAHUN,
    F_UANG,
    SUMBER_DINAS,
    TANDA,
    TARGET_NOL,
    WARNA_KODE,
    Konteks,
    ambil,
    arah,
    bagi,
    belum,
    capaian,
    cetak,
    ind,
    kinerja,
    nama_kolom,
    predikat,
    sel,
    stat,
    tanda,
    tanda_ind,
    tanda_stat,
)

TAHUN_LAPORAN = skema.NAMA_TAHUN
RUPIAH = '"rupiah"'


def _kepala_kode(k: Konteks, ws: Worksheet, r: int) -> None:
    """Columns A (Kode) and B (Arah): the row's data key and polarity, not printed."""
    k.kolom_kode(ws, r)
    k.kolom(ws, 1, 1, 9, k.kode())
    ws.write_string(r, 1, "Arah", k.gaya(italic=True, font_color=WARNA_KODE, font_size=9,
                                          valign="vcenter"))


# --- Tabel 3.5 ----------------------------------------------------------------------------

INDIKATOR_3_5 = (
    ("IK-UM-01", "Jumlah usaha mikro yang dibina"),
    ("IK-UM-03", "Jumlah sentra UMKM yang dibentuk"),
    ("IK-KOP-02", "Jumlah koperasi aktif"),
)


def tabel_3_5(k: Konteks) -> None:
    """Target, realisation and achievement ratio per indicator, 2016-2020 (18 columns)."""
    ws = k.wb.add_worksheet("Tabel 3.5")
    tahun = [2016, 2017, 2018, 2019, 2020]
    n = len(tahun)
    c_t, c_r, c_c = 5, 5 + n, 5 + 2 * n  # first target / realisation / ratio column
    c_akhir = c_c + n - 1
    k.judul(ws, 2, c_akhir, ["Tabel 3.5", "Capaian Indikator Kinerja Organisasi",
                             "Tahun 2016 – 2020"])
    r1, r2, r3 = 4, 5, 6
    _kepala_kode(k, ws, r2)
    k.kolom(ws, 2, 2, 5)
    k.kolom(ws, 3, 3, 34)
    k.kolom(ws, 4, 4, 10)
    k.kolom(ws, c_t, c_akhir, 9.5)
    for c, teks in ((2, "No"), (3, "Indikator Kinerja sesuai Tugas dan Fungsi PD"),
                    (4, "Target SPM/IKK")):
        ws.merge_range(r1, c, r2, c, teks, k.kepala())
    for c0, teks in ((c_t, "Target Renstra PD Tahun ke-"), (c_r, "Realisasi Capaian Tahun ke-"),
                     (c_c, "Rasio Capaian pada Tahun ke-")):
        ws.merge_range(r1, c0, r1, c0 + n - 1, teks, k.kepala())
    for j, t in enumerate(tahun):
        ws.write_number(r2, c_t + j, t, k.kepala(num_format=F_TAHUN))
        # realisation and ratio years follow the target years typed by the office
        k.rumus(ws, r2, c_r + j, "=" + sel(r2, c_t + j), k.kepala(num_format=F_TAHUN))
        k.rumus(ws, r2, c_c + j, "=" + sel(r2, c_t + j), k.kepala(num_format=F_TAHUN))
    for c in range(2, c_akhir + 1):
        ws.write_string(r3, c, f"({c - 1})", k.kepala(italic=True, bold=False, font_size=8,
                                                      bg_color="#F2F2F2"))
    r = r3 + 1
    for no, (kode, label) in enumerate(INDIKATOR_3_5, start=1):
        ws.write_string(r, 0, kode)
        k.rumus(ws, r, 1, "=" + arah(sel(r, 0, kolom_tetap=True)), k.kode())
        ws.write_number(r, 2, no, k.sel_tabel(align="center"))
        k.teks(ws, r, 3, label, k.sel_tabel(text_wrap=True))
        ws.write_blank(r, 4, None, k.sel_tabel())
        ka = sel(r, 0, kolom_tetap=True)
        for j in range(n):
            tnd = tanda_ind(ka, sel(r2, c_t + j, baris_tetap=True))
            for c, fmt in ((c_t + j, F_ANGKA), (c_r + j, F_ANGKA), (c_c + j, F_PERSEN)):
                k.tandai(ws, r, c, tnd, fmt)
            k.rumus(ws, r, c_t + j, "=" + ind("target", ka, sel(r2, c_t + j, baris_tetap=True)),
                    k.sel_tabel(F_ANGKA))
            k.rumus(ws, r, c_r + j,
                    "=" + ind("realisasi", ka, sel(r2, c_r + j, baris_tetap=True)),
                    k.sel_tabel(F_ANGKA))
            k.rumus(ws, r, c_c + j, "=" + capaian(sel(r, c_r + j), sel(r, c_t + j),
                                                  sel(r, 1, kolom_tetap=True)),
                    k.sel_tabel(F_PERSEN))
        r += 1
    r_akhir = r - 1
    k.catatan(ws, r + 1, 2, SUMBER_DINAS)
    k.catatan(ws, r + 2, 2, "Rasio capaian = realisasi ÷ target (fungsi CAPAIAN, menurut arah "
              "indikator). Target 0 tidak dapat dibagi: sel menulis \"target 0\".")
    k.catatan(ws, r + 3, 2, "Jumlah koperasi aktif: target yang tercetak di laporan adalah "
              "jumlah seluruh koperasi (Tabel 3.7), sehingga rasionya sama dengan persentase "
              "koperasi aktif.")
    k.catatan(ws, r + 4, 2, CATATAN_TANDA)
    k.redupkan_kata(ws, f"{sel(r3 + 1, c_t)}:{sel(r_akhir, c_akhir)}")
    ws.freeze_panes(r3 + 1, 4)
    cetak(ws, (0, 2, r + 4, c_akhir), (r1, r3), lanskap=True)


# --- Tabel 3.7 ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Baris37:
    """A row of Tabel 3.7. jenis: stat, target, realisasi, bagi (rows a/b), capaian
    (realisation row a against target row b)."""

    kode: str
    indikator: str
    uraian: str
    jenis: str
    fmt: str = F_ANGKA
    a: int = -1
    b: int = -1


BARIS_3_7 = (
    Baris37("ST-KOP-RPJMD", "1. Koperasi", "Jumlah koperasi", "stat"),
    Baris37("ST-KOP-AKTIF-RPJMD", "", "Jumlah koperasi aktif", "stat"),
    Baris37("IK-KOP-01", "Persentase koperasi aktif", "Target", "target", F_PERSEN),
    Baris37("IK-KOP-01", "", "Realisasi (tertulis)", "realisasi", F_PERSEN),
    Baris37("", "", "Realisasi dihitung (koperasi aktif ÷ jumlah koperasi)", "bagi", F_PERSEN,
            a=1, b=0),
    Baris37("IK-KOP-01", "", "Capaian (realisasi tertulis ÷ target)", "capaian", F_PERSEN,
            a=3, b=2),
    Baris37("IK-UM-01", "2. Usaha mikro yang dibina", "Target", "target"),
    Baris37("IK-UM-02", "", "Target (%)", "target", F_PERSEN),
    Baris37("ST-UM-RPJMD", "", "Pertumbuhan", "stat"),
    Baris37("IK-UM-01", "", "Usaha mikro yang dibina", "realisasi"),
    Baris37("IK-UM-02", "", "Realisasi (%)", "realisasi", F_PERSEN),
    Baris37("IK-UM-01", "", "Capaian jumlah yang dibina", "capaian", F_PERSEN, a=9, b=6),
    Baris37("IK-UM-02", "", "Capaian persentase yang dibina", "capaian", F_PERSEN, a=10, b=7),
)

RINGKASAN_3_7 = (
    ("IK-KOP-01", "Persentase koperasi aktif", F_PERSEN),
    ("IK-UM-01", "Jumlah usaha mikro yang dibina", F_ANGKA),
    ("IK-UM-02", "Persentase usaha mikro yang dibina", F_PERSEN),
)


def tabel_3_7(k: Konteks) -> None:
    """Achievement until the report year (RPJMD 2016-2021, baseline 2015), then the
    report year's achievement per indicator with predicate and a chart against 100%."""
    ws = k.wb.add_worksheet("Tabel 3.7")
    tahun = list(range(2015, 2022))
    c0 = 4
    c_akhir = c0 + len(tahun) - 1
    k.judul(ws, 2, c_akhir, ["Tabel 3.7",
                             "Capaian Kinerja Dinas Koperasi dan Usaha Mikro Kota Batam",
                             f'="Sampai dengan Tahun "&{TAHUN_LAPORAN}'])
    r1, r2 = 4, 5
    _kepala_kode(k, ws, r2)
    k.kolom(ws, 2, 2, 30)
    k.kolom(ws, 3, 3, 36)
    k.kolom(ws, c0, c_akhir, 12)
    ws.merge_range(r1, 2, r2, 2, "Indikator", k.kepala())
    ws.merge_range(r1, 3, r2, 3, "Uraian", k.kepala())
    k.teks(ws, r1, c0, "Data dasar awal RPJMD", k.kepala(font_size=8), tebal=True,
           ukuran=8)
    ws.merge_range(r1, c0 + 1, r1, c_akhir, "Capaian Tahun ke-", k.kepala())
    for j, t in enumerate(tahun):
        ws.write_number(r2, c0 + j, t, k.kepala(num_format=F_TAHUN))
    pos: dict[int, int] = {}
    for i, b in enumerate(BARIS_3_7):
        r = r2 + 1 + i
        pos[i] = r
        if b.kode:
            ws.write_string(r, 0, b.kode)
        if b.jenis == "capaian":
            k.rumus(ws, r, 1, "=" + arah(sel(r, 0, kolom_tetap=True)), k.kode())
        tebal = bool(b.indikator)
        k.teks(ws, r, 2, b.indikator, k.sel_tabel(text_wrap=True, bold=tebal), tebal=tebal)
        k.teks(ws, r, 3, b.uraian, k.sel_tabel(text_wrap=True,
                                                    italic=b.jenis in ("bagi", "capaian")))
        ka = sel(r, 0, kolom_tetap=True)
        for j in range(len(tahun)):
            c = c0 + j
            th = sel(r2, c, baris_tetap=True)
            if b.jenis == "stat":
                teks = stat(ka, th)
            elif b.jenis in ("target", "realisasi"):
                teks = ind(b.jenis, ka, th)
            elif b.jenis == "bagi":
                teks = bagi(sel(pos[b.a], c), sel(pos[b.b], c))
            else:
                teks = capaian(sel(pos[b.a], c), sel(pos[b.b], c), sel(r, 1, kolom_tetap=True))
            k.rumus(ws, r, c, "=" + teks, k.sel_tabel(b.fmt, italic=b.jenis in ("bagi",
                                                                                 "capaian")))
            if b.kode:
                k.tandai(ws, r, c, (tanda_stat if b.jenis == "stat" else tanda_ind)(ka, th),
                         b.fmt)
    r_akhir = r2 + len(BARIS_3_7)
    k.catatan(ws, r_akhir + 1, 2, SUMBER_DINAS)
    k.catatan(ws, r_akhir + 2, 2, "Realisasi tertulis adalah angka yang dilaporkan bidang; "
              "baris \"Realisasi dihitung\" membaginya ulang dari jumlah koperasi. Selisih "
              "keduanya dilaporkan di lembar Pemeriksaan.")
    k.catatan(ws, r_akhir + 3, 2, CATATAN_TANDA)
    k.redupkan_kata(ws, f"{sel(r2 + 1, c0)}:{sel(r_akhir, c_akhir)}")
    ws.freeze_panes(r2 + 1, c0)
    cetak(ws, (0, 2, r_akhir + 3, c_akhir), (r1, r2), lanskap=True)


def grafik_capaian(k: Konteks) -> None:
    """The report year's achievement per indicator of Tabel 3.7, with predicate colours
    and a chart (columns for achievement, a dashed line at 100%), on its own page."""
    ws = k.wb.add_worksheet("Grafik Capaian")
    c_akhir = 12
    k.judul(ws, 2, c_akhir, [f'="Capaian Indikator Kinerja Tahun "&{TAHUN_LAPORAN}',
                             "Dinas Koperasi dan Usaha Mikro Kota Batam (dari Tabel 3.7)"])
    rk = 3
    _kepala_kode(k, ws, rk)
    for c, (teks, lebar) in enumerate((("Indikator", 34), ("Satuan", 12), ("Target", 12),
                                       ("Realisasi", 12), ("Capaian", 12), ("Predikat", 16),
                                       ("Garis 100%", 10), ("No. Pemeriksaan", 12),
                                       ("Realisasi hitungan", 12), ("Capaian hitungan", 12),
                                       ("Predikat hitungan", 14)), start=2):
        k.kolom(ws, c, c, lebar)
        ws.write_string(rk, c, teks, k.kepala())
    r0 = rk + 1
    for i, (kode, label, fmt) in enumerate(RINGKASAN_3_7):
        rr = r0 + i
        ws.write_string(rr, 0, kode)
        ka = sel(rr, 0, kolom_tetap=True)
        tnd = tanda_ind(ka, TAHUN_LAPORAN)
        k.rumus(ws, rr, 1, "=" + arah(ka), k.kode())
        # the label carries the mark too: it is the chart's category, so the bar shows it
        k.rumus(ws, rr, 2, f'="{label}"&IF({tnd}," {TANDA}","")', k.sel_tabel(text_wrap=True))
        k.tinggi(ws, rr, label + " " + TANDA, 2)
        ws.write_string(rr, 3, "%" if fmt == F_PERSEN else "usaha mikro",
                        k.sel_tabel(align="center"))
        for c, f in ((4, fmt), (5, fmt), (6, F_PERSEN)):
            k.tandai(ws, rr, c, tnd, f)
        k.rumus(ws, rr, 4, "=" + ind("target", ka, TAHUN_LAPORAN), k.sel_tabel(fmt))
        k.rumus(ws, rr, 5, "=" + ind("realisasi", ka, TAHUN_LAPORAN), k.sel_tabel(fmt))
        k.rumus(ws, rr, 6, "=" + capaian(sel(rr, 5), sel(rr, 4), sel(rr, 1, kolom_tetap=True)),
                k.sel_tabel(F_PERSEN))
        k.rumus(ws, rr, 7, "=" + predikat(sel(rr, 6), tnd), k.sel_tabel(align="center"))
        ws.write_number(rr, 8, 1, k.sel_tabel("0%"))
        _hitungan(k, ws, rr, ka, tnd, fmt)
    r1 = r0 + len(RINGKASAN_3_7) - 1
    k.warnai_tanda(ws, f"{sel(r0, 7)}:{sel(r1, 7)}")
    k.warnai_predikat(ws, f"{sel(r0, 7)}:{sel(r1, 7)}")
    k.warnai_predikat(ws, f"{sel(r0, 12)}:{sel(r1, 12)}")
    k.redupkan_kata(ws, f"{sel(r0, 4)}:{sel(r1, 7)}")
    k.catatan(ws, r1 + 1, 2, "Capaian = realisasi ÷ target (CAPAIAN); predikat menurut skala "
              "Permendagri 86/2017 (PREDIKAT). Tahun dari sel Tahun Laporan di lembar Pengaturan.")
    k.catatan(ws, r1 + 2, 2, CATATAN_TANDA + " Kolom hitungan: angka yang dihitung ulang oleh "
              "pemeriksaan dari deret Acuan bidang, bila ada, dengan capaian dan predikatnya.")

    _bagan_capaian(k, ws, (r0, r1), rk)
    tinggi = 1.4
    ws.freeze_panes(rk + 1, 3)
    cetak(ws, (0, 2, r1 + 4 + int(288 * tinggi / 20) + 1, c_akhir), (rk, rk), lanskap=True)


def _hitungan(k: Konteks, ws: Worksheet, r: int, ka: str, tnd: str, fmt: str) -> None:
    """Columns 9-12 of Grafik Capaian: the finding's No, the audit's own figure (Hitungan)
    and the achievement and predicate it gives, "-" where there is none."""
    th = TAHUN_LAPORAN
    periksa, hit = (nama_kolom(skema.DATA_INDIKATOR, c) for c in ("periksa", "hitungan"))
    kode, tahun = (nama_kolom(skema.DATA_INDIKATOR, c) for c in ("kode", "tahun"))
    k.rumus(ws, r, 9, f'=IF({tnd},SUMIFS({periksa},{kode},{ka},{tahun},{th}),"-")',
            k.sel_tabel(F_TAHUN, align="center"))
    k.rumus(ws, r, 10, f'=IF(COUNTIFS({kode},{ka},{tahun},{th},{hit},{ANGKA_ADA})>0,'
            f'SUMIFS({hit},{kode},{ka},{tahun},{th}),"-")', k.sel_tabel(fmt))
    j, t, a = sel(r, 10), sel(r, 4), sel(r, 1, kolom_tetap=True)
    k.rumus(ws, r, 11, f'=IF(AND(ISNUMBER({j}),ISNUMBER({t})),IF(AND({t}=0,{a}<>"negatif"),'
            f'"{TARGET_NOL}",{kinerja(f"CAPAIAN({j},{t},{a})")}),"-")', k.sel_tabel(F_PERSEN))
    k.rumus(ws, r, 12, f'=IF(ISNUMBER({sel(r, 11)}),{kinerja(f"PREDIKAT({sel(r, 11)})")},"-")',
            k.sel_tabel(align="center"))


# --- Tabel 3.8 ----------------------------------------------------------------------------

ANGGARAN = skema.DATA_ANGGARAN


def _kode_induk(kode: str, bagian: int) -> str:
    return ".".join(kode.split(".")[:bagian])


def susunan_anggaran(baris: list[dict]) -> list[tuple[str, str, str]]:
    """(tingkat, kode, uraian) rows of Tabel 3.8 from the budget lines: each program
    (first three code parts), its activities (five parts), their sub-activities, in
    code order."""
    hasil: list[tuple[str, str, str]] = []
    program = kegiatan = None
    for b in sorted(baris, key=lambda b: b["kode"]):
        p, g = _kode_induk(b["kode"], 3), _kode_induk(b["kode"], 5)
        if p != program:
            hasil.append(("program", p, b["program"]))
            program, kegiatan = p, None
        if g != kegiatan:
            hasil.append(("kegiatan", g, b["kegiatan"]))
            kegiatan = g
        hasil.append(("sub", b["kode"], b["sub_kegiatan"]))
    return hasil


def _bagan_capaian(k: Konteks, ws, baris: tuple[int, int], rk: int, tinggi: float = 1.4
                   ) -> None:
    """Columns of achievement (column G) and a dashed 100% line (column I) across the
    whole plot, not from the first bar's centre to the last's.

    The line sits on the secondary axes, whose category axis is "on tick marks"
    (XlsxWriter's x axis option position_axis="on_tick", c:crossBetween="midCat" on
    its value axis, ECMA-376 Part 1 21.2.2.32): the first and last points then lie on
    the plot's edges. Both value axes must show the same scale: each gets the same
    values (achievement and the 100% target, one of them an invisible series), so
    Excel's automatic scale, which depends only on the values, is the same on both;
    the secondary axes are hidden. Labels sit inside the columns' ends, off the line.
    """
    r0, r1 = baris
    kategori = [ws.name, r0, 2, r1, 2]
    capaian, target = [ws.name, r0, 6, r1, 6], [ws.name, r0, 8, r1, 8]
    g = k.wb.add_chart({"type": "column"})
    g.add_series({
        "name": [ws.name, rk, 6], "categories": kategori, "values": capaian,
        "fill": {"color": "#4472C4"}, "gap": 80, "overlap": 100,
        "data_labels": {"value": True, "num_format": "0.0%", "position": "inside_end",
                        "font": {"color": "#FFFFFF", "bold": True}},
    })
    g.add_series({"name": "Skala", "categories": kategori, "values": target,
                  "fill": {"none": True}, "border": {"none": True}})
    garis = k.wb.add_chart({"type": "line"})
    garis.add_series({
        "name": "Target (100%)", "categories": kategori, "values": target, "y2_axis": True,
        "line": {"color": "#C00000", "width": 2, "dash_type": "dash"},
        "marker": {"type": "none"},
    })
    garis.add_series({"name": "Skala", "categories": kategori, "values": capaian,
                      "y2_axis": True, "line": {"none": True}, "marker": {"type": "none"}})
    garis.set_x2_axis({"position_axis": "on_tick", "visible": False})
    garis.set_y2_axis({"num_format": "0%", "min": 0, "visible": False})
    g.combine(garis)
    g.set_title({"name": [ws.name, 0, 2], "name_font": {"size": 12}})
    g.set_legend({"position": "bottom", "delete_series": [1, 3]})
    g.set_y_axis({"num_format": "0%", "min": 0,
                  "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    ws.insert_chart(r1 + 4, 2, g, {"x_scale": k.skala_grafik(ws, 2, 8),
                                   "y_scale": tinggi, "x_offset": 8})


def tabel_3_8(k: Konteks, anggaran: list[dict]) -> None:
    """Budget realisation of the report year per program / activity / sub-activity."""
    ws = k.wb.add_worksheet("Tabel 3.8")
    k.judul(ws, 0, 8, ["Tabel 3.8", "Realisasi Anggaran Dinas Koperasi dan Usaha Mikro Kota Batam",
                       f'="Pemerintah Kota Batam Bulan Desember "&{TAHUN_LAPORAN}'])
    rk, rn = 4, 5
    for c, (teks, lebar) in enumerate((
            ("No.", 5), ("Kode", 16), ("Program / Kegiatan / Sub Kegiatan", 50),
            ("Pagu (Rp)", 19), ("Realisasi (Rp)", 19), ("Serapan Keuangan (%)", 11),
            ("Realisasi Fisik (%)", 10), ("Sisa Anggaran (Rp)", 19), ("Predikat Serapan", 13))):
        k.kolom(ws, c, c, lebar)
        k.teks(ws, rk, c, teks, k.kepala(), tebal=True)
    for c, teks in enumerate(("1", "2", "3", "4", "5", "6 = 5 ÷ 4", "7", "8 = 4 − 5", "9")):
        ws.write_string(rn, c, teks, k.kepala(italic=True, bold=False, font_size=8,
                                              bg_color="#F2F2F2"))
    k.kolom(ws, 9, 9, 9, k.kode())
    ws.write_string(rk, 9, "Tingkat", k.gaya(italic=True, font_color=WARNA_KODE, font_size=9))

    th = TAHUN_LAPORAN
    r = rn + 1
    no = 0
    for tingkat, kode, uraian in susunan_anggaran(anggaran):
        tebal = tingkat != "sub"
        isi = {"bold": tebal, "bg_color": "#F2F2F2"} if tingkat == "program" else {
            "bold": tebal}
        if tingkat == "program":
            no += 1
            ws.write_number(r, 0, no, k.sel_tabel(align="center", **isi))
        else:
            ws.write_blank(r, 0, None, k.sel_tabel(**isi))
        ws.write_string(r, 1, kode, k.sel_tabel(**isi))
        masuk = {"program": 0, "kegiatan": 1, "sub": 2}[tingkat]
        k.teks(ws, r, 2, uraian, k.sel_tabel(text_wrap=True, indent=masuk, **isi), tebal=tebal,
               indent=masuk)
        ws.write_string(r, 9, tingkat)
        kode_sel = sel(r, 1, kolom_tetap=True)
        kunci = kode_sel if tingkat == "sub" else f'{kode_sel}&".*"'
        k.rumus(ws, r, 3, "=" + ambil(ANGGARAN, "pagu", kunci, th), k.sel_tabel(F_UANG, **isi))
        k.rumus(ws, r, 4, "=" + ambil(ANGGARAN, "realisasi", kunci, th),
                k.sel_tabel(F_UANG, **isi))
        if tingkat == "sub":
            k.rumus(ws, r, 6, "=" + ambil(ANGGARAN, "fisik", kunci, th),
                    k.sel_tabel(F_PERSEN, **isi))
        else:
            ws.write_blank(r, 6, None, k.sel_tabel(**isi))
        _serapan(k, ws, r, isi, ditandai=tanda(ANGGARAN, kunci, th))
        r += 1
    r_akhir = r - 1

    # total over every line of the report year in Data Anggaran
    isi = {"bold": True, "bg_color": "#D9E1F2"}
    ws.merge_range(r, 0, r, 2, "JUMLAH", k.sel_tabel(align="center", **isi))
    t = nama_kolom(ANGGARAN, "tahun")
    for c, kolom in ((3, "pagu"), (4, "realisasi")):
        nilai = nama_kolom(ANGGARAN, kolom)
        k.rumus(ws, r, c, f'=IF(COUNTIFS({t},{th},{nilai},{ANGKA_ADA})=0,"{BELUM}",'
                f"SUMIFS({nilai},{t},{th}))", k.sel_tabel(F_UANG, **isi))
    ws.write_blank(r, 6, None, k.sel_tabel(**isi))
    _serapan(k, ws, r, isi, ditandai=tanda(ANGGARAN, '"*"', th))
    r_total = r
    k.warnai_tanda(ws, f"{sel(rn + 1, 8)}:{sel(r_total, 8)}")
    k.warnai_predikat(ws, f"{sel(rn + 1, 8)}:{sel(r_total, 8)}")
    k.redupkan_kata(ws, f"{sel(rn + 1, 3)}:{sel(r_total, 8)}")

    # under the total: a completeness check and the amounts in words
    r += 1
    fmt_ket = k.sel_tabel(italic=True, text_wrap=True)
    fmt_isi = k.sel_tabel(text_wrap=True, align="left")
    rentang_sub = f"{sel(rn + 1, 3, True, True)}:{sel(r_akhir, 3, True, True)}"
    rentang_tk = f"{sel(rn + 1, 9, True, True)}:{sel(r_akhir, 9, True, True)}"
    baris_bawah = [
        ("Kelengkapan tabel",
         f'=IF(ISNUMBER({sel(r_total, 3)}),IF(ROUND(SUMIFS({rentang_sub},{rentang_tk},"sub")-'
         f'{sel(r_total, 3)},0)=0,"Semua sub kegiatan tahun ini di Data Anggaran tercantum di '
         f'tabel ini.","Perhatian: ada sub kegiatan di Data Anggaran yang belum tercantum di '
         f'tabel ini; jumlah di atas memuat semuanya."),"{BELUM}")'),
        ("Terbilang pagu", f'=IF(ISNUMBER({sel(r_total, 3)}),'
         f'{kinerja(f"TERBILANG({sel(r_total, 3)},{RUPIAH})")},{belum(sel(r_total, 3))})'),
        ("Terbilang realisasi", f'=IF(ISNUMBER({sel(r_total, 4)}),'
         f'{kinerja(f"TERBILANG({sel(r_total, 4)},{RUPIAH})")},{belum(sel(r_total, 4))})'),
        ("Terbilang sisa anggaran", f'=IF(ISNUMBER({sel(r_total, 7)}),'
         f'{kinerja(f"TERBILANG({sel(r_total, 7)},{RUPIAH})")},{belum(sel(r_total, 7))})'),
    ]
    for ket, rumus in baris_bawah:
        ws.merge_range(r, 0, r, 2, ket, fmt_ket)
        ws.merge_range(r, 3, r, 8, "", fmt_isi)
        k.rumus(ws, r, 3, rumus, fmt_isi)
        hasil = k.nilai.get(ws.name, {}).get(sel(r, 3))
        if isinstance(hasil, str):
            k.tinggi(ws, r, hasil, 3, 8)
        r += 1
    k.catatan(ws, r, 0, SUMBER_DINAS + "; serapan = realisasi ÷ pagu (SERAPAN), sisa = pagu "
              "− realisasi (SISA_ANGGARAN), predikat menurut skala Permendagri 86/2017.")
    k.catatan(ws, r + 1, 0, CATATAN_TANDA)
    ws.freeze_panes(rn + 1, 3)
    cetak(ws, (0, 0, r + 1, 8), (rk, rn), lanskap=True)


def _serapan(k: Konteks, ws: Worksheet, r: int, isi: dict,
             kolom: tuple[int, int, int, int, int] = (3, 4, 5, 7, 8),
             ditandai: str | None = None) -> None:
    """Absorption, unspent budget and predicate of row r from its pagu and realisasi;
    `kolom`: pagu, realisasi, serapan, sisa, predikat columns; `ditandai`: a tanda()
    body, TRUE when a budget line under the row carries a finding (then marked)."""
    cp, cr, cs, cx, cd = kolom
    d, e, f = sel(r, cp), sel(r, cr), sel(r, cs)
    k.rumus(ws, r, cs, f"=IF(AND(ISNUMBER({e}),ISNUMBER({d})),"
            f"{kinerja(f'SERAPAN({e},{d})')},{belum(e, d)})", k.sel_tabel(F_PERSEN, **isi))
    k.rumus(ws, r, cx, f"=IF(AND(ISNUMBER({d}),ISNUMBER({e})),"
            f"{kinerja(f'SISA_ANGGARAN({d},{e})')},{belum(d, e)})", k.sel_tabel(F_UANG, **isi))
    k.rumus(ws, r, cd, "=" + predikat(f, ditandai), k.sel_tabel(align="center", **isi))
    if ditandai:
        for c, fmt in ((cp, F_UANG), (cr, F_UANG), (cs, F_PERSEN)):
            k.tandai(ws, r, c, ditandai, fmt)


def grafik_serapan(k: Konteks, anggaran: list[dict]) -> None:
    """Absorption per program of the report year (SUMIFS on the program's code prefix, as
    Tabel 3.8's program rows) and its bar chart, on its own page."""
    ws = k.wb.add_worksheet("Grafik Serapan")
    c_akhir = 6
    k.judul(ws, 0, c_akhir, [f'="Serapan Anggaran per Program Tahun "&{TAHUN_LAPORAN}',
                             "Dinas Koperasi dan Usaha Mikro Kota Batam (dari Data Anggaran)"])
    rk = 3
    for c, (teks, lebar) in enumerate((("Kode", 10), ("Program", 46), ("Pagu (Rp)", 19),
                                       ("Realisasi (Rp)", 19), ("Serapan (%)", 11),
                                       ("Sisa Anggaran (Rp)", 19), ("Predikat", 14))):
        k.kolom(ws, c, c, lebar)
        ws.write_string(rk, c, teks, k.kepala())
    program = [(kode, uraian) for tingkat, kode, uraian in susunan_anggaran(anggaran)
               if tingkat == "program"]
    r0 = rk + 1
    for i, (kode, uraian) in enumerate(program):
        r = r0 + i
        ws.write_string(r, 0, kode, k.sel_tabel())
        k.teks(ws, r, 1, uraian, k.sel_tabel(text_wrap=True))
        kunci = f'{sel(r, 0, kolom_tetap=True)}&".*"'
        k.rumus(ws, r, 2, "=" + ambil(ANGGARAN, "pagu", kunci, TAHUN_LAPORAN),
                k.sel_tabel(F_UANG))
        k.rumus(ws, r, 3, "=" + ambil(ANGGARAN, "realisasi", kunci, TAHUN_LAPORAN),
                k.sel_tabel(F_UANG))
        _serapan(k, ws, r, {}, kolom=(2, 3, 4, 5, 6),
                 ditandai=tanda(ANGGARAN, kunci, TAHUN_LAPORAN))
    r1 = r0 + len(program) - 1
    k.warnai_tanda(ws, f"{sel(r0, 6)}:{sel(r1, 6)}")
    k.warnai_predikat(ws, f"{sel(r0, 6)}:{sel(r1, 6)}")
    k.redupkan_kata(ws, f"{sel(r0, 2)}:{sel(r1, 6)}")

    g = k.wb.add_chart({"type": "bar"})
    g.add_series({
        "name": "Serapan anggaran",
        "categories": [ws.name, r0, 1, r1, 1],
        "values": [ws.name, r0, 4, r1, 4],
        "fill": {"color": "#4472C4"},
        "gap": 60,
        "data_labels": {"value": True, "num_format": "0.00%"},
    })
    g.set_title({"name": [ws.name, 0, 0], "name_font": {"size": 12}})
    g.set_legend({"none": True})
    g.set_x_axis({"num_format": "0%", "min": 0,
                  "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    g.set_y_axis({"reverse": True, "num_font": {"size": 8}})
    tinggi = 1.4
    ws.insert_chart(r1 + 3, 0, g, {"x_scale": k.skala_grafik(ws, 0, c_akhir),
                                   "y_scale": tinggi, "x_offset": 8})
    k.catatan(ws, r1 + 1, 0, SUMBER_DINAS + "; serapan = realisasi ÷ pagu (SERAPAN).")
    ws.freeze_panes(rk + 1, 2)
    cetak(ws, (0, 0, r1 + 3 + int(288 * tinggi / 20) + 1, c_akhir), (rk, rk), lanskap=True)


# --- Tabel 3.9 ----------------------------------------------------------------------------

TUJUAN_IKU = "Meningkatnya peran Koperasi dan Usaha Mikro dalam Perekonomian Masyarakat"
IKU = (
    ("IK-KOP-03", "Pertumbuhan omzet koperasi", "Persen (%)",
     "Meningkatnya Produktifitas Koperasi / Total Koperasi x 100%",
     "Dinas Koperasi dan Usaha Mikro", "Bidang Pemberdayaan dan Perlindungan Koperasi"),
    ("IK-UM-04", "Pertumbuhan omzet Usaha Mikro", "Persen (%)",
     "Meningkatnya Produktifitas Usaha Mikro / Total Usaha Mikro yang dibina x 100%",
     "Dinas Koperasi dan Usaha Mikro", "Bidang Pemberdayaan dan Pengembangan Usaha Mikro"),
)


def tabel_3_9(k: Konteks) -> None:
    """The key indicators (IKU) as the seed lists them, with the report year's target,
    realisation, achievement and predicate."""
    ws = k.wb.add_worksheet("Tabel 3.9")
    c_akhir = 12
    k.judul(ws, 2, c_akhir, ["Tabel 3.9", "Indikator Kinerja Utama",
                             "Dinas Koperasi dan Usaha Mikro Kota Batam"])
    rk = 4
    _kepala_kode(k, ws, rk)
    kepala = (("No", 5), ("Tujuan Strategis", 26), ("Indikator Kinerja", 22), ("Satuan", 10),
              ("Penjelasan / Formulasi Perhitungan", 30), ("Penanggung Jawab", 18),
              ("Sumber Data", 24))
    for j, (teks, lebar) in enumerate(kepala):
        k.kolom(ws, 2 + j, 2 + j, lebar)
        k.teks(ws, rk, 2 + j, teks, k.kepala(), tebal=True)
    k.kolom(ws, 9, 12, 13)
    for c, awal in ((9, "Target"), (10, "Realisasi"), (11, "Capaian"), (12, "Predikat")):
        k.rumus(ws, rk, c, f'="{awal} "&{TAHUN_LAPORAN}', k.kepala())
    r = rk + 1
    for no, (kode, indikator, satuan, rumus, pj, sumber) in enumerate(IKU, start=1):
        ws.write_string(r, 0, kode)
        ka = sel(r, 0, kolom_tetap=True)
        k.rumus(ws, r, 1, "=" + arah(ka), k.kode())
        ws.write_number(r, 2, no, k.sel_tabel(align="center"))
        for j, teks in enumerate((TUJUAN_IKU, indikator, satuan, rumus, pj, sumber)):
            k.teks(ws, r, 3 + j, teks, k.sel_tabel(text_wrap=True))
        tnd = tanda_ind(ka, TAHUN_LAPORAN)
        for c in (9, 10, 11):
            k.tandai(ws, r, c, tnd, F_PERSEN)
        k.rumus(ws, r, 9, "=" + ind("target", ka, TAHUN_LAPORAN), k.sel_tabel(F_PERSEN))
        k.rumus(ws, r, 10, "=" + ind("realisasi", ka, TAHUN_LAPORAN), k.sel_tabel(F_PERSEN))
        k.rumus(ws, r, 11, "=" + capaian(sel(r, 10), sel(r, 9), sel(r, 1, kolom_tetap=True)),
                k.sel_tabel(F_PERSEN))
        k.rumus(ws, r, 12, "=" + predikat(sel(r, 11), tnd), k.sel_tabel(align="center"))
        r += 1
    r_akhir = r - 1
    k.warnai_tanda(ws, f"{sel(rk + 1, 12)}:{sel(r_akhir, 12)}")
    k.warnai_predikat(ws, f"{sel(rk + 1, 12)}:{sel(r_akhir, 12)}")
    k.redupkan_kata(ws, f"{sel(rk + 1, 9)}:{sel(r_akhir, 12)}")
    k.catatan(ws, r + 1, 2, SUMBER_DINAS + ". Realisasi tahun laporan diisi bidang di tab "
              "Indikator; selama belum diisi, sel menulis \"data belum ada\".")
    k.catatan(ws, r + 2, 2, CATATAN_TANDA)
    ws.freeze_panes(rk + 1, 4)
    cetak(ws, (0, 2, r + 2, c_akhir), (rk, rk), lanskap=True)


def tulis(k: Konteks, anggaran: list[dict]) -> None:
    tabel_3_5(k)
    tabel_3_7(k)
    grafik_capaian(k)
    tabel_3_8(k, anggaran)
    grafik_serapan(k, anggaran)
    tabel_3_9(k)
