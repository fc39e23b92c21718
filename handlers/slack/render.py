"""Block Kit for mentors: copilot answers, the patient list, App Home. Ephemeral by default.

Every text is the handlers catalogue's, in the mentor's language (`t`, English by default:
`goalbot mentor language` or `/patient language de`); what the core wrote (refusals, answers)
arrives already in it.
"""

from __future__ import annotations

from typing import Any

from babel import Locale

from coach.i18n import Translator, translator
from handlers.i18n import N_
from mentor.analytics import reason_in
from mentor.copilot import CopilotResult
from mentor.dashboard import Dashboard, PatientRow
from mentor.language import MentorLanguage

MODE_NAMES = {"quick_check": N_("quick check"), "deep_dive": N_("deep dive"),
              "risk_intervention": N_("risk")}  # fmt: skip
RISK_NAMES = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
USAGE = N_("Ask about one: `/patient <name or @username> [quick|deep|risk] <question>`")
SUGGEST_ACTION = "suggest_plan"
REFRESH_ACTION = "home_refresh"
MAX_TEXT = 2900  # Slack allows 3000 characters per text object
MAX_ROWS = 40


NO_ANSWER = N_("no answer")


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(text: str) -> dict[str, Any]:
    """A mrkdwn section, cut to Slack's limit."""
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def context(text: str) -> dict[str, Any]:
    """A small grey line."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:MAX_TEXT]}]}


def ephemeral(text: str, blocks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Keyword arguments for `respond()`: visible only to the mentor, never to the channel."""
    message: dict[str, Any] = {
        "text": text,
        "response_type": "ephemeral",
        "replace_original": False,
    }
    if blocks:
        message["blocks"] = blocks
    return message


def bullets(title: str, items: list[str]) -> list[dict[str, Any]]:
    """A titled bullet list, or nothing."""
    if not items:
        return []
    return [section(f"*{title}*\n" + "\n".join(f"• {escape(i)}" for i in items))]


def _postgres(pg: dict[str, Any], t: Translator) -> str:
    journal = (
        t.gettext("text shared") if pg.get("journal_text") else t.gettext("mood and tags only")
    )
    counts = ", ".join([
        t.ngettext("{count} goal", "{count} goals", pg.get("goals", 0)),
        t.ngettext("{count} check-in", "{count} check-ins", pg.get("checkins", 0)),
        t.ngettext("{count} journal entry", "{count} journal entries", pg.get("journal_entries", 0)),
    ])  # fmt: skip
    notes = t.ngettext("{count} note", "{count} notes", pg.get("mentor_notes", 0))
    return t.gettext("PostgreSQL ({counts} — {journal}, {notes})", counts=counts,
                     journal=journal, notes=notes)  # fmt: skip


def _snowflake(sf: dict[str, Any], t: Translator) -> str:
    if not sf.get("available"):
        return t.gettext("Snowflake analytics unavailable ({reason})",
                         reason=reason_in(sf.get("reason") or NO_ANSWER, t))  # fmt: skip
    if not sf.get("patient_found"):
        return t.gettext("Snowflake: no figures for this patient yet (not synced)")
    age = sf.get("age_minutes")
    if age is None:
        return t.gettext("Snowflake analytics of unknown age")
    return t.ngettext("Snowflake analytics from {count} min ago",
                      "Snowflake analytics from {count} min ago", age)  # fmt: skip


def sources_line(sources: dict[str, Any], t: Translator) -> str:
    """`Sources: PostgreSQL (…) · Snowflake analytics from 12 min ago · engine: gemini`."""
    parts = [
        _postgres(sources.get("postgresql", {}), t),
        _snowflake(sources.get("snowflake", {}), t),
    ]
    engine = sources.get("engine", {})
    if engine.get("source"):
        parts.append(t.gettext("engine: {engine}", engine=engine["source"]))
    return t.gettext("Sources: {sources}", sources=" · ".join(parts))


def copilot(result: CopilotResult, t: Translator) -> dict[str, Any]:
    """A copilot result as an ephemeral message: answer, actions, risks, sources, a button."""
    if result.outcome != "answered" or result.answer is None:
        if result.safety_message:  # crisis language is met first, whatever else happened
            blocks = [safety_section(result.safety_message), section(escape(result.text))]
            return ephemeral(f"{result.safety_message}\n\n{result.text}", blocks)
        return ephemeral(result.text)
    answer = result.answer
    name = escape(result.patient_name or t.gettext("Patient"))
    mode = MODE_NAMES.get(result.mode or "")
    blocks = [section(f"*{name}* · {t.gettext(mode) if mode else result.mode}")]
    if result.safety_message:
        blocks.append(safety_section(result.safety_message))
    blocks.append(section(escape(answer.reply)))
    blocks += bullets(t.gettext("Suggested actions"), answer.suggested_actions)
    blocks += bullets(t.gettext("Risk patterns"), answer.risk_patterns)
    blocks.append(context(escape(sources_line(result.sources, t))))
    if result.has_plan_patch and result.interaction_id is not None:
        blocks.append(suggest_button(result, t))
    fallback = (result.safety_message + "\n\n" if result.safety_message else "") + answer.reply
    return ephemeral(fallback, blocks)


def safety_section(text: str) -> dict[str, Any]:
    """The fixed safety text in bold, line by line (Slack's bold does not cross lines)."""
    lines = [f"*{escape(line)}*" if line.strip() else "" for line in text.splitlines()]
    return section(":rotating_light: " + "\n".join(lines))


def _plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


def suggest_button(result: CopilotResult, t: Translator) -> dict[str, Any]:
    """The button that sends the answer's plan change to the patient on Telegram."""
    patch = result.answer.plan_patch if result.answer is not None else None
    summary = str((patch or {}).get("summary") or t.gettext("a plan change"))
    name = result.patient_name or t.gettext("the patient")
    asked = t.gettext("{name} will be asked on Telegram: {summary}", name=name, summary=summary)
    confirm = {"title": _plain(t.gettext("Send plan suggestion?")),
               "text": {"type": "mrkdwn", "text": escape(asked)[:300]},
               "confirm": _plain(t.gettext("Send")), "deny": _plain(t.gettext("Cancel"))}  # fmt: skip
    button = {"type": "button", "action_id": SUGGEST_ACTION, "value": str(result.interaction_id),
              "text": _plain(t.gettext("Suggest to {name}", name=name)[:75]), "confirm": confirm}  # fmt: skip
    return {"type": "actions", "elements": [button]}


def _percent(value: float | None, t: Translator) -> str:
    return t.gettext("n/a") if value is None else t.percent(value)


def patient_line(row: PatientRow, t: Translator | None = None) -> str:
    """One patient: risk, 7-day adherence, misses and days since the last check-in."""
    t = t or translator(None)
    level = RISK_NAMES.get(row.risk_level or "")
    risk = t.gettext(level) if level else t.gettext("unknown")
    score = f" ({row.risk_score:.2f})" if row.risk_score is not None else ""
    missed = t.gettext("n/a") if row.missed_count_7d is None else str(row.missed_count_7d)
    days = row.last_checkin_days_ago
    last = t.gettext("n/a") if days is None else t.ngettext("{count} d ago", "{count} d ago", days)
    lang = f", {row.language}" if row.language != "en" else ""  # the patient's language (#16)
    icon = {"high": ":red_circle:", "medium": ":large_orange_circle:",
            "low": ":large_green_circle:"}.get(row.risk_level or "", ":white_circle:")  # fmt: skip
    figures = t.gettext(
        "risk {risk}{score} · 7-day adherence {adherence} · missed (7 d) {missed} · last check-in {last}",
        risk=risk, score=score, adherence=_percent(row.adherence_7d, t), missed=missed, last=last,
    )  # fmt: skip
    return f"{icon} *{escape(row.name)}* ({escape(row.handle)}{lang}) — {figures}"


def board_blocks(board: Dashboard, t: Translator) -> list[dict[str, Any]]:
    """The patient list as blocks (shared by /patients and App Home)."""
    if not board.rows:
        return [section(t.gettext("You have no patients yet. Give a member an invite code "
                                  "(`goalbot mentor invite <your Slack id>`); they send "
                                  "`/mentor CODE` on Telegram."))]  # fmt: skip
    blocks = [section(patient_line(row, t)) for row in board.rows[:MAX_ROWS]]
    if len(board.rows) > MAX_ROWS:
        more = len(board.rows) - MAX_ROWS
        blocks.append(context(t.ngettext("…and {count} more", "…and {count} more", more)))
    if board.analytics_error:
        unavailable = t.gettext("Analytics unavailable: {error}. Listed by name.",
                                error=reason_in(board.analytics_error, t))  # fmt: skip
        blocks.append(context(escape(unavailable)))
    elif board.last_sync is not None:
        when = f"{board.last_sync:%Y-%m-%d %H:%M}"
        blocks.append(context(t.gettext("Analytics as of {when} UTC", when=when)))
    return blocks


def patients(board: Dashboard, t: Translator) -> dict[str, Any]:
    """/patients as an ephemeral message."""
    if board.outcome != "answered":
        return ephemeral(board.text)
    count = len(board.rows)
    header = section(t.gettext("*Your patients* ({count}), riskiest first", count=count))
    return ephemeral(t.gettext("Your patients ({count})", count=count),
                     [header, *board_blocks(board, t)])  # fmt: skip


def home(board: Dashboard, t: Translator) -> dict[str, Any]:
    """The App Home view: the dashboard with a refresh button."""
    if board.outcome != "answered":
        blocks = [section(escape(board.text))]
    else:
        refresh = {
            "type": "button",
            "action_id": REFRESH_ACTION,
            "text": _plain(t.gettext("Refresh")),
        }
        blocks = [{"type": "header", "text": _plain(t.gettext("Your patients"))},
                  {"type": "actions", "elements": [refresh]},
                  *board_blocks(board, t), context(t.gettext(USAGE))]  # fmt: skip
    return {"type": "home", "blocks": blocks[:100]}


def language_name(code: str) -> str:
    """A language as its speakers write it: "de (Deutsch)"."""
    return f"{code} ({Locale.parse(code).get_display_name(code)})"


def language(result: MentorLanguage, t: Translator) -> dict[str, Any]:
    """`/patient language [code]`, in the language now in use (the new one after a change)."""
    choices = ", ".join(language_name(code) for code in result.choices)
    name = language_name(result.language)
    if result.outcome == "refused":
        text = t.gettext("Only registered mentors can choose a language; ask your goalbot admin.")
    elif result.outcome == "failed":
        text = t.gettext("Sorry, your language could not be changed; please try again.")
    elif result.outcome == "invalid":
        text = t.gettext("“{code}” is not a language I offer. Choices: {choices}. "
                         "For example: `/patient language de`.", code=result.asked or "",
                         choices=choices)  # fmt: skip
    elif result.changed:
        text = t.gettext("Done: I write to you in {language} now, and the copilot answers in it.",
                         language=name)  # fmt: skip
    else:
        text = t.gettext("I write to you in {language}. Choices: {choices}. "
                         "Change it with `/patient language de`.", language=name,
                         choices=choices)  # fmt: skip
    return ephemeral(escape(text))
