"""Everything riskscan does online goes through here: one guarded, polite, capped fetcher.

    fetcher.Fetcher   get(url) -> Page, or FetchError with one line for a teacher
    settings          NetSettings: timeouts, caps, politeness, budget, resolver
    guard             which addresses may be reached (SSRF guard); RISKSCAN_ALLOW_LOOPBACK
    backend           httpcore connections to checked addresses only, with a deadline
    body              decoded-size cap (gzip bombs stop at the cap)
    robots            robots.txt per host (protego)
    polite            per-host spacing and the per-scan request budget
    addresses         what the person typed -> a profile address, or a one-line problem
"""

from scanner.net.fetcher import Fetcher, FetchError, Page, RobotsRefusedError
from scanner.net.settings import NetSettings

__all__ = ["FetchError", "Fetcher", "NetSettings", "Page", "RobotsRefusedError"]
