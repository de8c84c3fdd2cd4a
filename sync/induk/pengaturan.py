"""The master's Pengaturan sheet: report year and the table of bidang sources.

Staff change the configuration in Excel, so the CLI and the button both read it
here. Read-only: the tool never writes Pengaturan.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from sync.model import skema
from sync.model.sel import kutip_lembar, nomor_kolom
from sync.model.temuan import GALAT, PERINGATAN, Temuan
from sync.model.tolak import TulisDitolak
from sync.paket import Paket
from sync.periksa.urai import cari_judul, ketik
from sync.sumber.lokal import sel_mentah


@dataclass(frozen=True)
class Sumber:
    bidang: str
    alamat: str
    singkatan: str = ""
    aktif: bool = True


def kunci_bidang(nama: str) -> str:
    """A bidang's identity: its name without case, width or spacing differences.

    The master's data rows carry only the bidang name, so two sources whose names
    differ only in "Sekretariat" / "sekretariat " / "SEKRETARIAT" would be mixed up.
    """
    return " ".join(unicodedata.normalize("NFKC", str(nama)).casefold().split())


def sumber_ganda(daftar: list[Sumber]) -> str:
    """The refusal for sources that cannot be told apart (same or empty name), or ""."""
    dilihat: dict[str, Sumber] = {}
    for s in daftar:
        k = kunci_bidang(s.bidang)
        if not k:
            return (f"Sumber {s.alamat!r} tidak bernama: setiap sumber perlu nama bidang "
                    "(kolom Bidang di Pengaturan, atau --sumber \"Nama Bidang=alamat\").")
        if k in dilihat:
            a = dilihat[k]
            return (f"Dua sumber bernama sama: '{a.bidang}' ({a.alamat}) dan '{s.bidang}' "
                    f"({s.alamat}). Nama bidang harus unik (huruf besar/kecil dan spasi tidak "
                    "membedakan), sebab baris data setiap bidang dikenali dari namanya; ubah "
                    "nama salah satunya di Pengaturan, atau beri nama dengan --sumber "
                    "\"Nama Bidang=alamat\".")
        dilihat[k] = s
    return ""


@dataclass
class Pengaturan:
    tahun: int | None = None
    sumber: list[Sumber] = field(default_factory=list)
    ada: bool = False  # the workbook has a Pengaturan sheet
    temuan: list[Temuan] = field(default_factory=list)


def baca_pengaturan(induk: Path) -> Pengaturan:
    """Year and sources from a master file; an absent sheet gives an empty configuration."""
    buku = python_calamine.CalamineWorkbook.from_path(str(induk))
    nama = next((n for n in buku.sheet_names
                 if skema.normal_judul(n) == skema.normal_judul(skema.PENGATURAN)), None)
    if nama is None:
        return Pengaturan()
    sel = sel_mentah(buku.get_sheet_by_name(nama).to_python(skip_empty_area=False))
    alamat = _nama_terdefinisi(induk, skema.NAMA_TAHUN)
    tahun = None
    if alamat and alamat[0] == nama:
        r, c = alamat[1], alamat[2]
        tahun = sel[r][c] if r < len(sel) and c < len(sel[r]) else None
    return urai_pengaturan(nama, sel, tahun)


def urai_pengaturan(nama: str, sel: list[list[object]], tahun_bernama: object = None
                    ) -> Pengaturan:
    """Parse the Pengaturan cells (from a file or from an open workbook through xlwings).

    `tahun_bernama` is the value of the Tahun_Laporan cell when the name exists.
    """
    p = Pengaturan(ada=True)
    p.tahun = _tahun(sel, tahun_bernama, p.temuan)
    judul = cari_judul(sel, skema.SUMBER)
    if judul is None or "alamat" not in judul.kolom or "bidang" not in judul.kolom:
        p.temuan.append(Temuan(GALAT, "", skema.PENGATURAN, f"{kutip_lembar(nama)}!A1", None,
                               "Tabel sumber tidak ditemukan di lembar Pengaturan: perlu baris "
                               "judul dengan kolom Bidang dan Alamat (serta Aktif).",
                               kode="pengaturan_sumber"))
        return p
    for r in range(judul.baris + 1, len(sel)):
        baris = sel[r]

        def ambil(kunci, baris=baris):
            c = judul.kolom.get(kunci)
            v = baris[c] if c is not None and c < len(baris) else None
            return None if v == "" else v

        bidang, alamat = ambil("bidang"), ambil("alamat")
        if bidang is None and alamat is None:
            continue
        if bidang is None or alamat is None:
            p.temuan.append(Temuan(GALAT, str(bidang or ""), skema.PENGATURAN,
                                   f"{kutip_lembar(nama)}!A{r + 1}", alamat or bidang,
                                   f"Baris sumber {r + 1} perlu Bidang dan Alamat.",
                                   kode="pengaturan_sumber"))
            continue
        aktif, masalah = ketik(ambil("aktif"), skema.PILIHAN, skema.SUMBER.kolom_dari("aktif"))
        if masalah:
            p.temuan.append(Temuan(PERINGATAN, str(bidang), skema.PENGATURAN,
                                   f"{kutip_lembar(nama)}!A{r + 1}", ambil("aktif"),
                                   f"Kolom Aktif baris {r + 1} tidak dikenal; dianggap 'ya'.",
                                   kode="pengaturan_aktif"))
        p.sumber.append(Sumber(str(bidang).strip(), str(alamat).strip(),
                               str(ambil("singkatan") or "").strip(), aktif != "tidak"))
    return p


def _tahun(sel: list[list[object]], nilai: object, temuan: list[Temuan]) -> int | None:
    """The year from the Tahun_Laporan cell, else right of a 'Tahun Laporan' label."""
    if nilai in (None, ""):
        nilai = None
        for baris in sel:
            for c, v in enumerate(baris):
                if skema.normal_judul(v) == skema.normal_judul(skema.LABEL_TAHUN):
                    nilai = next((x for x in baris[c + 1:] if x not in (None, "")), None)
                    break
            if nilai is not None:
                break
    if nilai is None:
        return None
    tahun, masalah = ketik(nilai, skema.TAHUN, None)
    if masalah:
        temuan.append(Temuan(GALAT, "", skema.PENGATURAN, "", nilai,
                             f"Tahun laporan '{nilai}' di Pengaturan tidak sah.",
                             kode="pengaturan_tahun"))
    return tahun


def tahun_tidak_sah(tahun: object) -> str:
    """Why a report year given outside Pengaturan (--tahun) is refused, or ""."""
    _, masalah = ketik(tahun, skema.TAHUN, None)
    if masalah:
        return f"Tahun laporan '{tahun}' tidak sah: tulis tahun empat angka, mis. 2021."
    return ""


def _nama_terdefinisi(induk: Path, nama: str) -> tuple[str, int, int] | None:
    """(sheet, row0, col0) of a workbook-level defined name pointing at one cell."""
    try:
        with Paket(induk) as pk:
            nama_ada = pk.nama_terdefinisi()
    except (TulisDitolak, KeyError, zipfile.BadZipFile, OSError):
        return None
    ref = next((d.teks for d in nama_ada
                if d.nama.casefold() == nama.casefold() and d.lokal is None), None)
    m = re.fullmatch(r"'?((?:[^']|'')+?)'?!\$?([A-Z]+)\$?(\d+)", ref or "")
    if not m:
        return None
    return m.group(1).replace("''", "'"), int(m.group(3)) - 1, nomor_kolom(m.group(2)) - 1
