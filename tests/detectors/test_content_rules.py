"""C1-C8: tables of realistic positives and decoys side by side, through Detector.see.

Every case is fictional. Each table row is (text, expected) where expected is "risk", "review"
or None (no finding). The language pass runs for real (the trained model plus the pack's ruler)
so C1 sees the entities the pipeline would give it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roster_data import TODAY as ROSTER_TODAY
from roster_data import write_roster

from detectors.base import Context, Detector, NameMatch, Record, RosterEntry
from detectors.derogatory_about_community import DerogatoryAboutCommunity
from detectors.grievance_on_social_media import GrievanceOnSocialMedia
from detectors.inappropriate_groups import InappropriateGroups
from detectors.offensive_or_discriminatory import OffensiveOrDiscriminatory
from detectors.political_or_commercial import PoliticalOrCommercial
from detectors.post_names_pupil import PostNamesPupil
from detectors.pupil_performance import PupilPerformance
from detectors.roster.match import PlainRoster, load_roster
from detectors.school_matters_discussed import SchoolMattersDiscussed
from scanner.model import Finding, Item, ItemRef, Kind
from scanner.nlp import LanguagePass
from scanner.policy import Policy

POLICY = Policy(school_name="Oakwood Primary School",
                aliases=("Oakwood Primary", "OPS", "Oakwood School"),
                official_handles=("OakwoodPrimary", "oakwoodprimaryschool"))
OWN_NAMES = {"Sarah Jones", "MissJonesTeaches"}


class FakeRoster:
    """A tiny plain roster: full names are certain, first names alone are not."""

    PEOPLE: ClassVar[dict[str, RosterEntry]] = {
        "Katie Smith": RosterEntry("p1", "pupil", "Year 5", True),
        "Oliver Brown": RosterEntry("p2", "pupil", "Year 6", True),
        "Zainab Hussain": RosterEntry("p3", "pupil", "Year 2", True),
        "Tyler Mason": RosterEntry("x1", "ex-pupil", None, True),
        "Gemma Price": RosterEntry("s1", "staff", None, False),
        "Dawn Fletcher": RosterEntry("g1", "parent", None, False),
        "Lily Evans": RosterEntry("s2", "staff", None, False),
    }

    def _entries(self) -> Iterator[tuple[str, RosterEntry]]:
        return iter(self.PEOPLE.items())

    def match_name(self, name: str) -> list[NameMatch]:
        wanted = " ".join(name.lower().split())
        out = []
        for full, entry in self._entries():
            if wanted == full.lower():
                out.append(NameMatch(entry, "exact", 100.0, True))
            elif wanted == full.split()[0].lower():
                out.append(NameMatch(entry, "first name", 60.0, False))
        return out

    def match_handle(self, handle: str) -> list[NameMatch]:
        return []

    def find_in_text(self, text: str) -> list[tuple[int, int, NameMatch]]:
        out = []
        for full, entry in self._entries():
            for m in re.finditer(rf"\b{re.escape(full)}\b", text, re.IGNORECASE):
                out.append((m.start(), m.end(), NameMatch(entry, "exact", 100.0, True)))
        return out


@pytest.fixture(scope="module")
def language() -> LanguagePass:
    return LanguagePass(POLICY)


def context(roster: bool = False) -> Context:
    return Context(policy=POLICY, today=date(2026, 1, 15), own_names=set(OWN_NAMES),
                   roster=FakeRoster() if roster else None)


def record(text: str, language: LanguagePass | None, kind: Kind = Kind.POST) -> Record:
    item = Item(kind, ItemRef("twitter", "data/tweets.js", "1"), text=text)
    if language is None:
        return Record(item)
    return Record(item, language.analyse([text])[0], analysed=True)


def findings(cls: type[Detector], text: str, language: LanguagePass | None,
             roster: bool = False) -> list[Finding]:
    return list(cls(context(roster)).see(record(text, language)))


def outcome(found: list[Finding]) -> str | None:
    if not found:
        return None
    return "risk" if any(f.certain for f in found) else "review"


Case = tuple[str, str | None]

# -- C1 post-names-pupil -----------------------------------------------------------------------
C1_POSITIVE: list[Case] = [
    ("So proud of Jack Smith in my Year 6 class today!", "review"),
    ("Jack in my class said the funniest thing today", "review"),
    ("One of my Year 2s, Amelia, lost her first tooth today", "review"),
    ("my Year 6s smashed it, especially Oliver and Freya", "review"),
    ("our Year 4 loved the trip. Well done Harry!", "review"),
    ("my Y5 class were brilliant, Noah read aloud to everyone", "review"),
    ("A child in my class, Mia, told me she was scared to go home", "review"),
    ("Lovely to see Poppy and Isla from my tutor group at the shops", "review"),
    ("one of my students, Leo, got a grade 9!", "review"),
    ("Such a fun day with my class. Ruby made me a card", "review"),
    ("Year 6 residential done! Alfie Turner was the star of the zip wire", "review"),
    ("Can't believe Mason from my form group passed his driving test", "review"),
    ("Happy birthday to Isabella in my reception class, 5 today!", "review"),
    ("Proud of my Year 11s, especially Daniel Okafor who got into Oxford", "review"),
    ("My class performed the nativity beautifully, Evie was the best Mary", "review"),
    # a first name that is also a word counts with a surname's initial after it
    ("One of my Year 6s, Faith B, read in assembly – made my week", "review"),
    ("Summer K. from my tutor group won the county cross-country!", "review"),
    # the small model reads some "Name I" pairs as a building or a product
    ("So proud of Yasmin W in my Year 5 today – nailed long division!", "review"),
    ("So proud of Caleb F in my Year 1 today – nailed long division!", "review"),
    ("Katie Smith was a superstar in assembly today", "risk"),
    ("Well done to Oliver Brown for his poem!", "risk"),
    ("Bumped into Tyler Mason in town, he's grown so much", "risk"),
    ("Zainab Hussain read to the whole school today", "risk"),
]
C1_DECOY: list[Case] = [
    ("My son's Year 5 teacher Mrs Brown is amazing", None),
    ("Had the best time of my year with Emma Clarke in Cornwall", None),
    ("5 years ago today I met Tom Hardy", None),
    ("Year 3 have been reading The Iron Man by Ted Hughes", None),
    ("My daughter Emily starts Year 1 tomorrow!", None),
    ("Great assembly with KS2 today, thanks to Mr Patel for organising", None),
    ("Met author Michael Morpurgo with my Year 6 class", None),
    ("Harry Kane scored again, what a player", None),
    ("Sarah Jones here, new term starts with my class tomorrow", None),
    ("Dinner with Rachel and Tom tonight, lovely evening", None),
    ("My husband Daniel made a lasagne for my class party", None),
    ("Our eldest Oliver is off to Year 7 in September!", None),
    ("Reading Matilda with my class, Roald Dahl never gets old", None),
    ("Gemma Price and I ran the Year 6 disco, what a team", None),
    ("Watching Doctor Who with my group of friends", None),
    ("My nephew Alfie has his Year 2 play tomorrow", None),
    ("Great webinar by Dr Sam Hughes on teaching my class phonics", None),
    ("Katie Price was on TV again last night", None),
    ("Summer in my Year 5 classroom is far too hot", None),
    ("Faith in my class restored after that lesson", None),
    ("Plan B for my Year 6 trip: the museum", None),
    ("Will B there for my class assembly tomorrow?", None),
    ("My Year 4s watched Charlie and the Chocolate Factory", None),
    ("Reading James and the Giant Peach with my class this term", None),
]

# -- C2 school-matters-discussed ---------------------------------------------------------------
C2_POSITIVE: list[Case] = [
    ("Ofsted are in tomorrow at Oakwood Primary, wish us luck", "risk"),
    ("OPS went into lockdown today after a threat, kids were amazing", "risk"),
    ("Staff meeting at Oakwood School ran till 6 again", "risk"),
    ("Mocksted at our school this week, everyone is stressed", "review"),
    ("The head announced redundancies in the staff meeting today", "review"),
    ("Another fight at school today, two Year 9s excluded", "review"),
    ("A pupil in my class made an allegation against a TA, safeguarding all afternoon",
     "review"),
    ("Budget cuts at my school mean no TAs next year", "review"),
    ("SLT are restructuring the whole department again", "review"),
    ("Inspectors arrive tomorrow, our school is ready", "review"),
    ("Police were called at school today, can't say more", "review"),
    ("Deep dive in maths with the inspectors tomorrow, my school is terrified", "review"),
    ("Our headteacher resigned today, nobody saw it coming", "review"),
    ("Had a parent complaint at work about my lesson on evolution", "review"),
    ("Another angry parent at the school gate this morning, the head had to step in",
     "review"),
    ("Got the call! Ofsted on Wednesday, our school is in for it", "review"),
    ("Parents' evening done – such supportive families this year", "review"),
    ("Parents evening marathon tonight – 14 appointments", "review"),
    ("Nits letter going out to Year 3 tomorrow, brace yourselves", "review"),
    ("Parents' evening at Oakwood Primary tonight, 30 families to see", "risk"),
    # internal business placed at school by another word only staff use (a school policy,
    # a duty): no "our school" needed
    ("SLT meeting on the new uniform policy went on forever", "review"),
    ("Department meeting about the homework policy overran again", "review"),
    ("Twilight INSET on the new feedback policy, home at 7", "review"),
    ("Phase meeting about lunch duty rotas, again", "review"),
]
C2_DECOY: list[Case] = [
    ("Lovely Christmas fair at our school today", None),
    ("Ofsted report for the local care home came out today", None),
    ("Lockdown baking day 3: banana bread", None),
    ("Our company is going through a restructure, fun times", None),
    ("Staff meeting at work ran over, home late again", None),
    ("My son had a fight at school, so upset for him", None),
    ("Oakwood Grammar School got outstanding from Ofsted, congrats to them", None),
    ("Brilliant inspection of the new boiler, all passed", None),
    ("Heading to school for the nativity, so excited", None),
    ("The head of the river race was amazing this year", None),
    ("Excluded from the group chat again lol", None),
    ("Budget cuts at the council again, library closing", None),
    ("Football fight on the telly last night, disgraceful", None),
    ("At work all day then gym, exhausted", None),
    ("My daughter's school had an Ofsted inspection, she loved showing them her work",
     None),
    ("Suspended my gym membership for January", None),
    ("Parents' evening for my son tonight, such a lovely teacher", None),
    ("Parents' evening tonight, fingers crossed for good news", None),  # nothing staff-side
    ("Nits letter came home from my daughter's Year 3 class, itchy heads all round", None),
    ("Three families moved into our street this week", None),
    ("Staff meeting about the new expenses policy ran late", None),
    ("Our gym's new uniform policy is ridiculous", None),  # a topic is not its own reference
    ("Briefing at the council on the new parking policy", None),
    ("the parents' evening went well", None),
]

# -- C3 pupil-performance ----------------------------------------------------------------------
C3_POSITIVE: list[Case] = [
    ("So proud of my Year 6s, SATs results were amazing!", "risk"),
    ("Half my class failed the phonics check, gutted", "risk"),
    ("My Year 11s got their mock results today, some tears", "risk"),
    ("The kids in my class have a reading age of 6, in Year 5!", "risk"),
    ("One of my students got a grade 9 in maths", "risk"),
    ("Behaviour in my class is shocking this week", "risk"),
    ("Three detentions for my Year 9s before lunch", "risk"),
    ("Most of my pupils are working below expected in writing", "risk"),
    ("Massive meltdown from a child in my class today", "risk"),
    ("My tutor group's attendance is the worst in the year", "risk"),
    ("The kids made such great progress this term!", "review"),
    ("Year 10 predicted grades are in, not looking good", "review"),
    ("Katie Smith got full marks in her spelling test", "risk"),
    ("The children in my class smashed their times tables check", "risk"),
    ("Naughty day for my reception class, the new boy bit someone", "risk"),
    ("Zainab Hussain is working at greater depth, so pleased", "risk"),
    # counts of the poster's pupils, attainment bands and averaged scores
    ("Only 9 of my set passed the reading check", "risk"),
    ("my class averaged 12/20 on times tables", "risk"),
    ("Assessment week done: 18 of my Year 4s at expected in maths", "risk"),
    ("Data drop done, two of my set below expected in reading", "risk"),
    ("Times tables quiz back – my lot got an average of 16/25", "review"),  # "my lot": generic
]
C3_DECOY: list[Case] = [
    ("Marks and Spencer sandwiches for lunch with the kids", None),
    ("Great results for Arsenal this weekend", None),
    ("Got my own exam results today, passed my masters!", None),
    ("So proud of my daughter's GCSE results", None),
    ("Question marks all over the children's work, love it", None),
    ("My results from the blood test came back fine", None),
    ("Progress on the kitchen extension at last", None),
    ("Election results night, staying up late", None),
    ("The kids loved the farm trip today", None),
    ("Behaviour of the dog at the vet was appalling", None),
    ("Failed my driving test again", None),
    ("Search results for cheap flights are a nightmare", None),
    ("My son got his SATs results, so proud of him", None),
    ("Work in progress: the children's new reading corner", None),
    ("Our eldest got full marks in her spelling test", None),
    ("Detention centre documentary was grim", None),
    ("Marked 30 essays for my OU course", None),
    ("We averaged 14/20 at the pub quiz", None),
    ("The kids were at expected levels of excitement", None),
    ("My lot are at my mum's this weekend", None),
    ("My daughter averaged 18/20 in her spelling tests", None),
]

# -- C4 grievance-on-social-media ---------------------------------------------------------------
C4_POSITIVE: list[Case] = [
    ("I hate the head, she is so clueless", "risk"),
    ("SLT are a joke, nobody listens to staff", "risk"),
    ("Sick of management moving the goalposts every week", "risk"),
    ("Fed up with my line manager micromanaging everything", "risk"),
    ("This school is toxic, I'm looking for another job", "risk"),
    ("The headteacher is completely useless", "risk"),
    ("My boss is bullying half the department", "risk"),
    ("Our school is an absolute joke with behaviour", "risk"),
    ("Can't stand my colleagues, two-faced the lot of them", "risk"),
    ("Senior leadership are clueless about workload", "risk"),
    ("Sick to death of work, nobody at the top cares", "review"),
    ("Oakwood Primary is a shambles these days", "risk"),
    ("The deputy head is so unfair to the new teachers", "risk"),
    ("Honestly my job is a joke right now", "review"),
    ("Management are incompetent and everyone knows it", "risk"),
    ("The governors are useless, no support for staff", "risk"),
    # verdicts on leaders' judgement, and school policies as what a complaint is about
    ("SLT have completely lost the plot with the new behaviour policy", "risk"),
    ("Honestly the head has gone mad with this uniform policy", "risk"),
    ("Our deputy head is out of their depth", "risk"),
    ("Sick of the new homework policy", "review"),
]
C4_DECOY: list[Case] = [
    ("I hate Mondays", None),
    ("Fed up of this rain on the way to work", None),
    ("Sick of the trains being late for work every day", None),
    ("Hate Mondays at work", None),
    ("Love my job, so lucky", None),
    ("The weather is useless, I want summer", None),
    ("I feel useless at work with this cold", None),
    ("Our colleagues organised a lovely leaving do", None),
    ("The head of the river race was brilliant", None),
    ("Sick of this cold, off work today", None),
    ("Hate it when my cat wakes me at 5", None),
    ("Fed up with the traffic, late for work again", None),
    ("Told a joke at work and nobody laughed", None),
    ("The printer is useless, work can wait", None),
    ("My colleagues are the best, love them", None),
    ("Toxic waste documentary was terrifying", None),
    ("management at the gym lost my booking", None),
    ("My nan has lost the plot with her new phone", None),
    ("I've lost the plot at work today, left my lanyard at home", None),  # about the poster
    ("Fed up of marking at work", None),
]

# -- C5 offensive-or-discriminatory -------------------------------------------------------------
C5_POSITIVE: list[Case] = [
    ("those pakis next door are at it again", "risk"),
    ("he's such a retard, honestly", "risk"),
    ("what a bunch of trannies", "risk"),
    ("she's a total slut", "risk"),
    ("kill all muslims", "risk"),
    ("go back to your own country", "risk"),
    ("you absolute spaz", "risk"),
    ("called a bitch by a pupil today, reported it", "review"),
    ("A Year 9 shouted \"faggot\" at me in the corridor", "review"),
    ("fucking freezing in this classroom", "review"),
    ("what a load of bullshit", "review"),
    ("the new deputy is a total c*nt", "risk"),
    ("sh1t day, glad it's over", "review"),
    ("anyone got the pornhub premium login lol", "review"),
    ("he's such a prick to everyone", "review"),
    ("send nudes lol", "review"),
    ("absolute wankers on the M6 today", "risk"),
    ("you stupid bitch", "risk"),
    ("Life's a bitch sometimes", "review"),
    ("that cock Darren from the gym", "review"),
]
C5_DECOY: list[Case] = [
    ("Scunthorpe United away this weekend", None),
    ("Assessment week, so many books to mark", None),
    ("Arsenal were brilliant on Saturday", None),
    ("damn, forgot my lunch", None),
    ("what the hell happened to the weather", None),
    ("this coffee is crap", None),
    ("bloody hell that was a long day", None),
    ("Our Maine Coon kitten arrived today!", None),
    ("Faggots and peas for tea, proper northern", None),
    ("Reading Moby Dick with Year 10", None),
    ("Walking Offa's Dyke path this summer", None),
    ("Blue tits nesting in the garden box", None),
    ("Flame retardant foam is banned now", None),
    ("Classic Dickens for the Christmas play", None),
    ("Spotted dick and custard at the school dinner", None),
    ("Pussy willow is out already, spring is coming", None),
    ("Graduated magna cum laude, so proud", None),
    ("My cat Cocoa is the best", None),
    ("Went to school with a lad called Dick Smith", None),
    ("Kitchen-cum-diner in the new house is finally done", None),
    ("A chink of light at the end of a long term", None),
    ("My nephew has spastic cerebral palsy and is amazing", None),
    ("Essex and Sussex schools closed for snow", None),
]

# -- C6 derogatory-about-community ---------------------------------------------------------------
C6_POSITIVE: list[Case] = [
    ("The parents at my school are so thick", "risk"),
    ("My class are feral today", "risk"),
    ("Year 9 are absolute animals", "risk"),
    ("Some of these parents are chavs", "risk"),
    ("The kids in my class are morons", "risk"),
    ("Spoilt brats in Year 6 again", "risk"),
    ("Another day with the little shits in 9X", "risk"),
    ("Nightmare parents at pick-up again", "risk"),
    ("The mums at the gate are vile", "review"),
    ("The new TA is a total idiot", "risk"),
    ("My colleagues are idiots honestly", "risk"),
    ("The head is a moron", "risk"),
    ("Pupils these days are so lazy", "review"),
    ("My kids are monsters today", "review"),
    ("Oakwood Primary is full of scum", "risk"),
    ("Katie Smith is such a brat", "risk"),
    # mocking parents' and staff's basic competence (review: it insults only of adults)
    ("My colleagues can't even spell", "review"),
    ("Most of the mums at the gate can barely string a sentence together", "review"),
    ("The new TA can't follow simple instructions", "review"),
]
C6_DECOY: list[Case] = [
    ("Stupid printer jammed again", None),
    ("I felt so stupid in front of the kids", None),
    ("Stupid o'clock start for the school trip", None),
    ("The kids loved the animals at the farm", None),
    ("Kids in thick coats for the snow walk", None),
    ("My class were amazing today", None),
    ("Parents evening was lovely", None),
    ("The children had a lazy day after sports day", None),
    ("Monster Munch for the whole class as a treat", None),
    ("Idiot driver cut me up on the way in", None),
    ("The parents raised £500 for the library", None),
    ("What an idiot I am, left my lanyard at home", None),
    ("Feral cats living behind the shed", None),
    ("Trip to the zoo with Year 2 today", None),
    ("Thick fog on the drive to school this morning", None),
    ("Colleagues threw me a surprise party", None),
    ("Half of Year 1 can't read yet, phonics push this term", None),  # pupils: a report
    ("Lots of our parents can't read English, so letters go out in Polish too", None),
    ("Some parents can't read the small print on the form", None),
    ("the parents' evening went well", None),
]

# -- C7 political-or-commercial -----------------------------------------------------------------
C7_POSITIVE: list[Case] = [
    ("Vote Labour on Thursday!", "review"),
    ("Please sign the petition to save our library", "review"),
    ("Join the march on Saturday, meet at 11", "review"),
    ("#ToriesOut", "review"),
    ("See you on the picket line tomorrow, support the strike", "risk"),  # two phrases
    ("Write to your MP about school funding", "review"),
    ("Out canvassing for the Greens this weekend", "review"),
    ("Kids' bike for sale, £20 ono, collection only", "risk"),
    ("DM to buy, only 3 left!", "review"),
    ("Use my code SARAH10 for 10% off", "review"),
    ("New stock in my Etsy shop, link in bio", "risk"),
    ("Just listed on Vinted: teacher dresses, size 12", "review"),
    ("Please donate to our GoFundMe for Max's surgery", "risk"),
    ("Private tuition available for KS2 maths and English", "review"),
    ("Sponsor me for the Great North Run!", "review"),
    ("#ad I love this planner from @plannerco", "review"),
    # one phrase is review; a second, or a request to get in touch, makes it certain
    ("Vote Green next Thursday! Leaflets at my door if you can help – DM me", "risk"),
    ("Out canvassing in Elm ward today – Vote Fairweather on 7 May!", "risk"),
    ("Selling my Year 5 maths worksheet bundle – £5, message me for the link!", "risk"),
    ("My grandad would always vote Labour, bless him", "review"),
    ("The house next door is for sale, nosy viewing tonight", "review"),
    # staffing a party's stall or stand; asking readers to come along makes it certain
    ("Labour street stall in the market square today, come and say hi", "risk"),
    ("Join me at the Reform UK stand on Saturday", "risk"),
    ("On the election stall outside Tesco all morning", "review"),
    ("Out with the Lib Dems action day in Elm ward", "review"),
]
C7_DECOY: list[Case] = [
    ("Bought a lovely dress on Vinted", None),
    ("Bake sale at school on Friday, bring cakes!", None),
    ("I voted for the first time today", None),
    ("Vote for your favourite cake at the fair!", None),
    ("Got it in the sale at Next", None),
    ("Labour of love, this reading corner", None),
    ("Not for sale, just showing off my bike", None),
    ("The concert sold out in minutes", None),
    ("Best-selling author visiting next week", None),
    ("Love this Etsy print a friend gave me", None),
    ("Teaching the suffragettes and the right to vote", None),
    ("Yoko Ono exhibition was amazing", None),
    ("None of my business really", None),
    ("Our class elected a school council rep", None),
    ("We use code blocks in computing club", None),
    ("Message me if you want to come to the pub quiz", None),  # a request alone is not C7
    ("Remember to vote on Thursday, whoever you support", None),
    ("Join me at the bake sale stall on Saturday", None),
    ("Green stall at the farmers market was lovely", None),
    ("Our marketing campaign stand at the trade fair was busy", None),
    ("Join us for the pub quiz on Friday", None),  # an invitation alone is not C7
    ("Election leaflets through the door again", None),
]

# -- C8 inappropriate-groups (group names) ------------------------------------------------------
C8_POSITIVE: list[Case] = [
    ("Britain First Supporters", "risk"),
    ("English Defence League - Midlands", "risk"),
    ("Retards Unite Banter", "risk"),
    ("Send Them All Back UK", "risk"),
    ("Tranny Jokes", "risk"),
    ("Offensive Memes UK", "review"),
    ("Dark Humour Only", "review"),
    ("Hot Singles In Birmingham", "review"),
    ("F*cking Hilarious Memes", "risk"),
    ("NSFW Lads Banter", "review"),
    ("Shit Parents Say", "risk"),
    ("Pornhub Comments Appreciation", "risk"),
    ("Grammar Nazis Unite", "review"),
    ("Sick Jokes Society", "review"),
    ("Milfs Of Facebook", "risk"),
]
C8_DECOY: list[Case] = [
    ("Oakwood Parents' Group", None),
    ("Bad Jokes Appreciation Society", None),
    ("Primary Teachers UK", None),
    ("Maine Coon Owners UK", None),
    ("Scunthorpe Runners", None),
    ("Offa's Dyke Walkers", None),
    ("Essex Teachers Network", None),
    ("Knitting Nannas of Leeds", None),
    ("Blue Tits and Garden Birds", None),
    ("Spotted Dick Appreciation Society", None),
    ("Cockapoo Owners Club", None),
    ("Early Years Ideas", None),
    ("Moby Dick Readers", None),
    ("National Trust Volunteers", None),
    ("Reading For Pleasure", None),
    # held out (one miss before changes: "Make Britain White Again")
    ("Make Britain White Again", "risk"),
    ("National Front Supporters Club", "risk"),
    ("Paki Bashing Memes", "risk"),
    ("Sluts of Birmingham", "risk"),
    ("Adult Fun 18+", "review"),
    ("Kill All Gays", "risk"),
    ("Offensive Jokes Only", "review"),
    ("Fuck Tory Scum", "risk"),
    ("Patriotic Alternative West Midlands", "risk"),
    ("Politically Incorrect Humour", "review"),
    ("Birmingham Mums Network", None),
    ("Cocker Spaniel Lovers", None),
    ("Teachers Who Run", None),
    ("Oakwood Primary PTA", None),
    ("Dyke Road Residents", None),
    ("Spotted: Leeds", None),
    ("Humour for Teachers", None),
    ("Sex Education Resources for Primary", None),
    ("Black Country Teachers", None),
    ("Gay Teachers Network", None),
]

# A second table, written after the rules and run once before any change (results in the
# report): two misses there led to "from my form" and "reading at a Year 2 level".
HELD_OUT: list[tuple[str, str, bool]] = [
    ('C1', 'Massive well done to Freddie in my Year 3 class for his swimming badge', True),
    ('C1', 'Sophie from my form came back to visit, all grown up', True),
    ('C1', 'One of my Year 10s, Kacper, built a robot arm at home!', True),
    ('C1', 'Our Year 1s were so cute in the play, little Daisy stole the show', True),
    ('C1', 'Theo in my class asked if I live at school lol', True),
    ('C1', 'Had to sit with a girl in my class, Layla, at lunch, she was so upset', True),
    ('C1', 'Tommy Reid from my Y6 class scored the winner in the cup final!', True),
    ('C1', 'My year 9s made me laugh today, Jayden especially', True),
    ('C1', 'Happy retirement to Mrs Wilson, 30 years at our school', False),
    ('C1', 'Off to see Ed Sheeran with my sister!', False),
    ('C1', 'My little boy Oscar has his first day in Reception tomorrow', False),
    ('C1', 'Great CPD today from Professor Rebecca Allen', False),
    ('C1', 'Year 4 loved our visit from the fire brigade', False),
    ('C1', 'Congratulations to my colleague Hannah on her new job', False),
    ('C1', 'Watching Bluey with my kids, Bingo is the best', False),
    ('C1', 'Taking my class to see the Gruffalo at the theatre', False),
    ('C1', 'Coffee with Lucy then planning all afternoon', False),
    ('C1', 'Throwback to my own Year 6 leavers disco in 1998', False),
    ('C2', "Inspection week at my school, haven't slept", True),
    ('C2', 'Huge fight in the playground at school, two lads excluded', True),
    ('C2', 'Staff meeting at school about the restructure, nobody is happy', True),
    ('C2', "Our head is leaving at Easter and the governors haven't told parents", True),
    ('C2', 'Safeguarding incident at work today, shaken. Kids in my class were fine', True),
    ('C2', 'Ofsted rang this morning, inspection at Oakwood Primary tomorrow', True),
    ('C2', 'Redundancies announced at our academy, 6 TAs going', True),
    ('C2', 'Disciplinary hearing for a colleague at school tomorrow', True),
    ('C2', 'Fab sports day at school today!', False),
    ('C2', "Ofsted's new framework is out, reading it tonight", False),
    ('C2', 'My daughter was excluded from the party invites, heartbreaking', False),
    ('C2', 'Boxing fight tonight, who are we backing?', False),
    ('C2', 'Inspection of the car today, MOT passed', False),
    ('C2', 'The staff at the restaurant were lovely', False),
    ('C2', 'Covid lockdown memories, 5 years ago today', False),
    ('C2', 'Restructure of my garden this weekend', False),
    ('C3', 'My Year 6s got their SATs scores, over the moon', True),
    ('C3', 'Half of the kids in my set failed their mocks', True),
    ('C3', 'My tutor group have the best attendance in school this term', True),
    ('C3', 'A student in my class is reading at a Year 2 level in Year 5', True),
    ('C3', 'Behaviour from my Year 8s today was appalling', True),
    ('C3', 'The children in my class made amazing progress in writing', True),
    ('C3', 'So many detentions handed out to Year 10 today', True),
    ('C3', "My class's spelling test results were the best ever", True),
    ('C3', 'Got my results back from the MRI, all clear', False),
    ('C3', "Proud of my son's progress in swimming", False),
    ('C3', 'Arsenal results this season are amazing', False),
    ('C3', 'Finished marking, results on Monday for my own course', False),
    ('C3', 'Results are in for the bake off, lemon drizzle wins!', False),
    ('C3', 'Marks & Spencer sale starts today', False),
    ('C3', 'My niece got her GCSE results, all 9s!', False),
    ('C3', 'Question marks everywhere in my planning notes', False),
    ('C4', 'Honestly the head is clueless about what happens in classrooms', True),
    ('C4', 'SLT are useless, no backup on behaviour at all', True),
    ('C4', 'Sick of my line manager taking credit for my work', True),
    ('C4', 'Management at this school are a joke', True),
    ('C4', 'Fed up with colleagues who never pull their weight', True),
    ('C4', 'I hate my job so much right now', True),
    ('C4', 'The deputy head is a bully, everyone knows it', True),
    ('C4', 'My school is so toxic, three teachers left this term', True),
    ('C4', 'I hate the rain', False),
    ('C4', 'Sick of this cold, hope it clears up', False),
    ('C4', 'Fed up with the buses, always late', False),
    ('C4', 'My colleagues are amazing, best team ever', False),
    ('C4', 'Hate Sunday nights', False),
    ('C4', 'The head of maths at my old uni was brilliant', False),
    ('C4', 'Useless at baking, cake collapsed again', False),
    ('C4', 'What a joke this traffic is', False),
    ('C5', 'The Polish lot are all pikeys', True),
    ('C5', 'that is so gay, what a faggot', True),
    ('C5', "fuck this I'm done", True),
    ('C5', "he's a complete twat", True),
    ('C5', 'stop being such a spastic', True),
    ('C5', 'all immigrants should be deported', True),
    ('C5', "she's a whore", True),
    ('C5', 'what a cunt', True),
    ('C5', 'Love Scunthorpe in the summer', False),
    ('C5', 'Damn this weather', False),
    ('C5', "Crap day but glad it's Friday", False),
    ('C5', "Reading Dickens' Great Expectations", False),
    ('C5', 'Cocktails with the girls tonight', False),
    ('C5', 'Grasshoppers in the classroom!', False),
    ('C5', 'Assassination of JFK topic for Year 9', False),
    ('C5', 'Bloody brilliant result for England', False),
    ('C6', 'The parents at this school are thick as mince', True),
    ('C6', "My Year 9s are feral, can't teach them anything", True),
    ('C6', 'Chav parents shouting at the gate again', True),
    ('C6', 'Some colleagues are complete morons', True),
    ('C6', 'These kids are idiots honestly', True),
    ('C6', 'Year 11 are animals', True),
    ('C6', 'The mums at pick up are so entitled', True),
    ('C6', 'My TA is thick', True),
    ('C6', 'Stupid wifi at school', False),
    ('C6', "I'm such an idiot, left my keys in the classroom", False),
    ('C6', 'The kids made a stupidly good cake', False),
    ('C6', 'Feral pigeons nesting on the roof', False),
    ('C6', 'The parents were amazing at the fair', False),
    ('C6', 'Lazy Sunday with the kids', False),
    ('C6', 'Thick jumpers needed at school today, heating is off', False),
    ('C6', 'My colleagues are the best', False),
    ('C7', 'Vote Green on Thursday, every vote counts', True),
    ('C7', 'Sign this petition to fund our schools properly', True),
    ('C7', 'Selling my old teaching resources, £5 each, DM me', True),
    ('C7', 'Join us on the picket line tomorrow at 8!', True),
    ('C7', 'Please donate to my JustGiving page for Cancer Research', True),
    ('C7', 'Handmade cards in my Etsy shop, 20% off with code XMAS20', True),
    ('C7', 'Cot for sale, collection only from Leeds', True),
    ('C7', 'Get the Tories out!', True),
    ('C7', 'Voted this morning, now coffee', False),
    ('C7', 'Bought a cute top from Vinted', False),
    ('C7', 'Teaching Year 6 about democracy and voting', False),
    ('C7', 'The sale at John Lewis was busy', False),
    ('C7', 'Labour Day in the US, not here', False),
    ('C7', 'Reading about the Chartists and the vote', False),
    ('C7', 'Our class election for school council was so sweet', False),
    ('C7', 'Donated blood today', False),
    # second held-out table: before changes C1 P 0.80 ("my class of 2009", "Warwick Castle"),
    # C6 P 0.86 R 0.75 ("a bunch of chavs" 5 words away, "feral cat"); the rest 1.00
    ('C1', 'Shoutout to Archie in my Year 2 class who finally learned to tie his shoes', True),
    ('C1', 'Ava from my tutor group won the county cross country!', True),
    ('C1', 'So many of my Year 5s were off sick today, Zara and Kai included', True),
    ('C1', 'Bumped into Logan, one of my old Year 6s, at the supermarket', True),
    ('C1', 'My class loved the snow, Finley made the biggest snowman', True),
    ('C1', 'A boy in my class, Reggie, brought his pet snake in for show and tell', True),
    ('C1', 'Teddy from my reception class said I look like his nan', True),
    ('C1', 'Congrats to Imogen in Year 13 on her Cambridge offer!', True),
    ('C1', 'So proud of my daughter Lily for her swimming gala', False),
    ('C1', 'My Year 6 teacher Mr Thompson would be proud of me today', False),
    ('C1', 'Taking my mum Pauline to the garden centre', False),
    ('C1', 'Watching Taylor Swift with my class of 2009 friends', False),
    ('C1', 'My son Jacob is in Year 4 now, where does time go', False),
    ('C1', 'Brilliant INSET from Dr Emma Kell on wellbeing', False),
    ('C1', 'Our nephew Harvey starts Year 7 in September', False),
    ('C1', 'Shout out to my colleague Rachel for covering my class today', False),
    ('C1', 'Visit from local MP Jess Phillips to talk to my Year 6 class', False),
    ('C1', 'Year 5 trip to Warwick Castle today, exhausted!', False),
    ('C2', 'Oakwood Primary in special measures, heartbroken for the staff', True),
    ('C2', 'A parent complained about me to the head today', True),
    ('C2', 'Learning walk from SLT tomorrow, my school is a pressure cooker', True),
    ('C2', 'Another allegation at school, third this term', True),
    ('C2', 'Budget deficit at our school means cuts to TAs', True),
    ('C2', 'A child in my class disclosed something today, long night of safeguarding', True),
    ('C2', 'Restructure at the academy, 4 teachers at risk of redundancy', True),
    ('C2', 'Book scrutiny at school tomorrow and my books are a mess', True),
    ('C2', 'The Ofsted framework debate on radio 4 was interesting', False),
    ('C2', 'Fight night in Vegas tonight', False),
    ('C2', 'Staff at the hotel were brilliant', False),
    ('C2', "My son's school has Ofsted tomorrow, fingers crossed for them", False),
    ('C2', 'School trip to the zoo was lovely', False),
    ('C2', 'Reading about the 1988 restructure of the NHS', False),
    ('C2', 'Allegations against the minister are shocking', False),
    ('C2', 'Got suspended on Twitter for a day, lol', False),
    ('C3', 'My Year 6s passed their SATs mocks with flying colours', True),
    ('C3', 'Most of the kids in my class are working towards in maths', True),
    ('C3', 'My bottom set got their best ever test scores', True),
    ('C3', 'A girl in my class is two years behind in reading', True),
    ('C3', "My Year 9s' behaviour this week has been dreadful", True),
    ('C3', 'The children in my class all passed the phonics screening!', True),
    ('C3', 'Detentions for half my Year 10s for no homework', True),
    ('C3', "Pupils' GCSE results day tomorrow, nervous for my Year 11s", True),
    ('C3', 'My results from the half marathon are in!', False),
    ('C3', 'My son passed his driving theory test', False),
    ('C3', 'Brexit progress is glacial', False),
    ('C3', 'Exam results for my Open University module are out', False),
    ('C3', 'Spurs results this season are a joke', False),
    ('C3', 'My behaviour at the Christmas party was questionable lol', False),
    ('C3', "Cat's vet results came back clear", False),
    ('C3', 'My own progress in Spanish is slow', False),
    ('C4', "The head is a total joke, no idea what she's doing", True),
    ('C4', 'Fed up with SLT changing the marking policy every term', True),
    ('C4', 'Sick of being micromanaged by my line manager', True),
    ('C4', 'My school is a joke right now', True),
    ('C4', 'Hate my boss so much', True),
    ('C4', 'Management are toxic and everyone is leaving', True),
    ('C4', 'Colleagues in my department are so two-faced', True),
    ('C4', 'The governors are clueless', True),
    ('C4', 'Fed up of the snow', False),
    ('C4', 'Sick of Tuesdays already', False),
    ('C4', 'My boss bought us all cake, love her', False),
    ('C4', 'What a joke this referee is', False),
    ('C4', 'Hate the M6 roadworks', False),
    ('C4', 'Useless at parallel parking at work', False),
    ('C4', 'The head of the queue at Greggs was chaos', False),
    ('C4', 'Sick of this cold, staying in', False),
    ('C5', "Don't let those dirty immigrants near our kids", True),
    ('C5', 'what a fucking mess', True),
    ('C5', 'shut up you mong', True),
    ('C5', "he's a right twat", True),
    ('C5', 'gays should burn', True),
    ('C5', "she's a slag", True),
    ('C5', 'lol what a retard', True),
    ('C5', 'fuck the lot of them', True),
    ('C5', 'Dicky bow ties for the Year 6 prom', False),
    ('C5', 'Damn good coffee', False),
    ('C5', 'Hell of a day', False),
    ('C5', 'Sussex by the sea', False),
    ('C5', 'Assembly about kindness today', False),
    ('C5', 'Cockapoo puppy arrived!', False),
    ('C5', 'Bloody hell, what a game', False),
    ('C5', 'Shitake mushroom risotto tonight', False),
    ('C6', 'The parents here are a bunch of chavs', True),
    ('C6', 'My Year 8s are animals', True),
    ('C6', "Colleagues who can't use email are morons", True),
    ('C6', 'These kids are feral', True),
    ('C6', 'Some of the mums at the gate are vile', True),
    ('C6', 'The head is an idiot', True),
    ('C6', 'Year 10 are thick as anything', True),
    ('C6', 'My class are a nightmare', True),
    ('C6', "Stupid car wouldn't start", False),
    ('C6', "I'm so dim today, forgot my lanyard", False),
    ('C6', 'The kids loved the feral cat documentary', False),
    ('C6', 'Parents were lovely at the concert', False),
    ('C6', 'Lazy day with the family', False),
    ('C6', 'The kids wrapped up in thick coats for the walk', False),
    ('C6', 'My colleagues are fab', False),
    ('C6', 'Idiot proof recipe for flapjacks', False),
    ('C7', 'Vote Reform UK on May 2nd', True),
    ('C7', 'Please sign the petition to stop academy conversions', True),
    ('C7', 'Selling my classroom rug, £30 ono', True),
    ('C7', 'Join us at the rally on Saturday', True),
    ('C7', 'Please donate to my marathon fundraiser via JustGiving', True),
    ('C7', 'New designs in my Etsy shop', True),
    ('C7', 'Email your MP about teacher pay!', True),
    ('C7', 'DM me to order your personalised teacher gifts', True),
    ('C7', 'I voted today, did you?', False),
    ('C7', 'Bought this jumper on Vinted, bargain', False),
    ('C7', 'Lesson on the suffragettes and voting rights', False),
    ('C7', 'Charity shop finds today', False),
    ('C7', 'Sale at Boots, stocked up on shampoo', False),
    ('C7', "Party at my sister's tonight", False),
    ('C7', 'Labour ward tour today, baby due in June', False),
    ('C7', 'Our school council election results are in', False),
]

TABLES: dict[str, tuple[type[Detector], list[Case], list[Case]]] = {
    "C1": (PostNamesPupil, C1_POSITIVE, C1_DECOY),
    "C2": (SchoolMattersDiscussed, C2_POSITIVE, C2_DECOY),
    "C3": (PupilPerformance, C3_POSITIVE, C3_DECOY),
    "C4": (GrievanceOnSocialMedia, C4_POSITIVE, C4_DECOY),
    "C5": (OffensiveOrDiscriminatory, C5_POSITIVE, C5_DECOY),
    "C6": (DerogatoryAboutCommunity, C6_POSITIVE, C6_DECOY),
    "C7": (PoliticalOrCommercial, C7_POSITIVE, C7_DECOY),
}


# Cases the rules get wrong, kept in the tables (and in the precision/recall count) so the
# limits stay visible; each is an expected failure that must keep failing until fixed.
KNOWN_LIMITS = {
    "Reading Matilda with my class, Roald Dahl never gets old":
        "a famous author named next to 'my class' reads as a pupil",
}


def _rows() -> list[object]:
    rows: list[object] = []
    for rule, (_, pos, dec) in TABLES.items():
        for text, want in pos + dec:
            reason = KNOWN_LIMITS.get(text)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            rows.append(pytest.param(rule, text, want, marks=marks))
    return rows


@pytest.mark.parametrize(("rule", "text", "want"), _rows())
def test_post_rules_table(language: LanguagePass, rule: str, text: str,
                          want: str | None) -> None:
    cls = TABLES[rule][0]
    found = findings(cls, text, language, roster=True)
    assert outcome(found) == want, [f.why for f in found]
    for finding in found:
        assert finding.rule == rule and finding.why and finding.key


@pytest.mark.parametrize(("rule", "text", "flagged"), HELD_OUT)
def test_held_out_table(language: LanguagePass, rule: str, text: str, flagged: bool) -> None:
    found = findings(TABLES[rule][0], text, language, roster=True)
    assert bool(found) == flagged, [f.why for f in found]


def membership(name: str, relation: str = "member") -> Record:
    return Record(Item(Kind.MEMBERSHIP, ItemRef("facebook", "your_groups.json", name),
                       name=name, relation=relation))


@pytest.mark.parametrize(("name", "want"), C8_POSITIVE + C8_DECOY)
def test_group_names_table(name: str, want: str | None) -> None:
    found = list(InappropriateGroups(context()).see(membership(name)))
    assert outcome(found) == want, [f.why for f in found]


def precision_recall(results: list[tuple[str | None, str | None]]) -> tuple[float, float]:
    """Flagged-or-not precision and recall over (wanted, got) pairs."""
    tp = sum(1 for want, got in results if want and got)
    fp = sum(1 for want, got in results if not want and got)
    fn = sum(1 for want, got in results if want and not got)
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def test_precision_and_recall_per_rule(language: LanguagePass) -> None:
    """The aim is 0.95 or better on every rule's table (positives and decoys together)."""
    for rule, (cls, pos, dec) in TABLES.items():
        got = [(want, outcome(findings(cls, text, language, roster=True)))
               for text, want in pos + dec]
        precision, recall = precision_recall(got)
        assert precision >= 0.95 and recall >= 0.95, (rule, precision, recall)
    got = [(want, outcome(list(InappropriateGroups(context()).see(membership(n)))))
           for n, want in C8_POSITIVE + C8_DECOY]
    assert min(precision_recall(got)) >= 0.95


# -- behaviour beyond the tables ----------------------------------------------------------------

def test_c1_excerpt_shows_initials_and_the_key_hides_the_name(language: LanguagePass) -> None:
    found = findings(PostNamesPupil, "So proud of Jack Smith in my Year 6 class today!",
                     language)
    assert len(found) == 1
    assert "Jack" not in found[0].excerpt and "J. S." in found[0].excerpt
    assert "jack" not in found[0].key.lower()
    assert not found[0].certain


def test_c1_roster_pupil_is_risk_with_roster_key_and_no_name(language: LanguagePass) -> None:
    found = findings(PostNamesPupil, "Katie Smith was a superstar in assembly today", language,
                     roster=True)
    assert [f.key for f in found] == ["roster:p1"]
    assert found[0].certain and "Katie" not in found[0].excerpt and "K. S." in found[0].excerpt
    assert "Year 5" in found[0].why


# A name cut to an initial beside the poster's pupil context, against a real plain roster
# (tests/detectors/roster_data.py): certain only when one roster pupil fits it, and fits any
# year group the post names. Positives and decoys side by side.
C1_SETTLED: list[Case] = [
    ("Bumped into one of my Year 5s, Katie A, in town with her mum", "risk"),
    ("Huge well done to Zoë B for her poem – my Year 5s were on fire!", "risk"),
    ("24 of my 30 passed the check. Toby O jumped 12 marks!", "risk"),
    ("One of my Year 6s, Katie A, read her poem", "review"),  # the roster's is in Year 5
    ("Daniel R in my class was brilliant today", "review"),  # a pupil and a parent fit
    ("Katie A was brilliant at the shops", None),  # no pupil context at all
    ("My son's friend Katie A came for tea", None),
]


@pytest.fixture(scope="module")
def plain_roster(tmp_path_factory: pytest.TempPathFactory) -> PlainRoster:
    return load_roster(write_roster(tmp_path_factory.mktemp("roster")), ROSTER_TODAY)


@pytest.mark.parametrize(("text", "expected"), C1_SETTLED)
def test_c1_initial_and_pupil_context_settled_by_the_roster(
        language: LanguagePass, plain_roster: PlainRoster, text: str,
        expected: str | None) -> None:
    ctx = Context(policy=POLICY, today=ROSTER_TODAY, own_names=set(OWN_NAMES),
                  roster=plain_roster)
    found = list(PostNamesPupil(ctx).see(record(text, language)))
    assert outcome(found) == expected, [f.why for f in found]
    for finding in found:
        assert "Katie" not in finding.excerpt and "Zoë" not in finding.excerpt


def test_c1_staff_on_roster_is_not_a_pupil(language: LanguagePass) -> None:
    text = "Lily Evans helped my class with the play"
    assert outcome(findings(PostNamesPupil, text, language, roster=False)) == "review"
    assert not findings(PostNamesPupil, text, language, roster=True)


def test_c1_works_without_the_language_pass() -> None:
    found = findings(PostNamesPupil, "A child in my class, Mia, was upset today", None)
    assert outcome(found) == "review"


def test_c1_reads_a_photo_caption_once_per_post(language: LanguagePass) -> None:
    detector = PostNamesPupil(context())
    text = "Ruby from my class painted this!"
    post = Item(Kind.POST, ItemRef("instagram", "posts_1.json", "7"), text=text)
    photo = Item(Kind.MEDIA, ItemRef("instagram", "posts_1.json", "media/1.jpg"), text=text,
                 parent="7")
    album = Item(Kind.MEDIA, ItemRef("facebook", "album/0.json", "photos/2.jpg"),
                 text="Ellie in my class on sports day")
    entities = language.analyse([text, album.text])
    assert len(list(detector.see(Record(post, entities[0], True)))) == 1
    assert list(detector.see(Record(photo, entities[0], True))) == []
    assert len(list(detector.see(Record(album, entities[1], True)))) == 1


def test_c2_names_the_topic_and_school_in_why(language: LanguagePass) -> None:
    found = findings(SchoolMattersDiscussed, "Ofsted are in tomorrow at Oakwood Primary",
                     language)
    assert found[0].certain and "ofsted" in found[0].why and found[0].key == \
        "topic:inspection:ofsted"


def test_c2_short_alias_is_case_sensitive(language: LanguagePass) -> None:
    assert not findings(SchoolMattersDiscussed, "ops, the inspection of my car failed",
                        language)


def test_c5_excerpt_masks_the_word_and_key_never_spells_it(language: LanguagePass) -> None:
    found = findings(OffensiveOrDiscriminatory, "called a bitch by a pupil, reported it",
                     language)
    assert len(found) == 1 and not found[0].certain
    assert "bitch" not in found[0].excerpt and "b****" in found[0].excerpt
    assert "bitch" not in found[0].key and "bitch" not in found[0].why
    assert "reported" in found[0].why


def test_c5_masks_every_listed_word_in_the_excerpt() -> None:
    found = findings(OffensiveOrDiscriminatory, "fucking shit day, what a load of bollocks",
                     None)
    assert len(found) == 1
    for word in ("fucking", "shit", "bollocks"):
        assert word not in found[0].excerpt


def test_c8_admin_is_said_in_why() -> None:
    found = list(InappropriateGroups(context()).see(membership("Britain First", "admin")))
    assert found and "an admin of" in found[0].why


def test_text_rules_skip_messages_and_empty_posts(language: LanguagePass) -> None:
    message = Record(Item(Kind.MESSAGE, ItemRef("facebook", "m.json", "1"),
                          text="Katie Smith from my class fucking failed her SATs"))
    empty = Record(Item(Kind.POST, ItemRef("facebook", "p.json", "2"), text=""))
    for cls, _, _ in TABLES.values():
        detector = cls(context(roster=True))
        assert list(detector.see(message)) == []
        assert list(detector.see(empty)) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    for cls, _, _ in TABLES.values():
        list(cls(context(roster=True)).see(record(text, None)))
    list(InappropriateGroups(context()).see(membership(text)))


@pytest.mark.parametrize(("text", "span", "label"), [
    ("so proud of my Year 6s today", "my Year 6s", "PUPIL_CONTEXT"),
    ("my Y5 class were brilliant", "my Y5 class", "PUPIL_CONTEXT"),
    ("our Year 4 loved it", "our Year 4", "PUPIL_CONTEXT"),
    ("One of my Year 2s lost a tooth", "One of my Year 2s", "PUPIL_CONTEXT"),
    ("a child in my Year 3 class cried", "a child in my Year 3 class", "PUPIL_CONTEXT"),
    ("Year 6's trip was fun", "Year 6's", "YEAR_GROUP"),
    ("Ofsted at OPS tomorrow", "Ops", "SCHOOL"),  # SHOUTED words reach the model title-cased
])
def test_language_pass_spans(language: LanguagePass, text: str, span: str, label: str) -> None:
    entities = language.analyse([text])[0]
    assert (span, label) in [(e.text, e.label) for e in entities]


@pytest.mark.parametrize("text", [
    "Best day of my year so far", "ops, wrong button", "Out with my group of friends",
    "5 years ago today",
])
def test_language_pass_ignores_lookalikes(language: LanguagePass, text: str) -> None:
    labels = {e.label for e in language.analyse([text])[0]}
    assert not labels & {"PUPIL_CONTEXT", "YEAR_GROUP", "SCHOOL"}
