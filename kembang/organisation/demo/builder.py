"""The demo regency as plain data: units, positions, employees and the demo logins.

Pure Python, no database: the same (profile, size, seed) always gives the same plan, so
tests compare plans directly and the loader only writes them. References between records
are list indexes (an employee's `unit` is an index into `units`).

Shape of a plan (docs/conventions.md#scale; docs/nip.md for NIPs and ranks):
* about √N / 2.2 Perangkat Daerah (8 for 300 employees, ~45 for 10,000), the most
  common agencies first, kecamatan interleaved; each has a secretariat and 1–3 bidang,
  and the education and health offices have schools and health centres (UPT) that grow
  with their size;
* chains of supervisors inside each PD: head of PD → heads of sub-units → heads of
  sub-sections (secretariat only) → staff;
* ranks, ages and NIPs that agree: TMT CPNS follows from the years needed to reach the
  rank, the birth date from the usual age at entry;
* about 17 % PPPK (never in a structural position), about 10 % of PNS in the talent pool.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from kembang.organisation.demo import catalogue as cat
from kembang.organisation.demo.names import NameStyle
from kembang.organisation.demo.profiles import DEMO_REGENCIES, DemoRegency
from kembang.organisation.demo.titles import D3, S1, S2, S3, SMA, titles_for
from kembang.policy import positions as k
from kembang.policy.ranks import PNS_RANKS

MIN_EMPLOYEES = 20
# Ages, service years and appointment dates are computed against a fixed year, never the
# clock, so a plan is the same whenever it is built.
REFERENCE_YEAR = 2025

PNS = "pns"
PPPK = "pppk"

# Unit roles in a plan; the sub-unit roles come from the catalogue.
PD = "pd"


@dataclass(frozen=True)
class PlanUnit:
    name: str
    parent: int | None  # index into DemoPlan.units
    role: str  # PD, or a catalogue role: sekretariat, bidang, upt


@dataclass(frozen=True)
class PlanPosition:
    name: str
    kind: str


@dataclass
class PlanEmployee:
    nip: str
    name: str
    title_prefix: str
    title_suffix: str
    kind: str  # PNS | PPPK
    sex: str  # "1" male, "2" female
    rank: str
    position: str  # PlanPosition.name
    unit: int  # index into DemoPlan.units
    supervisor: int | None  # index into DemoPlan.employees
    is_talent: bool
    email: str
    phone: str
    valid_from: date  # TMT jabatan: start of the current unit and position
    level: int  # 0 head of PD, 1 head of sub-unit, 2 head of sub-section, 3 staff


@dataclass(frozen=True)
class PlanLogins:
    """Employees (indexes) who get a demo password, all in one PD (`unit`)."""

    unit: int
    hr_officer: int
    head: int
    supervisor: int
    employee: int


@dataclass(frozen=True)
class DemoPlan:
    regency: DemoRegency
    seed: int
    units: list[PlanUnit]
    positions: list[PlanPosition]
    employees: list[PlanEmployee]
    logins: PlanLogins

    @property
    def pd_count(self) -> int:
        return sum(1 for unit in self.units if unit.parent is None)


# --- distributions ---------------------------------------------------------------------------

_EDUCATION = {
    k.PIMPINAN_TINGGI: ((S2, 85), (S3, 15)),
    k.ADMINISTRATOR: ((S1, 25), (S2, 72), (S3, 3)),
    k.PENGAWAS: ((S1, 60), (S2, 40)),
    k.AHLI_UTAMA: ((S2, 60), (S3, 40)),
    k.AHLI_MADYA: ((S1, 40), (S2, 55), (S3, 5)),
    k.AHLI_MUDA: ((S1, 65), (S2, 35)),
    k.AHLI_PERTAMA: ((S1, 90), (S2, 10)),
    k.PENYELIA: ((D3, 70), (S1, 30)),
    k.MAHIR: ((D3, 80), (S1, 20)),
    k.TERAMPIL: ((D3, 90), (S1, 10)),
    k.PEMULA: ((SMA, 1),),
    k.PELAKSANA: ((SMA, 40), (D3, 20), (S1, 40)),
}

# Usual golongan of a PNS in each kind of position (regulations.md §4.3).
_PNS_RANK = {
    k.PIMPINAN_TINGGI: (("IV/b", 1), ("IV/c", 5), ("IV/d", 3)),
    k.ADMINISTRATOR: (("III/d", 2), ("IV/a", 4), ("IV/b", 4)),
    k.PENGAWAS: (("III/c", 3), ("III/d", 4), ("IV/a", 2)),
    k.AHLI_UTAMA: (("IV/d", 2), ("IV/e", 1)),
    k.AHLI_MADYA: (("IV/a", 4), ("IV/b", 3), ("IV/c", 2)),
    k.AHLI_MUDA: (("III/c", 5), ("III/d", 5)),
    k.AHLI_PERTAMA: (("III/a", 5), ("III/b", 5)),
    k.PENYELIA: (("III/c", 1), ("III/d", 1)),
    k.MAHIR: (("III/a", 1), ("III/b", 1)),
    k.TERAMPIL: (("II/b", 1), ("II/c", 4), ("II/d", 4)),
    k.PEMULA: (("II/a", 1),),
}
_PELAKSANA_RANK = {
    SMA: (("II/a", 3), ("II/b", 3), ("II/c", 2), ("II/d", 1)),
    D3: (("II/c", 3), ("II/d", 3), ("III/a", 1)),
    S1: (("III/a", 4), ("III/b", 3), ("III/c", 1)),
}
# Starting golongan and age of a new CPNS by education.
_ENTRY_RANK = {SMA: "II/a", D3: "II/c", S1: "III/a", S2: "III/b", S3: "III/b"}
_ENTRY_AGE = {SMA: (19, 25), D3: (21, 27), S1: (23, 30), S2: (25, 33), S3: (27, 35)}

# PPPK golongan (I–XVII) by position kind and education (regulations.md §4.4).
_PPPK_RANK = {
    k.AHLI_MADYA: "XII", k.AHLI_MUDA: "XI", k.AHLI_PERTAMA: "IX", k.PENYELIA: "IX",
    k.MAHIR: "VIII", k.TERAMPIL: "VII", k.PEMULA: "V",
}  # fmt: skip
_PPPK_PELAKSANA_RANK = {SMA: "V", D3: "VII", S1: "IX"}
# PPPK appointment years and their weights (the large waves came from 2021 on).
_PPPK_YEARS = ((2019, 1), (2021, 3), (2022, 3), (2023, 3), (2024, 4), (2025, 2))

# Teachers and health workers are where most PPPK were appointed.
_PPPK_HEAVY_FIELDS = frozenset({
    "guru", "perawat", "bidan", "farmasi", "laboratorium", "gizi", "sanitasi", "rekam_medis",
    "dokter", "dokter_gigi", "apoteker", "kesmas",
})  # fmt: skip
_FEMALE_SHARE = {"bidan": 1.0, "perawat": 0.7, "guru": 0.65, "gizi": 0.8, "farmasi": 0.7}

_PHONE_PREFIXES = ("0811", "0812", "0813", "0821", "0822", "0852", "0853", "0856", "0857",
                   "0858", "0877", "0878", "0819", "0895", "0896", "0881")


def _weighted(rng: Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def allocate(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` into whole shares proportional to `weights`, each at least `minimum`
    (largest remainder; ties go to the earlier share)."""
    if not weights:
        return []
    base = [minimum] * len(weights)
    rest = total - minimum * len(weights)
    if rest < 0:
        raise ValueError("total is smaller than the minimum shares")
    weight_sum = sum(weights) or 1
    exact = [rest * w / weight_sum for w in weights]
    shares = [int(x) for x in exact]
    left = rest - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += 1
    return [b + s for b, s in zip(base, shares, strict=True)]


def agencies_for(regency: DemoRegency) -> list[cat.Agency]:
    """The regency's Perangkat Daerah in the order a demo takes them: the seven core
    agencies, then three agencies and one kecamatan in turn."""
    agencies = list(cat.AGENCIES)
    districts = [cat.district(name) for name in regency.districts]
    ordered = agencies[:7]
    rest = agencies[7:]
    while rest or districts:
        if districts:
            ordered.append(districts.pop(0))
        ordered.extend(rest[:3])
        rest = rest[3:]
    return ordered


def pd_count(employees: int, available: int) -> int:
    """About √N / 2.2 Perangkat Daerah: 8 for 300 employees, 45 for 10,000."""
    return max(1, min(available, round(employees**0.5 / 2.2)))


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in numerals:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


# --- the builder -----------------------------------------------------------------------------


@dataclass
class _Slot:
    """A seat in the organisation, before a person is drawn for it."""

    unit: int
    job: cat.Job
    level: int
    supervisor: int | None


@dataclass
class _Builder:
    rng: Random
    regency: DemoRegency
    taken_nips: frozenset[str] | set[str]
    units: list[PlanUnit] = field(default_factory=list)
    slots: list[_Slot] = field(default_factory=list)
    upt_counter: Counter = field(default_factory=Counter)
    upt_seen: int = 0
    pd_sizes: dict[int, int] = field(default_factory=dict)

    # -- structure --

    def unit(self, name: str, parent: int | None, role: str) -> int:
        self.units.append(PlanUnit(name, parent, role))
        return len(self.units) - 1

    def slot(self, unit: int, job: cat.Job, level: int, supervisor: int | None) -> int:
        self.slots.append(_Slot(unit, job, level, supervisor))
        return len(self.slots) - 1

    def upt_name(self, family: str) -> str:
        districts = self.regency.districts
        n = self.upt_counter[family]
        self.upt_counter[family] += 1
        district = districts[n % len(districts)]
        round_ = n // len(districts)
        if family == cat.SCHOOLS:
            level = "SMP" if round_ % 4 == 3 else "SD"
            number = self.upt_counter[(level, district)] + 1
            self.upt_counter[(level, district)] += 1
            return f"UPTD {level} Negeri {number} {district}"
        suffix = f" {_roman(round_ + 1)}" if round_ else ""
        return f"UPT Puskesmas {district}{suffix}"

    def add_agency(self, agency: cat.Agency, size: int) -> None:
        rng = self.rng
        pd = self.unit(agency.name, None, PD)
        self.pd_sizes[pd] = size
        head = self.slot(pd, cat.Job(agency.head, agency.head_kind, field=agency.field,
                                     pppk=False), 0, None)
        offices = min(len(agency.units), 2 + (size >= 25) + (size >= 60))
        upts = 0
        if agency.upt and size >= 40:
            upts = max(1, round(size * cat.UPT_SHARE[agency.upt] / cat.UPT_SIZE[agency.upt]))
        while size - 1 - offices - upts < 0 and upts:
            upts -= 1
        while size - 1 - offices < 0 and offices > 1:
            offices -= 1
        chosen = [agency.units[0]]
        if offices > 1:
            picked = rng.sample(range(1, len(agency.units)), offices - 1)
            chosen += [agency.units[i] for i in sorted(picked)]
        staff = size - 1 - offices - upts

        weights = [1.3 if sub.role == cat.SECRETARIAT else 1.0 for sub in chosen]
        if upts:
            share = cat.UPT_SHARE[agency.upt]
            weights += [sum(weights) * share / (1 - share) / upts] * upts
        counts = allocate(staff, weights)

        for i, count in enumerate(counts):
            if i < len(chosen):
                sub = chosen[i]
                unit = self.unit(sub.name, pd, sub.role)
                head_job = cat.Job(sub.head, sub.head_kind, field=agency.field, pppk=False)
                if sub.role == cat.SECRETARIAT:
                    jobs = cat.SECRETARIAT_JOBS
                else:
                    jobs = tuple(cat.Job(j.name, j.kind, j.weight * 2, j.field, j.pppk)
                                 for j in agency.jobs) + cat.ADMIN_JOBS
            else:
                unit = self.unit(self.upt_name(agency.upt), pd, cat.UPT)
                name, kind, field_ = cat.UPT_HEADS[agency.upt]
                head_job = cat.Job(name, kind, field=field_, pppk=False)
                sub = None
                jobs = cat.UPT_JOBS[agency.upt]
            unit_head = self.slot(unit, head_job, 1, head)
            bosses = [unit_head]
            if sub is not None and sub.sections and count >= 6:
                sections = min(len(sub.sections), count // 6)
                bosses = [
                    self.slot(unit, cat.Job(name, k.PENGAWAS, field=agency.field, pppk=False),
                              2, unit_head)
                    for name in sub.sections[:sections]
                ]
                count -= sections
            weights_ = [j.weight for j in jobs]
            for n in range(count):
                if n == 0 and sub is not None and sub.role == cat.SECRETARIAT:
                    # Every PD has someone who keeps its personnel records: the natural
                    # pengelola SDM (docs/glossary.md#roles).
                    job = cat.HR_JOB
                else:
                    job = rng.choices(jobs, weights=weights_)[0]
                self.slot(unit, job, 3, bosses[n % len(bosses)])

    # -- people --

    def person(self, slot: _Slot, used_nips: set[str], emails: set[str]) -> PlanEmployee:
        rng = self.rng
        job = slot.job
        structural = job.kind in cat.STRUCTURAL_KINDS
        pppk_share = 0.28 if job.field in _PPPK_HEAVY_FIELDS else 0.10
        kind = PPPK if (job.pppk and not structural and rng.random() < pppk_share) else PNS
        female_share = 0.3 if structural else _FEMALE_SHARE.get(job.field, 0.45)
        female = rng.random() < female_share
        sex = "2" if female else "1"
        education = _weighted(rng, _EDUCATION[job.kind])

        if kind == PNS:
            if job.kind == k.PELAKSANA:
                rank = _weighted(rng, _PELAKSANA_RANK.get(education, _PELAKSANA_RANK[S1]))
            else:
                rank = _weighted(rng, _PNS_RANK[job.kind])
            steps = max(0, PNS_RANKS[rank].order - PNS_RANKS[_ENTRY_RANK[education]].order)
            entry_age = rng.randint(*_ENTRY_AGE[education])
            service = 4 * steps + rng.randint(1, 5)
            max_age = 59 if job.kind == k.PIMPINAN_TINGGI else 57
            service = max(1, min(service, max_age - entry_age))
            tmt_year = REFERENCE_YEAR - service
            tmt_month = rng.randint(1, 12)
            birth_year = tmt_year - entry_age
            birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
            middle = f"{tmt_year:04d}{tmt_month:02d}"
            start = max(tmt_year + 1, REFERENCE_YEAR - (5 if structural else 10))
            year = rng.randint(min(start, REFERENCE_YEAR), REFERENCE_YEAR)
        else:
            if job.kind == k.PELAKSANA:
                rank = _PPPK_PELAKSANA_RANK.get(education, "IX")
            else:
                rank = _PPPK_RANK[job.kind]
            year = _weighted(rng, _PPPK_YEARS)
            batch = _weighted(rng, ((1, 6), (2, 3), (3, 1)))
            birth_year = year - rng.randint(24, 50)
            birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
            middle = f"{year:04d}2{batch}"
        month = rng.randint(1, 6 if year == REFERENCE_YEAR else 12)
        valid_from = date(year, month, 1)

        nip = self.nip(f"{birth:%Y%m%d}{middle}{sex}", used_nips)
        name = self.name(self.regency.names, female)
        prefix, suffix = titles_for(rng, field=job.field, education=education,
                                    birth_year=birth.year, female=female)
        talent_share = (0.0 if slot.level == 0 else 0.22 if structural
                        else 0.12 if job.kind.startswith("ahli_")
                        else 0.07 if job.kind in {k.PENYELIA, k.MAHIR, k.TERAMPIL} else 0.04)
        is_talent = kind == PNS and rng.random() < talent_share
        email = self.email(name, birth.year, emails) if rng.random() < 0.5 else ""
        phone = ""
        if rng.random() < 0.85:
            digits = rng.randint(7, 8)
            phone = rng.choice(_PHONE_PREFIXES) + str(rng.randrange(10 ** (digits - 1), 10**digits))
        return PlanEmployee(
            nip=nip, name=name, title_prefix=prefix, title_suffix=suffix, kind=kind, sex=sex,
            rank=rank, position=job.name, unit=slot.unit, supervisor=slot.supervisor,
            is_talent=is_talent, email=email, phone=phone, valid_from=valid_from,
            level=slot.level,
        )

    def nip(self, head: str, used: set[str]) -> str:
        """`head` (15 digits: birth date, TMT or appointment, sex) plus a serial from the
        regency's block that no employee of the plan or the deployment has."""
        serials = self.regency.serials
        for _ in range(2000):
            nip = f"{head}{self.rng.choice(serials):03d}"
            if nip not in used and nip not in self.taken_nips:
                used.add(nip)
                return nip
        raise RuntimeError(f"No free NIP serial for {head}")  # 333 serials per prefix

    def name(self, style: NameStyle, female: bool) -> str:
        rng = self.rng
        first = style.female_first if female else style.male_first
        last = style.female_last if female else style.male_last
        roll = rng.random()
        if roll < 0.1:
            return rng.choice(style.female_single if female else style.male_single)
        words = [rng.choice(first)]
        if roll > 0.85:
            middle = [w for w in first if w not in _PREFIX_ONLY and w != words[0]]
            words.append(rng.choice(middle))
        words.append(rng.choice([w for w in last if w not in words]))
        return " ".join(words)

    def email(self, name: str, birth_year: int, used: set[str]) -> str:
        words = name.lower().replace("'", "").split()
        local = ".".join(words[:1] + words[-1:]) if len(words) > 1 else words[0]
        local = f"{local}{birth_year % 100:02d}"
        candidate, n = local, 1
        while candidate in used:
            n += 1
            candidate = f"{local}{n}"
        used.add(candidate)
        # A reserved top-level domain (RFC 2606): demo mail never reaches a real mailbox.
        return f"{candidate}@{self.regency.profile_id}.example"

    def people(self) -> list[PlanEmployee]:
        used: set[str] = set()
        emails: set[str] = set()
        return [self.person(slot, used, emails) for slot in self.slots]


# Words that only begin a name (inherited titles, "Muhammad"); never drawn as a middle name.
_PREFIX_ONLY = frozenset({"Teuku", "Cut", "Said", "Muhammad", "Nur", "Sri", "Siti"})


def _choose_logins(plan_units: list[PlanUnit], employees: list[PlanEmployee],
                   regency: DemoRegency, pd_sizes: dict[int, int]) -> PlanLogins:
    """One PD (Dinas Pendidikan when present, else the largest) and in it: its HR person,
    its head, the UPT (else bidang) head with the most staff, and a PNS under that head — in the
    talent pool for Belitung Timur, where only talents take part
    (docs/jp-rules.md#eligibility)."""
    pd = next((i for i, u in enumerate(plan_units)
               if u.parent is None and u.name == "Dinas Pendidikan"), None)
    if pd is None:
        pd = max(pd_sizes, key=lambda i: (pd_sizes[i], -i))
    in_pd = [i for i, e in enumerate(employees)
             if e.unit == pd or plan_units[e.unit].parent == pd]
    head = next(i for i in in_pd if employees[i].level == 0)
    hr = next((i for i in in_pd if employees[i].position == cat.HR_JOB.name), None)
    if hr is None:
        hr = next((i for i in in_pd if employees[i].level == 3 and employees[i].kind == PNS),
                  next(i for i in in_pd if employees[i].level == 1))
    subordinates = Counter(employees[i].supervisor for i in in_pd)
    heads = [i for i in in_pd if employees[i].level == 1 and i != hr]
    # A school or health-centre head (a team of a few dozen) shows supervision best.
    by_role = {role: [i for i in heads if plan_units[employees[i].unit].role == role
                      and subordinates[i] >= 2] for role in (cat.UPT, cat.OFFICE)}
    supervisor = max(by_role[cat.UPT] or by_role[cat.OFFICE] or heads or [head],
                     key=lambda i: (subordinates[i], -i))
    candidates = [i for i in in_pd if employees[i].supervisor == supervisor
                  and employees[i].kind == PNS and i != hr]
    if not candidates:
        candidates = [i for i in in_pd if employees[i].supervisor == supervisor and i != hr]
    talents = [i for i in candidates if employees[i].is_talent]
    employee = (talents or candidates)[0]
    if regency.profile_id == "belitung-timur" and employees[employee].kind == PNS:
        employees[employee].is_talent = True
    return PlanLogins(unit=pd, hr_officer=hr, head=head, supervisor=supervisor,
                      employee=employee)


def demo_plan(profile_id: str, employees: int, seed: int = 1,
              taken_nips: frozenset[str] | set[str] = frozenset()) -> DemoPlan:
    """The demo regency of `profile_id` with exactly `employees` employees.

    Deterministic in (profile_id, employees, seed): the random generator is seeded with
    the profile and the seed (so two demo regencies differ), and nothing reads the clock. `taken_nips` are NIPs
    already in the deployment; the plan avoids them (it changes only in that case).
    Raises ValueError for an unknown profile or fewer than MIN_EMPLOYEES employees.
    """
    if profile_id not in DEMO_REGENCIES:
        raise ValueError(f"Unknown demo profile: {profile_id}")
    if employees < MIN_EMPLOYEES:
        raise ValueError(f"A demo needs at least {MIN_EMPLOYEES} employees")
    regency = DEMO_REGENCIES[profile_id]
    rng = Random(f"kembang-demo:{profile_id}:{seed}")
    agencies = agencies_for(regency)
    chosen = agencies[: pd_count(employees, len(agencies))]
    sizes = allocate(employees, [a.weight for a in chosen], minimum=5)
    builder = _Builder(rng=rng, regency=regency, taken_nips=taken_nips)
    for agency, size in zip(chosen, sizes, strict=True):
        builder.add_agency(agency, size)
    people = builder.people()
    logins = _choose_logins(builder.units, people, regency, builder.pd_sizes)

    positions: dict[str, str] = {}
    for slot in builder.slots:
        positions.setdefault(slot.job.name, slot.job.kind)
    return DemoPlan(
        regency=regency, seed=seed, units=builder.units,
        positions=[PlanPosition(name, kind) for name, kind in positions.items()],
        employees=people, logins=logins,
    )
