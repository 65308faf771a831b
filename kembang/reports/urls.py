from django.urls import path

from kembang.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("ringkasan/", views.report_overview, name="overview"),
    path("siapkan/", views.report_prepare, name="prepare"),
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/kirim/", views.report_send, name="send"),
    path("<int:report_id>/terima/", views.report_receive, name="receive"),
    path("<int:report_id>/kembalikan/", views.report_return, name="return"),
    path("<int:report_id>/laporan.pdf", views.report_pdf_download, name="pdf"),
]
