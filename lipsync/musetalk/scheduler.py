"""Cross-job batching: which frames of which running jobs go into the next UNet/VAE batch (no torch here)."""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any


@dataclass(eq=False)
class WorkItem:
    """A job being rendered: `total` frames, `done` of them generated so far."""

    req_id: int
    total: int
    payload: Any = None  # what the worker needs per frame (features, latents)
    done: int = 0
    batches: int = 0


@dataclass(frozen=True)
class Slice:
    """Frames [start, stop) of one job inside a batch."""

    item: WorkItem
    start: int
    stop: int


@dataclass
class BatchScheduler:
    """Fills each batch from every running job: new jobs get a small first share, the rest is shared round robin."""

    batch_size: int
    first_batch: int
    _items: "OrderedDict[int, WorkItem]" = field(default_factory=OrderedDict)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, item: WorkItem) -> None:
        """Start scheduling `item` (an empty job is never added)."""
        if item.total > 0:
            self._items[item.req_id] = item

    def remove(self, req_id: int) -> WorkItem | None:
        """Drop a job (cancelled or failed); its item, or None when it was not running."""
        return self._items.pop(req_id, None)

    def next_batch(self) -> list[Slice]:
        """The next batch: at most batch_size frames, each job's frames in order; empty when idle."""
        counts: dict[int, int] = {}
        room = self.batch_size
        for item in self._items.values():  # 1. a small first share for every new job
            if item.batches == 0 and room > 0:
                counts[item.req_id] = min(self.first_batch, item.total - item.done, room)
                room -= counts[item.req_id]
        running = [i for i in self._items.values() if i.batches > 0]
        while room > 0:  # 2. jobs already under way share what is left, one frame each in turn
            takers = [i for i in running if i.total - i.done > counts.get(i.req_id, 0)]
            if not takers:
                break
            for item in takers[:room]:
                counts[item.req_id] = counts.get(item.req_id, 0) + 1
                room -= 1
        if self._items:
            self._items.move_to_end(next(iter(self._items)))  # rotate: next time another job takes the odd frames
        return [Slice(self._items[r], self._items[r].done, self._items[r].done + n) for r, n in counts.items() if n > 0]

    def advance(self, batch: list[Slice]) -> list[WorkItem]:
        """Record a generated batch; the jobs it finished (no longer scheduled)."""
        finished = []
        for part in batch:
            part.item.done = part.stop
            part.item.batches += 1
            if part.item.done >= part.item.total and self._items.pop(part.item.req_id, None) is not None:
                finished.append(part.item)
        return finished
