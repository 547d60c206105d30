// Spoken answers through the Web Speech API, where the browser has it; callers show a fallback otherwise.

const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition || null;

/** True when this browser offers speech recognition at all. */
export const speechSupported = Boolean(Recognition);

/**
 * Dictation into a text box. `handlers`: onText(finalText, interimText) as words are recognised,
 * onState(listening), onError(code) when recognition stops with an error (e.g. "network", "not-allowed").
 */
export class Dictation {
  constructor(handlers) {
    this.handlers = handlers;
    this.recognition = null;
  }

  get listening() {
    return this.recognition !== null;
  }

  start(lang) {
    if (!Recognition || this.recognition) return;
    const recognition = new Recognition();
    recognition.lang = lang;
    recognition.continuous = true;
    recognition.interimResults = true;
    let finalText = "";
    recognition.onresult = (event) => {
      let interim = "";
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const result = event.results[i];
        if (result.isFinal) finalText += result[0].transcript;
        else interim += result[0].transcript;
      }
      this.handlers.onText(finalText, interim);
    };
    recognition.onerror = (event) => {
      if (event.error !== "aborted" && event.error !== "no-speech") this.handlers.onError(event.error);
    };
    recognition.onend = () => {
      this.recognition = null;
      this.handlers.onState(false);
    };
    this.recognition = recognition;
    try {
      recognition.start();
    } catch (e) {
      this.recognition = null;
      this.handlers.onError(e.name || "start-failed");
      return;
    }
    this.handlers.onState(true);
  }

  stop() {
    this.recognition?.stop();
  }
}
