"""The shape the consultations code keeps, so that it can grow without knots."""

import ast
import re
from pathlib import Path

from django.conf import settings

APP = Path(settings.BASE_DIR) / "consultations"
TEMPLATES = Path(settings.BASE_DIR) / "templates" / "consultations"


def imported_modules(path, top_level_only=False):
    """The modules a Python file imports from, relative ones as written (".views")."""
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else ast.walk(tree)
    modules = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            modules.add("." * node.level + (node.module or ""))
            modules.update("." * node.level + alias.name for alias in node.names if not node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def own_code():
    """The consultations app's Python and templates, apart from the live engine and migrations."""
    python = [
        path
        for path in APP.rglob("*.py")
        if not {"live", "migrations"} & set(path.relative_to(APP).parts[:-1])
    ]
    templates = [path for path in TEMPLATES.rglob("*") if path.is_file() and "live" not in path.parts]
    return python + templates


def test_the_export_and_the_analysis_page_borrow_nothing_from_the_views():
    borrowed = {
        name: sorted(imported_modules(APP / name) & {".views", "consultations.views"})
        for name in ("export.py", "analysis.py")
    }
    assert borrowed == {"export.py": [], "analysis.py": []}


def test_the_page_models_load_no_views_or_forms():
    loaded = imported_modules(APP / "models" / "pages.py", top_level_only=True)
    views_or_forms = {"..views", "..forms", "..answering", "..analysis", "importlib"}
    assert sorted(loaded & views_or_forms) == []


def test_only_the_kinds_module_and_the_models_branch_on_a_question_kind():
    branching = re.compile(r"QuestionKind\.|kind ==|\.kind in")
    places = [
        f"{path.name}:{number}"
        for path in own_code()
        if path.name != "kinds.py" and "models" not in path.relative_to(APP.parent).parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if branching.search(line)
    ]
    assert places == []


def test_consultation_addresses_come_from_named_routes():
    joined = re.compile(r"page\.url \+|\{page\.url\}\w|\{\{ page\.url \}\}\w")
    places = [
        f"{path.name}:{number}"
        for path in own_code()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if joined.search(line)
    ]
    assert places == []
