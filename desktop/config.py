"""Pre-configured installs: the optional ``wpt-desk.toml`` that IT places with the app.

A network hands out the installer together with a ``wpt-desk.toml`` so that at the desk the operator
only types the enrollment code::

    [server]
    url = "https://wpt.example.it"     # the central server (https; http only for localhost)
    network = "Rete WPT Torino Nord"   # the network's name, shown to the operator
    ca_cert = "ca.pem"                 # a CA certificate to trust, relative to this file

    [desk]                             # optional defaults for a new desk
    name = "Sportello di Ivrea"
    municipality = "Ivrea"             # name or cadastral code of a municipality of the territory

Where it is looked for (the first file found is used whole; files are not merged):

1. the desk's data folder (``<data folder>/wpt-desk.toml``): a per-user override, which also lets
   support fix one desk without administrator rights;
2. the installation folder, beside the executable (``Path(sys.executable).parent`` of the frozen
   app): the machine-wide file an installer copied there.

Every key is optional and unknown keys are refused (a typo must not silently lose a setting). An
invalid file raises :class:`ConfigError`, whose message names the file and the key in Italian.

Usage: ``config = load_config(data_dir)``; then ``config.server.url`` (``str | None``, no trailing
slash), ``config.server.network``, ``config.server.ca_cert`` (absolute ``Path | None``, an existing
PEM file) and ``config.source`` (the file used, or ``None`` when there is none).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from desktop.messages import os_reason, validation_reason
from desktop.reference import municipalities
from desktop.server_url import check_server_url

CONFIG_NAME = "wpt-desk.toml"


class ConfigError(Exception):
    """An unreadable or invalid configuration file: the message names the file and the key.

    Attributes:
        path: the configuration file.
        key: the dotted key at fault (``"server.url"``), or ``None`` when the file as a whole is.
        reason: what is wrong, in Italian.
    """

    def __init__(self, path: Path, key: str | None, reason: str) -> None:
        self.path, self.key, self.reason = path, key, reason
        if key is None:
            message = f"File di configurazione {path} non valido: {reason}."
        else:
            message = f"File di configurazione {path} non valido, chiave «{key}»: {reason}."
        super().__init__(message)


def _text(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise ValueError("non può essere vuota")
    return value


class ServerSection(BaseModel):
    """``[server]``: where this desk syncs."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    url: str | None = None
    network: str | None = Field(default=None, max_length=200)
    ca_cert: Path | None = None

    @field_validator("url", mode="before")
    @classmethod
    def _url(cls, value: object) -> object:
        value = _text(value)
        if not isinstance(value, str):
            return value
        return check_server_url(value)

    @field_validator("network", mode="before")
    @classmethod
    def _network(cls, value: object) -> object:
        return _text(value)

    @field_validator("ca_cert", mode="before")
    @classmethod
    def _ca_cert(cls, value: object, info: ValidationInfo) -> object:
        value = _text(value)
        if not isinstance(value, str):
            raise ValueError("deve essere il nome di un file tra virgolette")
        base = Path((info.context or {}).get("base", "."))
        path = (base / Path(value).expanduser()).resolve()
        if not path.is_file():
            raise ValueError(f"il certificato {path} non esiste")
        try:
            head = path.read_bytes()[:65536]
        except OSError as exc:
            raise ValueError(f"il certificato {path} non si può leggere ({os_reason(exc)})") from None
        if b"-----BEGIN CERTIFICATE-----" not in head:
            raise ValueError(f"il file {path} non è un certificato in formato PEM")
        return path


class DeskSection(BaseModel):
    """``[desk]``: defaults for a new desk."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: str | None = Field(default=None, max_length=200)
    municipality: str | None = None  # the cadastral code once loaded

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> object:
        return _text(value)

    @field_validator("municipality", mode="before")
    @classmethod
    def _municipality(cls, value: object) -> object:
        value = _text(value)
        if not isinstance(value, str):
            return value
        found = municipalities.lookup(value)
        if found is None or not found.in_territory:
            raise ValueError(f"«{value}» non è un comune della Città metropolitana di Torino")
        return found.code


class DeskConfig(BaseModel):
    """The configuration in effect: what ``wpt-desk.toml`` says, defaults for what it does not.

    Attributes:
        server: the ``[server]`` section.
        desk: the ``[desk]`` section.
        source: the file read, ``None`` when no file was found (all defaults).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    server: ServerSection = Field(default_factory=ServerSection)
    desk: DeskSection = Field(default_factory=DeskSection)
    source: Path | None = Field(default=None, exclude=True)


def install_dir() -> Path | None:
    """The folder of the frozen app's executable; ``None`` when running from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def config_candidates(data_dir: Path, installed_in: Path | None = None) -> list[Path]:
    """Where ``wpt-desk.toml`` is looked for, first wins: the data folder, then the install folder."""
    folders = [data_dir, installed_in if installed_in is not None else install_dir()]
    return [folder / CONFIG_NAME for folder in folders if folder is not None]


_MESSAGES = {
    "extra_forbidden": "chiave non prevista (errore di battitura?)",
    "string_type": "deve essere un testo tra virgolette",
    "model_type": "deve essere una sezione, come [server]",
    "model_attributes_type": "deve essere una sezione, come [server]",
    "string_too_long": "testo troppo lungo",
}


def _first_problem(path: Path, error: ValidationError) -> ConfigError:
    problem = error.errors(include_url=False)[0]
    key = ".".join(str(part) for part in problem["loc"]) or None
    cause = (problem.get("ctx") or {}).get("error")
    reason = str(cause) if isinstance(cause, ValueError) else _MESSAGES.get(problem["type"], "")
    reason = reason or validation_reason(problem)
    return ConfigError(path, key, reason)


def parse_config(path: Path) -> DeskConfig:
    """Read and validate one configuration file; :class:`ConfigError` when it is not valid."""
    try:
        raw: dict[str, Any] = tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(path, None, "il testo non è in codifica UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        detail = f" alla riga {where[1]}, colonna {where[2]}" if where else ""
        raise ConfigError(path, None, f"sintassi TOML non valida{detail}") from None
    except OSError as exc:
        raise ConfigError(path, None, f"non si può leggere ({os_reason(exc)})") from None
    if "source" in raw:
        raise ConfigError(path, "source", _MESSAGES["extra_forbidden"])
    try:
        config = DeskConfig.model_validate(raw, context={"base": path.resolve().parent})
    except ValidationError as exc:
        raise _first_problem(path, exc) from None
    return config.model_copy(update={"source": path})


def load_config(data_dir: Path, installed_in: Path | None = None) -> DeskConfig:
    """The configuration in effect for the desk whose data folder is ``data_dir``.

    Args:
        data_dir: the desk's data folder, looked in first.
        installed_in: the installation folder; by default the frozen executable's folder (none from source).

    Raises:
        ConfigError: the file found is unreadable or invalid (the message names the file and the key).
    """
    for candidate in config_candidates(data_dir, installed_in):
        if candidate.is_file():
            return parse_config(candidate)
    return DeskConfig()
