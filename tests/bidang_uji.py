"""Build small bidang workbooks for tests, clean or deliberately messy.

A tab is given as rows of cells from its header row down; options add title
rows, hidden rows, merged two-row headers, formulas with cached values and
error cells, the way real office sheets arrive.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from sync.model import skema

JUDUL = {tab.nama: [k.judul for k in tab.kolom] for tab in skema.TABS}


def indikator(kode="IK-01", nama="Jumlah koperasi aktif", satuan="koperasi", arah="positif",
              sifat="akhir", tahun=2021, target=None, tw=(None, None, None, None),
              realisasi=None, keterangan=None, rumus=None, acuan=None) -> list:
    return [kode, nama, satuan, arah, sifat, tahun, target, *tw, realisasi, keterangan,
            rumus, acuan]


def anggaran(kode="2.17.01.1.01.01", program="PROGRAM PENUNJANG", kegiatan="Administrasi",
             sub="Penyediaan Gaji", tahun=2021, pagu=None, tw=(None, None, None, None),
             realisasi=None, fisik=None) -> list:
    return [kode, program, kegiatan, sub, tahun, pagu, *tw, realisasi, fisik]


def statistik(kode, uraian, satuan, nilai: dict[int, object], rumus=None, acuan=None) -> list:
    return [kode, uraian, satuan, rumus, acuan, *nilai.values()]


def tulis_bidang(path: Path, *, bidang="Bidang Uji", indikator_rows=(), anggaran_rows=(),
                 statistik_rows=(), tahun_statistik=(2019, 2020, 2021), judul_atas=2,
                 judul: dict[str, list] | None = None, tersembunyi: dict[str, list[int]] = None,
                 rumus_sel: dict[str, dict[str, tuple[str, object]]] | None = None,
                 header_gabung: bool = False, nama_tab: dict[str, str] | None = None,
                 tanpa_tab: tuple[str, ...] = ()) -> Path:
    """Write a bidang workbook. rumus_sel: {tab: {"G5": ("=1/0", "#DIV/0!")}}."""
    wb = xlsxwriter.Workbook(str(path))
    tebal = wb.add_format({"bold": True})
    isi = {"Indikator": indikator_rows, "Anggaran": anggaran_rows, "Statistik": statistik_rows}
    for tab in skema.TABS:
        if tab.nama in tanpa_tab:
            continue
        ws = wb.add_worksheet((nama_tab or {}).get(tab.nama, tab.nama))
        for r in range(judul_atas):
            ws.write(r, 0, f"Data {tab.nama} — {bidang}" if r == 0 else f"Tahun {2021}")
        kepala = list((judul or {}).get(tab.nama, JUDUL[tab.nama]))
        if tab.tahun_kolom and not (judul and tab.nama in judul):
            kepala += [str(t) if i % 2 else t for i, t in enumerate(tahun_statistik)]
        r0 = judul_atas
        if header_gabung and tab.nama in ("Indikator", "Anggaran"):
            # two header rows: "Realisasi" merged over the quarters, the rest merged down
            tw_awal = kepala.index("Realisasi TW I")
            for c, h in enumerate(kepala):
                if tw_awal <= c < tw_awal + 4:
                    continue
                ws.merge_range(r0, c, r0 + 1, c, h, tebal)
            ws.merge_range(r0, tw_awal, r0, tw_awal + 3, "Realisasi", tebal)
            for i, tw in enumerate(skema.TRIWULAN):
                ws.write(r0 + 1, tw_awal + i, tw, tebal)
            r0 += 1
        else:
            ws.write_row(r0, 0, kepala, tebal)
        for i, baris in enumerate(isi[tab.nama]):
            for c, v in enumerate(baris):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(r0 + 1 + i, c, v)
                else:
                    ws.write(r0 + 1 + i, c, v)
        for alamat, (f, nilai) in ((rumus_sel or {}).get(tab.nama) or {}).items():
            ws.write_formula(alamat, f, None, nilai)
        for r in (tersembunyi or {}).get(tab.nama, []):
            ws.set_row(r, None, None, {"hidden": True})
    wb.close()
    return path
