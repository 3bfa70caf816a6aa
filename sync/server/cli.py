"""The ``wpt-server`` command line: run the server, enroll, list and revoke desks.

Errors are one Italian sentence on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sync.server import report
from sync.server.engine import DEFAULT_CODE_HOURS, ServerError, SyncEngine
from sync.server.storage import SQLiteStorage

EXIT_OK, EXIT_ERROR = 0, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wpt-server", description="Server centrale della rete WPT Desk.")
    commands = parser.add_subparsers(dest="command", metavar="COMANDO", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--data-dir", type=Path, required=True, help="cartella dei dati del server")
        return sub

    serve = command("serve", "avvia il server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--tls-cert", type=Path, default=None, help="certificato TLS (PEM)")
    serve.add_argument("--tls-key", type=Path, default=None, help="chiave privata TLS (PEM)")

    enroll = command("enroll-desk", "registra uno sportello e stampa il codice di registrazione monouso")
    enroll.add_argument("--name", required=True, help="nome dello sportello")
    enroll.add_argument("--network", required=True, help="rete dello sportello (creata al primo uso)")
    enroll.add_argument("--expires-hours", type=float, default=DEFAULT_CODE_HOURS,
                        help=f"validità del codice in ore (predefinita {DEFAULT_CODE_HOURS})")

    command("desks", "elenca gli sportelli con l'ora dell'ultima sincronizzazione")
    revoke = command("revoke-desk", "revoca subito uno sportello")
    revoke.add_argument("name", metavar="NOME")
    report.add_parser(command)
    return parser


SERVER_EXTRA = 'pip install "wpt-desk[server]"'


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from sync.server.app import create_app
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
    app = create_app(args.data_dir)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info",
                ssl_certfile=str(args.tls_cert) if args.tls_cert else None,
                ssl_keyfile=str(args.tls_key) if args.tls_key else None)
    return EXIT_OK


def _engine(args: argparse.Namespace) -> SyncEngine:
    return SyncEngine(SQLiteStorage(args.data_dir))


def _enroll(args: argparse.Namespace) -> int:
    code = _engine(args).create_enrollment(args.name, args.network, args.expires_hours)
    print(f"Sportello «{args.name.strip()}» registrato nella rete «{args.network.strip()}».")
    print(f"Codice di registrazione monouso (valido {args.expires_hours:g} ore), da usare con "
          "wpt-desk enroll --server URL --code CODICE:")
    print(code)
    return EXIT_OK


def _desks(args: argparse.Namespace) -> int:
    desks = _engine(args).storage.list_desks()
    if not desks:
        print("Nessuno sportello registrato.")
        return EXIT_OK
    print(f"{'rete':<20} {'sportello':<30} {'stato':<12} ultima sincronizzazione")
    for desk in desks:
        state = "revocato" if desk.revoked_at else ("registrato" if desk.credential_hash else "in attesa")
        print(f"{desk.network:<20} {desk.name:<30} {state:<12} {desk.last_sync_at or 'mai'}")
    return EXIT_OK


def _revoke(args: argparse.Namespace) -> int:
    _engine(args).revoke(args.name)
    print(f"Sportello «{args.name}» revocato: non può più sincronizzare.")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"serve": _serve, "enroll-desk": _enroll, "desks": _desks, "revoke-desk": _revoke,
               "report": report.run}[args.command]
    try:
        return handler(args)
    except ServerError as exc:
        print(f"wpt-server: {exc.message}", file=sys.stderr)
    except KeyboardInterrupt:
        return EXIT_OK
    except OSError as exc:
        print(f"wpt-server: errore di sistema: {exc.strerror or exc} ({exc.filename or ''}).", file=sys.stderr)
    except Exception as exc:
        print(f"wpt-server: errore imprevisto: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
