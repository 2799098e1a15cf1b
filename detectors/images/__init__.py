"""Pictures: which ones a record points at, the school's logo, faces, photos as the image rules
judge them, and the worker processes that look at them beside the text.
"""
