"""The `kinerja` command: one entry point over the same engines the Python API uses.

Each subcommand parses its arguments here and hands plain values to a function
in the module that does the work; nothing below does work of its own.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from sync.cli.keluar import KELUAR_OK


def _jalankan(target: str):
    """Resolve "module:function" lazily, so `kinerja hitung` does not import gspread."""
    modul, fungsi = target.split(":")

    def panggil(args: argparse.Namespace) -> int:
        return getattr(import_module(modul), fungsi)(args)

    return panggil


def buat_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kinerja",
        description="Kinerja: laporan kinerja (LKjIP) langsung di Excel.",
    )
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH")

    # kinerja konsolidasi
    k = sub.add_parser(
        "konsolidasi",
        help="gabungkan data semua bidang ke workbook induk LKjIP",
        description="Membaca sheet setiap bidang, memeriksanya, lalu menulis ke lembar "
        "milik Kinerja di workbook induk tanpa mengubah lembar lain.",
    )
    k.add_argument("induk", nargs="?", help="workbook induk (.xlsx/.xlsm); bawaan: contoh")
    k.add_argument("--sumber", action="append", metavar="BERKAS_ATAU_URL",
                   help="sumber bidang (boleh berulang); bawaan: tabel di lembar Pengaturan")
    k.add_argument("--tahun", type=int, help="tahun laporan; bawaan: dari Pengaturan")
    k.add_argument("--keluaran", metavar="BERKAS", help="tulis ke berkas ini, bukan ke induk")
    k.add_argument("--coba", action="store_true",
                   help="jalankan semua kecuali menulis; tampilkan apa yang akan berubah")
    k.add_argument("--sebagian", action="store_true",
                   help="tetap tulis bila ada sumber gagal dibaca (data lama bidang itu dipakai)")
    k.add_argument("--cadangan", type=int, default=5, metavar="N",
                   help="jumlah cadangan induk yang disimpan (bawaan 5)")
    k.set_defaults(fungsi=_jalankan("sync.cli.konsolidasi:konsolidasi"))

    # kinerja hitung
    h = sub.add_parser(
        "hitung",
        help="hitung semua rumus workbook tanpa Excel",
        description="Menghitung setiap rumus workbook (termasuk CAPAIAN, PREDIKAT, dst.) "
        "dengan mesin rumus, lalu menampilkan atau mengekspor nilainya.",
    )
    h.add_argument("berkas", help="workbook .xlsx/.xlsm")
    h.add_argument("--lembar", action="append", help="hanya lembar ini (boleh berulang)")
    h.add_argument("--sel", action="append", help="hanya sel ini, mis. 'Tabel 3.8'!H20")
    h.add_argument("--ekspor", metavar="BERKAS", help="simpan nilai ke .csv, .json atau .xlsx")
    h.add_argument("--semua", action="store_true", help="tampilkan juga sel yang bukan rumus")
    h.set_defaults(fungsi=_jalankan("sync.cli.addin:hitung"))

    # kinerja ekspor
    e = sub.add_parser(
        "ekspor", help="bagikan workbook induk: PDF lembar laporan atau salinan nilai",
        description="Untuk pembaca tanpa add-in: PDF lembar laporan (A4, urutan laporan, "
        "lewat LibreOffice) dan/atau salinan berisi nilai saja (rumus diganti nilainya).")
    e.add_argument("induk", help="workbook induk (.xlsx/.xlsm)")
    e.add_argument("--pdf", nargs="?", const="", metavar="BERKAS",
                   help="buat PDF; bawaan: nama induk dengan akhiran .pdf")
    e.add_argument("--nilai", nargs="?", const="", metavar="BERKAS",
                   help="buat salinan nilai saja; bawaan: <nama induk>-nilai.xlsx")
    e.set_defaults(fungsi=_jalankan("sync.cli.ekspor:ekspor"))

    # kinerja addin pasang|lepas|bangun
    a = sub.add_parser("addin", help="pasang add-in Kinerja di Excel (Windows)")
    asub = a.add_subparsers(dest="aksi", metavar="AKSI", required=True)
    ap = asub.add_parser("pasang", help="pasang add-in kinerja.xlam dan impor fungsinya")
    ap.add_argument("--global", dest="glob", action="store_true",
                    help="pasang untuk semua pengguna (perlu hak administrator)")
    ap.set_defaults(fungsi=_jalankan("sync.cli.addin:addin_pasang"))
    al = asub.add_parser("lepas", help="lepas add-in kinerja.xlam")
    al.add_argument("--global", dest="glob", action="store_true")
    al.set_defaults(fungsi=_jalankan("sync.cli.addin:addin_lepas"))
    ab = asub.add_parser("bangun", help="bangun ulang addin/kinerja.xlam (untuk pengembang)")
    ab.add_argument("--keluaran", metavar="BERKAS")
    ab.set_defaults(fungsi=_jalankan("sync.cli.addin:addin_bangun"))

    # kinerja templat buat|periksa
    t = sub.add_parser("templat", help="templat sheet bidang: buat atau periksa")
    tsub = t.add_subparsers(dest="aksi", metavar="AKSI", required=True)
    tb = tsub.add_parser("buat", help="buat sheet bidang baru dari templat")
    tb.add_argument("tujuan", help="berkas .xlsx baru, atau 'google' untuk Google Sheets")
    tb.add_argument("--nama", help="nama bidang / judul spreadsheet")
    tb.add_argument("--bagikan", action="append", metavar="EMAIL",
                    help="bagikan ke alamat ini (Google Sheets)")
    tb.set_defaults(fungsi=_jalankan("sync.cli.templat:templat_buat"))
    tp = tsub.add_parser("periksa", help="periksa satu sheet bidang sebelum akhir tahun")
    tp.add_argument("sumber", help="berkas .xlsx/.csv atau alamat Google Sheets")
    tp.add_argument("--tahun", type=int, help="tahun laporan (untuk Anggaran tanpa Tahun)")
    tp.add_argument("--bidang", help="nama bidang untuk pesan")
    tp.set_defaults(fungsi=_jalankan("sync.cli.templat:templat_periksa"))

    return p


def main(argv: list[str] | None = None) -> int:
    p = buat_parser()
    args = p.parse_args(argv)
    if not getattr(args, "fungsi", None):
        p.print_help()
        return KELUAR_OK
    return int(args.fungsi(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
