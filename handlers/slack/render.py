"""Block Kit for mentors: copilot answers, the patient list, App Home. Ephemeral by default."""

from __future__ import annotations

from typing import Any

from mentor.copilot import CopilotResult
from mentor.dashboard import Dashboard, PatientRow

MODE_NAMES = {"quick_check": "quick check", "deep_dive": "deep dive", "risk_intervention": "risk"}
SUGGEST_ACTION = "suggest_plan"
REFRESH_ACTION = "home_refresh"
MAX_TEXT = 2900  # Slack allows 3000 characters per text object
MAX_ROWS = 40


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


def sources_line(sources: dict[str, Any]) -> str:
    """`Sources: PostgreSQL (…) · Snowflake analytics from 12 min ago · engine: gemini`."""
    pg = sources.get("postgresql", {})
    journal = "text shared" if pg.get("journal_text") else "mood and tags only"
    parts = [
        f"PostgreSQL ({pg.get('goals', 0)} goals, {pg.get('checkins', 0)} check-ins, "
        f"{pg.get('journal_entries', 0)} journal entries — {journal}, {pg.get('mentor_notes', 0)} notes)"
    ]
    sf = sources.get("snowflake", {})
    if not sf.get("available"):
        parts.append(f"Snowflake analytics unavailable ({sf.get('reason') or 'no answer'})")
    elif not sf.get("patient_found"):
        parts.append("Snowflake: no figures for this patient yet (not synced)")
    else:
        age = sf.get("age_minutes")
        parts.append(
            "Snowflake analytics "
            + (f"from {age} min ago" if age is not None else "of unknown age")
        )
    engine = sources.get("engine", {})
    if engine.get("source"):
        parts.append(f"engine: {engine['source']}")
    return "Sources: " + " · ".join(parts)


def copilot(result: CopilotResult) -> dict[str, Any]:
    """A copilot result as an ephemeral message: answer, actions, risks, sources, a button."""
    if result.outcome != "answered" or result.answer is None:
        return ephemeral(result.text)
    answer = result.answer
    name = escape(result.patient_name or "Patient")
    blocks = [section(f"*{name}* · {MODE_NAMES.get(result.mode or '', result.mode)}")]
    if result.safety_message:
        blocks.append(section(f":rotating_light: *{escape(result.safety_message)}*"))
    blocks.append(section(escape(answer.reply)))
    blocks += bullets("Suggested actions", answer.suggested_actions)
    blocks += bullets("Risk patterns", answer.risk_patterns)
    blocks.append(context(escape(sources_line(result.sources))))
    if result.has_plan_patch and result.interaction_id is not None:
        blocks.append(suggest_button(result))
    fallback = (result.safety_message + "\n\n" if result.safety_message else "") + answer.reply
    return ephemeral(fallback, blocks)


def suggest_button(result: CopilotResult) -> dict[str, Any]:
    """The button that sends the answer's plan change to the patient on Telegram."""
    summary = str((result.answer.plan_patch or {}).get("summary") or "a plan change")  # type: ignore[union-attr]
    name = result.patient_name or "the patient"
    return {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "action_id": SUGGEST_ACTION,
                "value": str(result.interaction_id),
                "text": {"type": "plain_text", "text": f"Suggest to {name}"[:75]},
                "confirm": {
                    "title": {"type": "plain_text", "text": "Send plan suggestion?"},
                    "text": {
                        "type": "mrkdwn",
                        "text": escape(f"{name} will be asked on Telegram: {summary}")[:300],
                    },
                    "confirm": {"type": "plain_text", "text": "Send"},
                    "deny": {"type": "plain_text", "text": "Cancel"},
                },
            }
        ],
    }


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def patient_line(row: PatientRow) -> str:
    """One patient: risk, 7-day adherence, misses and days since the last check-in."""
    risk = row.risk_level or "unknown"
    score = f" ({row.risk_score:.2f})" if row.risk_score is not None else ""
    missed = "n/a" if row.missed_count_7d is None else str(row.missed_count_7d)
    last = "n/a" if row.last_checkin_days_ago is None else f"{row.last_checkin_days_ago} d ago"
    lang = f", {row.language}" if row.language != "en" else ""  # the patient's language (#16)
    icon = {
        "high": ":red_circle:",
        "medium": ":large_orange_circle:",
        "low": ":large_green_circle:",
    }
    return (
        f"{icon.get(risk, ':white_circle:')} *{escape(row.name)}* ({escape(row.handle)}{lang}) — risk {risk}{score}"
        f" · 7-day adherence {_percent(row.adherence_7d)} · missed (7 d) {missed} · last check-in {last}"
    )


def board_blocks(board: Dashboard) -> list[dict[str, Any]]:
    """The patient list as blocks (shared by /patients and App Home)."""
    if not board.rows:
        return [section("You have no patients yet. Give a member an invite code "
                        "(`goalbot mentor invite <your Slack id>`); they send `/mentor CODE` on Telegram.")]  # fmt: skip
    blocks = [section(patient_line(row)) for row in board.rows[:MAX_ROWS]]
    if len(board.rows) > MAX_ROWS:
        blocks.append(context(f"…and {len(board.rows) - MAX_ROWS} more"))
    if board.analytics_error:
        blocks.append(
            context(escape(f"Analytics unavailable: {board.analytics_error}. Listed by name."))
        )
    elif board.last_sync is not None:
        blocks.append(context(f"Analytics as of {board.last_sync:%Y-%m-%d %H:%M} UTC"))
    return blocks


def patients(board: Dashboard) -> dict[str, Any]:
    """/patients as an ephemeral message."""
    if board.outcome != "answered":
        return ephemeral(board.text)
    header = section(f"*Your patients* ({len(board.rows)}), riskiest first")
    return ephemeral(f"Your patients ({len(board.rows)})", [header, *board_blocks(board)])


def home(board: Dashboard) -> dict[str, Any]:
    """The App Home view: the dashboard with a refresh button."""
    if board.outcome != "answered":
        blocks = [section(escape(board.text))]
    else:
        blocks = [
            {"type": "header", "text": {"type": "plain_text", "text": "Your patients"}},
            {"type": "actions", "elements": [{"type": "button", "action_id": REFRESH_ACTION,
                                              "text": {"type": "plain_text", "text": "Refresh"}}]},
            *board_blocks(board),
            context("Ask about one: `/patient <name or @username> [quick|deep|risk] <question>`"),
        ]  # fmt: skip
    return {"type": "home", "blocks": blocks[:100]}
