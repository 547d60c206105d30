// The page's wiring: set-up panel (and "My interviews") → interview view, buttons, keyboard, dictation, language.

import { Captions } from "./captions.js";
import { language, onLanguageChange, setLanguage, t, translate } from "./i18n.js";
import { Interview, OPENING_MESSAGE } from "./interview.js";
import { InterviewList, sessionSettings, storedEntries } from "./interviews.js";
import { Listening, wireListening } from "./listening.js";
import { PanelChoice } from "./panel.js";
import { AvatarPlayer } from "./player.js";
import { Countdown, showHint, showProgress } from "./practice.js";
import { ReportView } from "./report.js";
import { SetupPanel } from "./setup.js";
import { tailoringFields, wireTailoring } from "./tailoring.js";
import { wireAvatarUpload } from "./avatar-upload.js";
import { fitVoiceToAvatar } from "./voice-fit.js";
import { Transcript } from "./transcript.js";
import { wireVoiceAnswer } from "./voice-answer.js";

const $ = (id) => document.getElementById(id);
const STAGE_STATES = ["active", "done"];
const IDLE_PRELOAD_DELAY_MS = 1000; // a choice left alone this long gets its idle loop fetched before Start

/** The alert banner: one message, optionally with a Retry button. */
function showAlert(text, retry) {
  $("alert").hidden = !text;
  $("alert-text").textContent = text ?? "";
  const button = $("alert-retry");
  button.hidden = !retry;
  button.onclick = retry ? () => { showAlert(null); retry(); } : null;
}

/** The question counter ("질문 2/5") and, once the interviewer closed, the end-of-interview panel. */
function progressView() {
  let shown = null; // {index, total, finished} of the last reply, re-labelled after a language switch
  const render = () => {
    const badge = $("progress");
    badge.hidden = !shown;
    badge.classList.toggle("done", Boolean(shown?.finished));
    if (shown) {
      badge.textContent = shown.finished ? t("progress.finished")
        : t("progress.question", { index: shown.index, total: shown.total });
    }
    $("finished").hidden = !shown?.finished;
    $("answer-form").hidden = Boolean(shown?.finished);
  };
  return {
    set(state) {
      shown = state;
      render();
    },
    relabel: render,
  };
}

/** Study mode shows a hint for each question; real mode counts down the preparation and answer time. */
function practiceMode(interview, onLimit) {
  const countdown = new Countdown($("countdown"), onLimit);
  const real = () => interview.settings?.interview_mode === "real";
  const seconds = (id, fallback) => Math.max(0, Number($(id).value) || fallback);
  return {
    asked() {
      const question = [...interview.history].reverse().find((m) => m.role === "assistant")?.content;
      $("hint").replaceChildren();
      if (real()) countdown.start(seconds("prepare-seconds", 0), seconds("answer-seconds", 60));
      else showHint($("hint"), question, language(), interview.settings?.job_name);
    },
    /** The answer's timing for the report (real mode), and stop the countdown. */
    sent(meta, timedOut) {
      const limits = real() ? { time_limit_s: seconds("answer-seconds", 60), answer_time_s: countdown.answerTime(),
                                timed_out: timedOut } : {};
      countdown.stop();
      return { ...meta, ...limits };
    },
    stop: () => countdown.stop(),
  };
}

/** The page-facing side of an interview (see Interview's `ui`). */
function interviewUi(progress, questionAsked) {
  const stageItem = (name) => $("stages").querySelector(`[data-stage="${name}"]`);
  return {
    progress: progress.set,
    setBusy(busy) {
      $("send").disabled = busy;
      $("cancel").hidden = !busy;
      $("screen").classList.toggle("busy", busy);
    },
    stage(name, state) {
      const item = stageItem(name);
      item.classList.remove(...STAGE_STATES);
      item.classList.add(state);
      if (state === "active") item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    },
    resetStages() {
      for (const item of $("stages").children) {
        item.classList.remove(...STAGE_STATES);
        item.removeAttribute("aria-current");
      }
    },
    status(text) { $("status-line").textContent = text; },
    words(text) { $("interviewer-words").textContent = text; },
    queue(text) {
      $("queue-badge").hidden = !text;
      $("queue-badge").textContent = text ?? "";
    },
    error: showAlert,
    restoreAnswer(text) {
      const box = $("answer");
      if (!box.value.trim()) box.value = text;
    },
    focusAnswer() {
      questionAsked();
      if (document.activeElement === document.body || document.activeElement === null) $("answer").focus();
    },
  };
}

/** The answer box: Enter sends (Shift+Enter and Enter finishing a Hangul syllable do not). */
function wireAnswer(interview, dictation, practice) {
  const send = (timedOut = false) => {
    const text = $("answer").value.trim() || (timedOut ? t("practice.timeUp") : "");
    if (interview.busy) return;
    if (!text) {
      $("status-line").textContent = t("error.emptyAnswer");
      return;
    }
    dictation.stop();
    const meta = practice.sent(dictation.meta(text), timedOut);
    $("answer").value = "";
    interview.send(text, { meta, extra: timedOut ? { answer_timed_out: true } : null });
  };
  $("answer-form").addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  $("answer").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  $("cancel").addEventListener("click", () => interview.cancel());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && interview.busy) {
      event.preventDefault();
      interview.cancel();
    } else if (event.altKey && event.code === "KeyM" && !$("interview").hidden) {
      event.preventDefault();
      dictation.toggle();
    }
  });
  return { timeUp: () => send(true) };
}

/** "company · job" of `settings`, named in the page's language. */
const heading = (setup, settings) =>
  `${setup.label(settings?.company_name ?? "")} · ${setup.label(settings?.job_name ?? "")}`;

/** Switch from the set-up panel to the interview view of `settings`, with their avatar's idle loop. */
function showInterview(interview, setup, settings) {
  $("setup").hidden = true;
  $("interview").hidden = false;
  $("interview-heading").textContent = heading(setup, settings);
  interview.player.setIdle(setup.avatarFor(settings.avatar, settings.resolution));
}

/** The set-up panel: load the catalogues (with retry), then Start opens the interview view. */
function wireSetup(setup, panel, interview) {
  let statusKey = "setup.loading";
  const showStatus = (key) => {
    statusKey = key;
    $("setup-status").textContent = key ? t(key) : "";
  };
  let preloadTimer = null; // the chosen avatar's idle loop is fetched once the choice has settled
  const preload = () => {
    clearTimeout(preloadTimer);
    preloadTimer = setTimeout(() => {
      if (!$("setup").hidden) interview.player.preloadIdle(setup.chosenAvatar()); // not once an interview opened
    }, IDLE_PRELOAD_DELAY_MS);
  };
  for (const id of ["avatar", "resolution"]) $(id).addEventListener("change", preload);
  const load = async () => {
    showStatus("setup.loading");
    try {
      await setup.load();
      await fitVoiceToAvatar(setup);
      await panel.load();
      preload();
      $("start").disabled = false;
      showStatus("setup.ready");
      showAlert(null);
    } catch (e) {
      showAlert(t("setup.loadFailed", { message: e.message }), load);
      showStatus(null);
    }
  };
  wireTailoring($("tailoring"));
  wireAvatarUpload($("avatar-upload"), setup);
  $("setup-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const settings = { ...panel.settings({ ...setup.values(), ...tailoringFields($("tailoring"), $("voice")) }),
                       interview_mode: $("mode").value };
    clearTimeout(preloadTimer);
    showInterview(interview, setup, settings);
    interview.onSpeaker = panel.active ? panelSpeaker(panel, setup, interview.player, settings.resolution) : null;
    interview.start(settings);
    $("answer").focus();
  });
  load();
  return { relabel: () => showStatus(statusKey) };
}

/** A panel interview's `onSpeaker`: the idle loop of the interviewer who just spoke (the first before any reply). */
function panelSpeaker(panel, setup, player, resolution) {
  const show = (member) => member && player.setIdle(setup.avatarFor(member.avatar, resolution));
  show(panel.seated[0]);
  return (name) => show(panel.member(name));
}

function main() {
  translate();
  const setup = new SetupPanel($("setup-form"));
  const video = $("avatar-video");
  const captions = new Captions($("captions"), video);
  const transcript = new Transcript($("transcript"), (url) => interview.replay(url));
  const report = new ReportView(
    { panel: $("report"), body: $("report-body"), status: $("report-status"), print: $("report-print"),
      json: $("report-json"), html: $("report-html"), close: $("report-close") },
    () => ({ ...interview.settings, history: interview.history, answers: interview.answers,
             session_id: interview.sessionId ?? undefined }),
  );
  const progress = progressView();
  const voiceLanguage = () => setup.speechLanguage().slice(0, 2);
  const listening = new Listening($("screen"));
  const dictation = wireVoiceAnswer({ mic: $("mic"), handsFree: $("hands-free"), note: $("speech-note"),
                                      answer: $("answer") }, voiceLanguage,
                                    wireListening(listening, $("answer")));
  let answers = null; // the answer box's wiring (its time-up send), set below
  const interview = new Interview({ captions, transcript, ui: interviewUi(progress, () => {
    dictation.questionAsked();
    practice.asked();
  }) });
  const practice = practiceMode(interview, () => answers?.timeUp());
  interview.player = new AvatarPlayer(
    {
      screen: $("screen"), video, idle: $("idle-video"), still: $("still"), placeholder: $("placeholder"),
      playButton: $("play-overlay"),
    },
    {
      onPlaying: () => interview.onPlaying(),
      onEnded: () => {
        interview.onEnded();
        // the interviewer said goodbye (a live turn, not a replay): the feedback follows
        if (interview.finished && interview.videoTurn) report.open();
      },
      onError: (message) => showAlert(t("error.video", { message })),
      onAvatar: (avatar) => listening.setAvatar(avatar),
    },
  );
  const panel = new PanelChoice($("panel"), $("panel-members"));
  const setupView = wireSetup(setup, panel, interview);
  const saved = new InterviewList($("interview-list"), {
    alert: showAlert,
    open: (session, messages) => {
      const settings = sessionSettings(session);
      const seated = Boolean(settings.panel) && panel.seat(settings.panel); // a stored panel interview
      interview.onSpeaker = seated ? panelSpeaker(panel, setup, interview.player, settings.resolution) : null;
      showInterview(interview, setup, settings);
      const spoke = messages.filter((m) => m.role === "assistant" && m.speaker).map((m) => m.speaker);
      if (spoke.length) interview.onSpeaker?.(spoke[spoke.length - 1]);
      interview.resume(session, settings, storedEntries(messages, OPENING_MESSAGE, seated),
                       messages.map(({ role, content }) => ({ role, content })));
    },
  });
  saved.load();
  answers = wireAnswer(interview, dictation, practice);
  $("progress-open").addEventListener("click", () => showProgress($("progress-list"), $("progress-status")));

  $("new-interview").addEventListener("click", () => {
    if (!interview.finished && interview.history.length > 2 && !window.confirm(t("confirm.new"))) return;
    interview.stop();
    practice.stop();
    interview.player.hideIdle();
    listening.stop();
    dictation.stop();
    transcript.clear();
    showAlert(null);
    $("report").hidden = true;
    $("interview").hidden = true;
    $("setup").hidden = false;
    saved.load();
    $("start").focus();
  });
  $("download").addEventListener("click", () => transcript.download(heading(setup, interview.settings)));
  $("finished-download").addEventListener("click", () => transcript.download(heading(setup, interview.settings)));
  $("finished-new").addEventListener("click", () => $("new-interview").click());
  for (const id of ["finished-report", "report-now"]) $(id).addEventListener("click", () => report.open());
  $("captions-toggle").addEventListener("click", (event) => {
    const enabled = event.currentTarget.getAttribute("aria-pressed") !== "true";
    event.currentTarget.setAttribute("aria-pressed", String(enabled));
    captions.setEnabled(enabled);
  });
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => setLanguage(button.dataset.lang));
  }
  onLanguageChange(() => {
    setup.relabel();
    if (interview.settings) $("interview-heading").textContent = heading(setup, interview.settings);
    panel.relabel();
    setupView.relabel();
    transcript.render();
    dictation.relabel();
    progress.relabel();
    saved.render();
  });
  window.addEventListener("pagehide", () => interview.stop());
}

main();
