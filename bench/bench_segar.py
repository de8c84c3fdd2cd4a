"""The refresh of stored formula values (sync/tulis/segar.py) against the rest of a consolidation.

First the whole CLI run of the quick start (`kinerja konsolidasi` from an empty folder,
each run in its own interpreter: imports, the examples copied, consolidation, refresh),
alternately with and without the refresh; then, in this process, two masters:
- the bundled example (workbooks/LKjIP-2021.xlsx, five example bidang): every report
  formula reads the owned sheets, so the formula engine runs;
- the 40-source bench master of bench_konsolidasi.py (20 large untouched sheets of
  values, no formula): only the cheap check that nothing reads the owned sheets runs,
  and the untouched sheets must keep their bytes.

For each it prints the refresh time as a ratio to the rest of the run, and the whole run
against the same run with the refresh turned off (what a run cost before the refresh),
measured in this process, and which route computed it (fast: addin/mesin_cepat.py; whole
engine: addin.mesin). With --alternatif it also times the routes side by side on the
example: the fast route, the whole `formulas` engine (load+compile vs calculate) and,
when installed, pycel (not a dependency: pip install pycel). Machines are noisy: run it
more than once and read the ratios.

Usage: python bench/bench_segar.py [--ulang 3] [--bidang 40] [--baris 2000] [--alternatif]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import workbooks  # noqa: E402
from sync.tulis import segar  # noqa: E402
from sync.tulis import susun as tb  # noqa: E402


class Jam:
    """Time spent in the refresh: the dependency check and the engine run."""

    def __init__(self):
        self.detik = 0.0
        self.jalur: set[str] = set()

    @contextmanager
    def pasang(self, aktif: bool = True):
        asli_cek, asli_segar = segar.membaca_milik, segar.segarkan

        def cek(*a, **k):
            t = time.perf_counter()
            try:
                return asli_cek(*a, **k) if aktif else False
            finally:
                self.detik += time.perf_counter() - t

        def hitung(*a, **k):
            t = time.perf_counter()
            try:
                h = asli_segar(*a, **k)
                self.jalur.add(h.jalur)
                return h
            finally:
                self.detik += time.perf_counter() - t

        tb.segar.membaca_milik, tb.segar.segarkan = cek, hitung
        try:
            yield self
        finally:
            tb.segar.membaca_milik, tb.segar.segarkan = asli_cek, asli_segar


def jalan(induk: Path, aktif: bool) -> tuple[float, float, set[str]]:
    """(whole run, refresh part, routes) of one consolidation into `induk`."""
    from sync.konsolidasi import konsolidasi

    jam = Jam()
    with jam.pasang(aktif):
        t = time.perf_counter()
        h = konsolidasi(induk, cadangan=1)
        total = time.perf_counter() - t
    assert h.ditulis, h.pesan
    return total, jam.detik, jam.jalur


def ukur(induk: Path, ulang: int) -> dict[str, object]:
    dengan, tanpa, bagian, jalur = [], [], [], set()
    for _ in range(ulang):
        total, segar_, j = jalan(induk, True)
        dengan.append(total)
        bagian.append(segar_)
        jalur |= j
        tanpa.append(jalan(induk, False)[0])
    return {"dengan": statistics.median(dengan), "segar": statistics.median(bagian),
            "tanpa": statistics.median(tanpa), "jalur": jalur}


def cetak(judul: str, u: dict[str, float]) -> None:
    sisa = u["dengan"] - u["segar"]
    print(f"{judul}: run {u['dengan']:.3f} s, refresh {u['segar']:.3f} s = "
          f"{u['segar'] / sisa:.2f}x the rest of the run; whole run "
          f"{u['dengan'] / u['tanpa']:.2f}x the run without refresh ({u['tanpa']:.3f} s); "
          f"route: {', '.join(sorted(u['jalur'] - {''})) or 'none (nothing reads the owned)'}")


# One `kinerja konsolidasi` quick start in a fresh interpreter, from an empty folder; with
# "tanpa" the refresh is turned off (nothing is seen to read the owned sheets).
# "penuh" forces the whole engine (the route before addin/mesin_cepat.py existed).
_CLI = """
import functools, sys
from sync.tulis import segar
if sys.argv[1] == "tanpa":
    segar.membaca_milik = lambda *a, **k: False
if sys.argv[1] == "penuh":
    segar.segarkan = functools.partial(segar.segarkan, cepat=False)
from sync.cli import main
sys.exit(main(["konsolidasi"]))
"""


def cli_dingin(ulang: int) -> dict[str, float]:
    """Whole CLI runs (interpreter start, imports, the examples copied, consolidation,
    refresh), each in its own process, alternating with and without the refresh."""
    akar = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": akar + os.pathsep + os.environ.get("PYTHONPATH", "")}
    waktu: dict[str, list[float]] = {"dengan": [], "penuh": [], "tanpa": []}
    for _ in range(ulang):
        for mode in waktu:
            with tempfile.TemporaryDirectory(prefix="kinerja-bench-cli-") as d:
                t = time.perf_counter()
                r = subprocess.run([sys.executable, "-c", _CLI, mode], cwd=d, env=env,
                                   capture_output=True, text=True)
                waktu[mode].append(time.perf_counter() - t)
                if r.returncode not in (0, 1):  # 1: findings to review, still written
                    raise SystemExit(f"kinerja konsolidasi gagal ({mode}): {r.stderr[-2000:]}")
    return {k: statistics.median(v) for k, v in waktu.items()}


def lembar_bagian(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")}


def alternatif(induk: Path) -> None:
    """The engines side by side on the consolidated example."""
    import formulas

    from addin import mesin, mesin_cepat

    mesin.daftarkan()
    with tempfile.TemporaryDirectory() as d:
        salinan = Path(d) / "induk.xlsx"
        mesin.salin_tanpa_awalan(induk, salinan)
        milik = {"DATA INDIKATOR", "DATA ANGGARAN", "DATA STATISTIK", "PEMERIKSAAN", "RIWAYAT"}
        t0 = time.perf_counter()
        h = mesin_cepat.hitung_cepat(salinan, milik)
        print(f"  fast route: {time.perf_counter() - t0:.2f} s for {h.rumus} formulas "
              f"({h.bentuk} compiled functions)")
        t0 = time.perf_counter()
        with mesin._tanpa_bilah_kemajuan():
            model = formulas.ExcelModel().loads(str(salinan)).finish()
        t1 = time.perf_counter()
        model.calculate()
        t2 = time.perf_counter()
        print(f"  formulas {formulas.__version__}: load+compile {t1 - t0:.2f} s, "
              f"calculate {t2 - t1:.2f} s")
        try:
            from pycel import ExcelCompiler
        except ImportError:
            print("  pycel: not installed (pip install pycel) - skipped")
            return
        import openpyxl

        _plugin_pycel()
        logging.disable(logging.WARNING)  # pycel logs every defined name it looks up
        t0 = time.perf_counter()
        xl = ExcelCompiler(filename=str(salinan), plugins=["kinerja_pycel"], cycles=False)
        wb = openpyxl.load_workbook(salinan)
        sel = [f"'{ws.title}'!{c.coordinate}" for ws in wb for r in ws.iter_rows()
               for c in r if c.data_type == "f"]
        t1 = time.perf_counter()
        gagal = 0
        for s in sel:
            try:
                xl.evaluate(s)
            except Exception:  # noqa: BLE001 - counted as not computed
                gagal += 1
        t2 = time.perf_counter()
        print(f"  pycel: load {t1 - t0:.2f} s, evaluate {len(sel)} cells {t2 - t1:.2f} s "
              f"({gagal} not computed)")


def _plugin_pycel() -> None:
    """Kinerja's functions for pycel (lower-case names; ranges arrive as tuples)."""
    import types

    import numpy as np

    from addin.galat import GalatExcel
    from addin.rumus import FUNGSI_EXCEL

    def bungkus(f):
        def g(*a):
            r = f(*(np.array(x, dtype=object) if isinstance(x, tuple) else x for x in a))
            r = r.reshape(-1)[0] if isinstance(r, np.ndarray) else r
            return r.kode if isinstance(r, GalatExcel) else ("" if r is None else r)
        return g

    modul = types.ModuleType("kinerja_pycel")
    for nama, f in FUNGSI_EXCEL.items():
        setattr(modul, nama.lower(), bungkus(f))
    sys.modules["kinerja_pycel"] = modul


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ulang", type=int, default=3)
    p.add_argument("--bidang", type=int, default=40)
    p.add_argument("--baris", type=int, default=2000)
    p.add_argument("--alternatif", action="store_true")
    a = p.parse_args()

    u = cli_dingin(a.ulang)
    print(f"bundled example, whole CLI run (quick start, own process, median of {a.ulang}): "
          f"without refresh {u['tanpa']:.3f} s; with refresh, fast route {u['dengan']:.3f} s = "
          f"{u['dengan'] / u['tanpa']:.2f}x; whole engine {u['penuh']:.3f} s = "
          f"{u['penuh'] / u['tanpa']:.2f}x")
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-segar-") as d:
        folder = Path(d)
        shutil.copytree(workbooks.CONTOH, folder / "contoh")
        contoh = folder / "LKjIP-2021.xlsx"
        shutil.copyfile(workbooks.INDUK, contoh)
        jalan(contoh, True)  # warm-up: imports, the engine's function table
        cetak("bundled example", ukur(contoh, a.ulang))
        if a.alternatif:
            alternatif(contoh)

        import bench_konsolidasi as bk

        sumber = []
        for i in range(a.bidang):
            s = folder / f"bidang-{i:02d}.xlsx"
            bk.buat_sumber(s, i, a.baris)
            sumber.append(s)
        besar = folder / "induk-besar.xlsx"
        bk.buat_induk(besar, sumber, besar=True)
        sebelum = lembar_bagian(besar)
        u = ukur(besar, max(1, a.ulang - 1))
        sesudah = lembar_bagian(besar)
        arsip = [n for n in sebelum if n in sesudah and sebelum[n] == sesudah[n]]
        cetak(f"{a.bidang}-source bench master", u)
        print(f"  worksheet parts kept byte for byte: {len(arsip)} of {len(sebelum)} "
              "(expected: the 20 untouched sheets and Pengaturan; the 5 owned ones change)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
