"""One module per command; cli.py only routes to them."""
