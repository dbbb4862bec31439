"""Benchmark: the yearly report for a busy year, as DOCX and as XLSX.

    python bench/report.py [--updates 10000]

Prints the time to load the year's updates and to build each file. Target: under 2 s
per format for 10,000 updates.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.documents.annual_report import render_docx, render_xlsx  # noqa: E402
from bot.domain.roadmap import load_roadmap  # noqa: E402
from bot.domain.statuses import Status  # noqa: E402
from bot.services.annual_report import AnnualReportService  # noqa: E402
from storage import Repository, open_database  # noqa: E402


async def main(count: int) -> int:
    roadmap = load_roadmap(ROOT / "data" / "roadmap.json")
    random.seed(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = await open_database(Path(tmp) / "bench.sqlite3")
        repo = Repository(db)
        await repo.sync_roadmap(roadmap)
        departments = [d.id for d in roadmap.departments]
        await repo.seed_coordinators(
            [(1000 + n, f"Координатор {n}", "ru", dep) for n, dep in enumerate(departments)]
        )
        start = datetime(2021, 1, 1, 9, tzinfo=UTC)
        rows = []
        for _ in range(count):
            item = random.choice(roadmap.items)
            dep = random.choice(item.departments())
            comment = "Проведено совещание, подготовлены материалы; " * random.randint(0, 4)
            moment = start + timedelta(minutes=random.randint(0, 360 * 24 * 60))
            rows.append(
                (
                    item.code,
                    dep,
                    1000 + departments.index(dep),
                    random.choice(list(Status)).value,
                    comment.strip(),
                    moment.isoformat(timespec="seconds"),
                )
            )
        await repo.seed_reports(rows)
        began = time.perf_counter()
        report = await AnnualReportService(roadmap, repo, repo, repo.clock).load(2021)
        loaded = time.perf_counter() - began
        await db.close()
    began = time.perf_counter()
    docx = render_docx(report)
    docx_time = time.perf_counter() - began
    began = time.perf_counter()
    xlsx = render_xlsx(report)
    xlsx_time = time.perf_counter() - began
    print(f"reports in the year:  {len(report.reports)}")
    print(f"load from SQLite:     {loaded:.2f} s")
    print(f"DOCX build:           {docx_time:.2f} s ({len(docx) / 1e6:.1f} MB)   (target < 2 s)")
    print(f"XLSX build:           {xlsx_time:.2f} s ({len(xlsx) / 1e6:.1f} MB)   (target < 2 s)")
    ok = docx_time < 2 and xlsx_time < 2
    print("result:               " + ("all targets met" if ok else "TARGETS MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=10_000)
    sys.exit(asyncio.run(main(parser.parse_args().updates)))
