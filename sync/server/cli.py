"""The ``wpt-server`` command line: run the server, enroll, list and revoke desks, manage the catalog,
read the access log.

Errors are one Italian sentence on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from desktop.arguments import ItalianArgumentParser, whole_number
from desktop.messages import describe_os_error, os_reason, plural
from desktop.permissions import private_file
from sync.limits import DEFAULT_CLOCK_SKEW_SECONDS, MAX_CHANGES_PER_DESK_HOUR
from sync.server import gdpr, providers, report
from sync.server.engine import DEFAULT_CODE_HOURS, ServerError, SyncEngine
from sync.server.storage import POSTGRES_SCHEMES, ROLE_DESK, ROLES, SQLStorage, Storage, open_storage

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2
DATABASE_ENV = "WPT_SERVER_DATABASE"
METRICS_TOKEN_ENV = "WPT_SERVER_METRICS_TOKEN"


def _storage_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="cartella dei dati del server (SQLite, il predefinito)")
    parser.add_argument("--database", default=None, metavar="URL",
                        help=f"PostgreSQL al posto di SQLite: postgresql://utente@host/database "
                             f"(anche la variabile {DATABASE_ENV}, se non si indica né --database né --data-dir)")


def _parser() -> argparse.ArgumentParser:
    parser = ItalianArgumentParser(prog="wpt-server", description="Server centrale della rete WPT Desk.")
    commands = parser.add_subparsers(dest="command", metavar="COMANDO", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        _storage_arguments(sub)
        return sub

    serve = command("serve", "avvia il server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=whole_number(1, 65535), default=8765)
    serve.add_argument("--tls-cert", type=Path, default=None, help="certificato TLS (PEM)")
    serve.add_argument("--tls-key", type=Path, default=None, help="chiave privata TLS (PEM)")
    serve.add_argument("--max-clock-skew", type=float, default=DEFAULT_CLOCK_SKEW_SECONDS, metavar="SECONDI",
                       help=f"quanto le modifiche possono essere avanti rispetto all'orologio del server "
                            f"(predefinito {DEFAULT_CLOCK_SKEW_SECONDS} secondi)")
    serve.add_argument("--max-changes-per-hour", type=int, default=MAX_CHANGES_PER_DESK_HOUR, metavar="N",
                       help=f"modifiche accettate da uno sportello in un'ora (predefinito {MAX_CHANGES_PER_DESK_HOUR})")
    serve.add_argument("--min-desk-version", default="", metavar="VERSIONE",
                       help="gli sportelli con una versione precedente sono rifiutati (devono aggiornare)")
    serve.add_argument("--latest-desk-version", default="", metavar="VERSIONE",
                       help="l'ultima versione distribuita: gli sportelli più vecchi mostrano «aggiornamento "
                            "disponibile»")
    serve.add_argument("--log-file", type=Path, default=None, metavar="FILE",
                       help="scrive il registro (righe JSON, senza dati personali) in FILE invece che su stderr")
    serve.add_argument("--metrics-token-file", type=Path, default=None, metavar="FILE",
                       help=f"file con il token di /metrics (anche la variabile {METRICS_TOKEN_ENV}); senza, "
                            "/metrics non esiste")

    enroll = command("enroll-desk", "registra uno sportello e stampa il codice di registrazione monouso")
    enroll.add_argument("--name", required=True, help="nome dello sportello")
    enroll.add_argument("--network", required=True, help="rete dello sportello (creata al primo uso)")
    enroll.add_argument("--expires-hours", type=float, default=DEFAULT_CODE_HOURS,
                        help=f"validità del codice in ore (predefinita {DEFAULT_CODE_HOURS})")
    enroll.add_argument("--role", choices=ROLES, default=ROLE_DESK,
                        help="desk (predefinito) o coordinator: solo un coordinatore può modificare il catalogo")
    enroll.add_argument("--by", default=None, help="chi emette il codice (predefinito: l'utente del sistema)")

    command("desks", "elenca gli sportelli con l'ora dell'ultima sincronizzazione")
    revoke = command("revoke-desk", "revoca subito uno sportello")
    revoke.add_argument("name", metavar="NOME")
    revoke.add_argument("--by", default=None, help="chi revoca (predefinito: l'utente del sistema)")
    revoke.add_argument("--reason", default="", help="perché (es. «portatile rubato»)")
    events = command("events", "registro di registrazioni, revoche, importazioni e rifiuti")
    events.add_argument("--last", type=whole_number(1, 100_000), default=100, metavar="N",
                        help="quanti eventi (predefinito 100)")

    export = command("export", "esporta i dati attuali di una rete, una riga JSON per record (ordinati)")
    export.add_argument("--network", required=True, help="la rete (vedere wpt-server desks)")
    export.add_argument("--out", type=Path, default=None, metavar="FILE", help="file (predefinito: lo schermo)")
    export.add_argument("--with-catalog", action="store_true", help="anche il catalogo condiviso")
    backup = command("backup", "copia di sicurezza del database SQLite mentre il server è in funzione")
    backup.add_argument("file", type=Path, metavar="FILE")
    compact = command("compact", "elimina dal registro delle modifiche quelle superate da tempo (gli sportelli "
                                 "rimasti indietro ricevono lo stato attuale della rete)")
    compact.add_argument("--horizon-days", type=whole_number(0, 36_500), default=None, metavar="GIORNI",
                         help="superate da almeno GIORNI giorni (predefinito 30)")
    move = commands.add_parser("migrate-to", help="sposta i dati del server SQLite (--data-dir) in un database "
                                                  "PostgreSQL vuoto, poi confronta le esportazioni")
    move.add_argument("target", metavar="URL", help="postgresql://utente@host/database")
    move.add_argument("--data-dir", type=Path, required=True, help="cartella dei dati del server SQLite")

    catalog = commands.add_parser("catalog", help="catalogo dei servizi condiviso da tutte le reti")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", metavar="AZIONE", required=True)
    for name, help_text in (("import", "aggiunge o aggiorna categorie, enti e servizi da un file JSON"),
                            ("export", "scrive il catalogo in JSON, nel formato di «catalog import»")):
        sub = catalog_commands.add_parser(name, help=help_text)
        _storage_arguments(sub)
        sub.add_argument("file", type=Path, metavar="FILE.json", nargs="?" if name == "export" else None)
        sub.add_argument("--by", default=None, help="chi importa (predefinito: l'utente del sistema)")

    audit = command("audit", "registro degli accessi di tutti gli sportelli (chi ha visto o cambiato cosa, quando)")
    audit.add_argument("--person", default=None, metavar="ID", help="solo gli accessi a questa persona")
    audit.add_argument("--operator", default=None, metavar="NOME", help="solo gli accessi di questo operatore")
    audit.add_argument("--desk", default=None, metavar="NOME", help="solo gli accessi da questo sportello")
    audit.add_argument("--since", default=None, metavar="DATA", help="solo dal giorno AAAA-MM-GG")
    settings = commands.add_parser("settings", help="impostazioni del server")
    settings_commands = settings.add_subparsers(dest="settings_command", metavar="IMPOSTAZIONE", required=True)
    public_url = settings_commands.add_parser(
        "public-url", help="indirizzo pubblico del server (con cui iniziano i link di invito degli enti)")
    _storage_arguments(public_url)
    public_url.add_argument("url", metavar="URL", nargs="?", default=None,
                            help="es. https://wpt.esempio.it (senza: mostra quello impostato)")

    access = command("provider-access", "dà a un ente del catalogo l'accesso alla pagina degli invii (stampa il "
                                        "link di invito monouso) o lo revoca")
    access.add_argument("provider", metavar="ENTE_ID", help="id dell'ente (da wpt-server catalog export)")
    access.add_argument("--network", default=None, help="rete degli invii (necessaria se ce n'è più d'una)")
    access.add_argument("--revoke", action="store_true", help="revoca subito l'accesso dell'ente")
    access.add_argument("--expires-hours", type=float, default=providers.INVITE_HOURS,
                        help=f"validità dell'invito in ore (predefinita {providers.INVITE_HOURS})")
    access.add_argument("--by", default=None, help="chi dà l'accesso (predefinito: l'utente del sistema)")

    referrals = command("referrals", "invii di tutte le reti")
    referrals.add_argument("--stalled", action="store_true", required=True,
                           help="gli invii senza risposta del servizio oltre la data di verifica, per ente")
    referrals.add_argument("--today", default=None, metavar="DATA", help="il giorno di riferimento (AAAA-MM-GG)")
    report.add_parser(command)
    gdpr.add_parser(command, commands)
    return parser


def _actor(args: argparse.Namespace) -> str:
    if args.by:
        return str(args.by).strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "sconosciuto"


SERVER_EXTRA = 'pip install "wpt-desk[server]"'


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from sync.server.app import create_app
        from sync.server.request_log import log_config
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] in {"desktop", "sync", "ui"}:
            raise  # our own code is broken: not a missing extra
        # The web stack (FastAPI, uvicorn) comes with the "server" extra; the other commands do without.
        raise ServerError(
            "missing_extra",
            f"Per avviare il server manca il modulo {exc.name or 'uvicorn'}: installare l'extra «server» con "
            f"{SERVER_EXTRA}.",
        ) from None

    if (args.tls_cert is None) != (args.tls_key is None):
        raise ServerError("invalid", "Per TLS servono sia --tls-cert sia --tls-key.")
    for path in (args.tls_cert, args.tls_key):
        if path is not None and not path.is_file():
            raise ServerError("invalid", f"Il file {path} non esiste.")
    if args.max_clock_skew < 0 or args.max_changes_per_hour < 1:
        raise ServerError("invalid", "--max-clock-skew non può essere negativo e --max-changes-per-hour almeno 1.")
    _check_serving(args)
    try:
        token = _metrics_token(args.metrics_token_file)
        app = create_app(args.data_dir, database=args.database, clock_skew_seconds=args.max_clock_skew,
                         max_changes_per_hour=args.max_changes_per_hour, min_app_version=args.min_desk_version,
                         latest_app_version=args.latest_desk_version, metrics_token=token)
    except ValueError as exc:
        raise ServerError("invalid", str(exc)) from None
    # JSON lines (sync.server.request_log); uvicorn's access log is off: it would print query strings.
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=False,
                log_config=log_config(args.log_file),
                ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
                ssl_keyfile=str(args.tls_key) if args.tls_key else None)
    return EXIT_OK


def _check_serving(args: argparse.Namespace) -> None:
    """What uvicorn would refuse only once started, with a library's English (or a bare number): the log
    file, the TLS files, the address. Each in one sentence, before anything is opened."""
    import socket
    import ssl

    if args.log_file is not None:
        try:
            private_file(args.log_file)  # owner-only, like the server's other files
            with args.log_file.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise ServerError("invalid", f"Il file di log {args.log_file} non si può scrivere: "
                                         f"{os_reason(exc)}.") from None
    if args.tls_cert is not None:
        try:
            ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(args.tls_cert, args.tls_key)
        except (ssl.SSLError, OSError):
            raise ServerError("invalid", f"Il certificato {args.tls_cert} o la chiave {args.tls_key} non sono "
                                         "validi: servono i file PEM del certificato e della sua chiave.") from None
    try:
        family, kind, _, _, address = socket.getaddrinfo(args.host, args.port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        raise ServerError("invalid", f"L'indirizzo {args.host} non si trova su questo computer.") from None
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds it
        try:
            probe.bind(address)
        except OSError as exc:
            raise ServerError("invalid", f"Il server non può ascoltare su {args.host}:{args.port}: "
                                         f"{os_reason(exc)} (un altro server è già avviato?).") from None


def _metrics_token(path: Path | None) -> str:
    """The token of /metrics from its file, else the environment, else "" (no endpoint).

    Raises:
        ValueError: a token that is empty or not one word (one Italian sentence).
        OSError: the file cannot be read.
    """
    from sync.server.metrics import MAX_TOKEN_BYTES, read_token

    if path is not None:
        with path.open("rb") as handle:
            text = handle.read(MAX_TOKEN_BYTES + 1).decode("utf-8", errors="replace")
        return read_token(text)
    from_env = os.environ.get(METRICS_TOKEN_ENV, "")
    return read_token(from_env) if from_env.strip() else ""


def _engine(args: argparse.Namespace) -> SyncEngine:
    return SyncEngine(_storage(args))


def _storage(args: argparse.Namespace) -> Storage:
    try:
        return open_storage(args.data_dir, args.database)
    except ValueError as exc:
        raise ServerError("invalid", str(exc)) from None


def _enroll(args: argparse.Namespace) -> int:
    code = _engine(args).create_enrollment(args.name, args.network, args.expires_hours, role=args.role,
                                           by=_actor(args))
    role = "coordinatore (può modificare il catalogo)" if args.role != ROLE_DESK else "sportello"
    print(f"Sportello «{args.name.strip()}» registrato nella rete «{args.network.strip()}», ruolo {role}.")
    hours = "ora" if args.expires_hours == 1 else "ore"
    print(f"Codice di registrazione monouso (valido {args.expires_hours:g} {hours}), da usare con "
          "wpt-desk enroll --server URL --code CODICE. Quando viene usato, le credenziali precedenti di "
          "questo sportello smettono di funzionare:")
    print(code)
    return EXIT_OK


def _desks(args: argparse.Namespace) -> int:
    storage = _engine(args).storage
    desks = storage.list_desks()
    if not desks:
        print("Nessuno sportello registrato.")
        return EXIT_OK
    print(f"{'rete':<20} {'sportello':<30} {'ruolo':<12} {'stato':<34} ultima sincronizzazione")
    for desk in desks:
        credentials = storage.credentials_of(desk.id)
        active = [c for c in credentials if c.revoked_at is None]
        pending = [c for c in storage.codes_of(desk.id) if c.redeemed_by is None and c.closed_at is None]
        last = max((c.last_sync_at for c in credentials if c.last_sync_at), default=None)
        if active:
            state, role = "registrato", active[-1].role
        elif pending:
            state, role = "in attesa del codice", pending[-1].role
        elif credentials:
            revoked = credentials[-1]
            state, role = f"revocato {(revoked.revoked_at or '')[:16]} da {revoked.revoked_by or '?'}", revoked.role
        else:
            state, role = "codice annullato", ""
        print(f"{desk.network:<20} {desk.name:<30} {role:<12} {state:<34} {last or 'mai'}")
    return EXIT_OK


def _revoke(args: argparse.Namespace) -> int:
    count = _engine(args).revoke(args.name, by=_actor(args), reason=args.reason)
    cancelled = plural(count, "credenziale annullata", "credenziali annullate")
    print(f"Sportello «{args.name}» revocato ({cancelled}): non può più sincronizzare. "
          "Per un nuovo PC: wpt-server enroll-desk con lo stesso nome.")
    return EXIT_OK


def _events(args: argparse.Namespace) -> int:
    for event in _engine(args).storage.events(max(1, args.last)):
        print(f"{event.at}  {event.kind:<32} {event.desk or '-':<30} {event.actor or '-':<20} {event.detail}")
    return EXIT_OK


def _catalog(args: argparse.Namespace) -> int:
    engine = _engine(args)
    if args.catalog_command == "export":
        text = json.dumps(engine.catalog(), ensure_ascii=False, indent=2) + "\n"
        if args.file is None:
            sys.stdout.write(text)
        else:
            args.file.write_text(text, encoding="utf-8")
        return EXIT_OK
    try:
        data = json.loads(args.file.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ServerError("invalid", f"Il file {args.file} non è un JSON valido.") from None
    counts = engine.import_catalog(data, by=_actor(args))
    print("Catalogo importato: " + ", ".join(plural(n, what.removesuffix("i") + "o", what)
                                           for what, n in counts.items())
          + ". Gli sportelli lo ricevono alla prossima sincronizzazione.")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from sync.server.maintenance import export_network

    if args.out is not None and args.out.exists():
        raise ServerError("invalid", f"Il file {args.out} esiste già: indicare un nome nuovo.")
    storage = _storage(args)
    try:
        if args.out is None:
            count = export_network(storage, args.network, sys.stdout, with_catalog=args.with_catalog)
            print(f"Record esportati: {count}.", file=sys.stderr)
            return EXIT_OK
        partial = args.out.with_name(args.out.name + ".partial")
        try:
            with private_file(partial).open("w", encoding="utf-8", newline="\n") as out:
                count = export_network(storage, args.network, out, with_catalog=args.with_catalog)
            partial.replace(args.out)
        finally:
            partial.unlink(missing_ok=True)
    finally:
        storage.close()
    print(f"Record della rete «{args.network}» esportati in {args.out}: {count}.")
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    from sync.server.maintenance import backup_sqlite

    storage = _storage(args)
    try:
        target = backup_sqlite(storage, args.file)
    finally:
        storage.close()
    print(f"Copia del database del server scritta in {target}.")
    return EXIT_OK


def _compact(args: argparse.Namespace) -> int:
    from sync.server.compaction import DEFAULT_HORIZON_DAYS, compact

    horizon = DEFAULT_HORIZON_DAYS if args.horizon_days is None else args.horizon_days
    storage = _storage(args)
    try:
        done = compact(storage, horizon)
    except ValueError as exc:
        raise ServerError("invalid", str(exc)) from None
    finally:
        storage.close()
    dropped = plural(done.dropped, "modifica superata eliminata", "modifiche superate eliminate")
    print(f"Registro delle modifiche compattato: {dropped}, {plural(done.kept, 'conservata', 'conservate')}.")
    return EXIT_OK


def _migrate_to(args: argparse.Namespace) -> int:
    from sync.server.maintenance import migrate, same_exports

    if not Path(args.data_dir).is_dir():
        raise ServerError("invalid", f"La cartella dei dati {args.data_dir} non esiste.")
    if not args.target.startswith(POSTGRES_SCHEMES):
        raise ServerError("invalid", "La destinazione deve essere un indirizzo postgresql://utente@host/database.")
    source = _storage(argparse.Namespace(data_dir=args.data_dir, database=None))
    try:
        target = _storage(argparse.Namespace(data_dir=None, database=args.target))
    except BaseException:
        source.close()
        raise
    try:
        if not isinstance(source, SQLStorage) or not isinstance(target, SQLStorage):  # pragma: no cover
            raise ServerError("invalid", "Spostamento possibile solo tra i motori SQL del server.")
        counts = migrate(source, target)
        if differ := same_exports(source, target):
            raise ServerError("invalid", f"Le esportazioni differiscono per la rete «{differ[0]}»: non usare il "
                                         "database PostgreSQL e segnalarlo.")
    finally:
        source.close()
        target.close()
    print(f"Spostati {counts['rows']} record, {counts['change_log']} voci del registro delle modifiche e "
          f"{counts['desks']} sportelli; le esportazioni di ogni rete coincidono. Avviare ora il server con "
          f"--database.")
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    """One line per entry (ids and names, no personal values); exit 1 if a desk's chain is broken."""
    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since).isoformat()
        except ValueError:
            raise ServerError("invalid", f"Data non valida «{args.since}»: usare AAAA-MM-GG.") from None
    records = _engine(args).storage.audit_entries(person_id=args.person, operator_name=args.operator,
                                                  desk_name=args.desk, since=since)
    broken = 0
    for record in records:
        e = record.entry
        line = (f"{e.at}  {record.network}  {record.desk_name}  n.{e.n}  {e.operator_name or '-'}  {e.action}  "
                f"{e.record_kind or '-'} {e.record_id or '-'}  persona {e.person_id or '-'}")
        if record.problem:
            broken += 1
            line += f"  CATENA INTERROTTA: {record.problem}"
        print(line)
    print(f"Voci: {len(records)}; catene interrotte: {broken}.")
    return EXIT_REJECTED if broken else EXIT_OK


ProvidersCommand = Callable[[argparse.Namespace, providers.Providers], int]


def _with_providers(run: ProvidersCommand) -> Callable[[argparse.Namespace], int]:
    """A command over the providers' accesses, closing the storage it opened."""
    def command(args: argparse.Namespace) -> int:
        engine = _engine(args)
        try:
            return run(args, providers.Providers(engine))
        finally:
            engine.storage.close()
    return command


@_with_providers
def _settings(args: argparse.Namespace, desk: providers.Providers) -> int:
    if args.url is None:
        current = desk.storage.setting(providers.PUBLIC_URL_SETTING)
        print(current or "Indirizzo pubblico non impostato.")
        return EXIT_OK
    url = desk.set_public_url(args.url)
    print(f"Indirizzo pubblico del server: {url}")
    return EXIT_OK


@_with_providers
def _provider_access(args: argparse.Namespace, desk: providers.Providers) -> int:
    if args.revoke:
        count = desk.revoke(args.provider, args.network, by=_actor(args))
        print(f"Accesso dell'ente revocato ({count} accessi annullati): non può più entrare nella pagina.")
        return EXIT_OK
    access, url = desk.invite(args.provider, args.network, by=_actor(args), hours=args.expires_hours)
    print(f"Accesso per l'ente «{access.name}» nella rete «{access.network}», nome utente {access.login}.")
    print(f"Link di invito monouso (valido {args.expires_hours:g} ore): l'ente lo apre e sceglie la password. "
          "Un invito precedente non ancora usato smette di funzionare:")
    print(url)
    return EXIT_OK


@_with_providers
def _referrals(args: argparse.Namespace, desk: providers.Providers) -> int:
    today = None
    if args.today:
        try:
            today = date.fromisoformat(args.today)
        except ValueError:
            raise ServerError("invalid", f"Data non valida «{args.today}»: usare AAAA-MM-GG.") from None
    stalled = desk.stalled(today)
    if not stalled:
        print("Nessun invio senza risposta oltre la data di verifica.")
        return EXIT_OK
    current: tuple[str, str] | None = None
    for item in stalled:
        if (item.network, item.provider) != current:
            current = (item.network, item.provider)
            count = sum(1 for s in stalled if (s.network, s.provider) == current)
            print(f"{item.network} · {item.provider}: {count} senza risposta")
        received = f", ricevuto il {item.received_on}" if item.received_on else ""
        print(f"  {item.code}  verifica {item.follow_up_on}  {item.status}{received}  {item.service}")
    print(f"Invii senza risposta del servizio: {len(stalled)}.")
    return EXIT_OK


# Also compact: a mistyped folder in a nightly job must fail, not compact a new empty server.
_READING_COMMANDS = frozenset({"desks", "events", "audit", "report", "gdpr", "referrals", "export", "backup",
                               "compact"})


def _database_from_environment(args: argparse.Namespace) -> str:
    """Take :data:`DATABASE_ENV` when the command line names no storage (an option given wins over the
    environment); the problem with its value, naming the variable, or ""."""
    from_env = os.environ.get(DATABASE_ENV, "").strip()
    if not from_env or not hasattr(args, "database") or args.database or args.data_dir is not None:
        return ""
    if not from_env.startswith(POSTGRES_SCHEMES):
        return f"la variabile {DATABASE_ENV} deve essere un indirizzo postgresql://utente@host/database."
    args.database = from_env
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if problem := _database_from_environment(args):
        print(f"wpt-server: {problem[:1].upper()}{problem[1:]}", file=sys.stderr)
        return EXIT_ERROR
    handler = {"serve": _serve, "enroll-desk": _enroll, "desks": _desks, "revoke-desk": _revoke, "events": _events,
               "catalog": _catalog, "audit": _audit, "report": report.run, "export": _export, "backup": _backup,
               "migrate-to": _migrate_to, "compact": _compact, "gdpr": gdpr.run, "settings": _settings,
               "provider-access": _provider_access, "referrals": _referrals}[args.command]
    # The commands that only read a server's data never make one where there is none.
    data_dir = getattr(args, "data_dir", None)
    if (args.command in _READING_COMMANDS and not getattr(args, "database", None) and data_dir is not None
            and not Path(data_dir).is_dir()):
        print(f"wpt-server: la cartella dei dati {data_dir} non esiste: indicare con --data-dir quella del "
              "server.", file=sys.stderr)
        return EXIT_ERROR
    try:
        return handler(args)
    except ServerError as exc:
        print(f"wpt-server: {exc.message}", file=sys.stderr)
    except KeyboardInterrupt:
        return EXIT_OK
    except OSError as exc:
        print(f"wpt-server: {describe_os_error(exc)}", file=sys.stderr)
    except Exception as exc:  # its text may be English, or hold a value (a URL with its password): not shown
        print(f"wpt-server: errore imprevisto ({exc.__class__.__name__}): riprovare; se si ripete, rivolgersi "
              "all'assistenza.", file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
