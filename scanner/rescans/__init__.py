"""Scheduled rescans of public profiles whose owners consented: consent records, the schedule,
claiming due rescans (one worker or several on one PostgreSQL), running them, and telling the
people the consent names.

    consents    grant / list / show / renew / withdraw, as plain functions
    schedule    when each consent's next rescan is due (with a per-consent jitter)
    claims      taking a due rescan so that no other worker takes it too
    engine      one rescan: fetch, scan, compare with the last run, store, queue messages
    notify      the messages, and sending them by SMTP or into a file outbox
    worker      the APScheduler service (`riskscan worker`)
"""
