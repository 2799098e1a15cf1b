"""Matching people against the school's roster: the plain CSV and the sealed file, name variants,
nicknames, candidate names in text, and what the roster rules (B1-B6) share.
"""
