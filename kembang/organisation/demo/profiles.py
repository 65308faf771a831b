"""The three demo regencies, one per built-in regulation profile."""

from dataclasses import dataclass

from kembang.organisation.demo.names import ACEHNESE, JAVANESE, MALAY, NameStyle


@dataclass(frozen=True)
class DemoRegency:
    profile_id: str  # also the regency's slug
    name: str
    kind: str  # Regency.Kind value
    province: str
    timezone: str  # Regency.TimeZone value
    districts: tuple[str, ...]  # kecamatan
    names: NameStyle
    # NIP serials of this demo regency are drawn from its own block of 001–999, so two
    # demo regencies in one deployment never produce the same NIP
    # (docs/accounts.md#one-nip-one-account).
    serial_block: int

    @property
    def serials(self) -> range:
        return range(self.serial_block * 333 + 1, self.serial_block * 333 + 334)


DEMO_REGENCIES = {
    "belitung-timur": DemoRegency(
        profile_id="belitung-timur", name="Belitung Timur", kind="kabupaten",
        province="Kepulauan Bangka Belitung", timezone="Asia/Jakarta",
        districts=("Manggar", "Gantung", "Kelapa Kampit", "Dendang", "Damar",
                   "Simpang Renggiang", "Simpang Pesak"),
        names=MALAY, serial_block=0,
    ),
    "langsa": DemoRegency(
        profile_id="langsa", name="Langsa", kind="kota", province="Aceh",
        timezone="Asia/Jakarta",
        districts=("Langsa Kota", "Langsa Barat", "Langsa Timur", "Langsa Lama", "Langsa Baro"),
        names=ACEHNESE, serial_block=1,
    ),
    "nganjuk": DemoRegency(
        profile_id="nganjuk", name="Nganjuk", kind="kabupaten", province="Jawa Timur",
        timezone="Asia/Jakarta",
        districts=("Nganjuk", "Kertosono", "Bagor", "Loceret", "Tanjunganom", "Berbek", "Pace",
                   "Prambon", "Rejoso", "Sukomoro", "Gondang", "Wilangan", "Baron", "Ngronggot",
                   "Patianrowo", "Lengkong", "Jatikalen", "Ngluyu", "Sawahan", "Ngetos"),
        names=JAVANESE, serial_block=2,
    ),
}
