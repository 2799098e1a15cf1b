"""The "views are my own" detector (A4), through its public functions.

- BIOS: the first table of realistic bios, positives and decoys (written before issue 14);
- FAMILIES: issue 14's families of wording, each with its decoys side by side, plus negation,
  parody and advice to others;
- COMMON_WORDINGS: everyday wordings of the statement, and LOOKALIKES that are not one;
- HELD_OUT (disclaimer_held_out.py): fresh wordings written before the grammar and scored
  only as a whole;
- the real bios of ../shared/real-samples/bios-dev (dev half: the half used while building);
- hypothesis: no text makes it fail, and a generated statement flips when negated.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from samples import need_sample

from bench.bios import BIOS_TSV, read_bios, score
from detectors.text.disclaimer import find_disclaimer, has_disclaimer, normalise, which_wording
from tests.detectors.disclaimer_held_out import HELD_OUT

# (bio, has a disclaimer): the first table, from before issue 14
BIOS: list[tuple[str, bool]] = [
    # plain wordings
    ("Year 6 teacher. Views my own.", True),
    ("Primary teacher | views are my own | mum of two", True),
    ("All views my own 🙂", True),
    ("Opinions are my own and not those of my employer.", True),
    ("Deputy head. My views, not my employer's.", True),
    ("Views expressed are mine alone. Science lead.", True),
    ("Personal account. KS2 teacher in the Midlands.", True),
    ("RTs not endorsements. Coffee, books, Year 4.", True),
    ("RT ≠ endorsement", True),
    ("Retweets are not endorsements. Teacher.", True),
    ("Tweets are my own", True),
    ("Thoughts my own. Dad. Runner.", True),
    ("Own views. EYFS lead.", True),
    ("Views = mine", True),
    ("Views mine, obvs", True),
    ("opinions mine x", True),
    ("VIEWS MY OWN. TEACHER.", True),
    ("🍎 Teacher 📚 Reader ☕ Views my own 🌿", True),
    ("History teacher, runner. All opinions expressed here are my own.", True),
    ("Views are solely my own and do not reflect those of my school", True),
    ("Maths teacher | RTs/likes ≠ endorsements", True),
    ("SENCo. Retweets do not imply endorsement.", True),
    ("Teacher. Views and opinions are my own.", True),
    ("English teacher. Views/opinions my own.", True),
    ("Head of Year 9 | Tweets are personal | she/her", True),
    ("The views expressed on this account are my own.", True),
    ("My own views, not my employer's", True),
    ("Teacher. Personal views only.", True),
    ("Music teacher. I do not speak for my employer.", True),
    ("Writing in a personal capacity.", True),
    ("#ViewsMyOwn #teacher", True),
    ("#viewsmyown", True),
    ("Teacher, gardener. Views: my own.", True),
    ("Views do not represent my employer. PE teacher.", True),
    ("Everything I post is my own opinion.", True),
    ("Personal page, not affiliated with any school", True),
    ("Geography teacher ~ views are mine and mine alone ~ Liverpool", True),
    ("likes/RTs aren't endorsements | views own", True),
    ("Views are personal. Chemistry teacher.", True),
    ("Not an official account. Teacher in Leeds.", True),
    ("Sharing is not endorsing. Primary TA.", True),
    ("teacher 🏫 | views r my own", True),
    ("Speaking only for myself. Assistant head.", True),
    ("Opinions expressed are my own and not my school's.", True),
    ("Not the views of my employer. Art teacher.", True),
    ("KS1 teacher. RT's are not endorsements.", True),
    ("Views expressed here are purely my own 🌸", True),
    ("Dad of 3, teacher, Villa fan. All thoughts are my own!", True),
    ("VIEWS = MINE. RTS ≠ ENDORSEMENT.", True),
    # no disclaimer at all
    ("Year 6 teacher at a primary school in Birmingham.", False),
    ("Mum, wife, teacher, Villa fan.", False),
    ("Official account of Oakwood Primary School.", False),
    ("Coffee first. Teaching second.", False),
    ("Science teacher who loves a good experiment 🔬", False),
    ("I have my own views on everything lol", False),
    ("Posts my own photos of birds", False),
    ("Personal trainer and Year 5 teacher", False),
    ("Retweets are endorsements, I only share what I agree with", False),
    ("RT = endorsement", False),
    ("My own business: cakes to order", False),
    ("Teacher. Views? Plenty.", False),
    ("Thoughts on teaching, reading and everything in between", False),
    ("On my own journey in teaching", False),
    ("Proud to be part of the Oakwood family", False),
    ("", False),
    # negations must not count
    ("views are NOT my own", False),
    ("These views are not mine, they are my employer's", False),
    ("Views: not my own", False),
    ("This is not a personal account", False),
    ("Not a personal account: official news from the PTA", False),
    ("Views aren't my own, I just work here 😂", False),
    ("My opinions are never my own", False),
    ("Views are not necessarily my own", False),
    ("These aren't my own views, I'm quoting", False),
    ("Opinions: not mine", False),
    # a second batch, written after the first was measured (held out from the tuning)
    ("Reception teacher 🌈 views are my own and not those of @OakwoodPrimary", True),
    ("Maths nerd. All tweets my own.", True),
    ("PE teacher | Retweets ≠ agreement", True),
    ("Thoughts & opinions are my own", True),
    ("Views my own not my employers", True),
    ("Views expressed are my own & don't reflect my employer", True),
    ("Teacher. Mum. Views mine and mine only.", True),
    ("Teaching Assistant 🍏 personal account 🍏 views own", True),
    ("Opinions = my own", True),
    ("All views expressed are personal", True),
    ("Likes ≠ endorsements", True),
    ("Views are my own (obviously)", True),
    ("Views, as ever, are my own", True),
    ("Views all mine", True),
    ("Everything here: my own views", True),
    ("views from my window", False),
    ("my personal best: 3:12 marathon", False),
    ("Opinions welcome!", False),
    ("Views of the Peak District and my dog", False),
    ("Personal statement coach", False),
    ("Views are not my own - parody account", False),
    ("No views are my own", False),
    ("I don't think my views are my own anymore", False),
    ("Not my own views - quoting the DfE", False),
    ("RTs are endorsements", False),
    ("Official school account - views are those of the school", False),
]


# Issue 14's families. Each family: wordings that are disclaimers, and decoys that look like them.
FAMILIES: dict[str, tuple[list[str], list[str]]] = {
    "retweets and endorsement": ([
        "A share is no endorsement.",
        "RT ≠ agreement",
        "Retweets are for discussion, not agreement.",
        "Year 6 teacher | RTs != endorsements",
        "likes and retweets do not mean I agree",
        "Retweet doesn't equal endorsement. History teacher.",
        "No endorsement implied by RTs",
        "Some of my retweets don't reflect my personal opinion",
        "My views, RT≠agree",
        "RTs for info only",
        "Sharing something is not the same as supporting it",
        "👩‍🏫 RT ≠ 👍",
    ], [
        "RT = endorsement",
        "Retweets are endorsements, I only share what I agree with",
        "Retweets are proposals of marriage",
        "I share everything I agree with",
        "Likes: running, baking, Year 3",
        "RTs welcome!",
        "Sharing resources for KS2 maths",
        "Not a fan of retweets",
    ]),
    "hedges and exceptions": ([
        "Views mine unless stated",
        "Mostly my own views",
        "Tweets totally my own",
        "Views my own unless stated otherwise",
        "Opinions are generally my own. Science teacher.",
        "Views are mostly mine (the good ones are my wife's)",
        "Thoughts usually my own, except when quoting",
        "All views 100% my own",
    ], [
        "Views are mostly the school's",
        "I mostly own too many books",
        "Totally my own fault",
        "My own worst enemy",
    ]),
    "possession without own": ([
        "Just my views, not my school's",
        "These are personal views",
        "These are my views!",
        "[My views & thoughts]",
        "Views personal. Teacher.",
        "Tweets are my opinions, not my employer's",
        "My views, not the trust's",
        "The views here belong to me alone",
        "Views expressed are those of the author only",
    ], [
        "To the left is where you will find my political views",
        "My views on phonics: see blog",
        "Personal views of the Peak District in photos",
        "These are my views from the top of Snowdon",
        "Tweets about my personal best times",
    ]),
    "capacity and independence": ([
        "Posting in a private capacity",
        "Not affiliated with my employer",
        "Nothing to do with where I work",
        "Tweeting in a personal capacity",
        "I don't speak for my school",
        "Not representing my employer",
        "This account is not affiliated with the school I work at",
        "Opinions independent of my employer",
        "My employer has nothing to do with this account",
        "Here as a private individual",
    ], [
        "This account is not officially affiliated with ManUtd.com",
        "We are not affiliated with Cineworld directly",
        "Unofficial fan account for Oakwood Rovers",
        "Capacity building lead",
        "In a private practice as a therapist",
        "Speaking at conferences on behalf of the union",
        "Not for the faint hearted",
    ]),
    "generic": ([
        "Standard disclaimers apply",
        "Usual disclaimers apply.",
        "The usual caveats apply",
        "Teacher. Insert standard disclaimer here.",
    ], [
        "Disclaimer: I am not a doctor",
        "Writes disclaimers for a living",
        "Terms and conditions apply to all cake orders",
    ]),
    "typos and slips": ([
        "views are my onw",
        "opinons mine",
        "Veiws my own",
        "RTs are not endorsments",
        "Views are my owm",
        "Opnions are my own",
        "#viewsmyown",
        "viewsaremyown",
    ], [
        "views from my town",
        "Own a dog named Vews",
        "Reviews of my own books",
    ]),
    "negation and parody": ([], [
        "Tweets do reflect the opinions of my Employer",
        "Views are NOT my own – they belong to my cat.",
        "views are not my own",
        "These aren't my own views, I'm quoting",
        "Not a personal account: official news from the PTA",
        "My opinions are my employer's",
        "Views are those of the school",
        "No views expressed here are my own",
        "RTs are always endorsements",
    ]),
    "advice to others": ([
        "Your local councillor, views my own",
        "Your friendly maths teacher, RTs not endorsements",
        "Yours truly. Views my own, your mileage may vary",
    ], [
        "Remember, your views are your own and not your school's",
        "Your tweets are your own, so think before you post",
        "Tip: put 'views my own' in your bio",
        "Helping staff online: make sure your RTs are not endorsements of anything",
        "You should always say your views are your own",
    ]),
}

COMMON_WORDINGS = [
    'All views expressed are my own and do not represent those of my employer',
    'Opinions expressed are solely my own and do not express the views or opinions of my employer.',
    'Views expressed are my own and not necessarily those of my employer',
    'Tweets are my own and do not represent my employer',
    'Views are mine and do not represent @NHSEngland',
    'Opinions are my own, not of my employer',
    'Views = own',
    'Views own',
    'views/opinions are my own',
    'All opinions expressed are mine alone',
    'Retweets/likes ≠ endorsement',
    'RT ≠ endorse',
    'RTs not necessarily endorsements',
    'RT is not endorsement',
    'RTs are not necessarily endorsements',
    'retweets are not an endorsement',
    "RT's & likes are not endorsements",
    "Links and RTs aren't endorsements",
    'Likes/RTs ≠ agreement',
    'Following ≠ endorsement',
    'I speak for myself only',
    'Tweets are personal and not representative of my employer',
    'Views expressed are personal',
    'All tweets are my personal opinion',
    'Tweets represent my views only',
    'The opinions expressed here are my own and not those of my employer',
    'Thoughts and opinions are my own and not reflective of my employer',
    'All views are personal & do not reflect those of my employer.',
    "Opinions are my own and don't reflect the views of my employer",
    'Tweets in a personal capacity',
    "Tweets are mine, not @Acme's",
    'Not speaking for @AcmeCorp',
    'I do not speak on behalf of @OakwoodPrimary',
    "Views here are my own and don't reflect those of #NHS",
    'These tweets are my personal opinions',
    'My opinions do not represent my employer',
    '(Views are my own)',
    '*views my own*',
    "Employer doesn't endorse my tweets",
    'All opinions my own, RT not endorsement',
    'Any opinions are my own',
    'Views r mine',
    'Opinions, my own.',
    'Views: own',
    'views (all my own)',
    "Personal opinions. Not my employer's.",
    'ALL VIEWS ARE MY OWN AND DO NOT REPRESENT ANY ORGANISATION',
    'Posts & opinions my own',
    'Retweets ≠ endorsements, likes ≠ agreement',
    'Tweets reflect personal opinion only',
    'I tweet as myself',
    'Views my own not NHS',
    'Speaks for herself, not the BBC',
    'Views are her own. Journalist.',
    'Opinions his own',
    'Tweets are a personal view',
    'Views personal, not professional',
    'All views expressed my own',
    'Views expressed herein are mine',
    'Ex-teacher. Views are still my own.',
    'Standard disclaimer.',
    'Disclaimer: views my own',
    'Retweets do not constitute endorsement',
    'Views do not necessarily reflect those of my employer',
    "Opinions mine, not my employer's",
    'Tweets are my own views',
    'My tweets are my own',
    'Views are my own & not those of my employer',
    'Everything I tweet is my personal opinion',
    'What I say here is my own',
    'Any views expressed are purely personal',
    'Comments are my own',
    "Views expressed are my own. Not my employer's. Not my mum's.",
    'Views, my own',
    'views expressed: mine',
    'all opinions are mine, and mine only',
    'Not an official account of any organisation',
    "I don't represent anyone but myself",
    'Tweeting for myself not my employer',
    'Usual caveats',
    "Views = my own, not employer's",
    'Personal views, not those of my employer',
    "Opinions are my own and do not reflect my employer's",
    'My opinions only',
    'Views are mine only',
    "These views are mine, not the BBC's",
    "Views expressed are mine and not my employer's.",
    'likes ≠ endorsements ✌️',
    "retweets aren't necessarily endorsements",
    "RTing isn't endorsing",
    'RT=not endorsement',
    'Tweets are my own and not the views of my employer',
    'Opinions expressed are my own & not my employers',
    'Views expressed are mine, not those of my employer',
    'All tweets my own views.',
    'My tweets, my views.',
    'Tweets = own views',
    'Views: mine. RTs: not endorsements.',
    'RT/Fav ≠ endorsement',
    "RTs & favs aren't endorsements",
    'RTs are not always endorsements',
    "RT's are not necessarily an endorsement",
    'RT does not = endorsement',
    'A RT is not an endorsement',
    'Personal views, not those of the BBC',
    "All views expressed are my own, and not those of any organisation I'm involved with",
    'Views expressed are my own and do not reflect the views of any organisation I work with',
    'Opinions here are mine alone',
    'These thoughts are my own',
    'Own opinions, own mistakes',
    'Views are my own & I reserve the right to change them',
    'Tweets are my own, not those of any employer, past or present',
    'Speaking for myself, not my employer',
    'I tweet in a personal capacity',
    'Personal account - views my own',
    'Not speaking on behalf of anyone but myself',
    'I only speak for me',
    'My views and mine alone',
    'Views, opinions and bad jokes are my own',
    'All opinions (and typos) are my own',
    "Views expressed are my own, unless I'm quoting someone",
    'Opinions are my own and are not representative of my employer',
    "Views aren't necessarily those of my employer",
    'Nothing I say here represents my employer',
    'Not representative of my employer',
    'No affiliation with my employer',
    'Employer not responsible for my tweets',
    'Any views expressed are strictly personal',
    "views≠employer's",
    'Retweets are for sharing, not necessarily agreeing',
    'A follow is not an endorsement',
    'Follows and retweets do not imply endorsement',
    'Liking ≠ agreeing',
    'RT not = endorsement',
    '#MyViewsAreMyOwn',
    '#opinionsmyown',
    'Everything here is my own opinion',
    'What I tweet is my opinion only',
    'The opinions on this page are my own',
    'This account is personal',
    'No views expressed here represent those of my employer',
    'Tweets represent only myself',
    'Opinions (mine)',
    'Views [my own]',
    'Views - my own',
    'My opinions are mine',
    'Views my own, and often wrong',
    "I don't speak for my employer, and they don't speak for me",
    'Not official. Views mine.',
    'The usual disclaimers',
    'All disclaimers apply',
    'Caveat: views my own',
    'views are mu own',
    '𝓥𝓲𝓮𝔀𝓼 𝓶𝔂 𝓸𝔀𝓷',
    'ｖｉｅｗｓ ａｒｅ ｍｙ ｏｗｎ',
    'Opinions are mine n not my employers',
    'views are ma own',
    'RTs ≠ my views',
    'RTs and likes may not reflect my views',
    'Likes are just bookmarks',
    'Views my own (mostly)',
    'Opinions are almost always my own',
    'Views my own except where indicated',
    'views are (mostly) my own',
    'views my very own',
    'Views are from me, not my employer',
    'Personal capacity only',
    'No connection to my workplace',
    'My employer is not responsible for anything I say',
    'Nothing to do with work',
    'Tweets unrelated to my employment',
    'my views on teaching are my own',
    'Her views are her own',
    'personal opinions expressed',
    'Links shared are for interest only',
    'RT/MT ≠ endorsement',
    'Views are hers. Journalist.',
    'Not speaking for work',
    'Tweeting in my own right',
    'Posts on a personal basis only',
    'Tweeting personally, not for the trust',
    'Views ➡️ mine',
    'Opinions 💯 my own',
    'Views -> my own',
    'Views? Mine.',
    'RTs? Not endorsements.',
    'Own tweets, own views',
    'Personal tweets only',
    'Views on this twitter account are purely my own',
    'Any views I happen to express here are my own',
    'Views expressed on Twitter by me are my own',
    'Views expressed are, as ever, my own',
    'The views and opinions that I express on this account are entirely my own',
    'All the opinions I share on here are very much my own',
    "RT's are things I find interesting, not things I agree with",
    "Retweets aren't me agreeing",
    'This account is run independently of my employer',
    'My employer has no connection with this account',
    'Tweets not vetted by my employer',
    'Disclaimers: the usual',
    "Just because I RT something doesn't mean I agree",
]
# Everyday bios and sentences that look like a disclaimer and are not one.
LOOKALIKES = [
    'Views of the Thames from my window',
    'My own boss',
    'Own goal specialist',
    'Opinions on everything, expertise in nothing',
    'Opinionated teacher',
    'RTs appreciated',
    'RTs = love',
    'Retweets welcome',
    'Will retweet for cake',
    'Always happy to share resources',
    'Sharing good practice in EYFS',
    'Shares my views on cricket',
    'My views on the world',
    "My views are my employer's",
    'Personal stylist and blogger',
    'Private account',
    'Opinions expressed by guests are their own',
    "Official account. Views are the council's.",
    'Not affiliated with Arsenal FC',
    'Fan account, not affiliated with the club',
    'Parody account. Not affiliated with the school.',
    'Speaking on behalf of the union',
    'I do not work for the school anymore',
    'Not for profit',
    'No endorsements please',
    'Sponsorship & endorsement enquiries: email',
    'RT if you agree',
    "Don't RT without reading",
    "I don't agree with retweets",
    'shares & likes appreciated but not necessary',
    'Opinions not welcome',
    'views not for the faint-hearted',
    'Personal best 10k: 45 min',
    'My own person',
    'Teachers: your views are your own, but your employer may disagree',
    'Remind staff that RTs are seen as endorsements',
    "We help teachers write 'views my own' bios",
    "Why do people put 'views my own' in their bio?",
    'Guest opinions are theirs alone',
    'Not affiliated with any political party',
    'I have my own opinions about that',
    'My opinion: cake is a vegetable',
    'In my personal opinion, Year 6 is the best year',
    'Personal trainer | own my own gym',
    'Chief opinion officer',
    'My thoughts on books, teaching and life',
    'Writing my own story',
    'Dog owner, Villa fan',
    'Views from the top of Ben Nevis',
    'My personal journey with ADHD',
    'An author in her own right',
    'Views 👉 not my own',
    'I delete my own tweets sometimes',
    'Thoughts on books I own',
    'Tweets about the dogs that are mine',
    'Opinions of others are not my own',
    'Views of my students are their own',
    'Thoughts about my own journey',
    'Likes: tea, not coffee, support Villa',
    'RTs welcome, not me',
    'I take it personally',
    # teachers' bios with none
    'Proud to work at Oakwood Primary',
    'Head of English @OakwoodAcademy',
    'Passionate about SEND and inclusion',
    'Reading for pleasure advocate',
    'Sharing ideas for KS2 maths',
    'Sharing my classroom journey',
    'Year 6 teacher sharing resources, thoughts and ideas',
    'Thoughts on curriculum, assessment and leadership',
    'Deputy head. My thoughts on leadership',
    'Sharing my views on education reform',
    'Personal development lead at a secondary school',
    'Personal, social and health education teacher',
    'PSHE & personal development lead',
    'Views from a primary classroom',
    'Teacher, mum, runner. Own my mistakes.',
    'Opinions on phonics welcome',
    'Here to learn and share. RTs of great ideas!',
    'I retweet great teaching ideas',
    'Likes: books, bikes, biscuits',
    'Follows back teachers',
    'Not a morning person',
    'Not affiliated with any gym, just love lifting',
    'Tweets about teaching, learning and life',
    'My tweets are about my class and my dog',
    'Posting about our school trips',
    'Representing Oakwood at netball',
    'Proud member of the NEU',
    'Union rep for my school',
    'Speaking on behalf of teachers everywhere',
    "English teacher on behalf of the trust's reading programme",
    'Capacity building in early years',
    'Reflections of a new teacher',
    'Reflecting on teaching since 2009',
    'My own kids keep me busy',
    'Teacher & owner of too many plants',
    'Sharing is caring',
    'Endorsed by nobody, liked by few',
    'Opinions are like noses, everyone has one',
    'Views of Snowdonia are the best',
    'Retweets mean I agree',
    'Every RT is an endorsement',
    'My employer is the best',
    'I love my job at the school',
    'Working for the trust since 2015',
    'Independent school teacher',
    'Independent thinker, maths teacher',
    'Individual tuition available',
    'Private tutor, KS3 science',
    'Official Twitter of Oakwood Primary PTA',
]


def _rates(rows: list[tuple[str, bool]]) -> tuple[float, float]:
    found = [(has_disclaimer(bio), expected) for bio, expected in rows]
    true_pos = sum(1 for got, want in found if got and want)
    said = sum(1 for got, _ in found if got)
    wanted = sum(1 for _, want in found if want)
    return true_pos / said, true_pos / wanted


@pytest.mark.parametrize(("bio", "expected"), BIOS)
def test_bio(bio: str, expected: bool) -> None:
    assert has_disclaimer(bio) is expected, which_wording(bio)


FAMILY_ROWS = [pytest.param(bio, expected, id=f"{family}: {bio}")
               for family, (positives, decoys) in FAMILIES.items()
               for bio, expected in [*((p, True) for p in positives),
                                     *((d, False) for d in decoys)]]


@pytest.mark.parametrize(("bio", "expected"), FAMILY_ROWS)
def test_family(bio: str, expected: bool) -> None:
    assert has_disclaimer(bio) is expected, which_wording(bio)


@pytest.mark.parametrize("bio", COMMON_WORDINGS)
def test_common_wording(bio: str) -> None:
    assert has_disclaimer(bio), normalise(bio)


@pytest.mark.parametrize("bio", LOOKALIKES)
def test_lookalike(bio: str) -> None:
    assert not has_disclaimer(bio), which_wording(bio)


def test_first_table_as_a_whole() -> None:
    assert len(BIOS) >= 40
    precision, recall = _rates(BIOS)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_held_out_wordings_as_a_whole() -> None:
    """Written before the grammar, never patched in one by one: only the whole is scored."""
    rows = [row for family in HELD_OUT.values() for row in family]
    assert len(rows) >= 80 and set(HELD_OUT) >= {"decoys", "advice to others"}
    precision, recall = _rates(rows)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_real_bios_dev_half() -> None:
    """The half of bios-dev looked at while building; the other half is only scored, by the
    benchmark. Two `no` rows of the dev half say plainly "Views are my own" (the labels are one
    reader's judgement), which caps precision below 1."""
    dev = [bio for bio in read_bios(need_sample(BIOS_TSV)) if bio.half == "dev"]
    scores = score(dev, has_disclaimer)
    assert scores["with_disclaimer"] >= 20
    assert scores["recall"] >= 0.95 and scores["precision"] >= 0.9, scores


def test_the_words_and_family_found_are_reported() -> None:
    assert find_disclaimer("Teacher. Views my own.") == "views my own"
    assert which_wording("Year 6 | RT ≠ agreement") == ("sharing is not endorsing",
                                                         "rt not agreement")
    assert which_wording("Standard disclaimers apply") == ("generic",
                                                           "standard disclaimers apply")
    assert find_disclaimer("Nothing here") is None
    assert find_disclaimer("   ") is None


@pytest.mark.parametrize(("text", "plain"), [
    ("RT ≠ endorsement", "rt not endorsement"),
    ("RTs =/= agreement", "rts not agreement"),
    ("Views = mine", "views are mine"),
    ("Views & opinions", "views and opinions"),
    ("Views aren't mine", "views are not mine"),
    ("#ViewsMyOwn", "| views my own |"),
    ("#viewsmyown", "| views my own |"),
    ("Veiws are my onw", "views are my own"),
    ("Opinons mine", "opinions mine"),
    ("views from my town", "views from my town"),
    ("reviews and tweeds", "reviews and tweeds"),
    ("Teacher 🍎 views", "teacher | views"),
])
def test_normalise(text: str, plain: str) -> None:
    assert normalise(text).strip() == plain


@given(st.text())
def test_any_text_is_safe(text: str) -> None:
    found = which_wording(text)
    assert found is None or (isinstance(found[0], str) and found[1])


BIO_BEFORE = st.sampled_from(["", "Year 6 teacher. ", "🍎 KS2 | ", "Mum of two, runner. ",
                              "Head of maths\n", "SENCo 🌈 "])
BIO_AFTER = st.sampled_from(["", ".", " 🙂", " | Leeds", ". Coffee first.", "!"])


@given(BIO_BEFORE,
       st.sampled_from(["Views", "Opinions", "Tweets", "Thoughts", "All views", "My views",
                        "Views expressed here", "Posts", "Any opinions"]),
       st.sampled_from(["are", "=", ":", "", "r", "are all"]),
       st.sampled_from(["", "entirely ", "mostly ", "totally ", "solely "]),
       st.sampled_from(["my own", "mine", "personal", "my onw", "me own"]),
       BIO_AFTER)
def test_views_are_mine_and_its_negation(before: str, subject: str, verb: str, hedge: str,
                                         owner: str, after: str) -> None:
    said = f"{subject} {verb} {hedge}{owner}".replace("  ", " ")
    assert has_disclaimer(before + said + after), before + said + after
    negated = f"{subject} {verb or 'are'} not {hedge}{owner}".replace("  ", " ")
    assert not has_disclaimer(before + negated + after), before + negated + after
    advice = f"Remember, your {subject.lower()} {verb or 'are'} your own"
    assert not has_disclaimer(before + advice + after), before + advice + after


@given(BIO_BEFORE,
       st.sampled_from(["RTs", "Retweets", "Likes", "A share", "Sharing", "RT/likes", "Reposts"]),
       st.sampled_from(["≠", "are not", "do not mean", "is no", "!=", "aren't"]),
       st.sampled_from(["endorsement", "endorsements", "agreement", "approval"]),
       BIO_AFTER)
def test_sharing_is_not_endorsing_and_its_opposite(before: str, share: str, denial: str,
                                                   what: str, after: str) -> None:
    assert has_disclaimer(f"{before}{share} {denial} {what}{after}")
    for opposite in ("=", "are", "mean"):
        assert not has_disclaimer(f"{before}{share} {opposite} {what}{after}")


def test_a_disclaimer_at_the_end_of_a_long_run_on_text_is_found() -> None:
    """Long texts are read in overlapping windows (so no input takes more than linear time): a
    statement at the end of a 4,500-character run-on sentence, or across a window's edge, is
    still found."""
    filler = "I love teaching maths and running marathons in the rain " * 80
    assert has_disclaimer(filler + "views my own")
    for shift in range(0, 40, 3):
        assert has_disclaimer("x " * (140 + shift) + "opinions expressed here are my own")
    assert not has_disclaimer(filler + "views are not my own")
