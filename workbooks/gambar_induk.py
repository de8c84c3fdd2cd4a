"""Render pages of the master workbook to PNG for the docs (docs/img/).

LibreOffice prints the workbook to PDF (showing the cached values, as it does not
recalculate .xlsx by default); each wanted sheet's page is found by its footer
("<sheet> — halaman"), cropped to its content (word boxes from pdftotext) and
rendered with pdftoppm. Needs soffice and poppler-utils; the Carlito font
(fonts-crosextra-carlito) makes the pages look as in Excel (Calibri metrics).

    python -m workbooks.gambar_induk [folder]
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import workbooks
from sync.tulis.ekspor import profil_id

GAMBAR = {"Tabel 3.5": "tabel-3-5.png", "Grafik Capaian": "grafik-capaian.png"}
DPI = 110
TEPI = 14  # points of margin around the content
_KATA = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"([^<]*)</word>")
_HALAMAN = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def _perlu(nama: str) -> str:
    exe = shutil.which(nama)
    if exe is None:
        raise SystemExit(f"{nama} tidak ditemukan (pasang LibreOffice dan poppler-utils).")
    return exe


def pdf_induk(kerja: Path, induk: Path = workbooks.INDUK) -> Path:
    soffice = shutil.which("soffice") or _perlu("libreoffice")
    profil = profil_id(kerja / "lo")  # Indonesian separators, as the office sees them
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={profil.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(kerja), str(induk)],
                   check=True, capture_output=True, timeout=300)
    return kerja / (induk.stem + ".pdf")


def kotak_halaman(pdf: Path) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Sheet name -> (first page number, content box in points without the footer)."""
    xml = subprocess.run([_perlu("pdftotext"), "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    hasil: dict[str, tuple[int, tuple[float, float, float, float]]] = {}
    for nomor, (_, tinggi, isi) in enumerate(_HALAMAN.findall(xml), start=1):
        kata = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in
                _KATA.findall(isi)]
        teks = " ".join(k[4] for k in kata)
        m = re.search(r"(\S+(?: \S+)?) — halaman", teks)
        if not m or m.group(1) in hasil:
            continue
        batas = float(tinggi) - 60  # the footer line
        badan = [k for k in kata if k[3] < batas]
        hasil[m.group(1)] = (nomor, (min(k[0] for k in badan), min(k[1] for k in badan),
                                     max(k[2] for k in badan), max(k[3] for k in badan)))
    return hasil


def render(pdf: Path, halaman: int, kotak: tuple[float, float, float, float],
           tujuan: Path) -> Path:
    x0, y0, x1, y1 = kotak
    s = DPI / 72
    x, y = max(0, int((x0 - TEPI) * s)), max(0, int((y0 - TEPI) * s))
    w, h = int((x1 - x0 + 2 * TEPI) * s), int((y1 - y0 + 2 * TEPI) * s)
    subprocess.run([_perlu("pdftoppm"), "-png", "-r", str(DPI), "-f", str(halaman), "-l",
                    str(halaman), "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h),
                    "-singlefile", str(pdf), str(tujuan.with_suffix(""))],
                   check=True, capture_output=True)
    return tujuan


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else workbooks.FOLDER.parent / "docs" / "img"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kinerja-gambar-") as d:
        pdf = pdf_induk(Path(d))
        kotak = kotak_halaman(pdf)
        for lembar, berkas in GAMBAR.items():
            halaman, k = kotak[lembar]
            print(render(pdf, halaman, k, folder / berkas))
    return 0


if __name__ == "__main__":
    sys.exit(main())
