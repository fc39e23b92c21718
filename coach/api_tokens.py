"""Bearer tokens of the HTTP API: JWTs signed here, stored only as SHA-256 hashes, revocable.

A token names its scope ("member" or "mentor") and subject (the member's or the mentor's id)
in signed claims (PyJWT: exp, iat, iss, aud checked), and is live only while its hash is in
`api_tokens`, unrevoked and unexpired — so a revocation or an erasure takes effect at once.
A member gets one with /apitoken in a private chat; a mentor from `goalbot mentor token`.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from storage import api_tokens as store
from storage import mentors as mentor_store
from storage.db import Sessions, driver_connection
from storage.models import TOKEN_SCOPES

REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub", "jti", "scope"]
LEEWAY_SECONDS = 30  # clocks of the issuing and the checking process may differ a little


@dataclass(frozen=True)
class Signing:
    """How tokens are signed and checked: HS256 with a secret, or RS256 with a key pair."""

    algorithm: str
    signing_key: str  # the HS256 secret, or the RS256 private key (PEM)
    verify_key: str  # the same secret, or the RS256 public key (PEM)
    issuer: str
    audience: str
    lifetime: timedelta


@dataclass(frozen=True)
class IssuedToken:
    """A new token, to be shown once, and when it expires."""

    token: str
    expires_at: datetime
    scope: str
    subject_id: uuid.UUID


@dataclass(frozen=True)
class Principal:
    """Who a live token speaks for."""

    scope: str
    subject_id: uuid.UUID
    token_id: uuid.UUID


@dataclass(frozen=True)
class TokenRefused:
    """Why a token was refused: missing, malformed, expired or revoked (and a sentence)."""

    reason: str
    detail: str


class UnknownMentor(Exception):
    """No active mentor has that Slack user id."""


def token_hash(token: str) -> str:
    """The SHA-256 of a token, the only form in which it is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


async def issue(
    sessions: Sessions, signing: Signing, *, scope: str, subject_id: uuid.UUID, now: datetime
) -> IssuedToken:
    """Sign a token for a member or a mentor and store its hash; it replaces their older ones."""
    if scope not in TOKEN_SCOPES:
        raise ValueError(f"unknown token scope {scope!r}")
    expires = now + signing.lifetime
    claims = {"iss": signing.issuer, "aud": signing.audience, "sub": str(subject_id),
              "scope": scope, "jti": secrets.token_urlsafe(16), "iat": now, "exp": expires}  # fmt: skip
    token = jwt.encode(claims, signing.signing_key, algorithm=signing.algorithm)
    subject = {"user_id": subject_id} if scope == "member" else {"mentor_id": subject_id}
    async with sessions.begin() as session:
        await store.revoke_tokens(session, now=now, **subject)
        await store.add_token(session, token_hash=token_hash(token), scope=scope,
                              expires_at=expires, **subject)  # fmt: skip
    return IssuedToken(token, expires, scope, subject_id)


async def issue_for_mentor(
    sessions: Sessions, signing: Signing, *, slack_user_id: str, now: datetime
) -> IssuedToken:
    """`goalbot mentor token U012…`: a token for the active mentor with this Slack id."""
    async with sessions() as session:
        mentor = await mentor_store.mentor_by_slack_user(session, slack_user_id=slack_user_id)
    if mentor is None:
        raise UnknownMentor(slack_user_id)
    return await issue(sessions, signing, scope="mentor", subject_id=mentor.id, now=now)


def _claims(signing: Signing, token: str) -> dict[str, object] | TokenRefused:
    try:
        return jwt.decode(
            token, signing.verify_key, algorithms=[signing.algorithm], audience=signing.audience,
            issuer=signing.issuer, options={"require": REQUIRED_CLAIMS}, leeway=LEEWAY_SECONDS,
        )  # fmt: skip
    except jwt.ExpiredSignatureError:
        return TokenRefused("expired", "The token has expired; ask for a new one.")
    except jwt.PyJWTError:
        return TokenRefused("invalid", "The token is not valid (signature, issuer or audience).")


async def authenticate(
    sessions: Sessions, signing: Signing, token: str, *, now: datetime
) -> Principal | TokenRefused:
    """Check a bearer token's signature and claims, then that it is still live in storage."""
    claims = _claims(signing, token)
    if isinstance(claims, TokenRefused):
        return claims
    try:
        scope, subject = str(claims["scope"]), uuid.UUID(str(claims["sub"]))
    except ValueError:
        return TokenRefused("invalid", "The token names no valid subject.")
    async with driver_connection(sessions) as conn:  # one statement: every request pays it
        row = await store.use_token(conn, token_hash=token_hash(token), now=now)
    owner = row and (row["user_id"] if scope == "member" else row["mentor_id"])
    if row is None or row["scope"] != scope or owner != subject:
        return TokenRefused("revoked", "The token was revoked or replaced; ask for a new one.")
    return Principal(scope, subject, row["id"])


async def revoke(
    sessions: Sessions,
    *,
    now: datetime,
    user_id: uuid.UUID | None = None,
    mentor_id: uuid.UUID | None = None,
) -> int:
    """Revoke every live token of one member (user_id) or one mentor; return how many."""
    if (user_id is None) == (mentor_id is None):
        raise ValueError("name exactly one of user_id and mentor_id")
    async with sessions.begin() as session:
        return await store.revoke_tokens(session, now=now, user_id=user_id, mentor_id=mentor_id)
