"""The application layer: everything riskscan does, as plain functions with typed inputs and
results, shared by its two faces, the command line (`scanner/cli.py`, `scanner/commands/`) and
the local web page (`scanner/web/`).

The flow reads from the folders, each importing only those before it:

    model (scanner/model.py, errors, decisions, history, redact)
      <- readers (scanner/sources/, media) and detectors (detectors/), and storage (storage/)
      <- pipeline (scanner/pipeline.py, checklist, inventory, report/)
      <- application layer (scanner/app/)
      <- faces (scanner/cli.py, scanner/commands/, scanner/web/)

`tests/test_layering.py` keeps that direction. A face translates its input into a call here and
the result into output (printed lines and an exit code, or a page); it opens nothing itself.

One module per job: `scan`, `inspect`, `review`, `history`, `share`, `workshop`, `forget`,
`export`, `policy` (check and init), `roster` (seal), `demo`; `store` opens the person's store.
Consent and scheduled rescans belong here too, as `consent`, beside the others.
"""
