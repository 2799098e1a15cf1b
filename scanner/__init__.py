"""riskscan: a private social media risk checklist for people who work in UK schools."""

__version__ = "0.1.0"
