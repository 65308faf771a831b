from decimal import Decimal

import pytest

from kembang.common.tests.clock import TODAY, days_ago
from kembang.learning.errors import RuleRefusal
from kembang.learning.selectors import jp_standing
from kembang.learning.services.classical import classical_record


def test_seminar_days_convert_to_jp_and_count_toward_20(people_for):
    p = people_for("langsa")
    training = classical_record(actor=p.hr_user, employee=p.participant, route="KL06",
                                title="Seminar SDM", start_date=days_ago(1), end_date=TODAY,
                                jp=None, certificate_number="SRT-1")
    assert training.jp == Decimal(8)
    standing = jp_standing(p.participant, year=training.start_date.year, today=TODAY)
    assert standing.official == Decimal(8) and standing.classical == Decimal(8)


def test_duplicate_certificate_number_is_refused(people_for):
    p = people_for("langsa")
    kwargs = dict(actor=p.hr_user, employee=p.participant, route="KL03", title="Teknis",
                  start_date=days_ago(4), end_date=TODAY, jp=Decimal(30),
                  certificate_number="X-1")
    classical_record(**kwargs)
    with pytest.raises(RuleRefusal) as error:
        # Another employee's record: the same form twice is one record (test_self_dealing).
        classical_record(**(kwargs | {"employee": p.coach}))
    assert error.value.code == "certificate_duplicate"


def test_training_counted_as_scheduled_needs_its_jp(people_for):
    p = people_for("langsa")
    with pytest.raises(RuleRefusal) as error:
        classical_record(actor=p.hr_user, employee=p.participant, route="KL03", title="T",
                         start_date=days_ago(4), end_date=TODAY, jp=None)
    assert error.value.field == "jp"
