"""Words that say someone works in a school, in a profile or in a post."""

from __future__ import annotations

import re

from detectors.school.words import NOT_SCHOOL_TEACHER, TEACHING_CAPS, TEACHING_WORDS


def teaching_words(text: str) -> str | None:
    """Words that say the person works in a school ("Year 6 teacher", "SENCo"), or None."""
    for match in TEACHING_WORDS.finditer(text):
        if match.group().lower().startswith("teach") and NOT_SCHOOL_TEACHER.search(
                text[max(0, match.start() - 25):match.start()]):
            continue  # "yoga teacher", "driving teacher"
        return match.group()
    caps = TEACHING_CAPS.search(text)
    return caps.group() if caps else None


_WORK_TALK = re.compile(
    r"(?<!\w)(?:ofsted|inset(?:\s+day)?|parents'?\s+evening|staff\s?room|lesson\s+plan\w*|"
    r"marking|sats|mock\s+exams?|report\s+writing|school\s+reports?|school\s+trip|"
    r"playground\s+duty|break\s+duty|lunch\s+duty|wet\s+play|head\s?teacher|senco|"
    r"(?:my|our)\s+(?:class|pupils|students|form|tutor\s+group|year\s+\d{1,2}s?|kids\s+at\s+"
    r"school|little\s+ones|classroom|ta|school)|in\s+my\s+class|at\s+school\s+today|"
    r"the\s+kids\s+in\s+my\s+class|(?:year|yr)\s?(?:[1-9]|1[0-3])\b|reception\s+class|"
    r"ks[1-5]|eyfs|teaching\s+(?:assistant|today|tomorrow|year\s+\d)|as\s+a\s+teacher|"
    r"(?:my|our)\s+(?:head|deputy|headteacher|slt|trust)\b)(?!\w)",
    re.IGNORECASE)


_WORK_CAPS = re.compile(r"(?<![\w'])(?:SLT|TA|HLTA|SENDCO|SENCO|DSL)(?![\w'])")


def work_talk(text: str, extra: tuple[str, ...] = ()) -> str | None:
    """Words showing a post is about work in a school ("my Year 6", "Ofsted", "INSET"), or None.

    Stronger than `teaching_words`: "teaching my son to swim" is not school talk.
    """
    match = _WORK_TALK.search(text) or _WORK_CAPS.search(text)
    if match:
        return match.group()
    low = text.lower()
    return next((phrase for phrase in extra if phrase and phrase.lower() in low), None)
