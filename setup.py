"""Build hook: the staff guides travel inside the package.

Messages name a guide by its path ("Panduan: .../google-sheets.md"); after an install
from a wheel the repository's docs/ is not there, so the guides (docs/*.md and the
images they show, not docs/dev/) are copied into the built package as sync/panduan/,
where sync.bawaan.panduan() finds them. An editable install reads docs/ itself.
Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

AKAR = Path(__file__).resolve().parent


class BangunDenganPanduan(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # docs/ is read where it is
        tujuan = Path(self.build_lib) / "sync" / "panduan"
        for asal in [*sorted((AKAR / "docs").glob("*.md")),
                     *sorted((AKAR / "docs" / "img").glob("*.png"))]:
            berkas = tujuan / asal.relative_to(AKAR / "docs")
            berkas.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(asal, berkas)


setup(cmdclass={"build_py": BangunDenganPanduan})
