"""A6 personal-contact-details-public: a phone number, e-mail, home address or postcode that
others can read, in the bio, the profile's public fields or a post.

Only what other people can see counts: the e-mail and phone an account is registered with
(PROFILE.email, and the `phone`/`emails` fields exports copy from account settings) are not
shown on the profile, so they are not read here. Reposts of someone else's post and deleted
posts are skipped: the words are not the person's, or no longer visible.

A phone number or e-mail in a post that is plainly an organisation's ("Harper's Bakery on the
high street (01632 960987)", "call the office on ..."), with no "me"/"my" near it, is skipped.

Certainty: a phone number, e-mail address or street address in the bio is `certain`, and so is
a phone number or e-mail in a post. A street address in a post is certain when words around it
make it the person's own ("I live at", "collection from", "our new house"), review otherwise
(it may be a venue). A postcode without a street is certain in the bio and review in a post.
The excerpt never shows the detail: it is replaced by its kind ("[phone number]"), and the
finding's key is a hash of the normalised detail, so stored runs do not hold it either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from detectors.base import Detector, Record
from detectors.registry import register
from detectors.text.contact import (
    ADDRESS,
    EMAIL,
    PHONE,
    POSTCODE,
    Contact,
    contacts,
    home_context,
    masked_excerpt,
    organisation_context,
    public_profile_fields,
)
from scanner.model import Finding, Item, Kind, platform_name

MAIN = (None, "profile")
SKIPPED_POSTS = ("retweet", "boost", "repost", "deleted", "reshare")


@register
class PersonalContactDetailsPublic(Detector):
    rule = "A6"
    needs = frozenset({Kind.PROFILE, Kind.POST})
    name = "personal-contact-details-public"

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        if item.kind is Kind.PROFILE:
            if item.relation not in MAIN:
                return
            fields = public_profile_fields(item)
        else:
            if item.relation in SKIPPED_POSTS:
                return
            fields = [("post", item.text)] if item.text else []
        seen: set[str] = set()
        for label, text in fields:
            found = contacts(text, self.ctx.policy.email_domains, item.people)
            has_street = any(c.kind == ADDRESS for c in found)
            for contact in found:
                key = f"{contact.kind}:{_digest(contact.key)}"
                if key in seen or (item.kind is Kind.POST and contact.kind in (PHONE, EMAIL)
                                   and organisation_context(text, contact)):
                    continue  # a shop's or an office's number, named as theirs
                seen.add(key)
                certain = _certain(item, text, contact, has_street)
                yield self.finding(item, masked_excerpt(text, contact.start, contact.end, found),
                                   _why(item, label, contact, certain), certain, key=key)


def _certain(item: Item, text: str, contact: Contact, has_street: bool) -> bool:
    if item.kind is Kind.PROFILE:
        return True
    if contact.kind == ADDRESS:
        return home_context(text, contact)
    if contact.kind == POSTCODE:
        return has_street or home_context(text, contact)
    return True


def _why(item: Item, label: str, contact: Contact, certain: bool) -> str:
    platform = platform_name(item.ref.platform)
    where = f"your {platform} profile ({label})" if item.kind is Kind.PROFILE else \
        f"a {platform} post"
    why = f"A {contact.kind} can be read in {where}."
    if not certain:
        why += (" It may be a venue or someone else's: check whether it is yours or points to "
                "your home.")
    return why


def _digest(detail: str) -> str:
    return hashlib.sha256(detail.encode("utf-8")).hexdigest()[:16]
