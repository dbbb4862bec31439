"""`python -m bot` with replies left out of the send budget, for bench/updates.py.

Since the one send budget (bot/telegram/retry.py ReplyBudget), every reply takes a slot of
SEND_RATE (at most 30 a second, as Telegram allows a bot): the bot answers at most that
many updates a second, whatever its storage, and the echo bot it is compared with is not
paced at all. To measure what the bot itself can handle (its CPU, its database), this runs
it with replies unpaced; `bench/updates.py --paced` runs `python -m bot` as deployed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli import main
from bot.telegram import retry


async def _unpaced(self: Any, make_request: Any, bot: Any, method: Any) -> Any:
    return await make_request(bot, method)


retry.ReplyBudget.__call__ = _unpaced  # type: ignore[method-assign]

if __name__ == "__main__":
    raise SystemExit(main())
