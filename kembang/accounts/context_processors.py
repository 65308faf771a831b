"""Navigation by role: each person sees only the menus their roles open."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kembang.organisation.access import scope_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    items = [(reverse("home"), _("Beranda"))]
    if user.employee_id:
        items += [
            (reverse("learning:program_list"), _("Program")),
            (reverse("learning:my_jp"), _("JP saya")),
        ]
    if scope.administers_units:
        items.append((reverse("learning:staff_program_list"), _("Program pegawai")))
    if scope.is_hr or scope.head_paths:
        items.append((reverse("learning:validation_queue"), _("Validasi")))
    if "head_of_unit" in scope.roles:
        items.append((reverse("learning:appointment_list"), _("Penunjukan coach/mentor")))
    if scope.administers_units:
        items += [
            (reverse("organisation:employee_list"), _("Pegawai")),
            (reverse("organisation:unit_list"), _("Unit kerja")),
            (reverse("recap:unit"), _("Rekap JP")),
            (reverse("reports:list"), _("Laporan unit")),
            (reverse("annual:page"), _("Evaluasi tahunan")),
        ]
    if scope.whole_regency or scope.head_paths:
        items.append((reverse("recap:dashboard"), _("Dasbor JP")))
    if scope.is_hr:
        items.append((reverse("imports:start"), _("Impor")))
        items.append((reverse("regulation:calculate"), _("Hitung JP (berkas)")))
    items.append((reverse("competency:home"), _("Kompetensi")))
    items.append((reverse("regulation:profile"), _("Aturan JP")))
    if scope.is_admin:
        items += [
            (reverse("certificates:list"), _("Sertifikat")),
            (reverse("organisation:role_list"), _("Peran")),
            (reverse("learning:period_list"), _("Kunci bulan")),
            (reverse("organisation:letterhead"), _("Kop dokumen")),
            (reverse("audit:event_list"), _("Jejak audit")),
        ]
    path = request.path
    # The longest matching prefix is the current page ("/profil/hitung/" is not "/profil/").
    matches = [url for url, _label in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    nav = [{"url": url, "label": label, "active": url == current} for url, label in items]
    from kembang.learning.models import Notification

    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {"nav_items": nav, "nav_regency": user.regency, "scope": scope,
            "nav_unread": unread}
