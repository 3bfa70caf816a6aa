"""The providers' page on the central server: small server-rendered HTML in Italian, no JavaScript.

- ``/enti/invito/<token>``: set the password from a one-time invitation.
- ``/enti/accesso``: log in (rate-limited); ``/enti/esci``: log out.
- ``/enti``: the referrals sent to the provider's services; ``/enti/invio/<id>``: one, with the answer form.
- ``/enti/ricevuto``: confirm receipt with the referral's code and the person's birth date (no access).

Every value is HTML-escaped; every POST carries a CSRF token (double-submit: a random cookie repeated in
a hidden field); the session cookie is HttpOnly, SameSite=Strict, and Secure over https. Pages are
never cached, never framed, send no Referer (invitation links carry their token), and allow no script.
Refusals are one Italian sentence, never the input; nothing personal is logged.
"""

from __future__ import annotations

import html
import logging
import secrets
from collections.abc import Callable
from datetime import date
from typing import TypeVar
from urllib.parse import parse_qs

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from desktop.domain.enums import ReferralStatus
from desktop.domain.labels import REFERRAL_STATUS
from sync.server.engine import ServerError
from sync.server.providers import (
    MAX_NOTE_CHARS,
    MAX_PASSWORD,
    MIN_PASSWORD,
    OPEN_STATUSES,
    PUBLIC_URL_SETTING,
    REFUSAL_REASONS,
    ProviderAccess,
    ProviderAnswer,
    Providers,
    ReceiptConfirmation,
    ReferralView,
    answer_problem,
    same_secret,
)

logger = logging.getLogger("wpt.server")
T = TypeVar("T")

SESSION_COOKIE, CSRF_COOKIE = "wpt_ente", "wpt_csrf"
MAX_FORM_BYTES = 16 * 1024
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
_CSS = """
body{font-family:system-ui,sans-serif;margin:0;padding:1rem;max-width:46rem;margin-inline:auto;line-height:1.45;
color:#1a1a1a;background:#fafafa}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin:.2rem 0}
article,form.box{background:#fff;border:1px solid #ccc;border-radius:.4rem;padding:.8rem;margin:.8rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.4rem 0}dt{font-weight:600}dd{margin:0}
label{display:block;font-weight:600;margin-top:.7rem}
input,select,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.45rem;margin-top:.2rem}
input[type=radio]{width:auto;margin-right:.4rem}fieldset label{font-weight:400}
button{font:inherit;padding:.55rem 1rem;margin-top:.8rem;background:#0b5394;color:#fff;border:0;border-radius:.3rem}
.error{color:#8b0000;font-weight:600}.ok{color:#1b5e20;font-weight:600}.small{font-size:.9rem;color:#444}
a{color:#0b5394}nav{display:flex;gap:1rem;align-items:center;justify-content:space-between}
"""

_ANSWERS = (
    ("presa_in_carico", "Preso in carico"),
    ("rifiuto", "Rifiutato"),
    ("conclusione", "Concluso (indicare l'esito)"),
    ("non_presentata", "La persona non si è presentata"),
    ("nota", "Solo una nota per lo sportello"),
)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _status(value: str) -> str:
    try:
        return REFERRAL_STATUS[ReferralStatus(value)]
    except ValueError:
        return value


def _page(title: str, body: str, *, csrf: str = "", logged_in: bool = False, status: int = 200,
          secure: bool = False, session: str | None = None, end_session: bool = False) -> HTMLResponse:
    nav = ""
    if logged_in:
        nav = (f'<form method="post" action="/enti/esci"><input type="hidden" name="csrf" value="{_e(csrf)}">'
               '<button type="submit">Esci</button></form>')
    text = (f'<!doctype html><html lang="it"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)} · WPT</title><style>{_CSS}</style></head><body>"
            f'<header><nav><a href="/enti">Invii ricevuti</a>{nav}</nav></header>'
            f"<main><h1>{_e(title)}</h1>{body}</main></body></html>")
    response = HTMLResponse(text, status_code=status, headers=_HEADERS)
    if csrf:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=secure, path="/enti")
    if session is not None:
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", secure=secure, path="/enti",
                            max_age=8 * 3600)
    if end_session:
        response.delete_cookie(SESSION_COOKIE, path="/enti", httponly=True, samesite="strict", secure=secure)
    return response


def _hidden(csrf: str) -> str:
    return f'<input type="hidden" name="csrf" value="{_e(csrf)}">'


def _message(text: str, kind: str = "error") -> str:
    role = "alert" if kind == "error" else "status"
    return f'<p class="{kind}" role="{role}">{_e(text)}</p>'


def _login_form(csrf: str, problem: str = "") -> str:
    return (f"{_message(problem) if problem else ''}"
            f'<form class="box" method="post" action="/enti/accesso">{_hidden(csrf)}'
            '<label for="login">Nome utente</label>'
            '<input id="login" name="login" autocomplete="username" required maxlength="64">'
            '<label for="password">Password</label>'
            f'<input id="password" name="password" type="password" autocomplete="current-password" required '
            f'maxlength="{MAX_PASSWORD}">'
            '<button type="submit">Entra</button></form>'
            '<p class="small">Senza un accesso? <a href="/enti/ricevuto">Confermate la ricezione di un invio con il '
            "suo codice</a>.</p>")


def _password_form(csrf: str, token: str, login: str, problem: str = "") -> str:
    return (f"{_message(problem) if problem else ''}"
            f"<p>Il vostro nome utente è <strong>{_e(login)}</strong>. Scegliete una password di almeno "
            f"{MIN_PASSWORD} caratteri.</p>"
            f'<form class="box" method="post" action="/enti/invito/{_e(token)}">{_hidden(csrf)}'
            f'<input type="hidden" name="login" value="{_e(login)}" autocomplete="username">'
            '<label for="password">Nuova password</label>'
            f'<input id="password" name="password" type="password" autocomplete="new-password" required '
            f'minlength="{MIN_PASSWORD}" maxlength="{MAX_PASSWORD}">'
            '<label for="repeated">Ripetete la password</label>'
            f'<input id="repeated" name="repeated" type="password" autocomplete="new-password" required '
            f'minlength="{MIN_PASSWORD}" maxlength="{MAX_PASSWORD}">'
            '<button type="submit">Imposta la password</button></form>')


def _details(view: ReferralView) -> str:
    rows = [("Codice", view.code), ("Servizio", view.service), ("Persona", view.person_name),
            ("Contatto", view.contact or "—"), ("Bisogno", view.need), ("Inviato il", view.referred_on),
            ("Verifica entro", view.follow_up_on or "—"),
            ("Stato", _status(view.status) + (f" (da {view.status_by})" if view.status_by else " (dallo sportello)")),
            ("Base giuridica", view.legal_basis)]
    if view.received_on:
        rows.append(("Ricevuto il", view.received_on))
    if view.outcome:
        rows.append(("Esito", view.outcome))
    if view.feedback:
        rows.append(("Nota per lo sportello", view.feedback))
    return "<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows) + "</dl>"


def _list(views: list[ReferralView]) -> str:
    if not views:
        return "<p>Nessun invio ricevuto.</p>"
    items = []
    for view in views:
        items.append(f'<article><h2><a href="/enti/invio/{_e(view.id)}">{_e(view.person_name or view.code)}</a></h2>'
                     f"{_details(view)}</article>")
    return ("<p class=\"small\">I dati delle persone sono mostrati solo per dare seguito agli invii, sulla base "
            "giuridica indicata per ciascuno.</p>" + "".join(items))


def _answer_form(view: ReferralView, csrf: str, problem: str = "") -> str:
    choices = []
    closed = view.status not in OPEN_STATUSES
    for value, label in _ANSWERS:
        if closed and value != "nota":
            continue
        choices.append(f'<label><input type="radio" name="action" value="{value}" required>{_e(label)}</label>')
    reasons = "".join(f'<option value="{k}">{_e(v)}</option>' for k, v in REFUSAL_REASONS.items())
    return (f"{_message(problem) if problem else ''}"
            f'<form class="box" method="post" action="/enti/invio/{_e(view.id)}">{_hidden(csrf)}'
            f"<fieldset><legend>Risposta del servizio</legend>{''.join(choices)}</fieldset>"
            '<label for="reason">Motivo del rifiuto</label>'
            f'<select id="reason" name="reason"><option value="">—</option>{reasons}</select>'
            '<label for="outcome">Esito (se concluso)</label>'
            f'<textarea id="outcome" name="outcome" rows="2" maxlength="{MAX_NOTE_CHARS}"></textarea>'
            '<label for="note">Nota breve per lo sportello</label>'
            f'<textarea id="note" name="note" rows="3" maxlength="{MAX_NOTE_CHARS}"></textarea>'
            '<button type="submit">Invia la risposta</button></form>')


def _receipt_form(csrf: str, problem: str = "", done: str = "") -> str:
    return (f"{_message(problem) if problem else ''}{_message(done, 'ok') if done else ''}"
            "<p>Inserite il codice stampato sul foglio dell'invio (es. INV-7K3Q-92) e la data di nascita della "
            "persona: lo sportello saprà che l'invio è arrivato.</p>"
            f'<form class="box" method="post" action="/enti/ricevuto">{_hidden(csrf)}'
            '<label for="code">Codice dell\'invio</label>'
            '<input id="code" name="code" required maxlength="30" autocapitalize="characters" autocomplete="off">'
            '<label for="birth_date">Data di nascita della persona</label>'
            '<input id="birth_date" name="birth_date" type="date" required>'
            '<button type="submit">Conferma la ricezione</button></form>')


def add_provider_pages(app: FastAPI, providers: Providers) -> None:
    """The providers' pages on ``app``, over ``providers``."""

    def secure(request: Request) -> bool:
        return request.url.scheme == "https" or (
            providers.storage.setting(PUBLIC_URL_SETTING) or "").startswith("https://")

    def csrf_of(request: Request) -> str:
        current = request.cookies.get(CSRF_COOKIE, "")
        return current if 20 <= len(current) <= 100 else secrets.token_urlsafe(24)

    async def run(fn: Callable[[], T]) -> T:
        return await anyio.to_thread.run_sync(fn)

    async def form(request: Request) -> dict[str, str] | None:
        """The posted form (bounded), or None when it is too large, malformed or its CSRF token is wrong."""
        declared = request.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared[:12]) > MAX_FORM_BYTES:
            return None
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM_BYTES:
                return None
        try:
            parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20, strict_parsing=False)
        except (UnicodeDecodeError, ValueError):
            return None
        values = {k: v[0] for k, v in parsed.items() if v}
        if not same_secret(values.get("csrf", ""), request.cookies.get(CSRF_COOKIE, "")):
            return None
        return values

    def expired(request: Request) -> HTMLResponse:
        return _page("Modulo scaduto", _message("Il modulo è scaduto o non valido: ricaricate la pagina e "
                                                "riprovate.") + '<p><a href="/enti">Torna agli invii</a></p>',
                     csrf=csrf_of(request), status=403, secure=secure(request))

    async def logged_in(request: Request) -> ProviderAccess | None:
        token = request.cookies.get(SESSION_COOKIE)
        return await run(lambda: providers.session(token))

    def to_login() -> Response:
        return RedirectResponse("/enti/accesso", status_code=303, headers=_HEADERS)

    def client(request: Request) -> str:
        return request.client.host if request.client else ""

    def failed(exc: Exception) -> str:
        if isinstance(exc, ServerError):
            return exc.message
        logger.error("provider page error %s", exc.__class__.__name__)
        return "Errore interno del server: riprovare più tardi."

    @app.get("/enti/accesso")
    async def login_page(request: Request) -> Response:
        return _page("Accesso degli enti", _login_form(csrf := csrf_of(request)), csrf=csrf, secure=secure(request))

    @app.post("/enti/accesso")
    async def login(request: Request) -> Response:
        values = await form(request)
        if values is None:
            return expired(request)
        csrf = csrf_of(request)
        try:
            token = await run(lambda: providers.log_in(values.get("login", ""), values.get("password", ""),
                                                       client(request)))
        except Exception as exc:
            status = exc.status if isinstance(exc, ServerError) else 500
            return _page("Accesso degli enti", _login_form(csrf, failed(exc)), csrf=csrf, status=status,
                         secure=secure(request))
        response = RedirectResponse("/enti", status_code=303, headers=_HEADERS)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", secure=secure(request),
                            path="/enti", max_age=8 * 3600)
        return response

    @app.post("/enti/esci")
    async def logout(request: Request) -> Response:
        values = await form(request)
        if values is None:
            return expired(request)
        token = request.cookies.get(SESSION_COOKIE)
        await run(lambda: providers.log_out(token))
        return _page("Uscita", "<p>Siete usciti. <a href=\"/enti/accesso\">Entra di nuovo</a></p>",
                     csrf=csrf_of(request), secure=secure(request), end_session=True)

    @app.get("/enti/invito/{token}")
    async def invitation_page(request: Request, token: str) -> Response:
        csrf = csrf_of(request)
        access = await run(lambda: providers.invitation(token))
        if access is None:
            return _page("Invito", _message("Invito non valido, scaduto o già usato: chiederne uno nuovo a chi "
                                            "coordina la rete."), csrf=csrf, status=403, secure=secure(request))
        return _page(f"Accesso per {access.name}", _password_form(csrf, token, access.login), csrf=csrf,
                     secure=secure(request))

    @app.post("/enti/invito/{token}")
    async def set_password(request: Request, token: str) -> Response:
        values = await form(request)
        if values is None:
            return expired(request)
        csrf = csrf_of(request)
        try:
            access = await run(lambda: providers.set_password(token, values.get("password", ""),
                                                              values.get("repeated", "")))
        except Exception as exc:
            found = await run(lambda: providers.invitation(token))
            body = (_password_form(csrf, token, found.login, failed(exc)) if found is not None
                    else _message(failed(exc)))
            return _page("Invito", body, csrf=csrf, status=exc.status if isinstance(exc, ServerError) else 500,
                         secure=secure(request))
        return _page("Password impostata",
                     _message(f"Password impostata. Il vostro nome utente è {access.login}.", "ok")
                     + _login_form(csrf), csrf=csrf, secure=secure(request))

    @app.get("/enti")
    async def referrals(request: Request) -> Response:
        access = await logged_in(request)
        if access is None:
            return to_login()
        views = await run(lambda: providers.referrals(access))
        return _page(f"Invii a {access.name}", _list(views), csrf=csrf_of(request), logged_in=True,
                     secure=secure(request))

    @app.get("/enti/invio/{referral_id}")
    async def referral(request: Request, referral_id: str) -> Response:
        access = await logged_in(request)
        if access is None:
            return to_login()
        csrf = csrf_of(request)
        try:
            view = await run(lambda: providers.referral(access, referral_id))
        except Exception as exc:
            return _page("Invio", _message(failed(exc)), csrf=csrf, logged_in=True,
                         status=exc.status if isinstance(exc, ServerError) else 500, secure=secure(request))
        return _page(f"Invio {view.code}", _details(view) + _answer_form(view, csrf), csrf=csrf, logged_in=True,
                     secure=secure(request))

    @app.post("/enti/invio/{referral_id}")
    async def answer(request: Request, referral_id: str) -> Response:
        access = await logged_in(request)
        if access is None:
            return to_login()
        values = await form(request)
        if values is None:
            return expired(request)
        csrf = csrf_of(request)
        problem, status = "", 200
        try:
            parsed = ProviderAnswer.model_validate(values)
            view = await run(lambda: providers.answer(access, referral_id, parsed))
        except ValidationError as exc:
            problem, status = answer_problem(exc), 400
        except Exception as exc:
            problem, status = failed(exc), exc.status if isinstance(exc, ServerError) else 500
        if problem:
            try:
                view = await run(lambda: providers.referral(access, referral_id))
            except Exception as exc:
                return _page("Invio", _message(failed(exc)), csrf=csrf, logged_in=True, status=status,
                             secure=secure(request))
            return _page(f"Invio {view.code}", _details(view) + _answer_form(view, csrf, problem), csrf=csrf,
                         logged_in=True, status=status, secure=secure(request))
        return _page(f"Invio {view.code}", _message("Risposta registrata: lo sportello la vedrà alla prossima "
                                                    "sincronizzazione.", "ok") + _details(view)
                     + _answer_form(view, csrf), csrf=csrf, logged_in=True, secure=secure(request))

    @app.get("/enti/ricevuto")
    async def receipt_page(request: Request) -> Response:
        return _page("Conferma di ricezione", _receipt_form(csrf := csrf_of(request)), csrf=csrf,
                     secure=secure(request))

    @app.post("/enti/ricevuto")
    async def receipt(request: Request) -> Response:
        values = await form(request)
        if values is None:
            return expired(request)
        csrf = csrf_of(request)
        try:
            parsed = ReceiptConfirmation.model_validate(values)
            view = await run(lambda: providers.confirm_receipt(parsed, client(request)))
        except ValidationError as exc:
            return _page("Conferma di ricezione", _receipt_form(csrf, answer_problem(exc)), csrf=csrf, status=400,
                         secure=secure(request))
        except Exception as exc:
            return _page("Conferma di ricezione", _receipt_form(csrf, failed(exc)), csrf=csrf,
                         status=exc.status if isinstance(exc, ServerError) else 500, secure=secure(request))
        done = f"Ricezione confermata per l'invio {view.code} ({view.service}) del {view.referred_on or date.today()}."
        return _page("Conferma di ricezione", _receipt_form(csrf, done=done), csrf=csrf, secure=secure(request))
