"""Bab III's standard analysis per indicator, written from the master's computed values
with the sentences of an editable template file (uraian.toml).

Every number placed in a sentence is a value of the Analisis Indikator sheet (or a
realisation in Data Indikator for the trend), formatted as the cell's number format
shows it in an Indonesian Excel. A sentence whose figures are missing is replaced by
the template's "belum" sentence; a galat finding on the indicator's row replaces the
figures by the finding. Causes and actions are never written: the template's marked
places ([DIISI ...]) are left for people.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sync.dokumen.baca import IsiLaporan, teks_angka, temuan_indikator
from sync.model.laporan import TANDA, TANPA_ANGGARAN
from sync.model.temuan import GALAT, NAMA_TINGKAT

TEMPLAT_BAWAAN = "uraian.toml"


class TemplatSalah(ValueError):
    """The template file cannot be used (the message is Indonesian, for the user)."""


# Pemeriksaan's Tingkat of an error as staff read it; "galat" in masters written before
# docs/glosarium.md
KESALAHAN = (NAMA_TINGKAT[GALAT], GALAT)


def teks_bawaan() -> str:
    """The packaged uraian.toml as text (wherever the install put it), for a staff copy."""
    return resources.files(__package__).joinpath(TEMPLAT_BAWAAN).read_text(encoding="utf-8")


def muat_templat(path: Path | str | None = None) -> dict:
    """The sentences: the packaged uraian.toml, or a staff member's copy."""
    try:
        if path is None:
            teks = teks_bawaan()
        else:
            teks = Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(teks)
    except OSError as e:
        raise TemplatSalah(f"berkas templat {path} tidak dapat dibaca: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise TemplatSalah(f"berkas templat {path} bukan teks UTF-8") from e
    except tomllib.TOMLDecodeError as e:
        raise TemplatSalah(f"berkas templat {path} bukan TOML yang sah: {e}") from e
    if path is not None:  # a copy may leave sentences out: the packaged ones fill in
        bawaan = muat_templat(None)
        for bagian, isi in bawaan.items():
            if isinstance(isi, dict):
                data.setdefault(bagian, {})
                for k, v in isi.items():
                    data[bagian].setdefault(k, v)
            else:
                data.setdefault(bagian, isi)
    _periksa(data)
    return data


class _Isi(dict):
    def __missing__(self, kunci: str) -> str:
        raise KeyError(kunci)


def _periksa(data: dict) -> None:
    """Every placeholder must be one the document fills (a typo would print braces)."""
    for bagian in ("indikator", "dokumen", "bab2", "bab3", "tabel"):
        for k, v in data.get(bagian, {}).items():
            if not isinstance(v, str):
                continue
            try:
                nama = {f for _, f, _, _ in string.Formatter().parse(v) if f}
            except ValueError as e:
                raise TemplatSalah(f"[{bagian}] {k}: kurung kurawal tidak seimbang ({e})") from e
            asing = nama - TEMPAT
            if asing:
                raise TemplatSalah(f"[{bagian}] {k}: tempat tidak dikenal "
                                   f"{', '.join('{' + a + '}' for a in sorted(asing))}")


TEMPAT = {"indikator", "kode", "satuan", "tahun", "tahun_lalu", "target", "realisasi",
          "capaian", "predikat", "realisasi_lalu", "selisih", "perubahan", "naik_turun", "tren",
          "deret", "tahun_awal", "tahun_akhir", "target_akhir", "capaian_akhir",
          "anggaran_kode", "pagu", "realisasi_anggaran", "serapan", "efisiensi", "kategori",
          "pesan", "sel", "bidang", "berkas", "judul", "alasan", "asal"}


@dataclass
class Kalimat:
    """One sentence of the analysis: `jenis` is "angka" (from the data), "isian" (for
    people to write), "galat" or "catatan" (a finding)."""

    teks: str
    jenis: str = "angka"


@dataclass
class Uraian:
    kode: str
    judul: str
    paragraf: list[list[Kalimat]]


def _angka(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _tren(deret: dict[int, object], tahun: int, tpl: dict) -> tuple[str, int] | None:
    """(words, first year) for the realisations up to the report year, or None with
    fewer than three years."""
    tahun_ada = sorted(t for t, v in deret.items() if t <= tahun and _angka(v))
    if len(tahun_ada) < 3:
        return None
    v = [float(deret[t]) for t in tahun_ada]
    pasangan = list(zip(v, v[1:], strict=False))
    if all(b > a for a, b in pasangan):
        kata = tpl["naik"]
    elif all(b < a for a, b in pasangan):
        kata = tpl["turun"]
    elif all(b == a for a, b in pasangan):
        kata = tpl["tetap"]
    else:
        kata = tpl["fluktuasi"]
    return kata, tahun_ada[0]


def _perubahan(induk: IsiLaporan, baris: dict, fmt: dict, isi: dict, tpl: dict) -> list[Kalimat]:
    """The change from the year before and the trend over the years of data."""
    kal, kode, tahun = tpl["indikator"], baris["kode"], induk.tahun
    p2 = []
    sel_ = baris.get("selisih")
    if _angka(sel_) and _angka(baris.get("perubahan")):
        if sel_ == 0:
            p2.append(Kalimat(kal["perubahan_tetap"].format_map(isi)))
        else:
            isi["naik_turun"] = tpl["tren"]["naik_kata" if sel_ > 0 else "turun_kata"]
            fmt_s = fmt.get("selisih", "General")
            isi["selisih"] = teks_angka(abs(sel_), fmt_s)
            if "%" in fmt_s:  # a difference of percentages is in percentage points
                isi["selisih"] = isi["selisih"].removesuffix("%") + " poin persen"
            isi["perubahan"] = teks_angka(abs(baris["perubahan"]),
                                          fmt.get("perubahan", "0.00%"))
            p2.append(Kalimat(kal["perubahan"].format_map(isi)))
    elif _angka(baris.get("realisasi")):
        p2.append(Kalimat(kal["perubahan_belum"].format_map(isi)))
    tren = _tren(induk.deret.get(kode, {}), tahun, tpl["tren"]) if tahun else None
    if tren is not None and _angka(baris.get("realisasi")):
        kata, awal = tren
        d = induk.deret[kode]
        fmt_r = fmt.get("realisasi", "General")
        isi["tren"] = kata
        isi["tahun_awal"] = str(awal)
        isi["deret"] = "; ".join(f"{t}: {teks_angka(d[t], fmt_r)}" for t in sorted(d)
                                 if awal <= t <= tahun and _angka(d[t]))
        p2.append(Kalimat(kal["tren"].format_map(isi)))
    return p2


def uraian_indikator(induk: IsiLaporan, tpl: dict) -> list[Uraian]:
    """The analysis paragraphs of every indicator of the Analisis sheet."""
    kal = tpl["indikator"]
    hasil = []
    tahun = induk.tahun
    for baris, fmt in zip(induk.analisis, induk.format_analisis, strict=True):
        kode = baris["kode"]

        def f(kunci: str, baris=baris, fmt=fmt) -> str:
            v = baris.get(kunci)
            return teks_angka(v, fmt.get(kunci, "General")) if _angka(v) else str(v)

        isi = _Isi({k: "" for k in TEMPAT})
        isi.update({k: f(k) for k in baris if k in TEMPAT and k != "kode"})
        # the sentence names the predicate; the audit's notes follow it (below)
        isi["predikat"] = isi["predikat"].removesuffix(" " + TANDA)
        isi.update(kode=kode, tahun=str(tahun), tahun_lalu=str(tahun - 1) if tahun else "",
                   tahun_akhir=str(baris.get("tahun_akhir") or ""))
        judul = str(baris.get("indikator") or kode)
        paragraf: list[list[Kalimat]] = []
        temuan = temuan_indikator(induk, kode, tahun) if tahun else []
        galat = [t for t in temuan if t.get("Tingkat") in KESALAHAN]
        if galat:
            paragraf.append([Kalimat(kal["galat"].format_map(_Isi(
                isi, pesan=str(t.get("Pesan")), sel=str(t.get("Sel")),
                bidang=str(t.get("Bidang")))), "galat") for t in galat])
            paragraf.append([Kalimat(kal["penyebab"], "isian"), Kalimat(kal["tindakan"], "isian")])
            hasil.append(Uraian(kode, judul, paragraf))
            continue
        # 1. target, realisation, achievement
        if not _angka(baris.get("target")):
            p1 = [Kalimat(kal["target_belum"].format_map(isi))]
        elif _angka(baris.get("capaian")):
            p1 = [Kalimat(kal["capaian"].format_map(isi))]
        else:
            p1 = [Kalimat(kal["capaian_belum"].format_map(isi))]
        for t in temuan:
            p1.append(Kalimat(kal["peringatan"].format_map(_Isi(
                isi, pesan=str(t.get("Pesan")), sel=str(t.get("Sel")),
                bidang=str(t.get("Bidang")))), "catatan"))
        paragraf.append(p1)
        # 2. the year before and the trend
        p2 = _perubahan(induk, baris, fmt, isi, tpl)
        if p2:
            paragraf.append(p2)
        # 3. the Renstra end target
        if (kunci := _kalimat_target_akhir(baris)) is not None:
            paragraf.append([Kalimat(kal[kunci].format_map(isi))])
        # 4. budget and efficiency
        isi["anggaran_kode"] = _kode_anggaran(baris)
        if baris.get("pagu") == TANPA_ANGGARAN:
            paragraf.append([Kalimat(kal["tanpa_anggaran"].format_map(isi))])
        elif not _angka(baris.get("pagu")):
            paragraf.append([Kalimat(kal["anggaran_belum"].format_map(isi))])
        elif _angka(baris.get("efisiensi")):
            isi["kategori"] = "efisien" if baris["efisiensi"] >= 0 else "tidak efisien"
            paragraf.append([Kalimat(kal["anggaran"].format_map(isi))])
        else:
            paragraf.append([Kalimat(kal["anggaran_tanpa_efisiensi"].format_map(isi))])
        # 5. for people
        paragraf.append([Kalimat(kal["penyebab"], "isian"), Kalimat(kal["tindakan"], "isian")])
        hasil.append(Uraian(kode, judul, paragraf))
    return hasil


def _kalimat_target_akhir(baris: dict) -> str | None:
    """The Renstra end-target sentence; when it cannot be computed, the one naming what
    is missing (None: neither figure exists, nothing to say)."""
    ada_r, ada_t = _angka(baris.get("realisasi")), _angka(baris.get("target_akhir"))
    if _angka(baris.get("capaian_akhir")):
        return "target_akhir"
    if ada_r and ada_t:  # both there, the sheet still computes none (e.g. an end target 0)
        return "target_akhir_belum"
    if ada_r:
        return "target_akhir_tanpa_target"
    if ada_t:
        return "target_akhir_tanpa_realisasi"
    return None


def _kode_anggaran(baris: dict) -> str:
    kode = str(baris.get("anggaran_kode") or "").strip()
    return f"kode {kode}" if kode and kode != "-" else "program/kegiatan yang ditautkan"
