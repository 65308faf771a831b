from django.urls import path

from kembang.annual import views

app_name = "annual"
urlpatterns = [
    path("", views.annual_page, name="page"),
    path("unduh/evaluasi-tahunan.pdf", views.annual_pdf, name="pdf"),
    path("evaluasi-unit/", views.unit_evaluation_write, name="unit_evaluation"),
    path("kesimpulan/", views.conclusion_write, name="conclusion"),
]
