from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from kembang.common.forms import StyledFormMixin
from kembang.common.nip import NipField
from kembang.organisation.models import Employee, OrgUnit, Position, Role
from kembang.organisation.selectors import unit_path_labels
from kembang.policy.ranks import PNS_RANKS, PPPK_RANKS, parse_rank


class _LabelledChoices(ModelChoiceIterator):
    """The choices of a picker whose labels are made for all its rows at once
    (`labels_for`), so the labels cost one query however many rows there are."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = list(self.field.rows(self.queryset))
        labels = self.field.labels_for(rows)
        for row in rows:
            yield (ModelChoiceIteratorValue(self.field.prepare_value(row), row), labels[row.pk])


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker naming each unit after its parents ("Dinas Pendidikan ›
    Sekretariat"), not six identical "Sekretariat"."""

    iterator = _LabelledChoices

    def rows(self, queryset):
        return queryset

    def labels_for(self, units) -> dict[int, str]:
        return unit_path_labels(units)


EMPLOYEE_LABEL_SEPARATOR = " — "


class EmployeeChoiceField(forms.ModelChoiceField):
    """A person picker labelled "Name — NIP — Unit" (the unit after its parents), so two
    people of one name are told apart."""

    iterator = _LabelledChoices

    def rows(self, queryset):
        return queryset.select_related("unit")

    def labels_for(self, employees) -> dict[int, str]:
        units = unit_path_labels({e.unit_id: e.unit for e in employees}.values())
        return {e.pk: EMPLOYEE_LABEL_SEPARATOR.join((e.full_name, e.nip_display, units[e.unit_id]))
                for e in employees}


class EmployeeFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=200)
    unit = UnitChoiceField(label=_("Unit kerja"), queryset=OrgUnit.objects.none(),
                           required=False, empty_label=_("Semua unit"))
    position = forms.ModelChoiceField(label=_("Jabatan"), queryset=Position.objects.none(),
                                      required=False, empty_label=_("Semua jabatan"))
    kind = forms.ChoiceField(label=_("Jenis pegawai"), required=False,
                             choices=[("", _("PNS dan PPPK"))] + list(Employee.Kind.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("aktif", _("Aktif")), ("nonaktif", _("Nonaktif")), ("semua", _("Semua"))])
    talent = forms.ChoiceField(label=_("Bertalenta"), required=False, choices=[
        ("", _("Semua")), ("ya", _("Ya")), ("tidak", _("Tidak"))])
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int,
                                  empty_value=None)
    jp_status = forms.ChoiceField(label=_("Capaian JP"), required=False)

    def __init__(self, *args, units, positions, years=(), **kwargs):
        from kembang.recap.labels import JpStatusLabel

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["position"].queryset = positions
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["jp_status"].choices = [("", _("Semua capaian")), *JpStatusLabel.choices]


class EmployeeForm(StyledFormMixin, forms.Form):
    """Create or edit one employee. Choices are limited to what the user administers."""

    nip = NipField(label=_("NIP"))
    title_prefix = forms.CharField(label=_("Gelar depan"), required=False, max_length=40)
    name = forms.CharField(label=_("Nama (tanpa gelar)"), max_length=160)
    title_suffix = forms.CharField(label=_("Gelar belakang"), required=False, max_length=80)
    kind = forms.ChoiceField(label=_("Jenis pegawai"), choices=Employee.Kind.choices)
    rank = forms.CharField(label=_("Pangkat/golongan"), required=False, max_length=40,
                           help_text=_("PNS mis. III/a; PPPK mis. IX."))
    unit = UnitChoiceField(label=_("Unit kerja"), queryset=OrgUnit.objects.none())
    position = forms.ModelChoiceField(label=_("Jabatan"), queryset=Position.objects.none(),
                                      required=False)
    supervisor_nip = NipField(label=_("NIP atasan langsung"), required=False)
    is_talent = forms.BooleanField(label=_("PNS bertalenta (manajemen talenta)"), required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Nomor HP"), required=False, max_length=30)

    def __init__(self, *args, units, positions, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["position"].queryset = positions
        if editing:
            self.fields["nip"].disabled = True

    def clean(self):
        data = super().clean()
        kind, raw_rank = data.get("kind"), (data.get("rank") or "").strip()
        if kind and raw_rank:
            rank = parse_rank(raw_rank, kind)
            if rank is None:
                valid = ", ".join(list(PNS_RANKS if kind == "pns" else PPPK_RANKS)[:4])
                self.add_error("rank", _("Pangkat/golongan %(rank)s tidak dikenal untuk "
                                         "%(kind)s (contoh: %(valid)s …).")
                               % {"rank": raw_rank, "kind": kind.upper(), "valid": valid})
            else:
                data["rank"] = rank.code
        nip = data.get("nip")
        if kind and nip and not self.fields["nip"].disabled:
            from kembang.policy.nip import parse_nip

            if parse_nip(nip).kind != kind:
                self.add_error("kind", _("NIP ini berformat %(nip_kind)s, bukan %(kind)s.")
                               % {"nip_kind": parse_nip(nip).kind.upper(), "kind": kind.upper()})
        return data


class UnitForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nama unit"), max_length=255)
    parent = UnitChoiceField(label=_("Unit induk"), queryset=OrgUnit.objects.none(),
                             required=False, empty_label=_("(Perangkat Daerah)"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units


class RoleAssignForm(StyledFormMixin, forms.Form):
    login = forms.CharField(label=_("NIP atau nama pengguna"), max_length=64)
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)
    unit = UnitChoiceField(label=_("Unit (beserta sub-unitnya)"),
                           queryset=OrgUnit.objects.none(), required=False,
                           help_text=_("Kosongkan untuk Admin BKPSDM."))
    valid_from = forms.DateField(label=_("Berlaku sejak"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("Berlaku sampai"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=_("Untuk Plt/Plh: isi tanggal akhir penugasan."))
    note = forms.CharField(label=_("Keterangan"), required=False, max_length=200)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), required=False, max_length=500)


class RegencyLogoForm(StyledFormMixin, forms.Form):
    """The regency's logo upload; what the image must be is checked by `logo_check`."""

    logo = forms.FileField(
        label=_("Logo pemerintah daerah"), max_length=255,
        widget=forms.FileInput(attrs={"accept": ".png,.jpg,.jpeg,image/png,image/jpeg"}),
        help_text=_("Gambar PNG atau JPEG, paling besar 1 MB, setiap sisi 32 sampai 2000 "
                    "piksel. Dicetak di kop setiap PDF, di samping nama pemerintah daerah."),
        error_messages={
            "required": _("Logo: pilih berkas gambar PNG atau JPEG."),
            "empty": _("Logo: berkasnya kosong. Pilih gambar PNG atau JPEG."),
            "invalid": _("Logo: berkas tidak terkirim dengan benar; coba unggah lagi."),
            "missing": _("Logo: berkas tidak terkirim dengan benar; coba unggah lagi."),
            "max_length": _("Logo: nama berkasnya terlalu panjang; ganti namanya lalu unggah "
                            "lagi."),
        })
