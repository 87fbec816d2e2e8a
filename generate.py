#!/usr/bin/env python3
"""Build the handouts in content/ into build/; run with --help for the options."""

from pathlib import Path

from handbill.cli import run

if __name__ == "__main__":
    run(root=Path(__file__).resolve().parent)
