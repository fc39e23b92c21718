"""The offline coach's group recaps and mentor answers: facts and rules, never a diagnosis."""

from __future__ import annotations

from typing import Any

from babel import Locale

from coach.i18n import N_, Translator, translator
from coach.llm.offline_patch import easier_plan_patch
from coach.llm.schemas import GroupRecap, GroupWeek, MentorAnswer, MentorMode, PatientContext
from coach.safety import screen


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
    named = [m for m in members if m.ranked]  # ranking off: counted above, never named below
    ranked = sorted(named, key=lambda m: (m.completed / m.scheduled if m.scheduled else 0, m.streak),
                    reverse=True)  # fmt: skip
    ranked = [m for m in ranked if m.completed > 0]  # never who failed: only those who did
    for place, m in enumerate(ranked[:3]):
        pct = round(100 * min(m.completed, m.scheduled) / m.scheduled) if m.scheduled else 0
        lines.append(f"{('🥇', '🥈', '🥉')[place]} {m.name}: {m.completed}/{m.scheduled} "
                     f"({t.percent(pct / 100)})")  # fmt: skip
    leader = max(named, key=lambda m: m.streak, default=None)
    if leader is not None and leader.streak > 0:
        lines.append(t.gettext("🔥 Longest streak: {name}, {streak}.", name=leader.name,
                               streak=leader.streak))  # fmt: skip
    full = [m.name for m in named if m.scheduled and m.completed >= m.scheduled]
    if full:
        lines.append(t.gettext("💯 Every check-in done: {names}.", names=", ".join(full[:10])))
    lines.append(t.gettext("New week, new chances — cheer each other on!"))
    return GroupRecap(post="\n".join(lines)[:2000])


ADHERENCE = {"adherence_7d": N_("adherence 7d {share}"),
             "adherence_30d": N_("adherence 30d {share}")}  # fmt: skip


def _num(analytics: dict[str, Any], key: str) -> float | None:
    value = analytics.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def risk_flags(context: PatientContext, language: str = "en") -> list[str]:
    """Rule-based risk patterns from the analytics (keys documented in the README), in the
    mentor's `language`."""
    return [text for _, text in _flags(context, translator(language))]


def _flags(context: PatientContext, t: Translator) -> list[tuple[str, str]]:
    """(kind, text) of each risk pattern found; the kind drives the suggested actions."""
    a = context.analytics
    flags: list[tuple[str, str]] = []
    if (crisis := _num(a, "crisis_events")) and crisis > 0:
        flags.append(("crisis", t.gettext(
            "Crisis language flagged {times} time(s) recently — reach out personally.",
            times=int(crisis))))  # fmt: skip
    if (idle := _num(a, "days_since_last_checkin")) is not None and idle >= 3:
        flags.append(("idle", t.gettext("No check-in for {days} days.", days=int(idle))))
    week, month = _num(a, "adherence_7d"), _num(a, "adherence_30d")
    if week is not None and week < 0.5:
        flags.append(("adherence", t.gettext("Adherence {share} over 7 days (below 50%).",
                                             share=t.percent(round(week, 2)))))  # fmt: skip
    if week is not None and month is not None and month - week >= 0.2:
        flags.append(("adherence", t.gettext(
            "Adherence dropped from {before} (30 days) to {now}.",
            before=t.percent(round(month, 2)), now=t.percent(round(week, 2)))))  # fmt: skip
    if (missed := _num(a, "missed_count_7d")) is not None and missed >= 3:
        flags.append(("missed", t.gettext("{count} scheduled check-ins missed in the last 7 days.",
                                          count=int(missed))))  # fmt: skip
    mood = a.get("mood_trend")
    if isinstance(mood, str) and mood.lower() in ("declining", "down", "falling", "worsening"):
        flags.append(("mood", t.gettext("Journal mood trending down.")))
    elif (trend := _num(a, "mood_trend")) is not None and trend <= -0.2:
        flags.append(("mood", t.gettext("Journal mood trending down ({trend}).",
                                        trend=f"{trend:+.2f}")))  # fmt: skip
    if (level := a.get("risk_level")) in ("high", "critical"):
        flags.append(("risk", t.gettext("Risk level {level} (score {score}).", level=level,
                                        score=a.get("risk_score", "?"))))  # fmt: skip
    return flags[:5]


def _language_line(context: PatientContext, language: str) -> str:
    """The patient's language, named in the mentor's ("Writes to goalbot in German.")."""
    name = Locale.parse(context.language).get_display_name(language) or context.language
    return translator(language).gettext("Writes to goalbot in {language}.", language=name)


def _facts(context: PatientContext, limit: int, t: Translator) -> list[str]:
    a = context.analytics
    plan = "; ".join(context.plan[:limit])
    facts = [t.gettext("Plan: {plan}.", plan=plan) if plan else t.gettext("No active plan.")]
    numbers = [t.gettext(label, share=t.percent(round(v, 2))) for k, label in ADHERENCE.items()
               if (v := _num(a, k)) is not None]  # fmt: skip
    if (streak := _num(a, "streak")) is not None:
        numbers.append(t.gettext("best current streak {streak}", streak=int(streak)))
    if numbers:
        facts.append(t.gettext("Figures: {figures}.", figures=", ".join(numbers)))
    if context.last_checkins:
        checkins = "; ".join(context.last_checkins[-limit:])
        facts.append(t.gettext("Latest check-ins: {checkins}.", checkins=checkins))
    if context.mentor_notes and limit > 2:
        notes = "; ".join(context.mentor_notes[-2:])
        facts.append(t.gettext("Your notes: {notes}.", notes=notes))
    return facts


def _mentor_reply(
    mode: MentorMode, context: PatientContext, flags: list[str], actions: list[str], t: Translator
) -> str:
    """The answer's text for the mode: a status line, an overview, or a risk review."""
    name = context.name
    if mode == "quick_check":
        status = t.gettext("needs attention") if flags else t.gettext("on track")
        facts = " ".join(_facts(context, 2, t)[:2] + flags[:2])
        return t.gettext("{name}: {status}. {facts}", name=name, status=status, facts=facts)
    if mode == "deep_dive":
        head = t.gettext("{name} — overview", name=name)
        return "\n".join([head, *_facts(context, 5, t), *flags])
    found = " ".join(flags) if flags else t.gettext("no rule fired.")
    steps = " ".join(actions) or t.gettext("keep the usual weekly check-in.")
    return t.gettext("{name} — risk review: {found} Next steps: {steps}", name=name, found=found,
                     steps=steps)  # fmt: skip


# after crisis language the only next steps: reach the person today, and the safety protocol
CHECK_IN_TODAY = N_("Check in with them directly today and share crisis resources if needed.")
SAFETY_PROTOCOL = N_("Follow your organisation's safety protocol and record what you did.")


def _in_crisis(context: PatientContext, kinds: set[str], message: str) -> bool:
    """A crisis event in the context, one the mentor side read in the question
    (`crisis_reported`), or crisis language in the question itself."""
    reported = context.analytics.get("crisis_reported") is True
    return "crisis" in kinds or reported or screen(message) is not None


def _actions(name: str, kinds: set[str], crisis: bool, t: Translator) -> list[str]:
    """The suggested next steps: after a crisis only reaching out and safety, never praise."""
    if crisis:
        return [t.gettext(CHECK_IN_TODAY), t.gettext(SAFETY_PROTOCOL)]
    actions: list[str] = []
    if kinds:
        actions.append(t.gettext("Message {name} this week and ask what got in the way.",
                                 name=name))  # fmt: skip
    if "adherence" in kinds:
        actions.append(t.gettext("Suggest a smaller version of the hardest habit for two weeks."))
    return actions or [t.gettext("Acknowledge their consistency in your next message.")]


def offline_mentor(
    mode: MentorMode, context: PatientContext, message: str, language: str = "en"
) -> MentorAnswer:
    """Facts and rule-based risk flags about one patient, shaped by the mode; the patient's
    language is named in the mentor's `language` when it is not the mentor's."""
    t = translator(language)
    found = _flags(context, t)
    flags, kinds = [text for _, text in found], {kind for kind, _ in found}
    crisis = _in_crisis(context, kinds, message)
    actions = _actions(context.name, kinds, crisis, t)
    steps = actions if flags or crisis else []  # the risk review's "Next steps", never praise
    reply = _mentor_reply(mode, context, flags, steps, t)
    if context.language != language:
        reply = f"{reply}\n{_language_line(context, language)}"
    patch = None if mode == "quick_check" or crisis else easier_plan_patch(context)
    return MentorAnswer(
        reply=reply[:3000], suggested_actions=actions[:5], risk_patterns=flags, plan_patch=patch
    )
