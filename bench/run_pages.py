"""Public profile pages (issue 11): HOSTS x PAGES profile addresses on local servers, read by
riskscan's fetcher with the default politeness (GAP s between two requests to one host) and then
scanned. Reading can finish no sooner than the politeness floor: (requests to one host - 1) x GAP,
with every host read at the same time; the target is to finish within 10% of it. The same
addresses read with no gap, side by side, show what the fetching and parsing itself costs."""

from __future__ import annotations

from typing import Any

from bench.pages import local_web
from bench.plan import Plan
from bench.proc import run_worker

LOOPBACK_ONLY = {"RISKSCAN_ALLOW_LOOPBACK": "1"}  # the servers are on this machine


def run_pages(plan: Plan, say: Any) -> dict[str, Any]:
    hosts, per_host, gap = plan.page_hosts, plan.pages_per_host, plan.page_gap
    say(f"pages: {hosts * per_host} profile addresses on {hosts} local hosts, "
        f"{gap:g} s between requests to one host")
    out: dict[str, Any] = {"addresses": hosts * per_host, "hosts": hosts, "gap_s": gap,
                           "requests_per_host": per_host + 1}  # the pages and robots.txt
    out["floor_s"] = round((per_host + 1 - 1) * gap, 3)
    with local_web(hosts) as origins:
        addresses = [f"{origin}/profile/{n}" for origin in origins for n in range(per_host)]
        polite = run_worker("pages", {"addresses": addresses, "gap": gap, "scan": True},
                            env=LOOPBACK_ONLY)
        quick = run_worker("pages", {"addresses": addresses, "gap": 0.0, "scan": False},
                           env=LOOPBACK_ONLY)
    out["polite"] = {**polite.to_json(), **polite.result}
    out["no_gap"] = {**quick.to_json(), **quick.result}
    out["read_vs_floor"] = round(polite.result["read_s"] / out["floor_s"], 3) \
        if out["floor_s"] else None
    return out
