"""One detector per checklist rule, plus the shared matchers they use (modules starting `_`)."""
