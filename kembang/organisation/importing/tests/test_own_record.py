"""An HR officer's file never touches the officer's own record
(docs/separation-of-duties.md#other-doors): not their rank, talent flag or supervisor, and
not their active flag. The edit form refuses the same (kembang/organisation/views.py
`_access_hr_employee`)."""

import pytest

from kembang.audit.models import AuditEvent
from kembang.organisation.importing.models import ImportBatch
from kembang.organisation.importing.planning import OWN_RECORD
from kembang.organisation.importing.tests.helpers import (
    apply,
    csv_bytes,
    dry_run,
    rows_by_number,
    siasn_row,
    texts,
)
from kembang.organisation.models import Employee, Role
from kembang.organisation.tests.factories import EmployeeFactory, grant, login_for

pytestmark = pytest.mark.django_db


def test_a_row_with_the_uploaders_own_nip_is_rejected_and_the_apply_leaves_it_alone(
        hr_officer_a, unit_a):
    me = hr_officer_a.employee
    colleague = EmployeeFactory(unit=unit_a, rank="III/a")
    assert (me.rank, me.is_talent) == ("III/a", False)
    data = csv_bytes([
        siasn_row(me.nip, me.name, gol="IV/e", BERTALENTA="Ya"),
        siasn_row(colleague.nip, colleague.name, gol="III/b"),
    ])
    batch = dry_run(hr_officer_a, data)
    assert batch.status == ImportBatch.Status.VALIDATED, batch.error
    rows = rows_by_number(batch)
    assert rows[2].action == "reject"
    assert texts(rows[2]) == [f"Baris 2, kolom NIP: {OWN_RECORD}"]
    assert rows[3].action == "update"
    assert batch.summary["counts"]["update"] == 1 and batch.summary["counts"]["reject"] == 1

    batch = apply(batch)
    assert batch.status == ImportBatch.Status.APPLIED, batch.error
    me.refresh_from_db()
    colleague.refresh_from_db()
    assert (me.rank, me.is_talent) == ("III/a", False)
    assert colleague.rank == "III/b"
    assert not AuditEvent.objects.filter(action="employee.update", object_id=str(me.pk)).exists()


def test_the_uploader_is_never_on_the_list_to_deactivate(hr_officer_a, unit_a):
    """A file of the officer's unit without the officer's own row would otherwise switch
    the officer off."""
    me = hr_officer_a.employee
    colleague = EmployeeFactory(unit=unit_a)
    gone = EmployeeFactory(unit=unit_a, name="Sudah Pensiun")
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(colleague.nip, colleague.name)]))
    listed = set(batch.rows.filter(action="deactivate").values_list("nip", flat=True))
    assert listed == {gone.nip}

    batch = apply(batch, deactivate=True)
    assert batch.status == ImportBatch.Status.APPLIED, batch.error
    assert Employee.objects.get(pk=me.pk).is_active
    assert not Employee.objects.get(pk=gone.pk).is_active


def test_bkpsdm_without_an_employee_record_still_updates_that_officer(hr_admin, hr_officer_a):
    officer = hr_officer_a.employee
    data = csv_bytes([siasn_row(officer.nip, officer.name, gol="III/b")])
    batch = dry_run(hr_admin, data)
    assert rows_by_number(batch)[2].action == "update"
    assert apply(batch).status == ImportBatch.Status.APPLIED
    officer.refresh_from_db()
    assert officer.rank == "III/b"


def test_an_officer_still_updates_another_hr_officer_of_the_unit(hr_officer_a, unit_a):
    """Only the uploader's own row is refused, not every role holder's."""
    other = EmployeeFactory(unit=unit_a, rank="III/a")
    grant(login_for(other), Role.HR_OFFICER, unit_a)
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(other.nip, other.name, gol="III/c")]))
    assert rows_by_number(batch)[2].action == "update"
