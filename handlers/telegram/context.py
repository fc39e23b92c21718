"""The typed callback context: services reach handlers through `bot_data`, never globals."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from coach.services import Services
from handlers.dialog import Dialog
from handlers.telegram.config import TelegramSettings

SERVICES, DIALOG, SETTINGS = "goalbot.services", "goalbot.dialog", "goalbot.telegram"


class GoalbotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context plus typed access to goalbot's services, dialog and Telegram settings."""

    @property
    def services(self) -> Services:
        """The member-side core's services."""
        return self.bot_data[SERVICES]

    @property
    def dialog(self) -> Dialog:
        """The platform-neutral member journey."""
        return self.bot_data[DIALOG]

    @property
    def telegram(self) -> TelegramSettings:
        """Telegram settings (limits, keyboard age)."""
        return self.bot_data[SETTINGS]


def install(
    app: Application[Any, Any, Any, Any, Any, Any],
    services: Services,
    dialog: Dialog,
    settings: TelegramSettings,
) -> None:
    """Put the services where every handler finds them."""
    app.bot_data[SERVICES] = services
    app.bot_data[DIALOG] = dialog
    app.bot_data[SETTINGS] = settings
