"""The importer: the signed document in both forms, other layouts, and unreadable input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.domain.roadmap import YearSpan, load_roadmap
from bot.importer import ImportFormatError, ImportOptions, import_roadmap
from tests.conftest import ROADMAP_JSON, ROOT, SOURCE_DIR
from tests.unit.docx_builder import Below, Span, write_docx

TEXT_SOURCE = SOURCE_DIR / "spb-tomsk-2020-2022.txt"
DOCX_SOURCE = SOURCE_DIR / "spb-tomsk-2020-2022.docx"


def names(roadmap, code: str, party: str) -> list[str]:
    item = roadmap.item(code)
    return [roadmap.department(dep).name for dep in item.executors[party]]


def test_text_and_docx_give_the_same_roadmap():
    assert import_roadmap(TEXT_SOURCE) == import_roadmap(DOCX_SOURCE)


def test_committed_json_is_what_the_importer_makes():
    assert ROADMAP_JSON.read_text(encoding="utf-8") == import_roadmap(DOCX_SOURCE).to_json()


def test_the_signed_roadmap_is_read_exactly():
    roadmap = import_roadmap(TEXT_SOURCE)
    assert roadmap.years == YearSpan(2020, 2022)
    assert roadmap.title.startswith("ПЛАН МЕРОПРИЯТИЙ «ДОРОЖНАЯ КАРТА» по развитию")
    assert [p.id for p in roadmap.parties] == ["spb", "tomsk"]
    assert [p.timezone for p in roadmap.parties] == ["Europe/Moscow", "Asia/Tomsk"]
    assert [s.code for s in roadmap.sections] == [str(n) for n in range(1, 10)]
    codes = [item.code for item in roadmap.items]
    assert len(codes) == 23 and codes[0] == "1.1" and codes[-1] == "9.3"
    assert len(roadmap.departments) == 27
    assert sum(d.party == "spb" for d in roadmap.departments) == 13
    assert len({d.name for d in roadmap.departments}) == 27
    assert {item.term for item in roadmap.items} == {"2020-2022 гг."}
    assert (
        roadmap.sections[8].title == "Сотрудничество в области труда и социальной защиты населения"
    )


def test_cells_continued_after_a_page_break_are_joined():
    roadmap = import_roadmap(TEXT_SOURCE)
    assert (
        names(roadmap, "1.1", "spb")[-1]
        == "Центр кластерного развития АО «Технопарк Санкт-Петербурга»"
    )
    assert names(roadmap, "1.1", "tomsk") == [
        "Департамент промышленности и энергетики Администрации Томской области",
        "Департамент по развитию инновационной и предпринимательской деятельности Томской области",
        "Департамент архитектуры и строительства Томской области",
        "Департамент транспорта, дорожной деятельности и связи Томской области",
        "Департамент ЖКХ и государственного жилищного надзора Томской области",
    ]
    assert names(roadmap, "1.3", "tomsk")[1] == (
        "Департамент по развитию инновационной и предпринимательской деятельности Томской области"
    )
    assert names(roadmap, "6.1", "tomsk") == [
        "Департамент экономики Администрации Томской области",
        "управление культуры администрации Города Томска",
    ]
    assert roadmap.item("6.1").title == (
        "Обмен информацией и развитие сотрудничества между Санкт-Петербургским государственным "
        "бюджетным учреждением «Городское туристско-информационное бюро» и информационными "
        "центрами Томской области"
    )


def test_the_same_department_gets_one_id_everywhere():
    roadmap = import_roadmap(DOCX_SOURCE)
    external = next(
        d for d in roadmap.departments if d.name == "Комитет по внешним связям Санкт-Петербурга"
    )
    using = [item.code for item in roadmap.items if external.id in item.executors["spb"]]
    assert using == ["1.2", "1.3", "7.2"]


def header(parties: list[str]) -> list[list[object]]:
    width = 3 + len(parties)
    return [
        [
            "№ п/п",
            "Наименование мероприятия",
            Span(len(parties), "Ответственные исполнители"),
            "Срок исполнения",
        ],
        [Below(), Below(), *[f"от {p}" for p in parties], Below()],
    ], width


def test_another_region_pair_with_deeper_numbering_and_other_terms(tmp_path: Path):
    rows, width = header(["Новосибирской области", "Республики Татарстан"])
    rows += [
        [Span(width, "1. Экономика")],
        ["1.1.", "Ярмарка", ["Министерство экономики;"], ["Минэкономразвития РТ"], "ежегодно"],
        ["1.1.1.", "Подготовка ярмарки", ["Министерство экономики"], [], "IV квартал 2023 г."],
        [Span(width, "2. Культура")],
        ["2.1", "Гастроли", [], ["Министерство культуры РТ"], "2024 г."],
    ]
    source = write_docx(tmp_path / "plan.docx", "План мероприятий на 2023 – 2025 годы", rows)
    roadmap = import_roadmap(source)
    assert [(p.id, p.name, p.timezone) for p in roadmap.parties] == [
        ("novosibirsk", "Новосибирская область", "Asia/Novosibirsk"),
        ("tatarstan", "Республика Татарстан", "Europe/Moscow"),
    ]
    assert roadmap.years == YearSpan(2023, 2025)
    assert [(i.code, i.section, i.term) for i in roadmap.items] == [
        ("1.1", "1", "ежегодно"),
        ("1.1.1", "1", "IV квартал 2023 г."),
        ("2.1", "2", "2024 г."),
    ]
    assert roadmap.item("2.1").executors["novosibirsk"] == []
    assert len(roadmap.departments) == 3


def test_period_comes_from_terms_when_the_title_has_none(tmp_path: Path):
    rows, width = header(["Томской области", "Омской области"])
    rows += [
        [Span(width, "1. Наука")],
        [
            "1.1",
            "Конференция",
            "Департамент науки",
            "Министерство образования",
            "IV квартал 2021 г.",
        ],
        ["1.2", "Школа", "Департамент науки", "Министерство образования", "2022 г."],
    ]
    roadmap = import_roadmap(write_docx(tmp_path / "p.docx", "План мероприятий", rows))
    assert roadmap.years == YearSpan(2021, 2022)


def test_a_single_year_in_the_title(tmp_path: Path):
    rows, width = header(["Томской области", "Омской области"])
    rows += [[Span(width, "1. Наука")], ["1.1", "Школа", "Деп. науки", "Минобр", "ежегодно"]]
    roadmap = import_roadmap(write_docx(tmp_path / "p.docx", "План на 2024 год", rows))
    assert roadmap.years == YearSpan(2024, 2024)


def test_one_row_header_and_text_form(tmp_path: Path):
    source = tmp_path / "plan.txt"
    source.write_text(
        "**План мероприятий на 2021 – 2023 годы**\n\n"
        "№\tМероприятие\tот Санкт-Петербурга\tот Ленинградской области\tСрок\n"
        "<b>1. Транспорт</b>\t\t\t\t\n"
        "1.1.\tДороги &amp; мосты\t<p>Комитет по транспорту;</p>\t"
        "<p>Комитет по дорожному</p>\t2021 г.\n"
        "\n"
        "\t\t\t<p>хозяйству Ленинградской области</p>\t\n",
        encoding="utf-8",
    )
    roadmap = import_roadmap(source)
    assert roadmap.item("1.1").title == "Дороги & мосты"
    assert names(roadmap, "1.1", "leningrad") == [
        "Комитет по дорожному хозяйству Ленинградской области"
    ]
    assert roadmap.party("leningrad").timezone == "Europe/Moscow"


def test_a_party_outside_the_table_needs_a_time_zone(tmp_path: Path):
    rows, width = header(["Томской области", "Республики Беларусь"])
    rows += [[Span(width, "1. Торговля")], ["1.1", "Выставка", "Деп.", "Минторг", "2021 г."]]
    source = write_docx(tmp_path / "p.docx", "План на 2021 год", rows)
    with pytest.raises(ImportFormatError, match=r"Республики Беларусь.*--timezone"):
        import_roadmap(source)
    roadmap = import_roadmap(
        source, ImportOptions(timezones={"respubliki-belarus": "Europe/Minsk"})
    )
    assert roadmap.parties[1].timezone == "Europe/Minsk"


def test_timezone_option_overrides_the_table(tmp_path: Path):
    roadmap = import_roadmap(DOCX_SOURCE, ImportOptions(timezones={"tomsk": "Asia/Novosibirsk"}))
    assert roadmap.party("tomsk").timezone == "Asia/Novosibirsk"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("x.1\tСтранная строка\tКомитет\tДепартамент\t2021 г.", r"line 5: cannot read «x\.1»"),
        ("1.1\tТолько два столбца", r"line 5: expected 5 cells, found 2"),
        (
            "2.1\tЧужой раздел\tКомитет\tДепартамент\t2021 г.",
            r"line 5: activity 2\.1 does not belong",
        ),
        ("1.1\tБез исполнителей\t\t\t2021 г.", r"line 5: activity 1\.1 names no executors"),
    ],
)
def test_malformed_rows_are_named(tmp_path: Path, line: str, message: str):
    source = tmp_path / "bad.txt"
    source.write_text(
        "План на 2021 год\n\n"
        "№\tНаименование\tот Санкт-Петербурга\tот Томской области\tСрок\n"
        "<b>1. Раздел</b>\t\t\t\t\n" + line + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFormatError, match=message):
        import_roadmap(source)


def test_a_file_without_a_roadmap_table(tmp_path: Path):
    source = tmp_path / "letter.txt"
    source.write_text("Уважаемые коллеги!\nПрошу рассмотреть.\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="no table header"):
        import_roadmap(source)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ImportFormatError, match="cannot read"):
        import_roadmap(broken)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_cli_reproduces_the_committed_json(tmp_path: Path):
    out = tmp_path / "x.json"
    result = run_cli("import-roadmap", str(DOCX_SOURCE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "23 activities, 27 departments" in result.stdout
    assert out.read_bytes() == ROADMAP_JSON.read_bytes()
    assert load_roadmap(out) == load_roadmap(ROADMAP_JSON)


def test_cli_unreadable_input_exits_2_with_one_line(tmp_path: Path):
    source = tmp_path / "bad.txt"
    source.write_text(
        "План на 2021 год\n\n№\tНаименование\tот Томской области\tСрок\n"
        "<b>1. Раздел</b>\t\t\t\nabc\tЧто-то\tДеп\t2021\n",
        encoding="utf-8",
    )
    result = run_cli("import-roadmap", str(source), "-o", str(tmp_path / "x.json"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "line 5" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_cli_writes_to_stdout():
    result = run_cli("import-roadmap", str(TEXT_SOURCE), "-o", "-")
    assert result.returncode == 0
    assert json.loads(result.stdout)["period"] == {"start": 2020, "end": 2022}
