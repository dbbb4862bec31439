"""The running bot keeps start-up objects out of the garbage collector's way."""

from __future__ import annotations

import gc
import weakref

from bot.telegram.runner import GC_YOUNG_THRESHOLD, settle_heap


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_start_up_objects_are_frozen_and_later_garbage_is_still_collected():
    threshold = gc.get_threshold()
    try:
        settle_heap()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (GC_YOUNG_THRESHOLD, *threshold[1:])
        a, b = Node(), Node()
        a.other, b.other = b, a  # a reference cycle, freed only by the collector
        gone = weakref.ref(a)
        del a, b
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
