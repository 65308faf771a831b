"""Classical learning routes (jalur klasikal) and their JP conversion hints.

From regulations.md §2.2 (Perlan 10/2018 as transcribed by LAN/BPS material). HR enters
the JP of each activity from its certificate or schedule; these hints only prefill the
form. Per-day values are national/international JP per day; None means "as scheduled"
(1 JP = 45 minutes of the curriculum).
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Route:
    code: str
    name: str
    per_day_nasional: Decimal | None = None
    per_day_internasional: Decimal | None = None


CLASSICAL_ROUTES = (
    Route("KL01", "Pelatihan Struktural Kepemimpinan"),
    Route("KL02", "Pelatihan Manajerial"),
    Route("KL03", "Pelatihan Teknis"),
    Route("KL04", "Pelatihan Fungsional"),
    Route("KL05", "Pelatihan Sosial Kultural"),
    Route("KL06", "Seminar/Konferensi/Sarasehan", Decimal(4), Decimal(6)),
    Route("KL07", "Workshop/Lokakarya", Decimal(5), Decimal(7)),
    Route("KL08", "Kursus"),
    Route("KL09", "Penataran"),
    Route("KL10", "Bimbingan Teknis"),
    Route("KL11", "Sosialisasi", Decimal(4), Decimal(6)),
    Route("KL12", "Jalur klasikal lainnya"),
)
ROUTES_BY_CODE = {route.code: route for route in CLASSICAL_ROUTES}


def suggested_jp(code: str, *, days: int, international: bool) -> Decimal | None:
    """JP for a per-day route held `days` days; None for routes counted as scheduled."""
    route = ROUTES_BY_CODE.get(code)
    if route is None or route.per_day_nasional is None or days < 1:
        return None
    rate = route.per_day_internasional if international else route.per_day_nasional
    return rate * days
