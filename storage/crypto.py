"""Journal text encryption at rest (Fernet), with key rotation through MultiFernet."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

KEY_FILE = "journal.key"


class JournalCipher:
    """Encrypts with the first key; decrypts with any, so old entries stay readable."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ValueError("at least one journal key is needed")
        try:
            self._fernet = MultiFernet([Fernet(k.strip().encode()) for k in keys])
        except (ValueError, TypeError):
            raise ValueError(
                "a journal key is not a Fernet key (32 url-safe base64 bytes)"
            ) from None

    @classmethod
    def from_setting(cls, value: str) -> JournalCipher:
        """Build from GOALBOT_JOURNAL_KEY: newest key first, older keys after commas."""
        return cls([k for k in value.split(",") if k.strip()])

    def encrypt(self, plaintext: str) -> str:
        """Return the ciphertext token for `plaintext`."""
        return self._fernet.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        """Return the plaintext of `token`; rows imported as plain text come back unchanged."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeEncodeError):
            if token.startswith("gAAAAA"):
                raise  # a real token under an unknown key: never show ciphertext as text
            return token

    def rotate(self, token: str) -> str:
        """Re-encrypt `token` under the newest key (plain legacy text is encrypted)."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeEncodeError):
            if token.startswith("gAAAAA"):
                raise
            return self.encrypt(token)


def load_or_create_key_file(data_dir: Path) -> str:
    """Return the key stored in `<data_dir>/journal.key`, creating it (mode 600) on first use."""
    path = Path(data_dir) / KEY_FILE
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode("ascii")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key
