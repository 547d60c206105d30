"""The two default interviewers: who they are and the office each sits in."""
from __future__ import annotations

from dataclasses import dataclass

from avatars.office import OfficeStyle
from avatars.person import PersonStyle


@dataclass(frozen=True)
class Character:
    """A default avatar: base name, display name, person and office."""

    name: str
    display_name: str
    person: PersonStyle
    office: OfficeStyle


BOOKS = ((70, 60, 150), (130, 96, 52), (60, 112, 160), (180, 176, 166), (52, 80, 64), (100, 66, 120), (205, 196, 178), (40, 52, 92))

TALK_LONG = Character(
    name="talk_long",
    display_name="Ms. Seo (HR interviewer)",
    person=PersonStyle(
        skin=(176, 200, 232), skin_shadow=(122, 140, 186), lip=(104, 102, 196), lip_dark=(84, 78, 166),
        iris=(40, 62, 92), hair=(30, 32, 40), hair_light=(86, 96, 118), brow=(40, 46, 62),
        jacket=(82, 56, 40), shirt=(236, 240, 244), accent=(120, 190, 220),
        face_half=((0, 150), (58, 156), (88, 185), (96, 232), (95, 275), (89, 315), (77, 350), (56, 381), (30, 401), (0, 407)),
        hairdo="bob", outfit="blouse", light=-1.0, lashes=1.25, brow_weight=0.85, shoulder=200.0,
    ),
    office=OfficeStyle(
        wall_top=(200, 210, 218), wall_bottom=(160, 172, 184), sky_top=(240, 214, 178), sky_bottom=(238, 232, 224),
        wood=(66, 96, 136), cabinet=(96, 116, 136), book_colours=BOOKS, window_left=True, seed=3,
    ),
)

TALK_SHORT = Character(
    name="talk_short",
    display_name="Mr. Kang (team lead)",
    person=PersonStyle(
        skin=(160, 186, 222), skin_shadow=(108, 128, 172), lip=(112, 120, 184), lip_dark=(96, 100, 160),
        iris=(36, 52, 76), hair=(26, 26, 30), hair_light=(70, 74, 84), brow=(30, 32, 40),
        jacket=(64, 62, 60), shirt=(246, 236, 226), accent=(60, 40, 130),
        face_half=((0, 146), (62, 152), (94, 182), (101, 230), (101, 272), (99, 314), (94, 348), (80, 381), (48, 403), (0, 410)),
        hairdo="short", outfit="tie", light=1.0, mouth_half_width=32.0, eye_dx=42.0, eye_tilt=0.0, lashes=0.7, brow_weight=1.35,
        brow_arch=0.45, blush=0.06, lip_thickness=0.78, stubble=0.10, neck_half=54.0, shoulder=225.0,
    ),
    office=OfficeStyle(
        wall_top=(214, 206, 196), wall_bottom=(170, 160, 150), sky_top=(236, 206, 170), sky_bottom=(232, 228, 222),
        wood=(80, 84, 92), cabinet=(120, 112, 104), book_colours=BOOKS, window_left=False, seed=11,
    ),
)

CAST: tuple[Character, ...] = (TALK_LONG, TALK_SHORT)
