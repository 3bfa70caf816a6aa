"""Reports and indicators: pure functions over plain rows, shared by the desk and the central server.

Nothing here reads a database, imports Qt or knows the server (an import contract keeps it so): the
desk feeds it from :mod:`desktop.queries.report`, the server from its own storage.

- :mod:`.indicators`: the figures of a period (persons served, requests, referrals, the funnel...).
- :mod:`.disclosure`: statistical disclosure control (small counts shown as "<3", secondary suppression).
- :mod:`.output`: the suppressed report as JSON, CSV and the Italian labels of its tables.
- :mod:`.charts`: bar, line and funnel charts as drawing primitives, painted by the screen and the PDF.
- :mod:`.pdf`: the funders' A4 PDF, written without Qt (core fonts), so the server can write it too.
"""
