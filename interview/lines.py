"""What the embedded interviewer says, per language (interview/lines_ko.py, lines_en.py) and interview style."""
from __future__ import annotations

from interview.line_types import STYLES, Lines, StyleLines
from interview.lines_en import EN
from interview.lines_ko import KO

LINES = {"ko": KO, "en": EN}

__all__ = ["LINES", "STYLES", "Lines", "StyleLines"]  # the types re-exported for the modules that name them
