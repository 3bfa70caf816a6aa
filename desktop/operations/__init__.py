"""The use cases of the desk, one function each: what the app, the CLI and the import do to the data.

Every operation runs in one transaction, checks its own rules (a lifecycle, a reason, a record that
must exist), and returns :class:`~desktop.operations.changes.Done`: its value and the
:class:`~desktop.operations.changes.Changes` it made. Nothing else writes the desk's records. A refusal
is an :class:`~desktop.operations.errors.OperationError` carrying one Italian sentence.

Modules: :mod:`.persons`, :mod:`.requests`, :mod:`.referrals`, :mod:`.settings`, :mod:`.review`.
"""
