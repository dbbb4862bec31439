"""Command line: run the bot, import a roadmap, or try the bot in a terminal sandbox."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.domain.roadmap import Roadmap, RoadmapError, YearSpan
from bot.importer import ImportFormatError, ImportOptions, import_roadmap
from bot.logging_setup import setup_logging
from bot.services.ports import StorageUnavailable
from bot.settings import Settings, SettingsError, load_settings
from storage import DatabaseOpenError, MigrationError

EXIT_USAGE = 2


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: expected YYYY-MM-DD, e.g. 2021-03-21"
        ) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="The roadmap bot. Without a command, runs the bot."
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot with long polling (the default)")

    imp = commands.add_parser(
        "import-roadmap", help="read a roadmap from its DOCX or extracted-text form"
    )
    imp.add_argument("source", help="the .docx file, or the extracted .txt form")
    imp.add_argument(
        "-o",
        "--output",
        default="data/roadmap.json",
        help="where to write the JSON (default: %(default)s; - for stdout)",
    )
    imp.add_argument(
        "--timezone",
        action="append",
        default=[],
        metavar="PARTY=ZONE",
        help="time zone of a party, by id or name (e.g. tomsk=Asia/Tomsk); repeatable",
    )
    imp.add_argument(
        "--period",
        metavar="START-END",
        help="the roadmap's years, where the title does not name them",
    )
    imp.add_argument(
        "--load",
        action="store_true",
        help="load it into the bot's database (a new roadmap, or a corrected edition of one "
        "with the same parties and period) instead of writing the JSON",
    )
    imp.add_argument(
        "--db",
        metavar="PATH",
        help="with --load: the bot's database (default: DATABASE_PATH from .env or the "
        "environment); never created: it must exist",
    )

    remind = commands.add_parser(
        "remind", help="work out (and send) the reminders due on a date, as the scheduler does"
    )
    remind.add_argument(
        "--date", type=_day, help="the day to run for, YYYY-MM-DD (default: today in Moscow)"
    )
    remind.add_argument(
        "--db",
        metavar="PATH",
        help="the bot's database (default: DATABASE_PATH from .env or the environment); "
        "never created: it must exist",
    )
    remind.add_argument(
        "--force",
        action="store_true",
        help="send the reminders of a --date other than today (a catch-up after downtime)",
    )
    remind.add_argument(
        "--dry-run",
        action="store_true",
        help="print the messages as their recipients would read them, one per kind and "
        "language, and how many would get each; send nothing, record nothing",
    )

    report = commands.add_parser("report", help="write the yearly progress report to a file")
    report.add_argument("--year", type=int, help="a roadmap year (default: the latest)")
    report.add_argument(
        "--roadmap", type=int, help="the roadmap's number (needed where there are several)"
    )
    report.add_argument("--format", choices=("docx", "xlsx"), default="docx")
    report.add_argument("-o", "--output", help="file to write (default: report-YEAR.FORMAT)")

    sandbox = commands.add_parser(
        "sandbox", help="chat with the bot in this terminal, against a local Telegram emulator"
    )
    sandbox.add_argument(
        "--db",
        default="data/sandbox.sqlite3",
        help="the sandbox's own database (default: %(default)s)",
    )
    sandbox.add_argument(
        "--fresh", action="store_true", help="start from an empty sandbox database"
    )
    sandbox.add_argument(
        "--date",
        type=date.fromisoformat,
        help="the day the sandbox takes for today, YYYY-MM-DD (default: today, or today's "
        "day and month in the roadmap's last year when today is past it)",
    )
    for command in commands.choices.values():  # a mistyped option gets its command's usage
        command.set_defaults(parser=command)
    return parser


def _import_options(args: argparse.Namespace) -> ImportOptions:
    options = ImportOptions()
    for spec in args.timezone:
        party, sep, zone = spec.partition("=")
        if not sep or not party.strip() or not zone.strip():
            raise CliError(f"--timezone {spec!r}: expected PARTY=ZONE, e.g. tomsk=Asia/Tomsk")
        options.timezones[party.strip()] = zone.strip()
    if args.period:
        start, sep, end = args.period.partition("-")
        if not (sep and start.strip().isdigit() and end.strip().isdigit()):
            raise CliError(f"--period {args.period!r}: expected START-END, e.g. 2023-2025")
        options.period = YearSpan(int(start), int(end))
    return options


def _import(args: argparse.Namespace) -> int:
    roadmap = import_roadmap(args.source, _import_options(args))
    if args.load:
        return _load(args, roadmap)
    text = roadmap.to_json()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(
            f"{out}: {len(roadmap.sections)} sections, {len(roadmap.items)} activities, "
            f"{len(roadmap.departments)} departments, "
            f"{roadmap.years}"
        )
    return 0


def _load(args: argparse.Namespace, roadmap: Roadmap) -> int:
    from bot.cli.load_roadmap import existing_database, load_roadmap_file

    settings = _settings()
    if args.db is not None:
        settings = settings.model_copy(
            update={"database_path": Path(args.db), "database_url": None}
        )
    existing_database(settings)
    for line in asyncio.run(load_roadmap_file(settings, roadmap)):
        print(line)
    return 0


def _settings() -> Settings:
    settings = load_settings()
    secrets = [s.get_secret_value() for s in (settings.bot_token, settings.webhook_secret) if s]
    secrets += settings.url_passwords()
    setup_logging(settings.log_level, secrets=secrets)
    return settings


def _event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (Linux, macOS): the same asyncio API on libuv, with
    the loop's own overhead per update roughly halved; the standard loop elsewhere."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def _run(args: argparse.Namespace) -> int:
    settings = _settings()
    settings.token()  # fail early, with advice, when there is none
    # aiogram takes seconds to import: only the commands that talk to Telegram pay for it
    from aiogram.exceptions import TelegramUnauthorizedError

    from bot.telegram.redis_state import RedisUnavailable
    from bot.telegram.runner import run_bot

    try:
        with asyncio.Runner(loop_factory=_event_loop_factory()) as runner:
            runner.run(run_bot(settings))
    except RedisUnavailable as exc:  # one line naming Redis, without the password
        raise CliError(str(exc)) from None
    except TelegramUnauthorizedError:
        raise CliError(
            "Telegram rejected BOT_TOKEN (401 Unauthorized): copy the token again "
            "from @BotFather into .env"
        ) from None
    return 0


def _remind(args: argparse.Namespace) -> int:
    from bot.cli.remind import database_file, run_remind

    settings = _settings()
    if args.db is not None:
        settings = settings.model_copy(
            update={"database_path": Path(args.db), "database_url": None}
        )
    database_file(settings)  # a missing database is the first thing to say
    today = datetime.now(ZoneInfo("Europe/Moscow")).date()
    if not args.dry_run and args.date not in (None, today) and not args.force:
        raise CliError(
            f"--date {args.date} is not today: its reminders sent now would tell people "
            "about another day. Add --dry-run to see them, or --force to send them anyway"
        )
    token = None if args.dry_run else settings.token()
    for line in asyncio.run(run_remind(settings, token, args.date, dry_run=args.dry_run)):
        print(line)
    return 0


def _report(args: argparse.Namespace) -> int:
    from bot.cli.report import build_report

    settings = _settings()
    year, content, count = asyncio.run(build_report(settings, args.year, args.format, args.roadmap))
    path = Path(args.output or f"report-{year}.{args.format}")
    path.write_bytes(content)
    print(f"{path}: the {year} annual report, {count} status reports")
    return 0


def _sandbox(args: argparse.Namespace) -> int:
    from bot.sandbox.chat import run_sandbox

    settings = _settings()
    return asyncio.run(run_sandbox(settings, Path(args.db), fresh=args.fresh, today=args.date))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        getattr(args, "parser", parser).error(f"unrecognized arguments: {' '.join(unknown)}")
    handlers = {
        None: _run,
        "run": _run,
        "import-roadmap": _import,
        "sandbox": _sandbox,
        "remind": _remind,
        "report": _report,
    }
    try:
        return handlers[args.command](args)
    except (
        CliError,
        SettingsError,
        RoadmapError,
        ImportFormatError,
        MigrationError,
        DatabaseOpenError,
        StorageUnavailable,
        ValueError,
    ) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        logging.getLogger(__name__).info("interrupted")
        return 0
