"""The `delivery` field of stream requests: "full" frames (the seed's behaviour) or only the "face" region."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from server.errors import BadRequest

DELIVERIES = ("full", "face")


class DeliveryBody(BaseModel):
    """A stream request's delivery choice; "face" suits clients that composite (the demo page)."""

    model_config = ConfigDict(extra="ignore")

    delivery: Literal["full", "face"] = "full"


def delivery(body: dict[str, Any]) -> str:
    """The request's delivery, or 400 naming the field and the allowed values."""
    try:
        return DeliveryBody.model_validate(body).delivery
    except ValidationError as e:
        raise BadRequest(f"'delivery' must be one of {', '.join(DELIVERIES)}") from e
