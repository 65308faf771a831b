"""The demo regency: a plausible organisation built from a seed (`kembang demo`).

`builder` makes the plan as plain data (no database), `loader` writes it once.
"""
