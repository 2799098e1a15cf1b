"""Every report format, page and message names a platform the same way, from one table, and
never by riskscan's internal id ("twitter", "files")."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from storage_scans import make_finding, scan_result

from scanner.model import platform_label, platform_name, site_name, with_article
from scanner.net.addresses import AddressError, parse_address
from scanner.report.data import report_json
from scanner.report.html import render_html
from scanner.report.markdown import render_markdown
from scanner.report.terminal import print_report

READ = ("twitter", "facebook", "instagram", "linkedin", "mastodon", "bluesky", "files", "web")


def _doc(platform: str) -> dict[str, object]:
    finding = make_finding("B1", "friend-1", platform=platform)
    return report_json(scan_result([finding], platforms=(platform,)))


def _terminal(doc: dict[str, object]) -> str:
    buffer = io.StringIO()
    print_report(doc, Console(file=buffer, width=200, color_system=None))
    return buffer.getvalue()


@pytest.mark.parametrize("platform", READ)
def test_each_report_format_names_the_platform_by_its_label(platform: str) -> None:
    doc = _doc(platform)
    label = platform_label(platform)
    for shown in (_terminal(doc), render_markdown(doc), render_html(doc, "today")):
        assert label in shown
    if label != platform:  # the id itself is never what a person reads beside a finding
        assert not re.search(rf"- \(?[a-z ]*\)? ?{platform}[ ,]", render_markdown(doc))
        assert f"  - {platform} " not in _terminal(doc)


def test_a_photo_folder_is_found_in_not_on() -> None:
    html = render_html(_doc("files"), "today")
    assert "in your photo folder" in html and "on your photo folder" not in html


@pytest.mark.parametrize("given, says", [
    ("instagram.com/p/abc", "is not an Instagram profile"),
    ("x.com/i/status/1", "is not an X profile"),
    ("linkedin.com/company/example", "is not a LinkedIn profile"),
    ("https://www.facebook.com/", "is not a Facebook profile"),
])
def test_a_wrong_big_site_address_is_refused_in_plain_grammar(given: str, says: str) -> None:
    with pytest.raises(AddressError, match=says):
        parse_address(given)


def test_the_article_follows_the_sound_not_the_letter_case() -> None:
    assert [with_article(n) for n in ("Instagram", "X", "LinkedIn", "Mastodon", "Bluesky")] \
        == ["an Instagram", "an X", "a LinkedIn", "a Mastodon", "a Bluesky"]


def test_a_platform_riskscan_does_not_know_is_named_by_its_id_capitalised() -> None:
    assert (platform_label("pixelfed"), platform_name("pixelfed"), site_name("pixelfed")) \
        == ("Pixelfed", "Pixelfed", "Pixelfed")
