"""The build backend: setuptools' own, with the translation catalogs compiled first.

pyproject.toml names this module (``backend-path``), so a wheel or sdist built from a
clean clone ships every ``locales/<code>/LC_MESSAGES/medguide.mo``: compiled from the
``.po`` files here, at build time, never taken from a stale copy. It runs inside the build's
own environment, so it imports only setuptools and babel, never medguide itself.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F401,F403  (every hook setuptools offers)

DOMAIN = "medguide"


def compile_po(locales: Path) -> list[Path]:
    """Compile every ``locales/<code>/LC_MESSAGES/medguide.po`` to ``.mo``, leaving fuzzy entries out."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        written.append(mo)
    if not written:
        raise RuntimeError(f"no catalogs found under {locales}")
    return written


def _compiled() -> None:
    compile_po(Path.cwd() / "locales")


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    _compiled()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory, config_settings=None):
    _compiled()
    return _setuptools.build_sdist(sdist_directory, config_settings)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    _compiled()
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
