"""Tests of the read stage: decoding, bad inputs, boilerplate removal, title, dateline and published date."""

from __future__ import annotations

import doctest
from datetime import date
from pathlib import Path

import pytest

from kg import read
from kg.errors import InputError, UsageError
from kg.read import boilerplate, parse_boilerplate, parse_date, read_file, read_text

DATA = Path(__file__).parent / "data"

TITLE = "Ministers Agree on Port Visit"
BODY = "The two ministers agreed on Tuesday that a frigate will call at the port next spring."
LAST = "Officials said further talks are planned."


def article_with(*middle: str) -> str:
    """A short article whose second paragraph is made of ``middle`` lines, between two content paragraphs."""
    return "\n\n".join([TITLE, BODY, "\n".join(middle), LAST])


def write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- bad inputs -----------------------------------------------------------------------------------


def test_missing_file_says_check_the_path(tmp_path):
    with pytest.raises(InputError, match=r"no such file: .*nope\.txt; check the path"):
        read_file(tmp_path / "nope.txt")


def test_directory_says_give_an_article_file(tmp_path):
    with pytest.raises(InputError, match=r"is a directory; give an article file \(kg build takes \.txt and \.html"):
        read_file(tmp_path)


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t \n"], ids=["empty", "whitespace"])
def test_empty_file_is_rejected(tmp_path, data):
    with pytest.raises(InputError, match=r"article\.txt is empty; give a file that holds the article's text"):
        read_file(write(tmp_path, data))


def test_empty_after_bom_is_rejected(tmp_path):
    with pytest.raises(InputError, match="is empty"):
        read_file(write(tmp_path, b"\xef\xbb\xbf \n"))


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 20, bytes(range(128, 256)) * 8],
    ids=["nul-bytes", "control-chars", "high-bytes"],
)
def test_binary_file_is_rejected(tmp_path, data):
    with pytest.raises(InputError, match=r"is a binary file, not text; give the article as a plain-text"):
        read_file(write(tmp_path, data, "picture.png"))


def test_latin1_file_names_the_byte_and_offset(tmp_path):
    path = write(tmp_path, "Talks in Bogotá ended.".encode("latin-1"))
    with pytest.raises(
        InputError,
        match=r"is not UTF-8 text \(byte 0xe1 at offset 14\); convert it, e\.g\. iconv -f latin1 -t utf-8",
    ):
        read_file(path)


def test_non_utf8_offset_counts_the_bom(tmp_path):
    with pytest.raises(InputError, match=r"byte 0xe9 at offset 6"):
        read_file(write(tmp_path, b"\xef\xbb\xbfcaf\xe9 talks."))


def test_utf16_file_says_convert(tmp_path):
    with pytest.raises(InputError, match=r"is UTF-16 text; convert it, e\.g\. iconv -f utf-16 -t utf-8"):
        read_file(write(tmp_path, "Talks ended.".encode("utf-16")))


@pytest.mark.parametrize("text", ["", " \n\t\n", "\ufeff"], ids=["empty", "whitespace", "bom-only"])
def test_read_text_rejects_empty_text(text):
    with pytest.raises(InputError, match="the article text is empty; give the text of a news article"):
        read_text(text)


def test_text_of_nothing_but_boilerplate_is_rejected():
    with pytest.raises(InputError, match="no text besides site boilerplate"):
        read_text("Skip to main content\nAn official website of the United States Government\nHere's how you know")


# --- decoding and normalization -------------------------------------------------------------------


def test_read_file_drops_utf8_bom_and_records_source(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + f"{TITLE}\n\n{BODY}\n".encode())
    article = read_file(path)
    assert article.text == f"{TITLE}\n\n{BODY}"
    assert article.title == TITLE
    assert article.source == str(path)


def test_crlf_and_cr_newlines_become_lf(tmp_path):
    path = write(tmp_path, f"{TITLE}\r\n\r\n{BODY}\r\nSecond line.\r\r{LAST}\r\n".encode())
    assert read_file(path).text == f"{TITLE}\n\n{BODY}\nSecond line.\n\n{LAST}"


def test_text_is_nfc_and_spaces_are_plain():
    article = read_text("Talks at Malacan\u0303ang\u00a0Palace\u200b ended.")
    assert article.text == "Talks at Malacañang Palace ended."


def test_paragraph_breaks_are_kept_and_collapsed():
    article = read_text(f"\n\n{TITLE}\n\n\n\n{BODY}\n \n{LAST}\n\n")
    assert article.text == f"{TITLE}\n\n{BODY}\n\n{LAST}"


def test_a_dropped_line_does_not_join_its_neighbours():
    article = read_text(f"{TITLE}\n{BODY}\nPhoto By: Sgt. Lee Park\n{LAST}")
    assert article.text == f"{TITLE}\n{BODY}\n\n{LAST}"


def test_text_is_exactly_what_offsets_refer_to():
    article = read_text(article_with("Secure .gov websites use HTTPS"))
    start = article.text.index(BODY)
    assert article.text[start : start + len(BODY)] == BODY
    assert article.text.startswith(TITLE)


# --- boilerplate ----------------------------------------------------------------------------------

BOILERPLATE = {
    "gov-banner": "An official website of the United States Government",
    "gov-banner-site": "An official U.S. government site. Here is how to check.",
    "gov-banner-of": "Official website of the Joint Chiefs of Staff",
    "how-you-know": "Here's how you know",
    "how-you-know-curly": "Here\u2019s how you know",
    "official-use-gov": "Official websites use .gov",
    "gov-belongs": ".gov website belongs to an official government organization in the United States.",
    "web-addresses": "Web addresses ending in .gov belong to official government organizations.",
    "secure-https": "Secure .mil websites use HTTPS",
    "lock": "A lock ( lock ) or https:// means you\u2019ve safely connected to the .gov website.",
    "padlock": "A padlock icon or https:// at the start of the address means your connection is encrypted.",
    "skip": "Skip to main content",
    "skip-enter": "Skip to main content (press Enter).",
    "toggle": "Toggle navigation",
    "search": "Search",
    "breadcrumb": "Home > Media > News",
    "share": "Print | Email | Share",
    "share-on": "Share on Facebook",
    "site-dod": "U.S. Department of Defense",
    "site-state": "Department of State",
    "site-jcs": "Joint Chiefs of Staff",
    "domain": "www.defense.gov",
    "archive-historical": (
        "You have accessed part of a historical collection on example.gov. Some of the information contained "
        "within may be outdated and links may not function."
    ),
    "archive-archived": (
        "This page belongs to an archived news collection. Some details may be out of date and some "
        "links may no longer work."
    ),
    "photo-by": "Photo By: Sgt. Lee Park",
    "virin": "VIRIN: 190101-D-AB123-0001",
    "gallery-link": "View Gallery",
    "photo-credit-line": "(DoD photo by Navy Petty Officer 2nd Class Kim Lee)",
    "byline-affiliation": "By Ana Ruiz, DoD News",
    "byline-name": "By Maria Clara dela Cruz",
    "byline-two": "By Ana Ruiz and Tom Bell",
    "byline-wire": "By The Associated Press",
    "contributed": "Associated Press writer Tom Bell in Manila contributed to this report.",
    "copyright": "Copyright 2024 The Associated Press. All rights reserved.",
}


@pytest.mark.parametrize("line", BOILERPLATE.values(), ids=BOILERPLATE.keys())
def test_boilerplate_line_is_dropped_and_neighbours_kept(line):
    before, after = "The frigate arrived on Monday.", "Its crew toured the harbor."
    article = read_text(article_with(before, line, after))
    assert line not in article.text
    for kept in (TITLE, BODY, before, after, LAST):
        assert kept in article.text


CONTENT = {
    "by-weekday": "By Tuesday, the ministers had agreed on a text.",
    "by-phrase": "By Land and Sea: Navy Drills Resume",
    "historical": "The ministers toured the historical collection of the naval museum.",
    "search": "Search teams found the wreck.",
    "gov-in-sentence": "Officials said the ministry would publish the text later.",
    "long-gov": "The ministers met at the embassy. " * 12 + "The official website defense.gov posted photos.",
    "section-heading": "Common Ground",
}


@pytest.mark.parametrize("line", CONTENT.values(), ids=CONTENT.keys())
def test_content_that_resembles_boilerplate_is_kept(line):
    article = read_text(article_with(line.strip()))
    assert line.strip() in article.text


def test_repeated_caption_is_counted_once_and_its_heading_dropped():
    caption = "The minister, left, greets his counterpart at the port, March 4, 2019. Navy photo by Kim Lee"
    block = [
        caption,
        caption,
        caption,
        "Harbor Welcome",
        caption,
        "Photo By: Kim Lee",
        "VIRIN: 190304-N-0001",
    ]
    article = read_text(article_with(*block))
    assert article.text.count(caption) == 1
    assert "Harbor Welcome" not in article.text
    assert article.text == "\n\n".join([TITLE, BODY, caption, LAST])


def test_heading_away_from_captions_is_kept():
    caption = "The minister greets his counterpart at the port. Navy photo by Kim Lee"
    article = read_text(article_with(caption, caption) + "\n\nHarbor Welcome\n\nThe visit ends Friday.")
    assert "Harbor Welcome" in article.text


def test_related_stories_tail_is_dropped():
    text = article_with("The frigate arrived on Monday.") + (
        "\n\nRelated Stories\nNavy Chief Visits Allies in Asia\nMinisters Sign Maritime Accord"
    )
    article = read_text(text)
    assert article.text.endswith(LAST)
    assert "Related Stories" not in article.text
    assert "Navy Chief" not in article.text


def test_related_stories_before_any_text_does_not_cut_the_article():
    article = read_text(f"Related Stories\n\n{TITLE}\n\n{BODY}")
    assert BODY in article.text


def test_byline_is_dropped_before_the_dateline():
    article = read_text(f"{TITLE}\n\nBy Ana Ruiz, DoD News\n\nTOKYO, March 4, 2019 — {BODY}")
    assert "Ana Ruiz" not in article.text
    assert article.text == f"{TITLE}\n\nTOKYO, March 4, 2019 — {BODY}"
    assert article.dateline_place == "Tokyo"


def test_boilerplate_file_compiles():
    patterns = boilerplate()
    assert patterns.drop
    assert patterns.tail


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("[drop]\n(unclosed", "bad regular expression"),
        ("[header]\nx", "unknown section"),
        ("x", "before any"),
    ],
)
def test_bad_boilerplate_spec_names_the_line(spec, message):
    with pytest.raises(ValueError, match=message):
        parse_boilerplate(spec)


# --- title ----------------------------------------------------------------------------------------


def test_title_is_recorded_and_kept_in_the_text():
    article = read_text(f"An official website of the United States Government\n\n{TITLE}\n\n{BODY}")
    assert article.title == TITLE
    assert article.text.startswith(TITLE)


@pytest.mark.parametrize("first", [BODY, "TOKYO — The talks began."], ids=["sentence", "dateline"])
def test_no_title_when_first_line_is_not_a_headline(first):
    assert read_text(f"{first}\n\n{LAST}").title is None


# --- dateline -------------------------------------------------------------------------------------

DATELINES = [
    pytest.param("WASHINGTON, Aug. 17, 2017 —", None, "Washington", date(2017, 8, 17), id="full-date"),
    pytest.param(
        "VILNIUS, Lithuania, July 11 (Euro-Atlantic Wire) —",
        date(2023, 7, 12),
        "Vilnius",
        date(2023, 7, 11),
        id="region-and-wire",
    ),
    pytest.param(
        "ANNAPOLIS, Md., Aug. 6 (Pacific Wire Service) —",
        date(2024, 8, 6),
        "Annapolis",
        date(2024, 8, 6),
        id="md",
    ),
    pytest.param("TOKYO —", date(2020, 1, 1), "Tokyo", None, id="place-only"),
    pytest.param("MANILA, Philippines (AP) —", None, "Manila", None, id="ap"),
    pytest.param("BRUSSELS, Belgium --", None, "Brussels", None, id="double-hyphen"),
    pytest.param("SAN DIEGO, Sept. 3 —", date(2020, 9, 10), "San Diego", date(2020, 9, 3), id="sept"),
    pytest.param("NAIROBI, May 1 \u2013", date(2021, 5, 3), "Nairobi", date(2021, 5, 1), id="may-en-dash"),
    pytest.param("SEOUL, Jan. 2 —", date(2018, 1, 2), "Seoul", date(2018, 1, 2), id="same-day"),
    pytest.param("HONOLULU, Dec. 30 —", date(2018, 1, 2), "Honolulu", date(2017, 12, 30), id="dec-jan-rollover"),
    pytest.param("WASHINGTON, May 1 —", None, "Washington", None, id="no-year-no-published"),
    pytest.param("ST. LOUIS, March 3 —", date(2019, 3, 3), "St. Louis", date(2019, 3, 3), id="dotted-place"),
]


@pytest.mark.parametrize(("dateline", "published", "place", "expected"), DATELINES)
def test_dateline_place_and_date(dateline, published, place, expected):
    first = f"{dateline} {BODY}"
    article = read_text(f"{TITLE}\n\n{first}\n\n{LAST}", published=published)
    assert article.dateline_place == place
    assert article.dateline_date == expected
    assert first in article.text  # the dateline stays: its place is a place mention


@pytest.mark.parametrize(
    ("header", "place", "expected"),
    [
        ("Brussels, 14 December 2015", "Brussels", date(2015, 12, 14)),
        ("January 16, 2018 \u2013 Vancouver, Canada \u2013 National Defence", "Vancouver", date(2018, 1, 16)),
        ("Rome, Italy\nDecember 14, 2014", "Rome", None),
        ("Minister Jane Roe, Defence\nSecretary of State", None, None),
        ("Monday, 18 November 2024", None, None),  # a day, not a place
        ("Monday, January 15, 2018, 11:01 p.m. New York", "New York", date(2018, 1, 15)),  # a transcript's header
        ("Monday, January 15, 2018, 11:01 p.m. EST", None, None),  # a time zone is no place
    ],
)
def test_a_release_header_in_mixed_case_is_a_dateline(header, place, expected):
    article = read_text(f"{TITLE}\n\n{header}\n\n{BODY}\n\n{LAST}", published=date(2018, 1, 20))
    assert (article.dateline_place, article.dateline_date) == (place, expected)


def test_dateline_without_title():
    article = read_text(f"TOKYO, Feb. 3, 2017 — {BODY}")
    assert (article.title, article.dateline_place) == (None, "Tokyo")


def test_dateline_only_opens_the_article():
    article = read_text(f"{TITLE}\n\n{BODY}\n\nNATO — the alliance — met.")
    assert article.dateline_place is None


# --- published date -------------------------------------------------------------------------------


def test_published_defaults_to_a_full_dateline_date():
    assert read_text(f"WASHINGTON, Aug. 17, 2017 — {BODY}").published == date(2017, 8, 17)


def test_given_published_wins_over_the_dateline():
    article = read_text(f"WASHINGTON, Aug. 17, 2017 — {BODY}", published=date(2017, 8, 18))
    assert article.published == date(2017, 8, 18)
    assert article.dateline_date == date(2017, 8, 17)


def test_published_falls_back_to_a_dated_caption():
    caption = "The minister, left, greets his counterpart in Hanoi, March 4, 2019. Navy photo by Kim Lee"
    article = read_text(article_with(caption, caption))
    assert article.published == date(2019, 3, 4)


def test_caption_date_resolves_a_dateline_without_year():
    caption = "The minister greets his counterpart in Hanoi, March 4, 2019. (Navy photo by Kim Lee)"
    article = read_text(f"HANOI, March 4 — {BODY}\n\n{caption}\n{caption}")
    assert article.published == date(2019, 3, 4)
    assert article.dateline_date == date(2019, 3, 4)


def test_no_published_date_without_clues():
    article = read_text(f"{TITLE}\n\nWASHINGTON, May 1 — {BODY}\n\nTalks ended on Feb. 3, 2017.")
    assert article.published is None


# --- parse_date -----------------------------------------------------------------------------------


def test_parse_date_accepts_iso():
    assert parse_date("2017-02-03") == date(2017, 2, 3)


@pytest.mark.parametrize("value", ["2017-2-3", "03/02/2017", "2017-13-01", "", "2017-02-30", "Feb. 3, 2017"])
def test_parse_date_rejects_others(value):
    with pytest.raises(UsageError, match=rf"invalid date '{value}': give --published as YYYY-MM-DD, e\.g\."):
        parse_date(value)


def test_parse_date_message_is_exact():
    with pytest.raises(UsageError) as info:
        parse_date("2017-13-01")
    assert str(info.value) == "invalid date '2017-13-01': give --published as YYYY-MM-DD, e.g. 2017-02-03"


# --- a real page ----------------------------------------------------------------------------------


def test_seed_article_is_cleaned():
    article = read_file(DATA / "seed.txt")
    text = article.text
    for gone in (
        "An official website",
        "Here's how you know",
        ".gov",
        "https://",
        "historical collection",
        "Photo By",
        "VIRIN",
        "Tokyo Talks",
        "Related Stories",
    ):
        assert gone not in text, gone
    assert text.count("Defense Secretary Jim Mattis, left, speaks with Japanese Prime Minister") == 1
    assert "In a Tokyo meeting with Japanese Prime Minister Shinzo Abe today" in text
    assert "Common Threats" in text
    assert article.title == "Strength of Alliance Highlights Meeting Between Mattis, Japan\u2019s Prime Minister"
    assert article.published == date(2017, 2, 3)
    assert (article.dateline_place, article.dateline_date) == (None, None)
    assert text.endswith("on the Japanese island of Okinawa, Ross said.")


def test_docstring_examples_run():
    result = doctest.testmod(read)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("Title Here\n\nTOKYO, Feb. 3, 2017 — The ministers met.", "TOKYO, Feb. 3, 2017 — "),
        ("Title Here\nMANILA, Philippines (AP) — The ministers met.", "MANILA, Philippines (AP) — "),
        ("WASHINGTON -- The ministers met.", "WASHINGTON -- "),
        ("The ministers met in Tokyo on Monday.", None),
    ],
)
def test_dateline_end_is_where_the_dateline_ends_in_the_text(text, dateline):
    article = read_text(text)
    if dateline is None:
        assert article.dateline_end is None
    else:
        assert article.text[: article.dateline_end].endswith(dateline)


def test_the_dateline_may_follow_a_title_a_date_line_and_a_kicker():
    article = read_text(
        f"Commander Visits Colombia\n\nNEWS | Sept. 6, 2022\n\nSOUTHCOM Public Affairs\n\nMIAMI, Sept. 6, 2022 — {BODY}"
    )
    assert (article.dateline_place, article.dateline_date) == ("Miami", date(2022, 9, 6))
    assert article.text[: article.dateline_end].endswith("MIAMI, Sept. 6, 2022 — ")


def test_no_dateline_is_read_after_a_sentence_of_the_body():
    article = read_text(f"Commander Visits Colombia\n\n{BODY}\n\nMIAMI, Sept. 6, 2022 — the command said.")
    assert article.dateline_place is None


def test_a_credit_line_goes_but_the_place_and_day_it_was_filed_from_stay() -> None:
    article = read_text(
        "Commander Visits Kenya\n\nBy U.S. Africa Command Public Affairs Stuttgart, Germany Nov 24, 2022\n\n"
        "Gen. Jane Roe met Kenyan officials in Nairobi today."
    )
    assert "Public Affairs" not in article.text
    assert "Stuttgart, Germany Nov 24, 2022" in article.text.splitlines()
    assert article.dateline_place is None  # a place of the story, not where its meetings were


def test_a_teaser_cut_short_before_the_whole_caption_on_its_line_goes() -> None:
    caption = "SPLIT, Croatia (May 2, 2024) -- Gen. Jane Roe greets Croatian Chief of Defence Gen. Ivo Kos at the port."
    article = read_text(
        f"Commander Visits Croatia\n\nPhoto By Sgt. Al Poe | {caption[:60]}...... read more read more "
        f"Photo By Sgt. Al Poe | {caption} see less | View Image Page\n\nThe visit lasted two days."
    )
    assert article.text.splitlines()[2] == f"Photo By Sgt. Al Poe | {caption}"
    assert read_text("Gen. Roe said the plan... read more about it later.").text == (
        "Gen. Roe said the plan... read more about it later."
    )


def test_a_dateline_in_mixed_case_before_a_wire_s_tag() -> None:
    article = read_text("Readout\n\nWashington, DC (Capital Wire) Chief spokesperson Ana Soto provided this readout.")
    assert article.dateline_place == "Washington"
    assert read_text("Readout\n\nAna Soto (Solomon, Labor Party) Share this").dateline_place is None
