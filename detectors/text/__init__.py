"""What posts and bios say: the text the content rules read, short redacted excerpts, contact
details, distances between words, and the 'views are my own' grammar.
"""
