"""The package's shape: four stages, private internals, no import cycles, a quick import."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

from conftest import REPO

import followup
from followup.schema import CODES

PACKAGE = REPO / "followup"
STAGES = ("read", "draft", "deliver", "analyze", "cli")


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    return done.stdout.strip()


def test_import_loads_neither_scipy_nor_matplotlib():
    loaded = run_python(
        "import sys, followup\n"
        "print(sorted(m for m in ('pandas', 'scipy', 'matplotlib') if m in sys.modules))"
    )
    assert loaded == "[]"


def test_reading_drafting_and_delivering_load_neither_scipy_nor_matplotlib():
    loaded = run_python(
        "import sys, followup, followup.deliver\n"
        "r = followup.read_interviews('data/interviews.csv', tz='UTC')\n"
        "d = followup.render_drafts(r.recipients, sender='A B <a@b.example>')\n"
        "followup.check_drafts(d, now='2026-11-25')\n"
        "print(sorted(m for m in ('scipy', 'matplotlib') if m in sys.modules))"
    )
    assert loaded == "[]"


def test_an_analysis_name_loads_its_stage_on_first_use():
    loaded = run_python(
        "import sys, followup\n"
        "followup.timeliness\n"
        "print('scipy' in sys.modules, followup.timeliness is followup.analyze.timeliness)"
    )
    assert loaded == "True True"


def test_every_public_name_resolves():
    for name in followup.__all__:
        assert getattr(followup, name) is not None, name


def modules() -> dict[str, ast.Module]:
    """Every module of the package, by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(), str(path))
    return found


def imports(tree: ast.Module, *, top_level_only: bool) -> set[str]:
    """Modules a module imports: all of them, or only those imported when it loads."""
    found: set[str] = set()
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {m for m in found if m.startswith("followup")}


def test_no_module_imports_the_private_modules_of_another_stage():
    trees = modules()
    offenders = []
    for name, tree in trees.items():
        for target in imports(tree, top_level_only=False):
            match = re.match(r"followup\.(\w+)\._", target)
            if match and match.group(1) in STAGES and not name.startswith(f"followup.{match[1]}"):
                offenders.append(f"{name} imports {target}")
    for path in sorted((REPO / "tests").rglob("*.py")):
        for target in imports(ast.parse(path.read_text()), top_level_only=False):
            match = re.match(r"followup\.(\w+)\._", target)
            if match and match.group(1) in STAGES:
                offenders.append(f"{path.relative_to(REPO)} imports {target}")
    assert offenders == []


def test_no_import_cycle_among_modules_loaded_at_import_time():
    trees = modules()
    graph = {
        name: {t for t in imports(tree, top_level_only=True) if t in trees and t != name}
        for name, tree in trees.items()
    }
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for target in graph[name]:
            # A package imports its own modules; only a module importing back up is a cycle.
            if not target.startswith(name + "."):
                visit(target, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_modules_stay_readable_in_one_sitting():
    # Two modules are tables, not logic: schema.py (columns, aliases and codes) and
    # _lexicon.py (the words the note adapter and the proofreader look for).
    long = {
        str(p.relative_to(REPO)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 400
        and p.name not in ("schema.py", "_lexicon.py")
    }
    assert long == {}


def test_every_code_is_listed_in_the_readme_with_its_meaning():
    readme = (REPO / "README.md").read_text()
    rows = re.findall(r"^\| `(\w+)` \| (\w*) \| (R\d|check-in|) \| (.+?) \|$", readme, re.MULTILINE)
    assert rows == [(c.code, c.kind, c.rule, c.meaning) for c in CODES]
