"""Who may see which programs and sessions (docs/glossary.md#scope). Missing and forbidden
are one 404.

A participant sees their own; a coach, mentor or instructing supervisor sees the programs
they guide; a direct supervisor monitors their subordinates; an HR officer or head of unit
sees their unit(s) — by the participant's current unit and by the unit a session belongs
to; BKPSDM sees the regency. Nobody crosses regencies.
"""

from django.db.models import Q
from django.http import Http404

from kembang.learning.models import Program, Session
from kembang.organisation.access import scope_for


def _program_q(user, prefix: str = "") -> Q | None:
    scope = scope_for(user)
    if scope.regency_id is None:
        return None
    if scope.whole_regency:
        return Q()
    me = user.employee_id
    q = Q(pk__in=[])
    if me:
        q |= Q(**{f"{prefix}participant_id": me}) | Q(**{f"{prefix}guide_id": me})
        q |= Q(**{f"{prefix}participant__supervisor_id": me})
    if scope.unit_paths:
        q |= scope.unit_q(f"{prefix}participant__unit__")
    return q


def programs_visible_to(user):
    q = _program_q(user)
    if q is None:
        return Program.objects.none()
    return Program.objects.filter(q, regency_id=user.regency_id)


def sessions_visible_to(user):
    scope = scope_for(user)
    q = _program_q(user, "program__")
    if q is None:
        return Session.objects.none()
    if scope.unit_paths and not scope.whole_regency:
        q |= scope.unit_q("unit__")
    return Session.objects.filter(q, regency_id=user.regency_id)


def access_program(user, program_id) -> Program:
    try:
        return programs_visible_to(user).select_related(
            "participant__unit", "participant__position", "guide__unit", "guide__position",
            "regency").get(pk=int(program_id))
    except (Program.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_session(user, session_id) -> Session:
    try:
        return sessions_visible_to(user).select_related(
            "program__guide", "participant__unit", "unit", "regency").get(pk=int(session_id))
    except (Session.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
