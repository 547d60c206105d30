"""How an answer reads as a whole, beside what it claims: relevance to the question's intent, coherence, keyword
stuffing and specificity (shared by the interviewer's reading and the coach's report)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from interview.cues import Cues, has
from interview.structure import SentenceShape, function_word_share, repeated

if TYPE_CHECKING:
    from interview.reading import Claims, StarParts

EN_LIST_MIN_WORDS = 6  # below this an English answer is too short to be judged a list by its function words
EN_LIST_SHARE = 0.12  # share of function words under which English words are a list, not sentences
EN_SENTENCE_SHARE = 0.25  # share above which English words read as sentences, whatever their predicates


def relevance_of(text: str, intent: str, shapes: tuple[SentenceShape, ...], claims: Claims, star: StarParts,
               cues: Cues, lang: str) -> float:
    """How far the answer addresses the question's intent: the answer's own structure, not word overlap."""
    work = len(has(text, cues.work, lang))
    score = 0.3 * min(work, 1) + 0.15 * (work >= 3)
    score += 0.15 * any(s.first_person for s in shapes) + 0.1 * bool(claims.actions)
    by_intent = {
        "motivation": bool(has(text, cues.motivation, lang)),
        "future": bool(has(text, cues.plan, lang)),
        "reverse": any(s.question for s in shapes),
        "technical": bool(claims.technologies or claims.actions),
        "failure": bool(star.action and (star.result or has(text, cues.lesson, lang))),
    }
    score += 0.3 * by_intent.get(intent, bool(star.action or star.result or claims.projects))
    score -= 0.35 * len(has(text, cues.off_topic, lang))
    return round(max(0.0, min(1.0, score)), 3)


def coherence_of(shapes: tuple[SentenceShape, ...], text: str, cues: Cues, lang: str) -> float:
    """Sentences with predicates, linked by connectives (before any keyword-list scaling)."""
    if not shapes:
        return 0.0
    with_predicate = sum(s.predicate for s in shapes) / len(shapes)
    linked = min(1.0, len(has(text, cues.connectives, lang)) / max(1, len(shapes) - 1)) if len(shapes) > 1 else 1.0
    return round(0.7 * with_predicate + 0.3 * linked, 3)


def keyword_stuffing(shapes: tuple[SentenceShape, ...], sents: tuple[str, ...], text: str, lang: str) -> bool:
    """Noun lists without predicates, or the same phrases over and over; in English, few function words."""
    if not shapes:
        return False
    share, words = function_word_share(text) if lang == "en" else (1.0, 0)
    if words >= EN_LIST_MIN_WORDS and share < EN_LIST_SHARE:
        return True
    if words >= EN_LIST_MIN_WORDS and share >= EN_SENTENCE_SHARE:
        return False  # "I'm Dana, a backend engineer…": spoken sentences, however the predicates were guessed
    nouns, words = sum(s.nouns for s in shapes), sum(s.words for s in shapes)
    bare = [s for s in shapes if not s.predicate and s.nouns >= 4]
    # English has no tagger here, so only Korean is judged by its share of nouns
    noun_heavy = lang == "ko" and words >= 8 and nouns / max(1, words) > 0.6
    return bool(bare and sum(s.words for s in bare) * 2 >= words) or noun_heavy or repeated(sents, lang)


def specificity_of(claims: Claims) -> float:
    """Numbers, named things and the candidate's own role."""
    score = 0.2 * min(len(claims.numbers), 2) + 0.15 * min(len(claims.projects) + len(claims.technologies), 2)
    score += 0.2 * bool(claims.own_role) + 0.1 * bool(claims.people) + 0.1 * bool(claims.results)
    return round(min(1.0, score), 3)
