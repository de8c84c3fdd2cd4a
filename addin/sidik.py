"""A digest of library functions' source: code that mirrors a library's internals runs only
on the very code it mirrors (addin.kriteria, addin.indeks)."""

from __future__ import annotations

import functools
import hashlib
import inspect

import numpy as np


@functools.cache
def sidik_sumber(*fungsi: object) -> str:
    """The first 16 hex digits of SHA-256 over the functions' source, in order ("" when
    one is missing or its source cannot be read, e.g. a build without .py files)."""
    try:
        teks = "".join(inspect.getsource(f.pyfunc if isinstance(f, np.vectorize) else f)
                       for f in fungsi)
    except (OSError, TypeError):
        return ""
    return hashlib.sha256(teks.encode()).hexdigest()[:16]
