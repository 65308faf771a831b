"""Form helpers: Bootstrap classes and accessible error markup on every widget, and select
boxes written without a template per option (`kembang.common.widgets.FastSelect`)."""

from django import forms

from kembang.common.widgets import fast


class StyledFormMixin:
    """Adds Bootstrap classes, `aria-invalid` and `aria-describedby` to every field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget = fast(field.widget)
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid"


def form_refusal(form) -> str:
    """An invalid form's errors as one line, for a flash message after a POST from a page
    that shows no form (a button with a reason): each error once, in field order."""
    seen = []
    for errors in form.errors.values():
        seen.extend(str(e) for e in errors if str(e) not in seen)
    return " ".join(seen)
