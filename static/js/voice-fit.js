// The automatic voice fits the chosen interviewer: with the offline espeak engine, a drawn avatar whose preset
// interviewers are women (talk_long, 서지민) speaks with the female Korean voice, a man's with the male one.
// A voice the user picked stays theirs; only the "automatic" choice is replaced.

import { getJson } from "./api.js";

const AUTO_VOICE = "Custom";
const FITTED_ENGINE = "espeak"; // the remote engines' own default voice is the operator's choice

/** Replace the automatic voice by one of the avatar's gender whenever the avatar changes. */
export async function fitVoiceToAvatar(setup) {
  const [presets, catalogue] = await Promise.all([getJson("/api/characters/presets"), getJson("/api/tts/voices")]);
  const genderOf = new Map(presets.data.characters.map((c) => [c.avatar, /여|female/i.test(c.gender) ? "female" : "male"]));
  const voices = catalogue.data.voices;
  const { avatar, engine, voice } = setup.fields;
  voice.addEventListener("change", () => delete voice.dataset.fitted); // the user's own choice from now on
  const apply = () => {
    const gender = genderOf.get(avatar.value);
    if (engine.value !== FITTED_ENGINE || !gender || (voice.value !== AUTO_VOICE && !voice.dataset.fitted)) return;
    const offered = new Set([...voice.options].map((o) => o.value));
    const fit = voices.find((v) => v.engine === FITTED_ENGINE && v.language === "ko" && v.gender === gender && offered.has(v.id));
    if (fit) {
      voice.value = fit.id;
      voice.dataset.fitted = "1";
    }
  };
  avatar.addEventListener("change", apply);
  engine.addEventListener("change", apply);
  apply();
}
