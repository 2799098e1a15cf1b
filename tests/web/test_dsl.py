"""The DSL's pages: the pack checked with the same words as `riskscan policy check`, a roster
sealed from its CSV, summaries combined into the room (counts under 3 hidden)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from live import Live, live_server

from detectors.roster.sealed import load_sealed
from fixtures.roster import roster_csv
from scanner.app.policy import template_text
from scanner.cli import main
from scanner.policy import DEMO_PACK
from scanner.report.shared import shared_summary


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    with pytest.MonkeyPatch.context() as patch, \
            live_server(tmp_path_factory.mktemp("dsl"), patch) as running:
        yield running


MISTAKES = [
    ("[school]\nname = \n", "not valid TOML"),
    ('[school]\nname = "Oakwood"\n[rules.A1]\nseverity = "huge"\n', "severity"),
    ('[school]\nname = "Oakwood"\n[rules.Z9]\nenabled = true\n', "Z9"),
    ('[school]\naliases = ["OPS"]\n', "school.name"),
]


@pytest.mark.parametrize(("text", "named"), MISTAKES)
def test_a_pack_with_mistakes_gets_the_same_message_as_policy_check(
        live: Live, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str,
        named: str) -> None:
    pack = tmp_path / "ourschool.toml"
    pack.write_text(text, encoding="utf-8")
    assert main(["policy", "check", str(pack)]) == 2
    cli = capsys.readouterr().err.strip().removeprefix("riskscan: ")
    assert named in cli
    with live.client() as client:
        page = client.post("/dsl/policy", data={"csrf": live.csrf(), "action": "check",
                                                "path": str(pack), "text": text})
    assert page.status_code == 400
    shown = page.text.split("Mistake in the pack:</strong> ", 1)[1].split("</p>", 1)[0]
    assert shown == cli.replace('"', "&#34;").replace("'", "&#39;")
    assert 'aria-invalid="true"' in page.text


def test_a_valid_pack_is_described_as_the_cli_does_and_saved_owner_only(
        live: Live, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DEMO_PACK.read_text(encoding="utf-8")
    pack = DEMO_PACK.parent / "policy.toml"  # read beside its logo and roster
    assert main(["policy", "check", str(pack)]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    with live.client() as client:
        page = client.post("/dsl/policy", data={"csrf": live.csrf(), "action": "check",
                                                "path": str(pack), "text": text})
        assert first_line.replace("'", "&#39;") in page.text
        saved = tmp_path / "ours.toml"
        plain = template_text()
        answer = client.post("/dsl/policy", data={"csrf": live.csrf(), "action": "save",
                                                  "path": str(saved), "text": plain},
                             follow_redirects=True)
    assert saved.read_text(encoding="utf-8") == plain
    assert saved.stat().st_mode & 0o777 == 0o600
    assert "Saved ours.toml" in answer.text
    assert live.prepared.state.pack == saved


def test_a_pack_with_mistakes_is_never_saved(live: Live, tmp_path: Path) -> None:
    saved = tmp_path / "ours.toml"
    saved.write_text("kept = true\n", encoding="utf-8")
    with live.client() as client:
        client.post("/dsl/policy", data={"csrf": live.csrf(), "action": "save",
                                         "path": str(saved), "text": MISTAKES[0][0]})
    assert saved.read_text(encoding="utf-8") == "kept = true\n"


def test_a_roster_is_sealed_from_its_csv_with_a_passphrase(live: Live) -> None:
    csv = roster_csv()
    with live.client() as client:
        page = client.post(f"/dsl/roster?csrf={live.csrf()}",
                           files={"roster": ("roster.csv", csv)},
                           data={"passphrase": "a long random phrase"})
        assert page.status_code == 200, page.text
        assert "Sealed:</strong>" in page.text and "pupils" in page.text
        sealed = client.get("/dsl/roster/roster.sealed")
    assert sealed.headers["content-disposition"].endswith('"roster.sealed"')
    first_names = {line.split(",")[0] for line in csv.decode("utf-8-sig").splitlines()[1:]}
    assert not any(name.encode() in sealed.content for name in first_names if len(name) > 3)
    path = live.prepared.state.work / "check.sealed"
    path.write_bytes(sealed.content)
    roster = load_sealed(path, "a long random phrase")
    assert len(roster) > 10
    assert list(live.prepared.state.uploads.root.iterdir()) == []  # the CSV is not kept


def test_a_file_that_is_not_a_roster_is_told(live: Live) -> None:
    with live.client() as client:
        page = client.post(f"/dsl/roster?csrf={live.csrf()}",
                           files={"roster": ("notes.txt", b"hello")})
    assert page.status_code == 400
    assert "one .csv file" in page.text


def _summary(statuses: dict[str, str]) -> bytes:
    return json.dumps(shared_summary(date(2026, 3, 2), ((rule, status, 1 if status == "risk"
                                                          else 0)
                                                         for rule, status in statuses.items()))
                      ).encode()


def test_summaries_combine_into_the_room_with_small_counts_hidden(live: Live) -> None:
    at_risk = _summary({"A1": "risk", "A2": "clear"})
    clear = _summary({"A1": "clear", "A2": "clear"})
    files = [("summaries", (f"s{n}.json", data))
             for n, data in enumerate([at_risk, clear, clear, clear, clear])]
    with live.client() as client:
        few = client.post(f"/dsl/workshop/combine?csrf={live.csrf()}", files=files[:2],
                          follow_redirects=True)
        assert "at least 3" in few.text
        room = client.post(f"/dsl/workshop/combine?csrf={live.csrf()}", files=files,
                           data={"title": "Inset day"}, follow_redirects=True)
    assert room.url.path == "/dsl/workshop/room"
    assert "Inset day" in room.text and "5 people" in room.text
    assert '<a href="/dsl/workshop">Back to the workshop page</a>' in room.text
    assert "<svg" in room.text
    row = room.text.split("<tr><td>A1</td>", 1)[1].split("</tr>", 1)[0]
    assert '<td class="count small">fewer than 3</td>' in row  # one person at risk: not 1
    assert ">1<" not in row
