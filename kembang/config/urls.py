from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from kembang.api.views import api
from kembang.health.views import health
from kembang.learning.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("akun/", include("kembang.accounts.urls")),
    path("api/", api.urls),
    path("audit/", include("kembang.audit.urls")),
    path("impor/", include("kembang.organisation.importing.urls")),
    # Anyone may switch language, on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("profil/", include("kembang.regulation.urls")),
    # For the TLS proxy and a monitor; no login, one query (kembang/health).
    path("sehat/", health, name="health"),
    path("", include("kembang.learning.urls")),
    path("", include("kembang.organisation.urls")),
]
