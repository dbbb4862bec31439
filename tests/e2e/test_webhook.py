"""Webhook mode: updates posted with the secret are handled; without it, refused."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from bot.composition import prepare
from bot.settings import SettingsError, load_settings
from bot.telegram.runner import serve
from bot.telegram.webhook import WebhookReceiver
from tests.conftest import make_settings

SECRET = "s3cret-token-for-tests_0123456789"


def update(update_id: int, text: str) -> dict:
    user = {"id": 1001, "is_bot": False, "first_name": "Анна", "language_code": "ru"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_600_000_000,
            "text": text,
            "from": user,
            "chat": {"id": 1001, "type": "private", "first_name": "Анна"},
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


async def test_webhook_mode_end_to_end(emulator, tmp_path, clock):
    settings = make_settings(
        tmp_path,
        webhook_url="https://bot.example.org/tg/hook",
        webhook_secret=SECRET,
        webhook_port=0,
    )
    emulator.add_user(1001, "Анна")
    running = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
    receiver = WebhookReceiver(settings)
    ready = asyncio.Event()
    task = asyncio.create_task(serve(running, on_ready=ready.set, receive=receiver.run))
    try:
        await asyncio.wait_for(ready.wait(), 10)
        await asyncio.wait_for(receiver.listening.wait(), 10)
        assert emulator.webhook == {
            "url": "https://bot.example.org/tg/hook",
            "secret_token": SECRET,
        }
        url = f"http://127.0.0.1:{receiver.bound_port}/tg/hook"
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update(1, "/help")) as response:
                assert response.status == 401
            async with http.post(
                url, json=update(2, "/help"), headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            ) as r:
                assert r.status == 401
            assert emulator.sent_to(1001) == []
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with http.post(url, json=update(3, "/help"), headers=headers) as response:
                assert response.status == 200
            assert emulator.last_to(1001).text.startswith("Команды")  # handled before 200
            async with http.post(url, json=update(3, "/help"), headers=headers) as response:
                assert response.status == 200  # Telegram's retry of the same update
        assert len(emulator.sent_to(1001)) == 1
    finally:
        running.poller.stop()
        await asyncio.wait_for(task, 10)


async def test_two_replicas_given_the_same_update_at_once_handle_it_once(emulator, tmp_path, clock):
    """Behind a load balancer, Telegram's retry of an update can reach a second replica
    while the first still handles it: the update is claimed before it is handled."""
    settings = make_settings(
        tmp_path,
        webhook_url="https://bot.example.org/tg/hook",
        webhook_secret=SECRET,
        webhook_port=0,
    )
    emulator.add_user(1001, "Анна")
    replicas, tasks, receivers = [], [], []
    for _ in range(2):
        running = await prepare(settings, emulator.token, api_base=emulator.api_base, clock=clock)
        receiver = WebhookReceiver(settings)
        ready = asyncio.Event()
        tasks.append(asyncio.create_task(serve(running, on_ready=ready.set, receive=receiver.run)))
        await asyncio.wait_for(ready.wait(), 10)
        await asyncio.wait_for(receiver.listening.wait(), 10)
        replicas.append(running)
        receivers.append(receiver)
    try:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with aiohttp.ClientSession() as http:

            async def deliver(receiver: WebhookReceiver, update_id: int) -> int:
                url = f"http://127.0.0.1:{receiver.bound_port}/tg/hook"
                body = update(update_id, "/help")
                async with http.post(url, json=body, headers=headers) as response:
                    return response.status

            for update_id in range(10, 20):
                statuses = await asyncio.gather(*(deliver(r, update_id) for r in receivers))
                # the one that found it being handled says "later" (503), not "done"
                assert 200 in statuses and set(statuses) <= {200, 503}
                for receiver, status in zip(receivers, statuses, strict=True):
                    if status == 503:  # Telegram delivers it again: handled by now, skipped
                        assert await deliver(receiver, update_id) == 200
        assert len(emulator.sent_to(1001)) == 10  # one answer per update, not two
    finally:
        for running in replicas:
            running.poller.stop()
        await asyncio.wait_for(asyncio.gather(*tasks), 10)


def test_a_webhook_needs_a_secret(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/hook")
    with pytest.raises(SettingsError, match="set WEBHOOK_SECRET too"):
        load_settings()
    monkeypatch.setenv("WEBHOOK_SECRET", "short")
    with pytest.raises(SettingsError, match="setting WEBHOOK_SECRET is invalid"):
        load_settings()
