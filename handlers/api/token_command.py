"""/apitoken in a private chat: a member's HTTP API token, shown once; `/apitoken revoke`."""

from __future__ import annotations

from typing import Any

from coach import api_tokens
from handlers.commands import Call, Command, declare
from handlers.i18n import N_, tr
from handlers.present import Reply

OFF = N_("The HTTP API is switched off here, so there is no token to give.")
ISSUED = N_(
    "Your API token — shown this once, so copy it now and keep it secret:\n\n{token}\n\n"
    "Your member id: {user_id}\nIt works until {expires:%Y-%m-%d} (UTC) and replaces any "
    "earlier token. Send it as `Authorization: Bearer <token>`; /apitoken revoke cancels it."
)
NONE_LIVE = N_("You had no live API token. Send /apitoken for one.")


async def apitoken(dialog: Any, call: Call) -> list[Reply]:
    """/apitoken: a new token (the old one stops working); /apitoken revoke: none at all."""
    services, member = dialog.services, call.member
    assert member is not None  # the table's rule: members only
    t = tr()
    if services.api_signing is None:
        return [Reply(t.gettext(OFF))]
    now = services.clock()
    if call.args.lower() in ("revoke", "off", "cancel"):
        count = await api_tokens.revoke(services.sessions, now=now, user_id=member.id)
        if not count:
            return [Reply(t.gettext(NONE_LIVE))]
        return [Reply(t.ngettext("Done: {count} token revoked. Send /apitoken for a new one.",
                                 "Done: {count} tokens revoked. Send /apitoken for a new one.",
                                 count))]  # fmt: skip
    issued = await api_tokens.issue(services.sessions, services.api_signing, scope="member",
                                    subject_id=member.id, now=now)  # fmt: skip
    text = t.gettext(ISSUED, token=issued.token, user_id=member.id, expires=issued.expires_at)
    return [Reply(text)]


declare(Command("apitoken", N_("A token for apps (HTTP API)"), apitoken,
                help=N_("– a token for apps using goalbot's HTTP API (/apitoken revoke cancels it)"),
                menu=False))  # fmt: skip
