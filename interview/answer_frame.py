"""Whether a reply answers in the question's own frame: it names the thing the question asks for by the question's
own describing clause ("제일 공들인 부분이 뭐였는지" → "제일 공들인 건 양자화였어요"). Such a reply takes the question
up, whatever aside from the candidate's own life it opens with."""
from __future__ import annotations

from interview.text import Token, tokens
from interview.work_report import asked_part

_KO_PREDICATE = ("VV", "VA", "XSV", "XSA", "VX")  # verb, adjective and auxiliary stems (also "VA-I" and so on)
_KO_THING = frozenset({"것", "거", "건"})  # bound nouns that make a clause "the thing that …" (Kiwi may read 건 whole)


def answers_in_its_frame(message: str, pending: str, language: str) -> bool:
    """A Korean reply names "the thing that …" with a describing clause of the question (its predicate before an
    adnominal ending: "공들인 부분", "어려웠던 점"): a cleft that answers what was asked."""
    if language != "ko":
        return False
    asked = _described(tokens(asked_part(pending, language), "ko"), nouns_after=None)
    return bool(asked) and bool(asked & _described(tokens(message, "ko"), nouns_after=_KO_THING))


def _described(toks: tuple[Token, ...], nouns_after: frozenset[str] | None) -> set[str]:
    """Predicates that describe a noun (stem, tense, adnominal ending, noun), as "noun+하" for a verb made of a
    noun; only those describing one of `nouns_after` where given."""
    found: set[str] = set()
    for i, tok in enumerate(toks):
        if not tok.tag.startswith(_KO_PREDICATE):
            continue
        j = i + 1
        while j < len(toks) and toks[j].tag == "EP":
            j += 1
        if j + 1 >= len(toks) or toks[j].tag != "ETM" or not toks[j + 1].tag.startswith("NN"):
            continue
        if nouns_after is not None and toks[j + 1].form not in nouns_after:
            continue
        found.add(_stem(toks, i))
    return found


def _stem(toks: tuple[Token, ...], i: int) -> str:
    """The predicate at i as said: a verb made of a noun with it ("확인하"), an auxiliary with its main verb
    ("붙잡+있": "붙잡고 있던"), else the stem alone."""
    tok = toks[i]
    if tok.tag.startswith("XS") and i > 0:
        return toks[i - 1].form + tok.form
    if tok.tag == "VX":
        main = next((t.form for t in reversed(toks[max(0, i - 3):i]) if t.tag.startswith(("VV", "VA"))), "")
        return f"{main}+{tok.form}"
    return tok.form
