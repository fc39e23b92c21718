"""The Telegram application: PTB's Application with goalbot's handlers, limits and commands."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Bot, Update
from telegram.ext import AIORateLimiter, Application, ContextTypes
from telegram.request import BaseRequest

from coach.services import Services
from handlers.dialog import Dialog
from handlers.telegram import chat, checkins, commands, fallbacks, groups, onboarding, safety
from handlers.telegram.config import TelegramSettings
from handlers.telegram.context import GoalbotContext, install
from mentor.services import MentorServices

FEATURES = (onboarding, commands, checkins)


async def register_commands(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Register the command menus with Telegram (run_polling calls it as post_init; a caller
    that starts the application itself, `async with app: await app.start()`, calls it)."""
    await commands.register_menus(app)


def build_application(
    settings: TelegramSettings,
    services: Services,
    *,
    request: BaseRequest | None = None,
    mentor_services: MentorServices | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Build the bot: handlers of every feature, AIORateLimiter, command menu at start-up."""
    if not settings.configured:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        Application.builder()
        .token(settings.bot_token.get_secret_value())  # type: ignore[union-attr]
        .base_url(f"{settings.api_url.rstrip('/')}/bot")
        .base_file_url(f"{settings.api_url.rstrip('/')}/file/bot")
        .context_types(ContextTypes(context=GoalbotContext))
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=settings.overall_messages_per_second,
                group_max_rate=settings.group_messages_per_minute,
            )
        )
        .concurrent_updates(True)
        .post_init(register_commands)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app = builder.build()
    max_age = timedelta(hours=settings.keyboard_max_age_hours)
    dialog = Dialog(services, keyboard_max_age=max_age, mentor=mentor_services)
    install(app, services, dialog, settings)
    groups.install_groups(app, group_interval=120 / settings.group_messages_per_minute,
                          per_second=settings.overall_messages_per_second / 3)  # fmt: skip
    safety.register(app)  # group -1: every text is screened before any other handler sees it
    groups.register(app)  # first: /start <join payload> is the group's, plain /start onboarding's
    for feature in FEATURES:
        feature.register(app)
    chat.register(app)  # after every command and button of the other features
    fallbacks.register(app)
    return app


def update_from_json(data: Any, bot: Bot) -> Update:
    """A webhook body as PTB's Update; anything that is not an update raises
    (ValueError, TypeError, KeyError)."""
    if not isinstance(data, dict):
        raise TypeError("an update is a JSON object")
    update = Update.de_json(data, bot)
    if update is None:
        raise ValueError("an empty update")
    return update
