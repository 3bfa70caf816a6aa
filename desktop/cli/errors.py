"""Exit codes and errors of ``wpt-desk``: one clear sentence on stderr, never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from desktop.errors import describe_os_error, describe_sqlite_error
from desktop.operations.errors import OperationError
from desktop.storage.connection import DB_ERROR
from desktop.storage.errors import StorageError

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2


class CliError(Exception):
    """A failure to report as one sentence on stderr."""


def run_reporting_errors(command: Callable[[], int]) -> int:
    """Run a command; turn every failure into one line on stderr and exit status 2."""
    try:
        return command()
    except (CliError, StorageError, OperationError) as exc:
        print(f"wpt-desk: {exc}", file=sys.stderr)
    except BrokenPipeError:
        # The reader went away (``wpt-desk export | head``): not an error worth a message.
        sys.stdout = open(os.devnull, "w")
        return EXIT_OK
    except KeyboardInterrupt:
        print("wpt-desk: interrotto.", file=sys.stderr)
    except OSError as exc:
        print(f"wpt-desk: {describe_os_error(exc)}", file=sys.stderr)
    except DB_ERROR as exc:
        print(f"wpt-desk: {describe_sqlite_error(exc)}", file=sys.stderr)
    except Exception as exc:
        print(f"wpt-desk: errore imprevisto: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    return EXIT_ERROR
