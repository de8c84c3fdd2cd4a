"""The layers of the code, checked from its own imports (docs/dev/arsitektur.md).

Every import counts: top-level and inside functions, `importlib.import_module("x")`
and "module:function" strings (the CLI resolves its subcommands that way).
Rules: no cycle; addin/ imports nothing of sync/ or workbooks/; no product module
(addin/, sync/, kinerja.py) imports workbooks/ (build scripts that use the product);
each sync/ layer imports only the layers below it; no function above cyclomatic
complexity 25 (radon's count).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
PAKET = ("addin", "sync", "workbooks")
_NAMA_MODUL = re.compile(r"^((?:addin|sync|workbooks)(?:\.\w+)+)(?::\w+)?$")

# sync's layers, lowest first; a module may import its own layer and those below.
LAPISAN = [
    {"sync.model", "sync.bawaan"},
    {"sync.paket"},
    {"sync.sumber", "sync.periksa"},
    {"sync.induk"},
    {"sync.rencana"},
    {"sync.tulis"},
    {"sync.konsolidasi", "sync.tombol", "sync.dokumen"},
    {"sync.cli"},
]


def _modul_semua() -> dict[str, Path]:
    hasil = {"kinerja": AKAR / "kinerja.py"}
    for p in PAKET:
        for f in sorted((AKAR / p).rglob("*.py")):
            bagian = list(f.relative_to(AKAR).with_suffix("").parts)
            if bagian[-1] == "__init__":
                bagian.pop()
            hasil[".".join(bagian)] = f
    return hasil


MODUL = _modul_semua()


def _sasaran(nama: str) -> str | None:
    """The known module `nama` names (an attribute of a module counts as the module)."""
    while nama and nama not in MODUL:
        nama = nama.rpartition(".")[0]
    return nama or None


def impor(modul: str) -> set[str]:
    """Every product module `modul` imports, however it does it."""
    f = MODUL[modul]
    paket = modul if f.name == "__init__.py" else modul.rpartition(".")[0]
    hasil: set[str] = set()
    for n in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
        nama: list[str] = []
        if isinstance(n, ast.Import):
            nama = [a.name for a in n.names]
        elif isinstance(n, ast.ImportFrom):
            dasar = n.module or ""
            if n.level:
                atas = paket.split(".")[: len(paket.split(".")) - n.level + 1]
                dasar = ".".join([*atas, dasar] if dasar else atas)
            nama = [f"{dasar}.{a.name}" for a in n.names]
        elif isinstance(n, ast.Constant) and isinstance(n.value, str):
            m = _NAMA_MODUL.match(n.value)
            nama = [m.group(1)] if m else []
        for x in nama:
            s = _sasaran(x)
            if s and s != modul:
                hasil.add(s)
    return hasil


GRAF = {m: impor(m) for m in MODUL}


def _komponen_kuat(graf: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module."""
    indeks, rendah, tumpuk, di_tumpuk, hasil = {}, {}, [], set(), []

    def kunjungi(v: str) -> None:
        indeks[v] = rendah[v] = len(indeks)
        tumpuk.append(v)
        di_tumpuk.add(v)
        for w in graf.get(v, ()):
            if w not in indeks:
                kunjungi(w)
                rendah[v] = min(rendah[v], rendah[w])
            elif w in di_tumpuk:
                rendah[v] = min(rendah[v], indeks[w])
        if rendah[v] == indeks[v]:
            komp = []
            while True:
                w = tumpuk.pop()
                di_tumpuk.discard(w)
                komp.append(w)
                if w == v:
                    break
            if len(komp) > 1:
                hasil.append(sorted(komp))

    for v in sorted(graf):
        if v not in indeks:
            kunjungi(v)
    return hasil


def test_pemindai_melihat_semua_cara_impor():
    """The scanner itself: a lazy import, a relative one and a "module:function"
    string are all edges (else the checks below could pass on a blind graph)."""
    assert "sync.cli.konsolidasi" in GRAF["sync.cli"]  # "sync.cli.konsolidasi:..." string
    assert "sync.sumber.google" in GRAF["sync.konsolidasi"]  # imported inside a function
    assert _komponen_kuat({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        ["a", "b", "c"]]


def test_tanpa_siklus():
    assert _komponen_kuat(GRAF) == []


def test_addin_berdiri_sendiri():
    salah = {m: sorted(x for x in GRAF[m] if not x.startswith("addin"))
             for m in GRAF if m.startswith("addin")}
    assert {m: x for m, x in salah.items() if x} == {}


def test_produk_tidak_mengimpor_workbooks():
    salah = {m: sorted(x for x in GRAF[m] if x.split(".")[0] == "workbooks")
             for m in GRAF if m.split(".")[0] in ("addin", "sync", "kinerja")}
    assert {m: x for m, x in salah.items() if x} == {}


def _lapisan(modul: str) -> int | None:
    for i, isi in enumerate(LAPISAN):
        if any(modul == p or modul.startswith(p + ".") for p in isi):
            return i
    return None


def test_setiap_modul_sync_punya_lapisan():
    assert [m for m in GRAF if m.startswith("sync.") and _lapisan(m) is None] == []


def test_lapisan_hanya_mengimpor_ke_bawah():
    salah = []
    for m, isi in GRAF.items():
        if not m.startswith("sync."):
            continue
        for x in isi:
            if x.startswith("sync.") and _lapisan(x) > _lapisan(m):
                salah.append(f"{m} -> {x}")
    assert sorted(salah) == []


def test_kompleksitas_fungsi_paling_tinggi_25():
    from radon.complexity import cc_visit
    tinggi = []
    for m, f in MODUL.items():
        for blok in cc_visit(f.read_text(encoding="utf-8")):
            for b in [blok, *getattr(blok, "methods", [])]:
                if b.complexity > 25:
                    tinggi.append(f"{m}.{b.name} ({b.complexity})")
    assert tinggi == []


def test_gambar_lapisan_menyebut_setiap_modul():
    """docs/dev/arsitektur.md's picture names every module of addin/ and sync/, in the
    box of its layer, so the picture keeps matching the code the checks above read."""
    teks = (AKAR / "docs" / "dev" / "arsitektur.md").read_text(encoding="utf-8")
    gambar = teks.split("```")[1]
    kotak = {}  # each sync layer's box: the lines from its "| sync/x" label to the next rule
    for bagian in gambar.split("+----"):
        for m in re.finditer(r"\| (sync/\w+)", bagian):
            kotak.setdefault(m.group(1), bagian)
    hilang = []
    for modul in MODUL:
        bagian = modul.split(".")
        if bagian[0] == "kinerja" or bagian[0] == "workbooks" or len(bagian) < 2:
            continue
        nama = bagian[-1]
        if bagian[0] == "addin":
            tempat = gambar
        else:
            tempat = kotak.get("sync/" + bagian[1], "")
            if len(bagian) == 2:  # a package or a top-level module: its own label
                nama = "sync/" + bagian[1]
                tempat = gambar
        if not re.search(rf"(?<![\w]){re.escape(nama)}(?![\w])", tempat):
            hilang.append(modul)
    assert hilang == []
