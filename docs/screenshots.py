"""Screenshots of the career-center report at a phone's width and a laptop's, in headless Chromium.

Run from the repository root, with Debian's ``chromium`` installed
(``apt-get install chromium``)::

    python docs/screenshots.py

It writes the report of the bundled sample (``data/career_center.csv``, as of
2026-11-26) and saves ``docs/report-390.png`` and ``docs/report-1200.png``:
each the whole page at that width.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

import followup

HERE = Path(__file__).parent
WIDTHS = (390, 1200)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio")
#: The page in a frame exactly ``width`` px wide (headless Chromium's window is at least
#: 500 px until it is resized for the screenshot), its height written into the probe.
PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="frame" style="width:{width}px;height:1000px;border:0" srcdoc="{page}"></iframe>
<script>document.getElementById("frame").addEventListener("load", (event) => {{
  const out = document.createElement("pre");
  out.id = "page-height";
  out.textContent = event.target.contentDocument.documentElement.scrollHeight;
  document.body.appendChild(out);
}});</script></body></html>"""


def page_height(chromium: str, page: Path, width: int) -> int:
    """The page's full height at ``width`` pixels, measured in the browser."""
    probe = page.with_name("probe.html")
    probe.write_text(PROBE.format(width=width, page=html.escape(page.read_text())))
    dom = subprocess.run(
        [
            chromium,
            *FLAGS,
            f"--window-size={width + 100},1000",
            "--virtual-time-budget=3000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return int(dom.split('<pre id="page-height">')[1].split("<")[0])


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("screenshots: Chromium is not installed; apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        page = followup.write_report(
            followup.read_interviews(HERE.parent / "data" / "career_center.csv"),
            Path(folder) / "report.html",
            as_of="2026-11-26",
        )
        for width in WIDTHS:
            target = HERE / f"report-{width}.png"
            height = page_height(chromium, page, width)
            subprocess.run(
                [
                    chromium,
                    *FLAGS,
                    f"--window-size={width},{height}",
                    "--virtual-time-budget=3000",
                    f"--screenshot={target.resolve()}",
                    page.as_uri(),
                ],
                capture_output=True,
                check=True,
                timeout=120,
            )
            print(f"wrote {target} ({width} x {height} px)")


if __name__ == "__main__":
    main()
