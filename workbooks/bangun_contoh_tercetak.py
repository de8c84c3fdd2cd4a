"""Build the printed-seed example set (workbooks/contoh-tercetak/): the five bidang
workbooks of workbooks.data_tercetak and a master whose Pengaturan lists them.

    python -m workbooks.bangun_contoh_tercetak [folder]

Then `kinerja konsolidasi workbooks/contoh-tercetak/LKjIP-2021-tercetak.xlsx --coba`
lists the audit's findings on the seed as printed (docs/dev/data-contoh.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import workbooks
from sync.tulis.templat import tulis_buku
from workbooks.bangun_contoh import TAHUN_CONTOH, baris_anggaran, baris_indikator, baris_statistik
from workbooks.data_tercetak import BIDANG_TERCETAK, FOLDER, INDUK, TOTAL_PAGU, TOTAL_REALISASI

TERCETAK = workbooks.FOLDER / FOLDER


def baris_total() -> dict:
    """Tabel 3.8's printed TOTAL row (l.1053): blank Kode, the word TOTAL, the amounts."""
    return {"kode": None, "program": "TOTAL", "pagu": TOTAL_PAGU, "realisasi": TOTAL_REALISASI}


def bangun(folder: Path | str = TERCETAK) -> list[Path]:
    """Write the five bidang workbooks and the master into `folder`; returns the paths."""
    from workbooks.bangun_induk import bangun as bangun_induk

    folder = Path(folder)
    return [*bangun_bidang(folder), bangun_induk(folder / INDUK, BIDANG_TERCETAK, folder)]


def bangun_bidang(folder: Path) -> list[Path]:
    """The five bidang workbooks alone (deterministic: a rebuild gives identical bytes)."""
    hasil = []
    for b in BIDANG_TERCETAK:
        anggaran = baris_anggaran(b) + ([baris_total()] if b is BIDANG_TERCETAK[0] else [])
        hasil.append(tulis_buku(folder / b.berkas, bidang=b.nama, tahun=TAHUN_CONTOH, isi={
            "Indikator": baris_indikator(b),
            "Anggaran": anggaran,
            "Statistik": baris_statistik(b),
        }))
    return hasil


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for path in bangun(Path(args[0]) if args else TERCETAK):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
