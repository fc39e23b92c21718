"""Who is calling: the bearer token (rate-limited, then checked), and whose data it reaches.

A member's token reaches that member's data only; a mentor's token that mentor's consenting
patients only. Any other id gets the same 404, whether or not it exists.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Annotated, Any

from cachetools import TTLCache
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from coach import api_tokens, members
from coach.api_tokens import Principal, Signing, TokenRefused
from coach.members import Member
from coach.services import Services
from handlers.api.config import ApiSettings
from handlers.api.limits import TokenRates
from handlers.api.problems import Problem
from handlers.dialog import Dialog
from mentor import audit, copilot
from mentor.audit import AuditEntry
from mentor.services import MentorServices
from storage.models import Mentor

RECENT_SECONDS = 10.0
NO_MEMBER = "No member with that id is reachable with this token."
NO_MENTOR = "No mentor with that id is reachable with this token."
bearer = HTTPBearer(auto_error=False, description="A token from /apitoken (members) or "
                    "`goalbot mentor token` (mentors).")  # fmt: skip


@dataclass
class ApiDeps:
    """What the routes use: the member and mentor cores, signing, settings, limits."""

    coach: Services
    mentor: MentorServices
    signing: Signing
    settings: ApiSettings
    dialog: Dialog
    rates: TokenRates
    # a run of requests looks the member (and a goal's habits) up once, as Telegram's presses do
    recent: TTLCache[Any, Any] = field(
        default_factory=lambda: TTLCache(maxsize=50_000, ttl=RECENT_SECONDS)
    )


def deps(request: Request) -> ApiDeps:
    """The app's dependencies (set once when the app is built)."""
    return request.app.state.deps


Deps = Annotated[ApiDeps, Depends(deps)]


async def principal(
    d: Deps, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Principal:
    """The caller: rate-limited by token first, then the token checked (401 when refused)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Problem(401, "Send a token: Authorization: Bearer <token> (see /apitoken).",
                      headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    token = credentials.credentials
    if not await d.rates.admit(hashlib.sha256(token.encode()).hexdigest()):
        raise Problem(429, f"Over {d.settings.requests_per_second:g} requests per second for "
                      "this token; wait and retry.", headers={"Retry-After": str(d.rates.retry_after)})  # fmt: skip
    found = await api_tokens.authenticate(d.coach.sessions, d.signing, token, now=d.coach.clock())
    if isinstance(found, TokenRefused):
        raise _revoked(found.detail, found.reason)
    return found


def _revoked(detail: str, reason: str = "revoked") -> Problem:
    """A 401 for a token that does not (or no longer) work."""
    return Problem(401, detail, kind=f"token-{reason}",
                   headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})  # fmt: skip


Caller = Annotated[Principal, Depends(principal)]


async def member_for(d: ApiDeps, caller: Principal, user_id: uuid.UUID) -> Member:
    """The member `user_id` when the token is theirs; else 404."""
    if caller.scope != "member" or caller.subject_id != user_id:
        raise Problem(404, NO_MEMBER)
    if (member := d.recent.get(user_id)) is not None:
        return member
    member = await members.get(d.coach, user_id=user_id)
    if member is None:
        raise Problem(404, NO_MEMBER)
    d.recent[user_id] = member
    return member


async def mentor_for(d: ApiDeps, caller: Principal, mentor_id: uuid.UUID, action: str) -> Mentor:
    """The mentor `mentor_id` when the token is theirs; else 404 (audited for a mentor)."""
    if caller.scope != "mentor":
        raise Problem(404, NO_MENTOR)
    mentor = await copilot.mentor_by_id(d.mentor, caller.subject_id)
    if mentor is None:  # removed since the token was issued: the token is dead, not the id
        raise _revoked("The mentor was removed, so this token no longer works.")
    if mentor.id == mentor_id:
        return mentor
    # a mentor asking for another mentor's view: refused, audited
    entry = AuditEntry(mentor.slack_user_id or str(mentor.id), action, "refused", mentor_id=mentor.id,
                       mentor_message=f"mentor_id {mentor_id}")  # fmt: skip
    await audit.record(d.mentor.sessions, entry)
    raise Problem(404, NO_MENTOR)
