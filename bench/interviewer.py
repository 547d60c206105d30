"""Score an interviewer engine on the interview-situations set, per kind of reply and language.

    python -m bench.interviewer                       # the embedded interviewer, tuned and held-out parts
    python -m bench.interviewer --url http://host:8000/v1 --model qwen3   # an OpenAI-compatible server
    python -m bench.interviewer --part independent    # the set written blind to the code (or --part all)
    python -m bench.interviewer --part sealed5        # one blind set (tests/data/interview_situations_sealed*.json),
                                                      # kept for the integrator's one final measurement

A reply passes when it makes the expected move (judged from its text, so any engine can be scored), mentions
what it must, and does none of what it must not (see `violations`). Moving on (next_question, timed_out) is not a
follow-up: a question that names a detail of the answer is one; a simpler re-ask keeps to the pending question (its
topic, a rewording or a prompt for an example) and never digs into the non-answer; a closing announces no next question.
"""
from __future__ import annotations

import argparse
import json
import re
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from interview.cues import squash
from interview.english_lexicon import may_be_noun
from interview.reading import intent_of
from interview.text import detect_language, kiwi, split_sentences
from interview.topics import candidate_pool
from llm.base import ChatTurn, InterviewContext, Message
from llm.prompts import build_prompt
from interview.scripted import ScriptedInterviewer

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
TUNED, HELD_OUT = DATA / "interview_situations.json", DATA / "interview_situations_heldout.json"
INDEPENDENT = DATA / "interview_situations_independent.json"
# Blind sets, each written by someone who never read the interviewer and run once before it became a development set.
SEALED_SETS = {path.stem.removeprefix("interview_situations_"): path
               for path in sorted(DATA.glob("interview_situations_sealed*.json"))}
REPOSES_PENDING = {"repeat", "reask_interrupted", "language", "answer_question", "redirect"}
_PRAISE = ("인상적", "훌륭", "좋은답변", "잘드러나", "완벽", "impressive", "great answer", "excellent", "well done")
_LINK = ("이어서여쭤", "이어서질문", "말씀하신내용과", "since you mentioned", "following on from", "building on")
_PAST_QUESTION = ("하셨나요", "셨나요", "었나요", "았나요", "how did you", "did you", "what did you")
_HYPOTHETICAL = ("하시겠", "겠어요", "겠습니까", "하실지", "하실 건", "하실 것 같", "하실 거 같", "한다면", "하신다면",
                 "생겼다고 생각", "would you",
                 "how would", "what would")
# Asking words that borrow the forms of _HYPOTHETICAL without asking what the candidate would do.
_POLITE_ASKING = re.compile(r"주시겠(어요|습니까)|would you (say|describe|call|rate|like|mind)", re.IGNORECASE)
# A question that points back at the situation just asked about ("그런 상황이라면", "in that case").
_POINTS_BACK = re.compile(r"그런\s?(상황|경우|일|업무)|그\s?(상황|경우|일|업무)|이런\s?(상황|경우)|"
                          r"\b(that|this|such a) (situation|case|position|scenario|task|job|kind of (task|work|thing))\b|"
                          r"\bin that case\b", re.IGNORECASE)
# A scenario the reply sets up for the candidate to act in ("Say …", "Suppose …", "만약에 …", "…한다면").
_SCENARIO = re.compile(r"(^|[.!?—-]\s*|,\s*)(say|suppose|imagine|let's say|picture)\b|만약|라면|한다면|다면",
                       re.IGNORECASE)
# Words that open or frame a line, never a scene of its own (Kiwi reads "만약" as a noun; "okay" may be one).
_NO_SCENE = frozenset({"만약", "okay", "alright", "right", "sure", "great", "fine", "well", "thanks", "cheers"})
_SCENE_WORDS = 2  # words beyond the question bank's that make a scenario a scene of its own ("a matted cat … hissing")
# A request may open with a short lead-in ("Next, tell me …", "So, please walk me through …").
_REQUEST_EN = re.compile(r"([a-z]+( [a-z]+)?[,:]\s+)?(please\s+)?(tell|walk|describe|give|share|explain|talk)\b", re.I)
_REQUEST_KO = re.compile(r"((말씀|설명|소개|이야기|얘기|답변|예를|들려)[^.?!]*(주(세요|십시오|시기 바랍니다|이소)|줘요)"
                         r"|궁금(합니다|해요)|듣고 싶(습니다|어요))[.!]?$")  # "…가 궁금합니다." asks too
_CLOSING = ("감사", "수고", "고마", "고맙", "thank", "cheers for coming")
_CARRIES_ON = ("다음질문", "넘어가", "next question", "move on", "let's continue")  # a thank-you that is no closing
# How an interviewer flags that a question is being put again in simpler words or with a prompt for an example.
_REWORDED = ("바꿔", "예를", "예 하나", "예로", "쉽게", "간단히", "떠올", "another way", "put simply", "in other words",
             "example", "simpler", "simply")
_MOVES_ON = ("next_question", "timed_out")
# The answer said back as the ground of the question that follows: a follow-up, unless the reply says it moves on.
_SAYS_BACK = re.compile(r"\byou (mentioned|said|told me|talked about)\b|말씀하신|말씀하셨|하셨는데|하셨다고|셨다고", re.I)
# Words of asking itself and English function words (which lemminflect does not list, so they might be nouns): never
# a detail of the candidate's answer.
_ASKING_WORDS = {"ko": frozenset({"예", "예시", "사례", "상황", "경우", "부분", "질문", "답변", "생각", "말씀", "하나", "본인"}),
                 "en": frozenset({"example", "examples", "instance", "situation", "time", "thing", "things", "part",
                                  "mind", "answer", "question", "that", "this", "these", "those", "there", "them",
                                  "they", "what", "which", "with", "from", "about", "into", "your", "yours",
                                  "where", "when", "who", "why", "how", "other", "others", "another", "each",
                                  "give", "tell", "share", "walk", "talk", "describe", "explain", "more"})}
Engine = Callable[[ChatTurn], str]


@dataclass(frozen=True)
class Verdict:
    """One situation's outcome."""

    id: str
    language: str
    move: str
    passed: bool
    problems: tuple[str, ...]
    reply: str


def turn_of(situation: dict) -> ChatTurn:
    """The situation as a chat turn."""
    ctx = situation["context"]
    context = InterviewContext(company_name=ctx.get("company_name"), job_name=ctx.get("job_name"),
                               total_questions=ctx.get("total_questions", 5), language=situation["language"])
    history = tuple(Message(role, text) for role, text in situation["history"])
    flags = situation.get("flags", {})
    return ChatTurn(situation["answer"], history, context, interrupted=flags.get("interrupted", False),
                    answer_timed_out=flags.get("answer_timed_out", False))


def judge(situation: dict, reply: str) -> Verdict:
    """Whether `reply` is what a good interviewer says in this situation."""
    turn, expect = turn_of(situation), situation["expect"]
    problems = [*_move_problems(turn, expect["move"], reply), *violations(turn, expect["must_not"], reply)]
    problems += [f"does not mention {m!r}" for m in expect["must_mention"] if squash(m.lower()) not in
                 squash(reply.lower())]
    return Verdict(situation["id"], situation["language"], expect["move"], not problems, tuple(problems), reply)


def _said_questions(turn: ChatTurn) -> list[str]:
    return [m.content for m in turn.history if m.role == "assistant"]


def _contains(reply: str, question: str) -> bool:
    """The reply asks `question` (verbatim up to spacing, punctuation and case, or its last question sentence)."""
    flat = squash(reply.lower())
    last = (split_sentences(question) or ("",))[-1]
    return bool(last) and (squash(question.lower()) in flat or squash(last.lower()) in flat)


def _pending(turn: ChatTurn) -> str:
    said = _said_questions(turn)
    if not said:
        return ""
    parts = split_sentences(said[-1]) or ("",)
    told = [i for i, s in enumerate(parts[:-1]) if s.rstrip("\"')\u201d\u2019").endswith((".", "!"))]
    return " ".join(parts[told[-1] + 1:] if told else parts)


def _new_mains(turn: ChatTurn, reply: str) -> list[str]:
    """Catalogue questions the reply asks that no interviewer line has asked yet (in full or by their last sentence:
    a re-ask of a scenario that ends on a catalogue question's ask is not a new main question)."""
    said = _said_questions(turn)
    return [q.text for q in candidate_pool(turn.context)
            if _contains(reply, q.text) and not any(_contains(line, q.text) for line in said)]


def _asks(reply: str) -> bool:
    """The reply asks something: a question mark, or a last sentence that requests an answer (as the question
    catalogue's "Tell me about …" / "…말씀해 주세요." lines do)."""
    last = (split_sentences(reply) or ("",))[-1]
    return "?" in reply or bool(_REQUEST_EN.match(last) or _REQUEST_KO.search(last))


def _move_problems(turn: ChatTurn, move: str, reply: str) -> list[str]:
    pending, asks = _pending(turn), _asks(reply)
    has_pending = bool(pending) and _contains(reply, pending)
    if move in REPOSES_PENDING:
        problems = [] if has_pending else ["does not put the pending question again"]
        if move == "answer_question" and len(_beyond_the_last_line(turn, reply)) < 20:
            problems.append("does not answer the candidate's question")
        return problems
    carries_on = any(c in squash(reply.lower()) or c in reply.lower() for c in _CARRIES_ON)
    if move == "close":
        closes = any(c in reply.lower() for c in _CLOSING) and not carries_on
        return [] if not asks and closes else ["does not close"]
    if not asks:
        return ["asks nothing"]
    if has_pending:
        return ["asks the pending question again"]
    if move == "pivot" and not (_hypothetical(reply) and _on_the_pending_topic(turn, pending, reply)):
        return ["does not ask how they would approach it"]
    if move in _MOVES_ON and not _new_mains(turn, reply) and (_answer_details_asked(turn, reply)
                                                              or not _asks_about_anything(turn, reply)
                                                              or _SAYS_BACK.search(reply) and not carries_on):
        return ["follows up instead of moving on"]
    if move in ("reask_simpler", "pivot") and carries_on:
        return ["announces the next question"]  # "다음 질문입니다. 스트레스는 어떻게 관리하시나요?" shares a word only
    if move == "reask_simpler" and not _reasks(turn, pending, reply):
        return ["does not put the question again, simpler"]
    if move in ("reask_simpler", "follow_up", "pivot") and _new_mains(turn, reply):
        return ["moves to a new main question"]
    return []


def _content_words(text: str, language: str) -> set[str]:
    """Nouns (ko, by Kiwi's tags) or words of four letters or more that may be nouns (en, by lemminflect's lexicon)."""
    if language == "ko":
        return {t.form for t in kiwi().tokenize(text) if t.tag in ("NNG", "NNP", "SL", "SH") and len(t.form) >= 2}
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]{3,}", text) if may_be_noun(w.lower())}


@lru_cache(maxsize=2)
def _interview_vocabulary(language: str) -> frozenset[str]:
    """Every content word of the question bank (all sets and phrases): the words any interviewer asks with."""
    bank = Path(__file__).resolve().parent.parent / "llm" / "questions"
    files = bank.glob("en/**/*.json") if language == "en" else (p for p in bank.glob("**/*.json") if "en" not in p.parts)
    return frozenset(_content_words(" ".join(f.read_text(encoding="utf-8") for f in files), language))


def _asked_sentences(reply: str) -> list[str]:
    sentences = list(split_sentences(reply))
    return [s for s in sentences if s.endswith("?")] or sentences[-1:]


def _answer_details_asked(turn: ChatTurn, reply: str, pending: str = "") -> set[str]:
    """Details of the candidate's answer that the reply's question names (a follow-up): the answer's own content words,
    less the company, the job, the bank's interview vocabulary and the pending question's words."""
    language, context = turn.context.language, turn.context
    own = _content_words(turn.message, language) - _content_words(
        f"{context.company_name or ''} {context.job_name or ''} {pending}", language) - _interview_vocabulary(language)
    own -= _ASKING_WORDS.get(language, frozenset())
    return {w for s in _asked_sentences(reply) for w in _content_words(s, language)} & own


def _asks_about_anything(turn: ChatTurn, reply: str) -> bool:
    """The reply's question names something (a topic of its own or of the answer): not a bare "Could you give me an
    example?" / "예를 들어 말씀해 주세요", which asks for more of the same answer."""
    language = turn.context.language
    asked = {w for s in _asked_sentences(reply) for w in _content_words(s, language)}
    return bool(asked - _ASKING_WORDS[language])


def _reasks(turn: ChatTurn, pending: str, reply: str) -> bool:
    """The reply puts the pending question again, simpler: on the pending question's topic, flagged as a rewording or
    a prompt for an example, or as what they would do; never a follow-up on the non-answer's own words."""
    language, low = turn.context.language, reply.lower()
    if _answer_details_asked(turn, reply, pending):
        return False
    asked = {w for s in _asked_sentences(reply) for w in _content_words(s, language)} - _ASKING_WORDS[language]
    return bool(asked & _content_words(pending, language)) or any(cue in low for cue in _REWORDED) or (
        _hypothetical(reply) and _on_the_pending_topic(turn, pending, reply))


def _on_the_pending_topic(turn: ChatTurn, pending: str, reply: str) -> bool:
    """The reply keeps to the pending question: a word of its topic, a pointer back to it ("그런 상황이라면", "in that
    situation") or a scenario set up for it with a scene of its own ("Say a matted cat comes in hissing …") — not a
    stock "만약 동료와 갈등이 생긴다면 어떻게 하시겠어요?" or "Say you had a conflict with a coworker …", which names
    at most one word the question bank does not use, put anywhere."""
    language = turn.context.language
    said = _content_words(reply, language) - _ASKING_WORDS[language]
    scene = said - _interview_vocabulary(language) - _NO_SCENE  # ("Okay. Say you had a disagreement …")
    return bool(said & _content_words(pending, language)) or bool(_POINTS_BACK.search(reply)) or bool(
        _SCENARIO.search(reply) and len(scene) >= _SCENE_WORDS)


def _hypothetical(reply: str) -> bool:
    """The reply asks what the candidate would do: "would you", "하시겠어요" — not a polite request ("말씀해
    주시겠어요?") nor a stock "what would you say are your strengths?"."""
    low = _POLITE_ASKING.sub(" ", reply.lower())
    return any(h in squash(low) or h in low for h in _HYPOTHETICAL)


def _beyond_the_last_line(turn: ChatTurn, reply: str) -> str:
    """What the reply says besides the interviewer's last line (or, where it is not said whole, its question): the
    answer to the candidate's question, squashed."""
    said = _said_questions(turn)
    flat, last = squash(reply.lower()), squash(said[-1].lower()) if said else ""
    if last and last in flat:
        return flat.replace(last, "", 1)
    return flat.replace(squash(_pending(turn).lower()), "", 1)


def violations(turn: ChatTurn, must_not: list[str], reply: str) -> list[str]:
    """What the reply does that it must not; language and one-question checks always apply."""
    language, flat, low = turn.context.language, squash(reply), reply.lower()
    found = []
    if detect_language(reply) != language:
        found.append("wrong language")
    if reply.count("?") > 1:
        found.append("more than one question")
    checks = {
        "repeat_question": lambda: any(_contains(reply, q) for q in _said_questions(turn)[:-1] if "?" in q),
        "new_main_question": lambda: bool(_new_mains(turn, reply)),
        "invent_number": lambda: _invents_a_number(turn, reply),
        "false_praise": lambda: any(p in flat or p in low for p in _PRAISE),
        "presuppose": lambda: any(p in flat or p in low for p in _PAST_QUESTION),
        "ask_motivation": lambda: any(intent_of(s, language).intent == "motivation"
                                      for s in split_sentences(reply) if "?" in s),
        "false_link": lambda: any(p in flat or p in low for p in _LINK) and not _link_is_true(turn, reply),
    }
    found += [name for name in must_not if name in checks and checks[name]()]
    return found


def _invents_a_number(turn: ChatTurn, reply: str) -> bool:
    """The reply states a figure that no one gave: not the candidate, not the organisation's or the job's own name
    ("9급 신규"), not an earlier line of the interview."""
    given = " ".join([turn.message, turn.context.company_name or "", turn.context.job_name or "",
                      *(m.content for m in turn.history)])
    return bool(set(re.findall(r"\d+", reply)) - set(re.findall(r"\d+", given)))


def _link_is_true(turn: ChatTurn, reply: str) -> bool:
    """A claimed link names a word the candidate actually said."""
    words = [w for w in re.findall(r"[\w]+", reply) if len(w) >= 2]
    return any(squash(w) in squash(turn.message) for w in words[:12])


def embedded() -> Engine:
    """The embedded interviewer."""
    engine = ScriptedInterviewer()
    return engine.reply


def remote(url: str, model: str, api_key: str | None = None, timeout_s: float = 60.0) -> Engine:
    """An OpenAI-compatible server, with the project's system prompt."""
    from llm.openai_compat import OpenAIChatEngine

    engine = OpenAIChatEngine(url, model, api_key, timeout_s)
    return lambda turn: "".join(engine.stream(turn, build_prompt(turn), threading.Event())).strip()


def score(engine: Engine, path: Path) -> list[Verdict]:
    """Every situation of the file judged."""
    situations = json.loads(path.read_text(encoding="utf-8"))
    return [judge(s, engine(turn_of(s))) for s in situations]


def summary(verdicts: list[Verdict]) -> dict[str, dict[str, str]]:
    """Pass counts per language and move."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for v in verdicts:
        for lang in (v.language, "all"):
            for move in (v.move, "all"):
                table[lang][move][0] += v.passed
                table[lang][move][1] += 1
    return {lang: {move: f"{p}/{n} ({100 * p / n:.0f}%)" for move, (p, n) in sorted(moves.items())}
            for lang, moves in table.items()}


def main() -> None:
    """CLI: print the tuned and held-out scores (and the failures with -v)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an OpenAI-compatible base URL (default: the embedded interviewer)")
    parser.add_argument("--model", default="default")
    parser.add_argument("--part", default="both",
                        choices=("tuned", "held-out", "both", "independent", "all", *SEALED_SETS),
                        help="both: tuned and held-out; all: those and the independent set; "
                        "sealed…: only that blind set")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    engine = remote(args.url, args.model) if args.url else embedded()
    parts = {"tuned": TUNED, "held-out": HELD_OUT, "independent": INDEPENDENT, **SEALED_SETS}
    chosen = {"both": ("tuned", "held-out"), "all": ("tuned", "held-out", "independent")}.get(args.part, (args.part,))
    for name, path in parts.items():
        if name not in chosen:
            continue
        verdicts = score(engine, path)
        print(f"== {name} ({path.name})")
        print(json.dumps(summary(verdicts), ensure_ascii=False, indent=1))
        for v in verdicts if args.verbose else ():
            if not v.passed:
                print(f"  FAIL {v.id} [{v.move}] {'; '.join(v.problems)}\n       {v.reply}")


if __name__ == "__main__":
    main()
