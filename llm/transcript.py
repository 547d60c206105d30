"""Transcript-style prompts for a base (not instruction-tuned) model, and the filter that cleans its reply.

A base model has no chat template: it continues text. The prompt is a short Korean framing of the
interview (the context build_prompt uses, condensed) followed by the conversation as "면접관: …" /
"지원자: …" lines, ending with "면접관:"; the model's next line is the interviewer's reply.
Nothing here imports llama_cpp, so it is tested without the optional extra.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from llm.base import ChatTurn, Message, Prompt
from llm.prompts import DEFAULT_TOTAL_QUESTIONS, count_questions, interview_stage
from llm.question_bank import clean_name
from llm.summary import SPEAKERS

INTERVIEWER = SPEAKERS["assistant"]  # "면접관"
CANDIDATE = SPEAKERS["user"]  # "지원자"
STOP_SEQUENCES = ("\n", f"{CANDIDATE}:", f"{INTERVIEWER}:")  # the reply is one interviewer line
MAX_LINE_CHARS = 300  # characters of one message kept in the transcript (longer ones are cut)
FRAMING_QUESTIONS = 3  # retrieved questions of the job's set quoted in the framing
# Speaker labels the model may write inside its line (a stray turn): the reply is cut at "label:".
LABEL_WORDS = ("면접관", "지원자", "면접자", "질문자", "응답자", "interviewer", "candidate")
_LABEL = re.compile(rf"({'|'.join(LABEL_WORDS)})\s*[:：]", re.IGNORECASE)
LABEL_TAIL_CHARS = max(map(len, LABEL_WORDS)) + 4  # chars at the end of a stream that may be an unfinished label

_STAGE_TEXT = {
    "opening": "면접관은 먼저 인사하고 지원자에게 자기소개를 부탁한다.",
    "questions": "면접관은 지원자의 답변에 짧게 반응한 뒤 다음 질문을 하나 한다.",
    "closing": "면접관은 질문을 마치고 지원자에게 감사 인사를 하며 면접을 끝낸다.",
}


@dataclass(frozen=True)
class Transcript:
    """A completion prompt: the framing, the speaker lines (oldest first), and the open interviewer cue."""

    framing: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        """The whole prompt, ending with "면접관:" for the model to continue."""
        return f"{self.framing}\n\n" + "".join(f"{line}\n" for line in self.lines) + f"{INTERVIEWER}:"


def one_line(text: str, max_chars: int = MAX_LINE_CHARS) -> str:
    """Whitespace (newlines included) collapsed to single spaces, cut to `max_chars` with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= max_chars else flat[: max_chars - 1].rstrip() + "…"


def speaker_line(message: Message) -> str:
    """A history message as one "면접관: …" / "지원자: …" line (a newline in it cannot start a fake turn)."""
    return f"{SPEAKERS[message.role]}: {one_line(message.content)}"


def framing(turn: ChatTurn, prompt: Prompt, total_questions: int = DEFAULT_TOTAL_QUESTIONS) -> str:
    """A few Korean sentences that set the scene: who interviews for what, the stage, sample questions."""
    context = turn.context
    total = context.total_questions or total_questions
    company, job = clean_name(context.company_name), clean_name(context.job_name)
    where = " ".join(part for part in (company, f"{job} 직무" if job else None) if part)
    sentences = [
        f"다음은 {where + ' ' if where else ''}채용 면접 기록이다.",
        "면접관은 존댓말로 한두 문장만 말하고, 한 번에 질문을 하나만 한다.",
        f"지금까지 질문 {count_questions(turn.history)}개를 했고, 질문은 모두 {total}개 정도이다.",
        _STAGE_TEXT[interview_stage(turn.history, total)],
    ]
    questions = [one_line(q) for q in prompt.questions[:FRAMING_QUESTIONS]]
    if questions:
        sentences.append("면접관이 준비한 질문: " + " ".join(f"{i}) {q}" for i, q in enumerate(questions, 1)))
    return "\n".join(sentences)


def build_transcript(
    turn: ChatTurn,
    prompt: Prompt,
    count_tokens: Callable[[str], int] | None = None,
    budget_tokens: int | None = None,
) -> Transcript:
    """The completion prompt for this turn; with a token counter and budget, the oldest lines are dropped to fit."""
    lines = [speaker_line(m) for m in (*turn.history, Message("user", turn.message))]
    transcript = Transcript(framing(turn, prompt), tuple(lines))
    if count_tokens is None or budget_tokens is None:
        return transcript
    return Transcript(transcript.framing, _fit(transcript, count_tokens, budget_tokens))


def _fit(transcript: Transcript, count_tokens: Callable[[str], int], budget_tokens: int) -> tuple[str, ...]:
    """The newest lines whose prompt fits `budget_tokens` (the candidate's message is always kept)."""
    fixed = count_tokens(Transcript(transcript.framing, ()).text)
    sizes = [count_tokens(line + "\n") for line in transcript.lines]
    kept, used = 0, fixed
    for size in reversed(sizes):
        if kept and used + size > budget_tokens:
            break
        used += size
        kept += 1
    return transcript.lines[len(sizes) - kept:]


class ReplyFilter:
    """Cleans a streamed reply: leading space dropped, cut at a stray speaker label, trailing space trimmed.

    feed() returns the text that is safe to emit now; a tail that could still become a label ("면접",
    "지원자 ") or is only whitespace is held back until the next piece or finish().
    """

    def __init__(self) -> None:
        self._pending = ""
        self.emitted = ""
        self.cut = False  # a speaker label was found: everything after it is dropped

    def feed(self, piece: str) -> str:
        """Add a piece; return what may be emitted now ("" while holding back or after a cut)."""
        if self.cut:
            return ""
        self._pending += piece
        if not self.emitted:
            self._pending = self._pending.lstrip()
        match = _LABEL.search(self._pending)
        if match:
            self.cut = True
            text, self._pending = self._pending[: match.start()].rstrip(), ""
            return self._emit(text)
        safe = _unfinished_label_start(self._pending)
        while safe > 0 and self._pending[safe - 1].isspace():
            safe -= 1  # trailing space waits: it is dropped if nothing follows it
        if safe <= 0:
            return ""
        text, self._pending = self._pending[:safe], self._pending[safe:]
        return self._emit(text)

    def finish(self) -> str:
        """The rest of the reply, trailing whitespace removed."""
        text, self._pending = self._pending.rstrip(), ""
        return self._emit(text)

    def _emit(self, text: str) -> str:
        self.emitted += text
        return text


def _unfinished_label_start(text: str) -> int:
    """Where a speaker label may be starting at the end of `text` (len(text) when nowhere)."""
    for start in range(max(0, len(text) - LABEL_TAIL_CHARS), len(text)):
        tail = text[start:].rstrip().lower()
        if tail and any(word.startswith(tail) for word in LABEL_WORDS):
            return start
    return len(text)


def clean_reply(text: str) -> str:
    """The whole-text form of ReplyFilter (for non-streamed replies and tests)."""
    reply = ReplyFilter()
    return reply.feed(text) + reply.finish()

