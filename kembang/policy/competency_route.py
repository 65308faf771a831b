"""Which development route to suggest for one competency gap (docs/competency.md#route).

Kembang's rule, not a regulation's: PP 11/2017 Pasal 206 ayat (3) asks that development
follow the needs found, and the seeds' table of coaching and mentoring (Belitung Timur
Lampiran huruf F angka 3 and Langsa's panduan, row 2 "Menutupi Kesenjangan") sends a
small performance gap from lack of motivation or fatigue to coaching and a large one from
lack of skill or experience to mentoring; self-study fills missing knowledge.

So the recorded cause decides first. Only when no cause is recorded does the gap's size
pre-fill a suggestion (small → coaching, large → mentoring), to be confirmed by the
supervisor. An activity the regency's profile does not offer is never suggested: the
route then falls back to classical training (Perlan 10/2018 jalur klasikal).

Pure Python: no Django, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

from kembang.policy.activities import ActivityType

COACHING = ActivityType.COACHING.value
MENTORING = ActivityType.MENTORING.value
SELF_STUDY = ActivityType.SELF_STUDY.value
CLASSICAL = "klasikal"
ROUTES = (COACHING, MENTORING, SELF_STUDY, CLASSICAL)

# The recorded cause of a performance gap.
CAUSE_MOTIVATION = "motivasi"  # lack of motivation or fatigue (kejenuhan)
CAUSE_SKILL = "keterampilan"  # missing skill or experience
CAUSE_KNOWLEDGE = "pengetahuan"  # missing knowledge
CAUSES = (CAUSE_MOTIVATION, CAUSE_SKILL, CAUSE_KNOWLEDGE)

# How the suggestion was reached.
BY_CAUSE = "cause"
BY_SIZE = "size"


@dataclass(frozen=True)
class RouteRule:
    """The rule as data, so a regency may configure its own.

    `by_cause` maps each cause to a route; a gap of at most `small_gap` levels is small
    (`small_route`), a larger one large (`large_route`); `fallback` is the route when the
    chosen activity is not offered.
    """

    by_cause: tuple[tuple[str, str], ...] = (
        (CAUSE_MOTIVATION, COACHING),
        (CAUSE_SKILL, MENTORING),
        (CAUSE_KNOWLEDGE, SELF_STUDY),
    )
    small_gap: int = 1
    small_route: str = COACHING
    large_route: str = MENTORING
    fallback: str = CLASSICAL

    def route_for_cause(self, cause: str) -> str | None:
        for known, route in self.by_cause:
            if known == cause:
                return route
        return None


DEFAULT_RULE = RouteRule()


@dataclass(frozen=True)
class RouteSuggestion:
    route: str  # one of ROUTES
    basis: str  # BY_CAUSE or BY_SIZE
    wanted: str  # the route the rule chose before checking what the profile offers
    fell_back: bool  # True when `wanted` is not offered and `route` is the fallback


def suggest_route(
    *, gap: int | None, cause: str, offered: tuple[str, ...] | frozenset[str],
    rule: RouteRule = DEFAULT_RULE,
) -> RouteSuggestion | None:
    """The suggested route for a gap of `gap` levels (required − current) with the
    recorded `cause` ("" when unknown), given the activities the profile `offered`.

    None when there is no gap (unknown, zero or negative): nothing to close.
    """
    if gap is None or gap <= 0:
        return None
    wanted = rule.route_for_cause(cause) if cause else None
    basis = BY_CAUSE
    if wanted is None:
        basis = BY_SIZE
        wanted = rule.small_route if gap <= rule.small_gap else rule.large_route
    if wanted == CLASSICAL or wanted in offered:
        return RouteSuggestion(route=wanted, basis=basis, wanted=wanted, fell_back=False)
    return RouteSuggestion(route=rule.fallback, basis=basis, wanted=wanted, fell_back=True)


def gap_of(required: int | None, current: int | None) -> int | None:
    """Required − current; None when either is unknown (no standard or not assessed)."""
    if required is None or current is None:
        return None
    return required - current


def mix_part(route: str, self_study_part: str = "10") -> str:
    """Where a planned route counts in the 10:20:70 mix (reference: the 10:20:70 learning
    model): classical training in the 10, coaching and mentoring in the 20, self-study
    where the profile puts it (`Profile.self_study_mix`). The 70 is learning at work itself,
    never planned as a route."""
    if route in (COACHING, MENTORING):
        return "20"
    if route == SELF_STUDY:
        return self_study_part
    return "10"
