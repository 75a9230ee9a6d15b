"""Each IPTC sample in tests/data/iptc ingests into the expected fields."""

import pytest

from articles.models import Article, Kind, Status
from wire.models import IngestLog, Provenance

from .wire_helpers import SAMPLES, ingest

pytestmark = pytest.mark.django_db


def test_ninjs_22_text_article_lands_with_headline_byline_and_dateline():
    status, lines = ingest(SAMPLES / "ninjs/2.2/005_complex_text_article.json")
    assert status == 0
    assert (
        lines[0]
        == "created http://ninjs.example.com/newsitems/20130709med123 Captain of wrecked cruise ship on trial in Italy"
    )
    story = Article.objects.get(guid="http://ninjs.example.com/newsitems/20130709med123")
    assert story.headline == "Captain of wrecked cruise ship on trial in Italy"
    assert story.dateline == "GROSSETO"
    assert story.body.startswith("<p>The trial of the captain")
    assert [b.name for b in story.ordered_bylines()] == ["Paulo Santalucia", "Frances d'Emilio"]
    assert story.language == "en"
    assert story.status == Status.PUBLISHED
    assert story.provenance.format == "ninjs"


def test_ninjs_31_camel_case_sample_reads_like_22():
    status, lines = ingest(SAMPLES / "ninjs/3.1/005_complex_text_article.json")
    assert status == 0, lines
    story = Article.objects.get(guid="http://ninjs.example.com/newsitems/20130709med123")
    assert story.published_at.isoformat() == "2013-07-09T10:37:00+00:00"
    assert "Schettino" in story.body


def test_ninjs_composite_sample_keeps_its_version():
    ingest(SAMPLES / "ninjs/2.2/003_associations_example.json")
    story = Article.objects.get(guid="http://www.businesswire.com/news/home/20130515006361/en")
    assert story.version == 1
    assert story.headline.startswith("Dell Redefines Workstation")


def test_newsml_news_item_with_itemmeta_maps_genre_embargo_and_provider():
    status, _ = ingest(SAMPLES / "newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml")
    assert status == 0
    story = Article.objects.get(guid="urn:newsml:acmenews.com:20161018:US-FINANCE-FED")
    assert story.headline == 'Fed to halt QE to avert "bubble"'
    assert story.version == 11
    assert story.kind == Kind.INTERVIEW
    assert story.embargo_until.isoformat() == "2018-10-23T12:00:00+00:00"
    assert story.source.name == "REUTERS"
    assert story.slugline == "US-Finance-Fed"
    assert "STRICTLY EMBARGOED" in story.editors_note
    assert [b.name for b in story.ordered_bylines()] == ["Meredith Jameson"]
    assert sorted(t.name for t in story.tags.all()) == ["economy, business and finance", "labour market"]


def test_newsml_nitf_body_becomes_paragraphs_and_byline():
    ingest(SAMPLES / "newsml-g2/LISTING_2_NewsML-G2_Text_Document.xml")
    story = Article.objects.get(guid="urn:newsml:acmenews.com:20161121:US-FINANCE-FED")
    assert story.body.startswith("<p>(New York, NY - October 21) Et, sent luptat")
    assert story.body.count("<p>") >= 2
    assert [b.name for b in story.ordered_bylines()] == ["Meredith Jameson"]
    assert story.language == "en-US"
    # The provider is only a web address; the copyright holder names the agency.
    assert story.source.name == "Acme News and Media LLC"


def test_newsml_sports_story_gets_summary_slugline_and_subjects():
    ingest(SAMPLES / "newsml-g2/LISTING_22_Sports_story_in_NewsML-G2NITF.xml")
    story = Article.objects.get(guid="tag:xmlteam.com,2016:xt.5932656-preview")
    assert story.summary.startswith("A pair of teams coming off big weekend sweeps will square off")
    assert story.slugline == "AAV!PREVIEW-ARI-PHI"
    assert "Philadelphia Phillies" in {t.name for t in story.tags.all()}
    assert [b.name for b in story.ordered_bylines()] == ["The Sports Network"]


def test_newsml_package_is_skipped_with_a_note_not_rejected():
    status, lines = ingest(SAMPLES / "newsml-g2/LISTING_6_Simple_NewsML-G2_Package.xml")
    assert status == 0
    assert lines[0] == (
        "# skipped tag:example.com,2008:UK-NEWS-TOPTEN:UK20081220098658 "
        "<packageItem> is a package of other items: nothing to ingest"
    )
    assert not IngestLog.objects.filter(action="rejected").exists()


def test_whole_samples_folder_ingests_every_story_once():
    ingest(SAMPLES)
    status, lines = ingest(SAMPLES / "ninjs" / "2.2", SAMPLES / "newsml-g2" / "LISTING_2_NewsML-G2_Text_Document.xml")
    assert status == 0
    assert all(line.startswith("unchanged ") for line in lines[:-1])
    assert Provenance.objects.count() == Article.objects.count() == 6
