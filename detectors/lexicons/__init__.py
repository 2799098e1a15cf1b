"""Word lists as data (the *.txt files here), compiled once into word-bounded regexes.
"""
