"""The interviewer's chat engine by name; `LLM_ENGINE` picks one. A new engine is one module and one line here.

A remote primary is wrapped in a fallback chain: primary → the configured fallback (LLM_FALLBACK_*) →
the embedded interviewer (the dialogue policy), so a turn is answered even when every server is down. Each remote
engine's system prompt carries the policy's block for the turn, and with LLM_REPLY_GUARD its replies are checked.
"""
from __future__ import annotations

from typing import Any

from llm import llamacpp, ollama, openai_compat
from llm.base import ChatEngine, ChatEntry


def _scripted(config: Any) -> ChatEngine:
    import threading

    from interview.text import warm_up
    from interview.scripted import ScriptedInterviewer

    # the Korean analyser loads in about a second: in the background now, not in the first answer's reply
    threading.Thread(target=warm_up, name="kiwi-warm-up", daemon=True).start()
    return ScriptedInterviewer(total_questions=config.INTERVIEW_QUESTIONS)


ENGINES: dict[str, ChatEntry] = {
    "scripted": ChatEntry(_scripted),
    "openai": openai_compat.ENTRY,
    "ollama": ollama.ENTRY,
    "llamacpp": llamacpp.ENTRY,
}


# Engines that cannot summarize (a tiny base model) and trim their own context instead.
TRIMS_OWN_CONTEXT = frozenset({"llamacpp"})


def _fallback(config: Any) -> ChatEngine | None:
    """The remote fallback of the seed (e.g. OpenAI gpt-4o-mini), when LLM_FALLBACK_API_URL is set."""
    if not config.LLM_FALLBACK_API_URL:
        return None
    from llm.openai_compat import OpenAIChatEngine
    from llm.prompts import build_messages

    key = config.LLM_FALLBACK_API_KEY or config.OPENAI_API_KEY or None
    return OpenAIChatEngine(config.LLM_FALLBACK_API_URL, config.LLM_FALLBACK_MODEL, key, config.LLM_TIMEOUT_S,
                            label=config.LLM_FALLBACK_LABEL, build_messages=build_messages)


def create(name: str, config: Any) -> ChatEngine:
    """Build engine `name` (with its fallback chain when remote); ValueError lists the valid names."""
    if name not in ENGINES:
        raise ValueError(f"unknown LLM engine {name!r}; valid: {', '.join(sorted(ENGINES))}")
    engine = ENGINES[name].build(config)
    if name == "scripted":
        return engine
    from llm.fallback import FallbackChatEngine
    from llm.summary import HistorySummarizer, SummarizingEngine

    from interview.remote_guard import GuardedEngine, PolicyPromptedEngine

    bare = [e for e in (engine, _fallback(config)) if e is not None]
    remote = [PolicyPromptedEngine(e) for e in bare]
    if config.LLM_REPLY_GUARD:
        remote = [GuardedEngine(e, config.INTERVIEW_QUESTIONS) for e in remote]
    summarizing = [(e, b) for e, b in zip(remote, bare) if b.name not in TRIMS_OWN_CONTEXT]
    if summarizing:
        # a summary is no interviewer reply: the bare engines write it, without the policy block or the guard
        summarizer = HistorySummarizer(FallbackChatEngine([b for _, b in summarizing]),
                                       budget_tokens=config.LLM_CONTEXT_BUDGET_TOKENS)
        wrapped = [e for e, _ in summarizing]
        remote = [SummarizingEngine(e, summarizer) if e in wrapped else e for e in remote]
    # the scripted interviewer reads asked questions from the full history, so only remote engines get summaries
    from llm.call_gate import CallGate

    return FallbackChatEngine([*remote, _scripted(config)], cooldown_s=config.LLM_COOLDOWN_S,
                              stall_s=config.LLM_STALL_S, gate=CallGate(config.MAX_REMOTE_LLM_CALLS))
