import pytest

from kembang.learning.demo import learning_demo
from kembang.learning.models import Program, Session


@pytest.mark.parametrize("profile_id", ["nganjuk", "langsa", "belitung-timur"])
def test_demo_activity_fills_the_queues_once(people_for, profile_id):
    p = people_for(profile_id)
    kwargs = dict(regency=p.regency, head_user=p.head_user, coach_user=p.coach_user,
                  participant_user=p.participant_user, hr_user=p.hr_user)
    assert learning_demo(**kwargs)
    validated = Session.objects.filter(status="validated", participant=p.participant,
                                       activity="coaching")
    assert validated.count() == 3
    assert sorted(s.counted for s in validated) == [False, True, True]
    assert not learning_demo(**kwargs)  # idempotent
    # The completed mentoring program is the certificates' demo (kembang/certificates/demo.py).
    assert Program.objects.filter(participant=p.participant).exclude(
        activity="mentoring").count() == (2 if profile_id == "langsa" else 1)
