#!/usr/bin/env python
"""Django's usual entry point; the installed `kembang` command does the same."""

from kembang.__main__ import main

if __name__ == "__main__":
    main()
