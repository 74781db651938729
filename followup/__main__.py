"""``python -m followup``: the same as the ``followup`` command."""

from followup.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
