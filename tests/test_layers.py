"""The dependency rule between the apps (docs/architecture.md, "Layers").

`make lint` runs the contract in pyproject.toml with import-linter; these tests read the
same import graph, so the two rules people ask about most fail with a plain message, and
they show the contract catches an import against the layers.
"""

import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
# The apps above home, as far as they exist yet; the top-level ones are root packages too.
ABOVE_HOME = tuple(
    name for name in ("coproduction.live", "consultations", "events", "reflections") if find_spec(name)
)
ROOT_PACKAGES = ("coproduction", "home", *(name for name in ABOVE_HOME if "." not in name))


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*ROOT_PACKAGES, cache_dir=None)


def imports_of(graph, importer, imported):
    return graph.find_shortest_chain(importer=importer, imported=imported, as_packages=True)


def test_home_imports_no_feature_app(graph):
    chains = {app: imports_of(graph, "home", app) for app in ABOVE_HOME}
    assert chains == dict.fromkeys(ABOVE_HOME)


def test_members_imports_neither_home_nor_a_feature_app(graph):
    above = ("home", *ABOVE_HOME)
    chains = {package: imports_of(graph, "coproduction.members", package) for package in above}
    assert chains == dict.fromkeys(above)


def test_the_live_engine_imports_no_feature_app(graph):
    feature_apps = [app for app in ABOVE_HOME if app != "coproduction.live"]
    chains = {app: imports_of(graph, "coproduction.live", app) for app in feature_apps}
    assert chains == dict.fromkeys(feature_apps)


def copy_of_the_code(destination):
    """The apps' Python files and the lint configuration, in a directory of their own."""
    for package in ROOT_PACKAGES:
        shutil.copytree(
            ROOT / package,
            destination / package,
            ignore=shutil.ignore_patterns("static", "__pycache__", "*.pyc"),
        )
    shutil.copy(ROOT / "pyproject.toml", destination)
    return destination


def lint_with_an_extra_import(tmp_path, module_path, import_line):
    """Run lint-imports on a copy of the code with one import added; (exit code, output, line)."""
    code = copy_of_the_code(tmp_path)
    module = code / module_path
    module.write_text(module.read_text() + f"\n{import_line}  # noqa: E402, F401\n")
    line = len(module.read_text().splitlines())
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=code,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(code), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout, line


def test_lint_names_an_import_that_goes_up_a_layer(tmp_path):
    code, output, line = lint_with_an_extra_import(
        tmp_path, "coproduction/members/wagtail_hooks.py", "from home import models as home_models"
    )
    reported = f"- coproduction.members.wagtail_hooks -> home.models (l.{line})" in output
    assert (code, reported) == (1, True), output


def test_lint_names_an_import_of_consultations_in_the_live_engine(tmp_path):
    code, output, line = lint_with_an_extra_import(
        tmp_path,
        "coproduction/live/wagtail_hooks.py",
        "from consultations import models as consultation_models",
    )
    reported = f"coproduction.live.wagtail_hooks -> consultations.models (l.{line})" in output
    assert (code, reported, "The live engine imports no feature app BROKEN" in output) == (1, True, True), (
        output
    )
