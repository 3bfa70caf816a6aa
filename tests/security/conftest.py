"""The security tests (issue 9): one module per finding, each against a real server on loopback."""

from tests.sync.conftest import backend, new_desk, proxy, server

__all__ = ["backend", "new_desk", "proxy", "server"]
