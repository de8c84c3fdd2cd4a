"""The shapes of the data: the bidang template's tabs and the master's owned sheets.

One description serves the template builder (workbooks/), the reader and the
validator (sync/), the file writer and the live writer, and the docs. Change a
column here and every part follows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from sync.model.temuan import format_nilai

BATAS_TEKS = 32_767  # characters in one cell (Excel specifications and limits)

# Values a column can hold. The reader converts cells to these.
TEKS = "teks"        # free text
KODE = "kode"        # a stable key: text, trimmed, no formula
ANGKA = "angka"      # a number (Indonesian or English text accepted)
PERSEN = "persen"    # a percentage, stored as a fraction (85% -> 0.85)
TAHUN = "tahun"      # a four-digit year
PILIHAN = "pilihan"  # one of a fixed list of words

ARAH = ("positif", "negatif", "negatif_rasio")
# How the audit recomputes a stated figure from Statistik series (column Rumus,
# with the series codes in Acuan): rasio "A/B" = A/B; sama "A" = A;
# selisih "A" = A(t) - A(t-1); pertumbuhan "A" = (A(t) - A(t-1)) / |A(t-1)|.
RUMUS = ("rasio", "sama", "selisih", "pertumbuhan")
SIFAT = ("kumulatif", "akhir", "rata")
TRIWULAN = ("TW I", "TW II", "TW III", "TW IV")


@dataclass(frozen=True)
class Kolom:
    """One column: `kunci` is the key in code, `judul` the header users see."""

    kunci: str
    judul: str
    jenis: str
    wajib: bool = False
    alias: tuple[str, ...] = ()
    pilihan: tuple[str, ...] = ()
    keterangan: str = ""
    format_angka: str = "General"  # Excel number format in Indonesian style
    lebar: float = 12

    def nama_cocok(self) -> set[str]:
        """Header spellings that match this column, normalised."""
        return {normal_judul(self.judul), *(normal_judul(a) for a in self.alias)}


@functools.lru_cache(maxsize=8192)
def normal_judul(teks: object) -> str:
    """Header text compared case-, space- and punctuation-insensitively."""
    s = str(teks or "").strip().lower()
    s = s.replace("\n", " ").replace("/", " ").replace(".", " ")
    s = re.sub(r"[()\[\]:*]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


# Number formats as stored in the file (en-US codes; an Indonesian Excel shows them
# with "." grouping and "," decimals). Bidang tabs hold mixed units per column
# (counts, rupiah, fractions), so staff get General there; the master's data sheets
# show fractions with four decimals and everything else with two, without the
# trailing separator "#,##0.##" leaves on whole numbers.
F_UMUM = "General"
F_DATA_XL = "[<1]0.0000;#,##0.00"
F_BULAT_XL = "#,##0"
F_UANG_XL = '"Rp"#,##0.00'
F_PERSEN_XL = "0.00%"


def _tw(prefix: str, jenis: str, fmt: str, ket: str) -> tuple[Kolom, ...]:
    return tuple(
        Kolom(
            kunci=f"tw{i}",
            judul=f"{prefix} {tw}",
            jenis=jenis,
            alias=(tw, f"Realisasi {tw}", f"Triwulan {'I' * i if i < 4 else 'IV'}", f"TW{i}",
                   f"TW {i}", f"Q{i}", f"Realisasi Triwulan {['I', 'II', 'III', 'IV'][i - 1]}"),
            keterangan=ket.format(tw=tw),
            format_angka=fmt,
        )
        for i, tw in enumerate(TRIWULAN, start=1)
    )


_RUMUS_ACUAN = (
    Kolom("rumus", "Rumus", PILIHAN, alias=("Rumus Periksa", "Cara Periksa"), pilihan=RUMUS,
          keterangan="Bila angka ini dapat dihitung dari deret Statistik: rasio, sama, selisih "
          "atau pertumbuhan. Konsolidasi menghitung ulang dan melaporkan bila tidak cocok. "
          "Di tab Indikator yang diperiksa Realisasi pada Tahun baris itu.",
          lebar=12),
    Kolom("acuan", "Acuan", TEKS, alias=("Kode Acuan", "Deret Acuan"),
          keterangan="Kode deret Statistik untuk Rumus: 'A/B' untuk rasio (mis. "
          "ST-KOP-AKTIF/ST-KOP), 'A' untuk sama, selisih dan pertumbuhan.", lebar=22),
)


# The performance hierarchy (Tujuan -> Sasaran -> Indikator -> Program/Kegiatan) of
# Bab II: optional columns, so templates made before them keep working. Program and
# Kegiatan hold budget codes (several separated by ";"), which link an indicator to
# the Anggaran lines whose codes start with them; sync/periksa/hierarki.py checks them.
POLA_PROGRAM = r"\d+(\.\d+){2}"       # SIPD program code, e.g. 2.17.04
POLA_KEGIATAN = r"\d+(\.\d+){2}\.\d+\.\d+"  # SIPD activity code, e.g. 2.17.05.2.01
_HIERARKI = (
    Kolom("tujuan_rpjmd", "Tujuan RPJMD", TEKS, alias=("Tujuan Daerah",),
          keterangan="Tujuan RPJMD yang didukung indikator (Tabel 2.6). Tabel laporan memakai "
          "baris pertama (paling atas) setiap Kode: isi di baris itu, atau sama di setiap "
          "baris tahunnya. Boleh kosong.", lebar=30),
    Kolom("sasaran_rpjmd", "Sasaran RPJMD", TEKS, alias=("Sasaran Daerah",),
          keterangan="Sasaran RPJMD yang didukung indikator (Tabel 2.6). Boleh kosong.",
          lebar=30),
    Kolom("tujuan", "Tujuan", TEKS, alias=("Tujuan PD", "Tujuan Renstra", "Tujuan Strategis"),
          keterangan="Tujuan Renstra perangkat daerah (Tabel 2.8, 3.9). Boleh kosong.",
          lebar=30),
    Kolom("sasaran", "Sasaran", TEKS, alias=("Sasaran PD", "Sasaran Renstra",
                                             "Sasaran Strategis"),
          keterangan="Sasaran Renstra yang diukur indikator ini (Tabel 2.7, 2.8, efisiensi). "
          "Boleh kosong.", lebar=30),
    Kolom("program", "Program", KODE, alias=("Kode Program",),
          keterangan="Kode program anggaran yang mendukung indikator, mis. 2.17.04; lebih dari "
          "satu dipisah titik koma (2.17.03; 2.17.04). Harus ada di tab Anggaran salah satu "
          "bidang.", lebar=16),
    Kolom("kegiatan", "Kegiatan", KODE, alias=("Kode Kegiatan",),
          keterangan="Kode kegiatan bila hanya sebagian program yang mendukung indikator, mis. "
          "2.17.05.2.01; lebih dari satu dipisah titik koma. Bila diisi, anggaran indikator "
          "dihitung dari kegiatan ini saja.", lebar=18),
)


@dataclass(frozen=True)
class Tab:
    """A tab of the bidang template: its name, columns and what one row is."""

    nama: str
    kolom: tuple[Kolom, ...]
    alias: tuple[str, ...] = ()
    kunci_unik: tuple[str, ...] = ("kode",)
    tahun_kolom: bool = False  # Statistik: one column per year after the fixed ones
    keterangan: str = ""

    def kolom_dari(self, kunci: str) -> Kolom:
        return next(k for k in self.kolom if k.kunci == kunci)


INDIKATOR = Tab(
    nama="Indikator",
    alias=("Indikator Kinerja", "IKU", "Kinerja"),
    kunci_unik=("kode", "tahun"),
    keterangan="Satu baris untuk satu indikator pada satu tahun.",
    kolom=(
        Kolom("kode", "Kode", KODE, wajib=True, alias=("Kode Indikator", "No Kode"),
              keterangan="Kode tetap indikator, mis. IK-01. Kode + Tahun tidak boleh kembar "
              "di seluruh bidang.", lebar=10),
        Kolom("indikator", "Indikator", TEKS, wajib=True,
              alias=("Indikator Kinerja", "Nama Indikator", "Uraian"),
              keterangan="Nama indikator kinerja.", lebar=48),
        Kolom("satuan", "Satuan", TEKS, wajib=True, alias=("Sat", "Satuan Ukur"),
              keterangan="Satuan ukur: %, orang, koperasi, unit, Rp, indeks, dst. Satuan % "
              "berarti nilai dibaca sebagai persen.", lebar=11),
        Kolom("arah", "Arah", PILIHAN, alias=("Polaritas", "Arah Indikator"), pilihan=ARAH,
              keterangan="positif (makin tinggi makin baik, bawaan), negatif (makin rendah "
              "makin baik, rumus (2T-R)/T), negatif_rasio (rumus T/R).", lebar=12),
        Kolom("sifat", "Sifat", PILIHAN, alias=("Sifat Data", "Cara Hitung"), pilihan=SIFAT,
              keterangan="Cara realisasi tahunan dibentuk dari triwulan: kumulatif (dijumlah, "
              "bawaan), akhir (triwulan terakhir yang terisi), rata (rata-rata).", lebar=12),
        Kolom("tahun", "Tahun", TAHUN, wajib=True, alias=("Thn", "Tahun Anggaran"),
              keterangan="Tahun data, empat angka.", format_angka="0", lebar=8),
        Kolom("target", "Target", ANGKA, alias=("Target Tahunan", "Target Kinerja"),
              keterangan="Target tahunan. Wajib bila ada realisasi.", format_angka=F_UMUM),
        *_tw("Realisasi", ANGKA, F_UMUM, "Realisasi {tw} (boleh kosong)."),
        Kolom("realisasi", "Realisasi", ANGKA,
              alias=("Realisasi Tahunan", "Realisasi Tahun", "Capaian Realisasi"),
              keterangan="Realisasi tahunan. Bila kosong dihitung dari triwulan menurut Sifat; "
              "bila diisi harus cocok dengan triwulan.", format_angka=F_UMUM),
        Kolom("keterangan", "Keterangan", TEKS, alias=("Ket", "Catatan"),
              keterangan="Catatan bebas.", lebar=30),
        *_RUMUS_ACUAN,
        *_HIERARKI,
    ),
)

ANGGARAN = Tab(
    nama="Anggaran",
    alias=("Realisasi Anggaran", "Keuangan", "Belanja"),
    kunci_unik=("kode", "tahun"),
    keterangan="Satu baris untuk satu sub kegiatan.",
    kolom=(
        Kolom("kode", "Kode", KODE, wajib=True, alias=("Kode Rekening", "Kode Sub Kegiatan"),
              keterangan="Kode sub kegiatan gaya SIPD, mis. 2.17.01.2.02.01.", lebar=18),
        Kolom("program", "Program", TEKS, wajib=True, keterangan="Nama program.", lebar=30),
        Kolom("kegiatan", "Kegiatan", TEKS, wajib=True, keterangan="Nama kegiatan.", lebar=30),
        Kolom("sub_kegiatan", "Sub Kegiatan", TEKS, wajib=True, alias=("Subkegiatan",),
              keterangan="Nama sub kegiatan.", lebar=40),
        Kolom("tahun", "Tahun", TAHUN, alias=("Tahun Anggaran",),
              keterangan="Tahun anggaran. Bila kosong: tahun laporan di Pengaturan.",
              format_angka="0", lebar=8),
        Kolom("pagu", "Pagu", ANGKA, wajib=True, alias=("Pagu Anggaran", "Anggaran"),
              keterangan="Pagu anggaran dalam rupiah, tidak boleh negatif.",
              format_angka=F_UANG_XL, lebar=18),
        *_tw("Realisasi", ANGKA, F_UANG_XL, "Realisasi keuangan {tw} dalam rupiah."),
        Kolom("realisasi", "Realisasi", ANGKA, alias=("Realisasi Anggaran", "Realisasi Keuangan"),
              keterangan="Realisasi setahun dalam rupiah. Bila kosong: jumlah triwulan; bila "
              "diisi harus sama dengan jumlah triwulan.", format_angka=F_UANG_XL, lebar=18),
        Kolom("fisik", "Fisik (%)", PERSEN, alias=("Fisik", "Realisasi Fisik", "Progres Fisik"),
              keterangan="Realisasi fisik dalam persen (85, 85% atau 0,85).",
              format_angka=F_PERSEN_XL, lebar=10),
    ),
)

STATISTIK = Tab(
    nama="Statistik",
    alias=("Data Statistik", "Data Pendukung", "Deret"),
    kunci_unik=("kode",),
    tahun_kolom=True,
    keterangan="Satu baris untuk satu deret data; satu kolom untuk setiap tahun.",
    kolom=(
        Kolom("kode", "Kode", KODE, wajib=True, keterangan="Kode tetap deret, mis. ST-01.",
              lebar=22),
        Kolom("uraian", "Uraian", TEKS, wajib=True, alias=("Indikator", "Nama Data"),
              keterangan="Nama deret data.", lebar=48),
        Kolom("satuan", "Satuan", TEKS, wajib=True, alias=("Sat", "Satuan Ukur"),
              keterangan="Satuan ukur; % berarti nilai dibaca sebagai persen.", lebar=11),
        *_RUMUS_ACUAN,
    ),
)

TABS = (INDIKATOR, ANGGARAN, STATISTIK)


# The master's owned sheets: the tool rewrites them on every consolidation.
# Row 1 is the header, data from row 2. Every column with a `nama` gets a
# workbook-level defined name covering its data rows (resized on each write),
# which the report sheets use in SUMIFS and INDEX/MATCH.


@dataclass(frozen=True)
class KolomMilik:
    kunci: str
    judul: str
    nama: str | None = None  # defined name, e.g. Ind_Kode
    format_angka: str = "General"
    lebar: float = 12


@dataclass(frozen=True)
class LembarMilik:
    nama: str
    kolom: tuple[KolomMilik, ...]
    keterangan: str = ""

    @property
    def judul(self) -> list[str]:
        return [k.judul for k in self.kolom]


def _km(prefix: str, kunci: str, judul: str, fmt: str = "General", lebar: float = 12,
        bernama: bool = True) -> KolomMilik:
    nama = f"{prefix}_{judul.replace(' ', '').replace('(%)', '')}" if bernama else None
    return KolomMilik(kunci, judul, nama, fmt, lebar)


DATA_INDIKATOR = LembarMilik(
    "Data Indikator",
    (
        _km("Ind", "bidang", "Bidang", lebar=24),
        _km("Ind", "kode", "Kode", lebar=10),
        _km("Ind", "indikator", "Indikator", lebar=48),
        _km("Ind", "satuan", "Satuan", lebar=11),
        _km("Ind", "arah", "Arah", lebar=12),
        _km("Ind", "sifat", "Sifat", lebar=12),
        _km("Ind", "tahun", "Tahun", "0", 8),
        _km("Ind", "target", "Target", F_DATA_XL),
        _km("Ind", "tw1", "TW I", F_DATA_XL),
        _km("Ind", "tw2", "TW II", F_DATA_XL),
        _km("Ind", "tw3", "TW III", F_DATA_XL),
        _km("Ind", "tw4", "TW IV", F_DATA_XL),
        _km("Ind", "realisasi", "Realisasi", F_DATA_XL),
        _km("Ind", "keterangan", "Keterangan", lebar=30, bernama=False),
        _km("Ind", "tujuan_rpjmd", "Tujuan RPJMD", lebar=30),
        _km("Ind", "sasaran_rpjmd", "Sasaran RPJMD", lebar=30),
        _km("Ind", "tujuan", "Tujuan", lebar=30),
        _km("Ind", "sasaran", "Sasaran", lebar=30),
        _km("Ind", "program", "Program", lebar=16),
        _km("Ind", "kegiatan", "Kegiatan", lebar=18),
        # written by Konsolidasi from the findings (never by the bidang): the No of the
        # row's first warning in Pemeriksaan, and the audit's own figure when it has one
        _km("Ind", "periksa", "Periksa", "0", 8),
        _km("Ind", "hitungan", "Hitungan", F_DATA_XL),
        _km("Ind", "sumber", "Sumber", lebar=30, bernama=False),
    ),
    "Indikator dari semua bidang; diisi ulang oleh Konsolidasi.",
)

DATA_ANGGARAN = LembarMilik(
    "Data Anggaran",
    (
        _km("Ang", "bidang", "Bidang", lebar=24),
        _km("Ang", "kode", "Kode", lebar=18),
        _km("Ang", "program", "Program", lebar=30),
        _km("Ang", "kegiatan", "Kegiatan", lebar=30),
        _km("Ang", "sub_kegiatan", "Sub Kegiatan", lebar=40),
        _km("Ang", "tahun", "Tahun", "0", 8),
        _km("Ang", "pagu", "Pagu", F_UANG_XL, 18),
        _km("Ang", "tw1", "TW I", F_UANG_XL, 16),
        _km("Ang", "tw2", "TW II", F_UANG_XL, 16),
        _km("Ang", "tw3", "TW III", F_UANG_XL, 16),
        _km("Ang", "tw4", "TW IV", F_UANG_XL, 16),
        _km("Ang", "realisasi", "Realisasi", F_UANG_XL, 18),
        _km("Ang", "fisik", "Fisik (%)", F_PERSEN_XL, 10),
        _km("Ang", "periksa", "Periksa", "0", 8),
        _km("Ang", "sumber", "Sumber", lebar=30, bernama=False),
    ),
    "Sub kegiatan dari semua bidang; diisi ulang oleh Konsolidasi.",
)

DATA_STATISTIK = LembarMilik(
    "Data Statistik",
    (
        _km("Stat", "bidang", "Bidang", lebar=24),
        _km("Stat", "kode", "Kode", lebar=10),
        _km("Stat", "uraian", "Uraian", lebar=48),
        _km("Stat", "satuan", "Satuan", lebar=11),
        _km("Stat", "tahun", "Tahun", "0", 8),
        _km("Stat", "nilai", "Nilai", F_DATA_XL, 18),
        _km("Stat", "periksa", "Periksa", "0", 8),
        _km("Stat", "sumber", "Sumber", lebar=30, bernama=False),
    ),
    "Deret data (satu baris per kode dan tahun); diisi ulang oleh Konsolidasi.",
)

PEMERIKSAAN = LembarMilik(
    "Pemeriksaan",
    (
        KolomMilik("no", "No", None, "0", 5),
        KolomMilik("tingkat", "Tingkat", None, "General", 11),
        KolomMilik("bidang", "Bidang", None, "General", 18),
        KolomMilik("tab", "Tab", None, "General", 10),
        KolomMilik("sel", "Sel", None, "General", 12),
        # a number's format follows the message (temuan.format_nilai), cell by cell
        KolomMilik("nilai", "Nilai", None, "General", 17),
        KolomMilik("pesan", "Pesan", None, "General", 46),
        KolomMilik("berkas", "Berkas", None, "General", 18),
        # written as text, and as a hyperlink to the file and cell (sync/model/tautan.py)
        KolomMilik("tautan", "Tautan", None, "General", 22),
    ),
    "Temuan pemeriksaan dari konsolidasi terakhir.",
)

RIWAYAT = LembarMilik(
    "Riwayat",
    (
        KolomMilik("waktu", "Waktu", None, "dd/mm/yyyy hh:mm:ss", 20),
        KolomMilik("pengguna", "Pengguna", None, "General", 14),
        KolomMilik("tahun", "Tahun", None, "0", 8),
        KolomMilik("sumber", "Sumber", None, "General", 60),
        KolomMilik("indikator", "Baris Indikator", None, "0", 10),
        KolomMilik("anggaran", "Baris Anggaran", None, "0", 10),
        KolomMilik("statistik", "Baris Statistik", None, "0", 10),
        KolomMilik("galat", "Kesalahan", None, "0", 10),
        KolomMilik("peringatan", "Peringatan", None, "0", 10),
        KolomMilik("hasil", "Hasil", None, "General", 14),
        KolomMilik("keterangan", "Keterangan", None, "General", 40),
        # after Keterangan, so the rows older masters hold keep their columns
        KolomMilik("ditambah", "Baris Ditambah", None, "0", 10),
        KolomMilik("dihapus", "Baris Dihapus", None, "0", 10),
        KolomMilik("diubah", "Baris Diubah", None, "0", 10),
        KolomMilik("durasi", "Durasi (detik)", None, "0.0", 9),
        KolomMilik("cadangan", "Cadangan", None, "General", 34),
    ),
    "Satu baris untuk setiap konsolidasi.",
)

LEMBAR_MILIK = (DATA_INDIKATOR, DATA_ANGGARAN, DATA_STATISTIK, PEMERIKSAAN, RIWAYAT)


def indeks_kolom(lembar: LembarMilik, kunci: str) -> int | None:
    """0-based index of the column `kunci`, None if the sheet has none."""
    return next((j for j, k in enumerate(lembar.kolom) if k.kunci == kunci), None)


# Pemeriksaan's long texts, wrapped on screen and on paper
BUNGKUS_PEMERIKSAAN = ("bidang", "pesan", "berkas", "tautan")
TINGGI_BARIS = 15.0  # points per line of Calibri 11 (Excel's default row height)


def tinggi_baris(lembar: LembarMilik, baris: Sequence[Sequence[object]]) -> list[float] | None:
    """Pemeriksaan's row heights (points) for its wrapped texts, estimated generously (a
    line holds one character less than the column's width in digits): viewers that do
    not fit rows to wrapped text on opening (LibreOffice uses the stored heights) then
    show every line instead of text running into the next row. None for other sheets."""
    if lembar.nama != PEMERIKSAAN.nama:
        return None
    kolom = [(j, max(1.0, k.lebar - 1)) for j, k in enumerate(lembar.kolom)
             if k.kunci in BUNGKUS_PEMERIKSAAN]
    hasil = []
    for b in baris:
        baris_teks = max((-(-len(str(b[j])) // int(n)) for j, n in kolom
                          if j < len(b) and b[j] not in (None, "")), default=1)
        hasil.append(TINGGI_BARIS * min(max(baris_teks, 1), 27))  # Excel's cap: 409 pt
    return hasil


def format_per_baris(lembar: LembarMilik, baris: Sequence[Sequence[object]]
                     ) -> dict[int, list[str | None]]:
    """Column index -> each row's number format (None: the column's own), for the
    columns whose format depends on the row: Pemeriksaan's Nilai, shown the way the
    finding's message speaks of it (both writers apply it)."""
    j, k = indeks_kolom(lembar, "nilai"), indeks_kolom(lembar, "pesan")
    if lembar.nama != PEMERIKSAAN.nama or j is None or k is None:
        return {}
    return {j: [format_nilai(b[j], b[k]) if len(b) > max(j, k) else None for b in baris]}
NAMA_LEMBAR_MILIK = tuple(lembar.nama for lembar in LEMBAR_MILIK)

# Pengaturan: the master's configuration sheet (read, never written by the tool).
# The report year sits in the cell named Tahun_Laporan (or right of a label
# "Tahun Laporan"); the sources table is found by its header row, anywhere on
# the sheet, one row per bidang.
PENGATURAN = "Pengaturan"
NAMA_TAHUN = "Tahun_Laporan"  # defined name of the report year cell
LABEL_TAHUN = "Tahun Laporan"
SUMBER = Tab(
    nama="Sumber",
    kunci_unik=("bidang",),
    keterangan="Daftar sumber data bidang di lembar Pengaturan.",
    kolom=(
        Kolom("bidang", "Bidang", TEKS, wajib=True, alias=("Nama Bidang", "Unit Kerja"),
              keterangan="Nama bidang seperti ditulis di laporan.", lebar=48),
        Kolom("singkatan", "Singkatan", TEKS, alias=("Nama Pendek", "Kode Bidang"),
              keterangan="Nama pendek bidang untuk tabel ringkas.", lebar=14),
        Kolom("alamat", "Alamat", TEKS, wajib=True,
              alias=("Sumber", "Alamat Sumber", "Berkas", "URL", "Tautan"),
              keterangan="Alamat Google Sheets atau path berkas .xlsx/.csv (relatif terhadap "
              "folder workbook induk).", lebar=60),
        Kolom("aktif", "Aktif", PILIHAN, alias=("Dipakai", "Status"), pilihan=("ya", "tidak"),
              keterangan="ya = ikut dikonsolidasi (bawaan), tidak = dilewati.", lebar=8),
    ),
)


class BarisKolom(Sequence):
    """A sheet's rows held as its columns: the one form of a sheet in a Rencana.

    The file writer works a column at a time and reads the columns directly (no list
    per row to build, transpose and free: 80,000 rows per sheet); everything else
    sees plain rows: indexing and iterating give lists, and it compares equal to the
    same rows as lists (trailing blank cells ignored, as a sheet shows them). The
    columns are not changed once the plan is made (their types are computed once).
    """

    __slots__ = ("kolom", "_n", "_tipe")

    def __init__(self, kolom: list[list[object]]):
        panjang = set(map(len, kolom))
        if len(panjang) > 1:
            raise ValueError("semua kolom harus sama panjang")
        self.kolom = kolom
        self._n = panjang.pop() if panjang else 0
        self._tipe: list[set[type]] | None = None

    @classmethod
    def dari_baris(cls, baris: Iterable[Sequence[object]]) -> BarisKolom:
        """Rows (lists, possibly ragged: a short row is blank to the right) as columns."""
        if isinstance(baris, BarisKolom):
            return baris
        baris = [list(r) for r in baris]
        if len(set(map(len, baris))) <= 1:  # even rows: plain zip is 3x faster
            return cls(list(map(list, zip(*baris, strict=True))))  # no cells: no rows
        return cls(list(map(list, zip_longest(*baris, fillvalue=None))))

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return [k[i] for k in self.kolom]

    def __iter__(self):
        return map(list, zip(*self.kolom, strict=True))

    def __eq__(self, lain: object) -> bool:
        if isinstance(lain, Sequence) and not isinstance(lain, str):
            return len(lain) == self._n and all(map(_sama_baris, self, lain))
        return NotImplemented

    __hash__ = None

    def tipe(self) -> list[set[type]]:
        """The set of value types in each column, computed once (the write's checks
        and its choice of fast path both need it)."""
        if self._tipe is None:
            self._tipe = [set(map(type, k)) for k in self.kolom]
        return self._tipe

    def __repr__(self) -> str:
        return f"BarisKolom({len(self.kolom)} kolom x {self._n} baris)"


def _sama_baris(a: list, b) -> bool:
    """Two rows hold the same cells; blank cells at the right end do not count."""
    b = b if isinstance(b, list) else list(b)
    if len(a) == len(b):
        return a == b
    pendek, panjang = (a, b) if len(a) < len(b) else (b, a)
    return panjang[:len(pendek)] == pendek and all(v is None for v in panjang[len(pendek):])


class _Lembar(dict):
    """A Rencana's sheets: whatever rows are given are held as a BarisKolom."""

    def __init__(self, isi=()):
        super().__init__()
        for k, v in dict(isi).items():
            self[k] = v

    def __setitem__(self, nama: str, baris) -> None:
        super().__setitem__(nama, BarisKolom.dari_baris(baris))


@dataclass
class Rencana:
    """What the writer must put into the master: the full data rows (without the
    header) of each owned sheet it names; sheets not named are left alone.

    Cells are None, str, bool, int or float. Every sheet is a BarisKolom, however its
    rows were given (a list of rows is converted). The pipeline builds whole sheets,
    Riwayat included (it reads the old rows and appends one), so both writers only
    ever replace.
    """

    lembar: dict[str, BarisKolom] = field(default_factory=_Lembar)
    # what the plan changes against the rows it was made from, per data sheet
    # (rencana.perubahan.Perubahan), counted once while planning for the Riwayat row
    perubahan: dict[str, object] = field(default_factory=dict)

    def __setattr__(self, nama: str, nilai: object) -> None:
        if nama == "lembar" and not isinstance(nilai, _Lembar):  # plan.lembar = {...} too
            nilai = _Lembar(nilai)
        object.__setattr__(self, nama, nilai)


def lembar_milik(nama: str) -> LembarMilik:
    return next(lembar for lembar in LEMBAR_MILIK if lembar.nama == nama)
