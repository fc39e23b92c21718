"""The offline copilot proposes an easier plan when adherence is low, and only then."""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any

import pytest

from coach.llm.offline_group import offline_mentor
from coach.llm.offline_patch import easier_plan_patch
from coach.llm.schemas import PatientContext
from coach.schedule import easier_frequency
from coach.scheduled import easier_plans
from coach.suggestions import PlanPatch

PLAN = ["Goal: Run a 5k (fitness, until 2027-06-01)", "  Habit: Run — weekly:3",
        "  Habit: Stretch — daily"]  # fmt: skip


def patient(**analytics: float) -> PatientContext:
    return PatientContext(name="Ana", plan=PLAN, analytics=analytics)


@pytest.mark.parametrize(
    ("frequency", "easier"),
    [("daily", "weekly:4"), ("weekdays", "weekly:3"), ("days:mon,wed,fri", "weekly:2"),
     ("weekly:3", "weekly:2"), ("weekly:2", "weekly:1"), ("weekly:1", None), ("days:sun", None)],
)  # fmt: skip
def test_easier_frequency_keeps_about_60_percent(frequency: str, easier: str | None) -> None:
    assert easier_frequency(frequency) == easier


def eased(patch: dict[str, Any] | None) -> str | None:
    """The frequency a one-habit patch proposes, or None when there is no patch."""
    return patch["habits"][0]["frequency"] if patch else None


@pytest.mark.parametrize(
    ("frequency", "easier"),
    [("daily", "weekly:4"), ("weekdays", "weekly:3"), ("days:mon,wed,fri", "weekly:2"),
     ("weekly:3", "weekly:2"), ("weekly:1", None)],
)  # fmt: skip
def test_the_mentor_patch_and_the_weekly_review_ease_alike(
    frequency: str, easier: str | None
) -> None:
    context = PatientContext(name="Ana", plan=[f"  Habit: Run — {frequency}"],
                             analytics={"adherence_7d": 0.2})  # fmt: skip
    row = SimpleNamespace(id=uuid.uuid4(), goal_id=uuid.uuid4(), goal_title="Run a 5k",
                          frequency=frequency)  # fmt: skip
    assert eased(easier_plan_patch(context)) == eased(easier_plans._patch([row])) == easier


def test_low_adherence_eases_the_most_demanding_habit() -> None:
    patch = easier_plan_patch(patient(adherence_7d=0.3))
    assert patch is not None
    assert patch["habits"] == [{"match": "Stretch", "frequency": "weekly:4"}]
    assert patch["summary"] == (
        "Stretch: 4× a week for two weeks instead of every day, to rebuild momentum"
    )
    spanish = easier_plan_patch(patient(adherence_7d=0.3).model_copy(update={"language": "es"}))
    assert spanish is not None and spanish["summary"] == (
        "Stretch: 4× por semana durante dos semanas en vez de todos los días, para recuperar "
        "el impulso"
    )
    assert (
        PlanPatch.model_validate(patch).habits[0].match == "Stretch"
    )  # the member side accepts it


def test_no_patch_when_adherence_is_fine_or_unknown() -> None:
    assert easier_plan_patch(patient(adherence_7d=0.8)) is None
    assert easier_plan_patch(patient()) is None


def test_the_offline_copilot_attaches_the_patch_except_in_a_quick_check() -> None:
    risky = patient(adherence_7d=0.2, adherence_30d=0.6)
    assert offline_mentor("risk_intervention", risky, "what now?").plan_patch is not None
    assert offline_mentor("deep_dive", risky, "tell me more").plan_patch is not None
    assert offline_mentor("quick_check", risky, "status").plan_patch is None
