"""A regency's own profile versions: the service, its audit, and the selectors
(docs/profiles.md#profile-versions)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kembang.audit.models import AuditEvent
from kembang.common.errors import DomainError
from kembang.policy.builtin import LANGSA, NGANJUK
from kembang.policy.ledger import LedgerSession, ledger_for_participant
from kembang.regulation.models import ProfileVersion
from kembang.regulation.selectors import profile_for, profile_schedule_for
from kembang.regulation.services import profile_version_create

pytestmark = pytest.mark.django_db

THREE_COACHING = {
    "name": "Nganjuk — tiga sesi coaching",
    "activities": {
        "coaching": {
            "monthly_cap": {"value": 3, "clause": "Keputusan Bupati Nganjuk 2026, Diktum KESATU"}
        }
    },
}


@pytest.fixture(autouse=True)
def indonesian():
    with translation.override("id"):
        yield


def create(actor, regency, **overrides):
    arguments = {
        "actor": actor,
        "regency": regency,
        "base_profile_id": "nganjuk",
        "data_changes": THREE_COACHING,
        "effective_from": date(2026, 1, 1),
        "reason": "Keputusan Bupati Nganjuk 2026",
    }
    arguments.update(overrides)
    return profile_version_create(**arguments)


def test_bkpsdm_creates_a_version_from_a_copy_and_it_is_audited(hr_admin, regency):
    version = create(hr_admin, regency)
    assert version.effective_from == date(2026, 1, 1)
    assert version.profile().activity("coaching").monthly_cap.value == 3
    assert version.profile().activity("mentoring") == NGANJUK.activity("mentoring")
    assert version.profile().id == "nganjuk-2026-01"
    event = AuditEvent.objects.get(action="profile_version.create")
    assert event.actor == hr_admin and event.regency == regency
    assert event.object_id == str(version.pk)
    assert event.changes["rules"]["activities.coaching.monthly_cap.value"] == [2, 3]
    assert event.reason == "Keputusan Bupati Nganjuk 2026"


def test_the_selector_switches_on_the_effective_date(hr_admin, regency):
    create(hr_admin, regency)
    assert profile_for(regency, date(2025, 12, 31)) == NGANJUK
    assert profile_for(regency, date(2026, 1, 1)).activity("coaching").monthly_cap.value == 3


def test_the_schedule_credits_each_month_under_its_version(hr_admin, regency):
    create(hr_admin, regency)
    sessions = [
        LedgerSession(key=i, activity="coaching", date=date(y, m, d), sequence=i)
        for i, (y, m, d) in enumerate(
            [(2025, 12, 1), (2025, 12, 2), (2025, 12, 3), (2026, 1, 1), (2026, 1, 2), (2026, 1, 3)]
        )
    ]
    ledger = ledger_for_participant(profile_schedule_for(regency), sessions)
    assert [r.counted for r in ledger.rows] == [True, True, False, True, True, True]


def test_without_versions_the_regencys_built_in_profile_applies(other_regency):
    assert profile_for(other_regency, date(2025, 6, 1)) == LANGSA
    assert profile_schedule_for(other_regency).at(date(2030, 1, 1)) == LANGSA


@pytest.mark.parametrize(
    "overrides,code",
    [
        ({"effective_from": date(2026, 1, 2)}, "profile_effective_from"),
        ({"base_profile_id": "jakarta"}, "profile_unknown"),
        ({"reason": "  "}, "reason_required"),
        (
            {
                "data_changes": {
                    "activities": {"coaching": {"jp_nasional": {"value": "-1", "clause": "x"}}}
                }
            },
            "profile_invalid",
        ),
        (
            {"data_changes": {"activities": {"coaching": {"jp_nasional": {"value": "3"}}}}},
            "profile_clause_missing",
        ),
        (
            {"data_changes": {"activities": {"coaching": {"jp_nasional": {"value": "tiga"}}}}},
            "profile_data_invalid",
        ),
        (
            {"data_changes": {"activities": {"coaching": None, "mentoring": None}}},
            "profile_invalid",
        ),
    ],
)
def test_invalid_versions_are_refused_with_a_reason(hr_admin, regency, overrides, code):
    with pytest.raises(DomainError) as info:
        create(hr_admin, regency, **overrides)
    assert info.value.code == code
    assert info.value.message
    assert not ProfileVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="profile_version.create").exists()


def test_negative_jp_message_names_the_field(hr_admin, regency):
    with pytest.raises(DomainError) as info:
        create(
            hr_admin,
            regency,
            data_changes={
                "activities": {"coaching": {"jp_nasional": {"value": "-1", "clause": "x"}}}
            },
        )
    assert info.value.message == "JP tidak boleh negatif: -1 (JP per sesi, nasional)."


def test_one_version_per_month(hr_admin, regency):
    create(hr_admin, regency)
    with pytest.raises(DomainError) as info:
        create(hr_admin, regency)
    assert info.value.code == "profile_version_exists"


def test_only_bkpsdm_of_the_regency_may_create_versions(
    hr_officer_a, regency, other_regency, hr_admin
):
    with pytest.raises(DomainError) as info:
        create(hr_officer_a, regency)
    assert info.value.code == "forbidden"
    with pytest.raises(DomainError):
        create(hr_admin, other_regency)


def test_model_clean_requires_the_first_of_a_month(hr_admin, regency):
    version = ProfileVersion(
        regency=regency,
        base_profile_id="nganjuk",
        name="x",
        data={},
        effective_from=date(2026, 3, 15),
        created_by=hr_admin,
    )
    with pytest.raises(ValidationError):
        version.clean()
