from django.urls import path

from kembang.organisation import views

app_name = "organisation"
urlpatterns = [
    path("pegawai/", views.employee_list, name="employee_list"),
    path("pegawai/baru/", views.employee_create, name="employee_create"),
    path("pegawai/kode-aktivasi/", views.unit_activation_codes, name="unit_activation_codes"),
    path("pegawai/<int:employee_id>/", views.employee_detail, name="employee_detail"),
    path("pegawai/<int:employee_id>/ubah/", views.employee_edit, name="employee_edit"),
    path("pegawai/<int:employee_id>/status/", views.employee_set_active, name="employee_set_active"),
    path("pegawai/<int:employee_id>/kode-aktivasi/", views.employee_activation_code,
         name="employee_activation_code"),
    path("pegawai/<int:employee_id>/buka-kunci/", views.employee_unlock, name="employee_unlock"),
    path("unit/", views.unit_list, name="unit_list"),
    path("peran/", views.role_list, name="role_list"),
    path("peran/<int:assignment_id>/cabut/", views.role_revoke, name="role_revoke"),
    path("akun/<int:user_id>/buka-kunci/", views.user_unlock, name="user_unlock"),
    path("kop-dokumen/", views.letterhead, name="letterhead"),
    path("kop-dokumen/hapus-logo/", views.letterhead_logo_remove, name="letterhead_logo_remove"),
]
