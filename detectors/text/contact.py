"""Contact details in text: UK phone numbers, postcodes, e-mail addresses, street addresses.

- Phones: `phonenumbers` finds candidates (GB by default, +44 and 0 forms, any punctuation);
  a number counts if it is a real fixed-line, mobile, personal or VoIP number, or in one of
  Ofcom's ranges kept for drama (01632 960xxx, 07700 900xxx...), which fictional people use.
  Free-phone, premium, shared-cost and 03 numbers belong to organisations and are left out.
- Postcodes: the full UK format (outward and inward code, or GIR 0AA), with a real postcode
  area, written all in capitals or all in small letters. "SW1A" alone, "PS5 2TB" (no area PS)
  and "S10 2GB RAM" are not postcodes.
- E-mail addresses: any address except the school's own domains (rule A5 looks at those),
  role addresses such as info@ or office@ (an organisation's, not a person's), and fediverse
  handles (`@jo@mastodon.example`).
- Street addresses: a house number, one to four capitalised words and a street word ("12 Elm
  Road", "Flat 3, 45 High Street"), not after "Top", "Year", "Route"...

Excerpts hide every detail found (`masked_excerpt`), not only e-mails and phone numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType

from detectors.text.excerpt import excerpt
from scanner.model import Item

PHONE, POSTCODE, EMAIL, ADDRESS = "phone number", "postcode", "e-mail address", "street address"


@dataclass(frozen=True, slots=True)
class Contact:
    kind: str  # PHONE, POSTCODE, EMAIL, ADDRESS
    start: int
    end: int
    key: str  # normalised: +441632960123, B15 2TT, jo@example.org, 12 elm road


# -- phone numbers -------------------------------------------------------------------------------
_PERSONAL_TYPES = frozenset({PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE,
                             PhoneNumberType.FIXED_LINE_OR_MOBILE,
                             PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.VOIP})
# Ofcom's numbers for drama (national significant number prefixes, 10 digits in all).
_DRAMA = ("1134960", "1144960", "1154960", "1164960", "1174960", "1184960", "1214960",
          "1314960", "1414960", "1514960", "1614960", "1914980", "2079460", "2896496",
          "2920180", "1632960", "7700900")


# Every UK number has at least nine digits; most posts have no such run, and the library's
# matcher is slow, so it only reads texts that pass this test.
_DIGIT_RUN = re.compile(r"\d(?:[\s().\-/]{0,3}\d){8,}")


def phones(text: str) -> list[Contact]:
    if not _DIGIT_RUN.search(text):
        return []
    found = []
    try:
        matches = list(PhoneNumberMatcher(text, "GB", leniency=Leniency.POSSIBLE))
    except Exception:  # noqa: BLE001 - the library's own parser must never stop a scan
        return []
    for match in matches:
        number = match.number
        national = str(number.national_number)
        drama = number.country_code == 44 and len(national) == 10 and national.startswith(_DRAMA)
        if not drama and not (phonenumbers.is_valid_number(number)
                              and phonenumbers.number_type(number) in _PERSONAL_TYPES):
            continue
        key = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        found.append(Contact(PHONE, match.start, match.end, key))
    return found


# -- postcodes -----------------------------------------------------------------------------------
_AREAS = frozenset({
    "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH",
    "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E",
    "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS",
    "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL",
    "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX",
    "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM",
    "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS",
    "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
    "ZZ",  # the NHS's pseudo-postcode area, which fictional addresses use (ZZ99 ...)
})
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<area>[A-Za-z]{1,2})(?P<district>\d[A-Za-z\d]?)[ \t]?"
    r"(?P<inward>\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})|(?P<gir>GIR[ \t]?0AA))(?![A-Za-z0-9])")
_UNITS = re.compile(r"\s*(?:ram|ssd|hdd|storage|memory|data|sim|gb|tb|mb|ddr\d?)\b", re.I)


def postcodes(text: str) -> list[Contact]:
    found = []
    for match in _POSTCODE.finditer(text):
        written = match.group()
        letters = [c for c in written if c.isalpha()]
        if not (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
            continue  # "Ab1 2cd" is a word, not a postcode
        if match.group("gir"):
            found.append(Contact(POSTCODE, match.start(), match.end(), "GIR 0AA"))
            continue
        if match.group("area").upper() not in _AREAS or _UNITS.match(text, match.end()):
            continue
        key = f"{match.group('area')}{match.group('district')} {match.group('inward')}".upper()
        found.append(Contact(POSTCODE, match.start(), match.end(), key))
    return found


# -- e-mail addresses ----------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.+@-])([A-Za-z0-9][A-Za-z0-9._%+-]*)@"
                    r"([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![\w-])")
ROLE_ADDRESSES = frozenset({
    "info", "office", "admin", "administrator", "enquiries", "enquiry", "contact", "contactus",
    "hello", "hi", "sales", "support", "bookings", "booking", "reception", "head",
    "headteacher", "hr", "jobs", "careers", "team", "press", "media", "events", "marketing",
    "accounts", "finance", "noreply", "no-reply", "donotreply", "webmaster", "mail", "help",
    "customerservice", "customerservices", "orders", "studio", "general", "pta", "ptfa",
    "governors", "clerk", "admissions", "secretary", "bursar", "safeguarding", "dsl", "senco",
    "membership", "members", "newsletter", "editor", "feedback", "privacy", "legal", "abuse",
    "postmaster", "shop", "store", "service", "services", "reservations", "tickets",
    "volunteer", "volunteers", "recruitment", "vacancies", "schooloffice", "committee",
    "chair", "treasurer", "fundraising", "donations", "partnerships", "community",
})


def on_domain(address: str, domains: tuple[str, ...]) -> bool:
    """Is the address on one of the domains or their subdomains? (Not `….sch.uk.evil.example`.)"""
    domain = address.rsplit("@", 1)[-1].strip().rstrip(".>").lower()
    return any(domain == d or domain.endswith("." + d)
               for d in (x.strip().lstrip("@").rstrip(".").lower() for x in domains) if d)


def emails(text: str, exclude_domains: tuple[str, ...] = (),
           handles: tuple[str, ...] = ()) -> list[Contact]:
    """Personal-looking addresses: not on the excluded domains, not role addresses, not handles."""
    found = []
    known_handles = {h.lower().lstrip("@") for h in handles}
    for match in _EMAIL.finditer(text):
        address = match.group().lower()
        if on_domain(address, exclude_domains) or address in known_handles:
            continue
        if match.group(1).lower().strip(".") in ROLE_ADDRESSES:
            continue
        found.append(Contact(EMAIL, match.start(), match.end(), address))
    return found


def all_emails(text: str) -> list[tuple[int, int, str]]:
    """Every e-mail address in a text (start, end, address in lower case)."""
    return [(m.start(), m.end(), m.group().lower()) for m in _EMAIL.finditer(text)]


# -- street addresses ----------------------------------------------------------------------------
_STREET = (r"Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Cl|Crescent|Cres|Grove|Gro|"
           r"Way|Place|Pl|Court|Ct|Gardens|Gdns|Terrace|Terr|Tce|Mews|Square|Sq|Walk|Hill|Row|"
           r"Rise|View|Parade|Pde|Boulevard|Blvd|Vale|Wharf|Yard|Croft|Fold|Gate|Chase|Green|"
           r"Park|Circus|Approach|Passage|Embankment|Quay|Meadow|Meadows|Brow|Bank|Nook|Lea|"
           r"Mount|Grange|Glade|Dale|Hollow|Mead|Ridge|Wynd|Close")
_NAME_WORD = r"(?:[A-Z][a-z'’]+|[A-Z]{2,})"
_ADDRESS = re.compile(
    r"(?:\b(?:Flat|Apartment|Apt|Unit)\s+\d{1,4}[A-Za-z]?,?\s+)?"
    r"(?<![\d£$€.,:/#-])\b(?P<number>\d{1,4}[A-Za-z]?(?:-\d{1,4})?),?\s+"
    rf"(?P<name>{_NAME_WORD}(?:[ \t-](?:{_NAME_WORD}|upon|on|under|the|le|de|la)){{0,3}})"
    rf"[ \t]+(?P<type>(?i:{_STREET}))\b\.?(?![ \t]+[A-Z][a-z])")
_NOT_A_HOUSE = re.compile(
    r"\b(?:top|year|yr|chapter|page|route|bus|junction|platform|level|stage|episode|vol|volume|"
    r"part|number|no|about|over|under|around|nearly|almost|gate|the|ks|key\s+stage|class|"
    r"room|table|only|just|aged?|size|step|tip|lesson|week|day|pack|set|rule|reason|ways?)\W*$",
    re.IGNORECASE)


def addresses(text: str) -> list[Contact]:
    found = []
    for match in _ADDRESS.finditer(text):
        before = text[max(0, match.start() - 20):match.start("number")]
        if _NOT_A_HOUSE.search(before):
            continue
        street_type = match.group("type")
        if not (street_type[0].isupper()):
            continue  # "12 Kings road" is too loose to call an address
        key = " ".join(f"{match.group('number')} {match.group('name')} {street_type}"
                       .lower().split())
        found.append(Contact(ADDRESS, match.start(), match.end(), key))
    return found


# -- everything together -------------------------------------------------------------------------
def contacts(text: str, school_domains: tuple[str, ...] = (),
             handles: tuple[str, ...] = ()) -> list[Contact]:
    """Every contact detail in a text, overlaps resolved (an address wins over a number in it)."""
    if not text:
        return []
    found = (addresses(text) + emails(text, school_domains, handles) + postcodes(text)
             + phones(text))
    kept: list[Contact] = []
    for contact in found:
        if all(contact.end <= k.start or contact.start >= k.end for k in kept):
            kept.append(contact)
    return sorted(kept, key=lambda c: c.start)


_HOME = re.compile(
    r"\b(?:my|our)\s+(?:new\s+)?(?:address|house|home|flat|place)\b|\bnew\s+address\b|"
    r"\bi\s+live\b|\blive\s+at\b|"
    r"\bliving\s+at\b|\bmov(?:ed|ing)\s+(?:in\s+)?to\b|\bsend\s+(?:it\s+)?to\b|\bpost\s+(?:it\s+)?"
    r"to\b|\bdeliver\w*\s+to\b|\bdrop\s+(?:it\s+)?off\b|\bcome\s+round\b|\bpop\s+round\b|"
    r"\bcollect(?:ion)?\s+from\b|\bpick\s*(?:ed)?\s*up\s+from\b|\bparty\s+at\b|\bat\s+mine\b|"
    r"\bhome\s+address\b|\bfor\s+sale\b|\bcollection\s+only\b",
    re.IGNORECASE)


def home_context(text: str, contact: Contact, window: int = 80) -> bool:
    """Words near a detail that make it the person's own ("I live at", "collection from")."""
    return bool(_HOME.search(text[max(0, contact.start - window):contact.end + window]))


_ORGANISATION = re.compile(
    r"\b(?:bakery|bakers?|cafe|café|coffee\s+shop|shop|shop's|store|salon|barbers?|"
    r"hairdressers?|garage|surgery|gp|clinic|hospital|pharmacy|chemist|dentists?|vets?|"
    r"plumb(?:er|ers|ing)|electricians?|builders?|roofers?|joinery|ltd|limited|plc|"
    r"restaurant|takeaway|pub|hotel|florists?|butchers?|taxis?|cabs|removals|cleaners|"
    r"council|library|leisure\s+centre|centre|office|reception|helpline|hotline|charity|"
    r"company|services|club|gym|theatre|cinema|museum|council's|nhs|police|school\s+office)\b"
    r"|\b(?:their|its)\s+(?:number|phone|line)\b|\b(?:call|ring|phone|contact)\s+them\b",
    re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:me|my|mine|i'm|i\s+am|text\s+me|call\s+me|dm\s+me)\b",
                           re.IGNORECASE)


def organisation_context(text: str, contact: Contact, window: int = 80) -> bool:
    """A number or address plainly someone else's business: "Harper's Bakery (01632 960987)"."""
    near = text[max(0, contact.start - window):contact.end + 40]
    return bool(_ORGANISATION.search(near)) and not _FIRST_PERSON.search(near)


def masked_excerpt(text: str, start: int, end: int, found: list[Contact]) -> str:
    """An excerpt around text[start:end] with every contact detail in it replaced by its kind."""
    masked, shift = text, 0
    new_start, new_end = start, end
    for contact in sorted(found, key=lambda c: c.start):
        label = f"[{contact.kind}]"
        a, b = contact.start + shift, contact.end + shift
        masked = masked[:a] + label + masked[b:]
        delta = len(label) - (b - a)
        if contact.start < start:
            new_start += delta
            new_end += delta
        elif contact.start < end:
            new_end += delta
        shift += delta
    return excerpt(masked, max(0, new_start), max(new_start, new_end))


# -- which profile fields others can see ---------------------------------------------------------
# Fields that come from account settings, not from the public profile: the sign-up e-mail and
# phone number, date of birth, the privacy switches themselves. LinkedIn's address and zip code
# are shown to no one by default. Mastodon's extra fields are the profile's own labelled fields
# (all public), apart from the two the reader adds.
_PRIVATE_PARTS = ("email", "e-mail", "phone", "birth", "gender", "private", "protected",
                  "visib", "discoverable", "indexable", "password", "timezone", "time_zone",
                  "created", "maiden", "messenger", "zip", "registration", "confirm",
                  "account_id", "accountid", "possibly_sensitive")
_PRIVATE_TOKENS = frozenset({"ip", "id", "age", "address", "device", "language", "dob", "left",
                             "unsent"})
_MASTODON_OWN = frozenset({"address", "created_at"})


def is_public_field(platform: str, key: str) -> bool:
    low = key.lower()
    if platform == "mastodon":
        return low not in _MASTODON_OWN
    if any(part in low for part in _PRIVATE_PARTS):
        return False
    return not any(token in _PRIVATE_TOKENS for token in re.split(r"[\W_]+", low))


def public_profile_fields(item: Item) -> list[tuple[str, str]]:
    """(label, text) of a profile's fields that people looking at it can read: bio first."""
    fields = [("bio", item.text)] if item.text else []
    fields += [(key, value) for key, value in item.extra.items()
               if isinstance(value, str) and value and is_public_field(item.ref.platform, key)]
    return fields
