"""Russia's federal subjects with their genitive forms and IANA time zones.

The importer reads party names from column headers such as "от Томской области"; this
table turns that genitive form into a party id, a nominative name and a time zone. Where a
subject spans several zones, the zone of its administrative centre is given.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    genitive: str
    timezone: str


_MSK = "Europe/Moscow"

# id, nominative, genitive, time zone
_TABLE: tuple[tuple[str, str, str, str], ...] = (
    ("moscow", "Москва", "Москвы", _MSK),
    ("spb", "Санкт-Петербург", "Санкт-Петербурга", _MSK),
    ("sevastopol", "Севастополь", "Севастополя", "Europe/Simferopol"),
    ("adygea", "Республика Адыгея", "Республики Адыгея", _MSK),
    ("altai-rep", "Республика Алтай", "Республики Алтай", "Asia/Barnaul"),
    ("bashkortostan", "Республика Башкортостан", "Республики Башкортостан", "Asia/Yekaterinburg"),
    ("buryatia", "Республика Бурятия", "Республики Бурятия", "Asia/Irkutsk"),
    ("dagestan", "Республика Дагестан", "Республики Дагестан", _MSK),
    ("ingushetia", "Республика Ингушетия", "Республики Ингушетия", _MSK),
    ("kbr", "Кабардино-Балкарская Республика", "Кабардино-Балкарской Республики", _MSK),
    ("kalmykia", "Республика Калмыкия", "Республики Калмыкия", _MSK),
    ("kchr", "Карачаево-Черкесская Республика", "Карачаево-Черкесской Республики", _MSK),
    ("karelia", "Республика Карелия", "Республики Карелия", _MSK),
    ("komi", "Республика Коми", "Республики Коми", _MSK),
    ("crimea", "Республика Крым", "Республики Крым", "Europe/Simferopol"),
    ("mari-el", "Республика Марий Эл", "Республики Марий Эл", _MSK),
    ("mordovia", "Республика Мордовия", "Республики Мордовия", _MSK),
    ("yakutia", "Республика Саха (Якутия)", "Республики Саха (Якутия)", "Asia/Yakutsk"),
    (
        "north-ossetia",
        "Республика Северная Осетия — Алания",
        "Республики Северная Осетия — Алания",
        _MSK,
    ),
    ("tatarstan", "Республика Татарстан", "Республики Татарстан", _MSK),
    ("tyva", "Республика Тыва", "Республики Тыва", "Asia/Krasnoyarsk"),
    ("udmurtia", "Удмуртская Республика", "Удмуртской Республики", "Europe/Samara"),
    ("khakassia", "Республика Хакасия", "Республики Хакасия", "Asia/Krasnoyarsk"),
    ("chechnya", "Чеченская Республика", "Чеченской Республики", _MSK),
    ("chuvashia", "Чувашская Республика", "Чувашской Республики", _MSK),
    ("altai-krai", "Алтайский край", "Алтайского края", "Asia/Barnaul"),
    ("zabaykalsky", "Забайкальский край", "Забайкальского края", "Asia/Chita"),
    ("kamchatka", "Камчатский край", "Камчатского края", "Asia/Kamchatka"),
    ("krasnodar", "Краснодарский край", "Краснодарского края", _MSK),
    ("krasnoyarsk", "Красноярский край", "Красноярского края", "Asia/Krasnoyarsk"),
    ("perm", "Пермский край", "Пермского края", "Asia/Yekaterinburg"),
    ("primorsky", "Приморский край", "Приморского края", "Asia/Vladivostok"),
    ("stavropol", "Ставропольский край", "Ставропольского края", _MSK),
    ("khabarovsk", "Хабаровский край", "Хабаровского края", "Asia/Vladivostok"),
    ("amur", "Амурская область", "Амурской области", "Asia/Yakutsk"),
    ("arkhangelsk", "Архангельская область", "Архангельской области", _MSK),
    ("astrakhan", "Астраханская область", "Астраханской области", "Europe/Astrakhan"),
    ("belgorod", "Белгородская область", "Белгородской области", _MSK),
    ("bryansk", "Брянская область", "Брянской области", _MSK),
    ("vladimir", "Владимирская область", "Владимирской области", _MSK),
    ("volgograd", "Волгоградская область", "Волгоградской области", "Europe/Volgograd"),
    ("vologda", "Вологодская область", "Вологодской области", _MSK),
    ("voronezh", "Воронежская область", "Воронежской области", _MSK),
    ("ivanovo", "Ивановская область", "Ивановской области", _MSK),
    ("irkutsk", "Иркутская область", "Иркутской области", "Asia/Irkutsk"),
    ("kaliningrad", "Калининградская область", "Калининградской области", "Europe/Kaliningrad"),
    ("kaluga", "Калужская область", "Калужской области", _MSK),
    (
        "kemerovo",
        "Кемеровская область — Кузбасс",
        "Кемеровской области — Кузбасса",
        "Asia/Novokuznetsk",
    ),
    ("kirov", "Кировская область", "Кировской области", "Europe/Kirov"),
    ("kostroma", "Костромская область", "Костромской области", _MSK),
    ("kurgan", "Курганская область", "Курганской области", "Asia/Yekaterinburg"),
    ("kursk", "Курская область", "Курской области", _MSK),
    ("leningrad", "Ленинградская область", "Ленинградской области", _MSK),
    ("lipetsk", "Липецкая область", "Липецкой области", _MSK),
    ("magadan", "Магаданская область", "Магаданской области", "Asia/Magadan"),
    ("moscow-oblast", "Московская область", "Московской области", _MSK),
    ("murmansk", "Мурманская область", "Мурманской области", _MSK),
    ("nizhny-novgorod", "Нижегородская область", "Нижегородской области", _MSK),
    ("novgorod", "Новгородская область", "Новгородской области", _MSK),
    ("novosibirsk", "Новосибирская область", "Новосибирской области", "Asia/Novosibirsk"),
    ("omsk", "Омская область", "Омской области", "Asia/Omsk"),
    ("orenburg", "Оренбургская область", "Оренбургской области", "Asia/Yekaterinburg"),
    ("oryol", "Орловская область", "Орловской области", _MSK),
    ("penza", "Пензенская область", "Пензенской области", _MSK),
    ("pskov", "Псковская область", "Псковской области", _MSK),
    ("rostov", "Ростовская область", "Ростовской области", _MSK),
    ("ryazan", "Рязанская область", "Рязанской области", _MSK),
    ("samara", "Самарская область", "Самарской области", "Europe/Samara"),
    ("saratov", "Саратовская область", "Саратовской области", "Europe/Saratov"),
    ("sakhalin", "Сахалинская область", "Сахалинской области", "Asia/Sakhalin"),
    ("sverdlovsk", "Свердловская область", "Свердловской области", "Asia/Yekaterinburg"),
    ("smolensk", "Смоленская область", "Смоленской области", _MSK),
    ("tambov", "Тамбовская область", "Тамбовской области", _MSK),
    ("tver", "Тверская область", "Тверской области", _MSK),
    ("tomsk", "Томская область", "Томской области", "Asia/Tomsk"),
    ("tula", "Тульская область", "Тульской области", _MSK),
    ("tyumen", "Тюменская область", "Тюменской области", "Asia/Yekaterinburg"),
    ("ulyanovsk", "Ульяновская область", "Ульяновской области", "Europe/Ulyanovsk"),
    ("chelyabinsk", "Челябинская область", "Челябинской области", "Asia/Yekaterinburg"),
    ("yaroslavl", "Ярославская область", "Ярославской области", _MSK),
    (
        "jewish-ao",
        "Еврейская автономная область",
        "Еврейской автономной области",
        "Asia/Vladivostok",
    ),
    ("nenets", "Ненецкий автономный округ", "Ненецкого автономного округа", _MSK),
    (
        "khmao",
        "Ханты-Мансийский автономный округ — Югра",
        "Ханты-Мансийского автономного округа — Югры",
        "Asia/Yekaterinburg",
    ),
    ("chukotka", "Чукотский автономный округ", "Чукотского автономного округа", "Asia/Anadyr"),
    (
        "yamal",
        "Ямало-Ненецкий автономный округ",
        "Ямало-Ненецкого автономного округа",
        "Asia/Yekaterinburg",
    ),
)

REGIONS: tuple[Region, ...] = tuple(Region(*row) for row in _TABLE)


def _key(text: str) -> str:
    """Compare names loosely: case, ё/е, dashes and spacing vary between documents."""
    text = text.casefold().replace("ё", "е")
    for dash in ("—", "–", "-"):
        text = text.replace(dash, " ")
    return " ".join(text.replace("(", " ").replace(")", " ").split())


_BY_NAME: dict[str, Region] = {}
for _region in REGIONS:
    for _form in (_region.name, _region.genitive):
        _BY_NAME[_key(_form)] = _region
        # "Кемеровской области — Кузбасса" is often written without its second name.
        _BY_NAME.setdefault(_key(_form.split(" — ")[0]), _region)


def find_region(name: str) -> Region | None:
    """The region named `name` (nominative or genitive), or None."""
    return _BY_NAME.get(_key(name))
