"""Cell styles with another number format, added to the workbook's styles part.

An owned sheet's data cells take their column's style; a column whose format depends
on the row (skema.format_per_baris: Pemeriksaan's Nilai) needs the same style with
another number format. Such a style is a copy of the column's <xf> in cellXfs with
numFmtId changed (ECMA-376 Part 1, 18.8.10 cellXfs, 18.8.30 numFmt): custom formats
get ids from 164 up, the built-in ones keep theirs (18.8.30's table: 3 = "#,##0",
10 = "0.00%"). A style or format already there is reused, so runs do not add copies
(and a consolidation of the master as bangun_induk builds it adds none).
"""

from __future__ import annotations

import copy

from lxml import etree

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
BAWAAN = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


class Gaya:
    """The styles part being edited; `id_gaya` gives the style ids, `xml` the part."""

    def __init__(self, xml: bytes):
        self.root = etree.fromstring(xml, _PARSER)
        if self.root.tag != _q("styleSheet"):
            raise ValueError("bagian gaya bukan styleSheet")
        self.diubah = False

    def _id_format(self, kode: str) -> int:
        """The format's id: one the part already declares with this code (XlsxWriter
        declares even "0.00%" as a custom format), else the built-in id, else a new one."""
        fmts = self.root.find(_q("numFmts"))
        ada = {} if fmts is None else {f.get("formatCode"): int(f.get("numFmtId", "0"))
                                       for f in fmts.iter(_q("numFmt"))}
        if kode in ada:
            return ada[kode]
        if kode in BAWAAN:
            return BAWAAN[kode]
        if fmts is None:
            fmts = etree.Element(_q("numFmts"))
            self.root.insert(0, fmts)
        baru = max([163, *ada.values()]) + 1
        etree.SubElement(fmts, _q("numFmt"), numFmtId=str(baru), formatCode=kode)
        fmts.set("count", str(len(fmts)))
        self.diubah = True
        return baru

    def id_gaya(self, dasar: str | None, kode: str) -> str:
        """The cellXfs index of style `dasar` (None: 0) with number format `kode`."""
        xfs = self.root.find(_q("cellXfs"))
        if xfs is None or not len(xfs):
            raise ValueError("bagian gaya tanpa cellXfs")
        semua = list(xfs.iterfind(_q("xf")))
        i = int(dasar) if dasar and dasar.isdigit() and int(dasar) < len(semua) else 0
        xf = copy.deepcopy(semua[i])
        xf.set("numFmtId", str(self._id_format(kode)))
        xf.set("applyNumberFormat", "1")
        kanon = etree.tostring(xf, method="c14n", with_tail=False)
        for j, lain in enumerate(semua):
            if etree.tostring(lain, method="c14n", with_tail=False) == kanon:
                return str(j)
        xfs.append(xf)
        xfs.set("count", str(len(semua) + 1))
        self.diubah = True
        return str(len(semua))

    def xml(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8",
                              standalone=True)
