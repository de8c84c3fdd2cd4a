"""Checks of the performance hierarchy columns of the Indikator tab (Tujuan, Sasaran,
Program, Kegiatan; skema._HIERARKI).

The columns are optional: a template without them, or rows that leave them blank,
give no finding. What is filled in must hold together, because Bab II's tables and
the efficiency table are built on it:
- Program and Kegiatan are budget codes (several separated by ";"): a code of the
  wrong shape is a galat (the link cannot be followed); a code no bidang's Anggaran
  has for the report year is a peringatan (the indicator then shows no budget);
- a Kegiatan must belong to one of the row's Programs when both are given;
- every row of one indicator Kode must name the same hierarchy (the report tables
  read the first row of each Kode), blank rows excepted.
"""

from __future__ import annotations

import re

from sync.model import skema
from sync.model.mentah import tautan_sel
from sync.model.temuan import GALAT, PERINGATAN, Temuan
from sync.periksa.uji import DataBidang
from sync.periksa.urai import Baris

TEKS = ("tujuan_rpjmd", "sasaran_rpjmd", "tujuan", "sasaran")
POLA = {"program": re.compile(skema.POLA_PROGRAM), "kegiatan": re.compile(skema.POLA_KEGIATAN)}


def pisah_kode(teks: object) -> list[str]:
    """'2.17.03; 2.17.04' -> ['2.17.03', '2.17.04'] (commas accepted as well)."""
    if teks is None:
        return []
    return [k.strip() for k in re.split(r"[;,\n]", str(teks)) if k.strip()]


def _temuan(tingkat: str, b: Baris, kunci: str, nilai: object, pesan: str,
            kode: str) -> Temuan:
    sel = b.sel.get(kunci) or b.sel.get("kode", "")
    return Temuan(tingkat, b.bidang, b.tab, sel, nilai, pesan, tautan_sel(b.tautan, sel),
                  kode)


def kode_anggaran(data: list[DataBidang], tahun: int | None) -> set[str]:
    """Every budget code of the report year with its program and activity prefixes."""
    kode_tahun: set[str] = set()  # distinct codes first: a large run repeats few
    for d in data:
        t = d.anggaran
        kode_tahun.update(str(kode) for cacat, kode, th in zip(
            t.cacat, t.kolom["kode"], t.kolom["tahun"], strict=True)
            if not cacat and kode is not None and (tahun is None or th in (None, tahun)))
    # the activity prefix (five parts) of each code, then the program prefix (three parts)
    # of each distinct activity: thousands of sub-activities share a few hundred activities
    kegiatan = {".".join(kode.split(".", 5)[:5]) for kode in kode_tahun}
    return kode_tahun | kegiatan | {".".join(k.split(".", 3)[:3]) for k in kegiatan}


def _cek_kode(b: Baris, kunci: str, teks: object, kode: str, program: list[str],
              anggaran: set[str] | None, tahun: int | None) -> Temuan | None:
    """The finding on one Program or Kegiatan code of a row, if any."""
    if not POLA[kunci].fullmatch(kode):
        contoh = "2.17.04" if kunci == "program" else "2.17.05.2.01"
        return _temuan(GALAT, b, kunci, teks, f"'{kode}' bukan kode {kunci} (contoh "
                       f"{contoh}); pisahkan beberapa kode dengan titik koma.",
                       f"{kunci}_bukan_kode")
    if anggaran is not None and kode not in anggaran:
        return _temuan(PERINGATAN, b, kunci, teks,
                       f"Kode {kunci} {kode} tidak ada di tab Anggaran bidang mana "
                       f"pun{f' untuk tahun {tahun}' if tahun else ''}: anggaran indikator "
                       "ini tidak dapat dihitung.", f"{kunci}_tanpa_anggaran")
    if kunci == "kegiatan" and program and not any(kode.startswith(p + ".") for p in program):
        return _temuan(PERINGATAN, b, kunci, teks, f"Kegiatan {kode} bukan bagian dari "
                       f"program {'; '.join(program)} pada baris yang sama.",
                       "kegiatan_lain_program")
    return None


def _cek_sama(b: Baris, a: Baris, kunci: list[str], lama: tuple, susunan: tuple) -> list[Temuan]:
    """A row whose hierarchy differs from the first row of its indicator."""
    beda = [k for k, x, y in zip(kunci, lama, susunan, strict=True) if x != y]
    if not beda:
        return []
    judul = ", ".join(skema.INDIKATOR.kolom_dari(k).judul for k in beda)
    return [_temuan(PERINGATAN, b, beda[0], None,
                    f"Hierarki indikator {b.nilai.get('kode')} berbeda dari baris "
                    f"{a.sel.get('kode')} ({judul}): tabel Bab II memakai baris pertama. "
                    "Samakan isinya.", "hierarki_berbeda")]


def periksa_hierarki(data: list[DataBidang], tahun: int | None,
                     semua_bidang: bool = True) -> list[Temuan]:
    """Findings on the hierarchy columns of every bidang's Indikator tab. With
    `semua_bidang` False (one bidang checked on its own) a code is not looked up in
    the budget lines, which may belong to another bidang."""
    temuan: list[Temuan] = []
    anggaran = kode_anggaran(data, tahun) if semua_bidang else None
    pertama: dict[str, tuple[Baris, tuple]] = {}
    dilapor: set[tuple[str, str]] = set()  # (indicator, code): once, not on every year row
    for d in data:
        t = d.indikator
        kolom = {k: t.ambil(k) for k in (*TEKS, "program", "kegiatan")}
        if all(isi.count(None) == len(isi) for isi in kolom.values()):
            continue  # no hierarchy in this bidang (an old template, or left blank)
        for i, cacat in enumerate(t.cacat):
            nilai = {k: kolom[k][i] for k in kolom}
            if cacat or all(v is None for v in nilai.values()):
                continue
            b = t[i]
            kode_ind = str(b.nilai.get("kode") or "").upper()
            program = pisah_kode(nilai["program"])
            for kunci in ("program", "kegiatan"):
                for kode in pisah_kode(nilai[kunci]):
                    if (kode_ind, kode) not in dilapor:
                        dilapor.add((kode_ind, kode))
                        x = _cek_kode(b, kunci, nilai[kunci], kode, program, anggaran, tahun)
                        temuan.extend([x] if x else [])
            susunan = tuple(nilai[k] for k in kolom)
            if kode_ind in pertama:
                temuan.extend(_cek_sama(b, *pertama[kode_ind][:1], list(kolom),
                                        pertama[kode_ind][1], susunan))
            else:
                pertama[kode_ind] = (b, susunan)
    return temuan
