"""Factories for tests: valid NIPs, units with paths, employees, logins with roles."""

import itertools

import factory
from django.contrib.auth import get_user_model

from kembang.organisation.models import Employee, OrgUnit, Position, Regency, Role, RoleAssignment

_serial = itertools.count(1)


def make_nip(kind: str = "pns", sex: int = 1) -> str:
    """A structurally valid, unique NIP: PNS born 1985-01-01, TMT 2010-01; PPPK 2024 batch 1."""
    n = next(_serial)
    serial = n % 999 + 1
    day = (n // 999) % 28 + 1
    if kind == "pppk":
        return f"199001{day:02d}2024" + "21" + f"{sex}{serial:03d}"
    return f"198501{day:02d}201001{sex}{serial:03d}"


class RegencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regency
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    slug = factory.Sequence(lambda n: f"uji-{n}")
    province = "Jawa Timur"
    profile_id = "nganjuk"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        skip_postgeneration_save = True

    regency = factory.SubFactory(RegencyFactory)
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    parent = None

    @factory.post_generation
    def set_path(obj, create, extracted, **kwargs):
        if create:
            obj.path = f"{obj.parent.path if obj.parent_id else '/'}{obj.pk}/"
            OrgUnit.objects.filter(pk=obj.pk).update(path=obj.path)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("regency", "name")

    regency = factory.SubFactory(RegencyFactory)
    name = "Analis Sumber Daya Manusia Aparatur Ahli Pertama"
    kind = Position.Kind.AHLI_PERTAMA


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    regency = factory.LazyAttribute(lambda o: o.unit.regency)
    unit = factory.SubFactory(UnitFactory)
    nip = factory.LazyAttribute(lambda o: make_nip(o.kind))
    name = factory.Faker("name", locale="id_ID")
    kind = Employee.Kind.PNS
    rank = "III/a"
    sex = "1"
    position = factory.LazyAttribute(lambda o: PositionFactory(regency=o.regency))


def login_for(employee=None, *, regency=None, username=None, password="rahasia-uji-123"):
    """A user that can log in: for an employee (username = NIP) or an administrator."""
    User = get_user_model()
    if employee is not None:
        user = User(username=employee.nip, regency=employee.regency, employee=employee)
    else:
        user = User(username=username, regency=regency)
    user.set_password(password)
    user.save()
    return user


def grant(user, role: str, unit: OrgUnit | None = None) -> RoleAssignment:
    return RoleAssignment.objects.create(
        regency=user.regency, user=user, role=role,
        unit=None if role == Role.HR_ADMIN else unit,
    )
