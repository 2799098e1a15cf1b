"""Any web page (personal site, blog, link-in-bio page, school staff page)."""

from __future__ import annotations

from scanner.sources.web.htmldoc import decode, read_page
from scanner.sources.web.profile import page_records
from scanner.sources.web.visit import Visit

HTML_TYPES = ("text/html", "application/xhtml+xml", "")


def read(visit: Visit) -> None:
    page = visit.get(visit.address.url)
    if not page.ok:
        visit.not_checked = f"the page answered with an error ({status_words(page.status)})"
        return
    if page.content_type not in HTML_TYPES:
        visit.not_checked = (f"the address is not a web page (it is a '{page.content_type}' "
                             "file)")
        return
    text, valid = decode(page.body, page.charset)
    if not valid:
        visit.problems.append("the page has bytes that are not valid text: those characters "
                              "were skipped and the rest was read")
    facts = read_page(text, page.url)
    visit.problems.extend(facts.problems)
    page_records(visit, facts, page.url)


def status_words(status: int) -> str:
    words = {401: "it needs a login", 403: "access denied", 404: "not found",
             410: "gone", 429: "too many requests", 999: "request denied"}
    return f"{status}, {words[status]}" if status in words else f"HTTP {status}"
