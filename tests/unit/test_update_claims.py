"""A claim on a Telegram update is renewed while the update is handled, so its lease can be
short; and a claimed update is told from one handled to the end (on both backends)."""

from __future__ import annotations

from datetime import timedelta


async def test_a_renewed_claim_is_kept_and_a_done_update_told_from_a_claimed_one(repo, clock):
    lease = timedelta(seconds=10)
    assert await repo.claim_update(7, lease)
    assert not await repo.is_update_done(7)  # claimed, not handled yet
    for _ in range(5):  # a slow handler, its claim renewed every few seconds
        clock.advance(seconds=4)
        await repo.renew_update_claim(7)
        assert not await repo.claim_update(7, lease)
    clock.advance(seconds=11)  # not renewed any more: its process died
    assert await repo.claim_update(7, lease)
    await repo.mark_updates_processed([7])
    assert await repo.is_update_done(7)
    await repo.renew_update_claim(7)  # too late: done stays done
    clock.advance(seconds=60)
    assert not await repo.claim_update(7, lease) and await repo.is_update_done(7)
    assert not await repo.is_update_done(8)
