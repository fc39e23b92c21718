"""Editing from the chat: goal-card presses (pause, resume, archive with a question and
Undo, restore, edit), habit-edit presses (frequency, reminders) and `/edit <words>`."""

from __future__ import annotations

from datetime import time
from typing import Any

from coach import goals, habit_edits, members, settings_flow
from coach.i18n import offered_languages
from coach.members import Member, SettingChanged
from coach.services import Services
from handlers import buttons, present_edit
from handlers.commands import Call
from handlers.i18n import speak, tr
from handlers.present import Pressed, Reply


async def perform(services: Services, member: Member, press: buttons.Press) -> object:
    """What a goal or habit button does (the dialog renders the result)."""
    assert press.target is not None and press.choice is not None
    if press.kind == "habit":
        return await _habit_press(services, member, press)
    match press.choice:
        case "archive":
            asked = await goals.ask_archive(services, user_id=member.id, goal_id=press.target)
            return _shown(asked, present_edit.archive_asked)
        case "keep":
            asked = await goals.ask_archive(services, user_id=member.id, goal_id=press.target)
            return _shown(asked, present_edit.kept)
        case "edit":
            cards = await habit_edits.cards_of_goal(services, member=member, goal_id=press.target)
            return Pressed("", present_edit.habit_cards(cards))
        case "archive_yes":
            action = "archive"
        case other:
            action = other
    return await goals.change_goal(services, user_id=member.id, goal_id=press.target, action=action)


def _shown(result: object, render: Any) -> object:
    return Pressed("", [render(result)]) if isinstance(result, goals.ArchiveAsked) else result


async def _habit_press(services: Services, member: Member, press: buttons.Press) -> object:
    assert press.target is not None and press.choice is not None
    if press.choice.startswith("remind"):
        hour = press.choice.partition(":")[2]
        times = [time(int(hour))] if hour else []
        done = await habit_edits.set_reminders(
            services, member=member, habit_id=press.target, times=times
        )
    else:
        done = await habit_edits.set_frequency(
            services, member=member, habit_id=press.target, frequency=press.choice
        )
    return done if done is not None else goals.GoalGone()


async def setting_press(services: Services, member: Member, press: buttons.Press) -> object:
    """A /settings choice: change it (the time zone asks which), then show the settings."""
    assert press.choice is not None
    name, _, value = press.choice.partition("=")
    result = await settings_flow.change(services, user_id=member.id, name=name, value=value)
    if isinstance(result, SettingChanged):
        fresh = await members.get(services, user_id=member.id) or member
        speak(fresh.language)  # a language just chosen shows at once
        view = present_edit.settings_view(fresh, offered_languages())
        return Pressed(result.briefly(tr()), [Reply(view.text, view.buttons, edit=True)])
    return result


async def cmd_settings(dialog: Any, call: Call) -> list[Reply]:
    """/settings [NAME [VALUE]]: the settings with buttons, a change, or a question."""
    assert call.member is not None
    if not call.args:
        fresh = await members.get(dialog.services, user_id=call.member.id) or call.member
        return [present_edit.settings_view(fresh, offered_languages())]
    name, _, value = call.args.partition(" ")
    result = await settings_flow.change(dialog.services, user_id=call.member.id, name=name,
                                        value=value)  # fmt: skip
    return dialog.render(result)


async def cmd_edit(dialog: Any, call: Call) -> list[Reply]:
    """/edit <words>: rename, reschedule, retarget or set reminders of a habit or goal."""
    assert call.member is not None
    if not call.args.strip():
        t = tr()
        return [Reply(t.gettext("What should change? {examples}",
                                examples=t.gettext(present_edit.EDIT_WORDS)))]  # fmt: skip
    result = await habit_edits.apply_words(dialog.services, member=call.member, text=call.args)
    return present_edit.render(result) or [Reply(tr().gettext("Done."))]
