"""Excel functions (UDFs) through classic xlwings: thin wrappers over addin.rumus.

One wrapper per FUNGSI_EXCEL entry, named as Excel shows it; each converts
xlwings' values in, calls the rumus function and converts the result out.
Nothing is computed here.

What xlwings allows (see docs/dev/xlwings.md): on Windows (COM) a UDF cannot
return a real Excel error value, so an error comes back as its text ("#DIV/0!");
on Office.js hosts (xlwings Server/Lite) xlwings turns that same text into a
real error. Errors in input cells arrive as that text (err_to_str, the classic
seven) or as pywin32's integer (#SPILL!, #CALC! and the other newer codes, which
xlwings passes through) and are turned back into GalatExcel, so errors propagate
through chains of our functions instead of being read as -2146826243. An
unexpected exception shows "#VALUE!", never a traceback.

The docstrings and `doc=` texts below are the help Excel shows in the function
wizard, hence in Indonesian. Parameter names are what the wizard shows; none
equals a function name (VBA is case-insensitive and the generated wrappers live
in one module).
"""

from __future__ import annotations

import logging

import numpy as np
import xlwings as xw

from addin import rumus
from addin.galat import NILAI, GalatExcel

logger = logging.getLogger(__name__)

KATEGORI = "Kinerja"
# Options of every argument (xlwings reads a range argument through
# conversion.read with these; docs/dev/xlwings.md):
# - ndim=2: a column stays a column (xlwings would squeeze it to a 1-D list);
# - err_to_str=True: the seven classic error cells arrive as their text instead of
#   None (a blank); the newer codes arrive as pywin32's integers either way
#   (_xlwindows._clean_value_data_element) and are mapped here;
# - chunksize=None: an explicit "no chunking", so xlwings does not ask Excel for the
#   range's shape (Rows.Count, Columns.Count ... over COM) on every call to decide
#   whether to chunk (conversion/standard.py, _resolve_read_chunksize).
RENTANG = {"ndim": 2, "err_to_str": True, "chunksize": None}
# Excel's sheet size: an argument this long (or wide) is a whole column (E:E) or row.
BARIS_EXCEL, KOLOM_EXCEL = 1_048_576, 16_384


def _sel_masuk(v: object) -> object:
    """One cell as rumus takes it: error text or pywin32's error integer -> GalatExcel."""
    if type(v) is str:
        return GalatExcel.dari_kode(v) or v
    if type(v) is int:
        return GalatExcel.dari_pywin32(v) or v
    return v


_larik_masuk = np.frompyfunc(_sel_masuk, 1, 1)


def _masuk(arg: object) -> object:
    """xlwings' value as rumus takes it: a single cell is a single value."""
    if type(arg) is list and len(arg) == 1 and type(arg[0]) is list and len(arg[0]) == 1:
        return _sel_masuk(arg[0][0])  # the common one-cell call, without numpy
    if isinstance(arg, (list, tuple)):
        larik = np.array(arg, dtype=object)
        if larik.ndim == 1:
            larik = larik.reshape(1, -1)
        if larik.size == 1:
            return _sel_masuk(larik[0, 0])
        return np.asarray(_larik_masuk(larik), dtype=object)
    return _sel_masuk(arg)


def _potong_penuh(args: list[object]) -> list[object]:
    """Whole-column (E:E) and whole-row arguments cut to the last row/column any of
    them fills, so =CAPAIAN(E:E;D:D) gives as many rows as there is data, not a
    million. All such arguments are cut to the same length, so they stay aligned."""
    for sumbu, penuh in ((0, BARIS_EXCEL), (1, KOLOM_EXCEL)):
        idx = [i for i, a in enumerate(args)
               if isinstance(a, np.ndarray) and a.ndim == 2 and a.shape[sumbu] == penuh]
        if not idx:
            continue
        akhir = 1
        for i in idx:
            isi = np.flatnonzero((args[i] != None).any(axis=1 - sumbu))  # noqa: E711
            if isi.size:
                akhir = max(akhir, int(isi[-1]) + 1)
        for i in idx:
            args[i] = args[i][:akhir] if sumbu == 0 else args[i][:, :akhir]
    return args


def _sel_keluar(v: object) -> object:
    if isinstance(v, GalatExcel):
        return v.kode
    if isinstance(v, np.generic):
        return v.item()
    return v  # None: xlwings writes "" (a blank-looking cell)


def _keluar(hasil: object) -> object:
    """rumus' result as xlwings returns it to Excel: a value or a 2-D list."""
    if isinstance(hasil, np.ndarray):
        if hasil.ndim == 0:
            return _sel_keluar(hasil.item())
        larik = hasil.reshape(1, -1) if hasil.ndim == 1 else hasil
        return [[_sel_keluar(v) for v in baris] for baris in larik]
    return _sel_keluar(hasil)


def _panggil(fungsi, *args: object) -> object:
    try:
        masuk = [_masuk(a) for a in args]
        if any(isinstance(a, np.ndarray) for a in masuk):
            masuk = _potong_penuh(masuk)
        hasil = fungsi(*masuk)
    except Exception:  # a bug must not put a traceback in a cell
        logger.exception("%s gagal", getattr(fungsi, "__name__", fungsi))
        return NILAI.kode
    return _keluar(hasil)


@xw.func(category=KATEGORI)
@xw.arg("realisasi", **RENTANG, doc="Realisasi (sel atau rentang).")
@xw.arg("target", **RENTANG, doc="Target (sel atau rentang).")
@xw.arg("arah", **RENTANG,
        doc='"positif" (R/T, bawaan), "negatif" ((2T-R)/T) atau "negatif_rasio" (T/R).')
@xw.arg("batas", **RENTANG, doc="Batas atas capaian, mis. 1,2 (=120%); kosong: tanpa batas.")
def CAPAIAN(realisasi, target, arah="positif", batas=None):
    """Capaian kinerja sebagai pecahan (0,845 = 84,5%). Target 0 = #DIV/0!; kosong = kosong."""
    return _panggil(rumus.capaian, realisasi, target, arah, batas)


@xw.func(category=KATEGORI)
@xw.arg("realisasi", **RENTANG, doc="Realisasi (sel atau rentang).")
@xw.arg("bawah", **RENTANG, doc="Batas bawah target rentang, mis. 80%.")
@xw.arg("atas", **RENTANG, doc="Batas atas target rentang, mis. 90%.")
@xw.arg("arah", **RENTANG, doc='"positif" (bawaan) atau "negatif".')
def CAPAIAN_RENTANG(realisasi, bawah, atas, arah="positif"):
    """Capaian terhadap target rentang: di dalam rentang = 1 (100%)."""
    return _panggil(rumus.capaian_rentang, realisasi, bawah, atas, arah)


@xw.func(category=KATEGORI)
@xw.arg("nilai", **RENTANG, doc="Capaian sebagai pecahan (0,9 = 90%).")
@xw.arg("skala", **RENTANG,
        doc='"permendagri86" (bawaan), "berhasil", atau tabel 2 kolom (batas bawah; predikat).')
def PREDIKAT(nilai, skala="permendagri86"):
    """Predikat capaian, mis. "Sangat Tinggi" (Permendagri 86/2017, >90%)."""
    return _panggil(rumus.predikat, nilai, skala)


@xw.func(category=KATEGORI)
@xw.arg("baru", **RENTANG, doc="Nilai tahun ini.")
@xw.arg("lama", **RENTANG, doc="Nilai tahun sebelumnya (0 = #DIV/0!).")
def PERTUMBUHAN(baru, lama):
    """Pertumbuhan (baru - lama) / |lama| sebagai pecahan."""
    return _panggil(rumus.pertumbuhan, baru, lama)


@xw.func(category=KATEGORI)
@xw.arg("deret", **RENTANG, doc="Deret nilai per tahun, urut dari tahun terlama.")
@xw.arg("metode", **RENTANG, doc='"geometrik" (majemuk, bawaan) atau "aritmetik".')
def RATA_PERTUMBUHAN(deret, metode="geometrik"):
    """Rata-rata pertumbuhan per tahun dari satu deret."""
    return _panggil(rumus.rata_pertumbuhan, deret, metode)


@xw.func(category=KATEGORI)
@xw.arg("awal", **RENTANG, doc="Nilai awal.")
@xw.arg("akhir", **RENTANG, doc="Nilai akhir.")
@xw.arg("tahun", **RENTANG, doc="Jumlah tahun dari awal ke akhir.")
def CAGR(awal, akhir, tahun):
    """Pertumbuhan majemuk per tahun: (akhir/awal)^(1/tahun) - 1."""
    return _panggil(rumus.cagr, awal, akhir, tahun)


@xw.func(category=KATEGORI)
@xw.arg("awal", **RENTANG, doc="Nilai tahun dasar.")
@xw.arg("laju", **RENTANG, doc="Laju per tahun (20% = 0,2) atau satu baris laju per tahun.")
@xw.arg("tahun", **RENTANG, doc="Jumlah tahun (bawaan 1) bila laju satu nilai.")
def PROYEKSI(awal, laju, tahun=1):
    """Proyeksi awal x (1+laju)^tahun; dengan baris laju: proyeksi berjalan per tahun."""
    return _panggil(rumus.proyeksi, awal, laju, tahun)


@xw.func(category=KATEGORI)
@xw.arg("realisasi", **RENTANG, doc="Realisasi anggaran (Rp).")
@xw.arg("pagu", **RENTANG, doc="Pagu anggaran (Rp).")
def SERAPAN(realisasi, pagu):
    """Serapan anggaran realisasi/pagu sebagai pecahan; pagu dan realisasi 0 = kosong."""
    return _panggil(rumus.serapan, realisasi, pagu)


@xw.func(category=KATEGORI)
@xw.arg("pagu", **RENTANG, doc="Pagu anggaran (Rp).")
@xw.arg("realisasi", **RENTANG, doc="Realisasi anggaran (Rp).")
def SISA_ANGGARAN(pagu, realisasi):
    """Sisa anggaran pagu - realisasi (negatif berarti melebihi pagu)."""
    return _panggil(rumus.sisa_anggaran, pagu, realisasi)


@xw.func(category=KATEGORI)
@xw.arg("triwulan", **RENTANG, doc="Realisasi TW I-IV (satu baris per indikator).")
@xw.arg("sifat", **RENTANG,
        doc='"kumulatif" (jumlah, bawaan), "akhir" (TW terakhir terisi) atau "rata".')
def REALISASI_TAHUNAN(triwulan, sifat="kumulatif"):
    """Realisasi setahun dari realisasi triwulan, menurut sifat indikator."""
    return _panggil(rumus.realisasi_tahunan, triwulan, sifat)


@xw.func(category=KATEGORI)
@xw.arg("teks", **RENTANG,
        doc='Teks angka, mis. "1.808.970.744,00", "17,39%", "Rp 5,695,937,122.00".')
def ANGKA(teks):
    """Angka dari teks bergaya Indonesia atau Inggris; bukan angka = #VALUE!."""
    return _panggil(rumus.angka, teks)


@xw.func(category=KATEGORI)
@xw.arg("nilai", **RENTANG, doc="Angka yang ditulis dengan huruf.")
@xw.arg("satuan", **RENTANG, doc='Kata di belakang, mis. "rupiah"; bawaan kosong.')
@xw.arg("huruf", **RENTANG,
        doc='Bentuk huruf: "kalimat" (bawaan), "kapital", "kecil" atau "judul".')
def TERBILANG(nilai, satuan="", huruf="kalimat"):
    """Angka dalam kata bahasa Indonesia, mis. "Satu miliar delapan ratus ... rupiah"."""
    return _panggil(rumus.terbilang, nilai, satuan, huruf)


@xw.func(category=KATEGORI)
@xw.arg("nilai", **RENTANG, doc="Jumlah uang.")
@xw.arg("desimal", **RENTANG, doc="Jumlah angka di belakang koma (bawaan 2).")
@xw.arg("spasi", **RENTANG, doc='BENAR untuk "Rp 1.000,00"; bawaan "Rp1.000,00" (PUEBI).')
def RUPIAH(nilai, desimal=2, spasi=False):
    """Teks rupiah "Rp1.808.970.744,00", sama di komputer mana pun."""
    return _panggil(rumus.rupiah, nilai, desimal, spasi)


@xw.func(category=KATEGORI)
@xw.arg("nilai", **RENTANG, doc="Pecahan (0,845 = 84,5%).")
@xw.arg("desimal", **RENTANG, doc="Jumlah angka di belakang koma (bawaan 2).")
def PERSEN(nilai, desimal=2):
    """Teks persen bergaya Indonesia: 0,845 menjadi "84,50%"."""
    return _panggil(rumus.persen, nilai, desimal)


@xw.func(category=KATEGORI)
@xw.arg("rentang", **RENTANG, doc="Rentang capaian (pecahan), mis. kolom hasil CAPAIAN.")
def RATA_CAPAIAN(rentang):
    """Rata-rata capaian; satu sel galat (#DIV/0!, #N/A ...) membuat hasilnya galat itu,
    tidak dilewati diam-diam seperti AVERAGE. Sel kosong dilewati."""
    return _panggil(rumus.rata_capaian, rentang)


@xw.func(category=KATEGORI)
@xw.arg("rentang", **RENTANG, doc="Rentang angka, mis. pagu atau realisasi.")
def JUMLAH_NILAI(rentang):
    """Jumlah seperti SUM, tetapi satu sel galat membuat hasilnya galat itu (SUM
    melewati teks galat dari fungsi Kinerja tanpa peringatan). Sel kosong dilewati."""
    return _panggil(rumus.jumlah_nilai, rentang)
