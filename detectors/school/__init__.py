"""The school itself: its names however people write them, its own words, whether a profile names
it, teaching work, its site (geofence) and its hours and terms.
"""
