"""What the product reads back from the master's report sheets (the LKjIP document):
the words a report cell uses for missing data and the columns of the Analisis Indikator
sheet. workbooks/laporan/ writes the sheets with these; sync/dokumen/ reads them."""

BELUM = "data belum ada"   # a value the data sheets do not (yet) hold
PERLU_ADDIN = "perlu add-in Kinerja"  # Kinerja's function is missing (#NAME?) where recalculated
TARGET_NOL = "target 0"    # achievement against a target of 0 (positive indicator)
KATA_KOSONG = (BELUM, TARGET_NOL, PERLU_ADDIN)
# the mark of a figure the audit rejects (docs/induk.md, "Angka bertanda")
TANDA = "*)"
CATATAN_TANDA = (f"{TANDA} Angka bertanda: lembar Pemeriksaan melaporkan angka ini (nomornya di "
                 "kolom Periksa lembar data). Capaian dan predikatnya dihitung dari angka "
                 "tertulis bidang; jangan dipakai sebelum angkanya diperiksa.")
TANPA_ANGGARAN = "tidak ditautkan"   # an indicator whose row names no Program/Kegiatan

ANALISIS = "Analisis Indikator"
# (key, header, width) of the Analisis sheet's columns from column C; the document finds
# them by header text.
KOLOM_ANALISIS = (
    ("indikator", "Indikator", 36), ("satuan", "Satuan", 10), ("target", "Target", 12),
    ("realisasi", "Realisasi", 12), ("capaian", "Capaian", 10), ("predikat", "Predikat", 13),
    ("realisasi_lalu", "Realisasi Tahun Lalu", 12), ("selisih", "Selisih", 12),
    ("perubahan", "Perubahan", 10),
    ("target_akhir", "Target Akhir Renstra", 12),
    ("capaian_akhir", "Capaian thd Target Akhir", 11),
    ("anggaran_kode", "Program/Kegiatan", 16),
    ("pagu", "Pagu (Rp)", 17), ("realisasi_anggaran", "Realisasi Anggaran (Rp)", 17),
    ("serapan", "Serapan", 10), ("efisiensi", "Efisiensi", 10),
)
