"""The typed settings refuse each mistake at start with a message naming the key (issue 25's list and more)."""
from __future__ import annotations

import pytest

from avatars.format import RESOLUTIONS
from settings import PROJECT_ROOT, ConfigError, CoreSettings
from runtime.config import Config
from settings.example import (DOCS_BEGIN, DOCS_END, ENGINE_DOCS, docs_block, engine_settings_markdown, env_example,
                              with_docs_block)
from tests.conftest import NO_ENV_FILE


def load(**values: object) -> Config:
    return Config.load(values, env_file=NO_ENV_FILE)


@pytest.mark.parametrize(("key", "value", "message"), [
    ("COOKIE_SECURE", "ture", "COOKIE_SECURE: Input should be a valid boolean"),
    ("WARM_UP", "maybe", "WARM_UP: Input should be a valid boolean"),
    ("RATE_LIMIT", "lots", "RATE_LIMIT must be Flask-Limiter syntax"),
    ("RATE_LIMIT_GENERATE", "30 per banana", "RATE_LIMIT_GENERATE must be Flask-Limiter syntax"),
    ("DEFAULT_RESOLUTION", "1080p", "DEFAULT_RESOLUTION: Input should be '720p', '480p' or '360p'"),
    ("JOB_BACKEND", "celery", "JOB_BACKEND: Input should be 'local' or 'redis'"),
    ("PIPELINE_MODE", "parallel", "PIPELINE_MODE: Input should be 'pipelined' or 'sequential'"),
    ("ALLOW_ANONYMOUS", "yes", "ALLOW_ANONYMOUS: Input should be"),
    ("GPT_SOVITS_STREAMING_MODE", "7", "GPT_SOVITS_STREAMING_MODE: Input should be less than or equal to 3"),
    ("MAX_CONCURRENT", "zero", "MAX_CONCURRENT: Input should be a valid integer"),
    ("PORT", "0", "PORT must be at least 1"),
    ("MUSETALK_BATCH_SIZE", "0", "MUSETALK_BATCH_SIZE: Input should be greater than or equal to 1"),  # its section
    ("TTS_TIMEOUT_S", "0", "TTS_TIMEOUT_S: Input should be greater than 0"),
    ("MIGRATE_ON_START", "sometimes", "MIGRATE_ON_START: Input should be a valid boolean"),
])
def test_a_mistaken_value_is_refused_naming_the_key(key, value, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")) as refused:
        load(**{key: value})
    assert value in str(refused.value) or "must be at least" in str(refused.value)


def test_a_misspelt_key_in_dotenv_names_the_closest_known_key(tmp_path):
    env = tmp_path / ".env"
    env.write_text("LLM_ENIGNE=openai\n")
    with pytest.raises(ConfigError, match=r"LLM_ENIGNE \(did you mean LLM_ENGINE\?\)"):
        Config.load(env_file=env)


def test_a_misspelt_key_with_the_projects_prefix_in_the_environment_is_refused(monkeypatch):
    monkeypatch.setenv("LLM_ENIGNE", "openai")
    with pytest.raises(ConfigError, match=r"in the environment: LLM_ENIGNE \(did you mean LLM_ENGINE\?\)"):
        load()


def test_the_projects_prefixes_follow_from_the_settings():
    from settings.loading import project_prefixes

    assert set(project_prefixes(Config, Config.ENV_PREFIXES)) == {
        "LLM_", "TTS_", "STT_", "LIPSYNC_", "REPORT_",  # the engine kinds (LLM_ENGINE, …)
        "MUSETALK_", "LLAMACPP_", "GPT_SOVITS_", "ELEVENLABS_",  # the engine sections' families
        "AVATAR_", "RATE_LIMIT", "JOB_", "PIPELINE_", "MEDIA_", "SESSION_", "DEFAULT_", "MIGRATE_"}  # the core's


def test_other_programs_variables_pass_by(monkeypatch):
    monkeypatch.setenv("EDITOR", "vi")
    monkeypatch.setenv("MUSETALK_TEST_DEVICE", "cuda")
    assert load().LLM_ENGINE == "scripted"


def test_the_core_settings_alone_read_their_keys_and_leave_the_engines_keys(tmp_path):
    env = tmp_path / ".env"
    env.write_text("DATABASE_URL=sqlite:///x.db\nMUSETALK_BATCH_SIZE=8\nELEVENLABS_API_KEY=k\n")
    core = CoreSettings.load(env_file=env, only_known=True)  # what the Alembic command reads
    assert core.DATABASE_URL == "sqlite:///x.db" and not hasattr(core, "MUSETALK_BATCH_SIZE")
    with pytest.raises(ConfigError, match="unknown config keys in .*MUSETALK_BATCH_SIZE"):
        CoreSettings.load(env_file=env)


def test_strict_booleans_accept_the_usual_spellings():
    assert load(COOKIE_SECURE="true").COOKIE_SECURE is True
    assert load(COOKIE_SECURE="0").COOKIE_SECURE is False
    assert load(RATE_LIMIT="10/second;300/minute").RATE_LIMIT == "10/second;300/minute"


def test_migrate_on_start_defaults_to_automatic():
    assert load().MIGRATE_ON_START is None and load(MIGRATE_ON_START="").MIGRATE_ON_START is None
    assert load(MIGRATE_ON_START="false").MIGRATE_ON_START is False


def test_env_example_is_the_generated_one():
    assert (PROJECT_ROOT / ".env.example").read_text() == env_example(Config), \
        "regenerate: interview-avatar config example > .env.example"


def test_the_engine_settings_tables_in_the_docs_are_the_generated_ones():
    generated = docs_block(ENGINE_DOCS.read_text())
    assert generated == engine_settings_markdown(Config), "regenerate: interview-avatar config example --write"
    assert "| `ELEVENLABS_API_KEY` | none |" in generated and "| `MUSETALK_BATCH_SIZE` | `16` |" in generated


def test_the_docs_block_is_replaced_in_place():
    text = f"intro\n{DOCS_BEGIN}old tables\n{DOCS_END}\noutro\n"
    assert with_docs_block(text, "new\n") == f"intro\n{DOCS_BEGIN}new\n{DOCS_END}\noutro\n"
    with pytest.raises(ValueError, match="markers"):
        docs_block("no markers here")


def test_env_example_values_have_no_inline_comments():
    for line in env_example(Config).splitlines():
        if line and not line.startswith("#"):
            assert " #" not in line and "\t#" not in line, line


def test_the_resolution_choices_are_the_avatar_formats():
    assert set(Config.model_fields["DEFAULT_RESOLUTION"].annotation.__args__) == set(RESOLUTIONS)
