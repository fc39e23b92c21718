"""The HTTP API: a FastAPI app mounted in goalbot's one aiohttp server (see docs/api.md)."""
