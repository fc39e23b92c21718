"""Settings of the HTTP API: signing, limits, the interactive docs and CORS."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from storage.config import AreaSettings


class ApiSettings(AreaSettings):
    """JWT signing (HS256 secret or RS256 key files), per-token rate, body cap, docs, CORS."""

    toml_table: ClassVar[str] = "api"
    model_config = SettingsConfigDict(env_prefix="GOALBOT_API_", extra="forbid", frozen=True)

    enabled: bool = True
    algorithm: str = Field(default="HS256", pattern="^(HS256|RS256)$")
    jwt_secret: SecretStr | None = None  # unset (HS256): a key file in the data folder
    private_key_path: Path | None = None  # RS256: PEM that signs (the process that issues)
    public_key_path: Path | None = None  # RS256: PEM that verifies
    issuer: str = "goalbot"
    audience: str = "goalbot-api"
    token_days: int = Field(default=90, gt=0, le=3650)
    requests_per_second: float = Field(default=10.0, gt=0)
    max_body_bytes: int = Field(default=65_536, ge=1024)
    docs: bool = False  # GET /openapi.json and /docs; off in production unless turned on
    cors_origins: list[str] = Field(default_factory=list)  # none: CORS off
