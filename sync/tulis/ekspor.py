"""The master for readers without the add-in: a PDF of the report sheets, or a values-only copy.

Both start from the values the master stores, which every consolidation refreshes
(sync/tulis/segar.py), so neither needs Excel nor the add-in:
- `salin_nilai`: every cell formula replaced by its stored value, everything else kept
  (styles, widths, charts, print set-up, names); no macros. Safe to e-mail: nothing in it
  recalculates, so nobody sees #NAME? or "perlu add-in Kinerja".
- `ke_pdf`: the report sheets only, A4, in the workbook's order, rendered by LibreOffice
  headless from the stored values (its default for .xlsx is not to recalculate).
The package is edited as text through sync.zip_salin, like the file writer does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from sync.model.skema import NAMA_LEMBAR_MILIK
from sync.tulis import segar
from sync.tulis.zip_salin import rakit

LEMBAR_PENGATURAN = "Pengaturan"
BATAS_WAKTU_PDF = 600  # seconds LibreOffice may take for one master
PESAN_TANPA_LIBREOFFICE = (
    "LibreOffice tidak ditemukan; PDF dibuat dengan LibreOffice (tanpa membuka jendela). "
    "Pasang dulu: di Debian/Ubuntu 'sudo apt-get install libreoffice-calc', di Windows "
    "unduh dari https://www.libreoffice.org/download/ lalu jalankan lagi. Tanpa LibreOffice, "
    "buka workbook di Excel dan pilih File > Ekspor > PDF, atau kirim salinan nilai "
    "(kinerja ekspor INDUK --nilai).")

_PFX = r"(?:[\w.-]+:)?"
_SHEET = re.compile(rf"<({_PFX})sheet\b([^>]*?)/>")
_DEFINED = re.compile(rf"<({_PFX})definedName\b([^>]*)>(.*?)</\1definedName>", re.S)
_REL = re.compile(r"<Relationship\b[^>]*/>")
_OVERRIDE = re.compile(r"<Override\b[^>]*/>")
_CALCPR_FULL = re.compile(r"""\s*\bfullCalcOnLoad\s*=\s*(?:"[^"]*"|'[^']*')""")
_PAGESETUP = re.compile(rf"<({_PFX})pageSetup\b([^>]*?)/>")
_PAPER = re.compile(r"""\s*\bpaperSize\s*=\s*(?:"[^"]*"|'[^']*')""")
_WBVIEW = re.compile(rf"<({_PFX})workbookView\b([^>]*?)/?>")
_ATR_TAB = re.compile(r"""\s*\b(?:activeTab|firstSheet)\s*=\s*(?:"[^"]*"|'[^']*')""")
_TAB_DIPILIH = re.compile(r"""\s*\btabSelected\s*=\s*(?:"[^"]*"|'[^']*')""")

CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_XLSM = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
REL_WORKSHEET = "/worksheet"
REL_VBA = "/vbaProject"
REL_CALCCHAIN = "/calcChain"


class EksporDitolak(Exception):
    """The export cannot be made; `pesan` (Indonesian) says why and what to do."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


# --- the package ---------------------------------------------------------------------------


def _atribut(teks: str) -> dict[str, str]:
    return segar._atribut(teks)


class _Buku:
    """The master's parts the export edits: workbook.xml, its relationships, its sheets."""

    def __init__(self, data: bytes, nama: str):
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            self.wb = self.zip.read("xl/workbook.xml").decode("utf-8")
            self.rels = self.zip.read("xl/_rels/workbook.xml.rels").decode("utf-8")
            self.ct = self.zip.read("[Content_Types].xml").decode("utf-8")
        except (zipfile.BadZipFile, KeyError, UnicodeDecodeError) as e:
            raise EksporDitolak(f"'{nama}' bukan workbook Excel (.xlsx/.xlsm) yang dapat "
                                "dibaca.") from e
        self.data = data
        target = {a.get("Id"): a for a in map(_atribut, _REL.findall(self.rels))}
        self.lembar: list[tuple[str, str | None]] = []  # (name, worksheet part or None)
        for m in _SHEET.finditer(self.wb):
            a = _atribut(m[2])
            rid = next((v for k, v in a.items() if k.endswith(":id")), "")
            r = target.get(rid, {})
            bagian = None
            if r.get("Type", "").endswith(REL_WORKSHEET) and r.get("Target"):
                t = r["Target"]
                bagian = t.lstrip("/") if t.startswith("/") else "xl/" + t
                bagian = os.path.normpath(bagian).replace(os.sep, "/")
            self.lembar.append((a.get("name", ""), bagian))

    def bagian_rel(self, akhiran: str) -> list[tuple[str, str]]:
        """(relationship element, target part) of the workbook's relationships of a type."""
        hasil = []
        for teks in _REL.findall(self.rels):
            a = _atribut(teks)
            if a.get("Type", "").endswith(akhiran):
                t = a.get("Target", "")
                hasil.append((teks, t.lstrip("/") if t.startswith("/") else "xl/" + t))
        return hasil


def lembar_laporan(data: bytes, nama: str = "workbook") -> list[str]:
    """The report sheets, in the workbook's order: every worksheet with a print area that
    is neither Pengaturan nor a sheet Kinerja owns (the LKjIP tables and charts the master
    ships with, and any sheet the office set up for printing)."""
    buku = _Buku(data, nama)
    cetak = set()
    for m in _DEFINED.finditer(buku.wb):
        a = _atribut(m[2])
        if a.get("name", "").casefold() == "_xlnm.print_area" and "localSheetId" in a:
            cetak.add(int(a["localSheetId"]))
    bukan = {n.casefold() for n in (*NAMA_LEMBAR_MILIK, LEMBAR_PENGATURAN)}
    return [n for i, (n, b) in enumerate(buku.lembar)
            if b is not None and i in cetak and n.casefold() not in bukan]


# --- values only -----------------------------------------------------------------------------


def _sel_nilai(m: re.Match) -> str:
    """One cell without its formula: the stored value kept (text as an inline string)."""
    p, atr, isi = m[1], m[2], m[3]
    if not isi or segar._F.search(isi) is None:
        return m[0]
    isi = segar._F.sub("", isi)
    v = segar._V.search(isi)
    if _atribut(atr).get("t") == "str" and v is not None:  # "str" belongs to formulas
        atr = segar._ATR_T.sub("", atr) + ' t="inlineStr"'
        teks = f'<{p}is><{p}t xml:space="preserve">{v[2] or ""}</{p}t></{p}is>'
        isi = isi[:v.start()] + teks + isi[v.end():]
    if not isi.strip():
        return f"<{p}c{segar._ATR_T.sub('', atr)}/>"
    return f"<{p}c{atr}>{isi}</{p}c>"


def tanpa_rumus(xml: str) -> str:
    """Sheet XML whose cells keep their stored values but no formula."""
    return segar._SEL.sub(_sel_nilai, xml)


def salin_nilai(data: bytes, nama: str = "workbook") -> bytes:
    """The values-only package: formulas replaced by their stored values, the calcChain
    and any macros dropped, everything else byte-identical."""
    buku = _Buku(data, nama)
    ganti: dict[str, bytes | None] = {}
    for _, bagian in buku.lembar:
        if bagian and bagian in buku.zip.NameToInfo:
            xml = buku.zip.read(bagian).decode("utf-8")
            baru = tanpa_rumus(xml)
            if baru != xml:
                ganti[bagian] = baru.encode("utf-8")
    rels, ct = buku.rels, buku.ct
    for teks, bagian in buku.bagian_rel(REL_CALCCHAIN) + buku.bagian_rel(REL_VBA):
        rels = rels.replace(teks, "")
        ct = re.sub(rf'<Override\b[^>]*PartName="/{re.escape(bagian)}"[^>]*/>', "", ct)
        if bagian in buku.zip.NameToInfo:
            ganti[bagian] = None
    ct = ct.replace(CT_XLSM, CT_XLSX)
    wb = re.sub(rf"<{_PFX}calcPr\b[^>]*?/?>", lambda m: _CALCPR_FULL.sub("", m[0]), buku.wb)
    for bagian, lama, baru in (("xl/_rels/workbook.xml.rels", buku.rels, rels),
                               ("[Content_Types].xml", buku.ct, ct),
                               ("xl/workbook.xml", buku.wb, wb)):
        if baru != lama:
            ganti[bagian] = baru.encode("utf-8")
    return rakit(data, ganti, [])


def hitung_penuh(data: bytes) -> bool:
    """The master asks Excel to recalculate on opening: some stored values may be old."""
    try:
        wb = zipfile.ZipFile(BytesIO(data)).read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError):
        return False  # not a workbook: the export itself says so
    m = re.search(rf"<{_PFX}calcPr\b[^>]*>", wb)
    return bool(m and re.search(r"""fullCalcOnLoad\s*=\s*["'](1|true)""", m[0]))


# --- PDF ---------------------------------------------------------------------------------------


def salin_untuk_cetak(data: bytes, laporan: list[str], nama: str = "workbook") -> bytes:
    """The package with every sheet but `laporan` hidden and without print area
    (LibreOffice prints a hidden sheet only through its print area), the first report
    sheet active, and A4 paper on the report sheets."""
    buku = _Buku(data, nama)
    ingin = {n.casefold() for n in laporan}
    indeks = [i for i, (n, _) in enumerate(buku.lembar) if n.casefold() in ingin]
    if not indeks:
        raise EksporDitolak(f"'{nama}' tidak memiliki lembar laporan (lembar Tabel/Grafik "
                            "dengan area cetak).")

    def sheet(m: re.Match) -> str:
        a = _atribut(m[2])
        if a.get("name", "").casefold() in ingin:
            atr = re.sub(r"""\s*\bstate\s*=\s*(?:"[^"]*"|'[^']*')""", "", m[2])
        elif "state" in a:
            return m[0]
        else:
            atr = m[2] + ' state="hidden"'
        return f"<{m[1]}sheet{atr}/>"

    def nama(m: re.Match) -> str:  # LibreOffice prints a hidden sheet's print area
        a = _atribut(m[2])
        cetak = a.get("name", "").casefold() in ("_xlnm.print_area", "_xlnm.print_titles")
        lokal = a.get("localSheetId")
        return "" if cetak and lokal is not None and int(lokal) not in indeks else m[0]

    wb = _DEFINED.sub(nama, _SHEET.sub(sheet, buku.wb))
    wb = _WBVIEW.sub(lambda m: f"<{m[1]}workbookView{_ATR_TAB.sub('', m[2]).rstrip('/')}"
                     f' activeTab="{indeks[0]}"' + ("/>" if m[0].endswith("/>") else ">"), wb,
                     count=1)
    ganti: dict[str, bytes | None] = {"xl/workbook.xml": wb.encode("utf-8")}
    for i, (_, bagian) in enumerate(buku.lembar):
        if bagian is None or bagian not in buku.zip.NameToInfo:
            continue
        xml = buku.zip.read(bagian).decode("utf-8")
        baru = _TAB_DIPILIH.sub("", xml)
        if i in indeks:
            baru = _PAGESETUP.sub(lambda m: f"<{m[1]}pageSetup{_PAPER.sub('', m[2])} "
                                  'paperSize="9"/>', baru)
        if baru != xml:
            ganti[bagian] = baru.encode("utf-8")
    return rakit(data, ganti, [])


def cari_soffice() -> str | None:
    """LibreOffice's program, on PATH or where the Windows installer puts it."""
    for nama in ("soffice", "libreoffice"):
        if exe := shutil.which(nama):
            return exe
    for akar in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        if akar and (p := Path(akar) / "LibreOffice" / "program" / "soffice.exe").is_file():
            return str(p)
    return None


# The profile's locale: Indonesian, whatever the machine's. LibreOffice shows a number
# format (stored locale-free in the .xlsx, "#,##0") with the separators of the cell's
# language, "Default" being this setting (Tools > Options > Languages and Locales >
# General > Locale setting, saved as /org.openoffice.Setup/L10N/ooSetupSystemLocale).
# Without it an English machine prints 1,545 for 1.545 and an Indonesian reader reads a
# decimal comma.
_PROFIL_ID = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" \
oor:op="fuse"><value>id-ID</value></prop></item>
</oor:items>
"""


def profil_id(folder: Path) -> Path:
    """A LibreOffice profile folder (for -env:UserInstallation) set to Indonesian."""
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFIL_ID, encoding="utf-8")
    return folder


def ke_pdf(data: bytes, tujuan: Path, nama: str = "workbook", soffice: str | None = None
           ) -> list[str]:
    """Render the report sheets of the package `data` to `tujuan` (PDF); returns their
    names. LibreOffice runs with a profile of its own (Indonesian number separators), so
    a LibreOffice the user has open neither blocks it nor is changed by it."""
    exe = soffice or cari_soffice()
    if exe is None:
        raise EksporDitolak(PESAN_TANPA_LIBREOFFICE)
    laporan = lembar_laporan(data, nama)
    cetak = salin_untuk_cetak(data, laporan, nama)
    with tempfile.TemporaryDirectory(prefix="kinerja-pdf-") as d:
        masuk = Path(d) / "laporan.xlsx"
        masuk.write_bytes(cetak)
        profil_id(Path(d) / "profil")
        try:
            r = subprocess.run(
                [exe, f"-env:UserInstallation={(Path(d) / 'profil').as_uri()}", "--headless",
                 "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", d,
                 str(masuk)],
                capture_output=True, timeout=BATAS_WAKTU_PDF, check=False)
        except subprocess.TimeoutExpired as e:
            raise EksporDitolak(f"LibreOffice tidak selesai dalam {BATAS_WAKTU_PDF} detik; "
                                "PDF tidak dibuat.") from e
        except OSError as e:
            raise EksporDitolak(f"LibreOffice tidak dapat dijalankan ({e.strerror or e}). "
                                + PESAN_TANPA_LIBREOFFICE) from e
        keluar = Path(d) / "laporan.pdf"
        if r.returncode != 0 or not keluar.is_file():
            pesan = r.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise EksporDitolak("LibreOffice gagal membuat PDF"
                                + (f": {pesan[0][:200]}" if pesan[0] else "") + ".")
        shutil.move(str(keluar), tujuan)
    return laporan
