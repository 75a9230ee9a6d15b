"""`wire.normalise` is pure: these tests use no database.

Each fixture is written in the style agencies use (modelled on their conventions,
not copied from their files).
"""

from datetime import datetime

import pytest

from articles.models import Kind, Precedence
from wire.item import Author, WireItem
from wire.normalise import agency_name, normalise, split_bylines


def story(body="<p>Text.</p>", **fields):
    return normalise(WireItem(guid="urn:t:1", format="ninjs", headline="A headline", body_html=body, **fields))


@pytest.mark.parametrize(
    ("first_paragraph", "place", "rest"),
    [
        ("MOSCOW, March 24 (Xinhua) -- Ministers met.", "MOSCOW", "Ministers met."),
        ("BEIJING, Oct. 11 (Xinhua) -- Ministers met.", "BEIJING", "Ministers met."),
        ("GROSSETO, Italy (AP) — Ministers met.", "GROSSETO", "Ministers met."),
        ("London (dpa) - Ministers met.", "London", "Ministers met."),
        ("Oslo (NTB): Ministers met.", "Oslo", "Ministers met."),
        ("Paris, 11 oct (AFP) - Ministers met.", "Paris", "Ministers met."),
        ("São Paulo, 3 de maio (Lusa) - Ministers met.", "", "São Paulo, 3 de maio (Lusa) - Ministers met."),
        ("(ANSA) - Rome, October 11 - Ministers met.", "Rome", "Ministers met."),
        ("Jan 3 (OPTA) - Ministers met.", "", "Ministers met."),
        ("WASHINGTON — Ministers met.", "WASHINGTON", "Ministers met."),
        ("NEW YORK, June 2, 2026 (Reuters) - Ministers met.", "NEW YORK", "Ministers met."),
        ("Ministers met (briefly) - then left.", "", "Ministers met (briefly) - then left."),
    ],
)
def test_datelines_in_agency_forms_leave_the_text_and_keep_the_place(first_paragraph, place, rest):
    result = story(f"<p>{first_paragraph}</p><p>More.</p>")
    assert result.body == f"<p>{rest}</p><p>More.</p>"
    assert result.dateline == place


def test_located_fills_the_dateline_when_the_body_names_no_place():
    assert story("<p>Jan 3 (OPTA) - Goals.</p>", located="Manchester").dateline == "Manchester"
    assert story("<p>LONDON (dpa) - Goals.</p>", located="Manchester").dateline == "LONDON"


def test_xhtml_header_and_empty_nbsp_paragraphs_are_dropped():
    body = (
        "<header><p>economy, trade</p><time>2026-03-24 09:00</time><h1>A headline</h1></header>"
        "<p>&nbsp;</p><p>First.</p><p> \u00a0 </p><p>Second.</p>"
    )
    assert story(body).body == "<p>First.</p><p>Second.</p>"


def test_label_prefix_and_urgency_become_precedence_and_kind():
    result = normalise(WireItem(guid="g", format="ninjs", headline="Analysis: Urgent: Rates rise", urgency=3))
    assert (result.headline, result.kind, result.precedence, result.urgency) == (
        "Rates rise",
        Kind.ANALYSIS,
        Precedence.URGENT,
        3,
    )


def test_end_marker_leaves_the_last_paragraph():
    assert normalise(
        WireItem(guid="g", format="x", headline="h", body_html="<p>Done. Enditem</p>"), "Enditem"
    ).body == ("<p>Done.</p>")


@pytest.mark.parametrize(
    ("statement", "people"),
    [
        ("By Ann Lee, Ben Ode and Cy Park", [("Ann Lee", "", ""), ("Ben Ode", "", ""), ("Cy Park", "", "")]),
        ("Aaron J. Staples, Michigan State University", [("Aaron J. Staples", "", "Michigan State University")]),
        ("By Jane Doe, AP Business Writer", [("Jane Doe", "AP Business Writer", "")]),
        ("Paulo Santalucia and Frances d'Emilio", [("Paulo Santalucia", "", ""), ("Frances d'Emilio", "", "")]),
        ("Ann Lee, Reuters; Ben Ode", [("Ann Lee", "", "Reuters"), ("Ben Ode", "", "")]),
        ("Ann Lee, Ben Ode", [("Ann Lee", "", ""), ("Ben Ode", "", "")]),
    ],
)
def test_bylines_split_into_people_with_affiliations_and_roles(statement, people):
    assert [(a.name, a.role, a.affiliation) for a in split_bylines(statement)] == people


def test_structured_authors_win_over_the_statement_and_come_once():
    result = story(
        bylines=["By Someone Else"], authors=[Author("Ann Lee", "writer"), Author("ann lee"), Author("Ben Ode")]
    )
    assert [(a.name, a.role) for a in result.authors] == [("Ann Lee", "writer"), ("Ben Ode", "")]


def test_times_without_offset_are_in_the_sources_zone_and_offsets_are_kept():
    naive = datetime(2017, 10, 11, 10, 30)
    result = normalise(
        WireItem(guid="g", format="nitf", headline="h", version_created=naive, first_created=naive), zone="Europe/Rome"
    )
    assert result.version_created.isoformat() == "2017-10-11T10:30:00+02:00"
    offset = datetime.fromisoformat("2017-10-11T10:30:00-05:00")
    assert story(version_created=offset).version_created == offset


def test_tags_are_plain_deduplicated_and_keep_unicode():
    assert story(subjects=["北京", "Großbritannien", "<b>großbritannien</b>", "!!!", " "]).tags == [
        "北京",
        "Großbritannien",
        "!!!",
    ]


def test_credit_prefers_names_over_the_providers_web_host():
    item = WireItem(guid="g", format="newsml", credits=["", "ANSA"], provider_uri="ansa.it")
    assert agency_name(item) == "ANSA"
    assert agency_name(WireItem(guid="g", format="newsml", provider_uri="ansa.it")) == "ansa.it"
    assert agency_name(WireItem(guid="g", format="newsml", provider="REUTERS", credits=["Example LLP"])) == "REUTERS"
