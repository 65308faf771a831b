"""Mentor suggestions for a mentoring need (docs/competency.md#mentor-suggestions)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
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
    """Up to `limit` people for a mentoring need of `mentee` in `competency`
    (docs/competency.md#mentor-suggestions): whom the profile allows as this mentee's mentor
    (under an appointed-pool profile, the appointed mentors), strictly senior, in the same
    field (the same Perangkat Daerah; for a technical competency, a position that has it
    too), whose latest assessor's level meets the mentee's required level; the same unit
    first, then fewer active mentees. A fixed number of queries."""
    if mentee.regency_id != regency.pk or not mentee.unit.path.strip("/"):
        return []
    required = next((req.level for req in StandardBook(regency, [mentee.position])
                     .requirements(mentee.position) if req.competency.pk == competency.pk), None)
    if required is None:
        return []
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
              .filter(assessment__regency=regency, competency=competency,
                      assessment__source=Assessment.Source.RESULT,
                      assessment__employee__in=people.values("pk"))
              .select_related("assessment")
              .order_by("-assessment__assessed_on", "-assessment_id"))
    latest: dict[int, int] = {}
    for line in levels:
        latest.setdefault(line.assessment.employee_id, line.level)
    met = {pk for pk, level in latest.items() if level >= required}
    candidates = list(Employee.objects.filter(pk__in=met).select_related("unit", "position"))
    if competency.kind == Kind.TEKNIS:
        same_field = set(Competency.objects.filter(
            regency=regency, kind=Kind.TEKNIS,
            wordings__name__iexact=wordings_for(regency, [competency.pk])[competency.pk].name)
            .values_list("position_id", flat=True))
        candidates = [c for c in candidates if c.position_id in same_field]
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
        .annotate(n=Count("id")).values_list("guide_id", "n"))
    candidates.sort(key=lambda c: (c.unit_id != mentee.unit_id, active.get(c.pk, 0),
                                   c.name, c.pk))
    mentee_level = default_level(mentee.position)
    suggestions = []
    for person in candidates[:limit]:
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
        count = active.get(person.pk, 0)
        reasons.append(_("belum membimbing mentee lain") if not count
                       else _("%(n)s mentee aktif") % {"n": count})
        suggestions.append(MentorSuggestion(person, [str(r) for r in reasons]))
    return suggestions
