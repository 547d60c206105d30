"""A story the question only reminded the candidate of: the question's word said back as a trigger ("갈등이라… 그
질문 들으니까 생각나는데요, …", "Oh, classical music, funny, my neighbour …") or as a shrug at the end ("Anyway,
yeah, music."), then something of their own life. The echo is not the story taking up the question: what the story
shares with the question is read without it."""
from __future__ import annotations

import re

from interview.english_lexicon import inflected_verb, parts_of_speech
from interview.phrases import shared_topic
from interview.text import split_sentences
from interview.work_report import asked_part

# A Korean bridge from the question's word to a memory: "…하니까 생각나는데요", "그러고 보니까", "얘기가 나와서".
_KO_BRIDGE = re.compile(r"^.{0,40}?(생각\s?(이\s?)?(나는|났는)데요?|생각\s?나서|떠오르는데요?|그러고\s?보니까?|"
                        r"얘기가\s?나와서|얘기\s?나온\s?김에|말씀하시니까|하니까|들으니까)[,.…~\s]+")
# The question's word said back alone before the reply goes on ("원인이요? 음, …", "데이터요… 아 근데 …").
_KO_WORD_BACK = re.compile(r"^\s*([가-힣A-Za-z]+?)(이)?요\s*[?…,.~]+\s*")
# What opens and closes a question said back ("음… 끝까지 버틴 거요?"): fillers, and "(거)요?" with its marks.
_KO_FILLERS = re.compile(r"^(?:(?:음+|어+|그+|아+|네)[…\.,~\s]*)+")
_KO_ECHO_END = re.compile(r"\s?(거|것|건)?(이)?요?\s*[?…\.~]+\s*$")
# An English bridge: "that reminds me", "speaking of …", "funny you mention it".
_EN_BRIDGE = re.compile(r"\b(that reminds me|reminds me of|speaking of|funny you (should )?mention|makes me think of)\b"
                        r"[^,.;!?]*[,.;!?]\s*", re.IGNORECASE)
FRAGMENT_WORDS = 3  # a comma-set piece this short with no verb is an exclamation or an echo, not a clause


def without_echo(message: str, language: str, pending: str = "") -> str:
    """The reply without the bridge that only echoes the question before a story, nor the verbless pieces at the
    edges of its sentences ("Ha, growers, well, …", "Anyway, yeah, music."), nor (given the question) its word said
    back alone at the start ("원인이요? …")."""
    if language == "ko":
        message = message[len(word_said_back(message, pending, language)):]
        once = _KO_BRIDGE.sub("", message.strip(), count=1)
        return _KO_BRIDGE.sub("", once, count=1) if once != message.strip() else once  # "…하니까 생각나는데요,"
    kept = []
    for sentence in split_sentences(_EN_BRIDGE.sub("", message.strip())):
        pieces = [p for p in re.split(r",\s*", sentence) if p.strip()]
        while pieces and _verbless(pieces[0]):
            pieces.pop(0)
        while pieces and _verbless(pieces[-1]):
            pieces.pop()
        kept.append(", ".join(pieces))
    return " ".join(k for k in kept if k)


def word_said_back(message: str, pending: str, language: str) -> str:
    """The question's word said back alone at the start of a Korean reply ("원인이요? ", "교육이요? "), else ""."""
    said_back = _KO_WORD_BACK.match(message) if language == "ko" and pending else None
    return said_back.group(0) if said_back and said_back.group(1) in asked_part(pending, language) else ""


def echoes_the_question(sentence: str, pending: str) -> bool:
    """A Korean sentence that only says the question's words back as a question ("음… 끝까지 버틴 거요?",
    "동선 원칙이요?"): the candidate repeating what was asked, not asking the interviewer anything."""
    said = _KO_ECHO_END.sub("", _KO_FILLERS.sub("", sentence.strip())).split()
    return bool(said) and all(word in pending for word in said)


def only_echoes(message: str, pending: str, language: str) -> bool:
    """All the reply shares with the question is its echo: the story after it takes up nothing asked."""
    asked = asked_part(pending, language)
    return bool(shared_topic(asked, message, language)) and not shared_topic(asked, without_echo(message, language),
                                                                             language)


def _verbless(piece: str) -> bool:
    """A short piece with no verb in it ("Oh", "classical music", "funny", "yeah, music.")."""
    words = re.findall(r"[a-z']+", piece.lower())
    return len(words) <= FRAGMENT_WORDS and not any(
        inflected_verb(w) or "VERB" in parts_of_speech(w) and "NOUN" not in parts_of_speech(w)
        and "ADJ" not in parts_of_speech(w) for w in words)
