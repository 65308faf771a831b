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
    path("ip-asn/pemetaan/", views.ipasn_mapping, name="ipasn_mapping"),
    path("saya/", views.my_certificates, name="mine"),
    path("terbitkan/", views.due_list, name="due"),
    path("terbitkan/<int:year>/<int:program_id>/", views.issue_confirm, name="issue"),
]
