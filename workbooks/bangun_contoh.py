"""Build the five example bidang workbooks (workbooks/contoh/) from the seed's data.

Same layout as the template (sync.tulis.templat), with the bidang's name in
B2 and the rows of workbooks.data_contoh. Deterministic: a rebuild gives
identical bytes.

    python -m workbooks.bangun_contoh [folder]
"""

from __future__ import annotations

import sys
from pathlib import Path

import workbooks
from sync.tulis.templat import tulis_buku
from workbooks.data_contoh import BIDANG, HIERARKI, TAHUN_ANGGARAN, Bidang

TAHUN_CONTOH = tuple(range(2015, 2027))  # Tabel 3.7 starts at 2015, Tabel 2.5 ends at 2026


def baris_indikator(bidang: Bidang) -> list[dict]:
    """One row per indicator and year, in the order the data lists them; an indicator's
    hierarchy (data_contoh.HIERARKI) on each of its rows."""
    return [
        {"kode": i.kode, "indikator": i.indikator, "satuan": i.satuan, "arah": i.arah,
         "sifat": i.sifat, "tahun": th, "target": target, "realisasi": realisasi,
         "keterangan": ket or None, "rumus": i.rumus, "acuan": i.acuan,
         **(vars(HIERARKI[i.kode]) if i.kode in HIERARKI else {})}
        for i in bidang.indikator
        for th, (target, realisasi, ket) in i.tahun.items()
    ]


def baris_anggaran(bidang: Bidang) -> list[dict]:
    return [
        {"kode": a.kode, "program": a.program, "kegiatan": a.kegiatan,
         "sub_kegiatan": a.sub_kegiatan, "tahun": TAHUN_ANGGARAN, "pagu": a.pagu,
         "realisasi": a.realisasi, "fisik": a.fisik}
        for a in bidang.anggaran
    ]


def baris_statistik(bidang: Bidang) -> list[dict]:
    return [
        {"kode": s.kode, "uraian": s.uraian, "satuan": s.satuan, "rumus": s.rumus,
         "acuan": s.acuan, "tahunan": dict(s.nilai)}
        for s in bidang.statistik
    ]


def bangun(folder: Path | str = workbooks.CONTOH) -> list[Path]:
    """Write every example workbook into `folder`; returns their paths."""
    folder = Path(folder)
    return [
        tulis_buku(folder / b.berkas, bidang=b.nama, tahun=TAHUN_CONTOH, isi={
            "Indikator": baris_indikator(b),
            "Anggaran": baris_anggaran(b),
            "Statistik": baris_statistik(b),
        })
        for b in BIDANG
    ]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for path in bangun(Path(args[0]) if args else workbooks.CONTOH):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
