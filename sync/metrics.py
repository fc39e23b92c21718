"""Adherence, streak and risk for every member in a few set-based statements.

Each member's "today" is their day at the `as_of` moment (local date in their time zone,
shifted back by their day-start hour). The schedule follows coach/schedule.py exactly:
a habit is due on the days its frequency names from its start day on ("weekly:N" counts
N/7 per day); a completed check-in is a done day (for "weekly:N", capped at what is due);
adherence = Σ completed ÷ Σ due over the member's counted habits. A goal with no habits
stands for its own habit (the older system's check-ins carry only the goal).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from storage.score_rules import HISTORY_DAYS, credit_sql
from storage.score_rules import WINDOWS as STRENGTH_WINDOWS
from sync.load import upsert_merge
from sync.warehouse import Warehouse, ntz_literal

# window name -> (first age, last age) in days before today (0 = today)
WINDOWS = {"a7": (0, 6), "a30": (0, 29), "a90": (0, 89), "m3": (1, 3), "m7": (1, 7)}

# this pass's rows of the scratch table (passes may overlap: each has its own id)
WORK = "(SELECT * FROM metrics_work WHERE pass_id = %(pass)s)"

DONE = "(f.status = 'done' OR (f.status IS NULL AND f.completed))"

MEMBERS = """
members AS (
    SELECT user_id, DATEADD(hour, -day_start_hour,
               CONVERT_TIMEZONE('UTC', timezone, %(as_of)s::TIMESTAMP_NTZ))::DATE AS today
    FROM dim_users WHERE is_current
)"""

# what adherence schedules (a week target: one a week); a row loaded before these columns
# existed falls back to the habit's own frequency until it is loaded again
HABITS = """
habits AS (
    SELECT h.habit_id, h.user_id,
           IFF(h.due_mask IS NULL, h.per_week, h.due_per_week) AS per_week,
           COALESCE(h.due_mask, h.weekday_mask) AS weekday_mask, h.start_day
    FROM dim_habits h JOIN dim_goals g ON g.goal_id = h.goal_id AND g.is_current
    WHERE h.active AND g.status = 'active'
    UNION ALL
    SELECT g.goal_id, g.user_id, g.per_week, g.weekday_mask, g.start_day
    FROM dim_goals g
    WHERE g.is_current AND g.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM dim_habits x WHERE x.goal_id = g.goal_id)
)"""


def _window_sums() -> str:
    parts = []
    for name, (first, last) in WINDOWS.items():
        inside = f"age BETWEEN {first} AND {last}"
        days = f"SUM(IFF({inside}, 1, 0))"
        due = f"IFF(per_week IS NULL, SUM(IFF({inside}, due, 0)), CAST(per_week * {days} AS FLOAT) / 7)"
        hit = f"SUM(IFF({inside}, due * done, 0))"
        parts.append(f"{due} AS s_{name}")
        parts.append(f"IFF(per_week IS NULL, {hit}, LEAST({hit}, {due})) AS c_{name}")
    return ",\n           ".join(parts)


MEMBER_WINDOWS = f"""
INSERT INTO metrics_work (pass_id, user_id, today, {", ".join(f"s_{w}, c_{w}" for w in WINDOWS)})
WITH {MEMBERS}, {HABITS},
done_days AS (  -- a measurable habit's done day is credited amount ÷ target
    SELECT COALESCE(f.habit_id, f.goal_id) AS habit_id, f.day,
           MAX({credit_sql("f.amount", "t.target_amount")}) AS credit
    FROM fact_checkins f LEFT JOIN dim_habits t ON t.habit_id = f.habit_id
    WHERE {DONE} GROUP BY 1, 2
),
habit_days AS (
    SELECT h.user_id, h.habit_id, h.per_week, DATEDIFF(day, c.day, m.today) AS age,
           IFF(h.per_week IS NOT NULL
               OR SUBSTR(h.weekday_mask, DAYOFWEEKISO(c.day), 1) = '1', 1, 0) AS due,
           IFF(d.habit_id IS NULL, 0,
               IFF(h.per_week IS NULL, LEAST(1.0, d.credit), d.credit)) AS done
    FROM habits h
    JOIN members m ON m.user_id = h.user_id
    JOIN metrics_calendar c
      ON c.day BETWEEN GREATEST(h.start_day, DATEADD(day, -89, m.today)) AND m.today
    LEFT JOIN done_days d ON d.habit_id = h.habit_id AND d.day = c.day
),
per_habit AS (
    SELECT user_id, habit_id,
           {_window_sums()}
    FROM habit_days GROUP BY user_id, habit_id, per_week
)
SELECT %(pass)s, m.user_id, m.today,
       {", ".join(f"COALESCE(SUM(p.s_{w}), 0), COALESCE(SUM(p.c_{w}), 0)" for w in WINDOWS)}
FROM members m LEFT JOIN per_habit p ON p.user_id = m.user_id
GROUP BY m.user_id, m.today
"""


def _pct(window: str) -> str:
    return f"IFF(s_{window} > 0, (c_{window} / s_{window}) * 100, NULL)"


ADHERENCE = f"""
MERGE INTO metrics_adherence t USING (
    SELECT user_id, today AS metric_date, {_pct("a7")} AS adherence_7d,
           {_pct("a30")} AS adherence_30d, {_pct("a90")} AS adherence_90d,
           c_a7 AS checkins_completed_7d, s_a7 AS total_7d,
           %(computed_at)s::TIMESTAMP_NTZ AS computed_at
    FROM {WORK} w
) s ON t.user_id = s.user_id AND t.metric_date = s.metric_date
WHEN MATCHED THEN UPDATE SET adherence_7d = s.adherence_7d, adherence_30d = s.adherence_30d,
    adherence_90d = s.adherence_90d, checkins_completed_7d = s.checkins_completed_7d,
    total_7d = s.total_7d, computed_at = s.computed_at
WHEN NOT MATCHED THEN INSERT (user_id, metric_date, adherence_7d, adherence_30d, adherence_90d,
    checkins_completed_7d, total_7d, computed_at)
    VALUES (s.user_id, s.metric_date, s.adherence_7d, s.adherence_30d, s.adherence_90d,
    s.checkins_completed_7d, s.total_7d, s.computed_at)
"""

# Member-level streak: consecutive days (up to today) with at least one completed check-in.
# A run still counts as current when it ends yesterday: today is not over yet.
STREAK_SOURCE = f"""
WITH days AS (
    SELECT DISTINCT f.user_id, f.day FROM fact_checkins f
    JOIN {WORK} w ON w.user_id = f.user_id
    WHERE {DONE} AND f.day <= w.today
),
islands AS (
    SELECT user_id, day,
           DATEADD(day, -ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY day), day) AS grp
    FROM days
),
runs AS (
    SELECT user_id, MAX(day) AS last_day, COUNT(*) AS length FROM islands GROUP BY user_id, grp
)
SELECT w.user_id,
       COALESCE(MAX(IFF(r.last_day >= DATEADD(day, -1, w.today), r.length, NULL)), 0)
           AS current_streak,
       COALESCE(MAX(r.length), 0) AS longest_streak, MAX(r.last_day) AS last_completion,
       w.today AS metric_date, %(computed_at)s::TIMESTAMP_NTZ AS computed_at
FROM {WORK} w LEFT JOIN runs r ON r.user_id = w.user_id
GROUP BY w.user_id, w.today
"""
STREAK = upsert_merge("metrics_streak", "", ("user_id", "metric_date"), STREAK_SOURCE)


def _rolling() -> str:
    """Each day's credits summed over its habit's window (SQL frames are constant: one each)."""
    frames = " ".join(
        f"WHEN {n} THEN SUM(credit) OVER (PARTITION BY habit_id ORDER BY day "
        f"ROWS BETWEEN {n - 1} PRECEDING AND CURRENT ROW)"
        for n in STRENGTH_WINDOWS
        if n > 1
    )
    return f"CASE win {frames} ELSE credit END"


# Loop's score (coach/strength.py) in closed form: strength = Σ value × (1 − m) × m^later over
# the days that step (counted, not skipped), `later` = steps after it; a day's value is
# min(1, credits over its window ÷ goal). Each habit's window, goal, m and whether it steps
# every day come from storage.score_rules (dim_habits.strength_*). Today without a check-in
# steps with value 0, as in the core.
STRENGTH_SOURCE = f"""
WITH {MEMBERS},
habits AS (
    SELECT h.habit_id, h.user_id, h.start_day, h.weekday_mask, h.target_amount,
           h.strength_window AS win, h.strength_goal AS goal, h.strength_multiplier AS keep,
           h.strength_every_day AS every_day
    FROM dim_habits h JOIN dim_goals g ON g.goal_id = h.goal_id AND g.is_current
    WHERE h.active AND g.status = 'active' AND h.strength_window IS NOT NULL
),
marks AS (
    SELECT f.habit_id, f.day,
           MAX(IFF({DONE}, {credit_sql("f.amount", "h.target_amount")}, 0)) AS credit,
           MAX(IFF(f.status = 'skipped', 1, 0)) AS skipped
    FROM fact_checkins f JOIN habits h ON h.habit_id = f.habit_id
    GROUP BY f.habit_id, f.day
),
days AS (
    SELECT h.user_id, h.habit_id, c.day, h.win, h.goal, h.keep,
           IFF(h.every_day OR SUBSTR(h.weekday_mask, DAYOFWEEKISO(c.day), 1) = '1', 1, 0)
               AS counted,
           COALESCE(k.skipped, 0) AS skipped, COALESCE(k.credit, 0) AS credit
    FROM habits h JOIN members m ON m.user_id = h.user_id
    JOIN metrics_calendar c ON c.day
         BETWEEN GREATEST(h.start_day, DATEADD(day, -{HISTORY_DAYS}, m.today)) AND m.today
    LEFT JOIN marks k ON k.habit_id = h.habit_id AND k.day = c.day
),
rolled AS (SELECT *, {_rolling()} AS rolling FROM days),
steps AS (
    SELECT habit_id, keep, IFF(goal > 0, LEAST(1.0, rolling / goal), 1.0) AS value,
           ROW_NUMBER() OVER (PARTITION BY habit_id ORDER BY day DESC) - 1 AS later
    FROM rolled WHERE counted = 1 AND skipped = 0
)
SELECT h.user_id, h.habit_id, m.today AS metric_date,
       COALESCE(SUM(s.value * (1 - s.keep) * POWER(s.keep, s.later)), 0) AS strength,
       %(computed_at)s::TIMESTAMP_NTZ AS computed_at
FROM habits h JOIN members m ON m.user_id = h.user_id
LEFT JOIN steps s ON s.habit_id = h.habit_id
GROUP BY h.user_id, h.habit_id, m.today
"""
STRENGTH = upsert_merge("metrics_strength", "", ("habit_id", "metric_date"), STRENGTH_SOURCE)

# Risk rules (README "sync" section): points add up to a score capped at 1.
RISK_RULES = {
    "missed_3d": ("missed_count_3d >= 2", 0.30),
    "missed_7d": ("missed_count_7d >= 4", 0.20),
    "silent": (
        "last_checkin_days_ago >= 3 OR (last_checkin_days_ago IS NULL AND due_7d > 0)",
        0.20,
    ),
    "adherence_drop": ("adherence_drop >= 20", 0.15),
    "mood": ("mood_trend <= -0.2", 0.15),
    "crisis": ("open_safety_flags > 0", 0.50),
}
HIGH, MEDIUM = 0.6, 0.3

RISK_SOURCE = f"""
WITH last_checkin AS (
    SELECT f.user_id, MAX(f.day) AS day FROM fact_checkins f
    JOIN {WORK} w ON w.user_id = f.user_id
    WHERE COALESCE(f.status, '') <> 'missed' AND f.day <= w.today
    GROUP BY f.user_id
),
mood AS (
    SELECT j.user_id,
           AVG(IFF(DATEDIFF(day, j.day, w.today) BETWEEN 0 AND 6, j.sentiment_score, NULL)) AS recent,
           AVG(IFF(DATEDIFF(day, j.day, w.today) BETWEEN 7 AND 29, j.sentiment_score, NULL)) AS earlier
    FROM fact_journal_entries j JOIN {WORK} w ON w.user_id = j.user_id
    WHERE j.sentiment_score IS NOT NULL
    GROUP BY j.user_id
),
facts AS (
    SELECT w.user_id, w.today, w.s_m7 AS due_7d,
           CAST(ROUND(w.s_m3 - w.c_m3) AS INTEGER) AS missed_count_3d,
           CAST(ROUND(w.s_m7 - w.c_m7) AS INTEGER) AS missed_count_7d,
           DATEDIFF(day, l.day, w.today) AS last_checkin_days_ago,
           mood.recent - mood.earlier AS mood_trend,
           IFF(w.s_a7 > 0 AND w.s_a30 > 0,
               (w.c_a30 / w.s_a30 - w.c_a7 / w.s_a7) * 100, NULL) AS adherence_drop,
           COALESCE(sf.open_flags, 0) AS open_safety_flags
    FROM {WORK} w
    LEFT JOIN last_checkin l ON l.user_id = w.user_id
    LEFT JOIN mood ON mood.user_id = w.user_id
    LEFT JOIN safety_flags sf ON sf.user_id = w.user_id
),
scored AS (
    SELECT *, ROUND(LEAST(1.0, {" + ".join(f"IFF({rule}, {points}, 0)" for rule, points in RISK_RULES.values())}), 2) AS score
    FROM facts
)
SELECT user_id,
       CASE WHEN open_safety_flags > 0 OR score >= {HIGH} THEN 'high'
            WHEN score >= {MEDIUM} THEN 'medium' ELSE 'low' END AS risk_level,
       score AS risk_score, missed_count_3d, missed_count_7d, last_checkin_days_ago,
       mood_trend, adherence_drop, open_safety_flags, today AS metric_date,
       %(computed_at)s::TIMESTAMP_NTZ AS computed_at
FROM scored
"""
RISK = upsert_merge("metrics_risk", "", ("user_id", "metric_date"), RISK_SOURCE)

# the newest metrics per member: latest day first, then the latest computation of that day
LATEST = "QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY metric_date DESC, computed_at DESC) = 1"
HIGH_RISK = f"SELECT user_id, risk_level FROM metrics_risk {LATEST}"


# What each scheduled metrics job recomputes: adherence, streaks and strength, or risk. Both read the
# same per-member window sums (metrics_work), which every pass builds first.
FAMILIES = {"adherence": (ADHERENCE, STREAK, STRENGTH), "risk": (RISK,)}


def compute_metrics(
    warehouse: Warehouse,
    *,
    as_of: datetime,
    computed_at: datetime,
    families: tuple[str, ...] = tuple(FAMILIES),
) -> list[str]:
    """Recompute every member's metrics of `families` as of `as_of`; return ids newly high risk."""
    params = {
        "as_of": ntz_literal(as_of),
        "computed_at": ntz_literal(computed_at),
        "pass": uuid.uuid4().hex,
    }
    before = _high_risk(warehouse, families)
    warehouse.execute(MEMBER_WINDOWS, params)
    try:
        warehouse.begin()
        try:
            for statement in (s for family in families for s in FAMILIES[family]):
                warehouse.execute(statement, params)
            warehouse.commit()
        except BaseException:
            warehouse.rollback()
            raise
    finally:
        warehouse.execute("DELETE FROM metrics_work WHERE pass_id = %(pass)s", params)
    return sorted(_high_risk(warehouse, families) - before)


def _high_risk(warehouse: Warehouse, families: tuple[str, ...]) -> set[str]:
    if "risk" not in families:
        return set()
    return {user_id for user_id, level in warehouse.execute(HIGH_RISK) if level == "high"}
