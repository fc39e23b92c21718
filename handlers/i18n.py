"""The language the handlers are speaking in right now: one per update, set where the person is known.

Replies are built deep inside present*.py from core results that do not carry the member, so
rather than thread a translator through every function, the transport (or the Dialog, at each
entry point) sets the language of the person it is answering with `speak(language)`, and the
renderers read it with `tr()`. Telegram processes each update in its own asyncio task
(`concurrent_updates`), so a language set for one update never leaks into another; a task
that set nothing speaks English.

A group chat speaks the group's language (`groups.language`, set by an admin with
`/groupsettings language de`): what is posted there is rendered with `in_group(group)`, an
explicit translator that leaves the task's language alone, so one answer may post in the
group's language and tell the speaker privately in theirs.
Texts: `tr().gettext("Saved “{title}”.", title=title)`; constants marked with `N_()` where
defined, `tr().gettext(CONSTANT)` where shown (how to translate: docs/languages.md).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Protocol

from coach.i18n import N_, SOURCE, Translator, pick_language, translator

__all__ = ["N_", "in_group", "speak", "speak_as_telegram", "tr"]


class _HasLanguage(Protocol):
    @property
    def language(self) -> str: ...


_CURRENT: ContextVar[str] = ContextVar("goalbot_language", default=SOURCE)


def speak(language: str | None) -> Translator:
    """Answer in `language` from now on in this task (unsupported or None: English)."""
    chosen = translator(language)
    _CURRENT.set(chosen.language)
    return chosen


def speak_as_telegram(language_code: str | None) -> Translator:
    """Answer someone not yet a member in their Telegram app's language, when supported."""
    return speak(pick_language(language_code))


def tr() -> Translator:
    """The translator of the person being answered."""
    return translator(_CURRENT.get())


def in_group(group: _HasLanguage | str | None) -> Translator:
    """The translator of what is posted in a group chat: the group's language (or a code)."""
    return translator(group if group is None or isinstance(group, str) else group.language)
