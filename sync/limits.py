"""The bounds of the sync protocol, on both sides (README "Security" lists them).

A request or an answer past one of these is refused whole with a short error (the server) or not
read further (the desk): no peer, hostile or broken, can make the other use unbounded memory, hold
the server's write lock for long, or copy a 7 MB surname to every desk. The domain models bound
each field more tightly (:mod:`desktop.domain.models`); these are the coarse bounds of the wire.
"""

from __future__ import annotations

KIB, MIB = 1024, 1024 * 1024

# -- a request to the server ---------------------------------------------------------------------------
MAX_REQUEST_BYTES = 512 * KIB        # the body as sent (gzip); Content-Length is checked first
MAX_REQUEST_JSON_BYTES = 512 * KIB   # once inflated (a desk's batch is at most 128 KiB, plus one change)
MAX_CHANGE_BYTES = MAX_REQUEST_JSON_BYTES - 4 * KIB  # one change: a desk sets a bigger one aside, unsent
MAX_CHANGES_PER_REQUEST = 1000       # a desk's batch of 128 KiB holds ~500 changes
MAX_FIELDS_PER_CHANGE = 64           # the widest record has 16 fields
MAX_ID_CHARS = 64                    # change, row and desk ids (UUIDs are 36)
MAX_VALUE_CHARS = 32 * KIB           # one field value (domain texts stop at 10,000 characters)
MAX_INT = 2**63 - 1                  # integers fit SQLite's 64 bits (a cursor of 2**63 is refused)
MAX_CONCURRENT_BODIES = 8            # requests whose body is read at once; others wait their turn
MAX_CONCURRENT_VALIDATIONS = 2       # bodies parsed at once, off the event loop (each ≤ ~50 MB transient)

# -- what the server accepts from one desk ----------------------------------------------------------------
MAX_CHANGES_PER_DESK_HOUR = 50_000   # a first import of a few thousand persons fits; a runaway desk does not
DEFAULT_CLOCK_SKEW_SECONDS = 300     # a stamp further than this ahead of the server's clock is refused
# A compact snapshot page may hold this many times the desk's batch (counted inflated): its rows, alike,
# deflate about five to one, so the page on the wire stays within the batch the line carries, in fewer
# round trips (each page's gzip also starts its dictionary afresh).
SNAPSHOT_PAGE_FACTOR = 4
MAX_PULL_SCAN = 5_000                # log entries one pull looks at (a desk's own are skipped, not sent)
MAX_SNAPSHOT_ROWS = MAX_PULL_SCAN    # rows (and tables, stamp nodes) of one columnar snapshot page, at most

# -- enrollment codes -----------------------------------------------------------------------------------
ENROLL_FAILURES_PER_CLIENT = 10      # wrong codes from one address ...
ENROLL_CLIENT_WINDOW_SECONDS = 600   # ... in ten minutes, then that address waits
ENROLL_FAILURES_PER_DESK = 5         # wrong codes naming one desk's pending code ...
ENROLL_DESK_WINDOW_SECONDS = 3600    # ... in an hour, then that code is refused until the hour is over

# -- an answer, as the desk reads it ------------------------------------------------------------------------
MAX_ANSWER_BYTES = 4 * MIB           # compressed, as downloaded; the desk stops reading past it
MAX_ANSWER_JSON_BYTES = 4 * MIB      # inflated (an answer carries ~128 KiB of changes)
MAX_ERROR_BYTES = 16 * KIB           # the body of a refusal
MAX_REASON_CHARS = 500               # one rejection reason
