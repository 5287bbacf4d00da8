"""Who may call what: bearer tokens with roles for writes, optional tokens for reads."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g, request
from flask_smorest import Blueprint

from web import state
from web.api.throttle import FailureLimiter
from web.auth import TokenFile, TokenRecord, default_tokens_file, role_allows
from web.config import Settings
from web.errors import ApiError

TOKENS = "ppsmatch.tokens"
LIMITER = "ppsmatch.token_failures"
SECURITY = [{"bearerAuth": []}]


def init_app(app: Flask, settings: Settings) -> None:
    """Open the token file named by the settings (default: in the instance folder)."""
    app.extensions[TOKENS] = TokenFile(settings.tokens_file or default_tokens_file())
    app.extensions[LIMITER] = FailureLimiter(settings.token_failures)


def tokens(app: Flask) -> TokenFile:
    """The token registry of an app."""
    found: TokenFile = app.extensions[TOKENS]
    return found


def check_read_access() -> None:
    """A blueprint hook: reads need a reader token when public reads are switched off."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        if not state.state(current_app).settings.public_reads:
            authorise("reader")


def authorise(needed: str) -> TokenRecord:
    """The caller's token when its role allows `needed`; 401 without a valid one, else 403.

    An address that sent too many invalid tokens lately gets 429 before its token is looked
    at (a request without any token is no guess and does not count).
    """
    address = request.remote_addr or "unknown"
    limiter: FailureLimiter = current_app.extensions[LIMITER]
    wait = limiter.retry_after(address)
    if wait:
        raise ApiError(429, "too_many_requests",
                       f"too many invalid tokens from this address: try again in {wait} s",
                       [{"field": "Authorization", "message": "too many invalid tokens"}],
                       headers={"Retry-After": str(wait)})
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    record = tokens(current_app).verify(token.strip()) if scheme.lower() == "bearer" else None
    if record is None:
        if header:
            limiter.failed(address)
        raise ApiError(401, "unauthorized",
                       "this needs an API token: send 'Authorization: Bearer <token>'",
                       [{"field": "Authorization", "message": "missing or invalid token"}],
                       headers={"WWW-Authenticate": 'Bearer realm="ppsmatch"'})
    if not role_allows(record.role, needed):
        raise ApiError(403, "forbidden",
                       f"token '{record.name}' has role {record.role}; this needs {needed}",
                       [{"field": "Authorization", "message": f"role {needed} needed"}])
    g.token = record
    return record


def requires(bp: Blueprint, role: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a view: check the token before anything else, and document that."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            authorise(role)
            return view(*args, **kwargs)

        documented = bp.alt_response(401, response="UNAUTHORIZED")(guarded)
        documented = bp.alt_response(403, response="FORBIDDEN")(documented)
        documented = bp.alt_response(429, response="TOO_MANY_REQUESTS")(documented)
        return bp.doc(security=SECURITY)(documented)

    return decorate


def json_body(bp: Blueprint) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a view taking a JSON body: other media types get 415 before parsing."""
    return body_of_type(bp, "application/json")


def body_of_type(bp: Blueprint,
                 mimetype: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a view taking a body of one media type: others get 415 before parsing."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if request.mimetype != mimetype:
                raise ApiError(415, "unsupported_media_type",
                               f"the request body must be {mimetype}",
                               [{"field": "Content-Type",
                                 "message": f"got {request.mimetype or 'none'}"}])
            return view(*args, **kwargs)

        documented = bp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")(checked)
        return bp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")(documented)

    return decorate
