"""The structure of the record as RDF: meetings, reports and their items and annexes, committees, officers,
batches of texts, amounts.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDFS, SKOS, XSD

from itut_kb.extract.management import split_honorific
from itut_kb.extract.model import Span
from itut_kb.extract.record.committees import Amount, Committee
from itut_kb.extract.record.documents import doc_refs
from itut_kb.extract.record.model import Annex, Batch, DocRef, Item, Meeting, Officer, Report
from itut_kb.extract.record.registry import WTSA, Documents, Organizations, States, record_iri
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

IST = "+05:30"  # the record gives times in India Standard Time ("印度标准时间")
ORDINAL_ZH = "一二三四五六七八九"


def meeting_iri(meeting: Meeting) -> URIRef:
    if meeting.body == "plenary":
        return record_iri("plenary", meeting.number)
    return record_iri("committee", meeting.body, "meeting", meeting.number)


def body_iri(body: str) -> URIRef:
    """The Assembly ("WTSA-24", "plenary"), a committee ("COM3") or a working group ("4A")."""
    if body in {"WTSA-24", "plenary"}:
        return WTSA
    if body.startswith("COM"):
        return record_iri("committee", body)
    return record_iri("committee", f"COM{body[0]}", "working-group", body)


def item_iri(container: URIRef, number: str) -> URIRef:
    return URIRef(f"{container}/item/{number}")


class StructureWriter:
    def __init__(self, out: GraphWriter, documents: Documents, states: States, orgs: Organizations) -> None:
        self.out = out
        self.documents = documents
        self.states = states
        self.orgs = orgs

    def meeting(self, meeting: Meeting, chair: URIRef | None = None) -> URIRef:
        out, node = self.out, meeting_iri(meeting)
        cls = ITUT.PlenaryMeeting if meeting.body == "plenary" else ITUT.CommitteeMeeting
        out.entity(node, cls, meeting.span)
        out.value(node, ITUT.meetingNumber, meeting.number)
        out.link(node, ITUT.meetingOf, body_iri(meeting.body))
        out.graph.add((node, DCTERMS.date, Literal(meeting.date, datatype=XSD.date)))
        for prop, time in ((PROV.startedAtTime, meeting.start), (PROV.endedAtTime, meeting.end)):
            if time:
                stamp = f"{meeting.date}T{int(time.split(':')[0]):02d}:{time.split(':')[1]}:00{IST}"
                out.graph.add((node, prop, Literal(stamp, datatype=XSD.dateTime)))
        out.value(node, ITUT.timesPrinted, meeting.times_zh)
        if meeting.body == "plenary":
            out.zh(node, RDFS.label, f"第{ORDINAL_ZH[meeting.number - 1]}次全体会议")
            out.en(node, RDFS.label, f"Plenary meeting {meeting.number} of WTSA-24")
        else:
            out.zh(node, RDFS.label, f"第{meeting.body[3:]}委员会第{ORDINAL_ZH[meeting.number - 1]}次会议")
            out.en(node, RDFS.label, f"Committee {meeting.body[3:]}, meeting {meeting.number}")
        out.zh(node, ITUT.openingChair, meeting.opening_chair_zh)
        out.zh(node, SKOS.editorialNote, meeting.note_zh)
        if chair is not None:
            out.link(node, ITUT.chairedBy, chair)
        for prop, ref in ((ITUT.reportDocument, meeting.report), (ITUT.agenda, meeting.agenda)):
            if ref is not None:
                out.link(node, prop, self.documents.mention(ref, meeting.span))
        return node

    def item(self, container: URIRef, item: Item, plenary: bool, label: str) -> URIRef:
        out, node = self.out, item_iri(container, item.number)
        out.entity(node, ITUT.AgendaItem if plenary else ITUT.ReportItem, item.span, f"{label} {item.number}")
        out.value(node, ITUT.itemNumber, item.number)
        out.link(node, ITUT.itemOf, container)
        if item.parent:
            out.link(node, ITUT.parentItem, item_iri(container, item.parent))
        out.zh(node, DCTERMS.title, item.title_zh)
        out.zh(node, RDFS.label, f"{item.number} {item.title_zh}")
        out.zh(node, ITUT.text, item.text_zh)
        for ref in doc_refs(item.title_zh + "\n" + item.text_zh):
            out.link(node, ITUT.refersToDocument, self.documents.mention(ref, item.span))
        return node

    def report(
        self,
        report: Report,
        meetings: Iterable[URIRef] = (),
        committee: URIRef | None = None,
        published: DocRef | None = None,
    ) -> URIRef:
        out, node = self.out, record_iri("report", report.key)
        out.entity(node, ITUT.AssemblyReport, report.span, report.key)
        out.value(node, ITUT.sectionNumber, report.key)
        out.zh(node, DCTERMS.title, report.title_zh)
        out.zh(node, RDFS.label, report.title_zh)
        out.zh(node, ITUT.heading, report.heading_zh)
        out.zh(node, ITUT.authorLabel, report.author_zh)
        for meeting in meetings:
            out.link(node, ITUT.reportOf, meeting)
        if committee is not None:
            out.link(node, ITUT.reportBy, committee)
        doc = published or report.published_as
        if doc is not None:
            out.link(node, ITUT.publishedAs, self.documents.mention(doc, report.span))
        for item in report.items:
            self.item(node, item, False, report.key)
        return node

    def annex(self, report: URIRef, annex: Annex, cls: URIRef) -> URIRef:
        out, node = self.out, URIRef(f"{report}/annex/{annex.label}")
        out.entity(node, cls, annex.span)
        out.value(node, ITUT.annexLabel, annex.label)
        out.link(node, ITUT.annexOf, report)
        out.zh(node, DCTERMS.title, annex.title_zh)
        out.zh(node, RDFS.label, f"附件{annex.label} {annex.title_zh}")
        return node

    def committee(self, committee: Committee) -> URIRef:
        out, node = self.out, body_iri(committee.key)
        out.entity(node, ITUT.AssemblyCommittee, committee.span)
        out.value(node, ITUT.committeeNumber, committee.number)
        out.value(node, SKOS.notation, committee.key)
        out.zh(node, RDFS.label, f"第{committee.number}委员会")
        out.en(node, RDFS.label, f"Committee {committee.number} of WTSA-24")
        out.zh(node, DCTERMS.title, committee.title_zh)
        out.link(node, ORG.subOrganizationOf, WTSA)
        out.value(node, ITUT.meetingsHeld, committee.meetings_held)
        for group in committee.working_groups:
            wg = body_iri(group)
            out.entity(wg, ITUT.AssemblyWorkingGroup, committee.span)
            out.value(wg, SKOS.notation, group)
            out.zh(wg, RDFS.label, f"{group}工作组")
            out.link(wg, ORG.subOrganizationOf, node)
        return node

    def officer(self, officer: Officer) -> URIRef:
        out, unit = self.out, body_iri(officer.body)
        if officer.body == "WTSA-24":
            node = record_iri("chair")
        elif officer.role == "chair":
            node = URIRef(f"{unit}/chair")
        else:
            node = URIRef(f"{unit}/vice-chair/{'fr' if officer.role_zh == '法文副主席' else officer.ordinal}")
        cls = ITUT.AssemblyChair if officer.role == "chair" else ITUT.AssemblyViceChair
        out.entity(node, cls, officer.span)
        out.link(node, ORG.postIn, unit)
        out.zh(node, ITUT.roleLabel, officer.role_zh or ("主席" if officer.role == "chair" else "副主席"))
        if officer.name_zh:  # (a post of the record may name nobody: filled by reference to TD-5)
            name, honorific = split_honorific(officer.name_zh, f"officer at line {officer.span.start}")
            out.value(node, ITUT.holderName, name)
            out.zh(node, ITUT.honorific, honorific)
            out.value(node, ITUT.printedName, officer.name_zh)
        if officer.role == "vice-chair" and officer.role_zh is None:
            out.value(node, ITUT.ordinal, officer.ordinal)
        if officer.member_state_zh:
            out.link(node, ITUT.memberState, self.states.mention(officer.member_state_zh, officer.span))
        if officer.organization:
            out.link(node, ITUT.regionalOrganization, self.orgs.mention(officer.organization, officer.span))
        return node

    def batch(self, batch: Batch, node: URIRef, span: Span, title: str | None) -> URIRef:
        out = self.out
        cls = ITUT.EditorialBatch if batch.source == "COM5" else ITUT.CommitteeBatch
        out.entity(node, cls, span)
        out.value(node, ITUT.batchNumber, batch.number)
        out.value(node, SKOS.notation, batch.label)
        out.value(node, RDFS.label, batch.label)
        out.zh(node, DCTERMS.title, title)
        out.link(node, ITUT.submittedBy, body_iri(batch.source))
        if batch.document is not None:
            out.link(node, ITUT.publishedAs, self.documents.mention(batch.document, span))
        return node

    def amounts(self, report: URIRef, amounts: Iterable[Amount]) -> None:
        counters: dict[str, int] = {}
        for amount in amounts:
            counters[amount.item] = counters.get(amount.item, 0) + 1
            node = URIRef(f"{item_iri(report, amount.item)}/amount/{counters[amount.item]}")
            self.out.entity(node, ITUT.Amount, amount.span)
            self.out.value(node, ITUT.amount, amount.value)
            self.out.value(node, ITUT.currency, "CHF")
            self.out.value(node, RDFS.label, amount.printed)
            self.out.zh(node, ITUT.text, amount.sentence_zh)
            self.out.link(node, ITUT.underItem, item_iri(report, amount.item))
