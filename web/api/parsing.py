"""The API's Blueprint: flask-smorest's, with a JSON parser that refuses absurd nesting as 400."""

from __future__ import annotations

import json

import flask_smorest
from flask_smorest.arguments import ArgumentsMixin


class ApiParser(type(ArgumentsMixin.ARGUMENTS_PARSER)):  # type: ignore[misc]
    """webargs' Flask parser; JSON nested deeper than Python's stack is invalid JSON (400)."""

    def _raw_load_json(self, req):
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            # json.loads recurses per level: 10,000 nested brackets must not become a 500.
            raise json.JSONDecodeError("nested too deeply", "(request body)", 0) from None


class Blueprint(flask_smorest.Blueprint):
    """A flask-smorest Blueprint parsing arguments with ApiParser."""

    ARGUMENTS_PARSER = ApiParser()
