"""One detector per checklist rule (a module named after its slug), and the shared matchers
they use, grouped by what they match: roster/, school/, lexicons/, images/ and text/."""
