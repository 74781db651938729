"""The report in a real browser: headless Chromium (Debian's ``chromium``) at 390 and 1200 px.

Skipped without Chromium, unless FOLLOWUP_REQUIRE_CHROMIUM=1 (set by CI), which
turns the skip into a failure.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess

import pytest

import followup

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio")
#: The report in a frame exactly ``width`` px wide (headless Chromium's window is at least
#: 500 px), measured after load and written into the page, so that --dump-dom carries it out.
PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="frame" style="width:{width}px;height:2000px;border:0" srcdoc="{page}"></iframe>
<script>document.getElementById("frame").addEventListener("load", (event) => {{
  const doc = event.target.contentDocument;
  const box = (e) => e.getBoundingClientRect();
  const out = {{
    viewport: event.target.contentWindow.innerWidth,
    page: doc.documentElement.scrollWidth,
    body: doc.body.clientWidth,
    tables: [...doc.querySelectorAll("table")].map((t) => ({{
      table: box(t).width,
      container: t.parentElement.clientWidth,
      right: box(t.parentElement).right,
      scrolls: getComputedStyle(t.parentElement).overflowX,
    }})),
    images: [...doc.querySelectorAll("img")].map((i) => ({{
      alt: i.getAttribute("alt"), width: box(i).width, loaded: i.naturalWidth > 0,
    }})),
  }};
  const pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}});</script></body></html>"""


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = (
            "Chromium is not installed, so the browser tests did not run: apt-get install chromium"
        )
        if os.environ.get("FOLLOWUP_REQUIRE_CHROMIUM") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    result = followup.read_interviews("data/career_center.csv")
    return followup.write_report(result, folder / "report.html", as_of="2026-11-26")


@pytest.mark.parametrize("width", [390, 1200])
def test_no_table_is_wider_than_its_container_and_every_image_has_alt_text(chromium, report, width):
    probe = report.with_name(f"probe-{width}.html")
    probe.write_text(PROBE.format(width=width, page=html.escape(report.read_text())))
    dom = subprocess.run(
        [
            chromium,
            *FLAGS,
            f"--window-size={width + 100},2000",
            "--virtual-time-budget=3000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    measured = json.loads(dom.split('<pre id="measured">')[1].split("</pre>")[0])
    assert measured["viewport"] == width
    assert measured["page"] <= width  # nothing makes the page scroll sideways
    assert len(measured["tables"]) >= 8
    for table in measured["tables"]:
        assert table["right"] <= width
        assert table["container"] <= measured["body"]
        # A table wider than its box scrolls inside it, never past it.
        assert table["table"] <= table["container"] or table["scrolls"] == "auto"
    if width == 390:
        assert any(t["table"] > t["container"] for t in measured["tables"])  # so they scroll
    assert len(measured["images"]) == 3
    for image in measured["images"]:
        assert len(image["alt"] or "") > 40  # says what the chart shows, with its numbers
        assert image["loaded"]
        assert image["width"] <= measured["body"]


@pytest.mark.parametrize("width", [390, 1200])
def test_screenshots_at_both_widths(chromium, report, tmp_path, width):
    shot = tmp_path / f"report-{width}.png"
    subprocess.run(
        [chromium, *FLAGS, f"--window-size={width},2000", f"--screenshot={shot}", report.as_uri()],
        capture_output=True,
        check=True,
        timeout=120,
    )
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(header[16:20], "big") == width
