"""Hostile and broken sources: each is a refusal (exit 2) naming the bidang, never a crash
(exit 3), a hang, or unbounded memory; the master stays byte-identical.

Limits are sync.sumber.lokal's (documented in docs/templat-bidang.md); Excel's own from
"Excel specifications and limits": 1,048,576 rows, 16,384 columns, 32,767 characters
per cell. The zip bombs are built with their real declared sizes (Python's zipfile and
calamine both inflate what the header declares).
"""

from __future__ import annotations

import hashlib
import http.server
import os
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest

import workbooks
from sync.cli import main
from sync.induk import Induk
from sync.induk.pengaturan import Pengaturan, Sumber
from sync.konsolidasi import DITOLAK, konsolidasi, rencanakan
from sync.model.mentah import SumberGagal, SumberMentah, TabMentah
from sync.sumber import lokal as sumber_lokal
from tests.bidang_uji import JUDUL, anggaran, indikator, tulis_bidang

BIDANG = "Bidang Uji"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def induk(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "3000")
    path = tmp_path / "LKjIP-2021.xlsx"
    shutil.copyfile(workbooks.INDUK, path)
    return path


def _bersih(path: Path) -> Path:
    return tulis_bidang(path, indikator_rows=[indikator(target=10, realisasi=5)],
                        anggaran_rows=[anggaran(pagu=10, realisasi=5)])


def _ganti_bagian(path: Path, nama: str, ubah) -> None:
    with zipfile.ZipFile(path) as z:
        isi = {i.filename: z.read(i) for i in z.infolist()}
    isi[nama] = ubah(isi[nama])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in isi.items():
            z.writestr(n, data)


def _ditolak(induk: Path, alamat: Path | str, *kata: str, capsys=None) -> str:
    """Refused through the API and the command (with and without --sebagian's rules):
    exit 2, the bidang named, the master unchanged. Returns the message."""
    sebelum = _sha(induk)
    h = konsolidasi(induk, sumber=[Sumber(BIDANG, str(alamat))], tahun=2021)
    assert h.status == DITOLAK, h.pesan
    assert BIDANG in h.pesan and "Tidak ada yang ditulis" in h.pesan
    for k in kata:
        assert k in h.pesan, h.pesan
    if capsys is not None:
        capsys.readouterr()
        assert main(["konsolidasi", str(induk), "--tahun", "2021", "--sumber",
                     f"{BIDANG}={alamat}"]) == 2
        out = capsys.readouterr()
        assert BIDANG in out.out and "Traceback" not in out.out + out.err
    assert _sha(induk) == sebelum
    return h.pesan


def test_zip_bomb_part_refused_before_inflating(induk, tmp_path, capsys, monkeypatch):
    a = _bersih(tmp_path / "a.xlsx")
    monkeypatch.setattr(sumber_lokal, "BATAS_BAGIAN", 1_000_000)
    with zipfile.ZipFile(a, "a", zipfile.ZIP_DEFLATED) as z:  # a sheet never read
        z.writestr("xl/worksheets/bom.xml", b"<a>" + b"0" * 3_000_000 + b"</a>")
    assert a.stat().st_size < 100_000
    _ditolak(induk, a, "terlalu besar", "bom.xml", capsys=capsys)


def test_zip_bomb_total_refused(induk, tmp_path, monkeypatch):
    a = _bersih(tmp_path / "a.xlsx")
    monkeypatch.setattr(sumber_lokal, "BATAS_SUMBER", 2_000_000)
    with zipfile.ZipFile(a, "a", zipfile.ZIP_DEFLATED) as z:
        for i in range(3):
            z.writestr(f"xl/media/isi{i}.bin", b"0" * 900_000)
    _ditolak(induk, a, "terlalu besar", "per sumber")


def test_real_limits_are_excels_and_documented():
    assert sumber_lokal.BATAS_BARIS == 1_048_576 and sumber_lokal.BATAS_TEKS == 32_767
    assert sumber_lokal.BATAS_KOLOM == 16_384
    doc = (Path(__file__).resolve().parents[1] / "docs" / "templat-bidang.md").read_text()
    for angka in ("1.048.576", "32.767", "128 MB", "256 MB", "10.000.000"):
        assert angka in doc, angka


@pytest.mark.parametrize("sel,kata", [("XFE1", "kolom"), ("XFD1048576", "sel"),
                                      ("A1048577", "baris"),
                                      ("ZZ200000", "sel")])
def test_far_cell_refused_before_a_dense_range_is_built(induk, tmp_path, sel, kata):
    """One cell at XFD1048576 would make calamine build 17 billion cells."""
    a = _bersih(tmp_path / "a.xlsx")
    baris = int("".join(filter(str.isdigit, sel)))

    def jauh(xml: bytes) -> bytes:
        sisip = f'<row r="{baris}"><c r="{sel}"><v>1</v></c></row></sheetData>'
        return xml.replace(b"</sheetData>", sisip.encode())
    _ganti_bagian(a, "xl/worksheets/sheet1.xml", jauh)
    _ditolak(induk, a, kata, "Indikator")


@pytest.mark.parametrize("sisip", [
    "<row r='1048577'><c r='A1048577'><v>1</v></c></row>",       # single quotes
    '<row  spans="1:1"\n r = "1048577"><c r="A1048577"><v>1</v></c></row>',  # spacing
    '<row r="5"><c t="n"\tr="XFE5"><v>1</v></c></row>',            # tab before r
    '<row r="200000"><c r = \'ZZ200000\'><v>1</v></c></row>',       # 702 x 200,000 cells
    '<row r="9"><c r="M1000000"><v>1</v></c></row>',   # the cell's row, not the row's r
    '<row r="9"><c r="XFD1048576"><v>1</v></c></row>',  # 17 billion cells
    '<row r="9"><c r="XFD700"><v>1</v></c></row>',      # 16,384 x 700 = 11.5 million
    '<row r="9"><c r="AAAA9"><v>1</v></c></row>',       # four letters: past XFD
])
def test_far_cell_refused_whatever_the_xml_spelling(induk, tmp_path, sisip):
    """XML allows either quote and spaces around '='; the pre-scan must not depend on
    Excel's own spelling (r="A1") to see a far cell."""
    a = _bersih(tmp_path / "a.xlsx")
    _ganti_bagian(a, "xl/worksheets/sheet1.xml",
                  lambda xml: xml.replace(b"</sheetData>", sisip.encode() + b"</sheetData>"))
    _ditolak(induk, a, "Indikator")


def test_dtd_and_entities_refused(induk, tmp_path, capsys):
    a = _bersih(tmp_path / "a.xlsx")

    def dtd(xml: bytes) -> bytes:
        return xml.replace(b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
                           b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet', 1)
    _ganti_bagian(a, "xl/worksheets/sheet2.xml", dtd)
    _ditolak(induk, a, "DTD", "Anggaran", capsys=capsys)


def test_text_over_excels_cell_limit_is_a_finding(induk, tmp_path):
    """40,000 characters fit a CSV field (csv's limit is 131,072) but not an Excel cell
    (xlsxwriter, like Excel, refuses to write them into a workbook)."""
    kepala = ";".join(JUDUL["Indikator"])
    f = _csv(tmp_path / "csv", {"Indikator": f"{kepala}\nIK-1;{'x' * 40_000};orang;positif;"
                                "akhir;2021;10;;;;;5\n"})
    sebelum = _sha(induk)
    h = konsolidasi(induk, sumber=[Sumber(BIDANG, str(f))], tahun=2021)
    assert h.status == DITOLAK
    assert any(t.kode == "teks_terlalu_panjang" and t.sel == "Indikator!B2" for t in h.temuan)
    assert _sha(induk) == sebelum


def _csv(folder: Path, isi: dict[str, str] | None = None, awalan: str = "",
         encoding: str = "utf-8") -> Path:
    folder.mkdir(exist_ok=True)
    for t in ("Indikator", "Anggaran", "Statistik"):
        kepala = ";".join(JUDUL[t] + (["2021"] if t == "Statistik" else []))
        (folder / f"{awalan}{t}.csv").write_text((isi or {}).get(t, kepala + "\n"),
                                                 encoding=encoding)
    return folder


def test_csv_field_over_the_csv_limit(induk, tmp_path, capsys):
    kepala = ";".join(JUDUL["Indikator"])
    f = _csv(tmp_path / "csv", {"Indikator": f'{kepala}\nIK-1;"{"x" * 200_000}";orang\n'})
    _ditolak(induk, f, "Indikator.csv", "baris 2", "32767", capsys=capsys)


def test_utf16_csv_is_read(induk, tmp_path):
    kepala = ";".join(JUDUL["Indikator"])
    f = _csv(tmp_path / "csv", {"Indikator": f"{kepala}\nIK-1;Indikator ≥;orang;positif;akhir;"
                                "2021;10;;;;;5\n"}, encoding="utf-16")
    h = konsolidasi(induk, sumber=[Sumber(BIDANG, str(f))], tahun=2021, coba=True)
    assert h.status == "coba", h.pesan
    assert h.data[0].indikator.ambil("indikator") == ["Indikator ≥"]


def test_nul_bytes_csv_refused(induk, tmp_path):
    f = _csv(tmp_path / "csv")
    (f / "Anggaran.csv").write_bytes("Kode;Program".encode("utf-16-le"))  # no BOM
    _ditolak(induk, f, "Anggaran.csv", "NUL")


def test_folder_of_prefixed_csv_files_found(induk, tmp_path):
    kepala = ";".join(JUDUL["Indikator"])
    f = _csv(tmp_path / "csv", {"Indikator": f"{kepala}\nIK-1;Indikator;orang;positif;akhir;"
                                "2021;10;;;;;5\n"}, awalan="sekretariat-")
    h = konsolidasi(induk, sumber=[Sumber(BIDANG, str(f))], tahun=2021, coba=True)
    assert h.status == "coba", h.pesan
    _csv(f, awalan="koperasi-")  # two bidang in one folder: ambiguous, refused
    _ditolak(induk, f, "sekretariat-", "koperasi-")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO hanya di POSIX")
@pytest.mark.parametrize("nama", ["a.xlsx", "csv/Indikator.csv"])
def test_fifo_source_refused_not_hanging(induk, tmp_path, nama, capsys):
    f = _csv(tmp_path / "csv")
    if nama.endswith(".csv"):
        (f / "Indikator.csv").unlink()
    os.mkfifo(tmp_path / nama)
    mulai = time.monotonic()
    _ditolak(induk, tmp_path / nama if nama == "a.xlsx" else f, "bukan berkas biasa",
             capsys=capsys)
    assert time.monotonic() - mulai < 60


@pytest.mark.parametrize("alamat", ["x" * 5000 + ".xlsx", "a/" * 2500 + "b.xlsx",
                                    "\0.xlsx"])
def test_absurd_addresses_refused(induk, alamat, capsys):
    pesan = _ditolak(induk, alamat, capsys=capsys)
    assert len(pesan) < 1500  # the address is cut in the message


def test_any_reader_failure_is_a_refusal(induk, tmp_path, monkeypatch):
    """A reader or parser bug met by a hostile file refuses that source (exit 2)."""
    a = _bersih(tmp_path / "a.xlsx")

    def rusak(*a, **kw):
        raise RecursionError("dalam sekali")
    monkeypatch.setattr(sumber_lokal, "_pindai_xml", rusak)
    _ditolak(induk, a, "RecursionError")
    monkeypatch.undo()
    from sync import konsolidasi as k
    monkeypatch.setattr(k, "urai_sumber", rusak)
    _ditolak(induk, a, "tidak dapat diurai")


@pytest.mark.parametrize("aneh", [{"v": 1}, [1, 2], b"\x00", object()])
def test_cells_that_are_not_values_refused_naming_the_cell(aneh, monkeypatch):
    """Google's JSON can carry objects and lists where a cell should be."""
    tabs = {t: TabMentah(t, [JUDUL[t], ["K-1"] + [None] * 5]) for t in JUDUL}
    tabs["Anggaran"].sel[1][2] = aneh
    from sync import konsolidasi as k

    def baca(daftar, dasar, kemajuan=None):
        yield k._tab_lengkap(SumberMentah(BIDANG, "https://docs.google.com/x", "google", tabs))
    monkeypatch.setattr(k, "baca_bertahap", baca)
    h = rencanakan(Induk(Pengaturan(tahun=2021, sumber=[Sumber(BIDANG, "x.xlsx")])))
    assert h.status == DITOLAK and "Anggaran!C2" in h.pesan and BIDANG in h.pesan


class _Tetes(http.server.BaseHTTPRequestHandler):
    """Answers 200 and then drips one byte every 0.5 s, for ever (until stopped)."""

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        for _ in range(600):
            if self.server.berhenti.is_set():
                return
            try:
                self.wfile.write(b" ")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.5)

    def log_message(self, *a):
        pass


def test_slow_drip_endpoint_hits_the_whole_request_deadline():
    from sync.sumber.google import baca_satu
    from sync.sumber.google_http import PengaturanGoogle

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Tetes)
    srv.berhenti = threading.Event()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        pengaturan = PengaturanGoogle(endpoint=f"http://127.0.0.1:{srv.server_port}",
                                      waktu_sambung=2, waktu_baca=2, tenggat=3, percobaan=1)
        mulai = time.monotonic()
        with pytest.raises(SumberGagal) as e:
            baca_satu(BIDANG, "1Kinerja0" + "x" * 30, pengaturan=pengaturan,
                      env={"KINERJA_GOOGLE_TOKEN": "ya29.tetes-tetes-token-rahasia"})
        assert time.monotonic() - mulai < 15
        assert "3 detik" in e.value.pesan and "rahasia" not in str(e.value)
    finally:
        srv.berhenti.set()
        srv.shutdown()
        srv.server_close()


@pytest.mark.parametrize("kode", ["#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#BUSY!",
                                  "#GETTING_DATA", "#CONNECT!", "#UNKNOWN!", "#PYTHON!"])
def test_newer_excel_error_cells_are_findings_naming_the_cell(induk, tmp_path, kode, capsys):
    a = tulis_bidang(tmp_path / "a.xlsx", indikator_rows=[indikator(target=5, realisasi=3)],
                     anggaran_rows=[anggaran(pagu=5, realisasi=3)],
                     rumus_sel={"Indikator": {"G4": ("=SEQUENCE(3)", kode)}})
    sebelum = _sha(induk)
    h = konsolidasi(induk, sumber=[Sumber(BIDANG, str(a))], tahun=2021)
    assert h.status == DITOLAK
    # #PYTHON! (Python in Excel) is not among addin.galat's codes: still a galat on the cell
    jenis = ("sel_galat", "bukan_angka") if kode == "#PYTHON!" else ("sel_galat",)
    assert any(t.kode in jenis and t.sel == "Indikator!G4" and t.bidang == BIDANG
               and t.tingkat == "galat" for t in h.temuan), [(t.kode, t.sel) for t in h.temuan]
    assert main(["konsolidasi", str(induk), "--tahun", "2021", "--sumber",
                 f"{BIDANG}={a}"]) == 2
    assert "Indikator!G4" in capsys.readouterr().out
    assert _sha(induk) == sebelum


def test_more_rows_than_a_worksheet_holds_refused(induk, tmp_path, monkeypatch):
    """40 bidang x 30,000 rows would overflow Data Indikator; shown with a lower cap."""
    from sync import konsolidasi as k

    monkeypatch.setattr(k, "BARIS_EXCEL", 3)  # header + 2 rows
    a = tulis_bidang(tmp_path / "a.xlsx",
                     indikator_rows=[indikator(kode=f"IK-{i}", target=5, realisasi=3)
                                     for i in range(3)],
                     anggaran_rows=[anggaran(pagu=5, realisasi=3)])
    sebelum = _sha(induk)
    h = konsolidasi(induk, sumber=[Sumber(BIDANG, str(a))], tahun=2021)
    assert h.status == DITOLAK and "Data Indikator" in h.pesan and "batas Excel" in h.pesan
    assert _sha(induk) == sebelum
    assert k.BARIS_EXCEL == 3 and sumber_lokal.BATAS_BARIS == 1_048_576


def test_hitung_export_error_in_indonesian(tmp_path, capsys):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "=1+1"
    wb.save(tmp_path / "b.xlsx")
    assert main(["hitung", str(tmp_path / "b.xlsx"), "--ekspor",
                 str(tmp_path / "tidak-ada" / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "tidak ditemukan" in err and "No such file" not in err


def test_far_cell_pattern_finds_what_the_plain_pattern_finds():
    """The pre-scan's pattern uses possessive quantifiers for speed; on any mix of r
    attributes (spacing, quotes, letters, digits, prefixes) it finds exactly what the
    same pattern without them finds."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    polos = re.compile(rb'r\s*=\s*["\'](?:([A-Za-z]{2,})(\d+)|[A-Za-z]?(\d{6,}))')
    ruang = st.sampled_from([b"", b" ", b"\t", b"\n ", b"  "])
    atribut = st.tuples(
        st.sampled_from([b" ", b"\t", b"x", b"xmlns:", b""]), st.just(b"r"), ruang,
        st.sampled_from([b"=", b""]), ruang, st.sampled_from([b'"', b"'", b""]),
        st.text(alphabet="AZaz", max_size=5).map(str.encode),
        st.text(alphabet="0159", max_size=9).map(str.encode),
        st.sampled_from([b'"', b"'", b":", b"/", b""])).map(b"".join)
    lain = st.sampled_from([b"<c", b"/>", b"<v>123456</v>", b"http:", b"r", b"="])

    @settings(max_examples=1000, deadline=None)
    @given(st.lists(st.one_of(atribut, lain), max_size=12).map(b"".join))
    def cek(xml):
        assert sumber_lokal._JAUH.findall(xml) == polos.findall(xml)

    cek()
