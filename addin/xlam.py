"""Build addin/kinerja.xlam from xlwings' own custom add-in template.

`xlwings quickstart NAME --addin --ribbon` copies `quickstart_addin_ribbon.xlam`:
the xlwings VBA (RunPython, UDF server, config), a `_myaddin.conf` sheet and a
ribbon whose button calls `RibbonMyAddin.RunMain`, which runs
`import <file name>; <file name>.main()`. We keep its VBA byte for byte and edit
only plain XML parts:

- customUI/customUI.xml: a *Kinerja* tab with the *Konsolidasi* button;
- the config sheet: renamed to `myaddin.conf` (the VBA reads the sheet named
  PROJECT_NAME & ".conf", and PROJECT_NAME is "myaddin"; the leading "_" of the
  template is what keeps it inactive) with UDF Modules = addin.udf;
- docProps/core.xml: title, and the xlwings version the VBA came from (the VBA
  loads xlwings64-<version>.dll, so it only works with that xlwings installed).

The file must be called kinerja.xlam: RunMain imports the module named after it
(the top-level `kinerja` module, whose main() runs the consolidation).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

import xlwings
import xlwings.cli

NAMA_BERKAS = "kinerja.xlam"
BAWAAN = Path(__file__).with_name(NAMA_BERKAS)
LEMBAR_TEMPLAT = "_myaddin.conf"
LEMBAR_AKTIF = "myaddin.conf"          # PROJECT_NAME ("myaddin") & ".conf" in xlwings' VBA
MODUL_UDF = "addin.udf"
AKSI_TOMBOL = "RibbonMyAddin.RunMain"  # the template's ribbon callback

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}

PENJELASAN = (
    "Membaca sheet setiap bidang yang terdaftar di lembar Pengaturan, memeriksanya, "
    "lalu menulis lembar data milik Kinerja di workbook induk yang sedang terbuka. "
    "Lembar lain tidak diubah."
)
RIBBON = f"""<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">
    <ribbon>
        <tabs>
            <tab id="kinerjaTab" label="Kinerja">
                <group id="kinerjaGrup" label="Laporan Kinerja">
                    <button id="kinerjaKonsolidasi" label="Konsolidasi" size="large"
                        onAction="{AKSI_TOMBOL}" imageMso="MacroPlay"
                        screentip="Konsolidasi data bidang"
                        supertip="{PENJELASAN}" />
                </group>
            </tab>
        </tabs>
    </ribbon>
</customUI>
"""


def templat_xlwings(folder: Path) -> Path:
    """Run xlwings' own quickstart for a ribbon add-in in `folder`; returns the .xlam it made."""
    args = argparse.Namespace(
        project_name="kinerja", standalone=False, addin=True, ribbon=True, server=False
    )
    with contextlib.chdir(folder):
        xlwings.cli.quickstart(args)
    return folder / "kinerja" / NAMA_BERKAS


def atur_konfigurasi(lembar_xml: str, sst_xml: str, nilai: dict[str, str]) -> str:
    """Set column B of the config rows whose label (column A) is a key of `nilai`.

    Labels are compared case-insensitively, as the VBA does (UCase). Values go in
    as inline strings so the shared-string table stays as it is.
    """
    teks = [
        "".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t"))
        for si in ET.fromstring(sst_xml).findall("m:si", _NS)
    ]
    cari = {k.upper(): v for k, v in nilai.items()}
    dipakai: set[str] = set()

    def baris(m: re.Match) -> str:
        awal, no, isi = m.group(1), m.group(2), m.group(3)
        a = re.search(rf'<c r="A{no}"([^>]*)t="s"[^>]*>\s*<v>(\d+)</v>\s*</c>', isi)
        if a is None:
            return m.group(0)
        label = teks[int(a.group(2))].upper()
        if label not in cari:
            return m.group(0)
        dipakai.add(label)
        gaya = re.search(r's="(\d+)"', a.group(0))
        s = f' s="{gaya.group(1)}"' if gaya else ""
        sel_b = f'<c r="B{no}"{s} t="inlineStr"><is><t>{escape(cari[label])}</t></is></c>'
        isi = re.sub(rf'<c r="B{no}"[^>]*?(/>|>.*?</c>)', "", isi, flags=re.DOTALL)
        isi = isi[: a.end()] + sel_b + isi[a.end():]
        awal = re.sub(r'spans="(\d+):\d+"', r'spans="\1:2"', awal)
        return f"{awal}{isi}</row>"

    hasil = re.sub(r'(<row r="(\d+)"[^>]*>)(.*?)</row>', baris, lembar_xml, flags=re.DOTALL)
    kurang = set(cari) - dipakai
    if kurang:
        raise ValueError(f"baris konfigurasi tidak ditemukan di templat xlwings: {sorted(kurang)}")
    return hasil


def _ganti_satu(teks: str, lama: str, baru: str, bagian: str) -> str:
    if teks.count(lama) != 1:
        raise ValueError(f"templat xlwings berubah: {lama!r} tidak tepat satu kali di {bagian}")
    return teks.replace(lama, baru)


def _jalur_lembar_konfigurasi(z: zipfile.ZipFile) -> str:
    """The worksheet part of the config sheet, through workbook.xml and its rels."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rid = None
    for s in wb.iterfind("m:sheets/m:sheet", _NS):
        if s.get("name") == LEMBAR_TEMPLAT:
            rid = s.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    if rid is None:
        raise ValueError(f"templat xlwings tanpa lembar {LEMBAR_TEMPLAT}")
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    for r in rels:
        if r.get("Id") == rid:
            return "xl/" + r.get("Target", "").lstrip("/").removeprefix("xl/")
    raise ValueError(f"relasi {rid} tidak ditemukan")


def ubah_templat(templat: Path, tujuan: Path, konfigurasi: dict[str, str] | None = None) -> None:
    """Write `tujuan` from xlwings' template with Kinerja's ribbon and config sheet.

    Every zip member other than the ribbon, workbook.xml, the config sheet and
    core.xml is copied byte for byte (vbaProject.bin included).
    """
    isian = {"UDF Modules": MODUL_UDF, **(konfigurasi or {})}
    with zipfile.ZipFile(templat) as z:
        lembar = _jalur_lembar_konfigurasi(z)
        baru = {
            "customUI/customUI.xml": RIBBON,
            "xl/workbook.xml": _ganti_satu(
                z.read("xl/workbook.xml").decode("utf-8"),
                f'name="{LEMBAR_TEMPLAT}"', f'name="{LEMBAR_AKTIF}"', "xl/workbook.xml",
            ),
            lembar: atur_konfigurasi(
                z.read(lembar).decode("utf-8"), z.read("xl/sharedStrings.xml").decode("utf-8"),
                isian,
            ),
            "docProps/core.xml": _properti(z.read("docProps/core.xml").decode("utf-8")),
        }
        tujuan.parent.mkdir(parents=True, exist_ok=True)
        sementara = tujuan.with_name(tujuan.name + ".tmp")
        with zipfile.ZipFile(sementara, "w", zipfile.ZIP_DEFLATED) as keluar:
            for info in z.infolist():
                data = baru.get(info.filename)
                keluar.writestr(info, data.encode("utf-8") if data is not None else z.read(info))
    sementara.replace(tujuan)


def _properti(core: str) -> str:
    """Title and the xlwings version of the VBA in docProps/core.xml."""
    keterangan = f"Add-in Kinerja; VBA dari templat xlwings {xlwings.__version__}"
    for tag, isi in (("dc:title", "Kinerja"), ("dc:description", keterangan)):
        pola = rf"<{tag}\s*/>|<{tag}>.*?</{tag}>"
        if not re.search(pola, core):
            raise ValueError(f"docProps/core.xml tanpa {tag}")
        core = re.sub(pola, f"<{tag}>{escape(isi)}</{tag}>", core, count=1)
    return core


def versi_xlwings(xlam: Path) -> str | None:
    """The xlwings version an xlam built here took its VBA from (None if not recorded)."""
    with zipfile.ZipFile(xlam) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    m = re.search(r"templat xlwings ([^<\s]+)</dc:description>", core)
    return m.group(1) if m else None


def bangun(tujuan: Path = BAWAAN, konfigurasi: dict[str, str] | None = None) -> Path:
    """Build kinerja.xlam at `tujuan` from the installed xlwings' template."""
    with tempfile.TemporaryDirectory(prefix="kinerja-xlam-") as d:
        ubah_templat(templat_xlwings(Path(d)), Path(tujuan), konfigurasi)
    return Path(tujuan)
