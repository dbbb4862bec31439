"""aiogram's FSM storage over the bot's database, so dialogs survive a restart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey

from bot.services.ports import DialogStore


class DatabaseStorage(BaseStorage):
    def __init__(self, store: DialogStore) -> None:
        self.store = store
        self.keys = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self.store.fsm_set_state(self.keys.build(key), value)

    async def get_state(self, key: StorageKey) -> str | None:
        state, _ = await self.store.fsm_get(self.keys.build(key))
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self.store.fsm_set_data(self.keys.build(key), dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, data = await self.store.fsm_get(self.keys.build(key))
        return data

    async def close(self) -> None:
        """The database belongs to the application, which closes it."""
