"""The `kinerja` command: one entry point over the same engines the Python API uses.

Each subcommand parses its arguments here and hands plain values to a function
in the module that does the work; nothing below does work of its own.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from importlib import import_module

from sync.cli.keluar import (  # noqa: F401  (tests import the exit codes from here)
    KELUAR_DITOLAK,
    KELUAR_GAGAL,
    KELUAR_OK,
    KELUAR_SALAH_PAKAI,
)
from sync.cli.konsol import konsol
from sync.cli.pengurai import Pengurai, bilangan_bulat


def kode_keluar(berhasil: str = "berhasil", ditolak: str = "tidak ada yang ditulis") -> str:
    """The exit codes as one command means them (only konsolidasi has --coba, only
    templat periksa refuses over findings)."""
    return (f"Kode keluar: 0 {berhasil}, 1 perintah salah tulis (tidak ada yang dibaca "
            f"atau ditulis), 2 ditolak ({ditolak}), 3 kesalahan program "
            "(tidak ada yang ditulis; laporkan ke pengembang).")


KODE_KONSOLIDASI = kode_keluar(
    "ditulis (atau --coba tanpa kesalahan)",
    "sumber tidak terbaca, ada kesalahan data, berkas sedang dipakai; tidak ada yang ditulis")


def _contoh(*baris: str, kode: str | None = None) -> str:
    """An epilog: the examples, then the exit codes."""
    return ("Contoh:\n" + "\n".join(f"  {b}" for b in baris) + "\n\n"
            + textwrap.fill(kode or kode_keluar(), 79))


def versi() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kinerja")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "belum terpasang"


def _jalankan(target: str):
    """Resolve "module:function" lazily, so `kinerja hitung` does not import gspread."""
    modul, fungsi = target.split(":")

    def panggil(args: argparse.Namespace) -> int:
        return getattr(import_module(modul), fungsi)(args)

    return panggil


def buat_parser() -> argparse.ArgumentParser:
    p = Pengurai(
        prog="kinerja",
        description="Kinerja: laporan kinerja (LKjIP) langsung di Excel.",
        epilog=_contoh("kinerja konsolidasi", "kinerja konsolidasi hasil/LKjIP-2021.xlsx --coba",
                       "kinerja konsolidasi --help", kode=KODE_KONSOLIDASI),
    )
    p.add_argument("--version", "-V", action="version", version=f"kinerja {versi()}",
                   help="tampilkan versi Kinerja lalu keluar")
    sub = p.add_subparsers(dest="perintah", metavar="PERINTAH", title="perintah")

    # kinerja konsolidasi
    k = sub.add_parser(
        "konsolidasi",
        help="gabungkan data semua bidang ke workbook induk LKjIP",
        description="Membaca workbook setiap bidang, memeriksanya, lalu menulis ke lembar "
        "milik Kinerja di workbook induk tanpa mengubah lembar lain.\nTanpa INDUK: lima "
        "bidang contoh digabung ke salinan induk contoh, hasil/LKjIP-2021.xlsx.",
        epilog=_contoh(
            "kinerja konsolidasi",
            "kinerja konsolidasi hasil/LKjIP-2021.xlsx --coba",
            "kinerja konsolidasi hasil/LKjIP-2021.xlsx",
            'kinerja konsolidasi hasil/LKjIP-2021.xlsx --bidang "Sekretariat"',
            'kinerja konsolidasi hasil/LKjIP-2021.xlsx --sumber "Sekretariat=sekretariat.xlsx"',
            "kinerja konsolidasi hasil/LKjIP-2021.xlsx --coba --json", kode=KODE_KONSOLIDASI),
    )
    k.add_argument("induk", nargs="?", metavar="INDUK",
                   help="workbook induk (.xlsx/.xlsm); bawaan: contoh")
    k.add_argument("--sumber", action="append", metavar="BERKAS_ATAU_URL",
                   help="baca ulang hanya sumber ini, \"Nama Bidang=berkas atau alamat\" "
                   "(boleh berulang); baris bidang lain di workbook induk dipertahankan. "
                   "Bawaan: semua sumber di tabel lembar Pengaturan")
    k.add_argument("--tahun", type=bilangan_bulat, help="tahun laporan; bawaan: dari Pengaturan")
    k.add_argument("--keluaran", metavar="BERKAS", help="tulis ke berkas ini, bukan ke induk")
    k.add_argument("--coba", action="store_true",
                   help="jalankan semua kecuali menulis; tampilkan apa yang akan berubah")
    k.add_argument("--sebagian", action="store_true",
                   help="tetap tulis bila ada bidang yang gagal dibaca atau berisi kesalahan "
                   "(data lama bidang itu dipakai)")
    k.add_argument("--bidang", action="append", metavar="NAMA",
                   help="baca ulang hanya bidang ini dari tabel Pengaturan (boleh berulang); "
                   "baris bidang lain di workbook induk dipertahankan")
    k.add_argument("--json", action="store_true",
                   help="cetak hasil sebagai JSON (untuk skrip), tanpa tabel")
    k.add_argument("--rinci", action="store_true",
                   help="tampilkan semua temuan, termasuk info (bawaan: ringkas)")
    k.add_argument("--cadangan", type=bilangan_bulat, default=5, metavar="N",
                   help="jumlah cadangan induk yang disimpan (bawaan 5)")
    k.set_defaults(fungsi=_jalankan("sync.cli.konsolidasi:konsolidasi"))

    # kinerja hitung
    h = sub.add_parser(
        "hitung",
        help="hitung semua rumus workbook tanpa Excel",
        description="Menghitung setiap rumus workbook (termasuk CAPAIAN, PREDIKAT, dst.) "
        "dengan mesin rumus, lalu menampilkan atau mengekspor nilainya.",
        epilog=_contoh(
            'kinerja hitung hasil/LKjIP-2021.xlsx --lembar "Tabel 3.8"',
            "kinerja hitung hasil/LKjIP-2021.xlsx --sel \"'Tabel 3.8'!H20\"",
            "kinerja hitung hasil/LKjIP-2021.xlsx --ekspor nilai.csv",
            kode=kode_keluar("berhasil", "berkas tidak ada atau tidak terbaca; tidak ada "
                             "yang ditulis")),
    )
    h.add_argument("berkas", help="workbook .xlsx/.xlsm")
    h.add_argument("--lembar", action="append", help="hanya lembar ini (boleh berulang)")
    h.add_argument("--sel", action="append", help="hanya sel ini, mis. 'Tabel 3.8'!H20")
    h.add_argument("--ekspor", metavar="BERKAS", help="simpan nilai ke .csv, .json atau .xlsx")
    h.add_argument("--semua", action="store_true", help="tampilkan juga sel yang bukan rumus")
    h.set_defaults(fungsi=_jalankan("sync.cli.addin:hitung"))

    # kinerja dokumen
    d = sub.add_parser(
        "dokumen",
        help="buat dokumen LKjIP (Bab II dan III, Word) dari workbook induk",
        description="Menghitung workbook induk lalu menulis tabel Bab II dan III serta uraian "
        "analisis setiap indikator ke berkas Word (.docx).",
        epilog=_contoh("kinerja dokumen hasil/LKjIP-2021.xlsx",
                       "kinerja dokumen hasil/LKjIP-2021.xlsx --keluaran LKjIP-2021.docx",
                       "kinerja dokumen --salin-templat uraian-kantor.toml",
                       "kinerja dokumen hasil/LKjIP-2021.xlsx --templat uraian-kantor.toml",
                       kode=kode_keluar("dokumen ditulis", "workbook induk tidak ada atau tidak "
                                        "terbaca, kalimat templat salah; tidak ada yang ditulis")),
    )
    d.add_argument("induk", nargs="?", metavar="INDUK", help="workbook induk (.xlsx/.xlsm)")
    d.add_argument("--keluaran", metavar="BERKAS.docx",
                   help="berkas Word yang ditulis; bawaan: <nama induk>.docx di folder induk")
    d.add_argument("--templat", metavar="BERKAS.toml",
                   help="kalimat uraian sendiri (salinan dari --salin-templat)")
    d.add_argument("--salin-templat", metavar="BERKAS.toml",
                   help="salin kalimat bawaan ke berkas ini untuk diubah, lalu selesai "
                   "(tidak menimpa berkas yang ada)")
    d.set_defaults(fungsi=_jalankan("sync.cli.dokumen:dokumen"))
    # kinerja ekspor
    e = sub.add_parser(
        "ekspor", help="bagikan workbook induk: PDF lembar laporan atau salinan nilai",
        description="Untuk pembaca tanpa add-in: PDF lembar laporan (A4, urutan laporan, "
        "lewat LibreOffice) dan/atau salinan berisi nilai saja (rumus diganti nilainya).",
        epilog=_contoh(
            "kinerja ekspor hasil/LKjIP-2021.xlsx --pdf",
            "kinerja ekspor hasil/LKjIP-2021.xlsx --nilai hasil/kirim.xlsx",
            kode=kode_keluar("berkas ditulis", "workbook induk tidak terbaca, LibreOffice tidak "
                             "ada, berkas tujuan tidak dapat ditulis")),
    )
    e.add_argument("induk", help="workbook induk (.xlsx/.xlsm)")
    e.add_argument("--pdf", nargs="?", const="", metavar="BERKAS",
                   help="buat PDF; bawaan: nama induk dengan akhiran .pdf")
    e.add_argument("--nilai", nargs="?", const="", metavar="BERKAS",
                   help="buat salinan nilai saja; bawaan: <nama induk>-nilai.xlsx")
    e.set_defaults(fungsi=_jalankan("sync.cli.ekspor:ekspor"))

    # kinerja addin pasang|lepas|bangun
    a = sub.add_parser(
        "addin", help="pasang atau lepas add-in Kinerja di Excel (Windows)",
        epilog=_contoh("kinerja addin pasang", "kinerja addin lepas"))
    asub = a.add_subparsers(dest="aksi", metavar="AKSI", required=True)
    ap = asub.add_parser(
        "pasang", help="pasang add-in kinerja.xlam dan impor fungsinya",
        description="Memasang add-in kinerja.xlam di Excel untuk Windows dan mengimpor "
        "fungsinya (CAPAIAN, PREDIKAT, ...). Excel harus mengizinkan akses ke proyek VBA.",
        epilog=_contoh("kinerja addin pasang", "kinerja addin pasang --global"))
    ap.add_argument("--global", dest="glob", action="store_true",
                    help="pasang untuk semua pengguna (perlu hak administrator)")
    ap.set_defaults(fungsi=_jalankan("sync.cli.addin:addin_pasang"))
    al = asub.add_parser("lepas", help="lepas add-in kinerja.xlam dari Excel",
                         epilog=_contoh("kinerja addin lepas"))
    al.add_argument("--global", dest="glob", action="store_true",
                    help="lepas dari semua pengguna (perlu hak administrator)")
    al.set_defaults(fungsi=_jalankan("sync.cli.addin:addin_lepas"))
    ab = asub.add_parser("bangun", help="bangun ulang addin/kinerja.xlam (untuk pengembang)",
                         epilog=_contoh("kinerja addin bangun",
                                        "kinerja addin bangun --keluaran build/"))
    ab.add_argument("--keluaran", metavar="BERKAS",
                    help="tulis ke berkas atau folder ini; bawaan: addin/kinerja.xlam")
    ab.set_defaults(fungsi=_jalankan("sync.cli.addin:addin_bangun"))

    # kinerja templat buat|periksa
    t = sub.add_parser(
        "templat", help="templat workbook bidang: buat atau periksa",
        epilog=_contoh('kinerja templat buat sekretariat.xlsx --nama "Sekretariat"',
                       "kinerja templat periksa sekretariat.xlsx"))
    tsub = t.add_subparsers(dest="aksi", metavar="AKSI", required=True)
    tb = tsub.add_parser(
        "buat", help="buat workbook bidang baru dari templat",
        description="Membuat workbook bidang baru (tab Indikator, Anggaran, Statistik) dari "
        "templat, sebagai berkas .xlsx atau sebagai Google Sheets.",
        epilog=_contoh('kinerja templat buat sekretariat.xlsx --nama "Sekretariat"',
                       'kinerja templat buat google --nama "Sekretariat" '
                       "--bagikan staf@contoh.go.id"))
    tb.add_argument("tujuan", help="berkas .xlsx baru, atau 'google' untuk Google Sheets")
    tb.add_argument("--nama", help="nama bidang / judul spreadsheet")
    tb.add_argument("--bagikan", action="append", metavar="EMAIL",
                    help="bagikan ke alamat ini (Google Sheets)")
    tb.set_defaults(fungsi=_jalankan("sync.cli.templat:templat_buat"))
    tp = tsub.add_parser(
        "periksa", help="periksa satu workbook bidang sebelum akhir tahun",
        description="Memeriksa satu workbook bidang seperti konsolidasi memeriksanya, "
        "tanpa menulis apa pun.",
        epilog=_contoh("kinerja templat periksa sekretariat.xlsx",
                       "kinerja templat periksa sekretariat.xlsx --tahun 2021",
                       kode=kode_keluar("tidak ada kesalahan (boleh ada peringatan)",
                                        "berkas tidak terbaca atau ada temuan kesalahan")))
    tp.add_argument("sumber", help="berkas .xlsx/.csv atau alamat Google Sheets")
    tp.add_argument("--tahun", type=bilangan_bulat,
                    help="tahun laporan (untuk Anggaran tanpa Tahun)")
    tp.add_argument("--bidang", help="nama bidang untuk pesan")
    tp.set_defaults(fungsi=_jalankan("sync.cli.templat:templat_periksa"))

    # kinerja panduan [NAMA]
    g = sub.add_parser(
        "panduan", help="panduan staf (tanpa internet): daftar, isi atau letak berkasnya",
        description="Panduan staf yang terpasang bersama Kinerja, dibaca tanpa internet. "
        "Tanpa NAMA: daftar panduan dan letak berkasnya.",
        epilog=_contoh("kinerja panduan", "kinerja panduan google-sheets",
                       "kinerja panduan glosarium --jalur",
                       kode=kode_keluar("berhasil", "panduan dengan nama itu tidak ada")))
    g.add_argument("nama", nargs="?", help="nama panduan, mis. google-sheets")
    g.add_argument("--jalur", action="store_true",
                   help="cetak letak berkasnya saja (untuk dibuka di editor atau browser)")
    g.set_defaults(fungsi=_jalankan("sync.cli.panduan:panduan"))

    return p


def main(argv: list[str] | None = None) -> int:
    p = buat_parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as e:  # --help, --version (0) or a usage error (KELUAR_SALAH_PAKAI)
        return int(e.code or 0)
    if not getattr(args, "fungsi", None):
        p.print_help()
        return KELUAR_OK
    try:
        return int(args.fungsi(args) or 0)
    except KeyboardInterrupt:
        konsol(stderr=True).print("Dihentikan pengguna.")
        return KELUAR_GAGAL
    except Exception as e:  # a bug, not bad input: say so plainly, never a traceback
        # through konsol: any encoding, secrets redacted, a closed stderr ignored
        konsol(stderr=True).print(f"Kesalahan program: {type(e).__name__}: {e}. Tidak ada "
                                  "yang ditulis. Laporkan pesan ini ke pengembang.")
        return KELUAR_GAGAL


if __name__ == "__main__":
    sys.exit(main())
