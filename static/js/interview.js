// One interview: a stored session (POST /api/sessions) whose answers go to the chat-and-lipsync stream with its
// `session_id`; the stream's events become the page's state. A stored interview can be resumed or replayed.

import { ApiError, STREAM_URL, newClientId, postJson, streamEvents } from "./api.js";
import { t } from "./i18n.js";

export const OPENING_MESSAGE = "면접을 시작합니다."; // the first turn: the interviewer greets
const MAX_AUTO_RETRIES = 3; // queue full (503): automatic retries before asking the user
const CANCEL_GRACE_MS = 3000; // after POST /api/cancel, wait this long for `cancelled` before dropping the stream
const STAGES = new Set(["llm", "tts", "lipsync"]); // `status` stages shown as steps (tts_done closes "tts")
const STAGE_BEFORE = { tts: "llm", lipsync: "tts" };

const secondsSince = (start) => Math.round((performance.now() - start) / 100) / 10;

/**
 * `parts`: player (AvatarPlayer), captions (Captions), transcript (Transcript) and ui, whose methods are
 * setBusy(busy), stage(name, state), resetStages(), status(text), words(text), queue(text|null),
 * error(text|null, retry?), restoreAnswer(text), focusAnswer(), progress({index, total, finished}|null).
 * `onSpeaker` (optional, set per interview): called with the name of the panel member who spoke a reply (the
 * server decides who speaks: the `done` event's `speaker`).
 */
export class Interview {
  constructor(parts) {
    Object.assign(this, parts);
    this.settings = null;
    this.sessionId = null; // the stored session (null: the database is unavailable, turns carry their history)
    this.history = [];
    this.answers = []; // how each candidate message of `history` was given (voice/typed, for the report), in order
    this.active = null; // the turn being generated
    this.videoTurn = null; // the turn whose video the player shows (or will)
    this.retryTimer = null;
    this.finished = false; // the interviewer closed the interview
  }

  /** Begin a new interview with `settings` (the set-up panel's request fields), stored: the interviewer greets. */
  async start(settings) {
    this.stop();
    this.settings = settings;
    this.sessionId = null;
    this.history = [];
    this.answers = [];
    this.finished = false;
    this.ui.progress(null);
    this.transcript.clear();
    try {
      this.sessionId = (await postJson("/api/sessions", { ...settings, metadata: { settings } })).session_id;
    } catch (e) {
      console.warn("the interview is not stored (it goes on without a session)", e);
    }
    this.send(OPENING_MESSAGE, { opening: true });
  }

  /** Continue (or replay) stored `session`: its transcript `entries` and `history` come back; the next answer
   * goes on in the same session. */
  resume(session, settings, entries, history) {
    this.stop();
    Object.assign(this, { settings, sessionId: session.session_id, history, finished: session.finished });
    this.answers = history.filter((m) => m.role === "user").map(() => null); // how they were given is not stored
    this.transcript.clear();
    for (const entry of entries) this.transcript.add(entry);
    this.ui.progress(session.question_index ? { index: session.question_index, total: session.total_questions,
                                                finished: session.finished } : null);
    if (!history.length) this.send(OPENING_MESSAGE, { opening: true });
  }

  /** Play a stored reply's video again (not while a turn is being made). */
  replay(videoUrl) {
    if (this.active) return;
    this.videoTurn = null;
    this.player.startTurn();
    this.player.finish(videoUrl, 0);
  }

  /** Drop whatever is in flight (new interview, leaving the page). */
  stop() {
    const turn = this.active;
    this.cancel();
    if (turn) {
      turn.ended = true;
      turn.controller.abort(); // leaving the stream also cancels the job on the server
      this.active = null;
    }
    this.player.stop();
    this.captions.clear();
  }

  get busy() {
    return this.active !== null;
  }

  /** Send the candidate's `message` (or the opening) as a new turn; `meta`: how it was given (for the report). */
  async send(message, { opening = false, retries = 0, meta = null, extra = null } = {}) {
    if (this.active || this.finished) return;
    this.clearRetry();
    const turn = {
      message, opening, retries, meta, extra, sid: newClientId(), controller: new AbortController(), started: performance.now(),
      timing: {}, words: "", response: "", cancelled: false, ended: false,
      interrupting: !opening && this.player.playing, // sent while the last reply played: its question is re-asked
      entry: opening ? null : this.transcript.add({ role: "candidate", text: message, at: new Date(), pending: true }),
    };
    this.active = turn;
    this.ui.setBusy(true);
    this.ui.error(null);
    this.ui.resetStages();
    this.ui.words("");
    this.ui.queue(null);
    this.ui.status(t("status.connecting"));
    this.player.startTurn();
    this.captions.clear();
    this.videoTurn = turn;
    const where = this.sessionId ? { session_id: this.sessionId } : { history: this.history };
    const body = { ...this.settings, ...extra, message, ...where, sid: turn.sid,
                   delivery: this.player.delivery, // "face": the player composites the face box over the idle loop
                   interrupted: turn.interrupting };
    try {
      await streamEvents(STREAM_URL, body, (event) => this.handle(turn, event), turn.controller.signal);
      if (!turn.ended) this.fail(turn, t("error.network"));
    } catch (e) {
      if (turn.ended) return;
      if (e.name === "AbortError" || turn.cancelled) this.cancelled(turn);
      else if (e instanceof ApiError && e.queueFull) this.busyRetry(turn, e.retryAfter);
      else if (e instanceof ApiError) this.fail(turn, t("error.http", { status: e.status, message: e.message }));
      else this.fail(turn, t("error.network"));
    }
  }

  handle(turn, event) {
    if (turn !== this.active) return;
    switch (event.type) {
      case "status": return this.onStatus(turn, event);
      case "token":
        turn.timing.firstWord ??= secondsSince(turn.started);
        turn.words += event.content;
        return this.ui.words(turn.words);
      case "llm_done":
        turn.response = event.response;
        return this.ui.words(turn.response);
      case "queue_position":
        return this.ui.queue(t("status.queue", { position: event.position, eta: Math.ceil(event.estimated_wait) }));
      case "segment":
        this.ui.queue(null);
        this.ui.status(t("status.segments", { done: event.index + 1, count: event.count }));
        if (event.caption) this.captions.add(event.caption);
        return this.player.addSegment(event);
      case "done": return this.done(turn, event);
      case "error": return this.fail(turn, t("error.turn", { message: event.message }));
      case "cancelled": return this.cancelled(turn);
      default: return undefined; // events added by newer servers
    }
  }

  onStatus(turn, event) {
    const stage = event.stage;
    if (STAGES.has(stage)) {
      if (STAGE_BEFORE[stage]) this.ui.stage(STAGE_BEFORE[stage], "done");
      this.ui.stage(stage, "active");
      this.ui.status(t(`status.${stage}`));
    } else if (event.stage === "tts_done") {
      this.ui.stage("tts", "done");
    }
  }

  done(turn, event) {
    turn.ended = true;
    this.active = null;
    const response = event.response ?? turn.response;
    Object.assign(turn.timing, event.elapsed ?? {});
    this.history.push({ role: "user", content: turn.message }, { role: "assistant", content: response });
    turn.speaker = event.speaker ?? null;
    if (event.speaker) this.onSpeaker?.(event.speaker);
    this.answers.push(turn.meta);
    if (turn.entry) turn.entry.pending = false;
    this.transcript.add({ role: "interviewer", speaker: turn.speaker, text: response, at: new Date(),
                          timing: turn.timing, video: event.video_url });
    this.ui.stage("lipsync", "done");
    this.ui.queue(null);
    this.ui.setBusy(false);
    this.ui.words(response);
    this.ui.status(this.player.playing ? t("status.playing") : "");
    if (event.question_index !== undefined) {
      this.finished = Boolean(event.finished);
      this.ui.progress({ index: event.question_index, total: event.total_questions, finished: this.finished });
    }
    this.player.finish(event.video_url, event.audio_duration);
  }

  /** The player started showing a turn's video. */
  onPlaying() {
    const turn = this.videoTurn;
    if (turn && turn.timing.firstVideo === undefined) {
      turn.timing.firstVideo = secondsSince(turn.started);
      this.transcript.render();
    }
    this.ui.stage("play", "active");
    if (!this.active) this.ui.status(t("status.playing"));
  }

  /** The avatar finished speaking. */
  onEnded() {
    if (this.active) return; // the previous reply ended while the next one is being made
    this.ui.stage("play", "done");
    this.ui.status(t(this.finished ? "status.finished" : "status.idle"));
    if (!this.finished) this.ui.focusAnswer();
  }

  /** Stop the turn being generated (Cancel button, Esc). */
  cancel() {
    const turn = this.active;
    if (this.retryTimer !== null) {
      this.clearRetry();
      if (turn) this.cancelled(turn);
      return;
    }
    if (!turn || turn.cancelled) return;
    turn.cancelled = true;
    this.ui.status(t("status.cancelling"));
    postJson("/api/cancel", { sid: turn.sid }).catch(() => turn.controller.abort());
    setTimeout(() => turn.controller.abort(), CANCEL_GRACE_MS);
  }

  cancelled(turn) {
    this.endFailed(turn);
    this.ui.status(t("status.cancelled"));
  }

  fail(turn, message) {
    this.endFailed(turn);
    this.ui.status("");
    this.ui.error(message, () => this.send(turn.message, { opening: turn.opening, meta: turn.meta }));
  }

  /** A turn that produced no reply: forget it and give the answer back for editing or resending. */
  endFailed(turn) {
    turn.ended = true;
    turn.controller.abort();
    if (this.active === turn) this.active = null;
    if (turn.entry) this.transcript.remove(turn.entry);
    if (!turn.opening) this.ui.restoreAnswer(turn.message);
    this.ui.resetStages();
    this.ui.queue(null);
    this.ui.setBusy(false);
    this.player.stop();
    this.captions.clear();
  }

  /** Queue full: count down Retry-After and resend, a few times, then leave it to the user. */
  busyRetry(turn, retryAfter) {
    if (turn.entry) this.transcript.remove(turn.entry);
    if (turn.retries >= MAX_AUTO_RETRIES) {
      this.fail(turn, t("error.busyManual"));
      return;
    }
    this.ui.status("");
    let left = retryAfter;
    const resend = () => {
      this.clearRetry();
      this.active = null;
      this.send(turn.message, { opening: turn.opening, retries: turn.retries + 1, meta: turn.meta, extra: turn.extra });
    };
    const tick = () => {
      if (left <= 0) return resend();
      this.ui.error(t("error.busy", { seconds: left }), resend);
      left -= 1;
      this.retryTimer = setTimeout(tick, 1000);
      return undefined;
    };
    tick();
  }

  clearRetry() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
