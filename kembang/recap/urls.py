from django.urls import path

from kembang.recap import dashboard_views, views

app_name = "recap"
urlpatterns = [
    path("", views.unit_recap, name="unit"),
    path("dasbor/", dashboard_views.dashboard_page, name="dashboard"),
    path("unduh/rekap.xlsx", views.unit_recap_xlsx, name="unit_xlsx"),
    path("unduh/rekap.csv", views.unit_recap_csv, name="unit_csv"),
    path("unduh/rekap.pdf", views.unit_recap_pdf, name="unit_pdf"),
]
