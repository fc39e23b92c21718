"""/export: a zip with the JSON and CSVs people can use, through the real PTB Application (#15)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from storage.db import Sessions
from tests.handlers.telegram.harness import Clock, make_services, run_dialog, telegram_chat
from tests.handlers.telegram.test_journey import JOURNEY


async def test_export_is_a_zip_with_titled_sorted_checkins_reflections_and_csvs(
    sessions: Sessions,
) -> None:
    clock = Clock()
    chat = await telegram_chat(make_services(sessions, clock), clock)
    await run_dialog(chat, [*JOURNEY[:9]])
    clock.advance(days=1)
    await run_dialog(chat, [("/checkin", "Read 20 pages"), ("[Skip]", "skipped"),
                            ("/journal A calm, good day", "journal"), ("/export", "CSV")])  # fmt: skip
    ((_, uploaded),) = [(m, f) for m, f in chat.request.files if m == "sendDocument"]
    (data,) = uploaded.values()
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        names = set(zipped.namelist())
        stem = next(n for n in names if n.endswith(".json"))
        document = json.loads(zipped.read(stem))
        checkins = list(
            csv.DictReader(io.StringIO(zipped.read("checkins.csv").decode("utf-8-sig")))
        )
        habits = list(csv.DictReader(io.StringIO(zipped.read("habits.csv").decode("utf-8-sig"))))
        journal = list(csv.DictReader(io.StringIO(zipped.read("journal.csv").decode("utf-8-sig"))))
    assert {"habits.csv", "checkins.csv", "journal.csv"} <= names and stem.startswith("goalbot-")
    rows = document["checkins"]
    assert [(r["habit"], r["goal"], r["status"]) for r in rows] == [
        ("Read 20 pages", "Read 20 pages every day", "done"),
        ("Read 20 pages", "Read 20 pages every day", "skipped"),
    ]
    assert [r["day"] for r in rows] == sorted(r["day"] for r in rows)
    text = json.dumps(document)
    assert "call_id" not in text and "fallback_reason" not in text
    assert document["journal"][0]["text"] == "A calm, good day"
    assert document["journal"][0]["reflection"]
    assert [c["status"] for c in checkins] == ["done", "skipped"] and checkins[0]["habit"]
    assert habits[0]["title"] == "Read 20 pages" and habits[0]["target"] == "20 pages a day"
    assert journal[0]["text"] == "A calm, good day" and journal[0]["reflection"]
