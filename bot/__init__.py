"""goalbot's composition root: CLI, settings, wiring, scheduler."""
