"""wpt-desk.toml: good, invalid and missing files; every error names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.config import CONFIG_NAME, ConfigError, DeskConfig, load_config, parse_config
from desktop.reference.municipalities import lookup
from tests.helpers.cli import wpt_desk

PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"


def write(folder: Path, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CONFIG_NAME
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "desk", installed_in=tmp_path / "app")

    assert config == DeskConfig()
    assert config.source is None and config.server.url is None and config.server.ca_cert is None


def test_a_full_file_is_read_with_the_certificate_relative_to_it(tmp_path: Path) -> None:
    app = tmp_path / "app"
    path = write(app, """
[server]
url = "https://wpt.example.it/api/"
network = "  Rete WPT Torino Nord "
ca_cert = "certs/ca.pem"

[desk]
name = "Sportello di Ivrea"
municipality = "ivrea"
""")
    (app / "certs").mkdir()
    (app / "certs" / "ca.pem").write_text(PEM)

    config = load_config(tmp_path / "desk", installed_in=app)

    ivrea = lookup("Ivrea")
    assert ivrea is not None
    assert config.source == path
    assert config.server.url == "https://wpt.example.it/api"
    assert config.server.network == "Rete WPT Torino Nord"
    assert config.server.ca_cert == (app / "certs" / "ca.pem").resolve()
    assert config.desk.name == "Sportello di Ivrea"
    assert config.desk.municipality == ivrea.code


def test_the_data_folder_file_wins_over_the_installed_one(tmp_path: Path) -> None:
    write(tmp_path / "app", '[server]\nurl = "https://machine.example.it"\n')
    mine = write(tmp_path / "desk", '[server]\nurl = "https://user.example.it"\n')

    config = load_config(tmp_path / "desk", installed_in=tmp_path / "app")

    assert config.source == mine
    assert config.server.url == "https://user.example.it"


def test_http_is_allowed_for_a_local_test_server_only(tmp_path: Path) -> None:
    path = write(tmp_path, '[server]\nurl = "http://127.0.0.1:8765"\n')

    assert parse_config(path).server.url == "http://127.0.0.1:8765"


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('[server]\nurl = "ftp://wpt.example.it"\n', "server.url", "https://"),
        ('[server]\nurl = "http://wpt.example.it"\n', "server.url", "https://"),
        ('[server]\nurl = "https://"\n', "server.url", "indirizzo web"),
        ('[server]\nurl = "https://wpt.example.it:99999"\n', "server.url", "porta"),
        ('[server]\nurl = 42\n', "server.url", "testo"),
        ('[server]\nurl = "   "\n', "server.url", "vuota"),
        ('[server]\nurll = "https://wpt.example.it"\n', "server.urll", "non prevista"),
        ('[server]\nca_cert = "missing.pem"\n', "server.ca_cert", "non esiste"),
        ('[server]\nca_cert = "wpt-desk.toml"\n', "server.ca_cert", "PEM"),
        ('[server]\nca_cert = true\n', "server.ca_cert", "nome di un file"),
        ('[desk]\nmunicipality = "Milano"\n', "desk.municipality", "Città metropolitana di Torino"),
        ('[desk]\nmunicipality = "Atlantide"\n', "desk.municipality", "Atlantide"),
        ('server = "https://wpt.example.it"\n', "server", "sezione"),
        ('url = "https://wpt.example.it"\n', "url", "non prevista"),
        ('source = "x"\n', "source", "non prevista"),
    ],
)
def test_an_invalid_value_names_the_file_and_the_key(tmp_path: Path, text: str, key: str, words: str) -> None:
    path = write(tmp_path, text)

    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)

    assert raised.value.path == path and raised.value.key == key
    message = str(raised.value)
    assert str(path) in message and f"«{key}»" in message and words in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('[server\nurl = "https://wpt.example.it"\n', "riga 1"),
        ('[server]\nurl = "https://wpt.example.it\n', "riga 2"),
        (b'[server]\nurl = "https://wpt.example.it"\n' + b"# \xff\xfe\n", "UTF-8"),
    ],
)
def test_an_unreadable_file_is_named_with_the_reason(tmp_path: Path, content: str | bytes, words: str) -> None:
    path = write(tmp_path, content)

    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)

    assert raised.value.key is None
    assert str(path) in str(raised.value) and words in str(raised.value)


def test_the_config_command_reports_an_invalid_file_in_one_sentence(data_dir: Path) -> None:
    path = write(data_dir, '[server]\nnetwork = ""\n')

    result = wpt_desk(data_dir, "config")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert str(path) in result.stderr and "«server.network»" in result.stderr
    assert "Traceback" not in result.stderr
