"""Standalone NITF 3.x and NewsML 1.2, and the fidelity fixes for NewsML-G2 and ninjs.

The fixtures are written here after the specifications and the agencies'
habits (a Latin-1 NITF file, a headline only in head/title, a NewsML 1.2
envelope with an embedded NITF body), not copied from any agency's files.
"""

import json

import pytest

from articles.models import Article, Byline, Status
from tests.factories import make_source
from wire import ninjs_out
from wire.models import Provenance

from .wire_helpers import NAR, ingest, news_item, news_message, ninjs2, write

pytestmark = pytest.mark.django_db

NITF_LATIN1 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN" xml:lang="it">
 <head>
  <title>Città in festa per la vendemmia</title>
  <docdata>
   <doc-id regsrc="ANSA" id-string="ANSA-2017-10-11-0042"/>
   <urgency ed-urg="3"/>
   <date.issue norm="20171011T103000"/>
   <du-key version="2"/>
   <doc.copyright holder="ANSA" year="2017"/>
   <key-list><keyword key="vendemmia"/><keyword key="Toscana"/></key-list>
  </docdata>
 </head>
 <body>
  <body.head>
   <byline>By<person>Giulia Bianchi</person><byttl>corrispondente</byttl></byline>
   <dateline><location><city>Siena</city></location></dateline>
  </body.head>
  <body.content>
   <p>La città ha festeggiato la vendemmia più ricca degli ultimi anni.</p>
   <hl2>Un anno eccezionale</hl2>
   <p>&#160;</p>
   <p>I produttori parlano di qualità altissima.</p>
  </body.content>
 </body>
</nitf>
""".encode("iso-8859-1")


def test_standalone_nitf_in_latin1_with_title_person_byline_and_subhead(tmp_path):
    make_source(name="ANSA", slug="ansa", credit="ANSA", end_marker="", time_zone="Europe/Rome")
    status, lines = ingest(write(tmp_path, "ansa.xml", NITF_LATIN1))
    assert status == 0, lines
    assert lines[0] == "created ANSA-2017-10-11-0042 Città in festa per la vendemmia"
    story = Article.objects.get(guid="ANSA-2017-10-11-0042")
    assert story.source.slug == "ansa"
    assert story.version == 2
    assert story.language == "it"
    assert story.dateline == "Siena"
    assert story.body == (
        "<p>La città ha festeggiato la vendemmia più ricca degli ultimi anni.</p><h3>Un anno eccezionale</h3>"
        "<p>I produttori parlano di qualità altissima.</p>"
    )
    assert [(b.name, b.role) for b in (c.byline for c in story.credits.all())] == [("Giulia Bianchi", "corrispondente")]
    assert story.published_at.isoformat() == "2017-10-11T08:30:00+00:00"  # 10:30 in Rome, no offset sent
    assert sorted(t.name for t in story.tags.all()) == ["Toscana", "vendemmia"]
    assert story.provenance.format == "nitf"


def test_nitf_without_doc_id_is_rejected_with_its_reason(tmp_path):
    status, lines = ingest(write(tmp_path, "n.xml", b"<nitf><head><title>T</title></head><body/></nitf>"))
    assert status == 1
    assert "missing docdata/doc-id id-string" in lines[0]


NEWSML1 = """<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2">
 <NewsEnvelope><DateAndTime>20171011T103000+0200</DateAndTime></NewsEnvelope>
 <NewsItem>
  <Identification><NewsIdentifier>
   <ProviderId>nordwire.example</ProviderId><DateId>20171011</DateId><NewsItemId>0815</NewsItemId>
   <RevisionId PreviousRevision="0" Update="N">1</RevisionId>
   <PublicIdentifier>urn:newsml:nordwire.example:20171011:0815:1</PublicIdentifier>
  </NewsIdentifier></Identification>
  <NewsManagement>
   <NewsItemType FormalName="News"/>
   <FirstCreated>20171011T103000+0200</FirstCreated>
   <ThisRevisionCreated>20171011T104500+0200</ThisRevisionCreated>
   <Status FormalName="Usable"/>
   <Urgency FormalName="2"/>
  </NewsManagement>
  <NewsComponent>
   <NewsLines>
    <HeadLine>Ferry traffic resumes after storm</HeadLine>
    <ByLine>By Liv Andersen, Nordwire</ByLine>
    <CreditLine>Nordwire</CreditLine>
   </NewsLines>
   <AdministrativeMetadata><Provider><Party FormalName="nordwire.example"/></Provider></AdministrativeMetadata>
   <DescriptiveMetadata>
    <Language FormalName="en"/>
    <SubjectCode><Subject FormalName="04000000" Explanation="economy, business and finance"/></SubjectCode>
    <Location><Property FormalName="City" Value="Bergen"/></Location>
   </DescriptiveMetadata>
   <ContentItem>
    <MediaType FormalName="Text"/>
    <DataContent><nitf><body><body.content>
     <p>Bergen (Nordwire) - Ferries sailed again on Wednesday.</p><p>Queues were short.</p>
    </body.content></body></nitf></DataContent>
   </ContentItem>
  </NewsComponent>
 </NewsItem>
</NewsML>"""


def test_newsml_12_item_with_embedded_nitf(tmp_path):
    status, lines = ingest(write(tmp_path, "nw.xml", NEWSML1))
    assert status == 0, lines
    assert lines[0] == "created urn:newsml:nordwire.example:20171011:0815 Ferry traffic resumes after storm"
    story = Article.objects.get()
    assert story.precedence == "urgent"
    assert story.dateline == "Bergen"
    assert story.body == "<p>Ferries sailed again on Wednesday.</p><p>Queues were short.</p>"
    assert [(b.name, b.affiliation) for b in Byline.objects.all()] == [("Liv Andersen", "Nordwire")]
    assert story.published_at.isoformat() == "2017-10-11T08:30:00+00:00"
    assert [t.name for t in story.tags.all()] == ["economy, business and finance"]
    # The agency's name from the credit line beats the provider's web host.
    assert story.source.credit == "Nordwire"
    revised = NEWSML1.replace(">1</RevisionId>", ">2</RevisionId>").replace("Ferry traffic", "All ferry traffic")
    assert ingest(write(tmp_path, "nw2.xml", revised))[1][0].startswith("updated urn:newsml:nordwire.example:20171011")


def test_g2_credit_comes_from_copyright_holder_not_the_providers_web_host(tmp_path):
    item = news_item(extra_content="<creditline>ANSA</creditline>").replace(
        '<provider literal="Harbour Wire"/>', '<provider uri="http://www.ansa.it/"/>'
    )
    ingest(write(tmp_path, "a.xml", item))
    assert Article.objects.get().source.name == "ANSA"


def test_g2_subjects_by_name_literal_or_qcode(tmp_path):
    subjects = (
        '<subject qcode="medtop:04000000"><name>economy</name></subject>'
        '<subject literal="harbours"/><subject qcode="medtop:20000523"/>'
    )
    ingest(write(tmp_path, "a.xml", news_item(extra_content=subjects)))
    assert sorted(t.name for t in Article.objects.get().tags.all()) == ["20000523", "economy", "harbours"]


def test_html_sent_as_plain_text_is_read_as_html(tmp_path):
    item = news_item().replace(
        '<inlineXML contenttype="application/xhtml+xml">'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body><p>Ships moved again.</p>'
        "</body></html></inlineXML>",
        '<inlineData contenttype="text/plain">&lt;p&gt;Ships moved again.&lt;/p&gt;&lt;p&gt;Cranes too.&lt;/p&gt;'
        "</inlineData>",
    )
    ingest(write(tmp_path, "a.xml", item))
    assert Article.objects.get().body == "<p>Ships moved again.</p><p>Cranes too.</p>"
    doc = json.loads(ninjs2(uri="urn:t:2"))
    doc["bodies"] = [{"role": "main", "contenttype": "text/plain", "value": "<p>One.</p>\n<p>Two.</p>"}]
    ingest(write(tmp_path, "b.json", json.dumps(doc)))
    assert Article.objects.get(guid="urn:t:2").body == "<p>One.</p><p>Two.</p>"


def test_xhtml_header_is_not_copied_into_the_story(tmp_path):
    body = "<header><h1>Harbour reopens after storm</h1><p>harbour, weather</p></header><p>Ships moved again.</p>"
    ingest(write(tmp_path, "a.xml", news_item(body=body)))
    assert Article.objects.get().body == "<p>Ships moved again.</p>"


def test_package_beside_a_story_is_skipped_and_the_file_is_good(tmp_path):
    package = (
        '<packageItem guid="urn:pkg:1" version="1"><itemMeta><itemClass qcode="ninat:composite"/></itemMeta>'
        '<groupSet root="G1"><group id="G1"><itemRef residref="urn:test:g2:1"/></group></groupSet></packageItem>'
    )
    status, lines = ingest(write(tmp_path, "m.xml", news_message(package, news_item())))
    assert status == 0, lines
    assert lines[0].startswith("# skipped urn:pkg:1 <packageItem> is a package")
    assert lines[1] == "created urn:test:g2:1 Harbour reopens after storm"
    assert lines[-1].endswith("1 created, 0 updated, 0 unchanged, 0 rejected")


def test_ninjs_authors_with_roles_and_affiliations(tmp_path):
    doc = ninjs2(
        by="By Someone Else",
        authors=[
            {"name": "Aaron J. Staples", "role": "author", "organisation": "Michigan State University"},
            {"name": "Li Wei", "jobtitle": "Photographer"},
        ],
    )
    ingest(write(tmp_path, "a.json", doc))
    people = [(b.name, b.role, b.affiliation) for b in Article.objects.get().ordered_bylines()]
    assert people == [("Aaron J. Staples", "author", "Michigan State University"), ("Li Wei", "Photographer", "")]


def test_located_is_stored_and_served_as_ninjs_located(tmp_path, subscriber_client):
    ingest(write(tmp_path, "a.json", ninjs2(located="Bergen, Norway", body="<p>Jan 3 (OPTA) - Goals.</p>")))
    story = Article.objects.get()
    assert story.dateline == "Bergen, Norway"
    assert story.body == "<p>Goals.</p>"
    assert subscriber_client.get("/api/ninjs/urn%3Atest%3A1").json()["located"] == "Bergen, Norway"


def test_offsetless_times_follow_the_sources_time_zone(tmp_path):
    make_source(name="Kyodo", slug="kyodo", credit="Kyodo", time_zone="Asia/Tokyo")
    doc = ninjs2(versioncreated="2026-03-24T09:00:00", infosources=[{"name": "Kyodo"}])
    ingest(write(tmp_path, "a.json", doc))
    assert Article.objects.get().published_at.isoformat() == "2026-03-24T00:00:00+00:00"
    assert Provenance.objects.get().version_created.isoformat() == "2026-03-24T00:00:00+00:00"


def test_kill_keeps_the_agencys_time_in_the_api(tmp_path):
    ingest(write(tmp_path, "a.json", ninjs2(version="1")))
    kill = ninjs2(version="2", pubstatus="canceled", versioncreated="2026-03-25T07:15:00Z", ednote="Legal kill.")
    ingest(write(tmp_path, "b.json", kill))
    story = Article.objects.get()
    assert story.status == Status.WITHDRAWN
    assert ninjs_out.canceled(story)["versioncreated"] == "2026-03-25T07:15:00Z"


def test_unchanged_line_prints_the_stored_headline(tmp_path):
    ingest(write(tmp_path, "a.json", ninjs2(version="2", headline="Stored headline")))
    _, lines = ingest(write(tmp_path, "b.json", ninjs2(version="1", headline="Older headline")))
    assert lines[0] == "unchanged urn:test:1 Stored headline"


def test_unknown_namespace_prefix_on_newsitem_still_reads(tmp_path):
    # NewsML-G2 in a default namespace is the common case; an item without it still parses the same way.
    assert ingest(write(tmp_path, "a.xml", news_item().replace(f' xmlns="{NAR}"', "")))[0] == 0


def test_nitf_canceled_management_status_withdraws_the_story(tmp_path):
    ingest(write(tmp_path, "a.xml", NITF_LATIN1))
    kill = NITF_LATIN1.replace(b"<docdata>", b'<docdata management-status="canceled">').replace(
        b'version="2"', b'version="3"'
    )
    _, lines = ingest(write(tmp_path, "b.xml", kill))
    assert lines[0].startswith("updated ANSA-2017-10-11-0042")
    assert Article.objects.get().status == Status.WITHDRAWN


def test_ninjs_array_cut_short_keeps_the_items_before_the_break(tmp_path):
    items = [json.loads(ninjs2(uri=f"urn:arr:{n}", headline=f"Item {n}")) for n in range(3)]
    text = json.dumps(items)
    status, lines = ingest(write(tmp_path, "cut.json", text[: text.index("urn:arr:2") + 4]))
    assert status == 1
    assert lines[:2] == ["created urn:arr:0 Item 0", "created urn:arr:1 Item 1"]
    assert lines[2].startswith(f"rejected {tmp_path / 'cut.json'} truncated JSON (the file ends mid-item)")
