// The page's wiring: set-up panel → interview view, buttons, keyboard, dictation, language toggle.

import { Captions } from "./captions.js";
import { onLanguageChange, setLanguage, t, translate } from "./i18n.js";
import { Interview } from "./interview.js";
import { PanelChoice } from "./panel.js";
import { AvatarPlayer } from "./player.js";
import { SetupPanel } from "./setup.js";
import { Dictation, speechSupported } from "./speech.js";
import { Transcript } from "./transcript.js";

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

/** The page-facing side of an interview (see Interview's `ui`). */
function interviewUi(progress) {
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
      if (document.activeElement === document.body || document.activeElement === null) $("answer").focus();
    },
  };
}

/** The microphone button: dictation into the answer box, or a visible note where the browser has none. */
function wireDictation(setup) {
  let prefix = ""; // what was typed before dictation started
  const label = () => t(dictation.listening ? "action.micStop" : "action.mic");
  const dictation = new Dictation({
    onText(finalText, interim) {
      $("answer").value = `${prefix}${finalText}${interim}`;
    },
    onState(listening) {
      $("mic").setAttribute("aria-pressed", String(listening));
      $("mic").textContent = label();
      $("speech-note").textContent = listening ? t("speech.listening") : "";
    },
    onError(code) {
      $("speech-note").textContent = t("speech.error", { error: code });
    },
  });
  const relabel = () => {
    $("mic").disabled = !speechSupported;
    $("mic").textContent = label();
    if (!speechSupported) $("speech-note").textContent = t("speech.unsupported");
  };
  const toggle = () => {
    if (!speechSupported) return;
    if (dictation.listening) {
      dictation.stop();
      return;
    }
    const typed = $("answer").value.trim();
    prefix = typed ? `${typed} ` : "";
    dictation.start(setup.speechLanguage());
  };
  $("mic").addEventListener("click", toggle);
  relabel();
  return { toggle, relabel, stop: () => dictation.stop() };
}

/** The answer box: Enter sends (Shift+Enter and Enter finishing a Hangul syllable do not). */
function wireAnswer(interview, dictation) {
  const send = () => {
    const text = $("answer").value.trim();
    if (interview.busy) return;
    if (!text) {
      $("status-line").textContent = t("error.emptyAnswer");
      return;
    }
    dictation.stop();
    $("answer").value = "";
    interview.send(text);
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
}

/** The set-up panel: load the catalogues (with retry), then Start opens the interview view. */
function wireSetup(setup, panel, interview, heading) {
  let statusKey = "setup.loading";
  const showStatus = (key) => {
    statusKey = key;
    $("setup-status").textContent = key ? t(key) : "";
  };
  let preloadTimer = null; // the chosen avatar's idle loop is fetched once the choice has settled
  const preload = () => {
    clearTimeout(preloadTimer);
    preloadTimer = setTimeout(() => interview.player.preloadIdle(setup.chosenAvatar()), IDLE_PRELOAD_DELAY_MS);
  };
  for (const id of ["avatar", "resolution"]) $(id).addEventListener("change", preload);
  const load = async () => {
    showStatus("setup.loading");
    try {
      await setup.load();
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
  $("setup-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const settings = panel.settings(setup.values());
    clearTimeout(preloadTimer);
    $("setup").hidden = true;
    $("interview").hidden = false;
    $("interview-heading").textContent = heading();
    interview.player.setIdle(setup.chosenAvatar());
    interview.cast = panel.active ? panelCast(panel, setup, interview.player, settings.resolution) : null;
    interview.start(settings);
    $("answer").focus();
  });
  load();
  return { relabel: () => showStatus(statusKey) };
}

/** A panel interview's `cast`: the next speaker's fields, with that interviewer's idle loop shown meanwhile. */
function panelCast(panel, setup, player, resolution) {
  return (history) => {
    const turn = panel.turn(history);
    player.setIdle(setup.avatars.find((a) => a.base_name === turn.avatar && a.resolution === resolution) ?? null);
    return turn;
  };
}

function main() {
  translate();
  const setup = new SetupPanel($("setup-form"));
  const video = $("avatar-video");
  const captions = new Captions($("captions"), video);
  const transcript = new Transcript($("transcript"));
  const progress = progressView();
  const interview = new Interview({ captions, transcript, ui: interviewUi(progress) });
  interview.player = new AvatarPlayer(
    {
      screen: $("screen"), video, idle: $("idle-video"), still: $("still"), placeholder: $("placeholder"),
      playButton: $("play-overlay"),
    },
    {
      onPlaying: () => interview.onPlaying(),
      onEnded: () => interview.onEnded(),
      onError: (message) => showAlert(t("error.video", { message })),
    },
  );
  const heading = () => `${setup.saved.company_name ?? ""} · ${setup.saved.job_name ?? ""}`;
  const panel = new PanelChoice($("panel"), $("panel-members"));
  const setupView = wireSetup(setup, panel, interview, heading);
  const dictation = wireDictation(setup);
  wireAnswer(interview, dictation);

  $("new-interview").addEventListener("click", () => {
    if (!interview.finished && interview.history.length > 2 && !window.confirm(t("confirm.new"))) return;
    interview.stop();
    interview.player.hideIdle();
    dictation.stop();
    transcript.clear();
    showAlert(null);
    $("interview").hidden = true;
    $("setup").hidden = false;
    $("start").focus();
  });
  $("download").addEventListener("click", () => transcript.download(heading()));
  $("finished-download").addEventListener("click", () => transcript.download(heading()));
  $("finished-new").addEventListener("click", () => $("new-interview").click());
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
    panel.relabel();
    setupView.relabel();
    transcript.render();
    dictation.relabel();
    progress.relabel();
  });
  window.addEventListener("pagehide", () => interview.stop());
}

main();
