"""Employee, unit and position import from SIASN/SIMPEG spreadsheets, and export."""
from django.urls import path

from kembang.organisation.importing import views

app_name = "imports"
urlpatterns = [
    path("", views.start, name="start"),
    path("templat.xlsx", views.template, name="template"),
    path("ekspor/", views.export, name="export"),
    path("<int:batch_id>/", views.batch_detail, name="batch"),
    path("<int:batch_id>/progres/", views.batch_progress, name="progress"),
    path("<int:batch_id>/terapkan/", views.batch_apply, name="apply"),
    path("<int:batch_id>/ditolak.xlsx", views.batch_rejected, name="rejected"),
]
