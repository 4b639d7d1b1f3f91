"""Cues: the words that tell of an encounter (its verbs and nouns, "met", "held talks", "a courtesy call on"),
of what kind it is (a call, a plan, a refusal), of when and where it was told to happen, and of the sentences
around it that add to it (a series of meetings, those who joined, a counterpart named next). Patterns only:
:mod:`~kg.extract.encounters` and :mod:`~kg.extract.sequels` read them over the parse.
"""

from __future__ import annotations

import re

GROUP_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}

# "X conducted office calls with A, B and C", "paid a courtesy call with X": calls in person.
OFFICE_CALLS = r"(?:office|courtesy) calls? with"
# "called on the President" is a courtesy call; "a telephone call on Jan. 26" is not.
_NOT_A_DAY = (
    r"(?!\s+(?:\d|the\s+\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b))"
)
SPOKE = re.compile(r"(?:speaks?|spoke|talked|talks)(?: \w+ly| today| again)? (?:with|to)", re.IGNORECASE)
MEETING_TRIGGER = re.compile(
    r"\b(met|meets?|meetings?|hosted|hosts?|hosting|welcomed|welcomes|welcoming|welcome|greeted|greets|received|"
    r"receives|sat down|sit down|shakes hands|shook hands|held talks|hold talks|holds talks|talks|audience|"
    r"(?:(?:held|holds?|holding) )?discussions with|"
    r"joint (?:news|press) (?:conference|availability|point)|"
    r"held (?:[\w'’-]+ ){0,6}?[Dd]ialogue|consultations|summit|visited|visits|"
    r"(?:took part|participated|participates?|take part|takes part) in (?:a|an|the) (?:[\w'’-]+ ){0,6}?"
    r"(?:[Cc]eremony|press conference|news conference)|"
    r"hand(?:ed|s|ing) over|presented (?:his|her|their) (?:letters of )?credentials|"
    r"joined|signed|signing|signs?|delegation (?:was|is) (?:co-)?(?:led|headed) by|call(?:ed|s|ing)? on"
    + _NOT_A_DAY
    + rf"|{OFFICE_CALLS}|paid (?:a |an )?(?:\w+ )?(?:courtesy call|visit|call)|{SPOKE.pattern})\b",
    re.IGNORECASE,
)
# Words that place two officials together: with them, "spoke with" is a conversation in person.
MEETING_ONLY = re.compile(
    r"\b(?:met|meets?|meeting|sidelines?|visit\w*|in person|on the margins|hosted|welcomed|during|dinner|lunch|"
    r"breakfast|ceremony|summit|here)\b",
    re.IGNORECASE,
)
PHONE = re.compile(r"\b(phone|telephone|(?:phone|telephone) call|called|calls?|by phone)\b", re.IGNORECASE)
VIDEO = re.compile(r"\b(video|videoconference|virtual(?:ly)?|teleconference|video ?link)\b", re.IGNORECASE)
NEGATED = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|not|never|no)\s+(?:\w+\s+){0,2}?(?:meet|hold|sit|talk|met)\b"
    r"|\bwithout (?:a )?meeting\b|\bdeclined to meet\b|\bno (?:meeting|talks)\b",
    re.IGNORECASE,
)
PLANNED = re.compile(
    r"\b(will|would|shall|is|are) (?:\w+ )?(?:expected|due|scheduled|set|slated|planning|going) to\b"
    r"|\b(?:will|shall) (?:\w+ )?(?:meet|host|hold|visit|travel|sit)\b"
    r"|\b(?:plans|planned|planning) to\b|\b(?:we|they|I|you) plan to\b|\bto be held\b"
    r"|\bnext (?:week|month|year|summit|meeting|round|session|visit|dialogue)\b"
    r"|\btomorrow\b|\blater this (?:week|month|year)\b|\bupcoming\b"
    r"|\blook(?:s|ed)? forward to\b|\blooking forward to\b|\binvited\b|\binvitation to\b"
    r"|\bpreparations? for\b",
    re.IGNORECASE,
)
# An encounter told as coming at another time of the day is not where the one before was ("later in the day";
# but "then called on X, and later met Y" goes on at the palace of the welcome).
NEW_TIME = re.compile(
    r"\b(?:later (?:in|that) the (?:day|afternoon|evening)|in the (?:afternoon|evening)|that (?:afternoon|evening)|"
    r"afterwards?|subsequently)\b",
    re.IGNORECASE,
)
HERE = re.compile(r"\b(?:met|meeting|talks|here)\s+here\b|\bhere (?:today|on|this)\b", re.IGNORECASE)

# Verbs of greeting: an encounter only when what they take is people.
GREETING_VERBS = re.compile(r"(?:welcom|receiv|greet)(?:e|es|ed|ing|s)?", re.IGNORECASE)
PEOPLE_NOUNS = {
    "delegation", "counterpart", "counterparts", "leader", "leaders", "minister", "ministers", "secretary",
    "president", "official", "officials", "guest", "guests", "visitor", "visitors", "ambassador", "envoy",
    "commander", "chief", "general", "admiral", "team", "side", "king", "queen", "emperor", "prince",
}  # fmt: skip
SUBORDINATE = frozenset({"relcl", "ccomp", "acl", "advcl", "parataxis", "xcomp"})
# Where a sentence goes on to a verb phrase about another time: "... by phone and will meet ...", "X attended a
# dinner on November 21, and on November 22 the two held talks".
CLAUSE_BREAK = re.compile(
    r",?\s+(?:and|but)\s+(?=(?:will|would|shall|plans?|is|are)\b)|;\s+"
    r"|,\s+and\s+(?=on\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b|\d{1,2}\s+[A-Z][a-z]{2,8}\b|[A-Z][a-z]+day\b))",
    re.IGNORECASE,
)

# The title of a readout of a call: "Readout of the President's Call with ...", "Telephone Conference (Summary)"
# (not "Leaders call for a ceasefire")
CALL_TITLE = re.compile(
    r"\b(?:phone|telephone|video ?conference|teleconference)|\bcalls? (?:with|between)\b", re.IGNORECASE
)
HERE_IN = re.compile(r"\bhere in (?:the )?")
# The titles of transcripts of people appearing together: "Remarks With Foreign Secretary X Before Their
# Meeting", "Remarks by President X and Prime Minister Y Before Bilateral Meeting", "Joint press point with X
# and Y", "Press Availability With Prime Minister X" (in the title, or in the page's address).
JOINT_APPEARANCE = re.compile(
    r"\b(?:joint press (?:point|conference|availability|remarks|statements?)|press availability with|"
    r"(?:before|after|ahead of|at the (?:start|top|end) of) (?:their |the |a )?(?:bilateral |trilateral )?"
    r"(?:meeting|talks)|joint (?:remarks|statements) to the press|"
    # "Remarks at an Enhanced Honor Cordon and Meeting Welcoming X", "... at a Meeting With X" (not "at the NATO
    # Ministers Meeting", where many meet)
    r"(?:at|during) (?:an? |the |their )?(?:[\w-]+ ){0,4}(?:honou?r cordon|welcome ceremony|"
    r"(?:bilateral )?meeting (?:welcoming|with)))\b",
    re.IGNORECASE,
)
SAME_DAY = re.compile(
    r"\b(?:(?:later|earlier) (?:in|on) the (?:same )?day|later that (?:day|morning|afternoon|evening)|"
    r"the same day|that (?:afternoon|evening)|in the (?:afternoon|evening))\b",
    re.IGNORECASE,
)
# "Following their meeting, X and Y signed ...": an encounter after the one named, so not that one
FOLLOWING = re.compile(
    r"\W*(?:following|after) (?:their|the|his|her|this|that) (?:[\w-]+ ){0,3}?(?:meeting|talks|dialogue)\b", re.I
)
TOLD_BEFORE = re.compile(
    r"\b(?:following|after|before|ahead of|prior to|during|at|in) (?:their|the|his|her|this|that) $", re.IGNORECASE
)
# What a meeting was about, after its verb: a time to come named in it is not the meeting's.
TOPIC = re.compile(r"\bto (?:discuss|review|talk about|exchange views on|address|consider|prepare)\b|\bdiscussed\b")
MODALS = {"will", "would", "shall", "'ll", "’ll"}
# Verbs whose infinitive is yet to happen: "agreed to meet", "plans to visit"; not "was delighted to welcome".
INTENDING = re.compile(
    r"(?:agree|concur|decide|plan|intend|expect|hope|aim|schedule|arrange|propose|promise|want|wish|seek)"
    r"(?:s|d|ed|ing|ned|ning|red|ring)?|set|due|going|scheduled",
    re.IGNORECASE,
)
# Words for people that a place after "of" says whose they are: "the leaders of Fiji", "the Governor of Guam".
PEOPLE_OF = frozenset(
    {"leader", "head", "government", "people", "delegation", "representative", "minister", "official",
     "president", "counterpart", "ambassador", "envoy", "king", "queen", "premier", "chief", "governor", "mayor"}
)  # fmt: skip
# Verbs of going somewhere: "Secretary Kerry then traveled to Paris, France. He met with ...".
TRAVELLED = re.compile(r"\b(?:travell?ed|flew|arrived|landed|visited)\b", re.IGNORECASE)
# "Photo By Cpl. X | ...": who took the picture was behind it, not at the meeting.
PHOTO_BY = re.compile(r"\b(?:[Pp]hoto|PHOTO|[Pp]hotograph|[Ii]mage)\s+(?:[Bb]y|BY)\s+(?:[A-Z][\w.]*\s+){0,3}$")
# Verbs of approving what others did: "the ministers welcomed the signing of the treaty" (by others).
APPROVING = frozenset({"welcomed", "welcomes", "welcome", "praised", "hailed", "applauded", "noted", "lauded"})
# "The Minister joined the discussion", "X, Y and other officials were also present in the meeting", "X and Y
# participated in the meeting": people joining the meeting told before (not "joined the talks in Vienna", "the
# meeting of the ministers": another one).
JOINS_THE_MEETING = re.compile(
    r"\b(?:joined|attended|participated in|took part in|(?:was|were) (?:also )?present (?:in|at))\s+"
    r"(?:the|their|that)\s+(?:(?:discussions?|meeting|talks)\b(?!\s+(?:of|in|on|at|with|between)\b)|"
    r"(?:signing|ceremony)\b(?!\s+(?:of|on|at|with|between)\b))"
    # "The meetings were attended by X and Y": those told before, each
    r"|\b(?:[Tt]he|[Tt]hese|[Bb]oth|[Aa]ll|[Tt]hose)\s+(?:two\s+|three\s+)?(?:meetings?|talks|discussions?)\s+"
    r"(?:was|were)\s+(?:also\s+)?attended\s+by\b"
)
# "X held several bilateral meetings at the forum on November 19 in Halifax": a series the story goes on to tell.
SERIES = re.compile(r"\b(?:held|had|holds|has held|conducted)\s+(?:[\w-]+\s+){0,3}meetings\b")
# "The 9th Japan-Philippines Military to Military Dialogue was held in Manila on October 21": a meeting of
# delegations the story goes on to tell by who led them.
EVENT_HELD = re.compile(
    r"\b(?:Dialogue|Talks|Meeting|Consultations?|Summit|Committee|Conference|Forum)\b[^.;]{0,40}?\b(?:was|were) held\b"
    r"|\bconvened\s+(?:the|a|its)\s+[^.;]{0,60}?\b(?:Dialogue|Talks|Meeting|Consultations?|Summit|Conference|Forum)\b"
)
# A sentence the parser split off after its subject: "X visited U.S. Southern Command (SOUTHCOM) | May 5, 2025,
# and held discussions with Y".
CONTINUED = re.compile(r"\s*(?:[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?,?\s+)?and\s+$")
# "The Foreign Secretary met his Irish counterpart": a meeting with a counterpart the sentence does not name.
MET_A_COUNTERPART = re.compile(
    rf"{MEETING_TRIGGER.pattern}\s+(?:with\s+)?(?:his|her|their)\s+(?:[\w-]+\s+)?counterparts?\b(?!\s*,)",
    re.IGNORECASE,
)

# Words before a nation that tell of a visit there (not "will travel to Latvia"): "X visited Paraguay", "on a
# trip to Japan", "a weeklong visit to China", "arrived in Manila".
_VISIT_BEFORE = re.compile(
    r"\b(?:visited|visiting|(?:visits?|trip|tour|travell?ed|arriv(?:ed|es|al))\s+(?:\w+\s+){0,2}(?:to|in|of))"
    r"\s+(?:the\s+)?$"
)


def visits(text: str, at: int) -> bool:
    """Whether the text tells of a visit to the nation named at character ``at``."""
    return _VISIT_BEFORE.search(text, max(0, at - 40), at) is not None


# A line of a programme, by the hour: "09:30 Joint press conference by X and Y", "10.15 am Bilateral meeting".
SCHEDULED = re.compile(r"\s*\d{1,2}[:.]\d{2}(?:\s*(?i:[ap]\.?m\.?))?(?:\s*(?:-|–|to)\s*\d{1,2}[:.]\d{2})?\s+[A-Z]")

# "In his meeting with Prime Minister X, the secretary ...": one of the meetings just told, with one of them.
ONE_OF_THE_MEETINGS = re.compile(r"\s*(?:In|During) (?:his|her) (?:bilateral )?meeting with\b")

# A speaker's welcome to the one they address, perhaps after the speaker's label: "Well, welcome to the Pentagon,
# Minister X."
WELCOMING = re.compile(r"(?:[^:\n]{0,80}:\s*)?\W*(?:(?:well|and|so|first|again),?\s+)?welcome\b", re.IGNORECASE)
