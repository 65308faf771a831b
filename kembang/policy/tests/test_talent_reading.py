"""What "PNS bertalenta" means is the profile's setting (Belitung Timur Pasal 1 angka 15,
18 do not define it; docs/jp-rules.md#eligibility). No database."""

import dataclasses

import pytest

from kembang.policy import profiles as P
from kembang.policy.builtin import BELITUNG_TIMUR, LANGSA, NGANJUK


def _reading(value: str) -> P.Profile:
    return dataclasses.replace(BELITUNG_TIMUR, talent_reading=P.Rule(value, "Perbup X Pasal 9"))


def test_the_built_in_profiles_read_talent_as_the_formal_talent_pool():
    for profile in (BELITUNG_TIMUR, LANGSA, NGANJUK):
        assert profile.talent_reading.value == P.FORMAL_TALENT_POOL
        # The legal basis names the regulation, never this project's documents.
        assert "SPEC" not in profile.talent_reading.clause
        assert "docs/" not in profile.talent_reading.clause
    assert "tidak mendefinisikan" in BELITUNG_TIMUR.talent_reading.clause
    # Where the profile does not limit participants to PNS bertalenta the reading is unused,
    # and its basis says it is Kembang's own, not another regency's clause.
    for profile in (LANGSA, NGANJUK):
        assert profile.talent_reading.clause.startswith("Ketentuan Kembang")
        assert "Belitung" not in profile.talent_reading.clause


def test_bkpsdm_appointing_cites_no_other_regency():
    assert "KEEMPAT" in NGANJUK.bkpsdm_may_appoint.clause
    for profile in (BELITUNG_TIMUR, LANGSA):
        assert not profile.bkpsdm_may_appoint.value
        assert profile.bkpsdm_may_appoint.clause.startswith("Ketentuan Kembang")
        assert "Nganjuk" not in profile.bkpsdm_may_appoint.clause


@pytest.mark.parametrize("reading, kind, is_talent, eligible", [
    (P.FORMAL_TALENT_POOL, "pns", True, True),
    (P.FORMAL_TALENT_POOL, "pns", False, False),
    (P.FORMAL_TALENT_POOL, "pppk", True, False),
    (P.EVERY_PNS, "pns", True, True),
    (P.EVERY_PNS, "pns", False, True),
    (P.EVERY_PNS, "pppk", True, False),
    (P.EVERY_PNS, "pppk", False, False),
])
def test_talent_reading_decides_who_is_pns_bertalenta(reading, kind, is_talent, eligible):
    assert P.participant_eligible(_reading(reading), kind=kind, is_talent=is_talent) is eligible


def test_talent_reading_changes_nothing_outside_the_talent_pool_rule():
    every = dataclasses.replace(LANGSA, talent_reading=P.Rule(P.EVERY_PNS, "x"))
    assert P.participant_eligible(every, kind="pppk", is_talent=False)
    nganjuk = dataclasses.replace(NGANJUK, talent_reading=P.Rule(P.EVERY_PNS, "x"))
    assert P.participant_eligible(nganjuk, kind="pppk", is_talent=False)


def test_belitung_timur_guides_cite_pasal_2_and_the_table_of_differences():
    coach, mentor = BELITUNG_TIMUR.coach.clause, BELITUNG_TIMUR.mentor.clause
    assert coach.startswith("Pasal 2 ayat (2) huruf c;")
    assert "huruf F angka 1" in coach and "baris 10" in coach
    assert mentor.startswith("Pasal 2 ayat (2) huruf c;")
    assert "huruf F angka 2" in mentor and "baris 10" in mentor


def test_belitung_timur_mentoring_requires_the_guidance_need_not_a_performance_problem():
    needs = BELITUNG_TIMUR.program_requires
    assert needs.value == (P.PERFORMANCE_PROBLEM, P.GUIDANCE_NEED)
    assert "angka 18" in needs.clause and "angka 15" in needs.clause
    assert P.LEADERSHIP_TASK in P.PROGRAM_REQUIREMENTS


def test_a_stored_profile_keeps_its_talent_reading_and_bkpsdm_appointing():
    """A regency's own version can choose every PNS and BKPSDM appointing; a version stored
    before these rules existed reads the defaults."""
    import dataclasses

    from kembang.policy.builtin import builtin_profile
    from kembang.policy.profile_checks import validate_profile
    from kembang.policy.profile_data import profile_from_dict, profile_to_dict
    from kembang.policy.profiles import EVERY_PNS, FORMAL_TALENT_POOL, Rule

    base = builtin_profile("belitung-timur")
    own = dataclasses.replace(
        base, talent_reading=Rule(EVERY_PNS, "Keputusan Kepala BKPSDM 1/2027"),
        bkpsdm_may_appoint=Rule(True, "Perbup 5/2027 Pasal 3"))
    again = profile_from_dict(profile_to_dict(own))
    assert again.talent_reading.value == EVERY_PNS
    assert again.bkpsdm_may_appoint.value is True
    assert not validate_profile(again)

    old = profile_to_dict(base)
    del old["talent_reading"], old["bkpsdm_may_appoint"]
    read = profile_from_dict(old)
    assert read.talent_reading.value == FORMAL_TALENT_POOL
    assert read.bkpsdm_may_appoint.value is False


def test_an_unknown_talent_reading_is_a_problem():
    import dataclasses

    from kembang.policy.builtin import builtin_profile
    from kembang.policy.profile_checks import validate_profile
    from kembang.policy.profiles import Rule

    wrong = dataclasses.replace(builtin_profile("belitung-timur"),
                                talent_reading=Rule("semua", "x"))
    assert [p.code for p in validate_profile(wrong)] == ["unknown_value"]
