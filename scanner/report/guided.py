"""Guided checks: for a profile riskscan could not read (robots.txt asks tools to stay out, a
login wall), the steps for the person to look themselves, logged out, and a place to write what
they saw, so the checklist is still complete."""

from __future__ import annotations

from typing import Any

from scanner.inventory import SourceSummary
from scanner.policy import Policy

STEPS = ("Open a private (incognito) browser window, so that you are not logged in.",
         "Go to {address}.",
         "Look at everything a stranger can see there (name, picture, bio, posts, photos, "
         "friends or followers), and for each point below write what you saw.")
# (rule, what to look for): only the rules a logged-out visitor could see evidence of.
LOOK_FOR = (
    ("A1", "Your name or username: does it include {school} or its initials?"),
    ("A2", "Your bio or 'about' section: does it say you work at {school}?"),
    ("A3", "Your profile picture and header image: does the school's logo appear?"),
    ("A4", "If the profile says where you work: does it also say your views are your own?"),
    ("A5", "Is a school e-mail address shown?"),
    ("A6", "Are your phone number or home address shown?"),
    ("A7", "Can you see your posts and photos at all? If so, the profile is public."),
    ("B1", "Can you see your friends or followers list? Are pupils or former pupils on it?"),
    ("C1", "Do any posts you can see name a pupil?"),
    ("C2", "Do any posts you can see discuss school business or colleagues?"),
    ("D2", "Do any photos you can see show pupils, or you tagged at school?"),
)


def guided_checks(summaries: list[SourceSummary], policy: Policy) -> list[dict[str, Any]]:
    enabled = set(policy.enabled_rules())
    checks = []
    for summary in summaries:
        if summary.not_checked is None:
            continue
        checks.append({
            "address": summary.path,
            "platform": summary.platform,
            "why": summary.not_checked,
            "steps": [step.format(address=open_address(summary.path)) for step in STEPS],
            "look_for": [{"rule": rule, "question": question.format(school=policy.school_name)}
                         for rule, question in LOOK_FOR if rule in enabled],
        })
    return checks


def open_address(given: str) -> str:
    """What to type in a browser for an address as the person gave it."""
    if given.startswith("@") and given.count("@") == 2:
        user, server = given[1:].split("@", 1)
        return f"https://{server}/@{user}"
    if given.startswith("did:"):
        return f"https://bsky.app/profile/{given}"
    if "://" in given:
        return given
    if given.endswith(".bsky.social"):
        return f"https://bsky.app/profile/{given}"
    return "https://" + given
