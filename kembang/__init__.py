"""Kembang: coaching, mentoring and self-study for civil servants, and the 20 JP ledger."""
