"""Captions on the turn's timeline: each sentence's text, start and duration on its first `segment` event."""
from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import sse_events

THREE_SENTENCES = "Hello and welcome to the interview. Please take a seat. Could you introduce yourself briefly?"
LOW_RES = {"avatar": "talk_long", "resolution": "360p"}


def captions_of(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e["caption"] for e in events if e["type"] == "segment" and "caption" in e]


def assert_captions_tile_the_audio(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """In order, from 0 with no gap or overlap to the end of the audio, each on its sentence's first segment."""
    segments = [e for e in events if e["type"] == "segment"]
    captions = captions_of(events)
    done = events[-1]
    assert done["type"] == "done" and segments[0].get("caption") is not None
    assert [c["index"] for c in captions] == list(range(len(captions)))
    assert captions[0]["start"] == 0
    for before, after in zip(captions, captions[1:]):
        assert after["start"] == pytest.approx(before["start"] + before["duration"], abs=0.002)
        assert before["duration"] > 0.3 and after["start"] > before["start"]
    last = captions[-1]
    assert last["start"] + last["duration"] == pytest.approx(done["audio_duration"], abs=0.002)
    for segment in segments:  # a caption opens exactly the segment that starts where its sentence starts
        starts_sentence = any(segment["start"] == pytest.approx(c["start"], abs=0.002) for c in captions)
        assert ("caption" in segment) == starts_sentence
        if "caption" in segment:
            assert segment["start"] == pytest.approx(segment["caption"]["start"], abs=0.002)
    return captions


def test_each_sentence_is_captioned_at_its_time_and_the_captions_tile_the_audio(make_app):
    client = make_app().test_client()
    body = {"text": THREE_SENTENCES, **LOW_RES}
    events = sse_events(client.post("/api/v2/lipsync/stream", json=body))
    captions = assert_captions_tile_the_audio(events)
    assert [c["text"] for c in captions] == ["Hello and welcome to the interview.", "Please take a seat.",
                                            "Could you introduce yourself briefly?"]

    cached = sse_events(client.post("/api/v2/lipsync/stream", json=body))  # every sentence from the render cache
    assert cached[-1]["cache_hits"] == 3 and captions_of(cached) == captions


def test_chat_reply_captions_are_its_sentences(client):
    events = sse_events(client.post("/api/v2/chat_and_lipsync/stream", json={
        "message": "면접을 시작합니다.", "history": [], "company_name": "네이버", "job_name": "기획전략", **LOW_RES}))
    captions = assert_captions_tile_the_audio(events)
    assert len(captions) >= 2 and " ".join(c["text"] for c in captions) == events[-1]["response"]
