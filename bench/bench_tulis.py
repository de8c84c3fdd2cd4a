"""Benchmark: the file writer's time does not depend on the sheets it leaves alone.

    python bench/bench_tulis.py [rows_per_untouched_sheet]

Builds two masters that differ only in the size of 20 untouched report sheets
(10 rows each, against N rows x 10 columns each; default N = 5,000), then
writes the same plan of 2,000 data rows into the owned sheets of each (the
whole tulis_berkas: read, rebuild, backup, atomic write) and, separately, the
pure core `susun`. Prints the best of 5 times and the ratio large/small: near 1
for the core, because untouched parts are copied as stored bytes; the whole write
also reads, backs up and fsyncs the file, which grows with its size. Beside
them, an openpyxl load + save of the large master (what the writer avoids), as a
ratio against our write.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.model.skema import LEMBAR_MILIK, Rencana  # noqa: E402
from sync.tulis.berkas import tulis_berkas  # noqa: E402
from sync.tulis.susun import susun  # noqa: E402

LEMBAR_LAIN = 20
BARIS_PLAN = 2000


def buat_induk(path: Path, baris: int) -> Path:
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for s in range(LEMBAR_LAIN):
        ws = wb.add_worksheet(f"Tabel {s + 1}")
        for r in range(baris):
            ws.write_row(r, 0, [f"Uraian {r}", r, r * 1.5, f"=B{r + 1}*C{r + 1}", "teks",
                                r % 7, r / 3, "lain", r * 2, f"=SUM(B{r + 1}:C{r + 1})"])
    wb.close()
    return path


def rencana() -> Rencana:
    """2,000 rows in all, spread over the five owned sheets."""
    per = BARIS_PLAN // len(LEMBAR_MILIK)
    return Rencana({lm.nama: [[f"{lm.nama} {i} {j}" if j % 2 else i * 1.25 + j
                               for j in range(len(lm.kolom))] for i in range(per)]
                    for lm in LEMBAR_MILIK})


def terbaik(fungsi, ulang: int = 5) -> float:
    waktu = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        fungsi()
        waktu.append(time.perf_counter() - t0)
    return min(waktu)


def waktu_tulis(induk: Path, p: Rencana) -> float:
    kerja = induk.with_name("kerja-" + induk.name)

    def sekali():
        tulis_berkas(kerja, p, cadangan=1)

    shutil.copyfile(induk, kerja)
    sekali()  # first write adds the owned sheets; the timed ones rewrite them
    return terbaik(sekali)


def waktu_susun(induk: Path, p: Rencana) -> float:
    data = susun(induk.read_bytes(), p).data  # owned sheets present, as in waktu_tulis
    return terbaik(lambda: susun(data, p))


def waktu_openpyxl(induk: Path) -> float:
    keluar = induk.with_name("openpyxl-" + induk.name)
    return terbaik(lambda: openpyxl.load_workbook(induk).save(keluar), ulang=1)


def main(argv: list[str]) -> None:
    besar = int(argv[0]) if argv else 5000
    p = rencana()
    with tempfile.TemporaryDirectory() as d:
        kecil_f = buat_induk(Path(d) / "kecil.xlsx", 10)
        besar_f = buat_induk(Path(d) / "besar.xlsx", besar)
        s_kecil = waktu_susun(kecil_f, p)
        s_besar = waktu_susun(besar_f, p)
        t_kecil = waktu_tulis(kecil_f, p)
        t_besar = waktu_tulis(besar_f, p)
        t_opx = waktu_openpyxl(besar_f)
        mb = besar_f.stat().st_size / 1e6
        print(f"{BARIS_PLAN} baris ke lembar milik; {LEMBAR_LAIN} lembar lain")
        print(f"{'':32s}{'susun (inti)':>14s}{'tulis_berkas':>14s}")
        print(f"{'  lembar lain 10 baris':32s}{s_kecil * 1e3:11.1f} ms{t_kecil * 1e3:11.1f} ms")
        print(f"{f'  lembar lain {besar:,} baris ({mb:.1f} MB)':32s}"
              f"{s_besar * 1e3:11.1f} ms{t_besar * 1e3:11.1f} ms")
        print(f"{'  rasio besar/kecil':32s}{s_besar / s_kecil:14.2f}{t_besar / t_kecil:14.2f}")
        print(f"  openpyxl load+save (besar)  : {t_opx * 1e3:8.1f} ms "
              f"({t_opx / t_besar:.0f}x penulis Kinerja)")


if __name__ == "__main__":
    main(sys.argv[1:])
