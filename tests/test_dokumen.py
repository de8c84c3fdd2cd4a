"""`kinerja dokumen`: the Word document opened with python-docx and read back.

Expected figures are the seed's (tests/data/lkjip-2021-dinas-koperasi-batam.txt, by table
and line), written in Indonesian format by hand; the analysis paragraphs are compared
with the values `kinerja hitung` exports for the Analisis Indikator sheet.
"""

from __future__ import annotations

import dataclasses
import json
import re
import string
from pathlib import Path

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph

import workbooks
from sync.cli import main
from sync.dokumen.baca import baca_laporan
from sync.dokumen.tulis import tulis_dokumen
from sync.dokumen.uraian import muat_templat, uraian_indikator

URUTAN = ["Tabel 2.1", "Tabel 2.2", "Tabel 2.3", "Tabel 2.4", "Tabel 2.5", "Tabel 2.6",
          "Tabel 2.7", "Tabel 2.8", "Tabel 3.1", "Tabel 3.2", "Tabel 3.3", "Tabel 3.4",
          "Tabel 3.5", "Tabel 3.7", "Tabel 3.8", "Tabel 3.9", "Tabel 3.10"]

# The seed's figures the master reproduces, as an Indonesian document prints them.
SEED = {
    "Tabel 2.1": ["13.100", "17.200", "15.733", "26.100", "36.507"],  # l.736
    "Tabel 2.2": ["982", "988", "1.010", "1.014", "899",  # l.747
                  "222", "224", "238", "230", "235"],  # l.748
    "Tabel 2.3": ["240.310.486", "112.503.553.626", "86.934.125.323", "218.401.065.307",
                  "259.515.461.246"],  # l.921 (Tabel 3.3)
    "Tabel 2.4": ["1.077", "1.171", "1.194", "1.462",  # l.786
                  "26,00%", "35,00%", "47,00%", "60,00%"],  # l.787
    "Tabel 2.5": ["17,39%", "20,69%", "23,34%", "25,51%", "28,21%", "31,20%", "34,34%",  # l.802
                  "288.278.966.246",  # l.803
                  "311.418.553.495", "376.816.449.729", "459.716.068.670", "565.450.764.464",
                  "701.158.947.935", "876.448.684.919",  # l.818
                  "241", "250", "262", "278", "299", "325",  # l.819
                  "-11,34%", "1,45%", "2,63%",  # l.821
                  "912", "928", "946", "965", "989", "1.015"],  # l.821
    "Tabel 2.6": ["17,39%", "288.278.966.246", "259.515.461.246", "18,80%",
                  "28.763.505.000", "15,98%"],  # l.846-852
    "Tabel 2.7": ["17,39%", "18,80%", "15,98%"],  # l.858-863 (baseline 2020)
    "Tabel 3.5": ["900", "1.077", "1.154", "1.257", "1.368", "130", "440", "495", "525", "585",
                  "980", "986", "1.010", "1.052", "1.072", "222", "230", "232", "207",
                  "223"],  # l.962-964
    "Tabel 3.7": ["960", "980", "986", "1.010", "1.052", "1.072", "1.092",  # l.991
                  "197", "233",  # l.992
                  "19,00%", "20,00%", "25,00%",  # l.993
                  "20,52%", "22,65%", "23,33%", "22,97%", "21,29%", "24,29%", "24,20%",  # l.994
                  "855", "1.545", "1.665", "183",  # l.995-998
                  "70,00%", "90,00%"],  # l.996, l.999
    "Tabel 3.8": ["Rp6.740.784.489,00", "Rp5.695.937.122,00", "84,50%",  # l.1010-1011
                  "Rp1.044.847.367,00", "Rp53.854.000,00", "Rp27.000.000,00",  # l.1012-1013
                  "Rp151.199.500,00", "Rp207.936.840,00", "96,97%", "Rp6.492.660,00",  # 1044-45
                  "Rp251.134.400,00", "74,88%", "Rp384.118.500,00", "97,73%",  # l.1046-1051
                  "Rp9.896.127.789,00", "Rp8.087.157.045,00", "81,72%",  # l.1056 (TOTAL)
                  "Rp1.808.970.744,00"],
    "Tabel 3.9": ["20,00%", "26,94%"],  # Tabel 2.5 l.808, l.823 (2021 targets of the IKU)
}


@pytest.fixture(scope="module")
def hasil(tmp_path_factory):
    d = tmp_path_factory.mktemp("dokumen")
    keluaran, nilai = d / "LKjIP-2021.docx", d / "analisis.json"
    assert main(["dokumen", str(workbooks.INDUK), "--keluaran", str(keluaran)]) == 0
    assert main(["hitung", str(workbooks.INDUK), "--lembar", "Analisis Indikator", "--semua",
                 "--ekspor", str(nilai)]) == 0
    return docx.Document(str(keluaran)), json.loads(nilai.read_text(encoding="utf-8"))


def _isi(dok) -> list[tuple[str, object]]:
    """The body in order: ("p", Paragraph) and ("t", Table)."""
    hasil = []
    for el in dok.element.body.iterchildren():
        if el.tag.endswith("}p"):
            hasil.append(("p", Paragraph(el, dok)))
        elif el.tag.endswith("}tbl"):
            hasil.append(("t", Table(el, dok)))
    return hasil


def _tabel(dok, lanjutan: dict[str, list[Table]] | None = None) -> dict[str, Table]:
    """Each table under the caption paragraph naming it; a table right after it (only
    empty paragraphs between) continues it, collected in `lanjutan`."""
    hasil, judul, terakhir = {}, None, None
    for jenis, x in _isi(dok):
        if jenis == "p" and x.style.name == "Caption" and re.fullmatch(r"Tabel \d+\.\d+", x.text):
            judul = x.text
        elif jenis == "p" and x.text.strip():
            terakhir = None
        elif jenis == "t" and judul is None and terakhir:
            (lanjutan if lanjutan is not None else {}).setdefault(terakhir, []).append(x)
        elif jenis == "t":
            assert judul and judul not in hasil, judul
            hasil[judul] = x
            terakhir, judul = judul, None
    return hasil


def _sel(t: Table) -> set[str]:
    return {c.text for r in t.rows for c in r.cells}


def test_tabel_berurutan_seperti_seed(hasil):
    dok, _ = hasil
    assert list(_tabel(dok)) == URUTAN
    teks = [p.text for p in dok.paragraphs]
    assert any(t.startswith("Tabel 3.6 belum tersedia") for t in teks)  # said, not skipped
    # Tabel 3.1-3.4 repeat Tabel 2.1-2.4, as the seed prints them twice
    assert teks.count("Sama dengan Tabel 2.1.") == 1


def test_angka_seed_dalam_format_indonesia(hasil):
    tabel = _tabel(hasil[0])
    for judul, angka in SEED.items():
        # a figure the audit rejects keeps its value and gets the mark, as in Excel
        ada = {s.removesuffix(" *)") for s in _sel(tabel[judul])}
        hilang = [a for a in angka if a not in ada]
        assert not hilang, (judul, hilang)
    assert _sel(tabel["Tabel 3.1"]) == _sel(tabel["Tabel 2.1"])


def test_kata_data_kosong_tetap_terlihat(hasil):
    tabel = _tabel(hasil[0])
    assert "data belum ada" in _sel(tabel["Tabel 3.9"])   # no 2021 realisation of the IKU
    assert "target 0" in _sel(tabel["Tabel 3.5"])         # sentra UMKM, l.963


def _catatan(dok) -> dict[str, list[str]]:
    """The italic note paragraphs under each table, up to the next caption or heading."""
    hasil, judul, sesudah = {}, None, False
    for jenis, x in _isi(dok):
        if jenis == "t":
            sesudah = True
            continue
        if x.style.name == "Caption" and re.fullmatch(r"Tabel \d+\.\d+", x.text):
            judul, sesudah = x.text, False
        elif x.style.name.startswith("Heading") or x.style.name == "Caption":
            sesudah = False
        elif sesudah and judul and x.text:
            hasil.setdefault(judul, []).append(x.text)
    return hasil


def test_tanda_dan_catatannya_hanya_pada_tabel_bertanda(hasil):
    """Figures the audit rejects carry "*)" in the document as the conditional format shows
    them in Excel; the note explaining the mark stands only under a table showing one.
    Marked here: Tabel 2.4's 2017-2020 percentages, which are IK-UM-02's targets
    (persen_sama_target, Statistik!H5:K5) and Tabel 2.3's volume usaha (besaran_loncat
    and the growth findings, Statistik row 8); unmarked: Tabel 2.1 (ST-KOP-ANGGOTA)."""
    dok, _ = hasil
    tabel, catatan = _tabel(dok), _catatan(dok)
    ditandai = {judul: {s for s in _sel(t) if s.endswith(" *)")} for judul, t in tabel.items()}
    assert ditandai["Tabel 2.4"] == {"26,00% *)", "35,00% *)", "47,00% *)", "60,00% *)"}
    assert "240.310.486 *)" in ditandai["Tabel 2.3"]
    assert ditandai["Tabel 2.1"] == set() and ditandai["Tabel 2.2"] == set()
    for judul in tabel:
        bertanda = bool(ditandai[judul]) or any("*)" in s for s in _sel(tabel[judul]))
        keterangan = any("Angka bertanda" in c for c in catatan.get(judul, []))
        if judul in ("Tabel 3.10",):  # its sheet has no such note to print
            continue
        assert keterangan == bertanda, (judul, catatan.get(judul))
    assert catatan["Tabel 2.1"] == ["Sumber: Dinas Koperasi dan Usaha Mikro Kota Batam."]
    assert any("Angka bertanda" in c for c in catatan["Tabel 2.4"])


def test_tabel_kedua_di_lembar_tetap_tabel(hasil):
    """Tabel 2.7's second block (the programs and their ceilings, after a blank row) is a
    table in the document, not lines of notes with raw numbers ("151199500.0")."""
    dok, _ = hasil
    lanjutan: dict[str, list[Table]] = {}
    _tabel(dok, lanjutan)
    (program,) = lanjutan["Tabel 2.7"]
    assert [c.text for c in program.rows[0].cells][:2] == ["No.", "Program"]
    teks = _sel(program)
    # Tabel 3.8's ceilings of programs 2.17.04/05/07/08 (l.1044-1051):
    # 151,199,500 + 390,304,000 + 335,370,000 + 393,054,000 = 1,269,927,500
    assert 151_199_500 + 390_304_000 + 335_370_000 + 393_054_000 == 1_269_927_500
    assert {"Rp151.199.500,00", "Rp390.304.000,00", "Rp1.269.927.500,00"} <= teks
    assert _catatan(dok)["Tabel 2.7"] == [
        "Sumber: Dinas Koperasi dan Usaha Mikro Kota Batam",
        "Anggaran: pagu tahun laporan dari Data Anggaran (jumlah sub kegiatan yang kodenya "
        "diawali kode program)."]


def test_angka_dan_kepala_tidak_terpotong(hasil):
    """A figure never wraps (w:noWrap) and its column is at least as wide as the figure
    at the table's font (Arial digit 0.556 em); "No." is never split into "N" / "o."
    (seen: "112.503.553.6" / "26" in Tabel 2.3)."""
    dok, _ = hasil
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    tabel = _tabel(dok)
    for judul, t in tabel.items():
        for row in t.rows[1:]:
            for c in row.cells:
                teks = c.text
                if (re.fullmatch(r"-?(Rp)?\d{1,3}(\.\d{3})*(,\d+)?%?( \*\))?", teks)
                        and c._tc.tcPr.find(f"{w}shd") is None):  # a figure, not a header
                    assert c._tc.tcPr.find(f"{w}noWrap") is not None, (judul, teks)
    t = tabel["Tabel 2.3"]
    sel = next(c for r in t.rows for c in r.cells if c.text == "112.503.553.626 *)")
    ukuran = sel.paragraphs[0].runs[0].font.size.pt
    assert sel.width.mm >= len("112.503.553.626 *)") * ukuran * 0.556 * 25.4 / 72
    for judul, t in tabel.items():
        for c in t.rows[0].cells:
            if c.text == "No.":
                ukuran = c.paragraphs[0].runs[0].font.size.pt
                assert c.width.mm >= 3 * ukuran * 0.556 * 25.4 / 72 + 3.8, judul


def test_a4_dan_kepala_berulang(hasil):
    dok, _ = hasil
    for s in dok.sections:
        ukuran = sorted((round(s.page_width.mm), round(s.page_height.mm)))
        assert ukuran == [210, 297]
    assert {s.orientation for s in dok.sections} == {0, 1}  # portrait and landscape pages
    for judul, t in _tabel(dok).items():
        kepala = t.rows[0]._tr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}trPr")
        assert kepala is not None and "tblHeader" in kepala.xml, judul
        assert "tblHeader" not in t.rows[-1]._tr.xml, judul  # the body is not repeated


# --- the analysis paragraphs ------------------------------------------------------------

def _id(x: float, desimal: int) -> str:
    """Independent Indonesian formatting for the comparison: 1234.5 -> 1.234,50."""
    s = f"{abs(x):,.{desimal}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if x < 0 and s.strip("0,.") else "") + s


def _analisis(nilai: list[dict]) -> list[dict[str, object]]:
    """The Analisis Indikator rows from `kinerja hitung --ekspor` by header text."""
    sel = {r["sel"]: r["nilai"] for r in nilai}
    kepala = next(int(a[1:]) for a, v in sel.items() if a[0] == "A" and v == "Kode")
    kolom = {re.sub(r"\d+", "", a): v for a, v in sel.items()
             if re.fullmatch(rf"[A-Z]+{kepala}", a)}
    baris = []
    for r in range(kepala + 1, kepala + 100):
        if not sel.get(f"A{r}"):
            break
        baris.append({judul: sel.get(f"{c}{r}") for c, judul in kolom.items()})
    return baris


def _bagian(dok) -> dict[str, list[str]]:
    """Paragraph texts of each indicator's section of 3.4, by its heading."""
    hasil, judul, mulai = {}, None, False
    for jenis, x in _isi(dok):
        if jenis != "p":
            continue
        if x.text.startswith("3.4 "):
            mulai = True
        elif mulai and x.style.name.startswith("Heading 3"):
            judul = x.text.split(". ", 1)[1]
            hasil[judul] = []
        elif mulai and judul:
            hasil[judul].append(x.text)
    return hasil


def test_uraian_memuat_angka_kinerja_hitung(hasil):
    dok, nilai = hasil
    bagian = _bagian(dok)
    baris = _analisis(nilai)
    assert len(baris) == len(bagian) == 10
    dicek = ditandai = 0
    for b in baris:
        teks = " ".join(bagian[b["Indikator"]])
        def f(v, persen=b["Satuan"] == "%"):
            return _id(v * 100, 2) + "%" if persen else _id(v, 0)

        assert f"ditargetkan sebesar {f(b['Target'])}" in teks, b["Kode"]
        if isinstance(b["Capaian"], float):
            assert (f"terealisasi sebesar {f(b['Realisasi'])}, sehingga capaian kinerjanya "
                    f"{_id(b['Capaian'] * 100, 2)}% dengan predikat "
                    f"{b['Predikat'].removesuffix(' *)')}.") in teks
            # a predicate the report marks (a figure the audit rejects) is followed by
            # the audit's note in the paragraph itself
            if b["Predikat"].endswith(" *)"):
                assert "Catatan pemeriksaan" in teks, b["Kode"]
                ditandai += 1
            dicek += 1
        else:
            assert b["Capaian"] == "data belum ada"
            assert "Realisasinya belum tersedia" in teks, b["Kode"]
        if isinstance(b["Pagu (Rp)"], (int, float)):
            assert f"pagu Rp{_id(b['Pagu (Rp)'], 2)}" in teks
            assert f"(serapan {_id(b['Serapan'] * 100, 2)}%)" in teks
        if isinstance(b["Efisiensi"], float):
            assert f"anggarannya {_id(b['Efisiensi'] * 100, 2)}%" in teks
    assert dicek == 3  # the three indicators the seed gives a 2021 realisation
    assert ditandai == 2  # 24.2% and 90% (docs/dev/data-contoh.md, rows 3 and 18)


def test_uraian_contoh_dihitung_tangan(hasil):
    """Tabel 3.7 l.993-999: 24.2% of 25% = 96.80%; 183 of 1,545 = 11.84%; 90% of 70% =
    128.57%; 2020 realisation 24.29% (l.994): down 0.09 points, -0.37%."""
    bagian = _bagian(hasil[0])
    kop = " ".join(bagian["Persentase koperasi aktif"])
    assert "capaian kinerjanya 96,80% dengan predikat Sangat Tinggi" in kop
    assert "Dibandingkan tahun 2020 sebesar 24,29%, realisasi tahun 2021 turun 0,09 poin " \
           "persen (turun 0,37% dari tahun sebelumnya)." in kop
    assert "Selama tahun 2015–2021 realisasinya berfluktuasi" in kop
    # the audit's finding on the stated 24.20% (233/1,092 = 21.34%) is shown with it
    assert "233/1.092 = 21,34%" in kop
    um = " ".join(bagian["Jumlah usaha mikro yang dibina"])
    assert "capaian kinerjanya 11,84% dengan predikat Sangat Rendah" in um
    assert "128,57%" in " ".join(bagian["Persentase usaha mikro yang dibina"])


def _pola_templat() -> re.Pattern:
    """A paragraph made of template sentences joined by spaces, each placeholder any text."""
    kalimat = []
    for v in muat_templat()["indikator"].values():
        bagian = []
        for teks, nama, _, _ in string.Formatter().parse(v):
            bagian.append(re.escape(teks))
            if nama:
                bagian.append(".+?")
        kalimat.append("".join(bagian))
    satu = "(?:" + "|".join(kalimat) + ")"
    return re.compile(f"{satu}(?: {satu})*")


def test_uraian_hanya_dari_templat_dan_sebab_untuk_manusia(hasil):
    """Every sentence of the analysis is one of the template's: no cause is written by
    the program, and every indicator leaves the two marked places for people."""
    pola = _pola_templat()
    for judul, paragraf in _bagian(hasil[0]).items():
        for p in paragraf:
            assert pola.fullmatch(p), (judul, p)
        teks = " ".join(paragraf)
        assert teks.count("[DIISI OLEH BIDANG:") == 2, judul
    assert not pola.fullmatch("Capaian turun karena pandemi.")  # the check can fail


@pytest.fixture(scope="module")
def induk():
    return baca_laporan(workbooks.INDUK)


def test_galat_menggantikan_angka(induk, tmp_path):
    """A galat on an indicator's 2021 row (e.g. after a run with --sebagian) replaces its
    figures by the finding, in the section of that indicator only."""
    ((bidang, baris),) = [k for k, v in induk.sumber.items() if v == ("IK-UM-02", 2021)]
    temuan = {"Tingkat": "kesalahan", "Bidang": bidang, "Tab": "Indikator",
              "Sel": f"Indikator!L{baris}", "Pesan": "Acuan 'ST-UM' tidak sesuai rumus rasio."}
    salinan = dataclasses.replace(induk, temuan=[*induk.temuan, temuan])
    tpl = muat_templat()
    out = tulis_dokumen(salinan, tpl, uraian_indikator(salinan, tpl), tmp_path / "g.docx")
    bagian = _bagian(docx.Document(str(out)))
    teks = " ".join(bagian["Persentase usaha mikro yang dibina"])
    assert "[KESALAHAN PEMERIKSAAN di Bidang Pemberdayaan dan Pengembangan Usaha Mikro" in teks
    assert "90,00%" not in teks and "128,57%" not in teks
    assert "128,57%" not in " ".join(bagian["Jumlah usaha mikro yang dibina"])
    assert "11,84%" in " ".join(bagian["Jumlah usaha mikro yang dibina"])


def test_target_akhir_menyebut_yang_belum_ada(induk):
    """The Renstra end-target sentence says which figure is missing (was: "target akhir
    atau realisasi tahun ini belum tersedia")."""
    tpl = muat_templat()

    def kalimat(analisis) -> dict[str, str]:
        salinan = dataclasses.replace(induk, analisis=analisis)
        return {u.kode: " ".join(k.teks for p in u.paragraf for k in p)
                for u in uraian_indikator(salinan, tpl)}

    teks = kalimat(induk.analisis)
    assert all("target akhir atau realisasi" not in t for t in teks.values())
    # IK-KOP-01: realisation 24.20% in 2021, no 2026 target in the master's data
    assert ("Perbandingan dengan target akhir Renstra belum dapat dibuat karena target tahun "
            "2026 belum ada pada data bidang.") in teks["IK-KOP-01"]
    # IK-SEK-01: 2026 target 34.34% (Tabel 2.5 l.808), no 2021 realisation yet
    assert ("Perbandingan dengan target akhir Renstra tahun 2026 sebesar 34,34% belum dapat "
            "dibuat karena realisasi tahun 2021 belum tersedia.") in teks["IK-SEK-01"]
    # both figures there, the sheet still computes nothing (an end target of 0)
    baris = [dict(b, target_akhir=0, capaian_akhir="target 0") if b["kode"] == "IK-KOP-01"
             else b for b in induk.analisis]
    assert "sebesar 0,00% belum dapat dihitung (target 0)." in kalimat(baris)["IK-KOP-01"]


def test_templat_sendiri_dan_templat_salah(induk, tmp_path):
    sendiri = tmp_path / "uraian.toml"
    sendiri.write_text('[indikator]\ncapaian = "Capaian {indikator}: {capaian} ({predikat})."\n',
                       encoding="utf-8")
    tpl = muat_templat(sendiri)  # the rest of the sentences come from the packaged file
    uraian = uraian_indikator(induk, tpl)
    teks = [k.teks for u in uraian for p in u.paragraf for k in p]
    assert "Capaian Persentase koperasi aktif: 96,80% (Sangat Tinggi)." in teks
    salah = tmp_path / "salah.toml"
    salah.write_text('[indikator]\ncapaian = "Capaian {persen}."\n', encoding="utf-8")
    keluaran = tmp_path / "x.docx"
    assert main(["dokumen", str(workbooks.INDUK), "--templat", str(salah), "--keluaran",
                 str(keluaran)]) == 2
    assert not keluaran.exists()


def test_ditolak_dengan_jelas(tmp_path, capsys):
    def keluar() -> str:  # refusals on stderr; the console wraps long lines
        return " ".join(capsys.readouterr().err.split())

    assert main(["dokumen", str(tmp_path / "tidak-ada.xlsx")]) == 2
    assert f"Berkas tidak-ada.xlsx tidak ditemukan (dicari di folder {tmp_path.resolve()})" \
        in keluar()
    teks = tmp_path / "catatan.txt"
    teks.write_text("bukan workbook", encoding="utf-8")
    assert main(["dokumen", str(teks)]) == 2
    assert "bukan workbook induk (.xlsx/.xlsm)" in keluar()
    assert main(["dokumen", str(workbooks.INDUK), "--keluaran", str(tmp_path / "x.pdf")]) == 2
    assert "harus berkas .docx" in keluar()
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 bukan zip")
    assert main(["dokumen", str(rusak), "--keluaran", str(tmp_path / "r.docx")]) == 2
    assert "rusak.xlsx" in keluar() and not (tmp_path / "r.docx").exists()


def test_nama_bawaan_dokumen_nama_induk(tmp_path, monkeypatch):
    """Without --keluaran: LKjIP-2021.xlsx -> LKjIP-2021.docx beside it (once made
    LKjIP-LKjIP-2021.docx); the master itself is left alone."""
    import sync.dokumen

    induk = tmp_path / "LKjIP-2021.xlsx"
    induk.write_bytes(workbooks.INDUK.read_bytes())
    dipanggil = []
    monkeypatch.setattr(sync.dokumen, "buat_dokumen",
                        lambda i, k, t: dipanggil.append((i, k)) or k)
    assert main(["dokumen", str(induk)]) == 0
    assert dipanggil == [(induk, tmp_path / "LKjIP-2021.docx")]
    assert induk.read_bytes() == workbooks.INDUK.read_bytes()


def test_salin_templat_untuk_diubah(tmp_path, capsys):
    """Staff get an editable copy of the packaged sentences by command (the packaged file
    sits in site-packages after an install); an existing file is never overwritten."""
    import sync

    salinan = tmp_path / "uraian-kantor.toml"
    assert main(["dokumen", "--salin-templat", str(salinan)]) == 0
    bawaan = Path(sync.__file__).parent / "dokumen" / "uraian.toml"
    assert salinan.read_bytes() == bawaan.read_bytes()
    assert muat_templat(salinan) == muat_templat()
    salinan.write_text("# milik kantor\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["dokumen", "--salin-templat", str(salinan)]) == 2
    assert "tidak ditimpa" in capsys.readouterr().err
    assert salinan.read_text(encoding="utf-8") == "# milik kantor\n"
    assert main(["dokumen", "--salin-templat", str(tmp_path / "u.txt")]) == 2
    assert main(["dokumen"]) == 1  # neither a master nor --salin-templat
    assert "INDUK wajib diisi" in capsys.readouterr().err


def test_paket_menyertakan_templat():
    """uraian.toml ships as package data (pyproject: sync dokumen/*.toml)."""
    import sync

    teks = Path(sync.__file__).parent.joinpath("dokumen", "uraian.toml").read_text(
        encoding="utf-8")
    assert "[indikator]" in teks
    isi = Path(sync.__file__).parents[1].joinpath("pyproject.toml").read_text()
    assert 'sync = ["dokumen/*.toml"]' in isi and "python-docx" in isi
