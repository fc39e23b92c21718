"""What every member handler does first: who is this, may they go on, and "typing…"."""

from __future__ import annotations

from cachetools import TTLCache
from telegram import Update, User
from telegram.constants import ChatAction

from coach import members
from coach.members import Member
from handlers.i18n import N_, speak, speak_as_telegram, tr
from handlers.telegram.context import GoalbotContext
from handlers.telegram.render import send

NOT_STARTED = N_("Hi! Send /start first, so I can set you up.")
PRESS_CACHE = "goalbot.press_members"
PRESS_CACHE_SECONDS = 30.0  # a run of presses looks the member up once; any message refreshes
PRESS_CACHE_SIZE = 50_000  # members; the least recently used go first


async def _lookup(context: GoalbotContext, user_id: int, cached: bool) -> Member | None:
    """The member, from the short press cache when `cached` (button presses only).

    Messages and commands always read the database and drop the cached entry, so a changed
    time zone is never served stale by this process; another process's change shows within
    PRESS_CACHE_SECONDS. Stale, it could only shift which day counts as today for the backfill
    check (the day recorded comes from the button), and the core checks ownership in SQL.
    """
    cache = _press_cache(context)
    if cached and (hit := cache.get(user_id)) is not None:
        return hit
    cache.pop(user_id, None)
    member = await members.by_telegram(context.services, telegram_user_id=user_id)
    if member is not None and cached:
        cache[user_id] = member
    return member


async def _known(context: GoalbotContext, user: User, cached: bool) -> Member | None:
    """The member behind `user`; from here on this update speaks their language (or, for
    someone who has not started, their Telegram app's)."""
    member = await _lookup(context, user.id, cached)
    if member is None:
        speak_as_telegram(user.language_code)
    else:
        speak(member.language)
    return member


def _press_cache(context: GoalbotContext) -> TTLCache[int, Member]:
    """The process's press cache: bounded in size and in age."""
    return context.bot_data.setdefault(PRESS_CACHE, TTLCache(PRESS_CACHE_SIZE, PRESS_CACHE_SECONDS))


def forget_cached(context: GoalbotContext, user_id: int) -> None:
    """Drop a member from the press cache (after /forget)."""
    _press_cache(context).pop(user_id, None)


async def member_for(update: Update, context: GoalbotContext) -> Member | None:
    """The member behind the update, after the rate check; None when we must not go on."""
    user = update.effective_user
    if user is None:
        return None
    member = await _known(context, user, cached=update.callback_query is not None)
    if member is None:
        if update.callback_query is not None:
            await update.callback_query.answer(tr().gettext(NOT_STARTED))
        elif update.effective_chat is not None:
            await update.effective_chat.send_message(tr().gettext(NOT_STARTED))
        return None
    return member if await _admitted(update, context, member) else None


async def caller_for(update: Update, context: GoalbotContext) -> tuple[bool, Member | None]:
    """(may go on, the member or None) for commands anyone may use, started or not."""
    user = update.effective_user
    if user is None:
        return False, None
    member = await _known(context, user, cached=False)
    if member is None:
        return True, None
    return await _admitted(update, context, member), member


async def _admitted(update: Update, context: GoalbotContext, member: Member) -> bool:
    """Within the member's rate; otherwise they are told once (or not at all) and we stop."""
    held = context.dialog.admit(member)
    if held is None:
        return True
    if update.callback_query is not None:
        await update.callback_query.answer(held[0].text[:190] if held else None)
    else:
        await send(update, held)
    return False


async def typing(update: Update) -> None:
    """Show "typing…" while the coach works."""
    if update.effective_chat is not None:
        await update.effective_chat.send_action(ChatAction.TYPING)
