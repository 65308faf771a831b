from django.shortcuts import render

from kembang.organisation.access import require_roles
from kembang.organisation.models import Role


def start(request):
    require_roles(request.user, Role.HR_OFFICER, Role.HR_ADMIN)
    return render(request, "imports/start.html")
