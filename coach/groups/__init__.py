"""Accountability groups, platform-neutral: registry, membership, sharing, board, leaderboard,
recap figures, challenges and nudges (docs/groups.md). Nothing here knows about Telegram."""
