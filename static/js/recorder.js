// Spoken answers transcribed by the server: microphone → 16 kHz PCM chunks over Socket.IO (stt_start, stt_chunk,
// stt_stop) → live partial text → the final transcript in the answer box, where the candidate can fix it.
// Push-to-talk (press to start, press again to stop) or hands-free (stops by itself after SILENCE_MS of quiet).

import { io } from "../vendor/socket.io.esm.min.js";

export const SAMPLE_RATE = 16000; // Hz, what the server's stt_start takes
const SILENCE_MS = 2000; // hands-free: quiet this long after speaking ends the answer
const SPEECH_RMS = 0.02; // a chunk louder than this counts as speaking
const WORKLET_URL = new URL("./pcm-worklet.js", import.meta.url);

let socket = null; // one connection for the page, opened when the first answer is spoken
const listeners = new Set(); // recorders that hear the connection's events

function connection() {
  if (!socket) {
    socket = io({ transports: ["websocket", "polling"] });
    socket.on("stt_partial", (event) => listeners.forEach((r) => r.partial(event)));
    socket.on("stt_final", (event) => listeners.forEach((r) => r.final(event)));
    socket.on("error", (event) => event?.stt && listeners.forEach((r) => r.failed(event)));
  }
  return socket;
}

/**
 * One recording at a time. `handlers`: onState(state: "idle"|"starting"|"recording"|"finishing"),
 * onPartial(text), onFinal(transcript {text, language, duration, words}), onError(message).
 */
export class AnswerRecorder {
  constructor(handlers) {
    this.handlers = handlers;
    this.state = "idle";
    this.audio = null; // {context, stream, node}
    this.spokeAt = null; // performance.now() of the last loud chunk
    this.firstSpeechAt = null;
    this.handsFree = false;
    listeners.add(this);
  }

  partial(event) {
    if (this.state === "recording") this.handlers.onPartial(event.text);
  }

  final(event) {
    this.finished(() => this.handlers.onFinal(event));
  }

  failed(event) {
    this.finished(() => this.handlers.onError(event.error));
  }

  get busy() {
    return this.state !== "idle";
  }

  /** Start recording in `language` ("ko"/"en"); `handsFree` ends it after a silence. */
  async start(language, { handsFree = false } = {}) {
    if (this.busy) return;
    this.handsFree = handsFree;
    this.spokeAt = null;
    this.firstSpeechAt = null;
    this.setState("starting");
    try {
      // no browser speech processing: Whisper copes with room noise, and AGC/noise suppression smear consonants
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
      const context = new AudioContext({ sampleRate: SAMPLE_RATE });
      await context.audioWorklet.addModule(WORKLET_URL);
      const ack = await connection().timeout(10000).emitWithAck("stt_start", { language, format: "pcm16",
                                                                               sample_rate: SAMPLE_RATE });
      if (!ack.accepted) throw new Error(ack.error);
      const node = new AudioWorkletNode(context, "pcm-chunker");
      node.port.onmessage = (event) => this.chunk(event.data);
      context.createMediaStreamSource(stream).connect(node);
      this.audio = { context, stream, node };
      this.setState("recording");
    } catch (e) {
      this.release();
      this.setState("idle");
      this.handlers.onError(e.message || String(e));
    }
  }

  /** End the answer: the server sends the final transcript. */
  stop() {
    if (this.state !== "recording") return;
    this.release();
    this.setState("finishing");
    connection().emit("stt_stop");
  }

  /** Drop the recording without a transcript. */
  cancel() {
    if (!this.busy) return;
    this.release();
    connection().emit("stt_cancel");
    this.setState("idle");
  }

  chunk({ pcm, rms }) {
    if (this.state !== "recording") return;
    connection().emit("stt_chunk", pcm);
    const now = performance.now();
    if (rms >= SPEECH_RMS) {
      this.spokeAt = now;
      this.firstSpeechAt ??= now;
    }
    if (this.handsFree && this.spokeAt !== null && now - this.spokeAt > SILENCE_MS) this.stop();
  }

  finished(report) {
    if (this.state !== "finishing" && this.state !== "recording") return;
    this.release();
    this.setState("idle");
    report();
  }

  release() {
    if (!this.audio) return;
    this.audio.node.port.onmessage = null;
    for (const track of this.audio.stream.getTracks()) track.stop();
    this.audio.context.close();
    this.audio = null;
  }

  setState(state) {
    this.state = state;
    this.handlers.onState(state);
  }
}

/** When each answer started: the interviewer's question ended → the candidate spoke or sent. */
export class AnswerClock {
  constructor() {
    this.askedAt = null;
  }

  questionAsked() {
    this.askedAt = performance.now();
  }

  /** Seconds from the question to `at` (default now), or null before the first question. */
  since(at = performance.now()) {
    return this.askedAt === null ? null : Math.max(0, Math.round((at - this.askedAt) / 100) / 10);
  }
}
