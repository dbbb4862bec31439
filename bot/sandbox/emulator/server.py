"""The emulator's state and its Bot API over HTTP (aiohttp), plus a small control API."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.sandbox.emulator.html import EntityParseError, parse_html, utf16_len
from bot.telegram.limits import MAX_CALLBACK_DATA, MAX_CAPTION, MAX_TEXT

DEFAULT_TOKEN = "123456789:EMULATOR-local-sandbox-token"
_JSON_FIELDS = {
    "reply_markup",
    "allowed_updates",
    "commands",
    "scope",
    "entities",
    "link_preview_options",
    "reply_parameters",
    "caption_entities",
}
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and "
    "reply markup are exactly the same as a current content and reply markup "
    "of the message"
)


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass(slots=True)
class Fault:
    """An error the emulator answers instead of doing the work, `times` times."""

    code: int
    method: str | None = None
    chat_id: int | None = None
    retry_after: int = 1
    times: int = 1
    description: str | None = None
    delay: float = 0.0  # seconds to stall before answering ("Telegram is slow")

    def matches(self, method: str, chat_id: int | None) -> bool:
        return (self.method in (None, method)) and (self.chat_id in (None, chat_id))


@dataclass(slots=True)
class RateLimit:
    """Telegram-like flood limits: answered with 429 when a bot sends faster."""

    per_second: int = 30
    per_chat_interval: float = 1.0
    retry_after: int = 1
    _recent: deque = field(default_factory=deque)
    _last_by_chat: dict = field(default_factory=dict)
    provoked: int = 0
    peak: int = 0  # the most messages sent within any one second

    def check(self, chat_id: int | None, now: float) -> None:
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        last = self._last_by_chat.get(chat_id)
        if len(self._recent) >= self.per_second or (
            last is not None and now - last < self.per_chat_interval
        ):
            self.provoked += 1
            raise ApiError(
                429, f"Too Many Requests: retry after {self.retry_after}", self.retry_after
            )
        self._recent.append(now)
        self.peak = max(self.peak, len(self._recent))
        self._last_by_chat[chat_id] = now


@dataclass(slots=True)
class SentMessage:
    chat_id: int
    message_id: int
    kind: str  # text, document, photo
    html: str
    text: str  # as the user sees it, tags removed
    entities: list
    reply_markup: dict | None
    date: int
    file_name: str | None = None
    content: bytes | None = None  # an uploaded file, as the bot sent it
    edits: int = 0
    deleted: bool = False

    def buttons(self) -> list[dict]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def button(self, label: str) -> dict:
        """The inline button whose text is `label`, or else the first that contains it."""
        buttons = self.buttons()
        for button in [b for b in buttons if b["text"] == label] + buttons:
            if label in button["text"]:
                return button
        raise KeyError(
            f"no button {label!r} in message {self.message_id}: "
            f"{[b['text'] for b in self.buttons()]}"
        )


@dataclass(slots=True)
class Request:
    method: str
    params: dict[str, Any]
    error: ApiError | None = None


@dataclass(slots=True)
class CallbackRecord:
    user_id: int
    data: str
    answered: bool = False
    text: str | None = None
    show_alert: bool = False


class TelegramEmulator:
    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "roadmap_sandbox_bot",
        rate_limit: RateLimit | None = None,
    ):
        self.token = token
        self.bot_id = int(token.split(":")[0])
        self.bot_username = bot_username
        self.pending: list[dict] = []
        self.history: dict[int, dict] = {}
        self.confirmed_offset = 0
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = defaultdict(lambda: itertools.count(1))
        self._file_ids = itertools.count(1)
        self.files: dict[str, bytes] = {}  # what users uploaded, for getFile and download
        self._arrived = asyncio.Event()
        self._confirmed = asyncio.Condition()
        self.users: dict[int, dict] = {}
        self.messages: dict[tuple[int, int], SentMessage] = {}
        self.user_messages: dict[tuple[int, int], dict] = {}
        self.callbacks: dict[str, CallbackRecord] = {}
        self.commands: dict[tuple[str, str], list[dict]] = {}
        self.blocked: set[int] = set()
        self.flooded: dict[int, float] = {}  # chat -> time.monotonic() its flood wait ends
        # updates the bot says it has handled; None: the bot does not say (a separate
        # process), and an update counts as handled once it is confirmed
        self.handled: set[int] | None = None
        self.aged: set[tuple[int, int]] = set()
        self.webhook: dict[str, Any] | None = None  # (chat, message) older than 48 hours
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self.listeners: list[Callable[[str, Any], None]] = []
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.rate_limit = rate_limit
        self.port = 0

    # --- lifecycle ----------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_post("/_emulator/message", self._control_message)
        app.router.add_post("/_emulator/click", self._control_click)
        app.router.add_post("/_emulator/fault", self._control_fault)
        app.router.add_get("/_emulator/sent", self._control_sent)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        # a stalled answer (a fault's delay) is cut short at stop, not waited out for 60 s
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self.api_base

    async def stop(self) -> None:
        self._closing = True
        self._arrived.set()  # release long polls, or shutdown would wait them out
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- what users do ------------------------------------------------------------------

    def add_user(
        self,
        user_id: int,
        first_name: str = "Test",
        language_code: str | None = "ru",
        username: str | None = None,
        last_name: str | None = None,
    ) -> dict:
        user = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self.users[user_id] = user
        return user

    def _user(self, user_id: int) -> dict:
        return self.users.get(user_id) or self.add_user(user_id)

    def _chat(self, user_id: int) -> dict:
        user = self._user(user_id)
        return {"id": user_id, "type": "private", "first_name": user["first_name"]}

    def push_update(self, update: dict) -> int:
        update_id = next(self._update_ids)
        self.history[update_id] = {"update_id": update_id, **update}
        self.pending.append(self.history[update_id])
        self._arrived.set()
        return update_id

    def age(self, message: SentMessage) -> None:
        """Make a message older than 48 hours: its buttons come with an InaccessibleMessage."""
        self.aged.add((message.chat_id, message.message_id))

    def redeliver(self, update_id: int) -> None:
        """Send an update again, as Telegram does when the bot died before confirming it."""
        self.pending.append(self.history[update_id])
        self._arrived.set()

    def _user_message(self, user_id: int, content: dict) -> dict:
        message = {
            "message_id": next(self._message_ids[user_id]),
            "date": int(time.time()),
            "chat": self._chat(user_id),
            "from": self._user(user_id),
            **content,
        }
        self.user_messages[(user_id, message["message_id"])] = message
        return message

    def send_text(self, user_id: int, text: str) -> int:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        return self.push_update({"message": self._user_message(user_id, content)})

    def edit_text(self, user_id: int, message_id: int, text: str) -> int:
        """The user edits a message they sent earlier."""
        original = self.user_messages.get((user_id, message_id))
        if original is None:
            raise KeyError(f"user {user_id} sent no message {message_id}")
        edited = {**original, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        return self.push_update({"edited_message": edited})

    def send_content(self, user_id: int, kind: str, caption: str | None = None) -> int:
        """A sticker, photo, document or voice message from the user."""
        file = {"file_id": f"user-file-{next(self._file_ids)}", "file_unique_id": "u"}
        contents: dict[str, dict[str, Any]] = {
            "sticker": {
                "sticker": {
                    **file,
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                }
            },
            "photo": {"photo": [{**file, "width": 800, "height": 600}]},
            "document": {
                "document": {
                    **file,
                    "file_name": "report.pdf",
                    "mime_type": "application/pdf",
                    "file_size": 1024,
                }
            },
            "voice": {"voice": {**file, "duration": 3}},
        }
        content: dict[str, Any] = dict(contents[kind])
        if caption is not None and kind in ("photo", "document"):
            content["caption"] = caption
        return self.push_update({"message": self._user_message(user_id, content)})

    def send_document(
        self, user_id: int, file_name: str, content: bytes, caption: str | None = None
    ) -> int:
        """A document with real content, which the bot can download (getFile)."""
        file_id = f"user-doc-{next(self._file_ids)}"
        self.files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": file_name,
            "mime_type": "application/octet-stream",
            "file_size": len(content),
        }
        message: dict[str, Any] = {"document": document}
        if caption is not None:
            message["caption"] = caption
        return self.push_update({"message": self._user_message(user_id, message)})

    def click(self, user_id: int, message_id: int, data: str) -> int:
        """The user taps an inline button (or a crafted callback with any data)."""
        message = self.messages.get((user_id, message_id))
        query_id = str(next(self._callback_ids))
        self.callbacks[query_id] = CallbackRecord(user_id=user_id, data=data)
        query: dict[str, Any] = {
            "id": query_id,
            "from": self._user(user_id),
            "chat_instance": str(user_id),
            "data": data,
        }
        if message is not None and (user_id, message_id) in self.aged:
            # Telegram no longer shows the bot a message older than 48 hours
            query["message"] = {"chat": self._chat(user_id), "message_id": message_id, "date": 0}
        elif message is not None:
            query["message"] = self._message_object(message)
        return self.push_update({"callback_query": query})

    async def wait_handled(self, update_id: int, seconds: float = 10.0) -> None:
        """Until the bot has confirmed (polled past) the update, and handled it if it says.

        A bot may confirm an update it is still handling (the poller keeps a slow chat's
        updates in its inbox and moves on): a bot in this process reports what it finished
        through note_handled()."""

        def handled() -> bool:
            confirmed = self.confirmed_offset > update_id
            return confirmed and (self.handled is None or update_id in self.handled)

        async with self._confirmed:
            await asyncio.wait_for(self._confirmed.wait_for(handled), seconds)

    def track_handled(self) -> Callable[[int], None]:
        """Start counting updates as handled only when the bot says so; the callback to say it."""
        self.handled = set()

        def note(update_id: int) -> None:
            assert self.handled is not None
            self.handled.add(update_id)
            asyncio.get_running_loop().create_task(self._notify_confirmed())

        return note

    async def _notify_confirmed(self) -> None:
        async with self._confirmed:
            self._confirmed.notify_all()

    def forget(self) -> None:
        """Drop what the emulator has kept of past traffic (for long benchmark runs)."""
        self.history.clear()
        self.messages.clear()
        self.user_messages.clear()
        self.callbacks.clear()
        self.requests.clear()
        if self.handled is not None:
            self.handled.clear()

    def flood(self, chat_id: int, seconds: float) -> None:
        """Telegram flood-waits the bot for this chat: every message to it gets 429 for a while."""
        self.flooded[chat_id] = time.monotonic() + seconds

    # --- what the bot sent --------------------------------------------------------------

    def sent_to(self, chat_id: int) -> list[SentMessage]:
        return [m for (chat, _), m in sorted(self.messages.items()) if chat == chat_id]

    def last_to(self, chat_id: int) -> SentMessage:
        sent = self.sent_to(chat_id)
        if not sent:
            raise AssertionError(f"the bot sent nothing to {chat_id}")
        return sent[-1]

    def errors(self) -> list[Request]:
        """Requests the emulator rejected for the bot's own fault (not injected faults)."""
        return [r for r in self.requests if r.error is not None and r.error.code == 400]

    def fail(self, code: int, **kwargs: Any) -> Fault:
        fault = Fault(code=code, **kwargs)
        self.faults.append(fault)
        return fault

    # --- Bot API ------------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _error_response(ApiError(401, "Unauthorized"))
        params = await _read_params(request)
        record = Request(method=method, params=params)
        self.requests.append(record)
        try:
            await self._inject_fault(method, params)
            handler = getattr(self, f"api_{method.lower()}", None)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = await handler(params)
        except ApiError as exc:
            record.error = exc
            return _error_response(exc)
        return web.json_response({"ok": True, "result": result})

    async def _inject_fault(self, method: str, params: dict[str, Any]) -> None:
        chat_id = _int_or_none(params.get("chat_id"))
        for fault in self.faults:
            if fault.times > 0 and fault.matches(method, chat_id):
                fault.times -= 1
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                descriptions = {
                    429: f"Too Many Requests: retry after {fault.retry_after}",
                    403: "Forbidden: bot was blocked by the user",
                    500: "Internal Server Error",
                    502: "Bad Gateway",
                }
                if fault.code:
                    raise ApiError(
                        fault.code,
                        fault.description or descriptions.get(fault.code, "Error"),
                        fault.retry_after if fault.code == 429 else None,
                    )
        self.faults = [f for f in self.faults if f.times > 0]
        until = self.flooded.get(chat_id) if chat_id is not None else None
        if chat_id is not None and until is not None and method.startswith(("send", "edit")):
            left = until - time.monotonic()
            if left > 0:
                wait = max(1, round(left))
                raise ApiError(429, f"Too Many Requests: retry after {wait}", wait)
            del self.flooded[chat_id]
        sending = method.startswith(("send", "copy", "forward")) and method != "sendChatAction"
        if chat_id in self.blocked and (sending or method.startswith("edit")):
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if self.rate_limit is not None and sending:
            self.rate_limit.check(chat_id, time.monotonic())

    async def api_getme(self, params: dict) -> dict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Roadmap bot",
            "username": self.bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def api_getupdates(self, params: dict) -> list[dict]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _int_or_none(params.get("offset"))
        limit = min(max(_int_or_none(params.get("limit")) or 100, 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        if offset is not None and offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
            async with self._confirmed:
                self.confirmed_offset = max(self.confirmed_offset, offset)
                self._confirmed.notify_all()
        if not self.pending and timeout and not self._closing:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), timeout)
        return self.pending[:limit]

    async def api_setwebhook(self, params: dict) -> bool:
        url = str(params.get("url") or "")
        if not url.startswith("https://"):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self.webhook = {"url": url, "secret_token": params.get("secret_token")}
        return True

    async def api_deletewebhook(self, params: dict) -> bool:
        self.webhook = None
        return True

    async def api_getwebhookinfo(self, params: dict) -> dict:
        return {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending),
        }

    async def api_setmycommands(self, params: dict) -> bool:
        commands = params.get("commands") or []
        if not commands or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be 1-100")
        for command in commands:
            name, description = command.get("command", ""), command.get("description", "")
            if not (1 <= len(name) <= 32 and name.replace("_", "").isalnum() and name.islower()):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[_commands_key(params)] = commands
        return True

    async def api_getmycommands(self, params: dict) -> list[dict]:
        return self.commands.get(_commands_key(params), [])

    async def api_deletemycommands(self, params: dict) -> bool:
        self.commands.pop(_commands_key(params), None)
        return True

    async def api_sendchataction(self, params: dict) -> bool:
        self._chat_id(params)
        return True

    async def api_sendmessage(self, params: dict) -> dict:
        chat_id = self._chat_id(params)
        text, entities = _parse_text(params, "text", MAX_TEXT)
        markup = _check_markup(params.get("reply_markup"))
        return self._store(chat_id, "text", params.get("text", ""), text, entities, markup)

    async def api_senddocument(self, params: dict) -> dict:
        return await self._send_file(params, "document")

    async def api_sendphoto(self, params: dict) -> dict:
        return await self._send_file(params, "photo")

    async def _send_file(self, params: dict, kind: str) -> dict:
        chat_id = self._chat_id(params)
        upload = params.get(kind)
        if upload is None:
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        caption, entities = _parse_text(params, "caption", MAX_CAPTION, required=False)
        markup = _check_markup(params.get("reply_markup"))
        if isinstance(upload, str) and upload.startswith("attach://"):
            upload = params.get(upload.removeprefix("attach://"), upload)
        name = getattr(upload, "filename", None) or str(upload)
        content = upload.file.read() if hasattr(upload, "file") else None
        sent = self._store(
            chat_id, kind, params.get("caption", ""), caption, entities, markup, file_name=name
        )
        self.messages[(chat_id, sent["message_id"])].content = content
        return sent

    async def api_editmessagetext(self, params: dict) -> dict:
        message = self._message(params)
        text, entities = _parse_text(params, "text", MAX_TEXT)
        markup = _check_markup(params.get("reply_markup"))
        if (text, entities, markup) == (message.text, message.entities, message.reply_markup):
            raise ApiError(400, NOT_MODIFIED)
        message.html, message.text, message.entities = params["text"], text, entities
        message.reply_markup, message.edits = markup, message.edits + 1
        self._notify("edit", message)
        return self._message_object(message)

    async def api_editmessagereplymarkup(self, params: dict) -> dict:
        message = self._message(params)
        markup = _check_markup(params.get("reply_markup"))
        if markup == message.reply_markup:
            raise ApiError(400, NOT_MODIFIED)
        message.reply_markup, message.edits = markup, message.edits + 1
        self._notify("edit", message)
        return self._message_object(message)

    async def api_deletemessage(self, params: dict) -> bool:
        message = self._message(params, action="delete")
        message.deleted = True
        self._notify("delete", message)
        return True

    async def api_answercallbackquery(self, params: dict) -> bool:
        record = self.callbacks.get(str(params.get("callback_query_id")))
        if record is None or record.answered:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        text = params.get("text")
        if text is not None and len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        record.answered, record.text = True, text
        record.show_alert = str(params.get("show_alert")).lower() == "true"
        if text:
            self._notify("alert", record)
        return True

    async def api_getfile(self, params: dict) -> dict:
        file_id = str(params.get("file_id"))
        content = self.files.get(file_id)
        if content is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if len(content) > 20 * 1024 * 1024:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(content),
            "file_path": f"documents/{file_id}",
        }

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        content = self.files.get(request.match_info["path"].removeprefix("documents/"))
        return web.Response(status=404) if content is None else web.Response(body=content)

    async def api_close(self, params: dict) -> bool:
        return True

    api_logout = api_close

    # --- helpers ------------------------------------------------------------------------

    def _chat_id(self, params: dict) -> int:
        chat_id = _int_or_none(params.get("chat_id"))
        if chat_id is None or chat_id not in self.users:
            raise ApiError(400, "Bad Request: chat not found")
        return chat_id

    def _message(self, params: dict, action: str = "edit") -> SentMessage:
        chat_id = self._chat_id(params)
        message = self.messages.get((chat_id, _int_or_none(params.get("message_id")) or 0))
        if message is None or message.deleted:
            raise ApiError(400, f"Bad Request: message to {action} not found")
        return message

    def _store(
        self,
        chat_id: int,
        kind: str,
        html: str,
        text: str,
        entities: list,
        markup: dict | None,
        file_name: str | None = None,
    ) -> dict:
        message = SentMessage(
            chat_id=chat_id,
            message_id=next(self._message_ids[chat_id]),
            kind=kind,
            html=html,
            text=text,
            entities=entities,
            reply_markup=markup,
            date=int(time.time()),
            file_name=file_name,
        )
        self.messages[(chat_id, message.message_id)] = message
        self._notify("message", message)
        return self._message_object(message)

    def _message_object(self, message: SentMessage) -> dict:
        obj: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": self._chat(message.chat_id),
            "from": {
                "id": self.bot_id,
                "is_bot": True,
                "first_name": "Roadmap bot",
                "username": self.bot_username,
            },
        }
        if message.kind == "text":
            obj["text"] = message.text
        else:
            file = {"file_id": f"bot-file-{message.message_id}", "file_unique_id": "b"}
            obj[message.kind] = (
                [{**file, "width": 800, "height": 600}]
                if message.kind == "photo"
                else {**file, "file_name": message.file_name}
            )
            if message.text:
                obj["caption"] = message.text
        if message.reply_markup:
            obj["reply_markup"] = message.reply_markup
        return obj

    def _notify(self, event: str, payload: Any) -> None:
        for listener in list(self.listeners):
            listener(event, payload)

    # --- control API, for a bot or a test in another process ----------------------------

    async def _control_message(self, request: web.Request) -> web.Response:
        body = await request.json()
        user = body.get("user", {})
        if "id" in user:
            self.add_user(
                int(user["id"]), user.get("first_name", "Test"), user.get("language_code", "ru")
            )
        update_id = self.send_text(int(body["user_id"]), str(body["text"]))
        return web.json_response({"update_id": update_id})

    async def _control_click(self, request: web.Request) -> web.Response:
        body = await request.json()
        update_id = self.click(int(body["user_id"]), int(body["message_id"]), str(body["data"]))
        return web.json_response({"update_id": update_id})

    async def _control_fault(self, request: web.Request) -> web.Response:
        self.fail(**await request.json())
        return web.json_response({"ok": True})

    async def _control_sent(self, request: web.Request) -> web.Response:
        chat_id = int(request.query["chat_id"])
        return web.json_response(
            [
                {"message_id": m.message_id, "text": m.text, "buttons": m.buttons()}
                for m in self.sent_to(chat_id)
            ]
        )


def _error_response(error: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
    if error.retry_after is not None:
        body["parameters"] = {"retry_after": error.retry_after}
    return web.json_response(body, status=error.code)


async def _read_params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        return dict(await request.json())
    params: dict[str, Any] = dict(request.query)
    if request.method == "POST":
        for key, value in (await request.post()).items():
            params[key] = value
    for key in _JSON_FIELDS & params.keys():
        if isinstance(params[key], str):
            try:
                params[key] = json.loads(params[key])
            except json.JSONDecodeError:
                raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
    return params


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _commands_key(params: dict) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return scope.get("type", "default"), params.get("language_code") or ""


def _parse_text(
    params: dict, field_name: str, limit: int, required: bool = True
) -> tuple[str, list]:
    raw = params.get(field_name)
    if raw is None or raw == "":
        if required:
            raise ApiError(400, "Bad Request: message text is empty")
        return "", []
    raw = str(raw)
    mode = str(params.get("parse_mode") or "")
    if mode and mode not in ("HTML", "MarkdownV2", "Markdown"):
        raise ApiError(400, "Bad Request: unsupported parse_mode")
    if mode == "HTML":
        try:
            text, entities = parse_html(raw)
        except EntityParseError as exc:
            raise ApiError(400, f"Bad Request: {exc}") from None
    else:
        text, entities = raw, []
    if required and not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(text) > limit:
        what = "message is too long" if field_name == "text" else "message caption is too long"
        raise ApiError(400, f"Bad Request: {what}")
    return text, entities


def _check_markup(markup: Any) -> dict | None:
    if markup is None:
        return None
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if rows is None:
        return markup  # reply keyboards and removals are passed through
    count = 0
    for row in rows:
        for button in row:
            count += 1
            if not button.get("text"):
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if data is None and not any(
                k in button for k in ("url", "switch_inline_query", "web_app", "copy_text")
            ):
                raise ApiError(400, 'Bad Request: can\'t find field "callback_data"')
    if count > 100:
        raise ApiError(400, "Bad Request: reply markup is too long")
    return markup
