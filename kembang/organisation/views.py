"""Pages of the organisation registry. Thin: parse, call a service or selector, render."""

import base64

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kembang.accounts.exports import activation_codes_csv
from kembang.accounts.services import account_for_employee, activation_code_issue, lockout_lift
from kembang.common.errors import DomainError
from kembang.common.forms import form_refusal
from kembang.organisation import selectors, services
from kembang.organisation.access import (
    access_employee,
    employees_in_scope,
    hr_units,
    require_roles,
    scope_for,
    units_in_scope,
)
from kembang.organisation.dates import regency_today
from kembang.organisation.forms import (
    EmployeeFilterForm,
    EmployeeForm,
    ReasonForm,
    RegencyLogoForm,
    RoleAssignForm,
    UnitForm,
)
from kembang.organisation.models import Employee, Position, Role, RoleAssignment

ADMIN_ROLES = (Role.HR_OFFICER, Role.HEAD_OF_UNIT, Role.HR_ADMIN)
HR_ROLES = (Role.HR_OFFICER, Role.HR_ADMIN)
PAGE_SIZE = 25


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _years(today) -> range:
    """The years a JP page offers: this one and the four before it (as *JP saya*)."""
    return range(today.year, today.year - 5, -1)


def _year_param(request, today) -> int:
    """`?tahun=`, as *JP saya* reads it: this year unless a year from 2000 to next year."""
    value = request.GET.get("tahun", "")
    year = int(value) if value.isdecimal() and len(value) == 4 else today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def filtered_employees(request, scope):
    """The employee list's filters (GET q, unit, position, kind, status, talent, year,
    jp_status, urut) applied to what the user may see, with everyone's JP of the year
    (`selectors.employee_jp_list`); shared by the list page and its export."""
    today = regency_today(request.user.regency)
    # The pickers read only what they print: hundreds of units and positions per page.
    form = EmployeeFilterForm(request.GET or None,
                              units=units_in_scope(request.user).only("id", "name", "path"),
                              positions=Position.objects.filter(
                                  regency_id=scope.regency_id).only("id", "name"),
                              years=_years(today))
    filters = form.cleaned_data if form.is_valid() else {}
    sort = request.GET.get("urut", "nama")
    if sort not in selectors.EMPLOYEE_SORTS and sort not in selectors.JP_SORTS:
        sort = "nama"
    employees = selectors.employee_list(
        request.user,
        search=filters.get("q", ""),
        unit_id=getattr(filters.get("unit"), "pk", None),
        position_id=getattr(filters.get("position"), "pk", None),
        kind=filters.get("kind", ""),
        status=filters.get("status") or "aktif",
        talent=filters.get("talent", ""),
        sort=sort,
    )
    listed = selectors.employee_jp_list(
        request.user, employees, year=filters.get("year") or today.year,
        jp_status=filters.get("jp_status", ""), sort=sort)
    return form, listed, sort


def employee_list(request):
    scope = require_roles(request.user, *ADMIN_ROLES)
    form, listed, sort = filtered_employees(request, scope)
    page = Paginator(listed.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = listed.rows(page.object_list)
    template = "organisation/_employee_rows.html" if request.htmx else "organisation/employee_list.html"
    return render(request, template, {
        "form": form, "page_obj": page, "sort": sort, "scope": scope, "listed": listed,
        "querystring_without_page": _querystring_without_page(request),
    })


def employee_detail(request, employee_id: int):
    """Anyone who may see the employee (`access_employee`): their record, their JP of the
    chosen year with every session's explanation (as on *JP saya*), their programs as
    participant and their classical training; HR's actions for HR."""
    from kembang.learning.selectors import jp_standing, programs_as_participant

    employee = access_employee(request.user, employee_id)
    scope = scope_for(request.user)
    is_self = employee.pk == request.user.employee_id
    today = regency_today(employee.regency)
    context = {
        "employee": employee,
        "standing": jp_standing(employee, year=_year_param(request, today), today=today),
        "years": _years(today),
        "programs": programs_as_participant(request.user, employee),
        "history": employee.history.select_related("unit", "position"),
        "account": getattr(employee, "user", None) if hasattr(employee, "user") else None,
        "can_manage": scope.hr_covers(employee.unit.path) and not (is_self and not scope.is_admin),
        "can_reset": _may_reset(request.user, employee) and scope.hr_covers(employee.unit.path),
        "subordinates": employees_in_scope(request.user).filter(
            supervisor=employee, is_active=True).select_related("position"),
    }
    if not employee.is_active and scope.hr_covers(employee.unit.path):
        context["left_behind"] = selectors.left_behind(employee)
    return render(request, "organisation/employee_detail.html", context)


def _employee_form(request, *, employee: Employee | None):
    scope = require_roles(request.user, *HR_ROLES)
    units = hr_units(request.user)
    positions = Position.objects.filter(regency_id=scope.regency_id)
    initial = {}
    if employee:
        initial = {
            "nip": employee.nip, "title_prefix": employee.title_prefix, "name": employee.name,
            "title_suffix": employee.title_suffix, "kind": employee.kind, "rank": employee.rank,
            "unit": employee.unit, "position": employee.position,
            "supervisor_nip": employee.supervisor.nip if employee.supervisor_id else "",
            "is_talent": employee.is_talent, "email": employee.email, "phone": employee.phone,
        }
    form = EmployeeForm(request.POST or None, initial=initial, units=units,
                        positions=positions, editing=employee is not None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        supervisor = None
        if data.pop("supervisor_nip"):
            supervisor = Employee.objects.filter(
                regency_id=scope.regency_id, nip=form.cleaned_data["supervisor_nip"]
            ).first()
            if supervisor is None:
                form.add_error("supervisor_nip", _("Tidak ada pegawai dengan NIP ini."))
        if form.is_valid():
            nip = data.pop("nip")
            data["supervisor"] = supervisor
            try:
                if employee is None:
                    employee = services.employee_create(
                        actor=request.user, regency=request.user.regency, nip=nip,
                        sex=nip[14] if len(nip) == 18 else "", **data)
                    messages.success(request, _("Pegawai %(name)s ditambahkan.") % {"name": employee})
                else:
                    services.employee_update(actor=request.user, employee=employee, **data)
                    messages.success(request, _("Data %(name)s disimpan.") % {"name": employee})
                return redirect("organisation:employee_detail", employee.pk)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
    return render(request, "organisation/employee_form.html",
                  {"form": form, "employee": employee})


def employee_create(request):
    return _employee_form(request, employee=None)


def _access_hr_employee(user, employee_id) -> Employee:
    """An employee the user may change as HR (their HR units, or BKPSDM); else 404. An HR
    officer never changes their own record (talent flag, supervisor:
    docs/separation-of-duties.md#other-doors)."""
    employee = access_employee(user, employee_id)
    scope = scope_for(user)
    if not scope.hr_covers(employee.unit.path):
        raise Http404
    if employee.pk == user.employee_id and not scope.is_admin:
        raise Http404
    return employee


def employee_edit(request, employee_id: int):
    require_roles(request.user, *HR_ROLES)
    return _employee_form(request, employee=_access_hr_employee(request.user, employee_id))


@require_POST
def employee_set_active(request, employee_id: int):
    require_roles(request.user, *HR_ROLES)
    employee = _access_hr_employee(request.user, employee_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        # Refused, not run without its reason: the reason goes on the audit record.
        messages.error(request, form_refusal(form))
        return redirect("organisation:employee_detail", employee.pk)
    active = request.POST.get("active") == "1"
    services.employee_update(actor=request.user, employee=employee, is_active=active,
                             reason=form.cleaned_data["reason"])
    messages.success(request, _("Pegawai diaktifkan.") if active else _("Pegawai dinonaktifkan."))
    return redirect("organisation:employee_detail", employee.pk)


def _may_reset(actor, employee) -> bool:
    """An HR officer issues first activation codes, never for a role holder or for an
    account already in use; BKPSDM may reset anyone but itself."""
    scope = scope_for(actor)
    if employee.pk == actor.employee_id:
        return False
    if scope.is_admin:
        return True
    account = getattr(employee, "user", None)
    if account is not None and not account.must_set_password:
        # An account in use is reset by BKPSDM only: an HR officer holding someone's
        # password could initial as the coach and validate as HR
        # (docs/separation-of-duties.md).
        return False
    return not RoleAssignment.objects.in_force(regency_today(employee.regency)).filter(
        user__employee=employee).exists()


@require_POST
def employee_activation_code(request, employee_id: int):
    """Issue a one-time code; shown once on a printable page
    (docs/accounts.md#activation-codes)."""
    require_roles(request.user, *HR_ROLES)
    employee = _access_hr_employee(request.user, employee_id)
    if not _may_reset(request.user, employee):
        raise Http404
    user = account_for_employee(actor=request.user, employee=employee)
    code = activation_code_issue(actor=request.user, user=user)
    return render(request, "organisation/activation_codes.html",
                  {"rows": [(employee, code)], "regency": request.user.regency})


@require_POST
def unit_activation_codes(request):
    """Codes for every active employee of the chosen unit(s) who has not logged in yet;
    with `impor`, only those the given import batch created."""
    require_roles(request.user, *HR_ROLES)
    hr_employees = employees_in_scope(request.user).filter(scope_for(request.user).hr_unit_q(
        "unit__")).active()
    employees = hr_employees.filter(user__isnull=True) | hr_employees.filter(
        user__must_set_password=True)
    batch_id = request.POST.get("impor", "")
    if batch_id:
        # Only the employees an import created: printed from the applied batch's page.
        from kembang.organisation.importing.access import access_batch
        from kembang.organisation.importing.models import ImportRow

        if not (batch_id.isdecimal() and len(batch_id) < 12):
            raise Http404
        batch = access_batch(request.user, int(batch_id))
        employees = employees.filter(nip__in=batch.rows.filter(
            action=ImportRow.Action.CREATE).values("nip"))
    unit_id = request.POST.get("unit", "")
    if unit_id:
        unit = hr_units(request.user).filter(pk=int(unit_id)).first() if (
            unit_id.isdecimal() and len(unit_id) < 12) else None
        if unit is None:
            raise Http404
        employees = employees.filter(unit__path__startswith=unit.path)
    # Role holders are reset one by one by BKPSDM, never in a batch.
    employees = employees.exclude(user__role_assignments__revoked_at__isnull=True,
                                  user__role_assignments__isnull=False)
    rows = []
    for employee in employees.distinct().select_related("unit").order_by("unit__path", "name")[:2000]:
        user = account_for_employee(actor=request.user, employee=employee)
        rows.append((employee, activation_code_issue(actor=request.user, user=user)))
    if request.POST.get("format") == "csv":
        return _activation_codes_csv(rows)
    return render(request, "organisation/activation_codes.html",
                  {"rows": rows, "regency": request.user.regency})


def _activation_codes_csv(rows) -> HttpResponse:
    """The same codes as a spreadsheet for mail merge; NIPs spaced so Excel keeps them
    as text. Shown once, like the printed page."""
    response = HttpResponse(activation_codes_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kode-aktivasi.csv"'
    return response


@require_POST
def employee_unlock(request, employee_id: int):
    require_roles(request.user, *HR_ROLES)
    employee = _access_hr_employee(request.user, employee_id)
    if not hasattr(employee, "user"):
        raise Http404
    lockout_lift(actor=request.user, user=employee.user)
    messages.success(request, _("Kunci akun %(name)s dibuka.") % {"name": employee})
    return redirect("organisation:employee_detail", employee.pk)


def unit_list(request):
    scope = require_roles(request.user, *ADMIN_ROLES)
    form = UnitForm(request.POST or None, units=units_in_scope(request.user))
    if request.method == "POST":
        require_roles(request.user, Role.HR_ADMIN)
        if form.is_valid():
            try:
                services.unit_create(actor=request.user, regency=request.user.regency,
                                     name=form.cleaned_data["name"],
                                     parent=form.cleaned_data["parent"])
                messages.success(request, _("Unit ditambahkan."))
                return redirect("organisation:unit_list")
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
    return render(request, "organisation/unit_list.html",
                  {"units": selectors.with_path_labels(selectors.unit_list(request.user)),
                   "form": form, "scope": scope})


def role_list(request):
    require_roles(request.user, Role.HR_ADMIN)
    regency = request.user.regency
    form = RoleAssignForm(request.POST or None, units=units_in_scope(request.user))
    if request.method == "POST" and form.is_valid():
        from kembang.accounts.backends import login_name
        from kembang.accounts.models import User

        data = form.cleaned_data
        user = User.objects.filter(regency=regency, username=login_name(data["login"])).first()
        if user is None:
            employee = Employee.objects.filter(regency=regency, nip=login_name(data["login"])).first()
            if employee:
                user = services.employee_account(actor=request.user, employee=employee)
        if user is None:
            form.add_error("login", _("Tidak ada pegawai atau pengguna dengan NIP/nama ini."))
        else:
            try:
                services.role_assign(actor=request.user, regency=regency, user=user,
                                     role=data["role"], unit=data["unit"],
                                     valid_from=data["valid_from"],
                                     valid_until=data["valid_until"], note=data["note"])
                messages.success(request, _("Peran diberikan kepada %(user)s.") % {"user": user})
                return redirect("organisation:role_list")
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
    assignments = (RoleAssignment.objects.filter(regency=regency)
                   .select_related("user", "user__employee", "unit", "assigned_by")
                   .order_by("revoked_at", "role", "unit__path"))
    page = Paginator(assignments, 50).get_page(request.GET.get("page"))
    return render(request, "organisation/role_list.html", {
        "form": form, "page_obj": page, "locked_users": _locked_users(regency),
        "querystring_without_page": _querystring_without_page(request)})


def _locked_users(regency):
    """Users of this regency that django-axes currently locks out (any address)."""
    from axes.models import AccessAttempt
    from django.conf import settings

    from kembang.accounts.models import User

    locked = (AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
              .values_list("username", flat=True).distinct())
    return User.objects.filter(regency=regency, username__in=list(locked)).select_related(
        "employee")


@require_POST
def user_unlock(request, user_id: int):
    require_roles(request.user, Role.HR_ADMIN)
    from kembang.accounts.models import User

    user = User.objects.filter(regency=request.user.regency, pk=user_id).first()
    if user is None:
        raise Http404
    lockout_lift(actor=request.user, user=user)
    messages.success(request, _("Kunci akun %(name)s dibuka.") % {"name": user})
    return redirect("organisation:role_list")


@require_POST
def role_revoke(request, assignment_id: int):
    require_roles(request.user, Role.HR_ADMIN)
    assignment = RoleAssignment.objects.filter(
        regency=request.user.regency, pk=assignment_id).first()
    if assignment is None:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_refusal(form))
        return redirect("organisation:role_list")
    try:
        services.role_revoke(actor=request.user, assignment=assignment,
                             reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("organisation:role_list")
    messages.success(request, _("Peran dicabut."))
    return redirect(reverse("organisation:role_list"))


# --- the letterhead of every PDF (docs/documents.md#the-regencys-logo) -------------------


def _bkpsdm_regency(request):
    """The regency of a BKPSDM admin (the whole regency); 404 for anyone else."""
    scope = require_roles(request.user, Role.HR_ADMIN)
    if not scope.whole_regency or request.user.regency_id is None:
        raise Http404
    return request.user.regency


def letterhead(request):
    """BKPSDM uploads or replaces the regency's logo, drawn beside its name in the
    letterhead of every PDF; the page shows the logo in use."""
    from kembang.documents.pdf import regency_heading

    regency = _bkpsdm_regency(request)
    if request.method == "POST":
        form = RegencyLogoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.regency_logo_set(actor=request.user, regency=regency,
                                          upload=form.cleaned_data["logo"])
                messages.success(request, _("Logo disimpan; PDF berikutnya memakainya."))
                return redirect("organisation:letterhead")
            except DomainError as error:
                form.add_error("logo", error.message)
    else:
        form = RegencyLogoForm()
    logo = selectors.regency_logo(regency)
    data = selectors.regency_logo_bytes(regency) if logo is not None else None
    preview = (f"data:{logo.content_type};base64,{base64.b64encode(data).decode('ascii')}"
               if data else "")
    return render(request, "organisation/letterhead.html", {
        "form": form, "logo": logo, "preview": preview, "regency": regency,
        "heading": regency_heading(regency)})


@require_POST
def letterhead_logo_remove(request):
    regency = _bkpsdm_regency(request)
    if services.regency_logo_remove(actor=request.user, regency=regency):
        messages.success(request, _("Logo dihapus; kop PDF kembali memuat nama saja."))
    else:
        messages.info(request, _("Belum ada logo yang diunggah."))
    return redirect("organisation:letterhead")
