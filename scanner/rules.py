"""The checklist's rules, in the project's own words, with the policy clauses behind each.

Severity, clause and advice here are defaults: a school's policy pack overrides any of them.
`basis` cites the five published school policies in shared/seeds by number and section, so a
school can see where a rule comes from and swap in its own clause numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from scanner.model import Kind

# The published policies `basis` cites by number (shared/seeds), by who published them.
PUBLISHED_POLICIES = {
    "000": "a school's staff acceptable use and social media policy",
    "001": "St Ann's School social networking policy",
    "002": "Wells AP Kinsley staff ICT and social media policy",
    "003": "Leventhorpe staff ICT acceptable use policy",
    "004": "Active Learning Trust social media acceptable use policy",
}


class Severity(IntEnum):
    """Higher is more urgent; the checklist is ordered by this."""

    ADVICE = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


AREAS = {"A": "Identity and profile", "B": "Connections and contact", "C": "What is posted",
         "D": "Images"}

# What each kind of record needs to have come from, in words a teacher can act on.
NEEDS_WORDS = {
    Kind.PROFILE: "your profile (the account or profile file in your export)",
    Kind.POST: "your posts (the posts or tweets file in your export)",
    Kind.CONNECTION: "your friends, followers or connections list",
    Kind.MEMBERSHIP: "your groups list (Facebook export)",
    Kind.MEDIA: "your photos (an export that includes media, or a folder of photos)",
    Kind.THREAD: "your messages (the messages folder of your export)",
    Kind.MESSAGE: "your messages (the messages folder of your export)",
}


@dataclass(frozen=True)
class Rule:
    """One checklist item and its defaults."""

    id: str
    slug: str
    title: str
    severity: Severity
    checks: str
    advice: str
    basis: str
    needs: frozenset[Kind]
    needs_roster: bool = False

    @property
    def area(self) -> str:
        return AREAS[self.id[0]]

    @property
    def basis_text(self) -> str:
        """`basis` with each published policy named, for people who have not seen the list."""
        parts = (part.strip().partition(" ") for part in self.basis.split(";"))
        return "; ".join(f"{PUBLISHED_POLICIES.get(number, number)}{' ' if where else ''}{where}"
                         for number, _, where in parts)


def _rule(id_: str, slug: str, title: str, severity: Severity, checks: str, advice: str,
          basis: str, needs: set[Kind], needs_roster: bool = False) -> Rule:
    return Rule(id_, slug, title, severity, checks, advice, basis, frozenset(needs),
                needs_roster)


P, S, C, G, M, T, MSG = (Kind.PROFILE, Kind.POST, Kind.CONNECTION, Kind.MEMBERSHIP, Kind.MEDIA,
                         Kind.THREAD, Kind.MESSAGE)
H, CR, MD, AD = Severity.HIGH, Severity.CRITICAL, Severity.MEDIUM, Severity.ADVICE

RULES: tuple[Rule, ...] = (
    _rule("A1", "school-name-in-handle", "School name in your account name", H,
          "The school's name, short name or initials appear in a username, display name, page "
          "name or profile address, however they are spelt.",
          "Change the username and display name so they do not contain the school's name.",
          "000 §7.10", {P}),
    _rule("A2", "employer-identified", "Profile says where you work", MD,
          "Your bio, intro or work history names the school or says you teach there.",
          "Remove the school's name from your personal profile (a LinkedIn work history is "
          "usually allowed: check your school's policy).",
          "002; 003 item 2", {P}),
    _rule("A3", "school-logo-in-images", "School logo in your pictures", H,
          "The school's logo or crest appears in a profile picture, cover image or posted "
          "photo, even resized, cropped, recoloured or as part of a bigger picture.",
          "Replace profile and cover pictures that show the logo, and delete or crop posted "
          "photos that show it.",
          "001 (Representation); 002", {P, M}),
    _rule("A4", "missing-disclaimer", "No 'views are my own' statement", MD,
          "Your profile or posts connect you with the school or with teaching, but the profile "
          "has no statement that the views are your own.",
          "Add a line such as 'Views are my own, not my employer's' to your bio.",
          "000 §7.10; 003 item 4", {P}),
    _rule("A5", "school-email-on-personal-account", "School e-mail on a personal account", H,
          "The account is registered with, or shows, an address on the school's e-mail domain.",
          "Change the account's e-mail address to a personal one.",
          "002", {P}),
    _rule("A6", "personal-contact-details-public", "Your contact details are public", MD,
          "A home address, postcode, personal phone number or personal e-mail address can be "
          "seen in your bio or posts.",
          "Remove the contact details from the bio and delete or edit the posts.",
          "002; 003 item 7; 004 §6.8", {P, S}),
    _rule("A7", "profile-publicly-visible", "Profile can be seen by anyone", AD,
          "The profile or its posts can be read without logging in, or it appears in search "
          "engines.",
          "Set the account to private (or friends only) and turn off search engine listing.",
          "002; 003 item 7; 004 §6.7; 001 Appendix 1", {P}),
    _rule("B1", "pupil-connection", "Pupils among your connections", CR,
          "A friend, follower or account you follow matches a current pupil on the roster.",
          "Remove the connection and, if the pupil contacted you, tell the Designated "
          "Safeguarding Lead.",
          "002; 003 item 1; 004 §6.2, §6.4; 000 §7.9", {C}, needs_roster=True),
    _rule("B2", "ex-pupil-under-18", "Ex-pupils under 18 among your connections", CR,
          "A connection matches a former pupil who is still under 18.",
          "Remove the connection; former pupils under 18 are treated as pupils.",
          "000 §7.9; 002; 004 §6.4", {C}, needs_roster=True),
    _rule("B3", "parent-connection", "Parents or carers among your connections", H,
          "A connection matches a pupil's parent or carer.",
          "Remove the connection, or record it as an agreed exception (for example a family "
          "member) with the headteacher.",
          "000 §7.9; 001; 002", {C}, needs_roster=True),
    _rule("B4", "private-messages-with-pupil", "Private messages with a pupil", CR,
          "A direct-message conversation with a pupil or a former pupil under 18.",
          "Stop the conversation and tell the Designated Safeguarding Lead today.",
          "001; 002; 004 §6.4", {T}, needs_roster=True),
    _rule("B5", "governor-connection", "Connected with a governor", AD,
          "You and a school governor are connected.",
          "Consider removing the connection to keep a professional distance.",
          "000 §7.13", {C}, needs_roster=True),
    _rule("B6", "colleague-connection", "Connected with colleagues", AD,
          "You are connected with colleagues (a count, never a list of names in shared output).",
          "Think about which colleagues you want to stay connected with on personal accounts.",
          "000 §7.13; 001; 002", {C}, needs_roster=True),
    _rule("C1", "post-names-pupil", "A post names a pupil", CR,
          "A post, caption, comment or alt text names a pupil, or names someone next to words "
          "like 'my Year 6' or 'one of my students'.",
          "Delete the post, or edit it so no pupil can be identified.",
          "000 §7.9; 001 (Confidentiality); 003 item 5; 004 §6.3", {S}),
    _rule("C2", "school-matters-discussed", "Posts about school matters", H,
          "Posts about the school, its pupils, parents or staff, inspections, incidents or "
          "internal matters.",
          "Delete posts that discuss school business.",
          "000 §7.9; 001; 003 items 5, 11; 004 §6.3", {S}),
    _rule("C3", "pupil-performance", "Posts about pupils' work or behaviour", H,
          "Posts about pupils' marks, results, behaviour or progress.",
          "Delete the posts; pupils' progress is never discussed on social media.",
          "003 item 11", {S}),
    _rule("C4", "grievance-on-social-media", "Complaints about work", MD,
          "Complaints about the school, managers or colleagues.",
          "Delete the posts and raise concerns through the school's grievance or "
          "whistleblowing procedure instead.",
          "000 §7.9; 001 (Raising Concerns)", {S}),
    _rule("C5", "offensive-or-discriminatory", "Offensive or discriminatory language", H,
          "Abusive, discriminatory, sexual or hateful language in posts.",
          "Delete the posts.",
          "000; 001; 002; 003; 004", {S}),
    _rule("C6", "derogatory-about-community", "Mocking pupils, parents or colleagues", H,
          "Insulting or mocking pupils, parents, colleagues or the school.",
          "Delete the posts.",
          "001 (Respect); 002; 003 item 6; 004 §6.3", {S}),
    _rule("C7", "political-or-commercial", "Campaigning or selling", AD,
          "Political campaigning, selling or asking for money.",
          "Keep campaigning and selling apart from anything that links you to the school.",
          "000 §7.9; 001; 002", {S}),
    _rule("C8", "inappropriate-groups", "Membership of offensive groups or pages", MD,
          "Membership of groups or pages whose names are offensive or discriminatory.",
          "Leave the groups and unlike the pages.",
          "001 (groups); 004 §6.3", {G}),
    _rule("C9", "posting-in-working-hours", "Posting during teaching hours", AD,
          "A share of your posts were made during the school's teaching hours on term days.",
          "Keep personal social media for breaks and after school.",
          "000 §7.5, §7.7; 001", {S}),
    _rule("D1", "identifiable-pupil-image", "Photos that could identify pupils", CR,
          "A photo whose location, time, caption or tags tie it to pupils: taken at the school, "
          "in school hours on a term day, captioned with a pupil's or the school's name, or at "
          "a school event.",
          "Delete the photo; pictures of pupils are only taken and kept on school equipment.",
          "001; 002; 004 §7.3", {M}),
    _rule("D2", "staff-identifiable-at-school", "Photos that show you at the school", MD,
          "Photos of you with a badge, logo or the school building that identify the school.",
          "Delete or crop the photos so the school cannot be recognised.",
          "002", {M}),
    _rule("D3", "location-metadata-exposed", "Photos that reveal where they were taken", AD,
          "Photos still carry GPS location data, which can reveal your home or the school.",
          "Turn off location in your camera settings and remove location from shared photos.",
          "003 item 7; 004 §6.8", {M}),
    _rule("D4", "school-check-in", "Check-ins at the school", MD,
          "A check-in or place tag at the school.",
          "Delete the check-in or remove the place tag.",
          "000 §7.9; 002", {S}),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}
