"""Continuity of a turn's stream as Chromium plays it: gaps or overlaps at the joins, dropped or repeated frames.

    .venv/bin/python -m bench.continuity [--root precomputed] [--avatar talk_long] [--resolution 360p]
                                         [--delivery full|face] [--sentences 6]

1. A ~20 s Korean turn (espeak sentences with the pipeline's pause between them) is cut and rendered
   like the render stage does (plan_sentence -> CpuLipsyncEngine -> TurnStream), one file per segment.
2. Debian's Chromium (headless, through playwright) plays it through MediaSource exactly as the demo
   page does (`streamPart` of static/js/player.js: the first file whole, the rest from `fragment_offset`),
   while a ScriptProcessor records the element's output audio and requestVideoFrameCallback the media
   time of every presented frame.
3. The recording is aligned with the turn's PCM on 100 ms voiced windows; a gap or an overlap at a join
   shows as a jump of that alignment across the join (segments are cut in pauses, so the nearest voiced
   windows on either side are compared). Frames: each join's last and first frame must be presented once.
4. `--delivery face`: the segments carry only the face region, and the page's own compositor
   (static/js/compositor.js over the avatar's idle clip) draws them onto a canvas; every frame it draws
   is recorded too, so the joins are checked on the composited picture as well as on the face video.
"""
from __future__ import annotations

import argparse
import base64
import functools
import http.server
import tempfile
import threading
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

from avatars.format import Avatar
from avatars.store import AvatarStore
from lipsync.idle_clip import idle_clip
from lipsync.base import RenderSpec
from lipsync.cpu import CpuLipsyncEngine
from lipsync.encode import AUDIO_RATE
from lipsync.segments import frame_count_for, plan_sentence, segment_samples
from lipsync.turn_stream import PRIMING, TurnStream
from tests.page_screenshots import CHROMIUM, launch_chromium
from tests.tools.probe import mse_codecs
from tts.espeak import EspeakEngine

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "안녕하세요, 오늘 면접을 맡은 김민준입니다.", "먼저 간단하게 자기소개를 부탁드립니다.",
    "이전 회사에서 맡았던 업무와 가장 기억에 남는 성과를 말씀해 주세요.",
    "그 과정에서 어려웠던 점은 무엇이었고 어떻게 극복하셨는지도 궁금합니다.",
    "마지막으로 우리 팀에 합류하게 되면 처음 석 달 동안 무엇을 하고 싶으신가요?",
    "천천히 생각하시고 편하게 답변해 주셔도 됩니다.",
]
PAUSE_S = 0.3  # between sentences, as pipeline.speech_stage puts it
WINDOW_S = 0.1  # alignment window
SEARCH_S = 0.5  # how far from a join the nearest voiced window may lie
MAX_SHIFT_S = 0.03  # alignment search around the global offset
GAP_LIMIT_MS = 5.0  # the bar
PAGE = """<!doctype html><meta charset=utf-8><video id=v playsinline></video><canvas id=c></canvas>
<script type=module>
import { FaceCompositor } from "/static/js/compositor.js";
import { IdleFrames } from "/static/js/idle-frames.js";
import { streamPart } from "/static/js/player.js";
window.play = async (segments, mime, idle) => {
  const v = document.getElementById("v"), c = document.getElementById("c");
  const drawn = [], errors = []; // every data-frame the compositor set, in order (one mutation record per draw)
  new MutationObserver((records) => { for (const r of records) drawn.push(r.oldValue); })
    .observe(c, { attributes: true, attributeFilter: ["data-frame"], attributeOldValue: true });
  if (idle) {
    const compositor = new FaceCompositor(c, v, (e) => errors.push(String(e)));
    compositor.start(segments[0].region, await IdleFrames.open(idle.url, idle.fps));
  }
  const ms = new MediaSource();
  v.src = URL.createObjectURL(ms);
  await new Promise((r) => ms.addEventListener("sourceopen", r, { once: true }));
  const sb = ms.addSourceBuffer(mime);
  sb.mode = "segments";
  for (const [i, s] of segments.entries()) {
    const bytes = new Uint8Array(await (await fetch(s.url)).arrayBuffer());
    sb.appendBuffer(streamPart(bytes, s, i === 0));
    await new Promise((r) => sb.addEventListener("updateend", r, { once: true }));
  }
  ms.endOfStream();
  const ctx = new AudioContext();
  const node = ctx.createScriptProcessor(4096, 1, 1);
  const chunks = [];
  let startTime = null;
  node.onaudioprocess = (e) => {
    if (!v.paused && startTime === null) startTime = v.currentTime;
    if (startTime !== null && !v.ended) chunks.push(new Float32Array(e.inputBuffer.getChannelData(0)));
  };
  ctx.createMediaElementSource(v).connect(node);
  node.connect(ctx.destination);
  const frames = [];
  const onFrame = (now, meta) => { frames.push(meta.mediaTime); v.requestVideoFrameCallback(onFrame); };
  v.requestVideoFrameCallback(onFrame);
  await ctx.resume();
  await v.play();
  await new Promise((r) => v.addEventListener("ended", r, { once: true }));
  const n = chunks.reduce((a, c) => a + c.length, 0);
  const pcm = new Int16Array(n);
  let at = 0;
  for (const c of chunks) { for (let k = 0; k < c.length; k++) pcm[at++] = Math.max(-1, Math.min(1, c[k])) * 32767; }
  let bin = "";
  const bytes = new Uint8Array(pcm.buffer);
  for (let k = 0; k < bytes.length; k += 32768) bin += String.fromCharCode(...bytes.subarray(k, k + 32768));
  await new Promise((r) => setTimeout(r, 100)); // the last draw's mutation record
  drawn.push(c.dataset.frame);
  const composited = drawn.slice(1).filter((f) => f !== null && f !== undefined).map(Number);
  return { rate: ctx.sampleRate, audio: btoa(bin), frames, startTime, composited, errors,
           dropped: v.getVideoPlaybackQuality().droppedVideoFrames };
};
</script>"""


def render_turn(out: Path, avatar: Avatar, face: bool, sentences: int) -> tuple[list[dict], np.ndarray, int]:
    """The turn's segment files (as `segment` event dicts), its whole PCM and sample rate."""
    engine = CpuLipsyncEngine()
    engine.load()
    region = engine.region(avatar) if face else None
    tts = EspeakEngine()
    clips = [tts.synthesize(text, "ko") for text in SENTENCES[:sentences]]
    rate = clips[0].sample_rate
    stream = TurnStream(avatar.fps, rate)
    events, pcm, frame = [], [], 0
    for index, clip in enumerate(clips):
        if index:
            pause = np.zeros(round(PAUSE_S * rate), np.int16)
            clip = type(clip)(np.concatenate([pause, clip.samples]), rate)  # timings dropped: the audio drives the mouth
        for plan in plan_sentence(clip.samples, rate, avatar.fps, opening=index == 0):
            spec = RenderSpec(avatar, clip, plan.first_frame, plan.frame_count, loop_offset=frame, region=region)
            frames = engine.render(spec, threading.Event())
            samples = segment_samples(clip.samples, rate, avatar.fps, plan)
            name = f"seg{len(events):03d}.mp4"
            segment = stream.encode(frames, samples, out / name)
            events.append({"url": f"/media/{name}", "start": segment.first_frame / avatar.fps,
                           "frames": segment.frame_count, "fragment_offset": segment.fragment_offset,
                           **({"region": region.as_event(avatar)} if region else {})})
            pcm.append(samples)
        frame += frame_count_for(clip.duration, avatar.fps)
    stream.close()
    return events, np.concatenate(pcm), rate


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the project's static/ and the rendered segments under /media/; quiet."""

    def __init__(self, *args, media: Path, **kwargs) -> None:
        self.media = media
        super().__init__(*args, directory=str(PROJECT_ROOT), **kwargs)

    def translate_path(self, path: str) -> str:
        if path.startswith("/media/"):
            return str(self.media / Path(path).name)
        if path == "/":
            return str(self.media / "index.html")
        return super().translate_path(path)

    def log_message(self, *args: object) -> None:
        pass


def local_lag(recorded: np.ndarray, reference: np.ndarray, at: int, window: int, shift: int) -> float:
    """Samples by which recorded[at - lag] best matches reference[at .. at + window] (normalised cross-correlation)."""
    ref = reference[at : at + window]
    best, best_lag = -np.inf, 0
    for lag in range(-shift, shift + 1):
        seg = recorded[at + lag : at + lag + window]
        if len(seg) < window or at + lag < 0:
            continue
        score = float(np.dot(seg, ref) / (np.linalg.norm(seg) * np.linalg.norm(ref) + 1e-9))
        if score > best:
            best, best_lag = score, lag
    return best_lag


def voiced_window(reference: np.ndarray, around: int, window: int, direction: int, reach: int) -> int | None:
    """Start of the nearest window of `reference` with speech in it, before (-1) or after (+1) `around`."""
    loud = 0.1 * np.sqrt(np.mean(reference.astype(np.float64) ** 2))
    for step in range(0, reach, window // 4):
        start = around - window - step if direction < 0 else around + step
        if start < 0 or start + window > len(reference):
            return None
        if np.sqrt(np.mean(reference[start : start + window] ** 2)) > loud:
            return start
    return None


def main() -> int:
    """Render, play in Chromium, print the join figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path("precomputed"))
    ap.add_argument("--avatar", default="talk_long")
    ap.add_argument("--resolution", default="360p")
    ap.add_argument("--delivery", choices=("full", "face"), default="full", help="face: composited by the page's code")
    ap.add_argument("--sentences", type=int, default=len(SENTENCES), help="fewer for a quick check (at least 2)")
    args = ap.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found: apt-get install -y chromium")
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        store = AvatarStore(args.root)
        store.ensure_defaults()
        avatar = store.get(store.resolve(args.avatar, args.resolution))
        events, pcm, rate = render_turn(out, avatar, args.delivery == "face", max(2, args.sentences))
        idle = {"url": f"/media/{idle_clip(avatar, out).name}", "fps": avatar.fps} if args.delivery == "face" else None
        (out / "index.html").write_text(PAGE, encoding="utf-8")
        mime = f'video/mp4; codecs="{mse_codecs(out / "seg000.mp4")}"'
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, media=out))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/")
                result = page.evaluate("([s, m, i]) => window.play(s, m, i)", [events, mime, idle])
                browser.close()
        finally:
            server.shutdown()
    report(events, pcm, rate, result)
    return 0


def report(events: list[dict], pcm: np.ndarray, rate: int, result: dict) -> None:
    """Print gaps/overlaps at the joins and the frames presented around them."""
    fps = round(events[1]["frames"] / (events[2]["start"] - events[1]["start"])) if len(events) > 2 else 25
    out_rate = int(result["rate"])
    recorded = np.frombuffer(base64.b64decode(result["audio"]), np.int16).astype(np.float32) / 32768
    reference = resample_poly(pcm.astype(np.float32) / 32768, out_rate, rate).astype(np.float32)
    head = int(5 * out_rate)
    corr = np.fft.irfft(np.fft.rfft(recorded[: 2 * head], 4 * head) * np.conj(np.fft.rfft(reference[:head], 4 * head)))
    offset = int(np.argmax(corr[: 2 * head]))  # recorded[offset + k] ~ reference[k]
    recorded = recorded[offset:]
    window, shift, reach = int(WINDOW_S * out_rate), int(MAX_SHIFT_S * out_rate), int(SEARCH_S * out_rate)

    def shifts(points_s: list[float]) -> list[float]:
        """ms the recording's alignment moves across each time point (nearest voiced windows either side)."""
        moved = []
        for point in points_s:
            at = int(round(point * out_rate))
            before = voiced_window(reference, at, window, -1, reach)
            after = voiced_window(reference, at, window, +1, reach)
            if before is not None and after is not None:
                lag_b = local_lag(recorded, reference, before, window, shift)
                lag_a = local_lag(recorded, reference, after, window, shift)
                moved.append((lag_a - lag_b) * 1000 / out_rate)
        return moved

    joins = shifts([e["start"] for e in events[1:]])
    # Control: the same measure across the middle of each segment, where no join lies (recording glitches show here too).
    control = shifts([e["start"] + e["frames"] / fps / 2 for e in events if e["frames"] / fps >= 4 * WINDOW_S])
    duration = len(pcm) / rate
    print(f"turn {duration:.1f} s, {len(events)} segments ({len(events) - 1} joins), Chromium output at {out_rate} Hz, "
          f"recorded {len(recorded) / out_rate:.1f} s after alignment")
    for name, moved in (("joins", joins), ("mid-segment control", control)):
        bad = [ms for ms in moved if abs(ms) > GAP_LIMIT_MS]
        print(f"audio, {name}: {len(moved)} measured, {len(bad)} with a gap/overlap over {GAP_LIMIT_MS:.0f} ms "
              f"({', '.join(f'{ms:+.1f}' for ms in bad) or 'none'}); median |shift| "
              f"{np.median(np.abs(moved)) if moved else 0.0:.2f} ms")
    times = np.array(result["frames"])
    index = np.rint((times - PRIMING / AUDIO_RATE) * fps).astype(int)
    index[times < PRIMING / AUDIO_RATE + 0.5 / fps] = 0
    total = int(round(duration * fps))
    join_frames = [int(round(e["start"] * fps)) for e in events[1:]]
    print(f"video: {len(times)} frames presented of {total}; {frames_at_joins(index, total, join_frames)}; "
          f"Chromium dropped {result['dropped']}")
    if "region" in events[0]:
        drawn = np.array(result["composited"], int)
        print(f"composited canvas (face delivery): {len(drawn)} frames drawn of {total}; "
              f"{frames_at_joins(drawn, total, join_frames)}; compositor errors: {result['errors'] or 'none'}")


def frames_at_joins(index: np.ndarray, total: int, join_frames: list[int]) -> str:
    """How often the last and first frame of each join were shown (missing, repeated), and frames missing elsewhere."""
    counts = np.bincount(index[index >= 0], minlength=total)
    around = sorted({f + d for f in join_frames for d in (-1, 0) if 0 <= f + d < len(counts)})
    missing = sum(counts[f] == 0 for f in around)
    return (f"at the joins (last + first frame, {len(around)} frames): {missing} missing, "
            f"{sum(counts[f] > 1 for f in around)} repeated; elsewhere {sum(c == 0 for c in counts) - missing} missing")


if __name__ == "__main__":
    raise SystemExit(main())
