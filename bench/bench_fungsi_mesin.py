"""The engine functions Kinerja replaces (addin/kriteria.py: SUMIFS, COUNTIFS, ...;
addin/indeks.py: INDEX) against the `formulas` library's own, where users meet them:
writing the shipped master (workbooks/LKjIP-2021.xlsx), whose report formulas look up
and sum the data sheets, with N rows in each data sheet (the bundled example's rows
repeated, numbers varied). Each size is written alternately with the library's
functions and with Kinerja's, in this process; it prints the medians, their ratio and
whether both wrote the same bytes.

Usage: python bench/bench_fungsi_mesin.py [--baris 80 1000 3000] [--ulang 3]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from formulas.functions import get_functions  # noqa: E402

TABEL = get_functions()
PUSTAKA = dict(TABEL)  # the library's own table, before Kinerja registers anything

import workbooks  # noqa: E402
from addin import indeks, kriteria, mesin  # noqa: E402
from sync.induk.lembar_lama import baca_lembar_milik  # noqa: E402
from sync.model import skema  # noqa: E402
from sync.tulis.berkas import tulis_berkas  # noqa: E402

mesin.daftarkan()
KINERJA = dict(TABEL)
DIGANTI = [n for n in KINERJA if n in PUSTAKA and KINERJA[n] is not PUSTAKA[n]]


def rencana(induk: Path, baris: int) -> skema.Rencana:
    """The master's own sheets, each data sheet's rows repeated up to `baris`."""
    lama = baca_lembar_milik(induk)
    r = skema.Rencana()
    r.lembar = {k: lama.get(k, []) for k in skema.NAMA_LEMBAR_MILIK}
    acak = random.Random(7)
    for nama in ("Data Indikator", "Data Anggaran"):
        asal = [list(b) for b in zip(*lama[nama].kolom, strict=True)]
        isi = []
        while len(isi) < baris:
            for b in asal:
                isi.append([round(v * acak.uniform(0.5, 1.5), 2)
                            if isinstance(v, float) and acak.random() < 0.5 else v for v in b])
        r.lembar[nama] = isi[:baris]
    return r


def tulis(folder: Path, baris: int, pustaka: bool) -> tuple[float, str]:
    """(seconds, MD5 of the written package) of one write with the chosen functions."""
    TABEL.update({n: (PUSTAKA if pustaka else KINERJA)[n] for n in DIGANTI})
    asli = kriteria.pasang, indeks.pasang
    if pustaka:  # mesin.daftarkan (run by every refresh) must not put Kinerja's back
        kriteria.pasang = indeks.pasang = lambda tabel: []
    try:
        induk = folder / f"induk-{baris}-{int(pustaka)}.xlsx"
        shutil.copyfile(workbooks.INDUK, induk)
        r = rencana(induk, baris)
        t = time.perf_counter()
        tulis_berkas(induk, r, cadangan=1)
        detik = time.perf_counter() - t
    finally:
        kriteria.pasang, indeks.pasang = asli
        TABEL.update({n: KINERJA[n] for n in DIGANTI})
    z = zipfile.ZipFile(induk)
    md5 = hashlib.md5(b"".join(z.read(n) for n in sorted(z.namelist()))).hexdigest()
    return detik, md5


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--baris", type=int, nargs="+", default=[80, 1000, 3000])
    p.add_argument("--ulang", type=int, default=3)
    a = p.parse_args()
    print(f"replaced: {', '.join(sorted(DIGANTI))}")
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-fungsi-") as d:
        for baris in a.baris:
            waktu = {True: [], False: []}
            md5 = {}
            for _ in range(a.ulang):
                for pustaka in (True, False):
                    detik, md5[pustaka] = tulis(Path(d), baris, pustaka)
                    waktu[pustaka].append(detik)
            lib, kita = statistics.median(waktu[True]), statistics.median(waktu[False])
            print(f"{baris:>6} rows per data sheet: library {lib:6.2f} s, Kinerja {kita:6.2f} s"
                  f" -> {lib / kita:4.2f}x faster; same bytes: {md5[True] == md5[False]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
