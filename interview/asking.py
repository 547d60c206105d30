"""Whether an interviewer line asks the candidate something: the shared reading (llm.prompts.is_question) and the
indirect ways an interviewer asks without a question mark or a request ending, which the policy must read as the
pending question too: a Korean embedded question closed by wondering ("…해 본 경험이 있는지 궁금하네요.") and an
English request after an opening phrase ("For the guest relations role, I'd like to hear about …")."""
from __future__ import annotations

import re

from llm.prompts import is_question

# "…있는지 궁금하네요.", "…하셨는지 알고 싶어요.": the embedded question (…지) and the wondering verb end the sentence.
_KO_WONDERING = re.compile(r"지\s?(도|가|는)?\s?(궁금|알고\s?싶|여쭤\s?보고\s?싶)[가-힣\s]{0,6}[.!…~]*$")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_LATIN_START = re.compile(r"^[A-Za-z]")


def asks_candidate(text: str) -> bool:
    """The line asks the candidate something, directly or in an indirect form a spoken interview uses."""
    if is_question(text):
        return True
    for sentence in (s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()):
        if _KO_WONDERING.search(sentence):
            return True
        clauses = [c for c in re.split(r",\s+", sentence)[1:] if _LATIN_START.match(c)]
        if any(is_question(c) for c in clauses):
            return True  # "For the … role, I'd like to hear about …": the request after its opening phrase
    return False
