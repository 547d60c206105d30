"""A head-and-shoulders person drawn from a style and a pose (mouth shape, eyelids)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from avatars import face, figure
from avatars.paint import Layer, View
from avatars.person import PersonStyle, Pose


def _jaw_dependent(view: View, style: PersonStyle, pose: Pose) -> Layer:
    """Everything up to and including the face shape (the jaw moves the chin and its shadow)."""
    layer = Layer(view)
    figure.hair_back(layer, style)
    figure.neck(layer, style, pose)
    figure.body(layer, style)
    face.ears(layer, style)
    face.head(layer, style, pose)
    return layer


def _features(layer: Layer, style: PersonStyle, pose: Pose) -> None:
    """Eyes, brows, nose and the front hair, which no mouth motion touches."""
    face.eyes(layer, style, pose)
    face.brows(layer, style)
    face.nose(layer, style)
    figure.hair_front(layer, style)


def draw_person(view: View, style: PersonStyle, pose: Pose) -> Layer:
    """Paint the person for `pose` into a transparent layer covering `view`; the mouth goes last."""
    layer = _jaw_dependent(view, style, pose)
    _features(layer, style, pose)
    face.mouth(layer, style, pose)
    return layer


def mouthless(view: View, style: PersonStyle, opens: Sequence[float]) -> Iterator[Layer]:
    """The person without a mouth for each jaw opening in `opens` (eyes open); paint a mouth on each."""
    features = Layer(view)
    _features(features, style, Pose())
    for o in opens:
        layer = _jaw_dependent(view, style, Pose(open=o))
        layer.cover(features)
        yield layer
