"""Why the analytics warehouse is unavailable reaches a mentor in their own language."""

from __future__ import annotations

import uuid

from coach.i18n import translator
from handlers.slack.render import board_blocks, sources_line
from mentor.analytics import NOT_CONFIGURED, TIMED_OUT, UNREACHABLE, Reason
from mentor.dashboard import Dashboard, PatientRow
from tests.handlers.slack.test_slack_commands import texts


def test_a_german_mentor_reads_why_analytics_are_missing_in_german() -> None:
    de, en = translator("de"), translator("en")
    amy = PatientRow(uuid.uuid4(), "Amy First", "amy")
    board = Dashboard("ok", rows=[amy], analytics_error=UNREACHABLE)
    assert "nicht erreichbar" in texts({"blocks": board_blocks(board, de)})
    assert "the analytics warehouse is unreachable" in texts({"blocks": board_blocks(board, en)})
    sources = {"snowflake": {"available": False, "reason": NOT_CONFIGURED}}
    assert "kein Analytics-Warehouse" in sources_line(sources, de)
    assert "no analytics warehouse is configured" in sources_line(sources, en)
    waited = {"snowflake": {"available": False, "reason": Reason.of(TIMED_OUT, seconds="0.4")}}
    assert "hat nicht innerhalb von 0.4 s geantwortet" in sources_line(waited, de)
    assert "did not answer within 0.4 s" in sources_line(waited, en)
    as_stored = {"snowflake": {"available": False, "reason": "the warehouse said no"}}
    assert "the warehouse said no" in sources_line(as_stored, de)  # not a catalogue text: as is
