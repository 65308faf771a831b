"""Kembang's functional core: regulation profiles as data, the JP ledger and NIP rules.

Pure Python on the standard library only (tests/test_purity.py walks every module's
imports). Nothing here knows about Django, the database, the clock or the user's
language: functions take plain values (`today` included) and answer with plain values,
Decimals and stable codes with parameters, which the app and the CLI render in Indonesian.

Modules (the ones this issue added):

* `nip` — `normalize_nip`, `parse_nip` → `Nip`, `format_nip`, `NipError(code, params)`.
* `text` — `normalize_text`, `normalize_key` for imported names and headers.
* `activities` — `ActivityType`, `Scope`, `SessionStatus`, status groups.
* `profiles` — `Profile`, `ActivityRules`, `Rule(value, clause, text)`, forms, reporting,
  `participant_eligible`, `reporting_deadline`; `builtin` — `BUILTIN_PROFILES`.
* `profile_data` — `profile_to_dict`, `profile_from_dict`, `apply_profile_changes`,
  `profile_diff`, `validate_profile` (from `profile_checks`).
* `schedule` — `ProfileSchedule` (versions by effective date).
* `ledger` — `LedgerSession`, `LockState`, `ledger_for_participant(s)` → `Ledger`;
  `reasons` — reason codes and `Reason`; `outlook` — slots left, behind pace, can 20 JP
  still be reached.
"""
