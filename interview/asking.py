"""Whether an interviewer line asks something, spoken requests included: the prompts' reading (a question mark or
a polite request ending) plus the casual Korean requests interviewers say aloud ("있으면 말해 보세요", "…있으면
간단히요"), which the policy must read as questions or it loses the pending question and starts over."""
from __future__ import annotations

import re

from llm import prompts

_SPOKEN_REQUEST = re.compile(r"(말해\s?(보세요|봐요|줘요|주실래요)|얘기해\s?(봐요|줘요)|이야기해\s?(봐요|줘요)|"
                             r"해\s?보세요|들려\s?(주실래요|줘요)|"
                             r"있으면\s?[^.?!]{0,20}(요|세요)|(간단히|짧게|간략히|편하게|자유롭게)\s?(요|부탁해요))[.!]?$")


def is_question(text: str) -> bool:
    """The line asks the candidate something (a question, a polite request, or a spoken Korean request)."""
    return prompts.is_question(text) or _SPOKEN_REQUEST.search(text.strip()) is not None
