"""Benchmark: computing a workbook with `addin.mesin.hitung_buku`, Kinerja's functions
against the same number of standard formulas, in the same run.

    python bench/bench_hitung.py [rows ...]

For each row count (default 100 and 250) it builds two workbooks of rows x 4
formulas: one with CAPAIAN, PREDIKAT, SERAPAN and TERBILANG, one with standard
formulas of similar work (division, IF, TEXT). It prints the best of 3 times of
hitung_buku (load a stripped copy, link, calculate, collect) and the ratio
Kinerja / standard: the cost of our registration and value conversion on top of
the `formulas` engine, which dominates.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from addin import mesin  # noqa: E402


def buat(path: Path, baris: int, kinerja: bool) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Tabel 3.5")
    for i in range(2, baris + 2):
        ws.write_row(f"A{i}", [1000 + i, 500 + i, 9.9e9, 8.1e9 + i])
        if kinerja:
            rumus = [f"=CAPAIAN(B{i},A{i})", f"=PREDIKAT(E{i})", f"=SERAPAN(D{i},C{i})",
                     f'=TERBILANG(D{i},"rupiah")']
        else:
            rumus = [f"=B{i}/A{i}", f'=IF(E{i}>0.9,"Sangat Tinggi","Rendah")',
                     f"=D{i}/C{i}", f'=TEXT(D{i},"0")']
        for kolom, r in zip("EFGH", rumus, strict=True):
            ws.write_formula(f"{kolom}{i}", r)
    wb.close()
    return path


def terbaik(path: Path, ulang: int = 3) -> float:
    mesin.hitung_buku(path)  # warm-up: imports, registration
    waktu = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        mesin.hitung_buku(path)
        waktu.append(time.perf_counter() - t0)
    return min(waktu)


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as d:
        for baris in [int(a) for a in argv] or [100, 250]:
            t_std = terbaik(buat(Path(d) / f"std{baris}.xlsx", baris, False))
            t_kin = terbaik(buat(Path(d) / f"kin{baris}.xlsx", baris, True))
            print(f"{baris * 4:5d} rumus | standar {t_std:6.2f} s | Kinerja {t_kin:6.2f} s | "
                  f"rasio Kinerja/standar {t_kin / t_std:4.2f} | "
                  f"{t_kin / (baris * 4) * 1e3:5.2f} ms per rumus")


if __name__ == "__main__":
    main(sys.argv[1:])
