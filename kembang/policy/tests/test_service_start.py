"""The earliest day a NIP shows its holder in service (docs/nip.md#appointment-date): no
clock, no database."""

from datetime import date

import pytest

from kembang.policy.nip import parse_nip, service_start


@pytest.mark.parametrize(("nip", "start"), [
    ("196805011992021001", date(1992, 2, 1)),  # PNS: the first of the TMT CPNS month
    ("19680501 199212 1 001", date(1992, 12, 1)),  # printed with spaces
    ("200012312024211001", date(2024, 1, 1)),  # PPPK: 1 January of the appointment year
    ("200012312019292001", date(2019, 1, 1)),
])
def test_service_start_is_the_tmt_month_or_the_appointment_year(nip, start):
    assert service_start(nip) == start
    assert parse_nip(nip).service_start == start


@pytest.mark.parametrize("nip", ["", "1234", "196805011992131001", "196805010000021001",
                                 "200012310000211001"])
def test_service_start_is_none_when_the_nip_says_nothing_usable(nip):
    """An invalid NIP, or the year 0000, must not block a session."""
    assert service_start(nip) is None
