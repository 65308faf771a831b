"""A program's target competencies — filled from a development plan's item
(docs/competency.md#programs-from-the-plan) — are shown on its page, for every activity."""

import pytest
from django.urls import reverse

from kembang.learning.tests.test_views import client_as, text_of
from kembang.learning.tests.test_workflow import start_coaching


@pytest.mark.django_db
def test_the_program_page_shows_its_target_competencies(people_for):
    p = people_for("belitung-timur")
    program = start_coaching(p)
    page = reverse("learning:program_detail", args=[program.pk])
    assert "Kompetensi sasaran" not in text_of(client_as(p.participant_user).get(page))
    program.target_competencies = "Kerjasama: level 3"
    program.save(update_fields=["target_competencies"])
    text = text_of(client_as(p.participant_user).get(page))
    assert "Kompetensi sasaran" in text and "Kerjasama: level 3" in text
