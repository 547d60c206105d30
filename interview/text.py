"""Sentences and tokens of an answer: Korean through kiwipiepy, English with a light regular-expression tokenizer."""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_ANALYSED_CHARS = 4000  # longer answers are read up to here (a spoken answer is far shorter)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")
_EN_TOKEN = re.compile(r"[A-Za-z][A-Za-z+#.\-']*[A-Za-z+#]|[A-Za-z]|\d+(?:[.,]\d+)*%?")
# Where a sentence may end: a run of . ! ? (and closing quotes or brackets) before a space, or a line break.
_BREAK = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)|\n+")
_LAST_WORD = re.compile(r"(\S+)\.$")
# A full stop after these ends no sentence: titles that lead on to a name ("Dr. Kim") and shorthands that lead on to
# what they introduce ("e.g. Kafka", "vs. last year").
_LEADING_SHORT = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "vs", "e.g", "i.e", "cf", "approx"})
# Shorthands that may close a sentence ("… at 7 a.m.", "… tests, docs, etc."): one ends only before a capital.
_CLOSING_SHORT = frozenset({"etc", "inc", "ltd", "co", "corp", "jr", "sr", "dept", "min", "hrs", "sec"})
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")  # "a.m", "U.S", "Ph.D" once the last full stop is cut
# Job words the default model splits wrongly ("펌웨어" → 퍼+ㅁ+웨어); taught to the analyser as nouns.
USER_NOUNS = ("펌웨어", "임베디드", "쿠버네티스", "백엔드", "프론트엔드", "데브옵스", "온보딩", "리팩터링", "리팩토링",
              "대시보드", "파이프라인", "챗봇", "스프린트", "애자일", "마이크로서비스")
_kiwi_lock = threading.Lock()
_kiwi: Any = None


@dataclass(frozen=True)
class Token:
    """One morpheme (Korean, Sejong tag) or word (English, tag "W" or "N" for numbers)."""

    form: str
    tag: str
    start: int = 0  # offset in the sentence (Korean only: for quoting the surface words)
    length: int = 0


def clean(text: str) -> str:
    """NFKC-normalised text without control characters, cut to the analysed length."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    return text[:MAX_ANALYSED_CHARS].strip()


def detect_language(text: str) -> str:
    """"ko" when Hangul outweighs Latin letters (a Korean answer may name English tools), else "en"."""
    hangul, latin = len(_HANGUL.findall(text)), len(_LATIN.findall(text))
    if hangul == 0 and latin == 0:
        return "ko"
    return "ko" if hangul * 3 >= latin else "en"


def kiwi() -> Any:
    """The shared Kiwi analyser, loaded once on first use (about a second) under a lock."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi  # imported lazily: loading the model takes a second

                analyser = Kiwi()
                for word in USER_NOUNS:
                    analyser.add_user_word(word, "NNG")
                _kiwi = analyser
    return _kiwi


def warm_up() -> None:
    """Load the analyser now (server start) so that the first reading is fast."""
    tokens("준비되었습니다.", "ko")


def sentences(text: str, language: str) -> tuple[str, ...]:
    """The text split into sentences, verbatim."""
    if not text:
        return ()
    if language == "ko" and _HANGUL.search(text):
        return tuple(s.text.strip() for s in kiwi().split_into_sents(text) if s.text.strip())
    return split_sentences(text)


def split_sentences(text: str) -> tuple[str, ...]:
    """A line split at its sentence ends, verbatim: after . ! ? before a space or at a line break, but never after
    an abbreviation that leads on ("Dr.", "e.g.") nor after one that may close a sentence ("a.m.", "U.S.", "etc.")
    unless a capital follows. Every reader of sentences (answers and interviewer lines alike) splits here."""
    out, start = [], 0
    for mark in _BREAK.finditer(text):
        if mark.group().startswith("\n") or _ends_sentence(text[start:mark.end()], text[mark.end():].lstrip()):
            out.append(text[start:mark.end()].strip())
            start = mark.end()
    out.append(text[start:].strip())
    return tuple(s for s in out if s)


def _ends_sentence(piece: str, rest: str) -> bool:
    """Whether the stop that closes `piece` ends a sentence, given the text after it."""
    word = _LAST_WORD.search(piece.rstrip("\"'\u201d\u2019)]"))
    if word is None or not piece.rstrip().endswith("."):
        return True  # ? and ! always end one
    short = word.group(1).lstrip("(\"'\u201c\u2018").rstrip(".")
    if short.lower() in _LEADING_SHORT or (len(short) == 1 and short.isupper() and short != "I"):
        return False  # a title or an initial before a name
    closing = short.lower() in _CLOSING_SHORT or _INITIALISM.match(short) is not None
    return not closing or rest[:1].isupper()


@lru_cache(maxsize=4096)
def tokens(sentence: str, language: str) -> tuple[Token, ...]:
    """Morphemes of a Korean sentence or lower-cased words of an English one."""
    if language == "ko" and _HANGUL.search(sentence):
        return tuple(Token(t.form, t.tag, t.start, t.len) for t in kiwi().tokenize(sentence))
    return tuple(Token(w.lower(), "N" if w[0].isdigit() else "W") for w in _EN_TOKEN.findall(sentence))


def units(text: str, language: str) -> int:
    """Syllables (Hangul and digits) for Korean, words for English."""
    if language == "ko":
        return len(_HANGUL.findall(text)) + len(_EN_TOKEN.findall(_HANGUL.sub(" ", text)))
    return len(_EN_TOKEN.findall(text))
