from django.urls import include, path

from kembang.accounts.views import language_set
from kembang.api.views import api
from kembang.common.views import favicon
from kembang.health.views import health
from kembang.learning.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("akun/", include("kembang.accounts.urls")),
    path("api/", api.urls),
    path("audit/", include("kembang.audit.urls")),
    path("impor/", include("kembang.organisation.importing.urls")),
    # Anyone may switch language, on the login page too.
    path("i18n/setlang/", language_set, name="set_language"),
    path("profil/", include("kembang.regulation.urls")),
    path("laporan/", include("kembang.reports.urls")),
    path("rekap/", include("kembang.recap.urls")),
    path("evaluasi-tahunan/", include("kembang.annual.urls")),
    path("kompetensi/", include("kembang.competency.urls")),
    path("sertifikat/", include("kembang.certificates.urls")),
    # For the TLS proxy and a monitor; no login, one query (kembang/health).
    path("sehat/", health, name="health"),
    # Asked for by browsers on their own; a redirect to the static icon.
    path("favicon.ico", favicon, name="favicon"),
    path("", include("kembang.learning.urls")),
    path("", include("kembang.organisation.urls")),
]
