"""GET /metrics (Prometheus text format, one registry per app) and the per-stage figures of `done.elapsed`."""
from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from pipeline.metrics import TurnTimings
from tests.conftest import sse_events

LOW_RES = {"avatar": "talk_long", "resolution": "360p"}


def scrape(app) -> dict[str, float]:
    """Every sample of GET /metrics as {"name{label=value}": value}."""
    response = app.test_client().get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    samples = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            samples[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return samples


def test_metrics_count_a_chat_turn_stage_by_stage(app):
    before = scrape(app)
    assert before["avatar_queue_length"] == 0 and before["avatar_running_jobs"] == 0
    assert before["avatar_ttff_seconds_count"] == 0 and before["avatar_turns_total{outcome=done}"] == 0
    events = sse_events(app.test_client().post("/api/v2/chat_and_lipsync/stream",
                                               json={"message": "안녕하세요", "history": [], **LOW_RES}))
    done = events[-1]
    segments = sum(1 for e in events if e["type"] == "segment")
    after = scrape(app)
    assert after["avatar_turns_total{outcome=done}"] == 1 and after["avatar_turns_total{outcome=cancelled}"] == 0
    assert after["avatar_llm_first_token_seconds_count"] == 1 and after["avatar_ttff_seconds_count"] == 1
    assert after["avatar_tts_first_byte_seconds_count"] >= 2  # one per sentence spoken
    assert after["avatar_encode_seconds_count"] == segments
    assert after["avatar_render_fps_count"] == 1 and after["avatar_rtf_count"] == 1
    assert after["avatar_render_cache_lookups_total{result=miss}"] == after["avatar_tts_first_byte_seconds_count"]
    assert after["avatar_ttff_seconds_sum"] == pytest.approx(done["elapsed"]["ttff"], abs=0.001)
    assert set(done["elapsed"]) >= {"llm", "llm_first_token", "tts", "tts_first", "lipsync", "render", "render_fps",
                                    "encode", "join", "ttff", "rtf", "total"}


def test_each_app_keeps_its_own_figures(make_app):
    busy, idle = make_app(), make_app()
    response = busy.test_client().post("/api/v2/lipsync", json={"text": "안녕하세요. 반갑습니다.", **LOW_RES})
    assert response.status_code == 200
    assert scrape(busy)["avatar_turns_total{outcome=done}"] == 1
    assert scrape(idle)["avatar_turns_total{outcome=done}"] == 0


def test_elapsed_reports_what_was_measured_with_derived_rates():
    timings = TurnTimings(tts=0.02, render=0.5, frames=250, encode=1.0, total=2.0, audio=10.0, ttff=0.2)
    elapsed = timings.elapsed()
    assert elapsed["render_fps"] == 500.0 and elapsed["rtf"] == 0.2 and elapsed["ttff"] == 0.2
    assert "llm" not in elapsed and "llm_first_token" not in elapsed  # no LLM in a text-only turn
    assert TurnTimings().elapsed()["total"] == 0.0 and "rtf" not in TurnTimings().elapsed()
