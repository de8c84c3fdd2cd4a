"""The writer's background reading (zip_salin.BacaLatar) and its quick formula test
(segar.ada_f) give what the plain way gives: the same package bytes, the same errors."""

from __future__ import annotations

import io
import re
import threading
import zipfile
from concurrent.futures import Future

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tulis_bantu import bagian, buat_induk, plan_contoh

from sync.tulis import lembar as tl
from sync.tulis import segar
from sync.tulis import susun as ts
from sync.tulis.zip_salin import BacaLatar


def _acuan_f(xml: bytes) -> bool:
    """membaca_milik's plain test: where a formula element, prefixed or not, may start."""
    return b"<f" in xml or b":f" in xml


potongan_f = st.lists(st.sampled_from([b"<", b":", b"f", b"ff", b"a", b"<c>", b"x:", b"<v>1",
                                       b"f>", b"ref=", b"\xff"]), max_size=40).map(b"".join)


@settings(max_examples=500, deadline=None)
@given(potongan_f)
def test_ada_f_sama_dengan_pencarian_biasa(xml):
    assert segar.ada_f(xml) == _acuan_f(xml)


@settings(max_examples=300, deadline=None)
@given(potongan_f, st.integers(0, 4))
def test_ada_f_setelah_banyak_f_lain(xml, meleset):
    """After `_F_MELESET` f bytes not preceded by < or :, the plain search takes over at
    the right place (a "<f" straddling the hand-over point included)."""
    asli = segar._F_MELESET
    segar._F_MELESET = meleset
    try:
        assert segar.ada_f(xml) == _acuan_f(xml)
    finally:
        segar._F_MELESET = asli


@pytest.mark.parametrize("xml,harap", [
    (b"af" * 2000 + b"<f>A1</f>", True),    # found by the plain search after 1,000 misses
    (b"af" * 2000 + b"x:f>A1</x:f>", True),
    (b"af" * 2000, False),
    (b"f" + b"<c>" * 10, False),            # an f at the start has nothing before it
    (b"<c><f>SUM(A1)</f></c>", True),
    (b"<x:c><x:f>1</x:f></x:c>", True),
    (b"<c><v>1</v></c>" * 1000, False),
])
def test_ada_f_contoh(xml, harap):
    assert segar.ada_f(xml) == harap == _acuan_f(xml)


def _paket(bagian_: dict[str, bytes]) -> bytes:
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for n, isi in bagian_.items():
            z.writestr(n, isi)
    return keluar.getvalue()


def _utas_baca() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("kinerja-baca")]


def test_baca_latar_sama_dengan_zipfile():
    isi = {"a.xml": b"<a/>" * 5000, "b.xml": b"", "c/d.xml": "é中".encode() * 100}
    data = _paket(isi)
    with BacaLatar(data) as latar:
        hasil = {n: latar.baca(n, lambda x: x) for n in isi}
        panjang = latar.baca("a.xml", len)
        hilang = latar.baca("tidak-ada.xml", len)
        assert {n: f.result() for n, f in hasil.items()} == isi
        assert panjang.result() == 20000
        with pytest.raises(KeyError):
            hilang.result()
    assert not _utas_baca()


def test_baca_latar_crc_rusak_gagal_seperti_zipfile():
    data = bytearray(_paket({"a.xml": b"<a>teks</a>" * 100}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("a.xml")
    crc = info.header_offset + 14  # the local header's CRC-32
    data[crc] ^= 0xFF
    data[data.rfind(b"PK\x01\x02") + 16] ^= 0xFF  # and the central directory's
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(bytes(data))).read("a.xml")
    with BacaLatar(bytes(data)) as latar:
        with pytest.raises(zipfile.BadZipFile):
            latar.baca("a.xml", len).result()


def test_baca_latar_berhenti_saat_keluar():
    """Leaving the block (an error while writing) cancels what is still queued."""
    data = _paket({f"p{i}.xml": b"<c/>" * 100_000 for i in range(20)})
    dibaca = []
    with pytest.raises(RuntimeError), BacaLatar(data) as latar:
        for i in range(20):
            latar.baca(f"p{i}.xml", dibaca.append)
        raise RuntimeError("tulis gagal")
    assert len(dibaca) < 20
    assert not _utas_baca()


def _tanpa_baca_latar(monkeypatch):
    """Every read ahead fails: the writer reads everything the plain way."""
    def gagal(self, bagian_, olah):
        f: Future = Future()
        f.set_exception(OSError("tidak dibaca di latar"))
        return f
    monkeypatch.setattr(BacaLatar, "baca", gagal)


def _induk_besar(path, rumus: bool):
    """A master whose owned sheet was filled by an earlier run, with untouched sheets of
    values placed before the report sheet (so the formula check reads them first) and,
    with `rumus`, one formula of theirs reading an owned sheet (the report sheet's are
    removed: only that one makes the refresh run)."""
    buat_induk(path, baris=3)
    isi = bagian(path.read_bytes())
    laporan = "xl/worksheets/sheet1.xml"  # its formulas out: the engine takes seconds
    assert b"<f>" in isi[laporan]
    isi[laporan] = re.sub(rb"<f>.*?</f>", b"", isi[laporan])
    isi = bagian(ts.susun(_paket(isi), plan_contoh(baris=300)).data)
    for i in range(3):
        baris = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr">'
                        f"<is><t>arsip {r}</t></is></c></row>" for r in range(1, 300))
        isi[f"xl/worksheets/sheet{90 + i}.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
            '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + baris + ("<row r=\"300\"><c r=\"A300\"><f>SUM('Data Anggaran'!G:G)</f>"
                       "<v>0</v></c></row>" if rumus and i == 2 else "")
            + "</sheetData></worksheet>").encode()
    wbx = isi["xl/workbook.xml"].decode()
    rels = isi["xl/_rels/workbook.xml.rels"].decode()
    ct = isi["[Content_Types].xml"].decode()
    for i in range(3):
        wbx = wbx.replace("<sheets>", f'<sheets><sheet name="Arsip {i}" sheetId="{90 + i}" '
                          f'r:id="rIdA{i}"/>', 1)
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdA{i}" Type="http://'
                            'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                            f'worksheet" Target="worksheets/sheet{90 + i}.xml"/>'
                            "</Relationships>")
        ct = ct.replace("</Types>", f'<Override PartName="/xl/worksheets/sheet{90 + i}.xml" '
                        'ContentType="application/vnd.openxmlformats-officedocument.'
                        'spreadsheetml.worksheet+xml"/></Types>')
    isi["xl/workbook.xml"], isi["xl/_rels/workbook.xml.rels"] = wbx.encode(), rels.encode()
    isi["[Content_Types].xml"] = ct.encode()
    return _paket(isi)


@pytest.mark.parametrize("rumus", [False, True])
def test_susun_sama_dengan_tanpa_baca_latar(tmp_path, monkeypatch, rumus):
    """The package is the same byte for byte whether the old owned sheets and the formula
    check were read ahead or the plain way (the refresh runs when `rumus`)."""
    data = _induk_besar(tmp_path / "induk.xlsx", rumus)
    rencana = plan_contoh(baris=200, geser=1)
    cepat = ts.susun(data, rencana)
    with monkeypatch.context() as m:
        _tanpa_baca_latar(m)
        biasa = ts.susun(data, rencana)
    assert cepat.data == biasa.data
    assert cepat.dihitung == biasa.dihitung == int(rumus)  # Arsip 2!A300
    assert not _utas_baca()


def test_susun_bagian_rusak_gagal_sama(tmp_path, monkeypatch):
    """An untouched part that cannot be read fails the write the same way either way."""
    data = bytearray(_induk_besar(tmp_path / "induk.xlsx", False))
    z = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = z.getinfo("xl/worksheets/sheet91.xml")
    awal = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[awal + info.compress_size // 2] ^= 0x55  # its deflate stream damaged
    rencana = plan_contoh(baris=20)
    galat = []
    for latar in (True, False):
        with monkeypatch.context() as m:
            if not latar:
                _tanpa_baca_latar(m)
            with pytest.raises(Exception) as e:  # noqa: B017 - whatever it is, the same
                ts.susun(bytes(data), rencana)
            galat.append((type(e.value), str(e.value)))
    assert galat[0] == galat[1]
    assert not _utas_baca()


def test_potong_sheetdata_dua_kali_sama():
    """The old sheet is cut on the reading thread, and tulis_ulang_lembar cuts it again:
    cutting twice gives what cutting once gives (the corpus's worksheets)."""
    from conftest import KORPUS

    n = 0
    for p in sorted(KORPUS.glob("*.xls[xm]"))[::4]:
        with zipfile.ZipFile(p) as z:
            for nama in z.namelist():
                if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", nama):
                    sekali = tl.potong_sheetdata(z.read(nama))
                    assert tl.potong_sheetdata(sekali) == sekali, f"{p.name} {nama}"
                    n += 1
    assert n > 50


def _acuan_baris(baris, gaya, p=""):
    """One sel_xml per cell (as tests/test_tulis_cepat.py's reference)."""
    keluar = []
    for nomor, isi in enumerate(baris, start=2):
        sel = "".join(tl.sel_xml(f"{tl.huruf_kolom(j + 1)}{nomor}", v,
                                 gaya[j] if j < len(gaya) else None, p)
                      for j, v in enumerate(isi))
        if sel:
            keluar.append(f'<{p}row r="{nomor}">{sel}</{p}row>')
    return "".join(keluar)


@pytest.mark.parametrize("baris", [
    [[None, "a", None, 1.5, None]] * 3,            # blank columns between fast ones
    [[None, None], [None, None]],                   # nothing but blanks: no row at all
    [[None, "x\r"], [None, None], [None, "y"]],      # blanks beside a cell-by-cell column
])
@pytest.mark.parametrize("p", ["", "x:"])
def test_kolom_kosong_tidak_menulis_sel(baris, p):
    """A column with no value is left out of the row template: the same XML as writing
    each of its blank cells (nothing)."""
    gaya = ["3", "7", ["1", "2", "4"][:len(baris)], None, "0"]
    assert tl.baris_data_xml(baris, gaya, p) == _acuan_baris(baris, gaya, p)
