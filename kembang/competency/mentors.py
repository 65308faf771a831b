"""Mentor suggestions for a mentoring need (docs/competency.md#mentor-suggestions)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from kembang.competency.models import Assessment, AssessmentLevel, Competency, Kind
from kembang.competency.selectors import StandardBook, default_level, wordings_for
from kembang.learning.models import ActivityType, Program
from kembang.learning.services.programs import eligible_guides
from kembang.organisation.models import Employee
from kembang.policy import profiles as P
from kembang.policy.seniority import is_senior

MENTOR_SUGGESTIONS = 5


@dataclass
class MentorSuggestion:
    employee: object
    reasons: list  # why, in words; never the candidate's assessed level


def mentor_suggestions(regency, mentee, competency, *, profile, limit: int = MENTOR_SUGGESTIONS
                       ) -> list[MentorSuggestion]:
    """Up to `limit` people for a mentoring need of `mentee` in `competency`; see
    `mentor_suggestions_for`."""
    return mentor_suggestions_for(regency, mentee, [competency], profile=profile,
                                  limit=limit)[competency.pk]


def mentor_suggestions_for(regency, mentee, competencies, *, profile,
                           limit: int = MENTOR_SUGGESTIONS) -> dict[int, list]:
    """Per competency id, up to `limit` people for a mentoring need of `mentee` in it
    (docs/competency.md#mentor-suggestions): whom the profile allows as this mentee's
    mentor (under an appointed-pool profile, the appointed mentors), strictly senior, in
    the same field (the same Perangkat Daerah; for a technical competency, a position
    that has it too), whose latest assessor's level meets the mentee's required level;
    the same unit first, then fewer active mentees. A fixed number of queries, whatever
    the number of competencies."""
    competencies = list(competencies)
    result: dict[int, list] = {c.pk: [] for c in competencies}
    if not competencies or mentee.regency_id != regency.pk or not mentee.unit.path.strip("/"):
        return result
    levels_needed = {req.competency.pk: req.level for req in StandardBook(
        regency, [mentee.position]).requirements(mentee.position)}
    required = {c.pk: levels_needed[c.pk] for c in competencies
                if levels_needed.get(c.pk) is not None}
    if not required:
        return result
    people = Employee.objects.filter(regency=regency, is_active=True).exclude(pk=mentee.pk)
    appointed = profile.mentor.value == P.APPOINTED_BY_HEAD_OF_UNIT
    if appointed:
        unit_ids = [int(i) for i in mentee.unit.path.strip("/").split("/") if i]
        people = people.filter(appointments__unit_id__in=unit_ids,
                               appointments__activity=ActivityType.MENTORING,
                               appointments__revoked_at__isnull=True).distinct()
    else:
        agency = "/" + mentee.unit.path.strip("/").split("/")[0] + "/"
        people = people.filter(unit__path__startswith=agency)
    # Only those already assessed at the required level or above, by an assessor.
    levels = (AssessmentLevel.objects
              .filter(assessment__regency=regency, competency_id__in=list(required),
                      assessment__source=Assessment.Source.RESULT,
                      assessment__employee__in=people.values("pk"))
              .select_related("assessment")
              .order_by("-assessment__assessed_on", "-assessment_id"))
    latest: dict[tuple[int, int], int] = {}
    for line in levels:
        latest.setdefault((line.assessment.employee_id, line.competency_id), line.level)
    met: dict[int, set] = {pk: set() for pk in required}
    for (person, competency_id), level in latest.items():
        if level >= required[competency_id]:
            met[competency_id].add(person)
    everyone = set().union(*met.values())
    candidates = list(Employee.objects.filter(pk__in=everyone)
                      .select_related("unit", "position")) if everyone else []
    # For a technical competency, the positions that have one of the same name.
    technical = [c for c in competencies if c.kind == Kind.TEKNIS and c.pk in required]
    same_field: dict[int, set] = {}
    if technical and candidates:
        wordings = wordings_for(regency, [c.pk for c in technical])
        names = {c.pk: wordings[c.pk].name.casefold() for c in technical if c.pk in wordings}
        wanted = Q(pk__in=[])
        for name in set(names.values()):
            wanted |= Q(wordings__name__iexact=name)
        found: dict[str, set] = {}
        for position_id, name in (Competency.objects.filter(wanted, regency=regency,
                                                            kind=Kind.TEKNIS)
                                  .values_list("position_id", "wordings__name")):
            found.setdefault(name.casefold(), set()).add(position_id)
        same_field = {pk: found.get(name, set()) for pk, name in names.items()}
        for c in technical:
            same_field.setdefault(c.pk, set())
    candidates = [c for c in candidates if is_senior(
        mentor_kind=c.kind, mentor_position_kind=c.position.kind if c.position_id else None,
        mentor_rank=c.rank, mentee_kind=mentee.kind,
        mentee_position_kind=mentee.position.kind if mentee.position_id else None,
        mentee_rank=mentee.rank)]
    candidates = eligible_guides(profile, ActivityType.MENTORING, participant=mentee,
                                 candidates=candidates)
    active = dict(Program.objects.filter(
        regency=regency, activity=ActivityType.MENTORING, status=Program.Status.ACTIVE,
        guide_id__in=[c.pk for c in candidates]).values("guide_id")
        .annotate(n=Count("id")).values_list("guide_id", "n")) if candidates else {}
    candidates.sort(key=lambda c: (c.unit_id != mentee.unit_id, active.get(c.pk, 0),
                                   c.name, c.pk))
    mentee_level = default_level(mentee.position)
    for competency_id in required:
        chosen = [c for c in candidates if c.pk in met[competency_id]
                  and (competency_id not in same_field
                       or c.position_id in same_field[competency_id])]
        result[competency_id] = [_suggestion(person, mentee_level, appointed, mentee,
                                             active.get(person.pk, 0))
                                 for person in chosen[:limit]]
    return result


def _suggestion(person, mentee_level, appointed: bool, mentee, count: int
                ) -> MentorSuggestion:
    reasons = []
    if appointed:
        reasons.append(_("ditunjuk sebagai mentor untuk unit ini"))
    if default_level(person.position) != mentee_level:
        reasons.append(_("jenjang jabatan lebih tinggi"))
    else:
        reasons.append(_("pangkat lebih tinggi pada jenjang jabatan yang sama"))
    reasons.append(_("satu unit kerja") if person.unit_id == mentee.unit_id
                   else _("satu Perangkat Daerah"))
    reasons.append(_("hasil penilaian kompetensinya memenuhi level standar pegawai"))
    reasons.append(_("belum membimbing mentee lain") if not count
                   else _("%(n)s mentee aktif") % {"n": count})
    return MentorSuggestion(person, [str(r) for r in reasons])
