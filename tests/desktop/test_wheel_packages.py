"""The wheel's package list (pyproject.toml) and where the installed program finds its resources.

pyproject.toml lists the packages by name (discovery cannot map the top-level ``resources/`` into the
``desktop`` package), so a package added to the source tree must be added there too: this test says so
at once, without building a wheel (``make test-wheel`` builds and installs one).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from desktop.paths import resource, resources_dir

ROOT = Path(__file__).resolve().parent.parent.parent


def _setuptools() -> dict:
    return dict(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"])


def test_every_package_of_the_source_tree_is_listed_for_the_wheel() -> None:
    in_tree = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("desktop", "ui", "sync")
        for init in (ROOT / top).rglob("__init__.py")
    }

    listed = set(_setuptools()["packages"])

    assert listed - {"desktop.resources"} == in_tree, "update [tool.setuptools] packages in pyproject.toml"


def test_the_resources_folder_ships_as_desktop_resources() -> None:
    config = _setuptools()

    assert "desktop.resources" in config["packages"]
    assert config["package-dir"] == {"desktop.resources": "resources"}
    assert (ROOT / config["package-dir"]["desktop.resources"] / "catalog_sample.json").is_file()


def test_the_source_tree_reads_the_top_level_resources_folder() -> None:
    assert resources_dir() == ROOT / "resources"
    assert resource("demo_names.json").is_file()
