"""Word lists behind the school-name matcher (detectors/school/names.py) and the teaching-work test.

They are lists, not code, so a reader can check them: which words make a name a school's name,
which words after "Oakwood" mean some other place or some other school, and which words say that
someone works in a school.
"""

from __future__ import annotations

import re

# Words that say what kind of school a name is. "Oakwood Grammar" next to "Oakwood Primary"
# is another school, so a phase word the school's own names do not use vetoes a match.
PHASE_WORDS = frozenset({
    "primary", "secondary", "infant", "infants", "junior", "juniors", "grammar", "high",
    "middle", "nursery", "prep", "preparatory", "college", "sixth", "first", "upper", "lower",
    "special", "comprehensive", "technical", "utc", "university", "uni", "montessori",
    "kindergarten", "preschool", "pre", "studio", "boarding", "independent",
})

# Words in school names that do not tell one school from another.
GENERIC_WORDS = frozenset({
    "school", "schools", "academy", "academies", "federation", "trust", "community", "church",
    "ce", "cofe", "c", "e", "of", "the", "and", "england", "rc", "catholic", "methodist",
    "voluntary", "aided", "controlled", "va", "vc", "free", "foundation", "multi", "mat",
    "for", "girls", "boys", "a", "an", "at", "in",
})

# Words after the distinctive part that make it something else: a road, a park, a club.
PLACE_WORDS = frozenset({
    "park", "road", "rd", "lane", "ln", "street", "st", "avenue", "ave", "drive", "dr",
    "close", "crescent", "grove", "way", "hill", "hills", "green", "estate", "farm", "woods",
    "wood", "forest", "heath", "common", "square", "court", "gardens", "garden", "place",
    "terrace", "mews", "row", "walk", "village", "town", "station", "centre", "center",
    "leisure", "golf", "hotel", "inn", "arms", "pub", "chapel", "surgery", "medical",
    "practice", "hospital", "clinic", "library", "stores", "store", "shop", "garage", "house",
    "hall", "manor", "lodge", "cottage", "cottages", "rangers", "united", "utd", "fc", "afc",
    "rfc", "cc", "club", "athletic", "athletics", "nursing", "care", "home", "homes", "vets",
    "dental", "tennis", "bowls", "cricket", "football", "rugby", "netball", "scouts",
    "brownies", "guides", "mall", "retail", "business", "industrial", "ward", "council",
    "parish", "residents", "allotments", "lake", "reservoir", "valley", "bridge", "mill",
    "quarry", "grange", "rise", "vale", "view", "fields", "meadow", "meadows", "brook",
    "nature", "reserve", "cemetery", "crematorium", "barns", "stables", "kennels", "cattery",
    "motors", "developments", "properties", "ltd", "limited", "plc", "llp", "group",
    "baptist", "church", "methodist", "partnership", "dance", "theatre", "players", "choir",
    "band", "orchestra", "runners", "harriers", "parkrun", "tyres", "pharmacy",
    "dentist", "dentists", "vet", "optician", "opticians", "salon", "barbers", "spa", "gym",
    "fitness", "studios", "cafe", "restaurant", "bakery", "kitchen", "deli", "market",
    "nurseries", "plants", "campsite", "caravan", "holiday", "resort", "castle",
    "abbey", "priory", "tower", "towers", "lodges", "cross", "junction", "interchange",
    "airport", "harbour", "marina", "beach", "bay", "point", "end", "gate", "gates",
})

# Words next to the distinctive part that make it the school: "Oakwood staff", "Oakwood PTA".
SCHOOL_AFTER = frozenset({
    "school", "schools", "academy", "staff", "staffroom", "teacher", "teachers", "teaching",
    "pupils", "pupil", "students", "children", "kids", "class", "classes", "classroom", "pta",
    "ptfa", "governors", "governor", "parents", "head", "headteacher", "headteachers", "slt",
    "senco", "ks1", "ks2", "ks3", "ks4", "eyfs", "reception", "family", "familia", "fam",
    "crew", "team", "tas", "ta", "nqt", "ect", "y1", "y2", "y3", "y4", "y5", "y6", "y7",
    "y8", "y9", "y10", "y11", "year", "yr", "sats", "ofsted", "inset", "assembly", "playground",
    "uniform", "trip", "nativity", "sports",
})

# Role words that, before "at <distinctive part>", tie it to a school: "teacher at Oakwood".
ROLE_BEFORE = frozenset({
    "teacher", "teachers", "teach", "teaches", "teaching", "taught", "ta", "tas", "hlta",
    "lsa", "senco", "sendco", "headteacher", "head", "deputy", "staff", "governor", "governors",
    "pupils", "pupil", "students", "nqt", "ect", "pgce", "trainee", "tutor", "ks1", "ks2",
    "ks3", "ks4", "eyfs", "reception", "classroom", "educator", "dsl", "slt", "school",
    "y1", "y2", "y3", "y4", "y5", "y6", "y7", "y8", "y9", "y10", "y11", "y12", "y13",
    "ofsted", "inset",
})
PREPOSITIONS = frozenset({"at", "in", "for", "from", "of", "with", "@"})
STOPWORDS = frozenset({
    "and", "or", "but", "in", "at", "the", "a", "an", "of", "to", "for", "on", "with", "by",
    "is", "are", "was", "i", "we", "my", "our", "so", "as", "from", "too", "also",
})
# Titles before an abbreviation in an all-lower-case handle: `mrsb_ops` says "a teacher".
TITLES = frozenset({"mr", "mrs", "miss", "ms", "mx", "sir", "dr", "teacher", "teach", "staff",
                    "ks1", "ks2", "eyfs", "class", "head", "senco", "ta", "pe", "y6", "y5"})
# Host and path parts of profile addresses that are the platform's, not the person's.
URL_NOISE = frozenset({
    "www", "m", "mobile", "com", "org", "net", "co", "uk", "io", "social", "twitter", "x",
    "facebook", "fb", "instagram", "linkedin", "in", "pub", "profile", "profiles", "people",
    "users", "user", "u", "p", "pages", "page", "groups", "mastodon", "tiktok", "youtube",
    "channel", "c", "blogspot", "wordpress", "medium", "substack", "threads", "bsky", "app",
    "http", "https", "home", "about", "posts", "status", "id", "profile.php", "en", "gb",
})

# Saying that one works in a school: "Year 6 teacher", "SENCo", "head of maths".
_NOT_SCHOOL_TEACHER = (r"yoga|pilates|dance|dancing|driving|swim|swimming|piano|guitar|violin|"
                       r"singing|vocal|ski|surf|fitness|spin|zumba|riding|golf|tennis|meditation|"
                       r"sunday\s+school|bible|martial\s+arts|karate|judo|cookery|baking")
_SUBJECTS = (r"year|years|department|dept|faculty|key\s+stage|ks[1-5]|maths?|mathematics|"
             r"science|sciences|english|history|geography|pe|p\.e\.|music|art|drama|computing|"
             r"re|r\.e\.|rs|mfl|languages|french|spanish|german|humanities|sixth\s+form|school|"
             r"eyfs|early\s+years|sen|send|inclusion|pastoral|lower\s+school|upper\s+school|"
             r"juniors|infants|phase|reading|phonics|literacy|numeracy|physics|chemistry|"
             r"biology|psychology|sociology|economics|business\s+studies|dt|design\s+and\s+"
             r"technology|food\s+tech\w*|media\s+studies|citizenship|pshe|rshe")
TEACHING_WORDS = re.compile(
    r"(?<!\w)(?:"
    r"teach(?:er|ers|ing|es)?|teaching\s+assistant|learning\s+support\s+assistant|hlta|lsa|"
    r"sen(?:d)?co|head\s?teacher|head\s+of\s+(?:" + _SUBJECTS + r")|deputy\s+head|"
    r"assistant\s+head|nqt|pgce|school\s+(?:governor|business\s+manager|office\s+manager|"
    r"staff|librarian|counsellor|nurse|administrator|admin)|primary\s+school|"
    r"secondary\s+school|infant\s+school|junior\s+school|educator|safeguarding\s+lead|"
    r"(?:ks[1-5]|eyfs|phase|subject|maths|english|science|reading|phonics|computing|pe)\s+"
    r"lead(?:er)?|early\s+years\s+(?:practitioner|teacher|lead)|classroom"
    r")(?!\w)",
    re.IGNORECASE)
# "TA" and "SLT" only in capitals: "ta" is also "thank you".
TEACHING_CAPS = re.compile(r"(?<![\w'])(?:TA|HLTA|SLT|DSL|SENCO|SENDCO|ECT|NQT|KS[1-5]|EYFS)"
                           r"(?![\w'])")
NOT_SCHOOL_TEACHER = re.compile(rf"(?:{_NOT_SCHOOL_TEACHER})\s*(?:-\s*)?$", re.IGNORECASE)
