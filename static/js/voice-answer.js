// The answer box's voice input: the mic button (push-to-talk), the hands-free switch, the live transcript,
// and what the report needs about each answer (spoken with word timings, or typed; time to answer).

import "./coach-strings.js";
import { t } from "./i18n.js";
import { AnswerClock, AnswerRecorder } from "./recorder.js";

const supported = Boolean(navigator.mediaDevices?.getUserMedia && window.AudioWorkletNode);

/** `els`: mic, handsFree, note, answer (elements); `language()`: "ko" or "en";
 * `listener`: microphone(live), heard() (new words in the live transcript), answered() (the answer is being sent). */
export function wireVoiceAnswer(els, language, listener = null) {
  const clock = new AnswerClock();
  let prefix = ""; // what was typed before speaking
  let spoken = null; // {text, words, startedAt} of the last transcript put into the box
  const note = (key, params) => { els.note.textContent = key ? t(key, params) : ""; };
  const recorder = new AnswerRecorder({
    onState(state) {
      els.mic.setAttribute("aria-pressed", String(state === "recording"));
      els.mic.textContent = t(state === "recording" ? "action.micStop" : "action.mic");
      els.answer.readOnly = state !== "idle";
      listener?.microphone(state === "recording");
      if (state === "starting") note("voice.starting");
      else if (state === "recording") note(els.handsFree.checked ? "voice.recordingHandsFree" : "voice.recording");
      else if (state === "finishing") note("voice.finishing");
    },
    onPartial(text) {
      if (`${prefix}${text}` !== els.answer.value) listener?.heard(); // new words, not a repeat: the candidate spoke
      els.answer.value = `${prefix}${text}`;
    },
    onFinal(transcript) {
      els.answer.value = `${prefix}${transcript.text}`;
      spoken = { text: els.answer.value, words: transcript.words, startedAt: recorder.firstSpeechAt };
      note("voice.done");
      els.answer.focus();
    },
    onError(message) { note("speech.error", { error: message }); },
  });
  const toggle = () => {
    if (!supported) return;
    if (recorder.state === "recording") {
      recorder.stop();
      return;
    }
    if (recorder.busy) return;
    const typed = els.answer.value.trim();
    prefix = typed ? `${typed} ` : "";
    recorder.start(language(), { handsFree: els.handsFree.checked });
  };
  const relabel = () => {
    els.mic.disabled = !supported;
    els.mic.textContent = t(recorder.state === "recording" ? "action.micStop" : "action.mic");
    if (!supported) note("speech.unsupported");
  };
  els.mic.addEventListener("click", toggle);
  relabel();
  return {
    toggle,
    relabel,
    stop: () => recorder.cancel(),
    questionAsked: () => clock.questionAsked(),
    /** How the answer `text` being sent was given: spoken (with the word timings) or typed. */
    meta(text) {
      listener?.answered();
      const voiced = spoken !== null && text.length > 0; // fixed by hand or not, it was spoken
      const meta = voiced
        ? { mode: "voice", words: spoken.words, time_to_answer_s: clock.since(spoken.startedAt ?? undefined) }
        : { mode: "typed", time_to_answer_s: clock.since() };
      spoken = null;
      note(null);
      return meta;
    },
  };
}
