"""Chapter II tables: cooperative and micro-business series (2.1-2.4) and the Renstra
targets 2021-2026 (2.5), as the seed report prints them.

Years are typed in the header row (the office shifts a table by retyping them);
every figure is looked up by the row's Kode (column A) and the column's year.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.worksheet import Worksheet

from sync.model import skema
from workbooks.laporan.dasar import (
    F_ANGKA,
    F_PERSEN,
    F_TAHUN,
    SUMBER_DINAS,
    TANDA,
    WARNA_KODE,
    Konteks,
    ada,
    bagi,
    belum,
    cetak,
    ind,
    kinerja,
    nama_kolom,
    sel,
    stat,
    tanda_ind,
    tanda_stat,
)

BARIS_KEPALA = 4  # 0-based row of the year header in tables 2.1-2.4


@dataclass(frozen=True)
class Baris:
    """One row of a year table.

    jenis: "stat" (a Data Statistik series, by kode), "bagi" (row a / row b),
    "tumbuh" (growth of row a on the year before), "selisih" (row a minus the
    year before). a and b index earlier rows of the same table.
    """

    label: str
    jenis: str
    kode: str = ""
    fmt: str = F_ANGKA
    a: int = -1
    b: int = -1


def _sebelum(kode: str, tahun: str) -> tuple[str, str]:
    """(formula TRUE when the series has the year before, that value) for kode."""
    nilai = nama_kolom(skema.DATA_STATISTIK, "nilai")
    k = nama_kolom(skema.DATA_STATISTIK, "kode")
    t = nama_kolom(skema.DATA_STATISTIK, "tahun")
    return (ada(skema.DATA_STATISTIK, "nilai", kode, f"{tahun}-1"),
            f"SUMIFS({nilai},{k},{kode},{t},{tahun}-1)")


def tabel_tahun(k: Konteks, nama: str, judul: list[str], tahun: list[int],
                baris: list[Baris], lanskap: bool = False,
                ruang_grafik: int = 0) -> tuple[Worksheet, dict[int, int]]:
    """A table of series by year: Kode | No. | Uraian | one column per year, with
    `ruang_grafik` rows below it kept in the print area for a chart.

    Returns the sheet and the 0-based sheet row of each table row (for charts).
    """
    ws = k.wb.add_worksheet(nama)
    c_akhir = 2 + len(tahun)
    k.judul(ws, 1, c_akhir, judul)
    rk = BARIS_KEPALA
    k.kolom_kode(ws, rk)
    k.kolom(ws, 1, 1, 5)
    k.kolom(ws, 2, 2, 42)
    k.kolom(ws, 3, c_akhir, 17)
    ws.write_string(rk, 1, "No.", k.kepala())
    ws.write_string(rk, 2, "Uraian", k.kepala())
    for j, t in enumerate(tahun):
        ws.write_number(rk, 3 + j, t, k.kepala(num_format=F_TAHUN))
    posisi: dict[int, int] = {}
    for i, b in enumerate(baris):
        r = rk + 1 + i
        posisi[i] = r
        if b.kode:
            ws.write_string(r, 0, b.kode)
        ws.write_number(r, 1, i + 1, k.sel_tabel(align="center"))
        k.teks(ws, r, 2, b.label, k.sel_tabel(text_wrap=True))
        for j in range(len(tahun)):
            c = 3 + j
            th = sel(rk, c, baris_tetap=True)
            if b.jenis == "stat":
                teks = stat(sel(r, 0, kolom_tetap=True), th)
            elif b.jenis == "bagi":
                teks = bagi(sel(posisi[b.a], c), sel(posisi[b.b], c))
            elif b.jenis in ("tumbuh", "selisih"):
                ra = posisi[b.a]
                kini = sel(ra, c)
                ada_lalu, lalu = _sebelum(sel(ra, 0, True, True), th)
                hitung = (kinerja(f"PERTUMBUHAN({kini},{lalu})") if b.jenis == "tumbuh"
                          else f"{kini}-{lalu}")
                teks = f"IF(AND(ISNUMBER({kini}),{ada_lalu}),{hitung},{belum(kini)})"
            else:
                raise ValueError(b.jenis)
            k.rumus(ws, r, c, "=" + teks, k.sel_tabel(b.fmt))
            if b.jenis == "stat":
                k.tandai(ws, r, c, tanda_stat(sel(r, 0, kolom_tetap=True), th), b.fmt)
    r_akhir = rk + len(baris)
    k.catatan(ws, r_akhir + 1, 1, f"{SUMBER_DINAS}. {TANDA} Angka bertanda: lihat lembar "
              "Pemeriksaan (nomornya di kolom Periksa lembar Data Statistik).")
    k.redupkan_kata(ws, f"{sel(rk + 1, 3)}:{sel(r_akhir, c_akhir)}")
    ws.freeze_panes(rk + 1, 3)
    cetak(ws, (0, 1, r_akhir + 2 + ruang_grafik, c_akhir), (rk, rk), lanskap)
    return ws, posisi


def _grafik_kolom(k: Konteks, ws: Worksheet, judul: str, r_kategori: int, r_nilai: int,
                  c0: int, c1: int, nama_seri: str, fmt: str, r_tempat: int) -> None:
    """A column chart of one table row over its years, placed under the table."""
    g = k.wb.add_chart({"type": "column"})
    g.add_series({
        "name": nama_seri,
        "categories": [ws.name, r_kategori, c0, r_kategori, c1],
        "values": [ws.name, r_nilai, c0, r_nilai, c1],
        "fill": {"color": "#4472C4"},
        "data_labels": {"value": True, "num_format": fmt},
    })
    g.set_title({"name": judul, "name_font": {"size": 12}})
    g.set_legend({"none": True})
    g.set_y_axis({"num_format": fmt, "major_gridlines": {"visible": True,
                                                         "line": {"color": "#D9D9D9"}}})
    g.set_x_axis({"num_format": F_TAHUN})
    ws.insert_chart(r_tempat, 2, g, {"x_scale": k.skala_grafik(ws, 2, c1), "y_scale": 1.1,
                                     "x_offset": 8})


def tabel_2_1(k: Konteks) -> None:
    tahun = [2016, 2017, 2018, 2019, 2020]
    ws, pos = tabel_tahun(k, "Tabel 2.1", [
        "Tabel 2.1", "Pertumbuhan Anggota Koperasi", "Tahun 2016 – 2020"], tahun, [
        Baris("Jumlah anggota koperasi (orang)", "stat", "ST-KOP-ANGGOTA"),
        Baris("Pertumbuhan anggota koperasi (%)", "tumbuh", fmt=F_PERSEN, a=0),
    ], ruang_grafik=20)
    _grafik_kolom(k, ws, "Jumlah Anggota Koperasi Kota Batam 2016–2020", BARIS_KEPALA, pos[0],
                  3, 2 + len(tahun), "Jumlah anggota koperasi", F_ANGKA, pos[1] + 3)


def tabel_2_2(k: Konteks) -> None:
    tahun = [2016, 2017, 2018, 2019, 2020]
    ws, pos = tabel_tahun(k, "Tabel 2.2", [
        "Tabel 2.2", "Persentase Koperasi Aktif Kota Batam", "Tahun 2016 – 2020"], tahun, [
        Baris("Jumlah koperasi", "stat", "ST-KOP"),
        Baris("Jumlah koperasi aktif", "stat", "ST-KOP-AKTIF"),
        Baris("Persentase koperasi aktif", "bagi", fmt=F_PERSEN, a=1, b=0),
    ], ruang_grafik=22)
    c0, c1 = 3, 2 + len(tahun)
    g = k.wb.add_chart({"type": "column"})
    for i, warna in ((0, "#A5A5A5"), (1, "#4472C4")):
        g.add_series({
            "name": [ws.name, pos[i], 2],
            "categories": [ws.name, BARIS_KEPALA, c0, BARIS_KEPALA, c1],
            "values": [ws.name, pos[i], c0, pos[i], c1],
            "fill": {"color": warna},
            "data_labels": {"value": True, "num_format": F_ANGKA, "font": {"size": 8}},
        })
    garis = k.wb.add_chart({"type": "line"})
    garis.add_series({
        "name": [ws.name, pos[2], 2],
        "categories": [ws.name, BARIS_KEPALA, c0, BARIS_KEPALA, c1],
        "values": [ws.name, pos[2], c0, pos[2], c1],
        "y2_axis": True,
        "line": {"color": "#ED7D31", "width": 2.25},
        "marker": {"type": "circle", "size": 6, "fill": {"color": "#ED7D31"},
                   "border": {"color": "#ED7D31"}},
        # labels above the line on a white box, and the line kept in the band between
        # the short and the tall columns (secondary axis 0-60%), so no label lies on a
        # column, another label or the line
        "data_labels": {"value": True, "num_format": F_PERSEN, "position": "above",
                        "font": {"size": 8, "color": "#C55A11", "bold": True},
                        "fill": {"color": "#FFFFFF"}, "border": {"color": "#ED7D31"}},
    })
    g.combine(garis)
    g.set_title({"name": "Koperasi dan Koperasi Aktif Kota Batam 2016–2020",
                 "name_font": {"size": 12}})
    g.set_legend({"position": "bottom"})
    g.set_y_axis({"num_format": F_ANGKA, "name": "koperasi",
                  "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    garis.set_y2_axis({"num_format": "0%", "min": 0, "max": 0.6, "name": "persen aktif"})
    g.set_x_axis({"num_format": F_TAHUN})
    ws.insert_chart(pos[2] + 3, 2, g, {"x_scale": k.skala_grafik(ws, 2, c1), "y_scale": 1.2,
                                       "x_offset": 8})


def tabel_2_3(k: Konteks) -> None:
    tahun = [2016, 2017, 2018, 2019, 2020]
    tabel_tahun(k, "Tabel 2.3", [
        "Tabel 2.3", "Rasio Volume Usaha Koperasi Aktif Terhadap Jumlah Koperasi Aktif "
        "Kota Batam", "Tahun 2016 – 2020"], tahun, [
        Baris("Jumlah koperasi aktif", "stat", "ST-KOP-AKTIF"),
        Baris("Volume usaha koperasi aktif (Rp)", "stat", "ST-KOP-VOLUME"),
        Baris("Rasio volume usaha terhadap jumlah koperasi aktif (Rp per koperasi)", "bagi",
              a=1, b=0),
    ], lanskap=True)


def tabel_2_4(k: Konteks) -> None:
    tahun = [2017, 2018, 2019, 2020]
    ws, pos = tabel_tahun(k, "Tabel 2.4", [
        "Tabel 2.4", "Persentase Usaha Mikro Kota Batam", "Tahun 2017 – 2020"], tahun, [
        Baris("Jumlah usaha mikro", "stat", "ST-UM"),
        Baris("Pertambahan usaha mikro (dihitung dari jumlah tahun sebelumnya)", "selisih",
              a=0),
        Baris("Persentase usaha mikro yang dibina", "stat", "ST-UM-PERSEN-BINA", F_PERSEN),
    ])
    k.catatan(ws, pos[2] + 2, 1,
              "Catatan: pertambahan dihitung dari jumlah usaha mikro; angka pertambahan yang "
              "ditulis bidang (deret ST-UM-TAMBAH) dicocokkan di lembar Pemeriksaan.")


# --- Tabel 2.5 ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """One row of Tabel 2.5: an indicator (Kode IK-..., read from Data Indikator:
    realisation of the baseline year, targets after it) or a Data Statistik series
    whose baseline comes from `kode` and whose targets come from `kode_target`."""

    label: str
    satuan: str
    kode: str
    kode_target: str
    fmt: str


TARGET_2_5 = (
    (Target("Pertumbuhan omzet koperasi dan usaha mikro", "%", "IK-SEK-01", "IK-SEK-01",
            F_PERSEN),
     Target("Omzet koperasi dan usaha mikro", "Rp", "ST-OMZET", "ST-OMZET-TGT", F_ANGKA)),
    (Target("Pertumbuhan omzet koperasi", "%", "IK-KOP-03", "IK-KOP-03", F_PERSEN),
     Target("Omzet koperasi", "Rp", "ST-KOP-VOLUME", "ST-KOP-OMZET-TGT", F_ANGKA)),
    (Target("Pertumbuhan omzet usaha mikro", "%", "IK-UM-04", "IK-UM-04", F_PERSEN),
     Target("Omzet usaha mikro", "Rp", "ST-UM-OMZET", "ST-UM-OMZET-TGT", F_ANGKA)),
    (Target("Pertumbuhan koperasi aktif", "%", "IK-KOP-04", "IK-KOP-04", F_PERSEN),
     Target("Jumlah koperasi aktif", "koperasi", "ST-KOP-AKTIF", "ST-KOP-AKTIF-TGT", F_ANGKA)),
    (Target("Pertumbuhan koperasi yang melaksanakan RAT", "%", "IK-KES-01", "IK-KES-01",
            F_PERSEN),
     Target("Jumlah koperasi yang melaksanakan RAT", "koperasi", "ST-KOP-RAT",
            "ST-KOP-RAT-TGT", F_ANGKA)),
    (Target("Pertumbuhan jumlah koperasi terdaftar (aktif dan tidak aktif)", "%", "IK-KOP-05",
            "IK-KOP-05", F_PERSEN),
     Target("Jumlah koperasi terdaftar", "koperasi", "ST-KOP", "ST-KOP-TGT", F_ANGKA)),
    (Target("Persentase koperasi yang diperiksa dan diawasi", "%", "IK-USP-01", "IK-USP-01",
            F_PERSEN),
     Target("Jumlah koperasi yang diperiksa dan diawasi", "koperasi", "ST-KOP-DIPERIKSA",
            "ST-KOP-DIPERIKSA-TGT", F_ANGKA)),
)
PROYEKSI_SETELAH = "ST-KOP-VOLUME"  # the projection rows follow the cooperative turnover


def tabel_2_5(k: Konteks) -> None:
    """Renstra targets 2021-2026 with the 2020 baseline, and the cooperative turnover
    projected from its baseline with the yearly growth targets (PROYEKSI), next to the
    printed targets it should reproduce."""
    ws = k.wb.add_worksheet("Tabel 2.5")
    tahun = list(range(2021, 2027))
    # columns: A kode (baseline) | B kode (target) | C No | D Indikator | E Satuan |
    # F baseline 2020 | G..L 2021..2026
    c_base, c0 = 5, 6
    c_akhir = c0 + len(tahun) - 1
    k.judul(ws, 2, c_akhir, ["Tabel 2.5", "Target Kinerja", "Tahun 2021 – 2026"])
    r1, r2 = 4, 5
    k.kolom_kode(ws, r2, "Kode (baseline)")
    ws.write_string(r2, 1, "Kode (target)", k.gaya(italic=True, font_color=WARNA_KODE,
                                                   font_size=9, valign="vcenter"))
    k.kolom(ws, 1, 1, 18, k.kode())
    k.kolom(ws, 2, 2, 5)
    k.kolom(ws, 3, 3, 44)
    k.kolom(ws, 4, 4, 10)
    k.kolom(ws, c_base, c_akhir, 19)
    for c, teks in ((2, "No."), (3, "Indikator Sasaran"), (4, "Satuan")):
        ws.merge_range(r1, c, r2, c, teks, k.kepala())
    ws.write_string(r1, c_base, "Baseline", k.kepala())
    ws.write_number(r2, c_base, 2020, k.kepala(num_format=F_TAHUN))
    ws.merge_range(r1, c0, r1, c_akhir, "Target Kinerja pada Tahun ke-", k.kepala())
    for j, t in enumerate(tahun):
        ws.write_number(r2, c0 + j, t, k.kepala(num_format=F_TAHUN))

    r = r2 + 1
    for no, kelompok in enumerate(TARGET_2_5, start=1):
        for i, tg in enumerate(kelompok):
            ws.write_string(r, 0, tg.kode)
            ws.write_string(r, 1, tg.kode_target)
            if i == 0:
                ws.write_number(r, 2, no, k.sel_tabel(align="center"))
            else:
                ws.write_blank(r, 2, None, k.sel_tabel())
            k.teks(ws, r, 3, tg.label, k.sel_tabel(text_wrap=True, indent=i), indent=i)
            ws.write_string(r, 4, tg.satuan, k.sel_tabel(align="center"))
            ka, kt = sel(r, 0, kolom_tetap=True), sel(r, 1, kolom_tetap=True)
            th_base = sel(r2, c_base, baris_tetap=True)
            tanda = tanda_ind if tg.kode.startswith("IK-") else tanda_stat
            if tg.kode.startswith("IK-"):
                base = ind("realisasi", ka, th_base)
            else:
                base = stat(ka, th_base)
            k.rumus(ws, r, c_base, "=" + base, k.sel_tabel(tg.fmt))
            k.tandai(ws, r, c_base, tanda(ka, th_base), tg.fmt)
            for j in range(len(tahun)):
                th = sel(r2, c0 + j, baris_tetap=True)
                teks = ind("target", kt, th) if tg.kode.startswith("IK-") else stat(kt, th)
                k.rumus(ws, r, c0 + j, "=" + teks, k.sel_tabel(tg.fmt))
                k.tandai(ws, r, c0 + j, tanda(kt, th), tg.fmt)
            r += 1
            if tg.kode == PROYEKSI_SETELAH:  # the rate is the indicator row above
                r = _proyeksi(k, ws, r, r - 1, r - 2, c_base, c0, c_akhir)
    r_akhir = r - 1
    k.catatan(ws, r + 1, 2, SUMBER_DINAS + f" (Renstra 2021–2026). {TANDA} Angka bertanda: "
              "lihat lembar Pemeriksaan (kolom Periksa lembar Data Indikator/Data Statistik).")
    k.catatan(ws, r + 2, 2,
              "Proyeksi: omzet tahun sebelumnya × (1 + target pertumbuhan tahun itu), dihitung "
              "tanpa pembulatan antara dan ditampilkan dalam rupiah penuh.")
    k.redupkan_kata(ws, f"{sel(r2 + 1, c_base)}:{sel(r_akhir, c_akhir)}")
    ws.freeze_panes(r2 + 1, c_base)
    cetak(ws, (0, 2, r + 2, c_akhir), (r1, r2), lanskap=True)


def _proyeksi(k: Konteks, ws: Worksheet, r: int, r_omzet: int, r_laju: int, c_base: int,
              c0: int, c_akhir: int) -> int:
    """Two computed rows under the turnover: the projection and its difference with the
    printed target (rounded to whole rupiah). Returns the next row."""
    ws.write_blank(r, 2, None, k.sel_tabel())
    k.teks(ws, r, 3, "Proyeksi omzet koperasi (baseline × (1 + target pertumbuhan))",
           k.sel_tabel(text_wrap=True, indent=2, italic=True), indent=2)
    ws.write_string(r, 4, "Rp", k.sel_tabel(align="center"))
    k.rumus(ws, r, c_base, f"={sel(r_omzet, c_base)}", k.sel_tabel(F_ANGKA, italic=True))
    for c in range(c0, c_akhir + 1):
        awal, laju = sel(r, c - 1), sel(r_laju, c)
        teks = (f"=IF(AND(ISNUMBER({awal}),ISNUMBER({laju})),"
                f"{kinerja(f'PROYEKSI({awal},{laju})')},{belum(awal, laju)})")
        k.rumus(ws, r, c, teks, k.sel_tabel(F_ANGKA, italic=True))
    r += 1
    ws.write_blank(r, 2, None, k.sel_tabel())
    k.teks(ws, r, 3, "Selisih target Renstra − proyeksi (dibulatkan ke rupiah)",
           k.sel_tabel(text_wrap=True, indent=2, italic=True), indent=2)
    ws.write_string(r, 4, "Rp", k.sel_tabel(align="center"))
    ws.write_blank(r, c_base, None, k.sel_tabel())
    for c in range(c0, c_akhir + 1):
        t, p = sel(r_omzet, c), sel(r - 1, c)
        teks = f"=IF(AND(ISNUMBER({t}),ISNUMBER({p})),{t}-ROUND({p},0),{belum(t, p)})"
        k.rumus(ws, r, c, teks, k.sel_tabel(F_ANGKA, italic=True))
    return r + 1


def tulis(k: Konteks) -> None:
    for f in (tabel_2_1, tabel_2_2, tabel_2_3, tabel_2_4, tabel_2_5):
        f(k)
