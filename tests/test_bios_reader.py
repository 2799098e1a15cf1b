"""The reader of real labelled bios (bench/bios.py): the real file's counts match its README,
escapes are undone in one pass, and the dev/check split is fixed by tweet id."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from samples import need_sample

from bench.bios import BIOS_TSV, Bio, read_bios, score, unescape

HEADER = "source_file\ttweet_id\tselected_by\thas_disclaimer\tbio\n"


def test_the_real_file_matches_its_readme() -> None:
    bios = read_bios(need_sample(BIOS_TSV))
    assert len(bios) == 575 == len({b.tweet_id for b in bios})
    assert Counter(b.label for b in bios) == {"no": 512, "yes": 61, "ambiguous": 2}
    assert sum("\n" in b.text for b in bios) == 41
    assert sum("\r\n" in b.text for b in bios) == 11
    assert not any("\t" in b.text or "\\" in b.text for b in bios)
    halves = Counter(b.half for b in bios)
    assert set(halves) == {"dev", "check"} and min(halves.values()) > 250


def test_escapes_are_undone_left_to_right_in_one_pass(tmp_path: Path) -> None:
    assert unescape(r"a\nb\tc\rd\\e") == "a\nb\tc\rd\\e"
    assert unescape(r"\\n") == "\\n"  # an escaped backslash followed by n, not a line feed
    path = tmp_path / "bios.tsv"
    path.write_text(HEADER + "f\t1\tmatch\tyes\tViews my own\\nTeacher\n"
                    "f\t2\tnegative\tno\tRunner\n", "utf-8")
    assert read_bios(path) == [Bio("1", "yes", "Views my own\nTeacher"), Bio("2", "no", "Runner")]


def test_a_file_with_other_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bios.tsv"
    path.write_text("tweet_id\tbio\n1\tViews my own\n", "utf-8")
    with pytest.raises(ValueError, match="unexpected columns"):
        read_bios(path)


def test_the_split_depends_on_the_tweet_id_alone() -> None:
    assert Bio("153792753803870209", "no", "a").half == Bio("153792753803870209", "yes", "b").half
    assert {Bio(str(n), "no", "").half for n in range(20)} == {"dev", "check"}


def test_score_counts_and_leaves_ambiguous_out() -> None:
    bios = [Bio("1", "yes", "hit"), Bio("2", "yes", "miss"), Bio("3", "no", "hit"),
            Bio("4", "no", "miss"), Bio("5", "ambiguous", "hit")]
    got = score(bios, lambda text: text == "hit")
    assert (got["tp"], got["fp"], got["fn"], got["tn"], got["bios"]) == (1, 1, 1, 1, 4)
    assert got["precision"] == 0.5 and got["recall"] == 0.5
