"""Exit codes and errors of ``wpt-desk``: one clear sentence on stderr, never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from desktop.errors import describe_error
from desktop.operations.errors import OperationError
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
    except Exception as exc:
        # A system, database or validation error, or a fault of ours: one Italian sentence, never its text.
        print(f"wpt-desk: {describe_error(exc)}", file=sys.stderr)
    return EXIT_ERROR
