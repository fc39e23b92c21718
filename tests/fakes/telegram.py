"""An offline Telegram Bot API for tests: a PTB `BaseRequest` that records calls and answers.

`RecordingRequest` answers every Bot API method with a plausible result (messages get ids,
edits echo their text) and keeps `(method, parameters)` in `calls`. The `*_update` helpers
build incoming updates as Telegram sends them, for `Application.process_update`.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT = {"id": 7000001, "is_bot": True, "first_name": "goalbot", "username": "goalbot_test_bot",
       "can_join_groups": True, "can_read_all_group_messages": False,
       "supports_inline_queries": False}  # fmt: skip
ADMIN_RIGHTS = {"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
                "can_delete_messages": True, "can_manage_video_chats": True,
                "can_restrict_members": True, "can_promote_members": False, "can_change_info": True,
                "can_invite_users": True, "can_post_stories": False, "can_edit_stories": False,
                "can_delete_stories": False}  # fmt: skip
STATUS_FIELDS: dict[str, dict[str, Any]] = {"administrator": ADMIN_RIGHTS, "creator": {"is_anonymous": False},
                                            "kicked": {"until_date": 0}}  # fmt: skip
SENDS = ("sendMessage", "sendPhoto", "sendDocument")
EDITS = ("editMessageText", "editMessageReplyMarkup")
_ids = itertools.count(1)


class RecordingRequest(BaseRequest):
    """Records `(method, parameters)` for every call and returns a plausible result."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.files: list[tuple[str, dict[str, bytes]]] = []  # (method, uploaded files)
        self._message_ids = itertools.count(1000)
        self.now = lambda: datetime.now(UTC)
        self.chat_members: dict[int, str] = {}  # user id → getChatMember status (else "member")

    @property
    def read_timeout(self) -> float | None:
        """Seconds to wait for an answer (nothing waits here)."""
        return 5.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = None, write_timeout: Any = None,
                         connect_timeout: Any = None, pool_timeout: Any = None) -> tuple[int, bytes]:  # fmt: skip
        """Record the call and answer `{"ok": true, "result": …}`."""
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        if request_data is not None and request_data.contains_files:  # uploads: name -> bytes
            files = request_data.multipart_data or {}
            self.files.append((name, {k: v[1] for k, v in files.items()}))
        self.calls.append((name, params))
        return 200, json.dumps({"ok": True, "result": self._result(name, params)}).encode()

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT
        if name == "getUpdates":
            return []
        if name == "getChatMember":
            user_id = int(params["user_id"])
            status = self.chat_members.get(user_id, "member")
            member = {"status": status, "user": _user(user_id)}
            return member | STATUS_FIELDS.get(status, {})
        if name in SENDS or name in EDITS:
            message_id = params.get("message_id") or next(self._message_ids)
            message = {"message_id": message_id, "date": int(self.now().timestamp()),
                       "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
                       "from": BOT, "text": params.get("text") or params.get("caption") or ""}  # fmt: skip
            markup = params.get("reply_markup")
            markup = json.loads(markup) if isinstance(markup, str) else markup
            if isinstance(markup, dict) and "inline_keyboard" in markup:  # messages keep only these
                message["reply_markup"] = markup
            return message
        return True

    def sent(self, since: int = 0) -> list[tuple[str, dict[str, Any]]]:
        """The calls that showed something to a person (sends, edits, callback answers)."""
        shown = (*SENDS, *EDITS, "answerCallbackQuery")
        return [(m, p) for m, p in self.calls[since:] if m in shown]


def _user(user_id: int, first_name: str = "Ada", username: str | None = "ada") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": first_name, "username": username}


def _message(user_id: int, *, date: datetime | None = None, **content: Any) -> dict[str, Any]:
    when = int((date or datetime.now(UTC)).timestamp())
    return {"message_id": next(_ids), "date": when, "chat": {"id": user_id, "type": "private"},
            "from": _user(user_id), **content}  # fmt: skip


def message_update(user_id: int, text: str, **extra: Any) -> dict[str, Any]:
    """A private text message (commands get their `bot_command` entity)."""
    content: dict[str, Any] = {"text": text, **extra}
    if text.startswith("/"):
        command = text.split(" ", 1)[0]
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"update_id": next(_ids), "message": _message(user_id, **content)}


def edited_update(user_id: int, text: str) -> dict[str, Any]:
    """An edited private message."""
    edited = _message(user_id, text=text)
    edited["edit_date"] = edited["date"]
    return {"update_id": next(_ids), "edited_message": edited}


def media_update(user_id: int, kind: str) -> dict[str, Any]:
    """A sticker, photo or voice note."""
    file = {"file_id": "f1", "file_unique_id": "u1"}
    content = {
        "sticker": {"sticker": {**file, "width": 512, "height": 512, "is_animated": False,
                                "is_video": False, "type": "regular"}},
        "photo": {"photo": [{**file, "width": 90, "height": 90}]},
        "voice": {"voice": {**file, "duration": 3}},
    }[kind]  # fmt: skip
    return {"update_id": next(_ids), "message": _message(user_id, **content)}


def location_update(user_id: int, latitude: float, longitude: float) -> dict[str, Any]:
    """A shared location."""
    location = {"latitude": latitude, "longitude": longitude}
    return {"update_id": next(_ids), "message": _message(user_id, location=location)}


def callback_update(user_id: int, data: str, *, message_id: int = 1,
                    message_date: datetime | None = None, text: str = "…") -> dict[str, Any]:  # fmt: skip
    """A press on an inline button of one of the bot's messages."""
    when = int((message_date or datetime.now(UTC)).timestamp())
    message = {"message_id": message_id, "date": when, "text": text, "from": BOT,
               "chat": {"id": user_id, "type": "private"}}  # fmt: skip
    query = {"id": str(next(_ids)), "from": _user(user_id), "chat_instance": "ci",
             "data": data, "message": message}  # fmt: skip
    return {"update_id": next(_ids), "callback_query": query}
