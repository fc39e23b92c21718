"""Connection settings: password or key-pair, private-link host/port/protocol, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from sync.config import SnowflakeSettings
from sync.warehouse import WarehouseError, connect_params


@pytest.fixture(autouse=True)
def _no_snowflake_env(clean_env: Path) -> None:
    """Settings come from the test alone."""


def test_password_and_private_link_endpoint(tmp_path: Path) -> None:
    settings = SnowflakeSettings(account="acme-eu1", user="goalbot", password="s3cret",
                                 warehouse="WH", role="LOADER", host="acme.privatelink.example",
                                 port=443, protocol="https")  # fmt: skip
    params = connect_params(settings, tmp_path)
    assert params["account"] == "acme-eu1" and params["password"] == "s3cret"
    assert (params["host"], params["port"], params["protocol"]) == (
        "acme.privatelink.example",
        443,
        "https",
    )
    assert (params["role"], params["warehouse"]) == ("LOADER", "WH")
    assert (params["database"], params["schema"]) == ("GOALBOT", "ANALYTICS")
    assert "session_parameters" not in params  # telemetry stays as Snowflake sets it


def test_key_pair_with_passphrase_becomes_pkcs8_der(tmp_path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.BestAvailableEncryption(b"open sesame"))  # fmt: skip
    path = tmp_path / "rsa_key.p8"
    path.write_bytes(pem)
    settings = SnowflakeSettings(account="acme", user="goalbot", private_key_path=str(path),
                                 private_key_passphrase="open sesame")  # fmt: skip
    params = connect_params(settings, tmp_path, role="READER")
    loaded = serialization.load_der_private_key(params["private_key"], password=None)
    assert loaded.private_numbers() == key.private_numbers()
    assert "password" not in params and params["role"] == "READER"

    wrong = settings.model_copy(update={"private_key_passphrase": None})
    with pytest.raises(WarehouseError, match="passphrase"):
        connect_params(wrong, tmp_path)
    missing = settings.model_copy(update={"private_key_path": str(tmp_path / "nope.p8")})
    with pytest.raises(WarehouseError, match="cannot read SNOWFLAKE_PRIVATE_KEY_PATH"):
        connect_params(missing, tmp_path)


def test_an_account_without_credentials_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(WarehouseError, match="neither SNOWFLAKE_PASSWORD nor"):
        connect_params(SnowflakeSettings(account="acme", user="goalbot"), tmp_path)
