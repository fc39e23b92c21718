"""Scheduled work's core, together: what is due and what to send, for bot/jobs.py to run.

reminders (due by each member's time, streamed in batches) and delivery (claim, send, settle
each reminders_sent row); reviews (weekly review, monthly report) and easier_plans (an easier
plan offered for a goal below half two weeks running); rollover (a missed check-in for each
unchecked habit of a day just closed); group_recaps (each group's Monday recap). The jobs'
timing, leader election and run records live in bot/ (scheduler.py, jobs.py).
"""
