"""Roadmaps for the benchmarks: Saint Petersburg with many regions, as its office has them.

Saint Petersburg's committees are executors in many roadmaps, each as often as the office's
practice has it (the Committee for External Relations in all of them, a few committees in
only a handful); each region's departments are its own. Department ids are made as the
importer makes them (party and a digest of the name), so a committee is one department in
every roadmap that names it.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from bot.domain.roadmap import Department, Item, Party, Roadmap, Section, YearSpan
from bot.importer.regions import REGIONS, Region

SPB = next(r for r in REGIONS if r.id == "spb")

# name, in how many of 50 roadmaps it is an executor
COMMITTEES: tuple[tuple[str, int], ...] = (
    ("Комитет по внешним связям Санкт-Петербурга", 50),
    ("Комитет по культуре Санкт-Петербурга", 45),
    ("Комитет по науке и высшей школе", 40),
    ("Комитет по образованию", 36),
    ("Комитет по промышленной политике, инновациям и торговле Санкт-Петербурга", 32),
    ("Комитет по развитию туризма Санкт-Петербурга", 28),
    ("Комитет по молодежной политике и взаимодействию с общественными организациями", 26),
    ("Комитет по физической культуре и спорту", 24),
    ("Комитет по здравоохранению", 22),
    ("Комитет по социальной политике Санкт-Петербурга", 20),
    ("Комитет по инвестициям Санкт-Петербурга", 18),
    ("Комитет по развитию предпринимательства и потребительского рынка Санкт-Петербурга", 16),
    (
        "Комитет по природопользованию, охране окружающей среды и обеспечению экологической "
        "безопасности",
        14,
    ),
    ("Комитет по транспорту", 12),
    ("Комитет по энергетике и инженерному обеспечению", 10),
    ("Комитет по информатизации и связи", 10),
    ("Комитет по труду и занятости населения Санкт-Петербурга", 9),
    ("Комитет по печати и взаимодействию со средствами массовой информации", 8),
    ("Комитет по территориальному развитию Санкт-Петербурга", 7),
    ("Комитет по делам записи актов гражданского состояния", 6),
)
TEN_ROADMAPS = "Комитет по энергетике и инженерному обеспечению"
IN_ALL = "Комитет по внешним связям Санкт-Петербурга"

_REGION_DEPARTMENTS = (
    "Департамент культуры {}",
    "Департамент общего образования {}",
    "Департамент по научно-технологическому развитию и высшему образованию {}",
    "Департамент промышленности и энергетики {}",
    "Департамент по молодежной политике, физической культуре и спорту {}",
    "Департамент здравоохранения {}",
    "Департамент природных ресурсов и охраны окружающей среды {}",
    "Департамент по туризму {}",
    "Департамент инвестиций {}",
    "Департамент социальной защиты населения {}",
    "Департамент транспорта, дорожной деятельности и связи {}",
    "Комитет по внешним связям Администрации {}",
    "Департамент развития предпринимательства и реального сектора экономики {}",
)

_SECTIONS = (
    "В сфере торгово-экономического сотрудничества, инвестиционной и предпринимательской "
    "деятельности",
    "Сотрудничество в области образования и науки",
    "Сотрудничество в области использования природных ресурсов и охраны окружающей среды",
    "Сотрудничество в области культуры и искусства",
    "Сотрудничество в области молодежной политики",
    "Сотрудничество в области туризма",
    "Сотрудничество в области здравоохранения",
    "Сотрудничество в области физической культуры и спорта",
    "Сотрудничество в области труда и социальной защиты населения",
)

_ACTIONS = (
    "Организация обмена опытом и проведение совместных совещаний по вопросам",
    "Участие делегаций в выставочно-ярмарочных и конгрессных мероприятиях в сфере",
    "Проведение совместных фестивалей, конкурсов и гастролей творческих коллективов в области",
    "Содействие установлению прямых связей между организациями и предприятиями в сфере",
    "Подготовка и реализация совместных образовательных и научных проектов по направлению",
    "Взаимное информирование о планируемых мероприятиях и лучших практиках в области",
)
_TOPICS = (
    "развития промышленной кооперации и импортозамещения",
    "цифровой трансформации государственного управления",
    "сохранения объектов культурного наследия",
    "подготовки кадров для высокотехнологичных отраслей экономики",
    "поддержки малого и среднего предпринимательства",
    "развития внутреннего и событийного туризма",
    "реализации государственной молодежной политики",
    "охраны окружающей среды и обращения с отходами",
    "профилактики заболеваний и развития телемедицины",
    "развития массового спорта и спорта высших достижений",
)
_TERMS = ("{0}-{1} гг.", "ежегодно", "{1} г.", "по отдельному плану", "IV квартал {0} г.")


def department_id(party: str, name: str) -> str:
    """As the importer makes it: the party and a digest of the name."""
    key = " ".join(name.split()).casefold().replace("ё", "е")
    return f"{party}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"


@dataclass(frozen=True, slots=True)
class Generated:
    roadmaps: list[Roadmap]
    committees: dict[str, int]  # SPb department id -> roadmaps it executes in


def generate(count: int = 50, activities: int = 1500, seed: int = 14) -> Generated:
    """`count` roadmaps of Saint Petersburg, each with a different region, `activities` in all
    (about the same in each); each runs three years, 2025 among them."""
    rng = random.Random(seed)
    regions = [r for r in REGIONS if r.id not in ("spb", "moscow", "sevastopol")]
    regions = rng.sample(regions, count)
    spb_party = Party(SPB.id, SPB.name, SPB.timezone)
    committees = [Department(department_id(SPB.id, n), SPB.id, n) for n, _ in COMMITTEES]
    # which roadmaps each committee executes in: its share of them, at least three each
    members: list[list[Department]] = [[] for _ in range(count)]
    for department, (_, share) in zip(committees, COMMITTEES, strict=True):
        for n in rng.sample(range(count), min(share, count)):
            members[n].append(department)
    sizes = _sizes(count, activities, rng)
    roadmaps = [
        _roadmap(spb_party, region, sorted(members[n], key=committees.index), sizes[n], rng)
        for n, region in enumerate(regions)
    ]
    shares = {d.id: min(share, count) for d, (_, share) in zip(committees, COMMITTEES, strict=True)}
    return Generated(roadmaps, shares)


def _sizes(count: int, total: int, rng: random.Random) -> list[int]:
    """About total/count each, summing to `total`."""
    base = total // count
    sizes = [base] * count
    for n in range(0, count - 1, 2):
        spread = rng.randint(0, base // 5)
        sizes[n] += spread
        sizes[n + 1] -= spread
    sizes[-1] += total - sum(sizes)
    return sizes


def _roadmap(
    spb: Party, region: Region, committees: list[Department], size: int, rng: random.Random
) -> Roadmap:
    start = rng.choice((2023, 2024, 2025))
    years = YearSpan(start, start + 2)
    party = Party(region.id, region.name, region.timezone)
    own = [
        Department(department_id(region.id, name), region.id, name)
        for name in (
            t.format(region.genitive) for t in rng.sample(_REGION_DEPARTMENTS, rng.randint(8, 12))
        )
    ]
    spheres = sorted(rng.sample(range(len(_SECTIONS)), rng.randint(5, 7)))
    sections = [Section(str(n + 1), _SECTIONS[s]) for n, s in enumerate(spheres)]
    # every committee of the roadmap executes something, and so does every region department
    spb_queue = _cycle(committees, size, rng)
    own_queue = _cycle(own, size, rng)
    items = []
    numbers: dict[str, int] = {}
    for n in range(size):
        section = sections[min(n * len(sections) // size, len(sections) - 1)].code
        numbers[section] = numbers.get(section, 0) + 1
        ours = [spb_queue[n]] + ([rng.choice(committees)] if rng.random() < 0.2 else [])
        theirs = [own_queue[n]] + ([rng.choice(own)] if rng.random() < 0.4 else [])
        title = (
            f"{rng.choice(_ACTIONS)} {rng.choice(_TOPICS)} с участием организаций "
            f"Санкт-Петербурга и {region.genitive}"
        )
        items.append(
            Item(
                f"{section}.{numbers[section]}",
                section,
                title,
                rng.choice(_TERMS).format(years.start, years.end),
                {spb.id: _unique(ours), party.id: _unique(theirs)},
            )
        )
    used = {dep for item in items for dep in item.departments()}
    roadmap = Roadmap(
        f"ПЛАН МЕРОПРИЯТИЙ «ДОРОЖНАЯ КАРТА» по развитию сотрудничества Санкт-Петербурга и "
        f"{region.genitive} на {years.start} – {years.end} годы",
        years,
        [spb, party],
        sections,
        [d for d in (*committees, *own) if d.id in used],
        items,
    )
    roadmap.validate()
    return roadmap


def _cycle(departments: list[Department], size: int, rng: random.Random) -> list[Department]:
    """`size` departments, each of `departments` at least once where size allows, shuffled."""
    picked = (departments * (size // len(departments) + 1))[:size]
    rng.shuffle(picked)
    return picked


def _unique(ids: list[Department]) -> list[str]:
    return list(dict.fromkeys(d.id for d in ids))
