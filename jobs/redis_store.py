"""Job state shared through Redis by web processes and workers: admission, event streams, cancel flags, leases.

Keys (all under the deployment's prefix): `job:<id>` hash (request, state, sid, times, event counter, terminal
flag), `events:<id>` stream whose entry ids are `0-<n>` (n = the job's event id, counted by the hash), `active`
sorted set (admitted, unfinished jobs by submit time), `sid:<sid>` set, `owner:<owner>` set (for
MAX_JOBS_PER_CLIENT), `cancel:<id>` flag, `lease:<id>` (a running job's heartbeat), `workers` sorted set (worker
heartbeats), `estimate` (seconds per job). Admission and
event appends are Lua scripts, so limits hold across processes, a job has exactly one terminal event, and a
job's `queue_position` only ever goes down, whoever publishes it.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import redis

from jobs.events import JobEvent
from pipeline.events import TurnEvent
from pipeline.spec import JobRequest

Relay = Callable[[str, JobEvent], None]  # (sid, event): send to the Socket.IO room of `sid`

EVENTS_KEPT_S = 600  # s a finished job's events stay readable
UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)  # Redis down or cut off
LEASE_S = 5.0  # s a running job's lease lasts without a heartbeat (then the job is failed as lost)
LEASE_MS = int(LEASE_S * 1000)
WORKER_ALIVE_S = 5.0  # s since its last heartbeat that a worker counts as alive
BLOCK_ROUND_S = 2.0  # s one blocking XREAD waits at most (redis-py's socket timeout is 5 s)
INITIAL_JOB_ESTIMATE_S = 10.0  # render time assumed before any job finished
ESTIMATE_SMOOTHING = 0.3  # weight of the newest job in the running average

# KEYS: active set, job hash, sid set, owner set; ARGV: job id, now, limit, request, sid, ttl, notify, owner,
# per-owner limit (0 = none). Returns 1 admitted, 0 queue full, -1 the owner's limit reached.
_ADMIT = """
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
if ARGV[8] ~= '' and ARGV[9] ~= '0' and redis.call('SCARD', KEYS[4]) >= tonumber(ARGV[9]) then return -1 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], 'request', ARGV[4], 'state', 'queued', 'created_at', ARGV[2], 'sid', ARGV[5], 'seq', 0,
           'notify', ARGV[7], 'owner', ARGV[8])
redis.call('EXPIRE', KEYS[2], ARGV[6])
if ARGV[5] ~= '' then redis.call('SADD', KEYS[3], ARGV[1]); redis.call('EXPIRE', KEYS[3], ARGV[6]) end
if ARGV[8] ~= '' then redis.call('SADD', KEYS[4], ARGV[1]); redis.call('EXPIRE', KEYS[4], ARGV[6]) end
return 1
"""
# KEYS: job hash, events stream, active set, sid set, running set, owner set; ARGV: record, terminal?, ttl, job id,
# position guard or ''
_APPEND = """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'terminal') then return 0 end
if ARGV[5] ~= '' then
  local last = redis.call('HGET', KEYS[1], 'position')
  if last and tonumber(last) <= tonumber(ARGV[5]) then return 0 end
  redis.call('HSET', KEYS[1], 'position', ARGV[5])
end
local n = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[2], '0-' .. n, 'e', ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[3])
if ARGV[2] == '1' then
  redis.call('HSET', KEYS[1], 'terminal', '1', 'state', 'finished')
  redis.call('EXPIRE', KEYS[1], ARGV[3])
  redis.call('ZREM', KEYS[3], ARGV[4])
  redis.call('SREM', KEYS[4], ARGV[4])
  redis.call('SREM', KEYS[5], ARGV[4])
  redis.call('SREM', KEYS[6], ARGV[4])
end
return n
"""


class RedisJobStore:
    """The shared job state of one deployment (`prefix`) on one Redis server."""

    def __init__(self, client: redis.Redis, prefix: str, job_ttl_s: float) -> None:
        self.redis = client
        self.prefix = prefix
        self.job_ttl_s = int(job_ttl_s) + EVENTS_KEPT_S  # an unfinished job's keys outlive its deadline
        self._admit = client.register_script(_ADMIT)
        self._append = client.register_script(_APPEND)

    def key(self, *parts: str) -> str:
        """A key of this deployment."""
        return ":".join((self.prefix, *parts))

    # -- admission --------------------------------------------------------------------------
    def admit(self, job_id: str, request: JobRequest, limit: int, per_client: int = 0) -> int:
        """Record the turn as active unless `limit` jobs already are (0) or its owner has `per_client` (-1); 1 when
        admitted. Atomic across processes."""
        return self.admit_record(job_id, request.to_json(), limit, request.sid, request.owner, request.notify_socket,
                                 per_client)

    def admit_record(self, job_id: str, record: dict[str, Any], limit: int, sid: str | None = None,
                     owner: str | None = None, notify: bool = False, per_client: int = 0) -> int:
        """`admit` for any job kept as the JSON `record` (its hash's `request`)."""
        return int(self._admit(
            keys=[self.key("active"), self.key("job", job_id), self.key("sid", sid or "-"),
                  self.key("owner", owner or "-")],
            args=[job_id, time.time(), limit, json.dumps(record, ensure_ascii=False), sid or "", self.job_ttl_s,
                  "1" if notify else "", owner or "", per_client]))

    def active_ids(self) -> list[str]:
        """Admitted, unfinished jobs, oldest first."""
        return [raw.decode() for raw in self.redis.zrange(self.key("active"), 0, -1)]

    def job(self, job_id: str) -> dict[str, str]:
        """The job's hash (empty when unknown or expired)."""
        return {k.decode(): v.decode() for k, v in self.redis.hgetall(self.key("job", job_id)).items()}

    def mark_running(self, job_id: str, worker: str) -> None:
        """A worker started the job: its state, the running set and its first lease in one transaction (its terminal
        event takes it out of the running set again).

        One transaction, because a reaper (any web process's) may look between any two writes, and a running job
        without a lease reads as one whose worker died: a lease written after the state let a healthy job be failed
        as `worker_lost` before its first event."""
        with self.redis.pipeline() as writes:  # MULTI/EXEC: other clients see all of it or none
            writes.set(self.key("lease", job_id), 1, px=LEASE_MS)
            writes.hset(self.key("job", job_id), mapping={"state": "running", "started_at": time.time(),
                                                           "worker": worker})
            writes.sadd(self.key("running"), job_id)
            writes.execute()

    def running_count(self) -> int:
        """Turns on workers now."""
        return int(self.redis.scard(self.key("running")))

    # -- events -----------------------------------------------------------------------------
    def append(self, job_id: str, sid: str | None, record: dict[str, Any], terminal: bool,
               position: int | None = None, owner: str | None = None) -> int | None:
        """Append an event's JSON `record` (`terminal`: the job's last); its id, or None when the job already ended
        (or, with `position`, when it would not go down)."""
        n = self._append(
            keys=[self.key("job", job_id), self.key("events", job_id), self.key("active"), self.key("sid", sid or "-"),
                  self.key("running"), self.key("owner", owner or "-")],
            args=[json.dumps(record, ensure_ascii=False), "1" if terminal else "0",
                  self.job_ttl_s if not terminal else EVENTS_KEPT_S, job_id, "" if position is None else position])
        return int(n) if n else None

    def publish(self, job_id: str, event: TurnEvent, relay: Relay | None = None,
                position: int | None = None) -> JobEvent | None:
        """Append a turn event and relay it to the job's Socket.IO room when the client asked for socket events."""
        sid, notify, owner = (raw.decode() if raw is not None else "" for raw in
                              self.redis.hmget(self.key("job", job_id), ["sid", "notify", "owner"]))
        n = self.append(job_id, sid or None, event.to_record(), event.terminal, position, owner or None)
        if n is None:
            return None
        logged = JobEvent(job_id, event, n)
        if relay is not None and sid and notify:
            relay(sid, logged)
        return logged

    def read(self, job_id: str, after: int, timeout_s: float) -> list[JobEvent]:
        """Turn events with id > `after`, blocking up to `timeout_s` for the first."""
        return [JobEvent.from_record(job_id, n, record) for n, record in self.read_records(job_id, after, timeout_s)]

    def read_records(self, job_id: str, after: int, timeout_s: float) -> list[tuple[int, dict[str, Any]]]:
        """(id, record) of the events with id > `after`, blocking up to `timeout_s` for the first (in rounds under the
        socket timeout)."""
        deadline = time.monotonic() + timeout_s
        while True:
            left = deadline - time.monotonic()
            block = max(1, int(min(left, BLOCK_ROUND_S) * 1000)) if left > 0 else None
            reply = self.redis.xread({self.key("events", job_id): f"0-{after}"}, block=block)
            if reply or block is None or time.monotonic() >= deadline:
                return [_record(entry_id, fields) for _, entries in reply for entry_id, fields in entries]

    def last_record(self, job_id: str) -> dict[str, Any] | None:
        """The record of the job's newest event, or None."""
        newest = self.redis.xrevrange(self.key("events", job_id), count=1)
        return _record(*newest[0])[1] if newest else None

    def exists(self, job_id: str) -> bool:
        """True while the job's hash is kept."""
        return bool(self.redis.exists(self.key("job", job_id)))

    # -- cancel, leases, workers ------------------------------------------------------------
    def request_cancel(self, job_id: str) -> None:
        """Raise the job's cancel flag (its worker polls it)."""
        self.redis.set(self.key("cancel", job_id), 1, ex=self.job_ttl_s)

    def cancel_requested(self, job_id: str) -> bool:
        """True once someone asked to cancel the job."""
        return bool(self.redis.exists(self.key("cancel", job_id)))

    def sid_jobs(self, sid: str) -> list[str]:
        """Unfinished jobs of a Socket.IO sid."""
        return [raw.decode() for raw in self.redis.smembers(self.key("sid", sid))]

    def renew_lease(self, job_id: str) -> None:
        """The running job's heartbeat (`mark_running` gave it its first lease)."""
        self.redis.set(self.key("lease", job_id), 1, px=LEASE_MS)

    def lease_alive(self, job_id: str) -> bool:
        """True while the job's worker keeps renewing its lease."""
        return bool(self.redis.exists(self.key("lease", job_id)))

    def worker_heartbeat(self, name: str) -> None:
        """Mark worker `name` alive now."""
        self.redis.zadd(self.key("workers"), {name: time.time()})

    def worker_gone(self, name: str) -> None:
        """Forget a worker that stopped."""
        self.redis.zrem(self.key("workers"), name)

    def live_workers(self) -> int:
        """Workers that sent a heartbeat within WORKER_ALIVE_S."""
        return int(self.redis.zcount(self.key("workers"), time.time() - WORKER_ALIVE_S, "+inf"))

    # -- the running average of a job's render time -----------------------------------------
    def estimate_s(self) -> float:
        """Seconds one job holds a worker, on average."""
        raw = self.redis.get(self.key("estimate"))
        return float(raw) if raw is not None else INITIAL_JOB_ESTIMATE_S

    def record_duration(self, seconds: float) -> None:
        """Fold a finished job's time into the average (a lost update between workers only delays it)."""
        current = self.estimate_s()
        self.redis.set(self.key("estimate"), current + ESTIMATE_SMOOTHING * (seconds - current))


def _record(entry_id: bytes, fields: dict[bytes, bytes]) -> tuple[int, dict[str, Any]]:
    """An event's id and record read back from a job's stream (entry id `0-<event id>`)."""
    return int(entry_id.decode().split("-")[1]), json.loads(fields[b"e"])
