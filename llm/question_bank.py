"""Interview question data (catalogue, per-job question sets, phrases) and answer-based retrieval."""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from llm.base import InterviewContext
from llm.question_data import Bank, Question, read_bank

QUESTIONS_DIR = Path(__file__).with_name("questions")
MAX_SPOKEN_NAME_CHARS = 60  # characters kept of a client-supplied company/job name (whole words)
TAG_WEIGHT = 2.0  # score per tag found in the answer; n-gram coverage adds at most 1.0
ASKED_OVERLAP = 0.6  # share of a question's bigrams a message must hold to count as asking it
SCORE_DECIMALS = 6  # rounding that keeps ranking independent of set iteration order
# Bigrams of Korean endings and function words: frequent in answers, meaningless for relatedness.
STOP_GRAMS = frozenset(
    "니다 습니 세요 해요 어요 아요 예요 에요 있습 있었 었습 였습 했습 합니 입니 됩니 됐습 하는 하고 하게 "
    "해서 에서 으로 그리 그래 그런 저는 제가 저희 어떻 무엇 것을 것이 있는 있으 있다 했다 했고 주세 주시 "
    "시겠 겠어 나요 까요".split()
)
_NAME_DROP = re.compile(r"[\x00-\x1f\x7f{}\[\]<>#*`\"\\]")


@dataclass(frozen=True)
class QuestionSet:
    """A job's questions rendered for one interview (company and job filled in)."""

    org_type: str
    company_name: str
    job_name: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class CommonSet:
    """Questions every interview can use, rendered for one interview."""

    self_introduction: Question
    motivation: Question
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Phrases:
    """The scripted interviewer's spoken phrases, rendered for one interview."""

    greeting: str
    ack_short: tuple[str, ...]
    ack_medium: tuple[str, ...]
    ack_long: tuple[str, ...]
    keyword_acks: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    related_leads: tuple[str, ...]
    next_leads: tuple[str, ...]
    follow_up_leads: tuple[str, ...]
    reverse_question: str
    question_keywords: tuple[str, ...]
    answered_question: str
    no_question: str
    closing: str
    after_closing: tuple[str, ...]


def root_for(language: str) -> Path:
    """The question data of the interview's language (Korean at the top, English under en/)."""
    return QUESTIONS_DIR / "en" if language == "en" else QUESTIONS_DIR


@lru_cache(maxsize=4)
def load(root: Path = QUESTIONS_DIR) -> Bank:
    """Load and validate the data files under `root` once (raises QuestionDataError)."""
    return read_bank(root)


def catalog() -> dict:
    """Org types with their companies and jobs, as the demo page and validators need them, and their display names
    in English (the Korean names stay the values the API takes)."""
    bank = load()
    return {
        "default_org_type": bank.default_org_type,
        "org_types": {
            name: {"companies": list(org.companies), "jobs": list(org.jobs)}
            for name, org in bank.org_types.items()
        },
        "names": {"en": english_names()},
    }


def english_names() -> dict[str, str]:
    """Catalogue name → English display name, for org types, companies and jobs that have one."""
    phrases = load(root_for("en")).phrases
    return {**phrases.get("org_type_names", {}), **phrases.get("company_names", {}), **phrases.get("job_titles", {})}


def clean_name(value: str | None) -> str | None:
    """A client-supplied name made safe to speak and to quote: one short line, no markup."""
    if not value:
        return None
    text = " ".join(_NAME_DROP.sub(" ", unicodedata.normalize("NFKC", value)).split())
    if len(text) > MAX_SPOKEN_NAME_CHARS:  # cut between words: "… NHS Foundation Trust", never "… Trus"
        cut = text[:MAX_SPOKEN_NAME_CHARS + 1]
        text = cut[:cut.rfind(" ")] if " " in cut else cut[:MAX_SPOKEN_NAME_CHARS]
    return text.strip() or None


def org_type_of(context: InterviewContext) -> str:
    """The catalogue org type for `context` (the job's own org type when the given one is unknown)."""
    bank = load(root_for(context.language))
    if context.org_type in bank.org_types:
        return context.org_type
    job = bank.jobs.get(clean_name(context.job_name) or "")
    return job.org_type if job else bank.default_org_type


def question_set(context: InterviewContext) -> QuestionSet | None:
    """The job's question set for this interview, or None when the job is missing or unknown."""
    job_name = clean_name(context.job_name)
    job = load(root_for(context.language)).jobs.get(job_name or "")
    if job is None:
        return None
    company = _company(context)
    title = job_title(job.name, context.language)
    return QuestionSet(
        org_type=org_type_of(context), company_name=company, job_name=job.name,
        questions=tuple(_render_question(q, company, title) for q in job.questions),
    )


def common_set(context: InterviewContext) -> CommonSet:
    """Self-introduction, motivation and the general questions for the context's org type."""
    bank, org = load(root_for(context.language)), org_type_of(context)
    company, job = _company(context), job_title(clean_name(context.job_name) or "", context.language)
    return CommonSet(
        self_introduction=_render_question(bank.self_introduction, company, job),
        motivation=_render_question(bank.motivation, company, job),
        questions=tuple(
            _render_question(q, company, job)
            for q, orgs in bank.common if not orgs or org in orgs
        ),
    )


def phrases(context: InterviewContext) -> Phrases:
    """The spoken phrases for this interview, greeting chosen by which names are known."""
    raw = load(root_for(context.language)).phrases
    company = clean_name(context.company_name)
    job = job_title(clean_name(context.job_name) or "", context.language) or None
    variant = "company_and_job" if company and job else "company" if company else "job" if job else "none"
    greeting = raw["greetings"][variant].replace("{company}", company or "").replace("{job}", job or "")
    acks = raw["acknowledgements"]
    return Phrases(
        greeting=greeting,
        ack_short=tuple(acks["short"]), ack_medium=tuple(acks["medium"]), ack_long=tuple(acks["long"]),
        keyword_acks=tuple((tuple(k["keywords"]), tuple(k["texts"])) for k in raw["keyword_acknowledgements"]),
        related_leads=tuple(raw["related_leads"]), next_leads=tuple(raw["next_leads"]),
        follow_up_leads=tuple(raw["follow_up_leads"]),
        reverse_question=raw["reverse_question"],
        question_keywords=tuple(raw["question_keywords"]),
        answered_question=raw["answered_question"], no_question=raw["no_question"],
        closing=raw["closing"], after_closing=tuple(raw["after_closing"]),
    )


def scored(
    questions: Sequence[Question], answer_text: str, exclude: Collection[str] = ()
) -> list[tuple[Question, float]]:
    """Questions not in `exclude` (ids) with their relatedness to the answer, best first, ties in input order."""
    pool = [q for q in questions if q.id not in exclude]
    answer_grams = _grams(answer_text)
    answer_norm = _normalize(answer_text)
    df = Counter(g for q in pool for g in _doc_grams(q))
    idf = {g: math.log(1.0 + len(pool) / n) for g, n in df.items()}
    results = []
    for q in pool:
        doc = _doc_grams(q)
        total = sum(idf[g] for g in doc)
        coverage = sum(idf[g] for g in doc & answer_grams) / total if total else 0.0
        hits = sum(1 for tag in q.tags if _tag_in(tag, answer_norm))
        results.append((q, round(TAG_WEIGHT * hits + coverage, SCORE_DECIMALS)))
    # sorted() is stable, so equal scores keep the data's curated order
    return sorted(results, key=lambda pair: -pair[1])


def rank(questions: Sequence[Question], answer_text: str, exclude: Collection[str] = ()) -> list[Question]:
    """Questions not in `exclude` (ids), the one most related to the candidate's answer first."""
    return [q for q, _ in scored(questions, answer_text, exclude)]


def asked_ids(questions: Iterable[Question], texts: Iterable[str]) -> set[str]:
    """Ids of the questions that the interviewer texts already asked (verbatim or nearly)."""
    said = [(_compact(t), _grams(t)) for t in texts]
    asked = set()
    for q in questions:
        compact, grams = _compact(q.text), _grams(q.text)
        for text_compact, text_grams in said:
            if compact in text_compact or (grams and len(grams & text_grams) / len(grams) >= ASKED_OVERLAP):
                asked.add(q.id)
                break
    return asked


def job_title(job_name: str, language: str) -> str:
    """How the job is spoken of in the interview's language (the catalogue's Korean name is the key)."""
    return _english_name("job_titles", job_name, language)


def company_title(company: str | None, language: str) -> str | None:
    """How a catalogue company is named in the interview's language (others as given)."""
    return _english_name("company_names", company, language) if company else company


def _english_name(table: str, name: str, language: str) -> str:
    if language != "en" or not name:
        return name
    return load(root_for("en")).phrases.get(table, {}).get(name, name)


def _company(context: InterviewContext) -> str:
    bank = load(root_for(context.language))
    named = company_title(clean_name(context.company_name), context.language)
    return named or bank.org_types[org_type_of(context)].default_company


def _render_question(q: Question, company: str, job: str) -> Question:
    def fill(text: str) -> str:
        return text.replace("{company}", company).replace("{job}", job)

    return Question(q.id, fill(q.text), q.kind, q.tags, tuple(fill(f) for f in q.follow_ups))


def _normalize(text: str) -> str:
    """Lower-case words of letters and digits only, single-spaced."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _compact(text: str) -> str:
    return _normalize(text).replace(" ", "")


@lru_cache(maxsize=8192)
def _grams(text: str) -> frozenset[str]:
    """Character bigrams inside each word: robust to Korean particles and endings."""
    grams = {w[i:i + 2] for w in _normalize(text).split() for i in range(len(w) - 1)}
    return frozenset(grams - STOP_GRAMS)


@lru_cache(maxsize=8192)
def _doc_grams(q: Question) -> frozenset[str]:
    return _grams(" ".join((q.text, *q.tags)))


def _tag_in(tag: str, answer_norm: str) -> bool:
    """Whether a tag occurs in the answer: as a whole word for Latin tags, as a substring otherwise."""
    norm = _normalize(tag)
    if norm.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(norm)}(?![a-z0-9])", answer_norm) is not None
    return norm.replace(" ", "") in answer_norm.replace(" ", "")
