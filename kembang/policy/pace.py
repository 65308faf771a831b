"""Behind pace toward the annual target (SPEC §10.11), for one number at a time."""

import calendar
from datetime import date
from decimal import Decimal


def is_behind_pace(official_jp: Decimal, target: Decimal, today: date) -> bool:
    """On `today` an employee is behind when official JP < target × (day of the year ÷
    days in the year), compared exactly (1 January is day 1)."""
    day_of_year = today.timetuple().tm_yday
    days_in_year = 366 if calendar.isleap(today.year) else 365
    return official_jp * days_in_year < target * day_of_year
