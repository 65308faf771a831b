"""Kembang's functional core: regulation profiles as data, the JP ledger and NIP rules.

Pure Python on the standard library only (a test walks every module's imports). Nothing
here knows about Django, the database, the clock or the user's language: functions take
plain values (`today` included) and answer with plain values, Decimals and stable codes
with parameters, which the app and the CLI render in Indonesian.
"""
