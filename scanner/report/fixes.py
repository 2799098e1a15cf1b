"""Numbered steps to fix each rule, on the platform where the evidence was found.

Menus move: the steps name the setting's name rather than every click, so they stay useful when
a platform redesigns its settings pages.
"""

from __future__ import annotations

# Platform-specific ways to do the common actions.
_HOW: dict[str, dict[str, str]] = {
    "rename": {
        "twitter": "In X, open Settings and privacy > Your account > Account information > "
                   "Username, and Edit profile for the display name.",
        "facebook": "In Facebook, open Settings > Accounts Centre > Profiles > Name / Username.",
        "instagram": "In Instagram, open your profile > Edit profile > Username and Name.",
        "linkedin": "In LinkedIn, open your profile > the pencil icon next to your name.",
        "mastodon": "In Mastodon, open Preferences > Public profile > Display name; a new "
                    "username needs Account > Move to a different account.",
    },
    "bio": {
        "twitter": "In X, open your profile > Edit profile > Bio.",
        "facebook": "In Facebook, open your profile > Edit details / Intro.",
        "instagram": "In Instagram, open your profile > Edit profile > Bio.",
        "linkedin": "In LinkedIn, open your profile > About, and the headline under your name.",
        "mastodon": "In Mastodon, open Preferences > Public profile > Bio and Extra fields.",
    },
    "unfriend": {
        "twitter": "In X, open the person's profile > Following (to unfollow); to remove a "
                   "follower, open your Followers list > ... > Remove this follower.",
        "facebook": "In Facebook, open your Friends list > ... next to the name > Unfriend.",
        "instagram": "In Instagram, open Followers > Remove, and Following > Following > "
                     "Unfollow.",
        "linkedin": "In LinkedIn, open My Network > Connections > ... > Remove connection.",
        "mastodon": "In Mastodon, open the account > Unfollow; to remove a follower, open "
                    "Followers > ... > Remove follower.",
    },
    "delete_post": {
        "twitter": "In X, open the post > ... > Delete.",
        "facebook": "In Facebook, open the post > ... > Move to bin (or Delete).",
        "instagram": "In Instagram, open the post > ... > Delete.",
        "linkedin": "In LinkedIn, open the post > ... > Delete post.",
        "mastodon": "In Mastodon, open the post > ... > Delete.",
        "files": "Delete the photo from the folder, or keep it off social media.",
    },
    "privacy": {
        "twitter": "In X, open Settings and privacy > Privacy and safety > Audience and "
                   "tagging > Protect your posts.",
        "facebook": "In Facebook, open Settings > Privacy > Who can see your future posts? "
                    "(Friends), and Limit past posts; turn off search engine links.",
        "instagram": "In Instagram, open Settings > Account privacy > Private account.",
        "linkedin": "In LinkedIn, open Settings > Visibility > Edit your public profile, and "
                    "turn off public visibility.",
        "mastodon": "In Mastodon, open Preferences > Other > Posting privacy (Followers only) "
                    "and Public profile > untick 'Suggest account to others' and search "
                    "indexing.",
    },
    "location": {
        "twitter": "In X, open Settings and privacy > Privacy and safety > Location "
                   "information > turn off precise location.",
        "facebook": "In Facebook, edit the post > remove the check-in or place.",
        "instagram": "In Instagram, edit the post > remove the location; in your phone's "
                     "Settings turn off location for the Camera.",
        "files": "Turn off location in your phone's camera settings, and remove location "
                 "when sharing (iPhone: Options > Location off; Android: Remove location data).",
    },
    "leave_group": {
        "facebook": "In Facebook, open the group > Joined > Leave group; for pages, Unlike.",
        "linkedin": "In LinkedIn, open the group > ... > Leave this group.",
    },
    "email": {
        "twitter": "In X, open Settings and privacy > Your account > Account information > "
                   "Email.",
        "facebook": "In Facebook, open Accounts Centre > Personal details > Contact info.",
        "instagram": "In Instagram, open Accounts Centre > Personal details > Contact info.",
        "linkedin": "In LinkedIn, open Settings > Sign in & security > Email addresses.",
        "mastodon": "In Mastodon, open Account > Change e-mail address.",
    },
}

# What to do for each rule: an action (with per-platform how) then any final steps.
_PLAN: dict[str, tuple[list[str], list[str]]] = {
    "A1": (["rename"], ["Check old posts that show the previous name in replies."]),
    "A2": (["bio"], ["Remove the school's name; you can still say you work in education."]),
    "A3": (["bio", "delete_post"], ["Choose a profile and cover picture without the logo."]),
    "A4": (["bio"], ["Add a line such as 'Views are my own, not my employer's'."]),
    "A5": (["email"], ["Use a personal e-mail address for personal accounts."]),
    "A6": (["bio", "delete_post"], ["Remove your address, postcode and phone number."]),
    "A7": (["privacy"], []),
    "B1": (["unfriend"], ["Tell the Designated Safeguarding Lead if the pupil made contact."]),
    "B2": (["unfriend"], ["Former pupils under 18 count as pupils."]),
    "B3": (["unfriend"], ["If this is family or an agreed friend, record it as an "
                          "exception with your headteacher (riskscan review)."]),
    "B4": ([], ["Do not reply further.",
                "Tell the Designated Safeguarding Lead today and keep the messages.",
                "Follow the school's advice before deleting anything."]),
    "B5": (["unfriend"], ["Or record the connection as known to the headteacher."]),
    "B6": (["unfriend"], ["Keep connections with colleagues professional."]),
    "C1": (["delete_post"], ["If the post was shared widely, tell the DSL."]),
    "C2": (["delete_post"], []),
    "C3": (["delete_post"], []),
    "C4": (["delete_post"], ["Raise concerns through the grievance or whistleblowing "
                             "procedure."]),
    "C5": (["delete_post"], []),
    "C6": (["delete_post"], []),
    "C7": (["delete_post"], ["Keep campaigning and selling apart from your work identity."]),
    "C8": (["leave_group"], []),
    "C9": ([], ["Keep personal social media for breaks and after school.",
                "Use scheduled posting if you post about events in the day."]),
    "D1": (["delete_post"], ["Keep pictures of pupils only on school equipment."]),
    "D2": (["delete_post"], ["Crop out badges, logos and the building."]),
    "D3": (["location"], ["Strip location before sharing old photos."]),
    "D4": (["location", "delete_post"], []),
}


def fix_steps(rule_id: str, platforms: list[str]) -> list[str]:
    """The numbered steps (without numbers) for a rule, for the platforms it was found on."""
    actions, finals = _PLAN.get(rule_id, ([], []))
    steps = []
    for action in actions:
        how = _HOW.get(action, {})
        for platform in platforms or list(how):
            if platform in how:
                steps.append(how[platform])
    return [*dict.fromkeys(steps), *finals]
