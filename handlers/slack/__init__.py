"""Slack transport for mentors: Bolt app, slash commands, buttons, App Home, DMs, HTTP and
Socket Mode adapters, and the app manifest."""
