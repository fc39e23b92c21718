"""The offline coach's group recaps and mentor answers: facts and rules, never a diagnosis."""

from __future__ import annotations

from typing import Any

from babel import Locale

from coach.i18n import translator
from coach.llm.offline_patch import easier_plan_patch
from coach.llm.schemas import GroupRecap, GroupWeek, MentorAnswer, MentorMode, PatientContext


def offline_recap(week: GroupWeek) -> GroupRecap:
    """A weekly post from the numbers only: group completion, top finishers, streak leader."""
    t = translator(week.language)
    members = week.members
    start = t.date(week.week_start, "dd MMM")
    lines = [t.gettext("📊 {group} — week of {day}", group=week.group, day=start)]
    scheduled = sum(m.scheduled for m in members)
    if not members or scheduled == 0:
        lines.append(
            t.gettext(
                "Nothing was scheduled this week. A fresh start on Monday — set one small goal!"
            )
        )
        return GroupRecap(post="\n".join(lines))
    done = sum(min(m.completed, m.scheduled) for m in members)
    lines.append(t.ngettext("Together: {done}/{count} check-in ({share}).",
                            "Together: {done}/{count} check-ins ({share}).", scheduled,
                            done=done, share=t.percent(done / scheduled)))  # fmt: skip
    ranked = sorted(members, key=lambda m: (m.completed / m.scheduled if m.scheduled else 0, m.streak),
                    reverse=True)  # fmt: skip
    ranked = [m for m in ranked if m.completed > 0]  # never who failed: only those who did
    for place, m in enumerate(ranked[:3]):
        pct = round(100 * min(m.completed, m.scheduled) / m.scheduled) if m.scheduled else 0
        lines.append(f"{('🥇', '🥈', '🥉')[place]} {m.name}: {m.completed}/{m.scheduled} "
                     f"({t.percent(pct / 100)})")  # fmt: skip
    leader = max(members, key=lambda m: m.streak)
    if leader.streak > 0:
        lines.append(t.gettext("🔥 Longest streak: {name}, {streak}.", name=leader.name,
                               streak=leader.streak))  # fmt: skip
    full = [m.name for m in members if m.scheduled and m.completed >= m.scheduled]
    if full:
        lines.append(t.gettext("💯 Every check-in done: {names}.", names=", ".join(full[:10])))
    lines.append(t.gettext("New week, new chances — cheer each other on!"))
    return GroupRecap(post="\n".join(lines)[:2000])


def _num(analytics: dict[str, Any], key: str) -> float | None:
    value = analytics.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def risk_flags(context: PatientContext) -> list[str]:
    """Rule-based risk patterns from the analytics (keys documented in the README)."""
    a = context.analytics
    flags: list[str] = []
    if (crisis := _num(a, "crisis_events")) and crisis > 0:
        flags.append(
            f"Crisis language flagged {int(crisis)} time(s) recently — reach out personally."
        )
    if (idle := _num(a, "days_since_last_checkin")) is not None and idle >= 3:
        flags.append(f"No check-in for {int(idle)} days.")
    week, month = _num(a, "adherence_7d"), _num(a, "adherence_30d")
    if week is not None and week < 0.5:
        flags.append(f"Adherence {round(week * 100)}% over 7 days (below 50%).")
    if week is not None and month is not None and month - week >= 0.2:
        flags.append(
            f"Adherence dropped from {round(month * 100)}% (30 days) to {round(week * 100)}%."
        )
    if (missed := _num(a, "missed_count_7d")) is not None and missed >= 3:
        flags.append(f"{int(missed)} scheduled check-ins missed in the last 7 days.")
    mood = a.get("mood_trend")
    if isinstance(mood, str) and mood.lower() in ("declining", "down", "falling", "worsening"):
        flags.append("Journal mood trending down.")
    elif (trend := _num(a, "mood_trend")) is not None and trend <= -0.2:
        flags.append(f"Journal mood trending down ({trend:+.2f}).")
    if (level := a.get("risk_level")) in ("high", "critical"):
        flags.append(f"Risk level {level} (score {a.get('risk_score', '?')}).")
    return flags[:5]


def _language_line(context: PatientContext, language: str) -> str:
    """The patient's language, named in the mentor's ("Writes to goalbot in German.")."""
    name = Locale.parse(context.language).get_display_name(language) or context.language
    return translator(language).gettext("Writes to goalbot in {language}.", language=name)


def _facts(context: PatientContext, limit: int) -> list[str]:
    a = context.analytics
    facts = [f"Plan: {'; '.join(context.plan[:limit])}." if context.plan else "No active plan."]
    numbers = [f"{k.replace('_', ' ')} {round(v * 100)}%" for k in ("adherence_7d", "adherence_30d")
               if (v := _num(a, k)) is not None]  # fmt: skip
    if (streak := _num(a, "streak")) is not None:
        numbers.append(f"best current streak {int(streak)}")
    if numbers:
        facts.append("Figures: " + ", ".join(numbers) + ".")
    if context.last_checkins:
        facts.append("Latest check-ins: " + "; ".join(context.last_checkins[-limit:]) + ".")
    if context.mentor_notes and limit > 2:
        facts.append("Your notes: " + "; ".join(context.mentor_notes[-2:]) + ".")
    return facts


def offline_mentor(
    mode: MentorMode, context: PatientContext, message: str, language: str = "en"
) -> MentorAnswer:
    """Facts and rule-based risk flags about one patient, shaped by the mode; the patient's
    language is named in the mentor's `language` when it is not the mentor's."""
    flags = risk_flags(context)
    actions: list[str] = []
    if flags:
        actions.append(f"Message {context.name} this week and ask what got in the way.")
    if any("Adherence" in f for f in flags):
        actions.append("Suggest a smaller version of the hardest habit for two weeks.")
    if any("Crisis" in f for f in flags):
        actions.insert(0, "Check in with them directly today and share crisis resources if needed.")
    if mode == "quick_check":
        status = "needs attention" if flags else "on track"
        reply = f"{context.name}: {status}. " + " ".join(_facts(context, 2)[:2] + flags[:2])
    elif mode == "deep_dive":
        reply = "\n".join([f"{context.name} — overview", *_facts(context, 5), *flags])
    if context.language != language:
        reply = f"{reply}\n{_language_line(context, language)}"
    else:
        head = f"{context.name} — risk review: " + (" ".join(flags) if flags else "no rule fired.")
        reply = head + " Next steps: " + (" ".join(actions) or "keep the usual weekly check-in.")
    if not actions:
        actions.append("Acknowledge their consistency in your next message.")
    patch = None if mode == "quick_check" else easier_plan_patch(context)
    return MentorAnswer(
        reply=reply[:3000], suggested_actions=actions[:5], risk_patterns=flags, plan_patch=patch
    )
