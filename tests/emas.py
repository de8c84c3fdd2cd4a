"""Golden digests of what a consolidation produces, so a change meant to keep the output
(a refactoring, a speed-up) is checked against the output before it.

Recorded in tests/data/emas.json, compared by tests/test_emas.py:

- the bundled example (workbooks/contoh into workbooks/LKjIP-2021.xlsx) written with a
  fixed time and user: the MD5 of the written file, a digest of its parts' contents, a
  digest of every owned sheet's planned rows and one of the findings;
- a bench-shaped set at a small scale, made by bench/bench_konsolidasi.py's generators
  (BENCH_BIDANG sources x BENCH_BARIS rows, a master with BENCH_LEMBAR untouched sheets
  of BENCH_ARSIP rows): the first run and the re-run into the master it filled, each
  written with a fixed time and user and recorded like the example
  (`python bench/bench_konsolidasi.py --md5` prints the MD5s at the bench's full size);
- seeded randomly damaged copies of the example bidang (tests/rusak_bantu.py), each run
  with --coba as a whole run and with `sebagian`: status, message, the plan's digests
  (when there is a plan) and the findings' digest.

The writer is deterministic for a fixed time: the parts it adds carry the zip date
1980-01-01 and the parts it copies keep theirs. The MD5 also depends on zlib's deflate
output, which can differ between zlib builds, so the file's MD5 is compared only under
the zlib version that recorded it; the parts' digest (names, compression method and
uncompressed bytes) is compared everywhere.

After a deliberate change of the output, rewrite the record and commit it with the
change, saying why in the commit message:

    python tests/emas.py --perbarui

`python tests/emas.py` alone prints what differs from the record.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import shutil
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from rusak_bantu import set_rusak  # noqa: E402

import workbooks  # noqa: E402
from bench import bench_konsolidasi as bench_  # noqa: E402
from sync.konsolidasi import HasilKonsolidasi, konsolidasi  # noqa: E402

BERKAS = Path(__file__).resolve().parent / "data" / "emas.json"
WAKTU = dt.datetime(2022, 1, 31, 9, 30, 15)
PENGGUNA = "uji-emas"
SET = 60       # damaged sets recorded
CEPAT = 7      # the set the fast suite checks (refused as a whole, planned with sebagian)
# the bench-shaped set's scale: sources x rows, untouched sheets x rows
BENCH_BIDANG, BENCH_BARIS, BENCH_LEMBAR, BENCH_ARSIP = 4, 300, 3, 500


def _nilai(v: object, kerja: str) -> object:
    """A cell or field as plain JSON, exactly: floats by repr (json writes them so),
    numpy scalars as Python ones, dates tagged, the temporary folder's path replaced."""
    if v is None or isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, str):
        return v.replace(kerja, "<kerja>") if kerja else v
    if hasattr(v, "item") and not isinstance(v, (list, tuple)):  # numpy scalar
        return _nilai(v.item(), kerja)
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return {type(v).__name__: v.isoformat()}
    if isinstance(v, (list, tuple)):
        return [_nilai(x, kerja) for x in v]
    return {type(v).__name__: repr(v)}


def _ringkas(isi: object) -> str:
    teks = json.dumps(isi, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()[:20]


def catatan_hasil(h: HasilKonsolidasi, kerja: Path) -> dict:
    """Status, message, each owned sheet's planned rows and the findings, as digests."""
    k = str(kerja)
    temuan = [[t.tingkat, t.kode, t.bidang, t.tab, t.sel, _nilai(t.nilai, k),
               _nilai(t.pesan, k), _nilai(t.tautan, k), _nilai(t.hitungan, k)]
              for t in h.temuan]
    rencana = None
    if h.rencana is not None:
        rencana = {nama: _ringkas([_nilai(list(r), k) for r in baris])
                   for nama, baris in sorted(h.rencana.lembar.items())}
    return {"status": h.status, "pesan": _nilai(h.pesan, k), "jumlah_temuan": len(temuan),
            "temuan": _ringkas(temuan), "rencana": rencana}


def catatan_berkas(data: bytes) -> dict:
    z = zipfile.ZipFile(io.BytesIO(data))
    bagian = [[i.filename, i.compress_type, hashlib.sha256(z.read(i)).hexdigest()]
              for i in z.infolist()]
    return {"md5": hashlib.md5(data).hexdigest(), "bagian": _ringkas(bagian)}


def contoh(folder: Path) -> dict:
    """The bundled example written into a copy of the shipped master."""
    shutil.copytree(workbooks.CONTOH, folder / "contoh")
    induk = folder / workbooks.INDUK.name
    shutil.copyfile(workbooks.INDUK, induk)
    keluaran = folder / "hasil.xlsx"
    h = konsolidasi(induk, keluaran=keluaran, cadangan=0, waktu=WAKTU, pengguna=PENGGUNA)
    catat = catatan_hasil(h, folder)
    if h.ditulis:
        catat.update(catatan_berkas(keluaran.read_bytes()))
    return catat


def bench(folder: Path) -> dict:
    """The bench's generators at a small scale: the first run and the re-run."""
    _, induk, _ = bench_.siapkan(folder / "bench", BENCH_BIDANG, BENCH_BARIS,
                                 lembar=BENCH_LEMBAR, baris_arsip=BENCH_ARSIP, kecil=False)
    hasil, berkas = bench_.jalan_tetap(induk, waktu=WAKTU, pengguna=PENGGUNA)
    return {nama: {**catatan_hasil(h, folder / "bench"), **catatan_berkas(b.read_bytes())}
            for nama, h, b in zip(("pertama", "ulang"), hasil, berkas, strict=True)}


def rusak(i: int, folder: Path) -> dict:
    """Damaged set `i` beside a copy of the shipped master, as a whole run and with
    sebagian, both with --coba (the plan is complete; nothing is written)."""
    kerja = folder / f"rusak{i:02d}"
    kerja.mkdir(parents=True)
    set_rusak(i, kerja).rename(kerja / "contoh")
    induk = kerja / workbooks.INDUK.name
    shutil.copyfile(workbooks.INDUK, induk)
    return {nama: catatan_hasil(konsolidasi(induk, coba=True, sebagian=sebagian, waktu=WAKTU,
                                            pengguna=PENGGUNA), kerja)
            for nama, sebagian in (("penuh", False), ("sebagian", True))}


def hitung(folder: Path, set_: range | list[int] = range(SET)) -> dict:
    return {"zlib": zlib.ZLIB_RUNTIME_VERSION,
            "contoh": contoh(folder / "contoh"),
            "bench": bench(folder),
            "rusak": {f"{i:02d}": rusak(i, folder) for i in set_}}


def baca() -> dict:
    return json.loads(BERKAS.read_text(encoding="utf-8"))


def beda(harap: object, dapat: object, jalur: str = "") -> list[str]:
    """Where two records differ, as 'path: expected -> got' lines."""
    if isinstance(harap, dict) and isinstance(dapat, dict):
        return [x for k in sorted(set(harap) | set(dapat), key=str)
                for x in beda(harap.get(k), dapat.get(k), f"{jalur}/{k}")]
    return [] if harap == dapat else [f"{jalur}: {harap!r} -> {dapat!r}"]


def main() -> int:
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument("--perbarui", action="store_true",
                   help=f"rewrite {BERKAS.relative_to(BERKAS.parents[2])}")
    args = a.parse_args()
    with tempfile.TemporaryDirectory(prefix="kinerja-emas-") as d:
        dapat = hitung(Path(d))
    if args.perbarui:
        dapat = {"catatan": "python tests/emas.py --perbarui; see tests/emas.py", **dapat}
        BERKAS.write_text(json.dumps(dapat, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
        print(f"ditulis: {BERKAS}")
        return 0
    lain = [x for x in beda(baca(), dapat) if not x.startswith("/catatan")]
    print("\n".join(lain) or "sama dengan catatan")
    return 1 if lain else 0


if __name__ == "__main__":
    sys.exit(main())
