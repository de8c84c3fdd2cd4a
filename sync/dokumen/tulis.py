"""The LKjIP's Bab II and Bab III as a Word document (python-docx): the master's report
tables in the template's order and numbering, and the per-indicator analysis.

A4 pages, portrait or landscape as the sheet prints; each table's header rows repeat
on every page (w:tblHeader); captions above the tables as the seed prints them.
Missing data and error values keep their words, in grey italics and red; places for
people to write are highlighted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from sync.dokumen.baca import IsiLaporan, SelDok, TabelDok
from sync.dokumen.uraian import Uraian
from sync.model.laporan import TANDA

ABU = RGBColor(0x80, 0x80, 0x80)
MERAH = RGBColor(0xC0, 0x00, 0x00)
KEPALA = "D9E1F2"
# Arial (the Normal style): a digit is 0.556 em wide; Word's default cell margins are
# 1.9 mm on each side. Used to keep figures and header words from breaking mid-word.
EM_ANGKA = 0.556
MARGIN_SEL_MM = 2 * 1.9 + 0.6
PT_MM = 25.4 / 72

# The note's sentence about the mark ("*) Angka bertanda: … (…).", with the shared note's
# second sentence): printed only under a table that shows a mark.
_CATATAN_TANDA = re.compile(re.escape(TANDA) + r" Angka bertanda:[^()]*\([^()]*\)\."
                            r"(?: Capaian dan predikatnya[^.]*\.)?\s*")


def catatan_tercetak(t: TabelDok) -> list[str]:
    """The table's notes as printed: without the mark's explanation when no cell shows
    the mark (it would send the reader looking for one)."""
    if any(TANDA in s.teks for bagian in (t, *t.lanjutan) for b in bagian.isi for s in b):
        return list(t.catatan)
    hasil = []
    for c in t.catatan:
        c = _CATATAN_TANDA.sub("", c).strip()
        if c:
            hasil.append(c)
    return hasil


def lebar_kolom_mm(t: TabelDok, lebar_halaman: float, ukuran: float) -> list[float]:
    """Column widths: the sheet's, scaled to the page, but never narrower than the
    longest figure or the longest word of the column (a figure or "No." broken over two
    lines misreads); the other columns give way."""
    baris = [*t.kepala, *t.isi]
    n = max(len(b) for b in baris)
    sheet = (list(t.lebar_kolom) + [8.43] * n)[:n]
    total = sum(sheet) or 1
    lebar = [lebar_halaman * w / total for w in sheet]
    huruf = ukuran * EM_ANGKA * PT_MM
    minimum = [0.0] * n
    for b in baris:
        for j, s in enumerate(b):
            if s.tertutup or s.lebar > 1 or not s.teks:
                continue
            kata = s.teks if s.angka else max(s.teks.split(), key=len, default="")
            minimum[j] = max(minimum[j], len(kata) * huruf + MARGIN_SEL_MM)
    if sum(minimum) >= lebar_halaman:  # cannot fit: the minimums, scaled to the page
        return [lebar_halaman * m / sum(minimum) for m in minimum]
    tetap: set[int] = set()
    while True:  # fix the too-narrow columns at their minimum, share the rest
        kurang = {j for j in range(n) if j not in tetap and lebar[j] < minimum[j]}
        if not kurang:
            return lebar
        tetap |= kurang
        sisa = lebar_halaman - sum(minimum[j] for j in tetap)
        bebas = sum(sheet[j] for j in range(n) if j not in tetap) or 1
        lebar = [minimum[j] if j in tetap else sisa * sheet[j] / bebas for j in range(n)]


def _tanpa_lipat(sel) -> None:
    """w:noWrap: Word keeps the cell's text on one line (a figure is never split)."""
    tc_pr = sel._tc.get_or_add_tcPr()
    if tc_pr.find(qn("w:noWrap")) is None:
        tc_pr.insert_element_before(
            OxmlElement("w:noWrap"), "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
            "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def _halaman(section, lanskap: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if lanskap else WD_ORIENT.PORTRAIT
    w, h = Mm(210), Mm(297)
    section.page_width, section.page_height = (h, w) if lanskap else (w, h)
    for sisi in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, sisi, Mm(20))


def _ulang_kepala(baris) -> None:
    """Mark a table row as a header row, repeated at the top of every page."""
    tr_pr = baris._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _latar(sel, warna: str) -> None:
    tc_pr = sel._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), warna)
    tc_pr.append(shd)


class Penulis:
    def __init__(self, judul: str):
        self.doc = Document()
        self.lanskap = False
        _halaman(self.doc.sections[0], False)
        gaya = self.doc.styles["Normal"]
        gaya.font.name = "Arial"
        gaya.font.size = Pt(11)
        self.doc.core_properties.title = judul
        self.doc.core_properties.author = "Kinerja"

    def halaman(self, lanskap: bool) -> None:
        """Start a new section when the orientation changes."""
        if lanskap != self.lanskap:
            _halaman(self.doc.add_section(WD_SECTION.NEW_PAGE), lanskap)
            self.lanskap = lanskap

    def judul(self, teks: str, tingkat: int) -> None:
        self.doc.add_heading(teks, level=tingkat)

    def paragraf(self, teks: str, *, tengah: bool = False, tebal: bool = False,
                 miring: bool = False, ukuran: float | None = None) -> None:
        p = self.doc.add_paragraph()
        if tengah:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        run = p.add_run(teks)
        run.bold, run.italic = tebal, miring
        if ukuran:
            run.font.size = Pt(ukuran)

    def kalimat(self, kalimat: list) -> None:
        """A paragraph of sentences: numbers plain, findings red, places for people
        highlighted in yellow."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for i, k in enumerate(kalimat):
            run = p.add_run(("" if i == 0 else " ") + k.teks)
            if k.jenis == "isian":
                run.italic = True
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            elif k.jenis == "galat":
                run.bold = True
                run.font.color.rgb = MERAH
            elif k.jenis == "catatan":
                run.italic = True
                run.font.color.rgb = MERAH

    def tabel(self, t: TabelDok, nomor: str, asal: str | None, sama_dengan: str) -> None:
        """Caption (number and title lines), the table, its notes."""
        self.halaman(t.lanskap)
        judul = [nomor, *[j for j in t.judul if not re.fullmatch(r"Tabel \d+\.\d+", j)]]
        for i, teks in enumerate(judul):
            p = self.doc.add_paragraph(style="Caption")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            run = p.add_run(teks)
            run.bold = True
            run.italic = False
            run.font.size = Pt(11 if i == 0 else 10)
            run.font.color.rgb = RGBColor(0, 0, 0)
        for bagian in (t, *t.lanjutan):
            if bagian is not t:
                self.paragraf("", ukuran=6)  # Word joins two adjacent tables into one
            self._tabel(bagian)
        for catatan in catatan_tercetak(t):
            self.paragraf(catatan, miring=True, ukuran=8)
        if asal:
            self.paragraf(sama_dengan.format(asal=asal), miring=True, ukuran=8)

    def _tabel(self, t: TabelDok) -> None:
        baris = [*t.kepala, *t.isi]
        n_kolom = max(len(b) for b in baris)
        ukuran = 9 if n_kolom <= 7 else 8 if n_kolom <= 11 else 6.5
        tabel = self.doc.add_table(rows=len(baris), cols=n_kolom)
        tabel.style = "Table Grid"
        tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
        lebar_halaman = (297 if t.lanskap else 210) - 40
        tabel.autofit = False  # the sheet's column widths, scaled to the page
        lebar = lebar_kolom_mm(t, lebar_halaman, ukuran)
        for col, mm in zip(tabel.columns, lebar, strict=True):
            w = Mm(mm)
            col.width = w  # w:gridCol, which LibreOffice reads
            for c in col.cells:
                c.width = w  # w:tcW, which Word reads
        for i, b in enumerate(baris):
            kepala = i < len(t.kepala)
            if kepala:
                _ulang_kepala(tabel.rows[i])
            for j, s in enumerate(b):
                if s.tertutup:
                    continue
                sel = tabel.cell(i, j)
                if s.lebar > 1 or s.tinggi > 1:
                    sel = sel.merge(tabel.cell(i + s.tinggi - 1, j + s.lebar - 1))
                self._isi_sel(sel, s, kepala, ukuran)

    @staticmethod
    def _isi_sel(sel, s: SelDok, kepala: bool, ukuran: float) -> None:
        p = sel.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        if kepala:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _latar(sel, KEPALA)
        elif s.angka or s.kosong or s.galat:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if s.angka and not kepala:
            _tanpa_lipat(sel)
        run = p.add_run(s.teks)
        run.font.size = Pt(ukuran)
        run.bold = kepala or s.tebal
        if s.kosong:
            run.italic = True
            run.font.color.rgb = ABU
        if s.galat:
            run.bold = True
            run.font.color.rgb = MERAH

    def simpan(self, path: Path) -> None:
        """Written beside the target and renamed over it: an interrupted run leaves the
        previous document whole, never half a file."""
        sementara = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.doc.save(str(sementara))
            os.replace(sementara, path)
        finally:
            sementara.unlink(missing_ok=True)


def tulis_dokumen(induk: IsiLaporan, tpl: dict, uraian: list[Uraian], keluaran: Path) -> Path:
    """Write the document; returns its path."""
    tahun = induk.tahun or ""
    isi = {"tahun": tahun, "berkas": induk.berkas.name}
    d = tpl["dokumen"]
    w = Penulis(f"LKjIP {tahun}")
    for teks, ukuran in ((d["judul"], 16), (d["instansi"], 14), (d["sub_judul"], 14)):
        w.paragraf(teks.format(**isi), tengah=True, tebal=True, ukuran=ukuran)
    w.paragraf(d["catatan_sumber"].format(**isi), miring=True, ukuran=9)
    for bab in ("bab2", "bab3"):
        b = tpl[bab]
        w.halaman(False)
        w.judul(b["judul"], 1)
        w.paragraf(b["pengantar"].format(**isi))
        for bagian in b.get("bagian", []):
            w.halaman(False)
            w.judul(bagian["judul"], 2)
            for acuan in bagian.get("tabel", []):
                nomor, _, asal = (x.strip() for x in acuan.partition("="))
                lembar = asal or nomor
                t = induk.tabel.get(lembar)
                if t is None:
                    w.paragraf(tpl["tabel"]["tidak_ada"].format(
                        judul=nomor, alasan=f'lembar "{lembar}" tidak ada.'), miring=True)
                    continue
                w.tabel(t, nomor, asal or None, tpl["tabel"]["sama_dengan"])
        if bab == "bab3":
            w.halaman(False)
            w.judul(b["analisis"], 2)
            w.paragraf(b["analisis_pengantar"].format(**isi))
            for i, u in enumerate(uraian, start=1):
                w.judul(f"{i}. {u.judul}", 3)
                for p in u.paragraf:
                    w.kalimat(p)
    keluaran.parent.mkdir(parents=True, exist_ok=True)
    w.simpan(keluaran)
    return keluaran
