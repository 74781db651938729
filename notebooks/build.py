"""Build every notebook from its jupytext source, execute it, and store its outputs.

Run from the repository root (after ``pip install -e ".[test]"``)::

    python notebooks/build.py            # all of them
    python notebooks/build.py 02         # those whose name starts with 02

Each ``NN-topic.py`` (jupytext's percent format: edit it in an editor, or in
JupyterLab where jupytext pairs it with the notebook) becomes ``NN-topic.ipynb``,
executed with nbclient in this folder. Cell ids are numbered and execution
timestamps are left out, so rebuilding an unchanged notebook changes no byte:
CI rebuilds them all and fails on any difference.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent


def build(source: Path) -> Path:
    """Execute the notebook of ``source`` and write it beside it as ``.ipynb``."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    notebook = jupytext.read(source)
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(HERE)}},
    ).execute()
    # The pairing stays (JupyterLab keeps both files in step); the version that wrote the
    # source does not, so a newer jupytext rebuilds the same bytes.
    notebook.metadata["jupytext"].pop("text_representation", None)
    target = source.with_suffix(".ipynb")
    nbformat.write(notebook, target)
    return target


if __name__ == "__main__":
    prefixes = tuple(sys.argv[1:]) or ("",)
    for path in sorted(HERE.glob("[0-9][0-9]-*.py")):
        if path.name.startswith(prefixes):
            print(f"built {build(path)}")
