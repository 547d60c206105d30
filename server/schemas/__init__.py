"""Pydantic v2 models of every request, response and event: the API contract as code (`server/api` serves it)."""
