"""The seed report as printed: the example bidang with every figure as the seed prints it.

The clean example set (workbooks.data_contoh) stores each seed figure once, in the
bidang that owns it, and reconstructs what the layout broke. Where it departs from the
printed page, this set keeps the page instead, so the audit's catch can be measured
(docs/dev/data-contoh.md, "Contoh tercetak"):

- Tabel 3.8 ("TABEL 3.4", l.1001-1053) as printed, in the Sekretariat's workbook (the
  planning sub-section compiles it): all 23 lines in the printed order, the two
  activities printed twice included (l.1045 = l.1049, l.1046 = l.1050; the first of
  each pair names the kegiatan, so it carries the kegiatan code), and the printed
  TOTAL row, which counts each of them once;
- Tabel 2.3/3.3's unit "(Rp. Milyar)" (l.765, l.921) over values written in rupiah.

Everything else is the clean set's data, which already keeps the seed's figures as
printed (each with its seed line in workbooks/data_contoh.py).
"""

from __future__ import annotations

from dataclasses import replace

from workbooks.data_contoh import (
    BIDANG,
    K_DIKLAT_KOP,
    K_PEMBERDAYAAN_UM,
    P_DIKLAT,
    P_UMKM,
    Anggaran,
    Bidang,
)

FOLDER = "contoh-tercetak"
INDUK = "LKjIP-2021-tercetak.xlsx"

# Tabel 3.8 TOTAL row (l.1053): pagu 9,896,127,789; realisasi 8,087,157,045.
TOTAL_PAGU = 9_896_127_789
TOTAL_REALISASI = 8_087_157_045

_SEMUA = {a.kode: a for b in BIDANG for a in b.anggaran}


def _baris(kode: str) -> Anggaran:
    return _SEMUA[kode]


# l.1045: printed under the kegiatan's name, amounts of its one sub-kegiatan.
KOP_L1045 = Anggaran("2.17.05.2.01", P_DIKLAT, K_DIKLAT_KOP,
                     "PENDIDIKAN DAN LATIHAN PERKOPERASIAN BAGI KOPERASI YANG DALAM DAERAH "
                     "KABUPATEN/KOTA",
                     214_429_500, 207_936_840, 0.9697)  # Tabel 3.8 l.1045
# l.1046: the micro-business empowerment kegiatan, printed under its own name.
UM_L1046 = Anggaran("2.17.07.2.01", P_UMKM, K_PEMBERDAYAAN_UM,
                    "PEMBERDAYAAN USAHA MIKRO YANG DILAKUKAN MELALUI PENDATAAN, KEMITRAAN, "
                    "KEMUDAHAN PERIZINAN, PENGUATAN KELEMBAGAAN DAN KOORDINASI DENGAN PARA "
                    "PEMANGKU KEPENTINGAN",
                    335_370_000, 251_134_400, 0.7488)  # Tabel 3.8 l.1046

# Printed order of Tabel 3.8: program 1 (l.1010-1043), then l.1044-1052.
TABEL_3_8 = (
    *(a for a in BIDANG[0].anggaran),                 # l.1010-1043 (Sekretariat's 16 lines)
    _baris("2.17.04.2.01.01"),                        # l.1044
    KOP_L1045,                                        # l.1045
    UM_L1046,                                         # l.1046
    _baris("2.17.05.2.03.01"),                        # l.1047
    _baris("2.17.05.2.01.01"),                        # l.1049 (= l.1045, printed again)
    _baris("2.17.07.2.01.01"),                        # l.1050 (= l.1046, printed again)
    _baris("2.17.08.2.01.01"),                        # l.1051-1052
)


def _tercetak(b: Bidang) -> Bidang:
    if b is BIDANG[0]:
        return replace(b, anggaran=TABEL_3_8)
    statistik = tuple(
        # Tabel 2.3 l.765 / Tabel 3.3 l.921: "Volume Usaha Koperasi Aktif (Rp. Milyar)"
        replace(s, satuan="Rp. Milyar") if s.kode == "ST-KOP-VOLUME" else s
        for s in b.statistik)
    return replace(b, anggaran=(), statistik=statistik)


BIDANG_TERCETAK = tuple(_tercetak(b) for b in BIDANG)
