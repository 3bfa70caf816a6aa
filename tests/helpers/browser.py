"""A minimal browser for the server's HTML pages: httpx with cookies, following forms as a person would.

It reads a page's forms (action, hidden fields) with the standard HTML parser and posts them back with
the fields a person fills in: the CSRF token travels because the page put it there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx


@dataclass
class Form:
    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(values.get("action", "")))
        elif tag in ("input", "select", "textarea") and self.forms and values.get("name"):
            self.forms[-1].names.add(values["name"])
            if values.get("type") == "hidden":
                self.forms[-1].hidden[values["name"]] = values.get("value", "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@dataclass
class Page:
    response: httpx.Response
    forms: list[Form]
    text: str

    @property
    def status(self) -> int:
        return self.response.status_code

    def form(self, action_prefix: str) -> Form:
        return next(f for f in self.forms if f.action.startswith(action_prefix))


def _page(response: httpx.Response) -> Page:
    parser = _Forms()
    parser.feed(response.text)
    return Page(response, parser.forms, " ".join(" ".join(parser.text).split()))


class Browser:
    """``Browser(base_url)``: ``get(path)`` a page, ``submit(page, action, **fields)`` one of its forms."""

    def __init__(self, base_url: str) -> None:
        self.client = httpx.Client(base_url=base_url, follow_redirects=True, timeout=20)

    def get(self, path: str) -> Page:
        return _page(self.client.get(path))

    def submit(self, page: Page, action_prefix: str, **fields: str) -> Page:
        form = page.form(action_prefix)
        unknown = set(fields) - form.names
        assert not unknown, f"the form has no fields {unknown}"
        return _page(self.client.post(form.action, data={**form.hidden, **fields}))

    def post(self, path: str, data: dict[str, str]) -> Page:
        """A raw POST (a forged or tampered request, not one a page offered)."""
        return _page(self.client.post(path, data=data))

    def close(self) -> None:
        self.client.close()
