"""`python -m bot` does what the `goalbot` command does."""

from bot.cli import main

main()
