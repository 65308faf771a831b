"""The pages the load suite requests, and the mixed run's weights (shared by the
locustfile and the report)."""

# key: (who, path, label). `who` is a fixtures list; None is anonymous.
PAGES = {
    "sehat": (None, "/sehat/", "/sehat/ (minimal)"),
    "api_me": ("employees", "/api/me", "/api/me (employee)"),
    "my_jp": ("employees", "/jp/", "JP saya (employee)"),
    "home_employee": ("employees", "/", "home (employee)"),
    "home_coach": ("coaches", "/", "home (coach's queue)"),
    "home_hr": ("hr", "/", "home (HR officer)"),
    "queue_hr": ("hr", "/validasi/", "validation queue (HR officer)"),
    "list_hr": ("hr", "/pegawai/", "employee list (HR officer)"),
    "home_bkpsdm": ("bkpsdm", "/", "home (BKPSDM)"),
    "queue_bkpsdm": ("bkpsdm", "/validasi/", "validation queue (BKPSDM)"),
    "list_bkpsdm": ("bkpsdm", "/pegawai/", "employee list (BKPSDM)"),
    # Exports are measured on their own (`--pages export_hr`), never in the mix.
    "export_hr": ("hr", "/impor/ekspor/?format=csv", "employee export, CSV (HR officer)"),
}

# The mixed run's actions and their weights (percent): 40 employee pages, 20 logging a
# session, 15 coaches' queue and initials, 15 HR, 10 BKPSDM.
MIX = {
    "home_employee": 15, "my_jp": 15, "api_me": 10,
    "log_session": 20,
    "home_coach": 8, "initial": 7,
    "queue_hr": 8, "list_hr": 7,
    "home_bkpsdm": 4, "queue_bkpsdm": 3, "list_bkpsdm": 3,
}
