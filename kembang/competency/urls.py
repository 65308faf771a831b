from django.urls import path

from kembang.competency import plan_views, views

app_name = "competency"
urlpatterns = [
    path("", views.home, name="home"),
    path("kamus/", views.dictionary_page, name="dictionary"),
    path("kamus/<str:competency_id>/ubah/", views.wording_edit, name="wording_edit"),
    path("jabatan/", views.standards_page, name="standards"),
    path("jabatan/impor/", views.standards_import, name="standards_import"),
    path("jabatan/<str:position_id>/", views.position_page, name="position"),
    path("jabatan/<str:position_id>/standar/", views.standard_set, name="standard_set"),
    path("jabatan/<str:position_id>/teknis/", views.technical_add, name="technical_add"),
    path("pegawai/<str:employee_id>/", views.employee_page, name="employee"),
    path("pegawai/<str:employee_id>/penilaian/", views.assessment_record,
         name="assessment_record"),
    path("pegawai/<str:employee_id>/rencana/", plan_views.plan_page, name="plan"),
    path("pegawai/<str:employee_id>/rencana/usul/", plan_views.plan_propose, name="plan_propose"),
    path("pegawai/<str:employee_id>/rencana/sepakat/", plan_views.plan_agree, name="plan_agree"),
    path("aturan-jalur/", plan_views.route_rule_page, name="route_rule"),
    path("daerah/", plan_views.regency_page, name="regency"),
    path("daerah/rencana.csv", plan_views.agency_plan_export, name="agency_plan"),
    path("bawahan/", views.subordinates_page, name="subordinates"),
    path("penilaian/impor/", views.results_import, name="results_import"),
]
