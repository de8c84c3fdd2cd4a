"""The consolidation pipeline, as one Python function behind the CLI and the button.

read sources -> parse -> validate -> audit -> plan -> write (or, with coba, compare).
Nothing is written unless every active source was read and no source has an
error (kesalahan); with `sebagian` a bidang that failed keeps its previous rows.
Naming sources (`sumber`) or bidang (`bidang`) refreshes only those: every other
bidang keeps the rows the master already holds.
"""

from __future__ import annotations

import datetime as dt
import gc
import getpass
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from sync.induk import Induk, baca_induk
from sync.induk.lembar_lama import sel_pertama
from sync.induk.pengaturan import (
    Pengaturan,
    Sumber,
    kunci_bidang,
    sumber_ganda,
    tahun_tidak_sah,
)
from sync.model import skema
from sync.model.mentah import SumberGagal, SumberMentah
from sync.model.rahasia import redaksi
from sync.model.sel import huruf_kolom, kutip_lembar
from sync.model.temuan import GALAT, INFO, PERINGATAN, Temuan
from sync.model.tolak import TulisDitolak
from sync.paket import Paket
from sync.periksa.hierarki import periksa_hierarki
from sync.periksa.silang import periksa_silang
from sync.periksa.uji import DataBidang, acuan_di_luar, audit, periksa, urai_sumber
from sync.rencana import Jalan, susun_rencana
from sync.rencana.perubahan import kunci_perubahan, perubahan_rencana
from sync.sumber.google_alamat import adalah_google
from sync.sumber.lokal import baca_lokal

DITULIS = "ditulis"
SEBAGIAN = "sebagian"
COBA = "coba"
DITOLAK = "ditolak"

def alamat_google(alamat: str, dasar: Path | None = None) -> bool:
    """A Google Sheets URL or a bare spreadsheet id, and not a local file of that name:
    a dot-less name of 20+ letters looks like an id, so a file of that name beside the
    master (`dasar`, where local sources are read from) or in the current folder wins."""
    if not adalah_google(alamat):
        return False
    nama = Path(alamat.strip())
    return not (dasar is not None and ada(dasar / nama)) and not ada(nama)


def ada(alamat: str | Path) -> bool:
    """Whether a path exists; False for one that cannot be a path at all (too long, a NUL
    byte), where Path.exists raises."""
    try:
        return Path(alamat).exists()
    except (OSError, ValueError):
        return False


@dataclass
class HasilKonsolidasi:
    """Everything a caller shows: status, findings, rows, where it was written."""

    status: str
    pesan: str
    induk: Path
    tahun: int | None = None
    keluaran: Path | None = None
    data: list[DataBidang] = field(default_factory=list)
    gagal: list[SumberGagal] = field(default_factory=list)
    basi: list[str] = field(default_factory=list)
    dipertahankan: list[str] = field(default_factory=list)  # not read again: rows kept
    temuan: list[Temuan] = field(default_factory=list)
    rencana: skema.Rencana | None = None
    perubahan: dict | None = None
    cadangan: Path | None = None
    kunci_berubah: dict | None = None  # --coba: the (Kode, Tahun) keys per sheet and change
    peringatan_tulis: str = ""  # --coba: why the real run would be refused now, or ""

    @property
    def ditulis(self) -> bool:
        return self.status in (DITULIS, SEBAGIAN)

    @property
    def plan(self) -> skema.Rencana | None:  # nama lama: hasil.plan (README until 5 Dec.)
        """The old name of `rencana`, kept so that code written against it still runs."""
        return self.rencana

    def jumlah_temuan(self, tingkat: str) -> int:
        return sum(1 for t in self.temuan if t.tingkat == tingkat)


Kemajuan = Callable[[str, int, int], None]  # (bidang, done, total)


BARIS_EXCEL = 1_048_576  # rows per worksheet (Excel specifications and limits)
PARALEL = 4  # sources read at once: calamine, zlib and the network release the GIL


def baca_bertahap(daftar: list[Sumber], dasar: Path | None, kemajuan: Kemajuan | None = None
                  ) -> Iterator[SumberMentah | SumberGagal]:
    """Read the sources concurrently; yield each result in the given order as soon as it
    is ready, so the caller parses one while the next are still being read.

    Progress is reported from the caller's thread (the button's status bar is COM,
    which must not be called from a worker thread).
    """
    google = [i for i, s in enumerate(daftar) if alamat_google(s.alamat, dasar)]
    with ThreadPoolExecutor(max_workers=PARALEL, thread_name_prefix="kinerja-baca") as pool:
        lokal = {i: pool.submit(_baca_lokal, s, dasar) for i, s in enumerate(daftar)
                 if i not in google}
        dari_google = None
        if google:
            from sync.sumber.google import baca_google

            dari_google = pool.submit(
                baca_google, [(daftar[i].bidang, daftar[i].alamat) for i in google])
        for i, s in enumerate(daftar):
            if i in lokal:
                h = lokal.pop(i).result()  # its cells are freed once parsed
            else:
                h = dari_google.result()[google.index(i)]
            if kemajuan:
                kemajuan(s.bidang, i + 1, len(daftar))
            yield _tab_lengkap(h)


def _baca_lokal(s: Sumber, dasar: Path | None) -> SumberMentah | SumberGagal:
    try:
        return baca_lokal(s.bidang, s.alamat, dasar)
    except SumberGagal as e:
        return e
    except Exception as e:  # whatever a hostile file does to a reader: this source only
        return SumberGagal(s.bidang, s.alamat, f"berkas tidak dapat dibaca "
                           f"({type(e).__name__}); simpan ulang dari Excel lalu coba lagi.")


def baca_semua(daftar: list[Sumber], dasar: Path | None,
               kemajuan: Kemajuan | None = None) -> list[SumberMentah | SumberGagal]:
    """Read every source; results in the given order."""
    return list(baca_bertahap(daftar, dasar, kemajuan))


_JENIS_SEL = {type(None), str, int, float, bool}
# Readers whose cells are plain values by construction: calamine's types after sel_mentah,
# and csv's text. Only a server's JSON (Google) can hold an object or a list.
_SEL_POLOS = frozenset({"xlsx", "csv"})


def _tab_lengkap(h: SumberMentah | SumberGagal) -> SumberMentah | SumberGagal:
    """A source without one of the template's tabs cannot be read as a whole; a cell
    that is not a plain value (a dict or list in a server's answer) is refused, naming
    it, before the parser meets it."""
    if isinstance(h, SumberMentah):
        for nama, tab in h.tabs.items() if h.jenis not in _SEL_POLOS else ():
            if set(map(type, chain.from_iterable(tab.sel))) <= _JENIS_SEL:
                continue
            r, c = next((r, c) for r, b in enumerate(tab.sel) for c, v in enumerate(b)
                        if type(v) not in _JENIS_SEL)
            return SumberGagal(h.bidang, h.alamat, f"sel {kutip_lembar(tab.nama)}!"
                               f"{huruf_kolom(c + 1)}{r + 1} (tab {nama}) berisi nilai yang "
                               f"bukan teks atau angka ({type(tab.sel[r][c]).__name__}).")
        hilang = [t.nama for t in skema.TABS if t.nama not in h.tabs]
        if hilang:
            return SumberGagal(h.bidang, h.alamat, "Tab " + ", ".join(
                f"'{n}'" for n in hilang) + " tidak ada (templat bidang perlu tab Indikator, "
                "Anggaran dan Statistik). Tambahkan tab itu (salin dari templat: kinerja "
                "templat buat baru.xlsx) atau ganti nama tab yang berisi datanya.")
    return h


@contextmanager
def gc_ditunda() -> Iterator[None]:
    """Pause the cyclic garbage collector for a run.

    A run allocates millions of acyclic objects (cells, rows, XML strings), and the
    collector's repeated passes over the growing heap cost a fifth of a large run;
    reference counting frees them all the same. Also a decorator; nesting is fine.
    """
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            _sebagai_tua()
            gc.enable()


def _sebagai_tua() -> None:
    """Count what the run leaves alive (its result: columns of 80,000 values) as old.

    Enabled again with that many allocations pending, the collector would at once scan
    every survivor as young, following each element of each large list (0.1 s in the
    bench). gc.freeze() then gc.unfreeze() moves all tracked objects to the oldest
    generation instead (Python docs, gc.unfreeze: "put them back into the oldest
    generation"), where a full collection still finds their cycles. Skipped when the
    caller froze objects itself: unfreezing would undo that."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


@gc_ditunda()
def rencanakan(induk: Induk, *, sumber: list[Sumber] | None = None, tahun: int | None = None,
               sebagian: bool = False, dasar: Path | None = None,
               kemajuan: Kemajuan | None = None, pengguna: str | None = None,
               waktu: dt.datetime | None = None, bidang: list[str] | None = None,
               cadangan: str = "", mulai: float | None = None) -> HasilKonsolidasi:
    """Everything but the writing: the shared core of the file run and the button.

    `induk` is the master as read (its configuration and its owned sheets' rows).
    `sumber` (addresses) or `bidang` (names in Pengaturan) limit the run to those
    bidang; the others keep their rows. `cadangan` names the backup the write will make
    and `mulai` (time.monotonic) when the run began, both for the Riwayat row. The result
    carries a plan, or status DITOLAK with the reason.
    """
    conf, lama = induk.pengaturan, induk.lama
    hasil = HasilKonsolidasi(DITOLAK, "", induk.path)
    hasil.temuan.extend(conf.temuan)
    aktif = [s for s in conf.sumber if s.aktif]
    daftar, hasil.pesan = _pilih_bidang(aktif, bidang) if bidang else (
        sumber if sumber is not None else aktif, "")
    if hasil.pesan:
        return hasil
    hasil.tahun = tahun if tahun is not None else conf.tahun
    hasil.pesan = _tolak_awal(conf, daftar, hasil.tahun, tahun)
    if hasil.pesan:
        return hasil

    data = _baca_urai_periksa(hasil, daftar, dasar, kemajuan)
    hasil.temuan.extend(_temuan_kosong(data, lama))
    bergalat = {t.bidang for t in hasil.temuan if t.tingkat == GALAT and t.bidang in data}
    if _tolak(hasil, bergalat, len(daftar), sebagian):
        hasil.pesan = _pesan_tidak_ditulis(hasil, bergalat, sebagian)
        return hasil

    gagal_baca = {g.bidang for g in hasil.gagal}
    hasil.basi = [s.bidang for s in daftar if s.bidang in gagal_baca | bergalat]
    hasil.temuan.extend(_temuan_basi(hasil.gagal, bergalat))
    sebagian_saja = bool(bidang) or sumber is not None
    if sebagian_saja:  # the kept bidang's series were not read again: not a warning
        hasil.temuan = [acuan_di_luar(t, "bidang yang dibaca ulang", "angka ini diperiksa "
                                      "pada konsolidasi semua bidang.") for t in hasil.temuan]
    urutan = _pertahankan(hasil, aktif, daftar, lama) if sebagian_saja else [
        s.bidang for s in daftar]
    hasil.status = SEBAGIAN if hasil.basi else DITULIS
    # a fixed `waktu` (tests, reproducible builds) records no duration: the bytes repeat
    durasi = None if waktu is not None or mulai is None else time.monotonic() - mulai
    jalan = Jalan(waktu or dt.datetime.now(), pengguna or _pengguna(), hasil.tahun,
                  hasil.status, durasi=durasi, cadangan=cadangan)
    rencana = susun_rencana(urutan, data, lama, set(hasil.basi), hasil.temuan, jalan,
                            tetap=set(hasil.dipertahankan))
    hasil.perubahan = perubahan_rencana(lama, rencana)
    return _pasang_rencana(hasil, rencana)


def _temuan_kosong(data: dict[str, DataBidang], lama: Mapping[str, list[list]]
                   ) -> list[Temuan]:
    """A bidang workbook with no data row at all (a fresh template, the wrong file):
    writing would silently delete every row the master holds for that bidang, so that
    is an error (kesalahan); with nothing to lose, a warning."""
    di_induk: dict[str, int] = {}
    for nama in skema.NAMA_LEMBAR_MILIK[:3]:  # 160,000 rows on a re-run: counted in C
        pertama = sel_pertama(lama.get(nama, []))
        ciri = zip(map(bool, pertama), map(str, pertama), strict=True)
        for (isi, teks), n in Counter(ciri).items():
            if isi:
                k = kunci_bidang(teks)
                di_induk[k] = di_induk.get(k, 0) + n
    hasil = []
    for d in data.values():
        if any(len(t) for t in (d.indikator, d.anggaran, d.statistik) if t is not None):
            continue
        n = di_induk.get(kunci_bidang(d.bidang), 0)
        if n:
            hasil.append(Temuan(GALAT, d.bidang, "", "", None, (
                f"Workbook bidang ini tidak berisi baris data, padahal workbook induk "
                f"menyimpan {n} baris bidang ini; menulisnya akan menghapus baris itu. Isi "
                f"workbook bidang ({d.alamat}), atau nonaktifkan bidang ini di Pengaturan "
                "(Aktif = tidak) bila memang tidak dilaporkan."), kode="sumber_kosong"))
        else:
            hasil.append(Temuan(PERINGATAN, d.bidang, "", "", None, (
                f"Workbook bidang ini belum berisi baris data ({d.alamat})."),
                kode="sumber_kosong"))
    return hasil


def _tolak(hasil: HasilKonsolidasi, bergalat: set[str], n: int, sebagian: bool) -> bool:
    """A source failed or has errors: refused, unless --sebagian and one source is usable."""
    if not (hasil.gagal or bergalat):
        return False
    return not sebagian or len(hasil.gagal) + len(bergalat) >= n


def _pertahankan(hasil: HasilKonsolidasi, aktif: list[Sumber], daftar: list[Sumber],
                 lama: Mapping[str, list[list]]) -> list[str]:
    """Refresh only the sources read: every other bidang keeps its rows (an info finding
    each); returns the plan's bidang order."""
    hasil.dipertahankan = _bidang_lain(aktif, daftar, lama)
    hasil.temuan.extend(Temuan(
        INFO, b, "", "", None, "Bidang ini tidak dibaca ulang pada konsolidasi ini (hanya "
        "bidang yang disebut dengan --sumber/--bidang); barisnya di workbook induk "
        "dipertahankan. Angka yang bertanda *) pada konsolidasi sebelumnya tetap bertanda "
        "dan menunjuk temuan ini; konsolidasikan semua bidang untuk memeriksanya ulang.",
        kode="bidang_dipertahankan") for b in hasil.dipertahankan)
    return _urutan(aktif, daftar, hasil.dipertahankan)


def _pilih_bidang(aktif: list[Sumber], nama: list[str]) -> tuple[list[Sumber], str]:
    """The Pengaturan sources named by --bidang, or a refusal naming the unknown ones."""
    import difflib

    kenal = {kunci_bidang(s.bidang): s for s in aktif}
    pilih, salah = [], []
    for n in nama:
        s = kenal.get(kunci_bidang(n))
        if s is None:
            mirip = difflib.get_close_matches(n, [s.bidang for s in aktif], n=1, cutoff=0.5)
            salah.append(f"'{n}'" + (f" (maksud Anda '{mirip[0]}'?)" if mirip else ""))
        elif s not in pilih:
            pilih.append(s)
    if salah:
        return [], ("Bidang " + ", ".join(salah) + " tidak ada di tabel sumber lembar "
                    "Pengaturan. Bidang yang ada: " + ", ".join(s.bidang for s in aktif)
                    + ". Tidak ada yang ditulis.")
    return pilih, ""


def _bidang_lain(aktif: list[Sumber], daftar: list[Sumber],
                 lama: Mapping[str, list[list]]) -> list[str]:
    """Bidang kept as they are: active in Pengaturan or present in the master's data
    sheets, and not among the sources read now (names compared as kunci_bidang)."""
    dibaca = {kunci_bidang(s.bidang) for s in daftar}
    hasil: dict[str, str] = {}
    for s in aktif:
        hasil.setdefault(kunci_bidang(s.bidang), s.bidang)
    for lembar in (skema.DATA_INDIKATOR, skema.DATA_ANGGARAN, skema.DATA_STATISTIK):
        pertama = sel_pertama(lama.get(lembar.nama, []))  # each distinct cell once, in order
        for jenis, teks in dict.fromkeys(zip(map(type, pertama), map(str, pertama),
                                                       strict=True)):
            if jenis is not type(None) and not (jenis is str and teks == ""):
                hasil.setdefault(kunci_bidang(teks), teks)
    return [b for k, b in hasil.items() if k not in dibaca]


def _urutan(aktif: list[Sumber], daftar: list[Sumber], tetap: list[str]) -> list[str]:
    """Pengaturan's order, each name as given now; new sources and other kept bidang after."""
    baru = {kunci_bidang(s.bidang): s.bidang for s in daftar}
    urut = [baru.pop(kunci_bidang(s.bidang), s.bidang) for s in aktif
            if kunci_bidang(s.bidang) in baru or s.bidang in tetap]
    return urut + list(baru.values()) + [b for b in tetap if b not in urut]


def _pasang_rencana(hasil: HasilKonsolidasi, rencana: skema.Rencana) -> HasilKonsolidasi:
    """The plan into the result, unless a sheet would hold more rows than a worksheet
    can (Excel refuses such a file): then refused, without a plan."""
    for nama, baris in rencana.lembar.items():
        if len(baris) + 1 > BARIS_EXCEL:  # + the header row
            hasil.status = DITOLAK
            hasil.pesan = (f"Lembar {nama} akan berisi {len(baris)} baris, lebih dari batas "
                           f"Excel {BARIS_EXCEL} baris per lembar (termasuk judul). Tidak ada "
                           "yang ditulis; workbook induk tidak berubah. Kurangi sumber atau "
                           "barisnya.")
            return hasil
    hasil.rencana = rencana
    return hasil


def _pendek(teks: str, n: int = 200) -> str:
    return teks if len(teks) <= n else teks[:n] + "…"


def _tolak_awal(conf: Pengaturan, daftar: list[Sumber], tahun: int | None,
                diberi: int | None = None) -> str:
    """Why the run cannot start (before any source is read), or "". `diberi`: the year
    given outside Pengaturan (--tahun), checked by Pengaturan's rule."""
    if diberi is not None and tahun_tidak_sah(diberi):
        return tahun_tidak_sah(diberi) + " Tidak ada yang ditulis; workbook induk tidak berubah."
    if tahun is None:
        return ("Tahun laporan tidak diketahui: isi sel Tahun Laporan di lembar "
                "Pengaturan atau beri --tahun.")
    if not daftar:
        return ("Tidak ada sumber bidang yang aktif: isi tabel sumber di lembar "
                "Pengaturan atau beri --sumber.")
    if any(t.tingkat == GALAT for t in conf.temuan):
        return "Lembar Pengaturan berisi kesalahan; perbaiki dulu (lihat daftar temuan)."
    ganda = sumber_ganda(daftar)  # data and findings are kept per bidang name below
    if ganda:
        return ganda + " Tidak ada yang ditulis; workbook induk tidak berubah."
    return ""


def _baca_urai_periksa(hasil: HasilKonsolidasi, daftar: list[Sumber], dasar: Path | None,
                       kemajuan: Kemajuan | None) -> dict[str, DataBidang]:
    """Read, parse, check and audit every source; failures and findings go to `hasil`."""
    data: dict[str, DataBidang] = {}
    for h in baca_bertahap(daftar, dasar, kemajuan):
        if isinstance(h, SumberMentah):
            assert h.bidang not in data, h.bidang  # names are unique (sumber_ganda)
            try:
                data[h.bidang] = urai_sumber(h, hasil.tahun)
            except Exception as e:  # hostile content must not crash the run: refuse it
                h = SumberGagal(h.bidang, h.alamat, f"isi sumber tidak dapat diurai "
                                f"({type(e).__name__}); periksa dengan kinerja templat "
                                "periksa.")
        if isinstance(h, SumberGagal):
            hasil.gagal.append(h)
    hasil.data = list(data.values())
    for d in hasil.data:
        hasil.temuan.extend(d.temuan)
    hasil.temuan.extend(periksa(hasil.data))
    hasil.temuan.extend(audit(hasil.data))
    hasil.temuan.extend(periksa_hierarki(hasil.data, hasil.tahun))
    hasil.temuan.extend(periksa_silang(hasil.data))
    return data


def _pesan_tidak_ditulis(hasil: HasilKonsolidasi, bergalat: set[str], sebagian: bool) -> str:
    bagian = []
    if hasil.gagal:
        bagian.append("Sumber tidak dapat dibaca: " + "; ".join(
            f"{g.bidang} ({_pendek(g.alamat)}): {g.pesan.rstrip('.')}" for g in hasil.gagal)
            + ".")
    if bergalat:
        bagian.append(f"Ada {hasil.jumlah_temuan(GALAT)} kesalahan di data "
                      + ", ".join(sorted(bergalat)) + ".")
    if sebagian:
        bagian.append("Tidak satu sumber pun dapat dipakai, jadi --sebagian pun tidak "
                      "menulis. Tidak ada yang ditulis; workbook induk tidak berubah.")
    else:
        bagian.append("Tidak ada yang ditulis; workbook induk tidak berubah. Perbaiki lalu "
                      "ulangi, atau pakai --sebagian untuk menulis bidang yang lain.")
    return " ".join(bagian)


def _temuan_basi(gagal: list[SumberGagal], bergalat: set[str]) -> list[Temuan]:
    """A warning for each bidang whose old rows are kept (data lama)."""
    lama = "angkanya mungkin belum yang terbaru."
    hasil = [Temuan(PERINGATAN, g.bidang, "", "", g.alamat,
                    f"DATA LAMA: sumber gagal dibaca ({g.pesan.rstrip('.')}); data lama bidang "
                    f"ini dari workbook induk dipakai, {lama}", kode="sumber_basi")
             for g in gagal]
    return hasil + [Temuan(PERINGATAN, b, "", "", None,
                           "DATA LAMA: data bidang ini berisi kesalahan; data lama dari "
                           f"workbook induk dipakai, {lama}", kode="sumber_basi")
                    for b in sorted(bergalat)]


@gc_ditunda()
def konsolidasi(induk: Path | str, *, sumber: list[Sumber] | None = None,
                tahun: int | None = None, keluaran: Path | str | None = None,
                coba: bool = False, sebagian: bool = False, cadangan: int = 5,
                dasar: Path | None = None, kemajuan: Kemajuan | None = None,
                pengguna: str | None = None, waktu: dt.datetime | None = None,
                bidang: list[str] | None = None) -> HasilKonsolidasi:
    """Consolidate the bidang sources into the master workbook file `induk`.

    `sumber`/`tahun` override the master's Pengaturan (`sumber` or `bidang` refresh
    only those bidang, the others keep their rows); relative source paths are
    resolved against `dasar` (default: the master's folder). Writes in place (after a
    backup) or to `keluaran`. Returns the result; raises nothing for bad input.
    """
    induk = Path(induk)
    masalah = _periksa_induk(induk)
    if masalah:
        return HasilKonsolidasi(DITOLAK, masalah, induk)
    hasil = _konsolidasi(induk, sumber=sumber, tahun=tahun, keluaran=keluaran, coba=coba,
                         sebagian=sebagian, cadangan=cadangan, dasar=dasar, kemajuan=kemajuan,
                         pengguna=pengguna, waktu=waktu, bidang=bidang)
    if hasil.status == DITOLAK and not coba:
        catat_ditolak(Path(keluaran) if keluaran else induk, hasil,
                      waktu or dt.datetime.now(), pengguna or _pengguna())
    return hasil


def berkas_riwayat_ditolak(tujuan: Path) -> Path:
    """The refused runs' log beside the workbook the run writes (the master, or the
    `keluaran` file: then the master is only read, and may be the shipped one in the
    installation folder): a refused run writes nothing into it (all or nothing), so its
    Riwayat row cannot go there."""
    return tujuan.with_name(f"{tujuan.stem}-riwayat-ditolak.txt")


def catat_ditolak(tujuan: Path, hasil: HasilKonsolidasi, waktu: dt.datetime,
                  pengguna: str) -> None:
    """Append one line (time, user, year, reason) to the refused runs' log; a folder
    that cannot be written loses only this line, never the refusal itself."""
    baris = "\t".join([waktu.strftime("%d/%m/%Y %H:%M:%S"), pengguna,
                       str(hasil.tahun or ""), "ditolak",
                       redaksi(" ".join(hasil.pesan.split()))])  # no credential in a file
    berkas = berkas_riwayat_ditolak(tujuan)
    baru = False
    try:
        baru = not berkas.exists()
        with berkas.open("a", encoding="utf-8-sig" if baru else "utf-8") as f:
            if baru:
                f.write("Waktu\tPengguna\tTahun\tHasil\tPesan\n")
            f.write(baris + "\n")
    except OSError:  # a full disk: no empty log left behind
        if baru:
            with suppress(OSError):
                berkas.unlink()


def _konsolidasi(induk: Path, *, sumber, tahun, keluaran, coba, sebagian, cadangan, dasar,
                 kemajuan, pengguna, waktu, bidang) -> HasilKonsolidasi:
    from sync.tulis.berkas import calon_cadangan, kunci_jalan, periksa_excel, tulis_berkas

    mulai = time.monotonic()
    keluaran = Path(keluaran) if keluaran else None
    tujuan = keluaran or induk
    hasil = HasilKonsolidasi(DITOLAK, "", induk)
    try:
        if not coba:
            periksa_excel(tujuan)  # before reading 40 sources, not after
        with nullcontext() if coba else kunci_jalan(tujuan):
            sejak = induk.stat()
            dibaca = baca_induk(induk)  # once, under the lock: the plan does no I/O
            simpan = (calon_cadangan(tujuan, waktu or dt.datetime.now())
                      if not coba and cadangan > 0 and tujuan.exists() else None)
            hasil = rencanakan(dibaca, sumber=sumber, tahun=tahun, sebagian=sebagian,
                               dasar=dasar or induk.parent, kemajuan=kemajuan,
                               pengguna=pengguna, waktu=waktu, bidang=bidang,
                               cadangan=simpan.name if simpan else "", mulai=mulai)
            if hasil.rencana is None:
                return hasil
            if coba:  # which keys would change, and whether the real run could write now
                hasil.kunci_berubah = kunci_perubahan(dibaca.lama, hasil.rencana)
                hasil.peringatan_tulis = _halangan_tulis(tujuan)
                hasil.status = COBA
                hasil.pesan = "Mode coba: tidak ada yang ditulis."
                return hasil
            tulis = tulis_berkas(induk, hasil.rencana, keluaran, cadangan=cadangan, terkunci=True,
                                 sejak=sejak if tujuan == induk else None, nama_cadangan=simpan)
    except TulisDitolak as e:  # also TulisGagal (disk full, permission): nothing written
        hasil.status, hasil.pesan = DITOLAK, str(e)
        return hasil
    hasil.keluaran = Path(tulis.path)
    hasil.temuan.extend(tulis.temuan)  # formulas whose fresh value is left to Excel
    hasil.cadangan = tulis.cadangan
    hasil.pesan = f"Ditulis ke {hasil.keluaran}."
    if hasil.basi:
        hasil.pesan += " Data lama dipakai untuk: " + ", ".join(hasil.basi) + "."
    return hasil


def _halangan_tulis(tujuan: Path) -> str:
    """Why writing `tujuan` would be refused right now (Excel holds it, another run,
    read-only), for --coba to warn of; "" when nothing stands in the way."""
    from sync.tulis.berkas import (
        _kunci_basi,
        berkas_kunci_jalan,
        periksa_bisa_ditulis,
        periksa_excel,
    )

    try:
        periksa_excel(tujuan)
        periksa_bisa_ditulis(tujuan)
    except TulisDitolak as e:
        return str(e)
    kunci = berkas_kunci_jalan(tujuan)
    if kunci.exists() and not _kunci_basi(kunci):
        return ("Konsolidasi lain sedang berjalan untuk workbook ini (ada berkas "
                f"'{kunci.name}'); tunggu sampai selesai.")
    return ""


def _pengguna() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services, containers)
        return "tidak diketahui"


def _periksa_induk(induk: Path) -> str:
    if not induk.exists():
        return f"Workbook induk tidak ditemukan: {induk}"
    if induk.suffix.lower() not in (".xlsx", ".xlsm"):
        return f"Workbook induk harus .xlsx atau .xlsm: {induk.name}"
    try:  # Strict Open XML gets its own message from the writer
        with Paket(induk, strict_boleh=True):
            pass
    except (TulisDitolak, zipfile.BadZipFile, KeyError, ValueError, OSError):
        return f"{induk.name} bukan workbook Excel yang sah (rusak atau bukan .xlsx)."
    return _bukan_induk(induk)


def _bukan_induk(induk: Path) -> str:
    """A bidang workbook given as the master: say so, and what to run instead."""
    import python_calamine

    try:
        nama = {skema.normal_judul(n)
                for n in python_calamine.CalamineWorkbook.from_path(str(induk)).sheet_names}
    except Exception:  # calamine's own error types; the writer names a damaged file
        return ""
    bidang = {skema.normal_judul(t.nama) for t in skema.TABS}
    if skema.normal_judul(skema.PENGATURAN) in nama or not bidang <= nama:
        return ""
    return (f"{induk.name} adalah workbook bidang (tab Indikator, Anggaran, Statistik), bukan "
            "workbook induk LKjIP (yang berlembar Pengaturan). Beri workbook induk, mis. "
            f"`kinerja konsolidasi hasil/LKjIP-2021.xlsx`; untuk memeriksa workbook bidang ini: "
            f"`kinerja templat periksa {induk}`.")


