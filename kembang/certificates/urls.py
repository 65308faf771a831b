from django.urls import path

from kembang.certificates import views

app_name = "certificates"
urlpatterns = [
    path("cek/<str:token>/", views.verify, name="verify"),
    path("", views.certificate_list, name="list"),
    path("pengaturan/", views.settings_edit, name="settings"),
    path("<int:certificate_id>/unduh.pdf", views.certificate_download, name="pdf"),
    path("<int:certificate_id>/cabut/", views.certificate_revoke, name="revoke"),
    path("batch/<int:batch_id>/", views.batch_detail, name="batch"),
    path("batch/<int:batch_id>/unduh.zip", views.batch_download, name="batch_zip"),
    path("siasn/", views.siasn_export, name="siasn"),
    path("ip-asn/", views.ipasn_worksheet, name="ipasn"),
]
