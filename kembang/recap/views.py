"""The unit recap page and its downloads. Thin: parse, check scope, call
`kembang.recap.unit_report`, render or send the file.

Who: BKPSDM any unit of the regency; HR officers and heads of unit their units with
sub-units (`units_in_scope`); anyone else 404, as for a unit outside their scope.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from kembang.common.downloads import attachment_disposition
from kembang.documents.pdf import regency_heading
from kembang.organisation.access import require_roles, units_in_scope
from kembang.organisation.dates import regency_today
from kembang.organisation.models import Role
from kembang.organisation.selectors import unit_path_labels
from kembang.recap import unit_files
from kembang.recap.forms import UnitRecapForm
from kembang.recap.unit_report import (
    figures,
    file_stem,
    status_summary,
    table_header,
    unit_report,
)

STAFF_ROLES = (Role.HR_OFFICER, Role.HEAD_OF_UNIT, Role.HR_ADMIN)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _chosen_unit(request, units):
    """The unit named by `unit` (404 when it is not one of `units`), else the first of
    `units` in "Parent › Unit" order; None when the user has no unit at all."""
    raw = request.GET.get("unit", "")
    if raw:
        unit = (units.filter(pk=int(raw)).first()
                if raw.isdecimal() and len(raw) < 12 else None)
        if unit is None:
            raise Http404
        return unit
    rows = list(units)
    if not rows:
        return None
    labels = unit_path_labels(rows)
    return min(rows, key=lambda u: (labels[u.pk].casefold(), u.pk))


def _form(request):
    """(form, report or None, today): the page's parameters with their defaults (the first
    unit, this year, January to this month — or December for another year), checked; the
    report when they are valid."""
    require_roles(request.user, *STAFF_ROLES)
    regency = request.user.regency
    today = regency_today(regency)
    units = units_in_scope(request.user)
    unit = _chosen_unit(request, units)
    year = request.GET.get("tahun", str(today.year))
    data = {"unit": unit.pk if unit else "", "tahun": year,
            "dari": request.GET.get("dari", "1"),
            # Up to this month this year, the whole of another year.
            "sampai": request.GET.get("sampai",
                                      str(today.month) if year == str(today.year) else "12")}
    form = UnitRecapForm(data, units=units, regency=regency)
    report = None
    if unit is not None and form.is_valid():
        report = unit_report(regency, unit, year=form.cleaned_data["tahun"],
                             first=form.cleaned_data["dari"], last=form.cleaned_data["sampai"])
    return form, report, today


def _page(request, form, report, today):
    context = {"form": form, "report": report, "today": today,
               "no_units": form.data["unit"] == "",  # the user has no unit to choose
               "heading": regency_heading(request.user.regency)}
    if report is not None:
        lines, totals = figures(report)
        context.update({
            "header": table_header(report), "statuses": status_summary(report),
            "lines": lines, "totals": totals,
            "meaning": unit_files.meaning(report),
            "query": urlencode({"unit": report.unit.pk, "tahun": report.year,
                                "dari": report.first, "sampai": report.last}),
        })
    return render(request, "recap/unit_recap.html", context)


@require_GET
def unit_recap(request):
    form, report, today = _form(request)
    return _page(request, form, report, today)


def _download(request, fmt: str):
    form, report, today = _form(request)
    if report is None:
        return _page(request, form, report, today)  # the form says what is wrong
    if fmt == "csv":
        body, content_type = unit_files.unit_csv(report), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body, content_type = unit_files.unit_xlsx(report, printed_on=today), XLSX_TYPE
    else:
        body, content_type = unit_files.unit_pdf(report, printed_on=today), "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = attachment_disposition(f"{file_stem(report)}.{fmt}")
    return response


@require_GET
def unit_recap_csv(request):
    return _download(request, "csv")


@require_GET
def unit_recap_xlsx(request):
    return _download(request, "xlsx")


@require_GET
def unit_recap_pdf(request):
    return _download(request, "pdf")
