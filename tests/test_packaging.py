"""The install works from the wheel: every language, no generic import names, a missing catalog stops at start-up.

The wheel is built from a copy of the checkout's tracked files (as a clean clone has them: no
compiled catalogs), installed into a fresh virtual environment, and used there as a person would:
a whole Spanish interview through the plain chat, and a line through `rules run`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from tests.interviews import typed_lines

ROOT = Path(__file__).resolve().parent.parent
SPANISH = typed_lines(words={"yes": "sí"})
LINE = ('{"rule":"ut.premium_credit","facts":{"base_support":"350.00","case_type":"standard","policies":'
        '[{"holder":"payer","premium":"198.00","persons_covered":3,"children_on_case":1}]}}\n')


def test_every_package_folder_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {"medguide.locales"}
    for top in ("bot", "flows", "rules"):
        for init in (ROOT / top).rglob("__init__.py"):
            found.add(".".join(("medguide", *init.parent.relative_to(ROOT).parts)))
    assert listed == found
    assert config["package-dir"] == {"medguide.bot": "bot", "medguide.flows": "flows", "medguide.rules": "rules",
                                     "medguide.locales": "locales"}


def _clean_copy(dest: Path) -> Path:
    """The files a clean clone has: tracked and not-ignored ones, so no .mo, .venv or caches."""
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, names):
        source = ROOT / name.decode()
        if source.is_file():
            target = dest / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    source = _clean_copy(work / "src")
    assert not list(source.glob("locales/*/LC_MESSAGES/*.mo"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(work / "dist")],
                   check=True, capture_output=True, timeout=300)
    wheel = next((work / "dist").glob("medguide-*.whl"))
    env = work / "venv"
    venv.create(env, with_pip=True)
    subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    str(wheel)], check=True, capture_output=True, timeout=600)
    return wheel, env


def test_the_wheel_ships_the_compiled_catalogs_under_one_medguide_package(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"medguide", "medguide-0.1.0.dist-info"}
    for code in ("es", "zh_Hans", "vi", "tl"):
        assert f"medguide/locales/{code}/LC_MESSAGES/medguide.mo" in names
    assert "medguide/flows/interview.yaml" in names
    assert "medguide/bot/faces/app/app.tcss" in names


def _medguide(env: Path, *args: str, text: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(env / "bin" / "medguide"), *args], input=text, capture_output=True, text=True,
                          timeout=120, cwd=cwd or env)


def test_a_spanish_interview_and_a_rules_line_from_the_wheel(installed, tmp_path):
    _, env = installed
    # Generic names beside medguide (as PyPI's `rules` would bring) change nothing.
    site = next((env / "lib").glob("python*/site-packages"))
    for generic in ("rules", "bot", "flows"):
        (site / generic).mkdir()
        (site / generic / "__init__.py").write_text("raise ImportError('not medguide')\n")
    done = _medguide(env, "chat", "--plain", "--lang", "es", text=SPANISH, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "La manutención pasaría a ser $317.00 al mes, cuando la oficina tenga el formulario." in done.stdout
    assert "Not accepted" not in done.stdout and "No se aceptó" not in done.stdout  # "sí" is read as yes
    assert "15 de enero de 2024" in done.stdout
    line = _medguide(env, "rules", "run", "--brief", text=LINE, cwd=tmp_path)
    assert line.returncode == 0
    assert '"adjusted_support":"317.00"' in line.stdout


def test_a_missing_catalog_stops_at_start_up(installed, tmp_path):
    _, env = installed
    site = next((env / "lib").glob("python*/site-packages"))
    mo = site / "medguide" / "locales" / "vi" / "LC_MESSAGES" / "medguide.mo"
    kept = mo.read_bytes()
    mo.unlink()
    try:
        done = _medguide(env, "chat", "--plain", text="", cwd=tmp_path)
        assert done.returncode == 2
        assert "medguide cannot start: the translation catalogs are missing for Tiếng Việt (vi)" in done.stderr
        assert done.stdout == ""
    finally:
        mo.write_bytes(kept)
