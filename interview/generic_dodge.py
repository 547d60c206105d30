"""A generic non-answer heard as one: a short reply to a how / what question that gives nothing the candidate did,
would do or knows ("상황마다 다르죠", "다들 그렇게 하는 것 같아요", "I'd just work really hard. Teamwork is key."), only
"it depends", a blank, a platitude or a hedge about everyone. The policy puts the question again, more simply,
instead of digging into the dodge; a short answer with one concrete step, a number or a named tool stays an answer."""
from __future__ import annotations

import re

from interview import structure
from interview.cues import has
from interview.moving_on import opens_a_story
from interview.question_tense import said_in_the_past
from interview.reading import AnswerReading
from interview.text import tokens
from interview.work_report import hands_on_acts

DODGE_RATIO = 0.3  # a dodge is short: at most this share of a full answer
# the candidate acting on a thing: "first I'd call their account manager", "I keep them in SAP"
_EN_ACT_ON = re.compile(r"\b(i|we)('d|'ll| would| will)?( first| then| always)? [a-z]+ (the|a|an|my|our|their|his|her|"
                        r"each|every|all|them|it)\b", re.IGNORECASE)
_EN_STEP_WORDS = 5  # "Hmm, I think..." tells no step; "I'd call the supplier first" does
# "it depends" as the content: the answer only says the case decides (Kiwi finds the "N마다 다르다" form itself)
_DEPENDS = {"ko": ("케바케", "케이스바이케이스", "상황에따라", "경우에따라", "사람에따라", "상황봐서", "상황을봐서",
                   "정해진건없", "정해진것은없", "정해진게없"),
            "en": ("it depends", "depends on", "case by case", "see what works", "is different", "are different",
                   "varies")}
# a blank, or words about the question instead of an answer to it
_BLANK = {"ko": ("머리가하얘", "감이안", "감이잘안", "뭐라고말씀드려야", "뭐라고해야할지", "딱잘라말하기", "생각이잘안나",
                 "생각이잘안납", "고르기가좀", "고르기어렵", "고르기힘들", "질문이어렵", "질문이좀어렵", "질문이너무어렵", "봐야알것같", "봐야알겠", "막막", "잘모릅",
                 "잘몰라", "이해가안", "이해가잘안"),
          "en": ("mind went blank", "mind's gone blank", "mind has gone blank", "what you mean", "tough question",
                 "hard question", "on the spot", "tough one", "hard one", "difficult one", "nothing comes to mind",
                 "can't think of one", "can't think of any")}
# the candidate says they have none of what was asked ("Honestly, I don't really have one."): nothing told yet
_HAS_NONE_EN = re.compile(r"\b(?:don't|do not|haven't|have not)(?: really| actually)?(?: got| have)? (?:one|any)\b",
                          re.IGNORECASE)
# a platitude or a view, where the question asked how
_PLATITUDE_EN = ("work hard", "work really hard", "do my best", "is key", "really important", "very important",
                 "so important", "obviously", "sensible", "runs smoothly", "common sense", "go well")
_GENERIC_EN = ("you just", "you have to", "you'd have to", "you need to", "everyone", "everybody", "anyone",
               "you'd just have to", "you'd just need to")
# a general extender closing a list ("that kind of thing", "stuff like that"): the rest is left to the listener
_VAGUE_EN = ("that kind of thing", "that sort of thing", "stuff like that", "things like that",
             "or something like that", "and stuff", "or whatever")
_HEDGE_EN = ("i suppose", "i guess", "i think maybe", "probably")
# what the candidate should say to the interviewer ("어떤 걸 말씀드려야 하는 건지"): no act of the story
_ABOUT_SAYING = ("말씀드려야", "말씀드릴지", "말해야할지", "what to say")
_MANNER_KO = frozenset({"잘", "열심히", "그냥", "최대한", "꼼꼼히", "적당히", "알아서", "그때그때"})
# a general extender or "as always" in place of the how ("뭐 이것저것요", "다 하던 대로 합니다")
_VAGUE_KO = ("이것저것", "이런저런", "뭐그런거", "등등", "하던대로", "평소대로")
_GENERIC_KO = ("다들", "누구나", "요즘은다", "요즘다")
# adverbs of every time: a reply that tells how the candidate always is, not one time it happened
_ALWAYS_KO = frozenset({"항상", "늘", "언제나", "평소", "매번"})  # Kiwi's adverbs (MAG), so "오늘" holds no "늘"
_ALWAYS_EN = ("always", "never", "every time", "as a rule")
_HOW = {"ko": ("어떻게", "방법", "어떤순서", "어떤원칙", "어떤기준", "어떤전략"),
        "en": ("how", "approach", "what would you do", "what do you do", "steps")}


def dodges_the_question(reading: AnswerReading, message: str, pending: str) -> bool:
    """The short reply is a generic non-answer: "it depends" or a blank, or two signs of saying nothing (a modal
    hedge, a generic subject, manner adverbs only, a platitude), with nothing concrete said outside them."""
    lang = reading.language
    if reading.length_ratio >= DODGE_RATIO or lang not in _DEPENDS:
        return False
    signs = [_signs(s, lang) for s in reading.sentences]
    if [n for n in reading.claims.numbers if n not in pending] or _names_a_tool(reading, signs, message, pending):
        return False
    if any(_concrete(sentence, found, lang) for found, sentence in zip(signs, reading.sentences)):
        return False  # one plain step or act the candidate tells ("먼저 샘플을 회수했어요") is an answer
    found = set().union(*signs) if signs else set()
    if found & {"depends", "blank"}:
        return True
    manner = sum(1 for s in signs for sign in s if sign.startswith("manner:"))
    plain = {sign for sign in found if not sign.startswith("manner:")}
    weight = len(plain) + min(manner, 2)
    return weight >= 2 or ("view" in found and bool(has(pending, _HOW[lang], lang)))


def _signs(sentence: str, lang: str) -> set[str]:
    """The signs of saying nothing in one sentence."""
    found = set()
    if has(sentence, _DEPENDS[lang], lang) or (lang == "ko" and _case_decides(sentence)):
        found.add("depends")
    if has(sentence, _BLANK[lang], lang) or lang == "en" and _HAS_NONE_EN.search(sentence):
        found.add("blank")
    if lang == "en":
        low = sentence.lower()
        found |= {name for name, cues in (("generic", _GENERIC_EN), ("hedge", _HEDGE_EN),
                                         ("view", _PLATITUDE_EN), ("vague", _VAGUE_EN)) if has(low, cues, "en")}
        if has(low, ("i'd just", "i just", "just do", "i would just"), "en"):
            found.add("manner:just")
        return found
    return found | _korean_signs(sentence)


def _case_decides(sentence: str) -> bool:
    """"학생마다 다르니까요", "회사마다 다르지 않을까요": a noun with 마다 and 다르다, the case decides."""
    toks = tokens(sentence, "ko")
    each = next((i for i, t in enumerate(toks) if t.tag == "JX" and t.form == "마다"), None)
    return each is not None and any(t.form == "다르" and t.tag.startswith("VA") for t in toks[each:])


def _korean_signs(sentence: str) -> set[str]:
    """Kiwi's reading of a Korean sentence: a modal hedge (-것 같다, -지 않을까, -겠죠, -면 되다), a generic
    subject (다들, 누구나), manner adverbs standing for the how (잘, 열심히, 그냥), a view that something matters."""
    toks = tokens(sentence, "ko")
    pairs = list(zip(toks, toks[1:]))
    found = set()
    if any(a.form in ("것", "거") and a.tag == "NNB" and b.form == "같" for a, b in pairs) or any(
            a.form == "지" and a.tag == "EC" and b.form == "않" and c.form.startswith(("을까", "ᆯ까"))
            for a, b, c in zip(toks, toks[1:], toks[2:])) or any(
            a.form == "겠" and a.tag == "EP" and b.form.startswith("죠") for a, b in pairs) or any(
            a.form == "면" and a.tag == "EC" and b.form == "되" for a, b in pairs):
        found.add("hedge")
    if has(sentence, _GENERIC_KO, "ko") and not structure.shape(sentence, "ko").first_person:
        found.add("generic")  # "다들 그냥 지나쳤는데 제가 …": everyone else, set against what the candidate did
    found |= {f"manner:{t.form}" for t in toks if t.tag == "MAG" and t.form in _MANNER_KO}
    # a manner said with an adjective or a verb of care ("꼼꼼하게 봅니다", "조심해서 하죠"), the how left out
    found |= {f"manner:{a.form}" for a, b, c in zip(toks, toks[1:], toks[2:])
              if b.form == "하" and (b.tag == "XSA" and c.form == "게" or a.form == "조심" and c.form == "어서")}
    if has(sentence, _VAGUE_KO, "ko"):
        found.add("vague")
    if any(t.form == "중요" for t in toks) or has(sentence, ("기본이니까", "최우선"), "ko"):
        found.add("view")
    return found


def _names_a_tool(reading: AnswerReading, signs: list[set[str]], message: str, pending: str) -> bool:
    """The candidate names a tool of their own, not the question's, and not as a vague kind ("SNS 같은 거",
    "something like Excel") or inside a hedge ("MZ 감성으로 하면 될 것 같습니다")."""
    hedged = " ".join(s for s, found in zip(reading.sentences, signs) if found & {"hedge", "generic"})
    return any(tool not in pending and tool not in hedged and not re.search(
        re.escape(tool) + r"\s*(같은|같이|or something)", message) and not re.search(
        r"something like\s+" + re.escape(tool), message) for tool in reading.claims.technologies)


def _concrete(sentence: str, found: set[str], lang: str) -> bool:
    """A sentence, no question and with no hedge or generic subject, in which the candidate does something: to a
    thing (Kiwi: an object and a full verb), or in the past as its named subject ("제가 … 보고해서 …")."""
    shaped = structure.shape(sentence, lang)
    if shaped.question or "?" in sentence or found & {"hedge", "generic"} or has(sentence, _ABOUT_SAYING, lang):
        return False
    if lang == "ko":
        past = any(t.tag == "EP" and t.form in ("었", "았", "였") for t in tokens(sentence, "ko"))
        return hands_on_acts(sentence, "ko") > 0 or shaped.first_person and past
    plain = not found - {"depends"}  # "It depends on the contract, but first I'd call …" tells a step
    acts = shaped.first_person and shaped.action or _EN_ACT_ON.search(sentence) is not None
    return plain and acts and len(sentence.split()) >= _EN_STEP_WORDS


def tells_no_instance(reading: AnswerReading, pending: str, language: str) -> bool:
    """A story asked for ("…반영했던 사례가 있으면 말씀해 주세요", "Tell me about a time …") and a short reply that
    tells none: nothing in the past, no number or named thing, only how the candidate always is or thinks
    ("늘 중요하다고 생각합니다. 항상 관심을 갖고 보고 있습니다", "safety is always first … I'd never cut corners"): an
    adverb of every time in place of the one time asked for."""
    if reading.length_ratio >= DODGE_RATIO or not opens_a_story(pending, language):
        return False
    claims = reading.claims
    if claims.numbers or claims.technologies or claims.projects:
        return False
    text = " ".join(reading.sentences)
    timeless = any(t.form in _ALWAYS_KO for t in tokens(text, "ko") if t.tag.startswith(("MAG", "NN"))) if (
        language == "ko") else has(text, _ALWAYS_EN, "en")
    return bool(timeless) and not any(said_in_the_past(s, language) for s in reading.sentences)
