"""Webhook bodies become PTB Updates; anything else is refused."""

from __future__ import annotations

import copy

import pytest
from telegram import Bot

from handlers.telegram.app import update_from_json
from tests.fakes.telegram import callback_update

KEYBOARD = {"inline_keyboard": [[{"text": "Done", "callback_data": "c:x"}]]}


def test_a_press_keeps_its_data_message_and_keyboard() -> None:
    raw = callback_update(7, "c:abc")
    raw["callback_query"]["message"]["reply_markup"] = KEYBOARD
    sent = copy.deepcopy(raw)

    update = update_from_json(raw, Bot("1:T"))

    query = update.callback_query
    assert query is not None and query.data == "c:abc" and query.from_user.id == 7
    assert query.message is not None and query.message.chat.id == 7
    markup = query.message.reply_markup  # type: ignore[union-attr]
    assert markup.inline_keyboard[0][0].callback_data == "c:x"
    assert raw == sent  # the caller's body is left as it came (the inbox stores it whole)


@pytest.mark.parametrize("body", [[1, 2], "text", None])
def test_a_body_that_is_not_an_object_is_refused(body: object) -> None:
    with pytest.raises(TypeError):
        update_from_json(body, Bot("1:T"))
