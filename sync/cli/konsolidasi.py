"""The CLI face of the consolidation: progress, summary tables, exit codes.

All work happens in sync.konsolidasi; this module only turns arguments into a
call and a result into text.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from addin import rumus
from sync import bawaan
from sync.cli.keluar import KELUAR_DITOLAK, KELUAR_GAGAL, KELUAR_OK
from sync.cli.konsol import AlirAman
from sync.cli.konsol import konsol as buat_konsol
from sync.induk.pengaturan import Sumber
from sync.konsolidasi import COBA, HasilKonsolidasi, ada
from sync.konsolidasi import konsolidasi as jalankan
from sync.model import skema
from sync.model.laporan import CATATAN_TANDA, TANDA
from sync.model.rahasia import redaksi
from sync.model.temuan import GALAT, INFO, NAMA_TINGKAT, PERINGATAN, teks_nilai

HASIL_BAWAAN = Path("hasil") / "LKjIP-2021.xlsx"
BATAS_TAMPIL = 100  # rows per summary table on the console (all are in the master)
WARNA = {GALAT: "red", PERINGATAN: "yellow", INFO: "cyan"}


def _sumber_arg(teks: list[str] | None, dasar: Path | None = None) -> list[Sumber] | None:
    """--sumber "Nama Bidang=alamat" or just an address (the name is then the file's).

    A file path typed on the command line is relative to the current folder (as any
    command's), not to the master's folder like Pengaturan's paths. A name may hold "="
    itself ("[link=…]") and so may a Google address ("#gid=0"): the split is at the "="
    whose right side names an existing file or a Google address, else at the first one."""
    if not teks:
        return None
    hasil = []
    for t in teks:
        nama, sep, alamat = _pisah_sumber(t, dasar)
        if sep and not nama.lower().startswith(("http", "c:", "/")) and alamat:
            hasil.append(Sumber(nama.strip(), _dari_sini(alamat.strip())))
        else:
            hasil.append(Sumber(Path(t).stem if "/" not in t or ada(t) else t,
                                _dari_sini(t)))
    return hasil


def _pisah_sumber(t: str, dasar: Path | None) -> tuple[str, str, str]:
    from sync.konsolidasi import alamat_google

    if ada(t):
        return t, "", ""
    for i in [i for i, c in enumerate(t) if c == "="][::-1]:
        alamat = t[i + 1:].strip()
        if alamat and (ada(alamat) or (dasar and ada(dasar / alamat))
                       or alamat_google(alamat)):
            return t[:i], "=", t[i + 1:]
    return t.partition("=")


def _dari_sini(alamat: str) -> str:
    jalur = Path(alamat)
    return str(jalur.resolve()) if not jalur.is_absolute() and ada(jalur) else alamat


def _contoh_ke_hasil(keluaran: Path) -> tuple[Path, list[Path]]:
    """Copy the bundled example bidang next to the quick start's master (hasil/contoh/),
    so its Pengaturan paths (contoh/...) resolve from the copy and every later command
    works on hasil/ alone. A copy the user has changed is kept, not overwritten (it is
    returned, to be named): staff try the tool by editing these files."""
    import filecmp
    import shutil

    tujuan = keluaran.parent / bawaan.CONTOH.name
    tujuan.mkdir(parents=True, exist_ok=True)
    diubah = []
    for berkas in sorted(bawaan.CONTOH.glob("*.xlsx")):
        salinan = tujuan / berkas.name
        if salinan.exists() and not filecmp.cmp(berkas, salinan, shallow=False):
            diubah.append(salinan)
        else:
            shutil.copyfile(berkas, salinan)
    return keluaran.parent, diubah


def konsolidasi(args: argparse.Namespace) -> int:
    json_saja = bool(getattr(args, "json", False))
    konsol = buat_konsol(stderr=json_saja)  # --json: stdout holds the JSON alone
    galat = buat_konsol(stderr=True)  # refusals; both never interpret markup, never raise
    if args.induk:
        induk, dasar, keluaran = Path(args.induk), None, args.keluaran
        if not induk.exists():
            galat.print(_induk_tidak_ada(induk), soft_wrap=True)
            if json_saja:
                _cetak_json(HasilKonsolidasi("ditolak", _induk_tidak_ada(induk), induk))
            return KELUAR_DITOLAK
    else:
        induk, dasar = bawaan.INDUK, bawaan.FOLDER
        keluaran = Path(args.keluaran) if args.keluaran else HASIL_BAWAAN
        diubah: list[Path] = []
        if not args.coba:
            dasar, diubah = _contoh_ke_hasil(Path(keluaran))
        konsol.print(f"Contoh bawaan: lima bidang contoh ({dasar / bawaan.CONTOH.name}) "
                     f"digabung ke {keluaran}", highlight=False, markup=False)
        for p in diubah:
            konsol.print(f"{p} sudah Anda ubah: dipakai apa adanya, tidak ditimpa contoh "
                         "bawaan (hapus berkas itu untuk memulihkannya).", highlight=False,
                         markup=False)

    # Redrawn on each source read (the reads report progress), not by a refresh thread.
    with Progress(TextColumn("Membaca sumber", style="bold", markup=False), BarColumn(),
                  MofNCompleteColumn(), TextColumn("{task.description}", markup=False),
                  console=konsol, transient=True, auto_refresh=False,
                  disable=json_saja or not konsol.is_terminal) as prog:
        tugas = prog.add_task("", total=None)

        def maju(bidang: str, selesai: int, total: int) -> None:
            prog.update(tugas, completed=selesai, total=total, description=bidang, refresh=True)

        mulai = time.monotonic()
        try:
            hasil = jalankan(induk, sumber=_sumber_arg(args.sumber, dasar or induk.parent),
                             tahun=args.tahun,
                             keluaran=keluaran, coba=args.coba, sebagian=args.sebagian,
                             cadangan=args.cadangan, dasar=dasar, kemajuan=maju,
                             bidang=getattr(args, "bidang", None))
        except Exception as e:  # a bug, not bad input: say so plainly, nothing was written
            galat.print(f"Konsolidasi gagal karena kesalahan program: {type(e).__name__}: "
                        f"{redaksi(str(e))[:300]}. Workbook induk tidak diubah. Laporkan "
                        "pesan ini ke pengembang.", style="red", soft_wrap=True)
            return KELUAR_GAGAL
        durasi = time.monotonic() - mulai
    kode = KELUAR_OK if hasil.ditulis or hasil.status == COBA else KELUAR_DITOLAK
    try:
        if json_saja:
            _cetak_json(hasil, durasi)
        else:
            tampilkan(hasil, konsol, rinci=bool(getattr(args, "rinci", False)))
    except Exception as e:  # the master is written (or not) already: showing it cannot
        # change that, nor the exit code; say what happened in one plain line
        (galat if json_saja else konsol).print(
            f"Ringkasan tidak dapat ditampilkan ({type(e).__name__})."
            + (f" {hasil.pesan}" if kode == KELUAR_OK else ""))
    if kode != KELUAR_OK and not json_saja:
        galat.print(Text(f"Ditolak: {hasil.pesan}", "red"), soft_wrap=True)
    return kode


def _induk_tidak_ada(induk: Path) -> str:
    """A missing master: the folder looked in and a close file name there, if any."""
    import difflib

    folder = induk.parent if str(induk.parent) not in ("", ".") else Path.cwd()
    pesan = f"Workbook induk tidak ditemukan: {induk.name} (dicari di folder {folder.resolve()})."
    if folder.is_dir():
        ada = [p.name for p in folder.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm")]
        mirip = difflib.get_close_matches(induk.name, ada, n=1, cutoff=0.6)
        if mirip:
            pesan += f" Maksud Anda {folder / mirip[0]}?"
    if not induk.is_absolute() and (Path("hasil") / induk.name).exists():
        pesan += f" Hasil contoh ada di {Path('hasil') / induk.name}."
    return pesan


def ringkas_json(hasil: HasilKonsolidasi, durasi: float | None = None) -> dict:
    """The result as plain data for scripts (`--json`): the same facts the summary shows."""
    return {
        "status": hasil.status,
        "pesan": hasil.pesan,
        "induk": str(hasil.induk),
        "keluaran": str(hasil.keluaran) if hasil.keluaran else None,
        "cadangan": str(hasil.cadangan) if hasil.cadangan else None,
        "tahun": hasil.tahun,
        "durasi_detik": None if durasi is None else round(durasi, 2),
        "bidang": [{"bidang": d.bidang, **dict(zip(
            ("indikator", "anggaran", "statistik"),
            (sum(not c for c in t.cacat) for t in (d.indikator, d.anggaran, d.statistik)),
            strict=True))} for d in hasil.data],
        "gagal": [{"bidang": g.bidang, "alamat": g.alamat, "pesan": g.pesan}
                  for g in hasil.gagal],
        "data_lama": list(hasil.basi),
        "dipertahankan": list(hasil.dipertahankan),
        "perubahan": hasil.perubahan,
        "kunci_berubah": hasil.kunci_berubah,
        "peringatan_tulis": hasil.peringatan_tulis or None,
        # levels by the names Pemeriksaan and the summary use (docs/glosarium.md):
        # "kesalahan", "peringatan", "info"; the keys stay as they were
        "jumlah_temuan": {NAMA_TINGKAT[k]: hasil.jumlah_temuan(k)
                          for k in (GALAT, PERINGATAN, INFO)},
        "temuan": [{"tingkat": NAMA_TINGKAT.get(t.tingkat, t.tingkat), "bidang": t.bidang,
                    "tab": t.tab, "sel": t.sel,
                    "nilai": teks_nilai(t.nilai), "pesan": t.pesan, "kode": t.kode}
                   for t in hasil.temuan],
    }


def _cetak_json(hasil: HasilKonsolidasi, durasi: float | None = None) -> None:
    # through konsol's stream: any encoding, a broken pipe ignored, secrets redacted
    AlirAman().write(json.dumps(ringkas_json(hasil, durasi), ensure_ascii=False, indent=1)
                     + "\n")


BATAS_TEMUAN = 10   # findings shown per level before "... dan N lagi"
BATAS_CAPAIAN = 40  # indicators listed; more are summarised by predikat
BATAS_KUNCI = 10    # changed keys listed per sheet and kind under --coba


def tampilkan(hasil: HasilKonsolidasi, konsol: Console, rinci: bool = False) -> None:
    """Summary: rows per bidang, findings by level, what changed, where it went.

    Concise by design: the full list of findings is on the Pemeriksaan sheet (or with
    --rinci), so the bidang table stays on screen.
    """
    if hasil.data or hasil.gagal:
        t = Table(title="Sumber bidang")
        for judul in ("Bidang", "Indikator", "Anggaran", "Statistik", "Kesalahan",
                      "Peringatan"):
            t.add_column(judul, justify="left" if judul == "Bidang" else "right")
        for d in hasil.data:
            n = [sum(not b.cacat for b in rows) for rows in (d.indikator, d.anggaran,
                                                              d.statistik)]
            g = sum(1 for x in hasil.temuan if x.bidang == d.bidang and x.tingkat == GALAT)
            p = sum(1 for x in hasil.temuan if x.bidang == d.bidang and x.tingkat == PERINGATAN)
            t.add_row(Text(d.bidang) + (Text(" (data lama)", "yellow")
                                        if d.bidang in hasil.basi else Text("")),
                      *map(str, n), str(g), str(p))
        for g in hasil.gagal:
            t.add_row(Text(g.bidang) + Text(" (gagal dibaca)", "red"), "-", "-", "-", "-", "-")
        for b in hasil.dipertahankan:
            t.add_row(Text(b) + Text(" (tidak dibaca ulang; baris lama tetap)", "cyan"),
                      "-", "-", "-", "-", "-")
        konsol.print(t)
    if hasil.temuan:
        _temuan(hasil, konsol, rinci)
    if hasil.rencana is not None and hasil.tahun:
        tabel_capaian(hasil, konsol, rinci)
    if hasil.perubahan is not None:
        _perubahan(hasil, konsol)
    if hasil.peringatan_tulis:
        konsol.print(Text("Perhatian: tanpa --coba konsolidasi ini akan ditolak sekarang: "
                          + hasil.peringatan_tulis, "yellow"))
    if hasil.ditulis or hasil.status == COBA:
        konsol.print(Text(hasil.pesan, "green"))
        if hasil.cadangan:
            konsol.print(Text(f"Cadangan workbook sebelumnya: {hasil.cadangan}"),
                         soft_wrap=True)


def _temuan(hasil: HasilKonsolidasi, konsol: Console, rinci: bool) -> None:
    """Findings collapsed by level: errors and warnings listed (up to BATAS_TEMUAN each
    unless rinci), information counted; the detail is on the Pemeriksaan sheet."""
    jumlah = ", ".join(f"{hasil.jumlah_temuan(k)} {v}" for k, v in NAMA_TINGKAT.items())
    konsol.print(Text(f"Temuan: {jumlah}.", "bold"))
    for tingkat in (GALAT, PERINGATAN) + ((INFO,) if rinci else ()):
        daftar = [x for x in hasil.temuan if x.tingkat == tingkat]
        # the data-lama notice first: it changes how every other line is read
        daftar.sort(key=lambda x: x.kode != "sumber_basi")
        tampil = daftar[:BATAS_TAMPIL if rinci else BATAS_TEMUAN]
        for x in tampil:
            letak = ", ".join(v for v in (x.bidang, x.sel) if v)
            konsol.print(Text(f"  {NAMA_TINGKAT[tingkat]}: ", WARNA.get(tingkat, "white"))
                         + Text(f"{letak}: {x.pesan}" if letak else x.pesan))
        if len(daftar) > len(tampil):
            konsol.print(Text(f"  … dan {len(daftar) - len(tampil)} temuan lainnya "
                              f"({NAMA_TINGKAT[tingkat]})."))
    if hasil.ditulis:
        konsol.print(Text("Rincian semua temuan ada di lembar Pemeriksaan workbook induk."))
    elif not rinci:
        konsol.print(Text("Semua temuan: tambahkan --rinci (atau --json)."))


def _perubahan(hasil: HasilKonsolidasi, konsol: Console) -> None:
    """Rows added/removed/changed per owned sheet; under --coba the keys too."""
    data = [n for n in (skema.DATA_INDIKATOR.nama, skema.DATA_ANGGARAN.nama,
                        skema.DATA_STATISTIK.nama) if n in hasil.perubahan]
    berubah = [n for n in data if any(hasil.perubahan[n].get(k) for k in
                                      ("ditambah", "dihapus", "diubah"))]
    if not berubah:
        konsol.print(Text("Tidak ada perubahan data: lembar data sama seperti sebelumnya."))
        return
    judul = "Yang akan berubah" if hasil.status == COBA else "Yang berubah"
    t = Table(title=judul)
    for j in ("Lembar", "Ditambah", "Dihapus", "Diubah", "Baris sekarang"):
        t.add_column(j, justify="left" if j == "Lembar" else "right")
    for n in data:
        p = hasil.perubahan[n]
        t.add_row(n, *(str(p.get(k, 0)) for k in ("ditambah", "dihapus", "diubah", "baru")))
    konsol.print(t)
    for n, jenis in (hasil.kunci_berubah or {}).items():
        for k, daftar in jenis.items():
            if daftar:
                sisa = len(daftar) - BATAS_KUNCI
                konsol.print(Text(f"{n}, {k}: " + "; ".join(daftar[:BATAS_KUNCI])
                                  + (f"; … dan {sisa} lainnya" if sisa > 0 else "")))


def tabel_capaian(hasil: HasilKonsolidasi, konsol: Console, rinci: bool = False) -> None:
    """Achievement and predikat of each indicator of the report year: counts per predikat
    beyond BATAS_CAPAIAN (unless rinci), else a table of at most BATAS_TAMPIL rows."""
    kolom = [k.kunci for k in skema.DATA_INDIKATOR.kolom]
    i_tahun = kolom.index("tahun")
    semua = [r for r in hasil.rencana.lembar.get(skema.DATA_INDIKATOR.nama, [])
             if len(r) > i_tahun and r[i_tahun] == hasil.tahun]
    if not semua:
        return
    ringkas = len(semua) > BATAS_CAPAIAN and not rinci
    # a console shows a summary, the master has all
    rows = [dict(zip(kolom, r, strict=False)) for r in
            (semua if ringkas else semua[:BATAS_TAMPIL])]
    real = np.array([np.nan if r["realisasi"] is None else r["realisasi"] for r in rows], float)
    target = np.array([np.nan if r["target"] is None else r["target"] for r in rows], float)
    arah = np.array([[r["arah"] or "positif"] for r in rows], dtype=object).reshape(-1)
    cap = rumus.capaian(real, target, arah)
    pred = rumus.predikat(cap)
    if ringkas:  # 200,000 lines help nobody: counts per predikat
        _cetak_jumlah_predikat(konsol, pred, hasil.tahun)
        return
    t = Table(title=f"Capaian indikator tahun {hasil.tahun}")
    for judul in ("Kode", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"):
        t.add_column(judul, overflow="fold")
    for r, c, p in zip(rows, cap, pred, strict=True):
        t.add_row(*_baris_capaian(r, c, p))
    konsol.print(t)
    if any(r.get("periksa") not in (None, "", 0) for r in rows):
        konsol.print(Text(CATATAN_TANDA))
    if len(semua) > len(rows):
        konsol.print(f"… dan {len(semua) - len(rows)} indikator lainnya (lihat lembar Data "
                     "Indikator dan Tabel 3.5 di workbook induk).")


def _cetak_jumlah_predikat(konsol: Console, pred, tahun: object) -> None:
    """One line: how many indicators fall in each predikat."""
    jumlah: dict[str, int] = {}
    for p in pred:
        kunci = "tanpa capaian" if p is None or not isinstance(p, str) else p
        jumlah[kunci] = jumlah.get(kunci, 0) + 1
    konsol.print(Text(f"Capaian {len(pred)} indikator tahun {tahun}: " + ", ".join(
        f"{n} {k}" for k, n in jumlah.items()) + ". Rinciannya di Tabel 3.5 workbook "
        "induk (atau tambahkan --rinci)."))


def _baris_capaian(r: dict, c: object, p: object) -> tuple:
    """One indicator's cells: figures in its unit (percent or number), capaian, predikat;
    the predikat marked *) like the master's when Pemeriksaan reports the row."""
    persen = str(r.get("satuan") or "").strip() == "%"
    fmt = (lambda v: "" if v is None else str(rumus.persen(v))) if persen else _angka
    tanda = f" {TANDA}" if r.get("periksa") not in (None, "", 0) else ""
    return (Text(str(r["kode"])), Text(str(r["indikator"])), fmt(r["target"]),
            fmt(r["realisasi"]),
            "" if c is None else str(rumus.persen(c) if isinstance(c, float) else c),
            "" if p is None else str(p) + tanda)


def _angka(v: object) -> str:
    if v is None:
        return ""
    x = float(v)
    if x.is_integer():
        return f"{int(x):,}".replace(",", ".")
    return f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
