"""End-to-end consolidation benchmark: ours vs what a user would write vs the floor.

40 bidang sources x (2,000 indicator rows + 2,000 budget rows) into a master that
also carries 20 large untouched sheets. In one run it times:

- ours: `sync.konsolidasi.konsolidasi` (read with calamine, parse, validate, audit,
  plan, zip-surgery write with backup);
- baseline: pandas.read_excel(engine="openpyxl") per source, then openpyxl
  load + write the rows + save of the master (which also loses what docs/dev/design.md lists);
- floor: reading the sources with calamine plus copying the master's zip;
- ours again into the master the first run filled (the usual re-run, same sources);
- the write alone into the same master with 20 small untouched sheets, to show
  the write does not depend on the untouched sheets' size.

Figures are ratios against the baseline and floor measured beside them (the
machines are noisy). Usage: python bench/bench_konsolidasi.py [--bidang 40] [--baris 2000]

The generated files are the same bytes every time (a fixed creation time, the sources
named relative to the master), so the output is too for a fixed consolidation time:
`--md5` prints the MD5 of the first run's and the re-run's output instead of timing
(the golden record, tests/emas.py, keeps the same at a small scale).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.model import skema  # noqa: E402

# xlsxwriter stamps the creation time in docProps/core.xml unless it is given
DIBUAT = dt.datetime(2022, 1, 3, 8, 0, 0)
# the consolidation's time and user for --md5: Riwayat then repeats (no duration either)
WAKTU = dt.datetime(2022, 1, 31, 9, 30, 15)
PENGGUNA = "bench"


def _buku(path: Path) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    wb.set_properties({"created": DIBUAT})
    return wb


def buat_sumber(path: Path, i: int, baris: int) -> None:
    wb = _buku(path)
    ws = wb.add_worksheet("Indikator")
    ws.write_row(0, 0, [f"Data Indikator — Bidang {i:02d}"])
    ws.write_row(2, 0, [k.judul for k in skema.INDIKATOR.kolom])
    for r in range(baris):
        tahun = 2016 + r % 6
        ws.write_row(3 + r, 0, [f"IK-{i:02d}-{r // 6:04d}", f"Indikator {r // 6} bidang {i}",
                                "orang", "positif", "kumulatif", tahun, 100 + r % 50,
                                20, 25, 30, 10 + r % 7, 85 + r % 7, None])
    ws = wb.add_worksheet("Anggaran")
    ws.write_row(2, 0, [k.judul for k in skema.ANGGARAN.kolom])
    for r in range(baris):
        ws.write_row(3 + r, 0, [f"2.17.{i:02d}.1.{r // 99:02d}.{r % 99:02d}", "PROGRAM",
                                "Kegiatan", f"Sub kegiatan {r}", 2021, 1_000_000 + r,
                                100_000, 200_000, 300_000, 250_000 + r % 11,
                                850_000 + r % 11, 0.85])
    ws = wb.add_worksheet("Statistik")
    ws.write_row(0, 0, ["Kode", "Uraian", "Satuan", "Rumus", "Acuan", 2019, 2020, 2021])
    ws.write_row(1, 0, [f"ST-{i:02d}", "Deret", "unit", None, None, 1, 2, 3])
    wb.close()


def buat_induk(path: Path, sumber: list[Path], baris_arsip: int, lembar: int = 20) -> None:
    """A master with Pengaturan, empty owned sheets and `lembar` untouched sheets of
    `baris_arsip` rows each. Sources beside the master are named relative to it
    (the engine resolves them against the master's folder), so the bytes do not depend
    on the folder."""
    wb = _buku(path)
    ws = wb.add_worksheet("Pengaturan")
    ws.write_row(0, 0, ["Tahun Laporan", 2021])
    ws.write_row(2, 0, ["Bidang", "Singkatan", "Alamat", "Aktif"])
    for r, p in enumerate(sumber):
        alamat = p.name if p.parent == path.parent else str(p)
        ws.write_row(3 + r, 0, [f"Bidang {r:02d}", f"B{r:02d}", alamat, "ya"])
    for i in range(lembar):
        ws = wb.add_worksheet(f"Arsip {i:02d}")
        for r in range(baris_arsip):
            ws.write_row(r, 0, [r, f"teks {r}", r * 1.5, "arsip kantor", r % 7, r * 3,
                                "catatan", r / 7, r * 11, "x"])
    for lembar in skema.LEMBAR_MILIK:
        wb.add_worksheet(lembar.nama).write_row(0, 0, lembar.judul)
    wb.close()


def waktu(f) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def ours(induk: Path) -> float:
    from sync.konsolidasi import konsolidasi

    def jalan():
        h = konsolidasi(induk, cadangan=1)
        assert h.ditulis, h.pesan
    return waktu(jalan)


def salin_saja(induk: Path, kerja: Path) -> float:
    """The part of a write that grows with the file whatever the writer does: reading
    the master and writing it twice with fsync (the backup and the result)."""
    def jalan():
        data = induk.read_bytes()
        for tujuan in (kerja, kerja.with_suffix(".cadangan.xlsx")):
            with open(tujuan, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
    return waktu(jalan)


def baseline(induk: Path, sumber: list[Path], keluaran: Path) -> float:
    import openpyxl
    import pandas as pd

    def jalan():
        ind, ang = [], []
        for p in sumber:
            t = pd.read_excel(p, sheet_name=["Indikator", "Anggaran"], header=2,
                              engine="openpyxl")
            ind.append(t["Indikator"])
            ang.append(t["Anggaran"])
        ind_df, ang_df = pd.concat(ind), pd.concat(ang)
        wb = openpyxl.load_workbook(induk)
        for nama, df in (("Data Indikator", ind_df), ("Data Anggaran", ang_df)):
            ws = wb[nama]
            for row in df.itertuples(index=False):
                ws.append([None if pd.isna(v) else v for v in row])
        wb.save(keluaran)
    return waktu(jalan)


def lantai(induk: Path, sumber: list[Path], keluaran: Path) -> float:
    import python_calamine

    def jalan():
        for p in sumber:
            buku = python_calamine.CalamineWorkbook.from_path(str(p))
            for nama in ("Indikator", "Anggaran", "Statistik"):
                buku.get_sheet_by_name(nama).to_python(skip_empty_area=False)
        shutil.copyfile(induk, keluaran)
    return waktu(jalan)


def tulis_saja(induk: Path) -> float:
    """The file writer alone, with a plan of 2 x bidang x rows rows."""
    from sync.induk.lembar_lama import baca_lembar_milik
    from sync.tulis.berkas import tulis_berkas

    rencana = skema.Rencana()
    lama = baca_lembar_milik(induk)
    rencana.lembar = {n: lama.get(n, []) for n in skema.NAMA_LEMBAR_MILIK}
    rencana.lembar["Data Anggaran"] = [["Bidang", f"K{r}", "P", "K", "S", 2021, 1e6 + r, None,
                                        None, None, None, 9e5, 0.9, "Anggaran!A4"]
                                       for r in range(80_000)]
    return waktu(lambda: tulis_berkas(induk, rencana, cadangan=1))


def siapkan(folder: Path, bidang: int, baris: int, lembar: int = 20,
            baris_arsip: int = 20_000,
            kecil: bool = True) -> tuple[list[Path], Path, Path | None]:
    """The sources and the masters (untouched sheets of `baris_arsip` rows, and of 20 rows
    if `kecil`) in `folder`, made only if missing."""
    folder.mkdir(parents=True, exist_ok=True)
    sumber = [folder / f"bidang-{i:02d}.xlsx" for i in range(bidang)]
    for i, p in enumerate(sumber):
        if not p.exists():
            buat_sumber(p, i, baris)
    induk_besar = folder / "induk-besar.xlsx"
    if not induk_besar.exists():
        buat_induk(induk_besar, sumber, baris_arsip, lembar)
    induk_kecil = folder / "induk-kecil.xlsx" if kecil else None
    if induk_kecil and not induk_kecil.exists():
        buat_induk(induk_kecil, sumber, 20, lembar)
    return sumber, induk_besar, induk_kecil


def jalan_tetap(induk: Path, waktu: dt.datetime = WAKTU, pengguna: str = PENGGUNA):
    """The first run into a copy of `induk` and the re-run into the master it filled, at a
    fixed time and user and with no backup, so the output is the same bytes every time.
    Returns the two results and the two written files (pertama.xlsx, ulang.xlsx beside
    `induk`)."""
    from sync.konsolidasi import konsolidasi

    pertama, ulang = induk.with_name("pertama.xlsx"), induk.with_name("ulang.xlsx")
    hasil = []
    for dari, ke in ((induk, pertama), (pertama, ulang)):
        h = konsolidasi(dari, keluaran=ke, cadangan=0, waktu=waktu, pengguna=pengguna)
        assert h.ditulis, h.pesan
        hasil.append(h)
    return hasil, (pertama, ulang)


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def main() -> int:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--bidang", type=int, default=40)
    a.add_argument("--baris", type=int, default=2000)
    a.add_argument("--folder", help="keep the generated files here")
    a.add_argument("--ulang", type=int, default=3, help="repetitions of ours and the floor")
    a.add_argument("--md5", action="store_true",
                   help="print the MD5 of the output (first run, re-run) at a fixed time "
                        "instead of timing")
    args = a.parse_args()
    folder = Path(args.folder or tempfile.mkdtemp(prefix="bench-konsolidasi-"))
    t = time.perf_counter()
    sumber, induk_besar, induk_kecil = siapkan(folder, args.bidang, args.baris,
                                               kecil=not args.md5)
    print(f"{args.bidang} sumber x {args.baris} baris indikator + {args.baris} baris "
          f"anggaran; induk {induk_besar.stat().st_size / 1e6:.1f} MB "
          f"(20 lembar besar); disiapkan dalam {time.perf_counter() - t:.1f} s")
    if args.md5:
        masukan = hashlib.md5("".join(md5(p) for p in [*sumber, induk_besar]).encode())
        _, (pertama, ulang) = jalan_tetap(induk_besar)
        print(f"md5 masukan (sumber + induk) {masukan.hexdigest()}")
        print(f"md5 hasil pertama            {md5(pertama)}")
        print(f"md5 hasil ulang              {md5(ulang)}")
        return 0

    kerja = folder / "kerja.xlsx"
    induk_isi = folder / "induk-isi.xlsx"  # the master after a first consolidation
    if not induk_isi.exists():
        shutil.copyfile(induk_besar, induk_isi)
        ours(induk_isi)
    # ours and the floor alternate, three times each, and the medians are compared:
    # the machines are noisy (shared CPUs, fsync latency)
    t_ours, t_floor, t_ulang, t_tulis_besar, t_tulis_kecil = [], [], [], [], []
    t_salin_besar, t_salin_kecil = [], []
    for _ in range(args.ulang):
        shutil.copyfile(induk_besar, kerja)
        t_ours.append(ours(kerja))
        t_floor.append(lantai(induk_besar, sumber, folder / "lantai.xlsx"))
        shutil.copyfile(induk_isi, kerja)
        t_ulang.append(ours(kerja))
        shutil.copyfile(induk_besar, kerja)
        t_tulis_besar.append(tulis_saja(kerja))
        shutil.copyfile(induk_kecil, kerja)
        t_tulis_kecil.append(tulis_saja(kerja))
        t_salin_besar.append(salin_saja(induk_besar, kerja))
        t_salin_kecil.append(salin_saja(induk_kecil, kerja))
    t_ours, t_floor = statistics.median(t_ours), statistics.median(t_floor)
    t_ulang = statistics.median(t_ulang)
    t_tulis_besar = statistics.median(t_tulis_besar)
    t_tulis_kecil = statistics.median(t_tulis_kecil)
    t_base = baseline(induk_besar, sumber, folder / "baseline.xlsx")

    print(f"median dari {args.ulang} kali untuk kinerja, lantai dan tulis; baseline 1 kali")
    print(f"kinerja (ujung ke ujung)   {t_ours:8.2f} s")
    print(f"baseline pandas+openpyxl   {t_base:8.2f} s   -> kinerja {t_base / t_ours:5.1f}x "
          "lebih cepat (target >= 10x)")
    print(f"lantai calamine+salin zip  {t_floor:8.2f} s   -> kinerja {t_ours / t_floor:5.2f}x "
          "lantai (target <= 2x)")
    print(f"kinerja lagi, induk berisi {t_ulang:8.2f} s   -> {t_ulang / t_floor:5.2f}x lantai "
          "(jalankan ulang ke induk yang sudah berisi data)")
    print(f"tulis saja, 20 lembar besar {t_tulis_besar:7.2f} s; 20 lembar kecil "
          f"{t_tulis_kecil:.2f} s  -> rasio {t_tulis_besar / t_tulis_kecil:4.2f} "
          "(1 = tidak bergantung pada lembar lain)")
    salin_besar, salin_kecil = statistics.median(t_salin_besar), statistics.median(t_salin_kecil)
    print(f"  dari itu, menyalin berkasnya saja (cadangan + hasil, fsync): besar "
          f"{salin_besar:.2f} s, kecil {salin_kecil:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
