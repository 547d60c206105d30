"""GPT-SoVITS voices carry their tuning from the catalogue into requests; /api/tts speaks wav, ogg and aac."""
from __future__ import annotations

import io
from urllib.parse import urlsplit

import av
import pytest

from tests.fakes.gpt_sovits_server import FakeGptSovits
from tts.gpt_sovits import GptSovitsEngine
from tts.voices import Catalogue, Voice, _voice_from_json

REF = "ref/calm.wav"
CALM = {"id": "calm", "engine": "gpt_sovits", "name": "Calm", "language": "ko", "ref_audio": REF,
        "prompt_text": "반갑습니다", "prompt_lang": "ko",
        "options": {"speed_factor": 0.9, "top_k": 10, "top_p": 0.8, "temperature": 0.6, "text_split_method": "cut2",
                    "seed": 42, "repetition_penalty": 1.2}}


def test_a_voices_tuning_reaches_the_gpt_sovits_request():
    voice = _voice_from_json(CALM)
    with FakeGptSovits(ref_audio_paths={REF}) as fake:
        engine = GptSovitsEngine(fake.base_url, voices=[voice], timeout_s=5)
        engine.synthesize("안녕하세요.", "calm")
        body = fake.tts_bodies[-1]
    assert {k: body[k] for k in CALM["options"]} == CALM["options"]
    assert body["ref_audio_path"] == REF and body["batch_size"] == 1
    other = GptSovitsEngine("http://127.0.0.1:9", voices=[Voice(**{**voice.__dict__, "options": {"top_k": 11}})])
    assert engine.settings != other.settings  # tuning is part of the TTS cache key


@pytest.mark.parametrize("options, words", [
    ({"speed": 1.0}, "not a GPT-SoVITS setting"),
    ({"top_k": "10"}, "must be a int"),
    ({"top_k": True}, "must be a int"),
    ({"speed_factor": 9.0}, "within"),
    ({"text_split_method": "cut9"}, "cut0"),
])
def test_bad_tuning_is_refused_when_the_catalogue_loads(options, words):
    with pytest.raises(ValueError, match=words):
        _voice_from_json({**CALM, "options": options})
    assert Catalogue((_voice_from_json(CALM),), "calm").get("calm").options["seed"] == 42


@pytest.mark.parametrize("media_type, container, codec", [("ogg", "ogg", "opus"), ("aac", "aac", "aac")])
def test_api_tts_speaks_ogg_and_aac(client, media_type, container, codec):
    binary = client.post("/api/tts", json={"text": "안녕하세요.", "media_type": media_type, "return_binary": True})
    assert binary.status_code == 200 and binary.mimetype == f"audio/{media_type}"
    with av.open(io.BytesIO(binary.data)) as f:
        assert f.format.name == container and f.streams.audio[0].codec_context.name == codec
        assert sum(frame.samples for frame in f.decode(audio=0)) > 0
    data = client.post("/api/tts", json={"text": "반갑습니다.", "media_type": media_type}).get_json()["data"]
    assert data["format"] == media_type and urlsplit(data["audio_url"]).path.endswith(f".{media_type}")
    served = client.get(data["audio_url"])
    assert served.status_code == 200 and served.mimetype == f"audio/{media_type}" and len(served.data) == data["file_size"]
    assert client.post("/api/tts", json={"text": "네.", "media_type": "mp3"}).status_code == 400
