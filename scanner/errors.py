"""One exception tree for everything a user can cause.

    ScanError                 any problem with what the user gave us; its message is one line
    ├── SourceError           an input path that cannot be read at all
    │   └── ArchiveLimitError a zip that breaks a safety limit (bomb, absurd entry count)
    └── PolicyError           a policy pack or roster with a mistake (names the key)

Every message is written for a teacher: what is wrong and what to do next.
"""


class ScanError(Exception):
    """A problem with the user's input, explained in one line."""


class SourceError(ScanError):
    """An input path that cannot be read at all."""


class ArchiveLimitError(SourceError):
    """A zip that breaks a safety limit and is refused as a whole."""


class PolicyError(ScanError):
    """A policy pack or roster with a mistake."""
