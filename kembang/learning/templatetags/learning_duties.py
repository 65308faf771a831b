"""Tags for the guide's duties on the program and session pages: whether this person may
write feedback or a career plan is asked of the services, never decided in a template."""

from django import template

from kembang.learning.forms import CareerPlanForm, SessionFeedbackForm
from kembang.learning.models import ActivityType, SourceRating
from kembang.learning.services.evaluations import learning_source_list
from kembang.learning.services.feedback import may_edit_career_plan, may_give_feedback

register = template.Library()


@register.inclusion_tag("learning/_session_feedback.html", takes_context=True)
def session_feedback(context, session):
    """The supervisor's feedback on a self-study session, and its form for the supervisor."""
    user = context["request"].user
    may = may_give_feedback(user, session)
    return {
        "session": session,
        "show": session.activity == ActivityType.SELF_STUDY and (may or session.guide_feedback),
        "may_give": may,
        "form": SessionFeedbackForm(initial={"feedback": session.guide_feedback}) if may else None,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("learning/_career_plan.html", takes_context=True)
def career_plan(context, program):
    """The mentoring program's career development plan, and its form for the mentor."""
    user = context["request"].user
    may = may_edit_career_plan(user, program)
    return {
        "program": program,
        "may_edit": may,
        "form": CareerPlanForm(initial={"career_plan": program.career_plan}) if may else None,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("learning/_source_rating_fields.html")
def source_rating_fields(program):
    """One rating choice and note per learning source, for the closing resume decision."""
    return {"sources": list(enumerate(learning_source_list(program))),
            "choices": SourceRating.choices}


@register.filter
def source_rating_label(code: str) -> str:
    """A stored `SourceRating` value in words; an unknown code as it is."""
    try:
        return SourceRating(code).label
    except ValueError:
        return code
