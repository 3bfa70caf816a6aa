"""The security tests (issue 9): one module per finding, each against a real server on loopback."""

from tests.sync.conftest import new_desk, proxy, server

__all__ = ["new_desk", "proxy", "server"]
