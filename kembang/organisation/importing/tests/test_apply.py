"""Applying a checked import: all valid rows in one transaction, or nothing."""

import pytest

from kembang.audit.models import AuditEvent
from kembang.organisation.importing import writing
from kembang.organisation.importing.models import ImportBatch
from kembang.organisation.importing.tests.helpers import (
    COLUMNS,
    apply,
    csv_bytes,
    dry_run,
    rows_by_number,
    siasn_row,
    xlsx_bytes,
)
from kembang.organisation.models import Employee, EmploymentHistory, OrgUnit, Position
from kembang.organisation.tests.factories import EmployeeFactory, make_nip

pytestmark = pytest.mark.django_db


def test_apply_creates_employees_with_history_audit_and_supervisors(hr_officer_a, sub_unit_a):
    staff, head = make_nip(sex=2), make_nip()
    data = csv_bytes([
        siasn_row(staff, "Rina Wulandari", gelar_belakang="S.Kom.", unor="Bidang Guru",
                  atasan=head, jabatan="Pengadministrasi Umum", hp="08123456789",
                  email="rina@example.id"),
        siasn_row(head, "Ahmad Fauzi", gelar_depan="Dr.", gol="IV/a", jabatan="Kepala Dinas"),
        siasn_row("1234", "Ditolak"),
    ])
    batch = apply(dry_run(hr_officer_a, data))
    assert batch.status == ImportBatch.Status.APPLIED, batch.error
    rina = Employee.objects.select_related("supervisor", "unit", "position").get(nip=staff)
    assert (rina.full_name, rina.sex, rina.kind, rina.rank) == (
        "Rina Wulandari, S.Kom.", "2", "pns", "III/a")
    assert (rina.unit, rina.supervisor.nip, rina.phone, rina.email) == (
        sub_unit_a, head, "08123456789", "rina@example.id")
    assert rina.position.kind == Position.Kind.PELAKSANA
    assert Position.objects.get(name="Kepala Dinas").kind == Position.Kind.PIMPINAN_TINGGI
    history = rina.history.get()
    assert (history.unit, history.position, history.valid_until) == (sub_unit_a, rina.position, None)
    event = AuditEvent.objects.get(action="employee.create", object_id=str(rina.pk))
    assert event.actor == hr_officer_a
    assert event.changes["nip"] == [None, staff]
    assert event.changes["unit"] == [None, {"id": sub_unit_a.pk, "repr": "Bidang Guru"}]
    assert event.changes["supervisor"][1]["repr"] == "Dr. Ahmad Fauzi"
    assert f"#{batch.pk}" in event.reason
    assert AuditEvent.objects.filter(action="position.create").count() == 2
    summary = AuditEvent.objects.get(action="import.apply")
    assert summary.changes["created"] == 2 and summary.object_id == str(batch.pk)
    assert batch.summary["applied"]["created"] == 2
    assert not Employee.objects.filter(name="Ditolak").exists()


def test_reimporting_the_same_file_changes_nothing_and_adds_only_the_summary_event(
        hr_officer_a, sub_unit_a):
    boss = make_nip()
    data = xlsx_bytes([siasn_row(make_nip(), "Satu", unor="Bidang Guru", atasan=boss,
                                 email="satu@example.id", BERTALENTA="Ya"),
                       siasn_row(boss, "Dua", gelar_depan="Drs.", gol="IV/b")],
                      columns=[*COLUMNS, "BERTALENTA"])
    apply(dry_run(hr_officer_a, data, "siasn.xlsx"))
    before = list(Employee.objects.order_by("pk").values())
    events = AuditEvent.objects.count()
    batch = dry_run(hr_officer_a, data, "siasn.xlsx")
    assert {r.action for r in rows_by_number(batch).values()} == {"unchanged"}
    batch = apply(batch)
    assert batch.status == ImportBatch.Status.APPLIED
    assert list(Employee.objects.order_by("pk").values()) == before
    assert AuditEvent.objects.count() == events + 1
    assert AuditEvent.objects.latest("id").action == "import.apply"


def test_update_moves_within_scope_and_keeps_history(hr_officer_a, unit_a, sub_unit_a):
    employee = EmployeeFactory(unit=unit_a, rank="III/a", email="lama@example.id")
    data = csv_bytes([siasn_row(employee.nip, employee.name, unor="Bidang Guru", gol="III/c",
                                jabatan=employee.position.name)])
    EmploymentHistory.objects.create(employee=employee, unit=unit_a, valid_from="2020-01-01")
    batch = apply(dry_run(hr_officer_a, data))
    employee.refresh_from_db()
    assert (employee.unit, employee.rank, employee.email) == (sub_unit_a, "III/c", "lama@example.id")
    closed, opened = employee.history.order_by("valid_from")
    assert closed.valid_until is not None and opened.unit == sub_unit_a
    event = AuditEvent.objects.get(action="employee.update", object_id=str(employee.pk))
    assert event.changes["rank"] == ["III/a", "III/c"]
    assert event.changes["unit"][1] == {"id": sub_unit_a.pk, "repr": "Bidang Guru"}
    assert batch.summary["applied"]["updated"] == 1


def test_bkpsdm_import_creates_the_units_it_showed(hr_admin, unit_a):
    data = csv_bytes([siasn_row(make_nip(), "X", induk="Dinas Pariwisata", unor="UPT Museum"),
                      siasn_row(make_nip(), "Y", induk="Dinas Pendidikan", unor="Bidang Baru")])
    batch = apply(dry_run(hr_admin, data))
    assert batch.status == ImportBatch.Status.APPLIED, batch.error
    museum = OrgUnit.objects.get(name="UPT Museum")
    assert museum.parent.name == "Dinas Pariwisata" and museum.parent.parent is None
    assert museum.path == f"{museum.parent.path}{museum.pk}/"
    assert OrgUnit.objects.get(name="Bidang Baru").parent == unit_a
    assert Employee.objects.get(name="X").unit == museum
    assert AuditEvent.objects.filter(action="unit.create").count() == 3


def test_missing_employees_are_deactivated_only_when_asked(hr_officer_a, unit_a, unit_b):
    gone = EmployeeFactory(unit=unit_a, name="Sudah Pensiun")
    other = EmployeeFactory(unit=unit_b)
    officer_nip = hr_officer_a.employee.nip
    data = csv_bytes([siasn_row(make_nip(), "Baru"), siasn_row(officer_nip, "Pengelola SDM A")])
    apply(dry_run(hr_officer_a, data))
    gone.refresh_from_db()
    assert gone.is_active
    batch = apply(dry_run(hr_officer_a, data), deactivate=True)
    gone.refresh_from_db()
    other.refresh_from_db()
    assert (gone.is_active, other.is_active) == (False, True)
    assert batch.summary["applied"]["deactivated"] == 1
    event = AuditEvent.objects.get(action="employee.update", object_id=str(gone.pk))
    assert event.changes == {"is_active": [True, False]}


def test_a_rejected_row_keeps_its_employee_from_being_deactivated(hr_officer_a, unit_a):
    kept = EmployeeFactory(unit=unit_a)
    data = csv_bytes([siasn_row(kept.nip, kept.name, gol="X/x"),
                      siasn_row(hr_officer_a.employee.nip, "Pengelola SDM A")])
    batch = dry_run(hr_officer_a, data)
    assert rows_by_number(batch)[2].action == "reject"
    assert not batch.rows.filter(action="deactivate").exists()


def test_apply_is_all_or_nothing(hr_admin, unit_a, monkeypatch):
    existing = EmployeeFactory(unit=unit_a, rank="III/a")
    data = csv_bytes([siasn_row(make_nip(), f"Pegawai {i}", induk="Dinas Baru") for i in range(30)]
                     + [siasn_row(existing.nip, existing.name, gol="IV/a")])
    batch = dry_run(hr_admin, data)
    counts = (Employee.objects.count(), OrgUnit.objects.count(), Position.objects.count(),
              EmploymentHistory.objects.count(), AuditEvent.objects.count())

    def explode(self):
        raise RuntimeError("disk full")

    # Units, positions, employees, history and updates are written before the audit.
    monkeypatch.setattr(writing.Writer, "flush_audit", explode)
    batch = apply(batch)
    assert batch.status == ImportBatch.Status.FAILED
    assert "tidak ada data yang diubah" in batch.error
    assert counts == (Employee.objects.count(), OrgUnit.objects.count(), Position.objects.count(),
                      EmploymentHistory.objects.count(), AuditEvent.objects.count())
    existing.refresh_from_db()
    assert existing.rank == "III/a"


def test_apply_refuses_when_the_data_changed_since_the_dry_run(hr_officer_a, unit_a):
    nip = make_nip()
    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(nip, "Baru"), siasn_row(make_nip(), "Lain")]))
    EmployeeFactory(unit=unit_a, nip=nip)  # someone added them meanwhile
    batch = apply(batch)
    assert batch.status == ImportBatch.Status.FAILED
    assert "berubah sejak pemeriksaan (baris 2)" in batch.error
    assert not Employee.objects.filter(name="Lain").exists()


def test_a_batch_is_applied_once(hr_officer_a):
    from kembang.common.errors import DomainError

    batch = apply(dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "Sekali")])))
    with pytest.raises(DomainError):
        apply(batch)
    assert Employee.objects.filter(name="Sekali").count() == 1


def test_only_the_uploader_applies(hr_officer_a, hr_admin):
    from kembang.common.errors import DomainError
    from kembang.organisation.importing import services

    batch = dry_run(hr_officer_a, csv_bytes([siasn_row(make_nip(), "X")]))
    with pytest.raises(DomainError):
        services.batch_confirm(actor=hr_admin, batch=batch, deactivate_missing=False)
