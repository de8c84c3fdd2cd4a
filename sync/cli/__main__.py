"""`python -m sync.cli` runs the `kinerja` command (e.g. from a checkout not installed)."""

import sys

from sync.cli import main

sys.exit(main())
