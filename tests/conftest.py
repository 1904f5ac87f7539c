"""Test session set-up: compile the translation catalogs first, so no test reads a stale .mo."""

from bot.i18n import compile_catalogs


def pytest_sessionstart(session):
    compile_catalogs()
