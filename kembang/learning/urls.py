from django.urls import path

from kembang.learning.views import evaluations, programs, queues, sessions

app_name = "learning"
urlpatterns = [
    path("program/", programs.program_list, name="program_list"),
    path("program/baru/<str:activity>/", programs.program_start, name="program_start"),
    path("program/<int:program_id>/", programs.program_detail, name="program_detail"),
    path("program/<int:program_id>/setuju/", programs.program_agree, name="program_agree"),
    path("program/<int:program_id>/jawab/", programs.program_answer, name="program_answer"),
    path("program/<int:program_id>/tutup/", programs.program_close, name="program_close"),
    path("program/<int:program_id>/sesi/baru/", programs.session_create, name="session_create"),
    path("program/<int:program_id>/evaluasi-coach/", evaluations.coach_evaluation,
         name="coach_evaluation"),
    path("program/<int:program_id>/penilaian-mentor/", evaluations.mentor_assessment,
         name="mentor_assessment"),
    path("program/<int:program_id>/resume-penutup/", evaluations.self_study_closing,
         name="self_study_closing"),
    path("program/<int:program_id>/resume-penutup/putuskan/",
         evaluations.self_study_closing_decide, name="self_study_closing_decide"),
    path("evaluasi-saya/", evaluations.my_evaluation_summary, name="my_evaluation_summary"),
    path("sesi/<int:session_id>/", sessions.session_detail, name="session_detail"),
    path("sesi/<int:session_id>/ubah/", sessions.session_edit, name="session_edit"),
    path("sesi/<int:session_id>/bukti/", sessions.session_attach, name="session_attach"),
    path("sesi/<int:session_id>/bukti/<int:evidence_id>/", sessions.evidence_download,
         name="evidence_download"),
    path("sesi/<int:session_id>/<str:action>/", sessions.session_action, name="session_action"),
    path("jp/", queues.my_jp, name="my_jp"),
    path("validasi/", queues.validation_queue, name="validation_queue"),
    path("validasi/banyak/", queues.validate_many, name="validate_many"),
    path("notifikasi/", queues.notifications, name="notifications"),
]
