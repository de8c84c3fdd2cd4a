"""The seed report's data as five bidang, ready to be written into the bidang template.

The seed is the LKjIP 2021 of Dinas Koperasi dan Usaha Mikro Kota Batam
(tests/data/lkjip-2021-dinas-koperasi-batam.txt). Every number below names the seed table
and line (`l.`) it comes from; docs/dev/data-contoh.md explains each choice where the
seed is garbled or contradicts itself. The contradictions are kept on purpose
(stated values with Rumus/Acuan) so that the consolidation's audit finds them.

Percentages are fractions (0.2052 is 20.52%); amounts are whole rupiah unless
the seed prints sen.
"""

from __future__ import annotations

from dataclasses import dataclass

TAHUN_ANGGARAN = 2021  # Tabel 3.8 heading: "Bulan Desember 2021" (l.1005)


@dataclass(frozen=True)
class Indikator:
    """One indicator: per year (target, realisasi, keterangan); one template row per year."""

    kode: str
    indikator: str
    satuan: str
    arah: str
    sifat: str
    tahun: dict[int, tuple[float | None, float | None, str]]
    rumus: str | None = None
    acuan: str | None = None


@dataclass(frozen=True)
class Anggaran:
    """One sub-activity of Tabel 3.8 (budget year 2021): annual figures only."""

    kode: str
    program: str
    kegiatan: str
    sub_kegiatan: str
    pagu: int
    realisasi: int
    fisik: float


@dataclass(frozen=True)
class Statistik:
    """One series; a str value is kept as text exactly as the seed prints it."""

    kode: str
    uraian: str
    satuan: str
    nilai: dict[int, float | int | str]
    rumus: str | None = None
    acuan: str | None = None


@dataclass(frozen=True)
class Bidang:
    berkas: str
    nama: str
    singkatan: str
    indikator: tuple[Indikator, ...] = ()
    anggaran: tuple[Anggaran, ...] = ()
    statistik: tuple[Statistik, ...] = ()


# --- Budget nomenclature (Permendagri 90/2019, urusan 2.17) ---------------------------

P_PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"   # 2.17.01
P_KESEHATAN = "PROGRAM PENILAIAN KESEHATAN KSP/USP KOPERASI"                  # 2.17.04
P_DIKLAT = "PROGRAM PENDIDIKAN DAN LATIHAN PERKOPERASIAN"                     # 2.17.05
P_UMKM = "PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)"  # 2.17.07
P_PENGEMBANGAN = "PROGRAM PENGEMBANGAN UMKM"                                  # 2.17.08

K_KEUANGAN = "Administrasi Keuangan Perangkat Daerah"                          # .2.02
K_KEPEGAWAIAN = "Administrasi Kepegawaian Perangkat Daerah"                    # .2.05
K_UMUM = "Administrasi Umum Perangkat Daerah"                                  # .2.06
K_PENGADAAN = "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah"  # .2.07
K_JASA = "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah"                # .2.08
K_PEMELIHARAAN = "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah"  # .2.09
K_KESEHATAN = ("Penilaian Kesehatan Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi yang "
               "Wilayah Keanggotaanya dalam 1 (satu) Daerah Kabupaten/Kota")   # 2.17.04.2.01
K_DIKLAT_KOP = ("Pendidikan dan Latihan Perkoperasian Bagi Koperasi yang Wilayah Keanggotaan "
                "dalam Daerah Kabupaten/Kota")                                 # 2.17.05.2.01
K_DIKLAT_UM = ("Pendidikan dan Pelatihan SDM Usaha Mikro dalam 1 (satu) Daerah "
               "Kabupaten/Kota")                                               # 2.17.05.2.03
K_PEMBERDAYAAN_UM = ("Pemberdayaan Usaha Mikro yang Dilakukan melalui Pendataan, Kemitraan, "
                     "Kemudahan Perizinan, Penguatan Kelembagaan dan Koordinasi dengan Para "
                     "Pemangku Kepentingan")                                   # 2.17.07.2.01
K_PENGEMBANGAN_UM = ("Pengembangan Usaha Mikro dengan Orientasi Peningkatan Skala Usaha Menjadi "
                     "Usaha Kecil")                                            # 2.17.08.2.01


# --- 01 Sekretariat --------------------------------------------------------------------

SEKRETARIAT = Bidang(
    berkas="01-sekretariat.xlsx",
    nama="Sekretariat",
    singkatan="Sekretariat",
    indikator=(
        Indikator(
            "IK-SEK-01", "Pertumbuhan omzet koperasi dan usaha mikro", "%", "positif", "akhir",
            {
                2020: (0.1739, 0.1739, "baseline (Tabel 2.5); target 2020 dari Tabel 2.6"),
                # target: Tabel 2.6 l.846; realisasi = baseline Tabel 2.5 l.802
                2021: (0.2069, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.802
                2022: (0.2334, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.802
                2023: (0.2551, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.802
                2024: (0.2821, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.802
                2025: (0.3120, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.802
                2026: (0.3434, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.802
            },
            rumus="pertumbuhan", acuan="ST-OMZET",
        ),
    ),
    anggaran=(
        # Tabel 3.8 ("TABEL 3.4" in the text), program 1. Pagu = realisasi + sisa where
        # the pagu cell is lost in the layout; fisik = "Realisasi s/d Bulan Laporan (%)".
        Anggaran("2.17.01.2.02.01", P_PENUNJANG, K_KEUANGAN,
                 "Penyediaan Gaji dan Tunjangan ASN",
                 6_740_784_489, 5_695_937_122, 0.8450),  # l.1010-1011; sisa 1,044,847,367
        Anggaran("2.17.01.2.02.03", P_PENUNJANG, K_KEUANGAN,
                 "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
                 88_810_000, 53_854_000, 0.6064),  # l.1012; pagu = 53,854,000 + sisa 34,956,000
        Anggaran("2.17.01.2.05.02", P_PENUNJANG, K_KEPEGAWAIAN,
                 "Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya",
                 58_000_000, 27_000_000, 0.4655),  # l.1013; pagu = 27,000,000 + sisa 31,000,000
        Anggaran("2.17.01.2.06.01", P_PENUNJANG, K_UMUM,
                 "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
                 3_053_000, 2_831_000, 0.9273),  # l.1014; pagu = 2,831,000 + sisa 222,000
        Anggaran("2.17.01.2.06.02", P_PENUNJANG, K_UMUM,
                 "Penyediaan Peralatan dan Perlengkapan Kantor",
                 56_081_500, 47_144_800, 0.8406),  # l.1015-1016; sisa 8,936,700
        Anggaran("2.17.01.2.06.04", P_PENUNJANG, K_UMUM,
                 "Penyediaan Bahan Logistik Kantor",
                 35_602_000, 30_643_000, 0.8607),  # l.1017-1019; sisa 4,959,000
        Anggaran("2.17.01.2.06.05", P_PENUNJANG, K_UMUM,
                 "Penyediaan Barang Cetakan dan Penggandaan",
                 23_142_000, 14_885_000, 0.6432),  # l.1021; pagu = 14,885,000 + sisa 8,257,000
        Anggaran("2.17.01.2.06.09", P_PENUNJANG, K_UMUM,
                 "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                 46_008_000, 3_442_000, 0.0748),  # l.1022; pagu = 3,442,000 + sisa 42,566,000
        Anggaran("2.17.01.2.07.05", P_PENUNJANG, K_PENGADAAN,
                 "Pengadaan Mebel",
                 198_000_000, 187_620_000, 0.9476),  # l.1023; pagu = 187,620,000 + sisa 10,380,000
        Anggaran("2.17.01.2.07.06", P_PENUNJANG, K_PENGADAAN,
                 "Pengadaan Peralatan dan Mesin Lainnya",
                 239_818_500, 220_388_000, 0.9190),  # l.1026-1027 (one line printed twice)
        Anggaran("2.17.01.2.07.10", P_PENUNJANG, K_PENGADAAN,
                 "Pengadaan Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya",
                 237_330_000, 192_844_000, 0.8126),  # l.1028; pagu = 192,844,000 + 44,486,000
        Anggaran("2.17.01.2.08.02", P_PENUNJANG, K_JASA,
                 "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
                 317_559_200, 153_399_651, 0.4831),  # l.1032; pagu = 153,399,651 + 164,159,549
        Anggaran("2.17.01.2.08.04", P_PENUNJANG, K_JASA,
                 "Penyediaan Jasa Pelayanan Umum Kantor",
                 379_096_800, 347_348_432, 0.9163),  # l.1033-1034; sisa 31,748,368
        Anggaran("2.17.01.2.09.01", P_PENUNJANG, K_PEMELIHARAAN,
                 "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan "
                 "Perorangan Dinas atau Kendaraan Dinas Jabatan",
                 17_777_500, 7_280_000, 0.4095),  # l.1038-1039; sisa 10,497,500
        Anggaran("2.17.01.2.09.02", P_PENUNJANG, K_PEMELIHARAAN,
                 "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan "
                 "Kendaraan Dinas Operasional atau Lapangan",
                 158_507_300, 74_547_300, 0.4703),  # l.1040-1041; pagu = 74,547,300 + 83,960,000
        Anggaran("2.17.01.2.09.06", P_PENUNJANG, K_PEMELIHARAAN,
                 "Pemeliharaan Peralatan dan Mesin Lainnya",
                 26_630_000, 15_113_100, 0.5675),  # l.1043; sisa 11,516,900
    ),
    statistik=(
        Statistik("ST-OMZET", "Omzet koperasi dan usaha mikro (realisasi)", "Rp",
                  {2020: 288_278_966_246}),  # Tabel 2.5 l.803 / Tabel 2.6 l.847
        Statistik("ST-OMZET-TGT", "Target omzet koperasi dan usaha mikro (Renstra 2021-2026)",
                  "Rp",
                  # Tabel 2.5 l.803 prints only the leading digits (347,931,102, ...); the
                  # full value is ST-KOP-OMZET-TGT + ST-UM-OMZET-TGT, which matches them.
                  {2021: 347_931_102_220.41, 2022: 429_151_826_190.76,
                   2023: 538_614_129_963.85, 2024: 690_577_706_302.82,
                   2025: 906_047_756_190.16, 2026: 1_217_215_349_166.66}),
        Statistik("ST-KOP-AKTIF-NASKAH",
                  "Jumlah koperasi aktif menurut naskah LKjIP (uraian Bab II dan III)",
                  "koperasi",
                  {2016: 222, 2017: 224, 2018: 228, 2019: 230, 2020: 235},  # l.740 and l.897
                  rumus="sama", acuan="ST-KOP-AKTIF"),
    ),
)


# --- 02 Bidang Izin USP/KSP, Pengawasan dan Pemeriksaan ------------------------------

IZIN = Bidang(
    berkas="02-izin-usp-ksp.xlsx",
    nama="Bidang Izin USP/KSP, Pengawasan dan Pemeriksaan",
    singkatan="Izin USP/KSP",
    indikator=(
        Indikator(
            "IK-USP-01", "Persentase koperasi yang diperiksa dan diawasi", "%", "positif",
            "akhir",
            {
                2020: (None, 0.0170, "baseline (Tabel 2.5)"),  # Tabel 2.5 l.822 (4/235!)
                2021: (0.0077, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.822
                2022: (0.0216, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.822
                2023: (0.0296, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.822
                2024: (0.0352, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.822
                2025: (0.0455, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.822
                2026: (0.0532, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.822
            },
            rumus="rasio", acuan="ST-KOP-DIPERIKSA/ST-KOP",
        ),
    ),
    statistik=(
        Statistik("ST-KOP-DIPERIKSA", "Jumlah koperasi yang diperiksa dan diawasi", "koperasi",
                  {2020: 4}),  # Tabel 2.5 l.822 (baseline column)
        Statistik("ST-KOP-DIPERIKSA-TGT",
                  "Target jumlah koperasi yang diperiksa dan diawasi (Renstra 2021-2026)",
                  "koperasi",
                  {2021: 7, 2022: 20, 2023: 28, 2024: 34, 2025: 45, 2026: 54}),  # Tabel 2.5 l.822
    ),
)


# --- 03 Bidang Penilaian Kesehatan USP/KSP -------------------------------------------

KESEHATAN = Bidang(
    berkas="03-penilaian-kesehatan.xlsx",
    nama="Bidang Penilaian Kesehatan USP/KSP",
    singkatan="Penilaian Kesehatan",
    indikator=(
        Indikator(
            "IK-KES-01", "Pertumbuhan koperasi yang melaksanakan RAT", "%", "positif", "akhir",
            {
                2020: (None, 0.0476, "baseline (Tabel 2.5)"),  # Tabel 2.5 l.820
                2021: (0.0909, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.820
                2022: (0.1042, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.820
                2023: (0.1321, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.820
                2024: (0.1500, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.820
                2025: (0.1739, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.820
                2026: (0.1852, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.820
            },
            rumus="pertumbuhan", acuan="ST-KOP-RAT",
        ),
    ),
    anggaran=(
        Anggaran("2.17.04.2.01.01", P_KESEHATAN, K_KESEHATAN,
                 "Pelaksanaan Penilaian Kesehatan KSP/USP Koperasi Kewenangan Kabupaten/Kota",
                 151_199_500, 0, 0.0),  # Tabel 3.8 l.1044; sisa 151,199,500
    ),
    statistik=(
        Statistik("ST-KOP-RAT", "Jumlah koperasi yang melaksanakan RAT", "koperasi",
                  {2020: 44}),  # Tabel 2.5 l.820 (baseline column)
        Statistik("ST-KOP-RAT-TGT",
                  "Target jumlah koperasi yang melaksanakan RAT (Renstra 2021-2026)",
                  "koperasi",
                  {2021: 48, 2022: 53, 2023: 60, 2024: 69, 2025: 81, 2026: 96}),  # Tabel 2.5 l.820
    ),
)


# --- 04 Bidang Pemberdayaan dan Perlindungan Koperasi --------------------------------

KOPERASI = Bidang(
    berkas="04-koperasi.xlsx",
    nama="Bidang Pemberdayaan dan Perlindungan Koperasi",
    singkatan="Koperasi",
    indikator=(
        Indikator(
            "IK-KOP-01", "Persentase koperasi aktif", "%", "positif", "akhir",
            {
                2015: (0.19, 0.2052, "Tabel 3.7 (data dasar awal RPJMD)"),  # Tabel 3.7 l.993-994
                2016: (0.20, 0.2265, "Tabel 3.7"),  # Tabel 3.7 l.993-994
                2017: (0.21, 0.2333, "Tabel 3.7"),  # Tabel 3.7 l.993-994 ("23.33 %")
                2018: (0.22, 0.2297, "Tabel 3.7"),  # Tabel 3.7 l.993-994 ("22.97 %")
                2019: (0.23, 0.2129, "Tabel 3.7"),  # Tabel 3.7 l.993-994 (207/1052 = 19.68%)
                2020: (0.24, 0.2429, "Tabel 3.7"),  # Tabel 3.7 l.993-994 (222/1072 = 20.71%)
                2021: (0.25, 0.2420, "Tabel 3.7"),  # Tabel 3.7 l.993-994 (233/1092 = 21.34%)
            },
            rumus="rasio", acuan="ST-KOP-AKTIF-RPJMD/ST-KOP-RPJMD",
        ),
        Indikator(
            "IK-KOP-02", "Jumlah koperasi aktif", "koperasi", "positif", "akhir",
            {
                # Tabel 3.5 l.964: its "target" equals the total number of cooperatives of
                # Tabel 3.7, so its "rasio capaian" (23%, 23%, 23%, 20%, 21%) is the share.
                2016: (980, 222, "Tabel 3.5; target = jumlah koperasi"),  # Tabel 3.5 l.964
                2017: (986, 230, "Tabel 3.5; target = jumlah koperasi"),  # Tabel 3.5 l.964
                2018: (1010, 232, "Tabel 3.5; target = jumlah koperasi"),  # Tabel 3.5 l.964
                2019: (1052, 207, "Tabel 3.5; target = jumlah koperasi"),  # Tabel 3.5 l.964
                2020: (1072, 223, "Tabel 3.5; target = jumlah koperasi"),  # Tabel 3.5 l.964
            },
            rumus="sama", acuan="ST-KOP-AKTIF-RPJMD",
        ),
        Indikator(
            "IK-KOP-03", "Pertumbuhan omzet koperasi", "%", "positif", "akhir",
            {
                2020: (0.1880, 0.1880, "IKU (Tabel 3.9); baseline Tabel 2.5, target Tabel 2.6"),
                # target: Tabel 2.6 l.850; realisasi = baseline Tabel 2.5 l.808/l.818
                2021: (0.20, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.808
                2022: (0.21, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.808
                2023: (0.22, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.808
                2024: (0.23, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.808
                2025: (0.24, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.808
                2026: (0.25, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.808
            },
            rumus="pertumbuhan", acuan="ST-KOP-VOLUME",
        ),
        Indikator(
            "IK-KOP-04", "Pertumbuhan koperasi aktif", "%", "positif", "akhir",
            {
                2020: (None, 0.0217, "baseline (Tabel 2.5)"),  # Tabel 2.5 l.819
                2021: (0.0255, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.819
                2022: (0.0373, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.819
                2023: (0.0480, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.819
                2024: (0.0611, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.819
                2025: (0.0755, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.819
                2026: (0.0870, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.819
            },
            rumus="pertumbuhan", acuan="ST-KOP-AKTIF",
        ),
        Indikator(
            "IK-KOP-05", "Pertumbuhan jumlah koperasi terdaftar (aktif dan tidak aktif)", "%",
            "positif", "akhir",
            {
                2020: (None, -0.1134, "baseline (Tabel 2.5)"),  # Tabel 2.5 l.821
                2021: (0.0145, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.821
                2022: (0.0175, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.821
                2023: (0.0194, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.821
                2024: (0.0201, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.821
                2025: (0.0249, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.821
                2026: (0.0263, None, "target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.821
            },
            rumus="pertumbuhan", acuan="ST-KOP",
        ),
    ),
    anggaran=(
        Anggaran("2.17.05.2.01.01", P_DIKLAT, K_DIKLAT_KOP,
                 "Peningkatan Pemahaman dan Pengetahuan Perkoperasian serta Kapasitas dan "
                 "Kompetensi SDM Koperasi",
                 214_429_500, 207_936_840, 0.9697),  # Tabel 3.8 l.1045 = l.1049 (printed twice)
    ),
    statistik=(
        Statistik("ST-KOP-ANGGOTA", "Jumlah anggota koperasi", "orang",
                  {2016: 13_100, 2017: 17_200, 2018: 15_733, 2019: 26_100,
                   2020: 36_507}),  # Tabel 2.1 l.736 (= Tabel 3.1 l.893)
        Statistik("ST-KOP", "Jumlah koperasi", "koperasi",
                  {2016: 982, 2017: 988, 2018: 1010, 2019: 1014,
                   2020: 899}),  # Tabel 2.2 l.747 (= Tabel 3.2 l.905)
        Statistik("ST-KOP-AKTIF", "Jumlah koperasi aktif", "koperasi",
                  {2016: 222, 2017: 224, 2018: 238, 2019: 230,
                   2020: 235}),  # Tabel 2.2 l.748 (= Tabel 2.3 l.763, Tabel 3.2 l.906)
        Statistik("ST-KOP-PERSEN-AKTIF", "Persentase koperasi aktif", "%",
                  {2016: 0.23, 2017: 0.23, 2018: 0.24, 2019: 0.23,
                   2020: 0.26},  # Tabel 2.2 l.749 (whole percents)
                  rumus="rasio", acuan="ST-KOP-AKTIF/ST-KOP"),
        Statistik("ST-KOP-VOLUME", "Volume usaha koperasi aktif", "Rp",
                  # text exactly as printed in Tabel 3.3 l.921 (Tabel 2.3 l.764-767 wraps the
                  # same cells): three number styles in one row, kept as text on purpose
                  {2016: "240,310,486", 2017: "112,503,553,626", 2018: "86,934,125,323",
                   2019: "218,401,065,307", 2020: "259.515.461.246"}),
        Statistik("ST-KOP-RPJMD", "Jumlah koperasi (Tabel 3.7, capaian RPJMD)", "koperasi",
                  {2015: 960, 2016: 980, 2017: 986, 2018: 1010, 2019: 1052, 2020: 1072,
                   2021: 1092},  # Tabel 3.7 l.991
                  rumus="sama", acuan="ST-KOP"),
        Statistik("ST-KOP-AKTIF-RPJMD", "Jumlah koperasi aktif (Tabel 3.7, capaian RPJMD)",
                  "koperasi",
                  {2015: 197, 2016: 222, 2017: 230, 2018: 232, 2019: 207, 2020: 222,
                   2021: 233},  # Tabel 3.7 l.992
                  rumus="sama", acuan="ST-KOP-AKTIF"),
        Statistik("ST-KOP-TGT", "Target jumlah koperasi terdaftar (Renstra 2021-2026)",
                  "koperasi",
                  {2021: 912, 2022: 928, 2023: 946, 2024: 965, 2025: 989,
                   2026: 1015}),  # Tabel 2.5 l.821
        Statistik("ST-KOP-AKTIF-TGT", "Target jumlah koperasi aktif (Renstra 2021-2026)",
                  "koperasi",
                  {2021: 241, 2022: 250, 2023: 262, 2024: 278, 2025: 299,
                   2026: 325}),  # Tabel 2.5 l.819
        Statistik("ST-KOP-OMZET-TGT", "Target omzet koperasi (Renstra 2021-2026)", "Rp",
                  {2021: 311_418_553_495, 2022: 376_816_449_729, 2023: 459_716_068_670,
                   2024: 565_450_764_464, 2025: 701_158_947_935,
                   2026: 876_448_684_919}),  # Tabel 2.5 l.818
    ),
)


# --- 05 Bidang Pemberdayaan dan Pengembangan Usaha Mikro -----------------------------

USAHA_MIKRO = Bidang(
    berkas="05-usaha-mikro.xlsx",
    nama="Bidang Pemberdayaan dan Pengembangan Usaha Mikro",
    singkatan="Usaha Mikro",
    indikator=(
        Indikator(
            "IK-UM-01", "Jumlah usaha mikro yang dibina", "usaha mikro", "positif", "kumulatif",
            {
                2015: (855, 80, "Tabel 3.7 (data dasar awal RPJMD)"),  # Tabel 3.7 l.995, l.998
                2016: (900, 130, "Tabel 3.7 = Tabel 3.5 baris 1"),  # T3.7 l.995/998; T3.5 l.962
                2017: (1077, 440, "Tabel 3.7 = Tabel 3.5 baris 1"),  # T3.7 l.995/998; T3.5 l.962
                2018: (1154, 495, "Tabel 3.7 = Tabel 3.5 baris 1"),  # T3.7 l.995/998; T3.5 l.962
                2019: (1257, 525, "Tabel 3.7 = Tabel 3.5 baris 1"),  # T3.7 l.995/998; T3.5 l.962
                2020: (1368, 585, "Tabel 3.7 = Tabel 3.5 baris 1"),  # T3.7 l.995/998; T3.5 l.962
                2021: (1545, 183, "Tabel 3.7"),  # Tabel 3.7 l.995, l.998
            },
        ),
        Indikator(
            "IK-UM-02", "Persentase usaha mikro yang dibina", "%", "positif", "akhir",
            {
                2015: (0.10, 0.09, "Tabel 3.7 (data dasar awal RPJMD)"),  # Tabel 3.7 l.996, l.999
                2016: (0.15, 0.15, "Tabel 3.7"),  # Tabel 3.7 l.996, l.999
                2017: (0.26, 0.51, "Tabel 3.7"),  # Tabel 3.7 l.996, l.999
                2018: (0.35, 0.57, "Tabel 3.7"),  # Tabel 3.7 l.996, l.999
                2019: (0.47, 0.60, "Tabel 3.7"),  # Tabel 3.7 l.996, l.999
                2020: (0.60, 0.64, "Tabel 3.7"),  # Tabel 3.7 l.996, l.999
                2021: (0.70, 0.90, "Tabel 3.7"),  # Tabel 3.7 l.996, l.999
            },
        ),
        Indikator(
            "IK-UM-03", "Jumlah sentra UMKM yang dibentuk", "sentra", "positif", "kumulatif",
            {
                2016: (0, 0, "Tabel 3.5 baris 2"),  # Tabel 3.5 l.963
                2017: (100, 0, "Tabel 3.5 baris 2 (target tercetak '100.')"),  # Tabel 3.5 l.963
                2018: (100, 0, "Tabel 3.5 baris 2 (target tercetak '100.')"),  # Tabel 3.5 l.963
                2019: (100, 0, "Tabel 3.5 baris 2 (target tercetak '100.')"),  # Tabel 3.5 l.963
                2020: (0, 0, "Tabel 3.5 baris 2"),  # Tabel 3.5 l.963
            },
        ),
        Indikator(
            "IK-UM-04", "Pertumbuhan omzet usaha mikro", "%", "positif", "akhir",
            {
                2020: (0.1598, 0.1598, "IKU (Tabel 3.9); baseline Tabel 2.5, target Tabel 2.6"),
                # target: Tabel 2.6 l.852; realisasi = baseline Tabel 2.5 l.823
                2021: (0.2694, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.823
                2022: (0.4334, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.823
                2023: (0.5075, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.823
                2024: (0.5859, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.823
                2025: (0.6374, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.823
                2026: (0.6632, None, "IKU; target Renstra (Tabel 2.5)"),  # Tabel 2.5 l.823
            },
            rumus="pertumbuhan", acuan="ST-UM-OMZET",
        ),
    ),
    anggaran=(
        Anggaran("2.17.05.2.03.01", P_DIKLAT, K_DIKLAT_UM,
                 "Peningkatan Pemahaman dan Pengetahuan Usaha Mikro serta Kapasitas dan "
                 "Kompetensi SDM Usaha Mikro",
                 175_874_500, 169_689_900, 0.9648),  # Tabel 3.8 l.1047; sisa 6,184,600
        Anggaran("2.17.07.2.01.01", P_UMKM, K_PEMBERDAYAAN_UM,
                 # the seed names only the activity; sub-activity 01 is our choice
                 "Pendataan Potensi dan Pengembangan Usaha Mikro",
                 335_370_000, 251_134_400, 0.7488),  # Tabel 3.8 l.1046 = l.1050 (printed twice)
        Anggaran("2.17.08.2.01.01", P_PENGEMBANGAN, K_PENGEMBANGAN_UM,
                 "Fasilitasi Usaha Mikro Menjadi Usaha Kecil dalam Pengembangan Produksi dan "
                 "Pengolahan, Pemasaran, SDM, serta Desain dan Teknologi",
                 393_054_000, 384_118_500, 0.9773),  # Tabel 3.8 l.1051-1052; sisa 8,935,500
    ),
    statistik=(
        Statistik("ST-UM", "Jumlah usaha mikro", "usaha mikro",
                  {2017: 1077, 2018: 1171, 2019: 1194,
                   2020: 1462}),  # Tabel 2.4 l.786 (= Tabel 3.4 l.940)
        Statistik("ST-UM-PERSEN-BINA", "Persentase usaha mikro yang dibina", "%",
                  {2017: 0.26, 2018: 0.35, 2019: 0.47,
                   2020: 0.60}),  # Tabel 2.4 l.787 (= Tabel 3.4 l.941)
        Statistik("ST-UM-TAMBAH", "Pertambahan jumlah usaha mikro", "usaha mikro",
                  {2018: 94, 2019: 23, 2020: 232},  # text of Bab II l.772 (= Bab III l.927)
                  rumus="selisih", acuan="ST-UM"),
        Statistik("ST-UM-RPJMD", "Jumlah usaha mikro (Tabel 3.7 baris 'Pertumbuhan')",
                  "usaha mikro",
                  {2015: 855, 2016: 900, 2017: 1066, 2018: 1160, 2019: 1212, 2020: 1493,
                   2021: 1665}),  # Tabel 3.7 l.997
        Statistik("ST-UM-OMZET", "Omzet usaha mikro (realisasi)", "Rp",
                  {2020: 28_763_505_000}),  # Tabel 2.6 l.851 (Tabel 2.5 l.807 "28,763,505,00")
        Statistik("ST-UM-OMZET-TGT", "Target omzet usaha mikro (Renstra 2021-2026)", "Rp",
                  # Tabel 2.5 l.806-809: each value is split over two cells, e.g.
                  # "36,512,548,7" + "25,41" -> 36,512,548,725.41
                  {2021: 36_512_548_725.41, 2022: 52_335_376_461.76, 2023: 78_898_061_293.85,
                   2024: 125_126_941_838.82, 2025: 204_888_808_255.16,
                   2026: 340_766_664_247.66}),
    ),
)

BIDANG = (SEKRETARIAT, IZIN, KESEHATAN, KOPERASI, USAHA_MIKRO)


# --- Performance hierarchy (Indikator tab: Tujuan RPJMD ... Kegiatan) ----------------------
# Tabel 2.6 (l.846-852) puts three indicators under one RPJMD goal and target; Tabel 2.8
# (l.869-877) links the Renstra goals and targets to indicators and programs, by the
# programs' old names: "Penilaian Kesehatan KSP/USP" and "Pengawasan dan Pemeriksaan
# Koperasi" are programs 2.17.04 and 2.17.03, "Pemberdayaan dan Perlindungan Koperasi"
# 2.17.06 and "Pemberdayaan UMKM" 2.17.07 of Permendagri 90/2019. Links the seed does
# not print are marked "pilihan contoh" (docs/dev/data-contoh.md): they let the efficiency
# table show the report year's indicators that have a realisation.

T_RPJMD = "1.2. Meningkatkan Perekonomian Kota Batam yang Merata dan Inklusif"  # l.846
S_RPJMD = "1.2.2. Meningkatnya peran Koperasi dan Usaha Mikro dalam Perekonomian Daerah"
T_PD = "Meningkatkan peran Koperasi dan Usaha Mikro dalam Perekonomian Daerah"  # l.873
S_PRODUKTIF = "Meningkatnya produktifitas koperasi dan usaha mikro di Kota Batam"  # l.873
S_UM = ("Meningkatnya Peran Usaha Mikro Ekonomi Kreatif Dalam Perekonomian Daerah"
        )  # l.875, cut after "Dalam" in the seed; the rest follows the goal's wording


@dataclass(frozen=True)
class Hierarki:
    """Where one indicator sits: the columns Tujuan RPJMD ... Kegiatan of its rows."""

    tujuan_rpjmd: str | None
    sasaran_rpjmd: str | None
    tujuan: str | None
    sasaran: str | None
    program: str | None = None
    kegiatan: str | None = None


HIERARKI = {
    "IK-SEK-01": Hierarki(T_RPJMD, S_RPJMD, T_PD, S_PRODUKTIF),  # Tabel 2.6 l.846
    "IK-KOP-03": Hierarki(T_RPJMD, S_RPJMD, T_PD, S_PRODUKTIF,
                          "2.17.03; 2.17.04"),  # Tabel 2.6 l.849, Tabel 2.8 l.873
    "IK-UM-04": Hierarki(T_RPJMD, S_RPJMD, T_PD, S_UM, "2.17.06"),  # T2.6 l.851, T2.8 l.875
    # pilihan contoh: the seed's Tabel 2.8 (l.876) links micro-business actors to program
    # 2.17.07; Tabel 3.7 measures them by these two indicators, trained under 2.17.05.2.03
    # and grown under 2.17.08
    "IK-UM-01": Hierarki(None, None, T_PD, S_UM, "2.17.07; 2.17.08", None),
    "IK-UM-02": Hierarki(None, None, T_PD, S_UM, "2.17.05; 2.17.07; 2.17.08",
                         "2.17.05.2.03; 2.17.07.2.01; 2.17.08.2.01"),
    # pilihan contoh: active cooperatives (Tabel 3.7) and the cooperative training activity
    "IK-KOP-01": Hierarki(None, None, T_PD, S_PRODUKTIF, "2.17.04; 2.17.05",
                          "2.17.04.2.01; 2.17.05.2.01"),
}
