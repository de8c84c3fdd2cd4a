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


# Keys the VBA reads on every UDF call (XLPyCommand, XLPyLoadDLL) that the template's
# sheet lacks. A key missing from the sheet makes GetConfig look for a myaddin.conf
# file next to the active workbook and in %USERPROFILE%\.myaddin (two file checks
# per key and call, network round trips for a workbook on a share); a key present
# with a blank value stops the search there (GetConfigFromSheet reads column A from
# A1 down to the first blank, blanks in B included). ADD_WORKBOOK_TO_PYTHONPATH is
# "false": the workbook's folder on sys.path lets a sync.py next to a workbook
# shadow our package, and a OneDrive/SharePoint path can stop the UDF server.
# "INTERPRETER" (legacy) is deliberately absent: blank, it would override the
# VBA's default "pythonw" whenever Interpreter_Win is blank (the Conda setup).
KUNCI_TAMBAHAN = {
    "ADD_WORKBOOK_TO_PYTHONPATH": "false",
    "ONEDRIVE_CONSUMER_WIN": "",
    "ONEDRIVE_COMMERCIAL_WIN": "",
    "SHAREPOINT_WIN": "",
    "LICENSE_KEY": "",
}


def atur_konfigurasi(lembar_xml: str, sst_xml: str, nilai: dict[str, str]) -> str:
    """Set column B of the config rows whose label (column A) is a key of `nilai`;
    keys of KUNCI_TAMBAHAN the template lacks are added as rows right below the last
    label (the VBA stops reading at the first blank label).

    Labels are compared case-insensitively, as the VBA does (UCase). Values go in
    as inline strings so the shared-string table stays as it is; a blank value
    leaves B empty (the key is present, its value "").
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
    kurang = set(cari) - dipakai - set(KUNCI_TAMBAHAN)
    if kurang:
        raise ValueError(f"baris konfigurasi tidak ditemukan di templat xlwings: {sorted(kurang)}")
    tambah = [k for k in KUNCI_TAMBAHAN if k not in dipakai]
    return _tambah_baris(hasil, [(k, cari.get(k, KUNCI_TAMBAHAN[k])) for k in tambah])


def _tambah_baris(lembar_xml: str, kunci: list[tuple[str, str]]) -> str:
    """Rows label/value right below the last labelled row (contiguous, as the VBA
    needs); an unlabelled row there (the template's styled blank row 13) is replaced."""
    if not kunci:
        return lembar_xml
    berlabel = [int(n) for n in re.findall(r'<c r="A(\d+)"[^>]*t="(?:s|inlineStr)"', lembar_xml)]
    awal = max(berlabel) + 1
    baru = []
    for i, (k, v) in enumerate(kunci):
        no = awal + i
        sel_b = (f'<c r="B{no}" s="1" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                 if v else "")
        baru.append(f'<row r="{no}" spans="1:2"><c r="A{no}" s="1" t="inlineStr"><is><t>'
                    f"{escape(k)}</t></is></c>{sel_b}</row>")
    akhir = awal + len(kunci) - 1
    # drop unlabelled rows the new ones overlap, keep rows below them
    lembar_xml = re.sub(
        r'<row r="(\d+)"[^>]*>(?:(?!</row>).)*</row>',
        lambda m: "" if awal <= int(m.group(1)) <= akhir else m.group(0),
        lembar_xml, flags=re.DOTALL)
    pos = _posisi_baris(lembar_xml, awal)
    lembar_xml = lembar_xml[:pos] + "".join(baru) + lembar_xml[pos:]
    return re.sub(r'<dimension ref="A1:B(\d+)"',
                  lambda m: f'<dimension ref="A1:B{max(int(m.group(1)), akhir)}"', lembar_xml)


def _posisi_baris(lembar_xml: str, no: int) -> int:
    """Where a row numbered `no` goes in sheetData (rows stay in ascending order)."""
    for m in re.finditer(r'<row r="(\d+)"', lembar_xml):
        if int(m.group(1)) > no:
            return m.start()
    return lembar_xml.index("</sheetData>")


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
