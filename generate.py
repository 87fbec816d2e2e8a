#!/usr/bin/env python3
"""Build the handouts in content/ into build/; run with --help for the options."""

import sys
from pathlib import Path

from handbill.cli import main

if __name__ == "__main__":
    try:
        sys.exit(main(root=Path(__file__).resolve().parent))
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        sys.exit(0)
