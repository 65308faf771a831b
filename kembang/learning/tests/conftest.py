"""People for the workflow: a unit with a head, a supervisor (coach), a participant, an HR
officer, and a regency per profile."""

import pytest

from kembang.common.tests.clock import this_month
from kembang.learning.models import ActivityType, Appointment
from kembang.organisation.models import Position, Role
from kembang.organisation.tests.factories import (
    EmployeeFactory,
    PositionFactory,
    RegencyFactory,
    UnitFactory,
    grant,
    login_for,
)

# The first of last month: the scenario's programs start there, so their sessions lie in a
# past month that BKPSDM may lock. Was 1 October 2026 when the suite was written, relative
# now to the pinned today (kembang/common/tests/clock.py).
OCT = this_month(-1)


class People:
    def __init__(self, profile_id: str):
        self.regency = RegencyFactory(name=f"Uji {profile_id}", slug=f"uji-{profile_id}",
                                      profile_id=profile_id)
        self.unit = UnitFactory(regency=self.regency, name="Dinas Uji")
        self.other_unit = UnitFactory(regency=self.regency, name="Dinas Lain")
        head_pos = PositionFactory(regency=self.regency, name="Kepala Bidang Uji",
                                   kind=Position.Kind.ADMINISTRATOR)
        staff_pos = PositionFactory(regency=self.regency, name="Pengolah Data",
                                    kind=Position.Kind.PELAKSANA)
        self.head = EmployeeFactory(unit=self.unit, position=head_pos, rank="IV/a")
        self.coach = EmployeeFactory(unit=self.unit, position=head_pos, rank="III/d",
                                     supervisor=self.head)
        self.participant = EmployeeFactory(unit=self.unit, position=staff_pos, rank="III/a",
                                           supervisor=self.coach, is_talent=True)
        self.hr = EmployeeFactory(unit=self.unit, position=staff_pos, rank="III/b")
        self.outsider = EmployeeFactory(unit=self.other_unit, position=head_pos, rank="IV/a")
        self.head_user = login_for(self.head)
        self.coach_user = login_for(self.coach)
        self.participant_user = login_for(self.participant)
        self.hr_user = login_for(self.hr)
        self.outsider_user = login_for(self.outsider)
        grant(self.hr_user, Role.HR_OFFICER, self.unit)
        grant(self.head_user, Role.HEAD_OF_UNIT, self.unit)
        if profile_id == "nganjuk":
            for person in (self.coach, self.outsider):
                for activity in (ActivityType.COACHING, ActivityType.MENTORING):
                    Appointment.objects.create(regency=self.regency, unit=self.unit,
                                               appointee=person, activity=activity,
                                               appointed_by=self.head_user)


@pytest.fixture
def people_for(db):
    return People
