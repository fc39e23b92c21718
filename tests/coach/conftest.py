"""The coach tests' shared fixtures."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.gemini import FakeGemini


@pytest.fixture
async def fake() -> AsyncIterator[FakeGemini]:
    """A fake Gemini API on loopback for one test."""
    async with FakeGemini() as server:
        yield server
