"""Which question marks of a reply ask the interviewer something: a tag closing a statement asks nothing, a "yes"
to a question that asks only yes or no is the whole answer, and a question followed only by its reason is a
question."""
from __future__ import annotations

import re

from interview.answer_deferred import puts_it_off
from interview.denials import REASON, YES, asks_if_ever
from interview.reading import AnswerReading
from interview.structure import shape
from interview.work_report import asked_part

# A request ("…해 주세요", "could you …"): it asks for something to be done, whatever its form.
REQUEST_END = re.compile(r"(주세요|주시겠어요|주실래요|주실\s?수\s?있나요|부탁드립니다|부탁드려요)$|^(could|can|would) you\b|"
                          r"\bplease\b", re.IGNORECASE)
# A tag closing a statement: it asks for agreement, not for an answer (a closed class of words, not topics).
_TAG = re.compile(r"(,\s*(right|isn't it|aren't they|don't you think|wouldn't you say|you know|yeah|no|huh|"
                  r"i (suppose|guess))|잖아요|[,\s](그렇죠|맞죠|그쵸)|(뭐\s?)?그런\s?(거|것)(요|죠)?|"
                  r"(^|\s)(그|이)\s?정도(요|예요|에요)?)[.…\s]*\?$", re.IGNORECASE)
# A reply that says it asks first ("Quick question first, …?", "질문 하나만 먼저 드려도 …?"): the question is the point.
_ANNOUNCED = {"ko": re.compile(r"^(질문\s?(하나|한\s?가지)|(하나|한\s?가지)\s?(만\s?)?(먼저\s?)?(여쭤|여쭙|질문))"),
              "en": re.compile(r"^\W*(?:(?:a|one|quick|just a|a quick|small|a small)\s+)?question (?:first|before)\b",
                               re.IGNORECASE)}
# A sentence that says why the reply asks ("I'm asking because …", "the reason I ask is …", "여쭤보는 이유는 …").
_WHY_ASKED = {"ko": re.compile(r"^(제가\s*)?(여쭤|여쭙|물어)\S*\s*(이유는|건|것은)"),
              "en": re.compile(r"^(?:(?:I'?m|I am)\s+(?:only\s+|just\s+)?asking|I ask)\s+(?:because|since|as)\b|"
                               r"^(?:the\s+)?reason I ask\b", re.IGNORECASE)}
# A question that asks for more than yes or no (its question word), and a reply that opens with "yes".
_WH = {"ko": re.compile(r"무엇|무슨|뭐|뭘|어떤|어떻게|어떠|왜|언제|어디|누구|누가|몇|얼마|어느"),
       "en": re.compile(r"\b(what|which|why|how|when|where|who|whom|whose|tell me|describe|walk me)\b", re.IGNORECASE)}


def tags_only(reading: AnswerReading) -> bool:
    """Every question mark of the reply closes a statement with a tag ("…, right?", "…, isn't it?", "…잖아요?",
    "…, 그렇죠?"): it asks the interviewer nothing."""
    asking = [s for s in reading.sentences if "?" in s]
    return bool(asking) and all(closes_on_tag(s) for s in asking)


def closes_on_tag(sentence: str) -> bool:
    """The sentence is a statement closed by a tag that asks for a nod ("…, right?", "…, I suppose?", "뭐 그런
    거요?"), not a question put to the interviewer."""
    return bool(_TAG.search(sentence.rstrip()))


def asks_with_its_reason(reading: AnswerReading, language: str) -> bool:
    """The reply asks the interviewer something and says nothing else but why it asks ("…약해서요", "because …"),
    or opens by announcing a question of its own ("Quick question first, is this role …?") or by putting the answer
    off to ask ("Sorry, before I answer, …?", "그거 말하기 전에요, …?")."""
    asking = [s for s in reading.sentences if s.rstrip().endswith("?")]
    # a lead-in with no predicate ("음, 답하기 전에요…", "아, 그 질문이요…") says nothing beside the question
    rest = [s for s in reading.sentences if s not in asking and shape(s, reading.language).predicate]
    why = [s for s in rest if REASON[language].search(s.strip()) or _WHY_ASKED[language].search(s.strip())]
    return announces_a_question(reading, language) or bool(asking) and bool(rest) and why == rest and not (
        closes_on_tag(asking[-1]))


def announces_a_question(reading: AnswerReading, language: str) -> bool:
    """The reply opens by announcing a question of its own ("Quick question first, is this role …?"), or puts the
    answer off to ask one, wherever that question stands ("Sorry, before I answer, …?", "Yeah, I've got one. But
    first, is …?", "그거 말하기 전에요, …?")."""
    asking = [s for s in reading.sentences if s.rstrip().endswith("?")]
    first = reading.sentences[0] if reading.sentences else ""
    # (a question cut in two at its comma, "그 전에 여기서는 … 다루나요, 아니면 …?", puts it off in its first half)
    halves = [s for s, after in zip(reading.sentences, reading.sentences[1:]) if s.rstrip().endswith(",") and (
        after in asking)]
    return bool(asking) and first == asking[0] and bool(_ANNOUNCED[language].search(first.strip())) or any(
        puts_it_off(s.strip(), language) for s in asking + halves)


def yes_to_a_yes_no(reading: AnswerReading, pending: str, language: str) -> bool:
    """A "yes" to a question that asks only yes or no ("… 괜찮으신가요?", "are you comfortable with …?"): the whole
    answer, however short, not a dodge."""
    asked = asked_part(pending, language)
    # "…말씀해 주시겠어요?", "Could you walk me through …?": a request in a yes/no form asks for the story
    polar = "?" in asked and not _WH[language].search(asked) and not REQUEST_END.search(asked.rstrip(" ?"))
    polar = polar and not asks_if_ever(asked, language)  # "경험이 있으신가요?" → "네.": the story is still to come
    return polar and bool(reading.sentences) and YES[language].match(reading.sentences[0].strip()) is not None
