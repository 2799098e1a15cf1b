"""Whose data: people are told apart by a label of their choosing. The store normally lives on
the person's own computer and holds only them, as "me"; a shared computer can keep several
apart."""

DEFAULT_PERSON = "me"
