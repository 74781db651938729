"""``python -m followup``: the same as the ``followup`` command."""

from followup.cli import run

if __name__ == "__main__":
    run()
