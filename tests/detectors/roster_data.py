"""A small fictional roster and tables of name variants, shared by the roster tests.

Every person here is invented. The tables put positives (the same person written another way)
beside decoys (a first name alone, a different person with the same surname, ordinary words).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

TODAY = date(2026, 1, 10)

ROSTER_CSV = """\ufefffirst_name, Last Name ,preferred_name,ROLE,year_group,date_of_birth,linked_to
Katherine,Ashdown,,pupil,5,14/02/2016,
Zoë,Brennan,,pupil,Y5,2015-11-03,
Oliver,Hart-Daventry,Ollie,pupil,6,2014-12-05,
Isabel,Santos Ferreira,,pupil,5,09/10/2015,
Tobias,Okonkwo,Toby,pupil,Year 5,2016-01-30,
Rose,Hill,,pupil,3,2018-02-27,
Siobhan,O'Rourke,,pupil,R,2021-03-08,
William,Thornber,,ex-pupil,,2010-03-01,
Thomas,Whitlock,,ex-pupil,,2001-03-01,
Jane,Ashdown,,parent,,,Katherine Ashdown
Jane,Ashdown,,parent,,,Harry Ashdown
Daniel,Radcliffe,,parent,,,Rose Hill
Daniel,Radcliffe,,pupil,2,2019-05-05,
Robert,Fairclough,,governor,,,
Amelia,Kerslake,,governor,,,
Joanne,Whitmore,,staff,,,
Priya,Lindqvist,,staff,,,
"""

# Every first and last name above, to look for in a sealed file.
ROSTER_NAMES = ("Katherine", "Ashdown", "Zoë", "Zoe", "Brennan", "Oliver", "Ollie", "Hart",
                "Daventry", "Isabel", "Santos", "Ferreira", "Tobias", "Toby", "Okonkwo", "Rose",
                "Hill", "Siobhan", "Rourke", "William", "Thornber", "Thomas", "Whitlock", "Jane",
                "Daniel", "Radcliffe", "Robert", "Fairclough", "Amelia", "Kerslake", "Joanne",
                "Whitmore", "Priya", "Lindqvist")

# (written name, label of the roster entry, role, how, certain)
NAME_POSITIVES = [
    ("Katherine Ashdown", "Katherine Ashdown", "pupil", "exact", True),
    ("katherine ashdown", "Katherine Ashdown", "pupil", "exact", True),
    ("Katie Ashdown", "Katherine Ashdown", "pupil", "nickname", True),
    ("Kate Ashdown", "Katherine Ashdown", "pupil", "nickname", True),
    ("Kathy Ashdown 🌸", "Katherine Ashdown", "pupil", "nickname", True),
    ("Ashdown, Katherine", "Katherine Ashdown", "pupil", "surname-first", True),
    ("Ashdown Katherine", "Katherine Ashdown", "pupil", "reordered", False),
    ("Katherine Louise Ashdown", "Katherine Ashdown", "pupil", "middle-name", False),
    ("Zoe Brennan", "Zoë Brennan", "pupil", "exact", True),
    ("ZOË BRENNAN", "Zoë Brennan", "pupil", "exact", True),
    ("Zoë Brennan", "Zoë Brennan", "pupil", "exact", True),
    ("Oliver Hart-Daventry", "Oliver Hart-Daventry", "pupil", "exact", True),
    ("Oliver Hart Daventry", "Oliver Hart-Daventry", "pupil", "exact", True),
    ("Ollie Hart-Daventry", "Oliver Hart-Daventry", "pupil", "preferred", True),
    ("Oliver Hart", "Oliver Hart-Daventry", "pupil", "part-surname", False),
    ("Oliver Daventry", "Oliver Hart-Daventry", "pupil", "part-surname", False),
    ("Isabel Santos-Ferreira", "Isabel Santos Ferreira", "pupil", "exact", True),
    ("Isabel Santos", "Isabel Santos Ferreira", "pupil", "part-surname", False),
    ("Toby Okonkwo", "Tobias Okonkwo", "pupil", "preferred", True),
    ("Siobhan O'Rourke", "Siobhan O'Rourke", "pupil", "exact", True),
    ("Siobhan ORourke", "Siobhan O'Rourke", "pupil", "exact", True),
    ("Siobhan O Rourke", "Siobhan O'Rourke", "pupil", "exact", True),
    ("Siobhan O’Rourke", "Siobhan O'Rourke", "pupil", "exact", True),
    ("Katie Ashdown | Netball 🏐", "Katherine Ashdown", "pupil", "nickname", True),
    ("Toby Okonkwo - Year 5", "Tobias Okonkwo", "pupil", "preferred", True),
    ("Katie J. Ashdown", "Katherine Ashdown", "pupil", "middle-name", False),
    ("Bill Thornber", "William Thornber", "ex-pupil", "nickname", True),
    ("Will Thornber", "William Thornber", "ex-pupil", "nickname", True),
    ("Mrs Jane Ashdown (Jones)", "Jane Ashdown", "parent", "exact", True),
    ("Bob Fairclough", "Robert Fairclough", "governor", "nickname", True),
    ("Mr Robert Fairclough", "Robert Fairclough", "governor", "exact", True),
    ("Jo Whitmore", "Joanne Whitmore", "staff", "nickname", True),
    ("Daniel Radcliffe", "Daniel Radcliffe", "pupil", "exact", False),  # two on the roster
    ("Daniel Radcliffe", "Daniel Radcliffe", "parent", "exact", False),
]

# Plain-roster only: these need readable names.
NEAR_POSITIVES = [
    ("Katherine Ashdwon", "Katherine Ashdown", "typo"),
    ("Katharine Ashdown", "Katherine Ashdown", "typo"),
    ("Zoe Brenan", "Zoë Brennan", "typo"),
    ("Priya Lindquist", "Priya Lindqvist", "typo"),
    ("Tobias Okonkow", "Tobias Okonkwo", "typo"),
    ("K. Ashdown", "Katherine Ashdown", "initial"),
    ("P Lindqvist", "Priya Lindqvist", "initial"),
    # a surname cut to its initial, as teachers write pupils in posts (C1 needs pupil context)
    ("Katie A", "Katherine Ashdown", "surname-initial"),  # through the nickname
    ("Zoë B", "Zoë Brennan", "surname-initial"),
    ("Toby O", "Tobias Okonkwo", "surname-initial"),  # through the preferred name
]

NAME_DECOYS = [
    "Katie",  # a first name alone never matches
    "Katherine",
    "Ashdown",  # a surname alone
    "Mark Ashdown",  # a different person with the same surname
    "Karen Ashdown",
    "Katie Ashworth",  # the same first name, another surname
    "Rose Hull",  # one letter from Rose Hill, but too short a name to call it a typo
    "Tom Okonkwo",  # Tom is not a nickname of Tobias
    "Katie Z",  # a forename and an initial no roster surname starts with
    "Tom O",  # an initial, but Tom is not Tobias
    "Happy Birthday",
    "Hill Walkers",
    "Rose Hill Nursery",  # a page, not the pupil Rose Hill
    "Rose Hill Walkers",
    "Katherine Ashdown Photography",
    "Priya Lindley",  # not the colleague Priya Lindqvist: another surname
    "Ferreira Santos",  # a double surname reversed, no forename
    "Smith Electrical",
    "Oakwood Primary School",
    "Year 5 Parents",
    "",
    "   ",
    "🌸🌸",
    "A B",
]

# (username, label) - never certain
HANDLE_POSITIVES = [
    ("katie.ashdown09", "Katherine Ashdown"),
    ("@KatieAshdown", "Katherine Ashdown"),
    ("zoe_brennan", "Zoë Brennan"),
    ("ollie-hart-daventry", "Oliver Hart-Daventry"),
    ("ashdown.katherine", "Katherine Ashdown"),
    ("https://www.instagram.com/toby.okonkwo/", "Tobias Okonkwo"),
    ("zoe_brennan_x", "Zoë Brennan"),  # a filler after the name
    ("priya.lindqvist.teach", "Priya Lindqvist"),  # a word after the name
    ("the.real.katie.ashdown", "Katherine Ashdown"),
]
PLAIN_HANDLE_POSITIVES = [
    ("katieashdown", "Katherine Ashdown"),
    ("kashdown2016", "Katherine Ashdown"),
    ("robertfairclough", "Robert Fairclough"),
]
HANDLE_DECOYS = ["katie", "katie_xo", "ashdown_builders", "thehillfamily", "rose", "oakwoodps",
                 "12345678", "", "katie.ashworth", "a_b"]

# (text, the exact words that name someone, label, certain)
TEXT_POSITIVES = [
    ("So proud of Katie Ashdown today!", "Katie Ashdown", "Katherine Ashdown", True),
    ("Well done Zoë Brennan and the team", "Zoë Brennan", "Zoë Brennan", True),
    ("Ollie Hart-Daventry's goal was brilliant", "Ollie Hart-Daventry", "Oliver Hart-Daventry",
     True),
    ("great game today, well done katherine ashdown", "katherine ashdown", "Katherine Ashdown",
     False),  # all lower case: a name, probably, but a person should check
    ("Toby Okonkwo read beautifully", "Toby Okonkwo", "Tobias Okonkwo", True),
]
TEXT_DECOYS = [
    "We walked up the rose hill behind the church.",  # lower case words in a capitalised text
    "Katie was brilliant in assembly.",  # first name alone
    "Katie A was brilliant in assembly.",  # an initial: only with pupil context (rule C1)
    "Ashdown Forest is lovely in spring.",
    "Happy Birthday to my lovely mum!",
    "",
]


def write_roster(folder: Path, text: str = ROSTER_CSV, name: str = "roster.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
