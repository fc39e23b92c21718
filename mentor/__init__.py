"""Mentor-side core: patients, copilot context and answers, audit, invites, notes, plan
suggestions and alerts. Platform-free: the Slack and Telegram handlers render its results."""
