"""A third fictional set of bios for A4, written on 2026-12-06 before the check was scored on it.

In the way real bios are written (read in bios-dev's style, none copied): items run on with
bars, dots, emoji or nothing between them; the statement is often the last item, clipped
("views own", "tweets personal"), or sits mid-bio. Decoys use the same words in other senses:
views of places, owning things, personal bests, capacity, retweet requests, official accounts,
other people's views. Scored as a whole in tests/detectors/test_disclaimer_generalising.py.
"""

from __future__ import annotations

POSITIVES: dict[str, list[str]] = {
    "views are mine": [
        "Dad of 3 | Head of Year 9 | Spurs | views my own obvs",
        "Primary teacher 🍎 Maths lead. All views own.",
        "Science teacher in Leeds. Views own",
        "Geography geek 🌍 Year 5 teacher Views are mine and mine alone",
        "SENCo • mum • runner • opinions mine",
        "English teacher & wannabe novelist - all opinions my own",
        "Tweets = my own",
        "Deputy head. Netball coach. Tweets are my own views",
        "History teacher. Opinions r my own",
        "Musician, teacher, cyclist opinions expressed are solely my own",
        "Views: mine. Typos: also mine.",
        "Everything I tweet is my own opinion",
        "Any views expressed are my own",
        "The views expressed on this account are my own.",
        "Comments are my own 🙂",
        "Content is my own | Year 2 | Phonics lead",
        "Thoughts and opinions are my own, always",
        "All thoughts my own x",
        "Assistant head 📚 Views are entirely my own and don't represent my workplace",
        "Views here are mine alone and not those of @FernhillTrust",
    ],
    "own views": [
        "Own views. Teacher of RE.",
        "Computing teacher | Own opinions",
        "Personal views only.",
        "Personal opinions only | Chemistry",
        "My own views, not my employer's",
        "Maths teacher sharing my personal views",
        "Tweeting my own views on education",
    ],
    "my views": [
        "Just my opinions, nobody else's",
        "Teacher. Dad. My views, not my school's.",
        "These are my views ✌️",
        "MFL teacher ... my thoughts only",
    ],
    "not my employer's": [
        "Tweets are my own & do not reflect those of my employer",
        "Opinions do not represent my employer",
        "Views expressed here are not those of my employer",
        "Nothing here reflects the views of the school I work at",
        "Views don't reflect those of my employer or colleagues",
        "My tweets do not represent the views of my employer",
        "Opinions not those of the trust",
    ],
    "sharing is not endorsing": [
        "RT ≠ endorsement",
        "Likes and RTs aren't endorsements",
        "RTs are not endorsements | PE teacher",
        "Retweeting is not endorsing",
        "rt/likes ≠ agreement",
        "Retweets don't mean I agree",
        "Sharing does not mean endorsing",
        "Shares are for info, not endorsement",
        "A retweet is not an endorsement x",
        "Likes are bookmarks",
    ],
    "capacity": [
        "Posting in a personal capacity",
        "Tweeting in a private capacity 🐝",
        "I speak only for myself",
        "Speaking for myself, not my school",
        "Tweets as a private individual",
        "Writing here in a purely personal capacity",
    ],
    "independence": [
        "Not speaking on behalf of my school",
        "Not affiliated with my employer",
        "This account has nothing to do with my employer",
        "I don't speak for my employer",
        "Views independent of my employer",
        "Not tweeting on behalf of @FernhillPrimary",
    ],
    "personal account": [
        "This is a personal account",
        "Personal account • Year 6 teacher",
        "personal twitter, teacher by day",
        "Not an official school account",
    ],
    "generic": [
        "Usual disclaimers apply",
        "Standard disclaimer applies 😉",
        "Science teacher. Insert disclaimer here.",
    ],
}

DECOYS: dict[str, list[str]] = {
    "views of places": [
        "Views from the top of Snowdon 🏔",
        "Views of the Lake District from my window",
        "Loving the views over Whitby Abbey",
        "Photos of my own garden and its views",
    ],
    "owning": [
        "Owner of The Little Bakery, Otley",
        "My own worst critic",
        "Self-employed and my own boss",
        "On my own journey to a PGCE",
        "Make your own mind up",
        "Own goal specialist, Sunday league",
        "Reviews of books I own",
        "Mine's a pint of Landlord",
    ],
    "opinions given": [
        "I have opinions about phonics",
        "Opinionated teacher. Loud about reading.",
        "Thoughts on books, films and teaching",
        "My views on education policy, in a weekly blog",
        "News and views from the staffroom",
        "Proud to work for the NHS, all views welcome",
        "Your views matter to us",
    ],
    "personal and capacity": [
        "Personal trainer | Nutrition coach",
        "Personal best: 3:45 marathon",
        "Personal statement help for sixth formers",
        "Capacity building in schools",
        "Posting in my capacity as Chair of Governors",
        "Speaking for the union on pay",
    ],
    "sharing": [
        "RT if you agree!",
        "RT to win a class set of books",
        "Retweets of school news",
        "Likes: cake. Dislikes: Mondays",
        "Endorsed by the FA as a Level 2 coach",
        "Sharing the best of Leeds",
    ],
    "official or others'": [
        "Official account of Year 6 at Fernhill Primary",
        "Tweets by the office team",
        "Official views of the Fernhill Learning Trust",
        "Views expressed by guests are their own",
        "Affiliated to the RFU",
        "On behalf of the PTA, welcome!",
        "Not my circus, not my monkeys",
    ],
}
