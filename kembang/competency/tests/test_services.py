"""The dictionary's versions, standards, assessments and gaps (docs/competency.md)."""

import pytest

from kembang.audit.models import AuditEvent
from kembang.common.tests.clock import TODAY, days_ago
from kembang.competency import selectors, services
from kembang.competency.models import Assessment, AssessmentLevel, CompetencyWording
from kembang.competency.tests.conftest import assess, login_user, national
from kembang.organisation.tests.factories import EmployeeFactory
from kembang.policy import competency_route as r


def _wording(competency, **changes):
    current = selectors.wordings_for(None, [competency.pk])[competency.pk]
    data = {"name": current.name, "definition": current.definition,
            "levels": tuple(current.descriptor(i) for i in range(1, 6)),
            "confidence": current.confidence, "source": current.source}
    levels = list(data["levels"])
    for i in range(1, 6):
        if f"level_{i}" in changes:
            levels[i - 1] = changes.pop(f"level_{i}")
    data.update(changes, levels=tuple(levels))
    return services.WordingInput(**data)


def test_the_national_dictionary_is_loaded_with_its_confidence(db):
    codes = list(selectors.national_competencies().values_list("code", flat=True))
    assert codes == ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1"]
    wordings = selectors.wordings_for(None, [national(c).pk for c in codes])
    assert all(w.level_5 for w in wordings.values())
    assert wordings[national("SK1").pk].name == "Perekat Bangsa"
    assert wordings[national("M7").pk].confidence == "L"  # from memory: editable data
    assert wordings[national("M1").pk].confidence == "H"


def test_an_edit_is_a_new_version_and_past_assessments_keep_theirs(p):
    integrity = national("M1")
    assessment = assess(p, p.participant, {"M1": 1})
    services.edit_wording(actor=p.admin, competency=integrity,
                          data=_wording(integrity, level_1="Bertindak sesuai nilai (BKPSDM)"))
    current = selectors.wordings_for(p.regency, [integrity.pk])[integrity.pk]
    assert (current.version, current.regency_id) == (2, p.regency.pk)
    kept = AssessmentLevel.objects.get(assessment=assessment)
    assert kept.wording.version == 1
    # Another regency still reads the national wording.
    assert selectors.wordings_for(None, [integrity.pk])[integrity.pk].version == 1
    event = AuditEvent.objects.get(action="competency.wording_edit")
    assert event.changes["version"] == [1, 2]
    assert event.changes["level_1"][1] == "Bertindak sesuai nilai (BKPSDM)"


def test_only_bkpsdm_edits_the_dictionary_and_an_unchanged_edit_is_refused(p):
    integrity = national("M1")
    with pytest.raises(services.CompetencyRefused):
        services.edit_wording(actor=p.hr_user, competency=integrity, data=_wording(integrity))
    with pytest.raises(services.CompetencyRefused):
        services.edit_wording(actor=p.admin, competency=integrity, data=_wording(integrity))
    assert CompetencyWording.objects.filter(competency=integrity).count() == 1


def test_defaults_fill_what_the_standard_does_not_set(p):
    position = p.participant.position  # pelaksana: level 1
    services.set_standard(actor=p.admin, position=position, competency=national("M3"),
                          required_level=2, instrument_number="800/12/BKPSDM/2026",
                          instrument_date=days_ago(30))
    standard = services.add_technical(actor=p.admin, position=position,
                                      name="Pengolahan data kepegawaian", required_level=2)
    requirements = selectors.StandardBook(p.regency, [position]).requirements(position)
    by_name = {req.wording.name: req for req in requirements}
    assert by_name["Komunikasi"].level == 2 and not by_name["Komunikasi"].is_default
    assert by_name["Integritas"].level == 1 and by_name["Integritas"].is_default
    assert by_name["Pengolahan data kepegawaian"].competency == standard.competency
    assert requirements[0].competency.kind == "teknis"
    assert AuditEvent.objects.filter(action__in=["competency.standard_set",
                                                 "competency.technical_add"]).count() == 2
    with pytest.raises(services.CompetencyRefused):
        services.add_technical(actor=p.admin, position=position,
                               name="pengolahan DATA kepegawaian", required_level=1)


def test_gap_is_required_minus_the_latest_result_with_the_supervisor_beside_it(p):
    p.participant.position.kind = "administrator"  # required level 3
    p.participant.position.save()
    assess(p, p.participant, {"M1": 1, "M2": 3}, day=days_ago(400))
    assess(p, p.participant, {"M1": 2}, day=days_ago(5), cause=r.CAUSE_SKILL)
    assess(p, p.participant, {"M1": 1}, source=Assessment.Source.SUPERVISOR,
           day=days_ago(1), cause=r.CAUSE_MOTIVATION)
    gaps = selectors.gaps_for(p.regency, [p.participant], offered=("coaching", "mentoring"))[0]
    lines = {line.competency.code: line for line in gaps.lines}
    integrity = lines["M1"]
    assert (integrity.required, integrity.current, integrity.gap) == (3, 2, 1)
    assert (integrity.supervisor_level, integrity.supervisor_gap) == (1, 2)
    # The assessor's cause counts first: mentoring, though the gap is small.
    assert integrity.suggestion.route == r.MENTORING
    assert lines["M2"].gap == 0 and lines["M2"].suggestion is None
    assert lines["M3"].gap is None  # not assessed
    assert gaps.total_gap == 1
    assert Assessment.objects.filter(employee=p.participant).count() == 3  # history kept


def test_who_may_record_which_assessment(p):
    integrity = national("M1")
    level = [services.LevelInput(integrity, 2)]
    coach_user = login_user(p.coach)
    # The direct supervisor records their view, not an assessor's result.
    services.record_assessment(actor=coach_user, employee=p.participant,
                               source=Assessment.Source.SUPERVISOR, assessed_on=TODAY,
                               levels=level)
    with pytest.raises(services.CompetencyRefused):
        services.record_assessment(actor=coach_user, employee=p.participant,
                                   source=Assessment.Source.RESULT, assessed_on=TODAY,
                                   levels=level)
    # The HR officer records results of the unit, never their own.
    services.record_assessment(actor=p.hr_user, employee=p.participant,
                               source=Assessment.Source.RESULT, assessed_on=TODAY,
                               levels=level)
    with pytest.raises(services.CompetencyRefused):
        services.record_assessment(actor=p.hr_user, employee=p.hr,
                                   source=Assessment.Source.RESULT, assessed_on=TODAY,
                                   levels=level)
    # Nobody else's supervisor; nobody of another unit.
    with pytest.raises(services.CompetencyRefused):
        services.record_assessment(actor=p.participant_user, employee=p.participant,
                                   source=Assessment.Source.SUPERVISOR, assessed_on=TODAY,
                                   levels=level)
    with pytest.raises(services.CompetencyRefused):
        services.record_assessment(actor=p.hr_user, employee=p.outsider,
                                   source=Assessment.Source.RESULT, assessed_on=TODAY,
                                   levels=level)
    assert AuditEvent.objects.filter(action="competency.assessment_record").count() == 2


@pytest.mark.parametrize(("field", "value"), [
    ("jpm", "101"), ("jpm", "abc"), ("assessed_on", None), ("levels", []),
])
def test_bad_values_are_refused_with_a_message(p, field, value):
    kwargs = {"actor": p.admin, "employee": p.participant, "source": "hasil",
              "assessed_on": TODAY, "levels": [services.LevelInput(national("M1"), 2)]}
    kwargs[field] = value
    with pytest.raises(services.CompetencyRefused) as refused:
        services.record_assessment(**kwargs)
    assert refused.value.message
    assert not Assessment.objects.exists()


def test_a_future_date_and_a_level_out_of_range_are_refused(p):
    with pytest.raises(services.CompetencyRefused):
        assess(p, p.participant, {"M1": 2}, day=TODAY.replace(year=TODAY.year + 1))
    with pytest.raises(services.CompetencyRefused):
        assess(p, p.participant, {"M1": 6})


def test_an_employee_without_position_has_no_requirement_level(p):
    loose = EmployeeFactory(unit=p.unit, position=None, supervisor=p.coach)
    gaps = selectors.gaps_for(p.regency, [loose])[0]
    assert gaps.lines and all(line.required is None for line in gaps.lines)
