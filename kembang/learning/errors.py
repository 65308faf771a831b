"""Refusals of the learning workflow: a stable code, an Indonesian message, and — for
rules that come from a regulation — the clause that says so."""

from kembang.common.errors import DomainError


class RuleRefusal(DomainError):
    """A regulation rule refused the action; the message names the rule and its clause."""

    code = "rule_refused"


class TransitionRefused(DomainError):
    """The session or program is not in a state where this action is allowed."""

    code = "transition_refused"
