"""/apitoken in a private chat: a member's HTTP API token, shown once; `/apitoken revoke`."""

from __future__ import annotations

from typing import Any

from coach import api_tokens
from handlers.commands import Call, Command, declare
from handlers.present import Reply

OFF = "The HTTP API is switched off here, so there is no token to give."
ISSUED = (
    "Your API token — shown this once, so copy it now and keep it secret:\n\n{token}\n\n"
    "Your member id: {user_id}\nIt works until {expires:%Y-%m-%d} (UTC) and replaces any "
    "earlier token. Send it as `Authorization: Bearer <token>`; /apitoken revoke cancels it."
)
REVOKED = "Done: {count} token(s) revoked. Send /apitoken for a new one."
NONE_LIVE = "You had no live API token. Send /apitoken for one."


async def apitoken(dialog: Any, call: Call) -> list[Reply]:
    """/apitoken: a new token (the old one stops working); /apitoken revoke: none at all."""
    services, member = dialog.services, call.member
    assert member is not None  # the table's rule: members only
    if services.api_signing is None:
        return [Reply(OFF)]
    now = services.clock()
    if call.args.lower() in ("revoke", "off", "cancel"):
        count = await api_tokens.revoke(services.sessions, now=now, user_id=member.id)
        return [Reply(REVOKED.format(count=count) if count else NONE_LIVE)]
    issued = await api_tokens.issue(services.sessions, services.api_signing, scope="member",
                                    subject_id=member.id, now=now)  # fmt: skip
    return [Reply(ISSUED.format(token=issued.token, user_id=member.id, expires=issued.expires_at))]


declare(Command("apitoken", "A token for apps (HTTP API)", apitoken,
                help="– a token for apps using goalbot's HTTP API (/apitoken revoke cancels it)",
                menu=False))  # fmt: skip
