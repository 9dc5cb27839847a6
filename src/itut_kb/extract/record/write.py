"""Part VI into the KB: parse the record, resolve its names against the rest of the KB, write it.

The links to the rest of the KB:

- every text a plenary approved or a committee agreed links to its Resolution or Recommendation (a
  provisional name through :mod:`names`), every batch to the texts in it;
- the merger of SG9 and SG16 (an org:ChangeEvent) to the former groups and to the group the third
  plenary calls "第21研究组（原合并研究组）", and to the other study groups it keeps;
- the approval of the WTSA-24 actions to the fifteen actions, the approval of the Questions to the
  Questions of the groups it names;
- appointments to the posts of Part IV and of the record (:mod:`decisions_rdf`);
- statements to the Member States and regional organizations that make, sign, support or oppose
  them, and (``data/curated/statement_subjects.tsv``) to what they are about.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from itut_kb.extract import actions as part_i_actions
from itut_kb.extract import resolutions
from itut_kb.extract.citing import CitationContext
from itut_kb.extract.member_states import CURATED_FILE as MEMBER_STATES
from itut_kb.extract.member_states import load_member_states
from itut_kb.extract.model import Span
from itut_kb.extract.recommendations import RecommendationIndex
from itut_kb.extract.record.context import (
    Context,
    part_iv_posts,
    questions_by_group,
    subjects_of,
    typed_subjects,
)
from itut_kb.extract.record.decisions_rdf import (
    DecisionWriter,
    batch_iri,
    write_provisional_names,
)
from itut_kb.extract.record.linking import write_action_names, write_decisions, write_statements
from itut_kb.extract.record.model import TextRef
from itut_kb.extract.record.names import StateNames, resolve_provisional_names, text_refs
from itut_kb.extract.record.officers import load_organizations
from itut_kb.extract.record.parse import ORGANIZATIONS, AssemblyRecord, parse_record
from itut_kb.extract.record.publications import plenary_report_documents, published_reports
from itut_kb.extract.record.registry import Documents, Organizations, States, record_iri
from itut_kb.extract.record.structure_rdf import StructureWriter, meeting_iri
from itut_kb.extract.source import Source, SourceStructureError
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT


def write_record(
    out: GraphWriter,
    src: Source,
    curated: Path,
    parts: Mapping[str, GraphWriter],
    citations: CitationContext,
    recs: RecommendationIndex,
) -> AssemblyRecord:
    """Write Part VI into ``out``; ``parts`` are the other parts, already written."""
    record = parse_record(src, curated)
    ctx = build_context(src, curated, record, parts)
    documents = Documents()
    states = States(ctx.states, ctx.typed, load_member_states(curated / MEMBER_STATES))
    orgs = Organizations(load_organizations(curated / ORGANIZATIONS))
    structure = StructureWriter(out, documents, states, orgs)
    _check_organizations(src, orgs)

    for officer in record.officers:
        structure.officer(officer)
    chair = record_iri("chair")
    dates = _meetings(structure, record, chair)
    for committee in record.committees:
        structure.committee(committee.committee)
    published = published_reports(record)
    for report in record.plenary_reports:
        meetings = [meeting_iri(m) for m in report.meetings]
        node = structure.report(report, meetings, published=published.get(report.key))
        for meeting in report.meetings:
            for item in meeting.items:
                structure.item(meeting_iri(meeting), item, True, f"第{meeting.number}次全体会议")
        for annex in report.annexes:
            if not annex.title_zh.endswith("声明"):
                structure.annex(node, annex, ITUT.ReportAnnex)
    for committee in record.committees:
        unit = URIRef(str(record_iri("committee", committee.committee.key)))
        node = structure.report(
            committee.report, committee=unit, published=published.get(committee.report.key)
        )
        for inner in committee.reports:
            inner_node = structure.report(inner, committee=unit)
            out.link(inner_node, DCTERMS.isPartOf, node)
            out.link(
                inner_node, ITUT.reportOf, record_iri("committee", committee.committee.key, "meeting", 5)
            )
        for annex in committee.report.annexes:
            structure.annex(node, annex, ITUT.ReportAnnex)
        structure.amounts(node, committee.amounts)
    for listed in record.documents_listed:
        documents.title(listed.document, listed.title_zh, listed.group_zh, listed.span)

    writer = DecisionWriter(out, ctx, documents, states, orgs, dates)
    _batches(structure, record, ctx)
    write_decisions(writer, record, ctx, out)
    write_statements(writer, record, curated, citations, recs, out)
    _cite_texts(out, src, citations, recs)
    write_provisional_names(out, ctx)
    write_action_names(out, record, curated, ctx)
    documents.write(out)
    states.write(out)
    orgs.write(out)
    return record


def build_context(
    src: Source, curated: Path, record: AssemblyRecord, parts: Mapping[str, GraphWriter]
) -> Context:
    all_resolutions = resolutions.parse_resolutions(src)
    decisions = [*record.plenary_decisions, *(d for c in record.committees for d in c.decisions)]
    batches = [b for c in record.committees for b in c.batches]
    plenary_batches: dict[str, list[TextRef]] = {}
    for d in record.plenary_decisions:
        if d.batch and d.text:
            plenary_batches.setdefault(d.batch, []).append(d.text)
    titled = {
        d.text.designation: d.text.title_zh
        for d in decisions
        if d.text and d.text.provisional and d.text.title_zh
    }
    provisional = resolve_provisional_names(
        text_refs(decisions, batches),
        titled,
        plenary_batches,
        record.committee("COM5").batches,
        all_resolutions,
        curated / "provisional_names.tsv",
    )
    return Context(
        actions=part_i_actions.parse_actions(src),
        questions=questions_by_group(parts["questions"].graph),
        posts=part_iv_posts(parts["management"].graph),
        typed=typed_subjects(parts),
        states=StateNames.load(curated / "member_state_names.tsv"),
        provisional=provisional,
        study_groups=subjects_of(parts, ITUT.StudyGroup),
        curated=curated,
    )


def _check_organizations(src: Source, orgs: Organizations) -> None:
    """Each curated regional organization is printed with its abbreviation somewhere in Part VI."""
    from itut_kb.extract.record.part6 import part6_lines

    text = "".join(line.text for line in part6_lines(src))
    for abbr, org in orgs.known.items():
        if f"{org.name_zh}（{abbr}）" not in text:
            raise SourceStructureError(
                f"regional_organizations.tsv: Part VI never prints {org.name_zh}（{abbr}）"
            )


def _meetings(
    structure: StructureWriter, record: AssemblyRecord, chair: URIRef
) -> dict[tuple[str, int], tuple[URIRef, str]]:
    dates = {}
    reported = plenary_report_documents(record)
    for report in record.plenary_reports:
        for printed in report.meetings:
            meeting = replace(printed, report=reported.get(printed.number))
            chaired = chair if meeting.chair_zh else None
            dates[("plenary", meeting.number)] = (structure.meeting(meeting, chaired), meeting.date)
    for committee in record.committees:
        for meeting in committee.meetings:
            dates[(meeting.body, meeting.number)] = (structure.meeting(meeting), meeting.date)
    return dates


def _batches(structure: StructureWriter, record: AssemblyRecord, ctx: Context) -> None:
    series = {b.label: b for b in record.committee("COM5").batches}
    items = {(m.number, i.number): i for r in record.plenary_reports for m in r.meetings for i in m.items}
    written: set[str] = set()
    for decision in record.plenary_decisions:
        if not decision.batch or decision.batch in written:
            continue
        written.add(decision.batch)
        item = items[(decision.meeting or 0, decision.item or "")]
        title = re.match(r"^B\d+：(?P<t>[^（]+)", item.title_zh)
        number = int(decision.batch[1:])
        batch = replace(
            series[decision.batch], document=decision.documents[0] if decision.documents else None
        )
        node = structure.batch(
            batch, batch_iri(decision.batch), item.span, title["t"].strip() if title else None
        )
        for text in series[decision.batch].texts:
            structure.out.link(node, ITUT.listedText, ctx.text_iri(text))
        assert batch.number == number
    for batch in record.committee("COM4").batches:
        structure.batch(batch, batch_iri(batch.label), batch.span, batch.title_zh)


def _cite_texts(out: GraphWriter, src: Source, citations: CitationContext, recs: RecommendationIndex) -> None:
    """Every text of the record (items, decisions, statements, sentences of amounts) cites what it names, as
    the texts of the other parts do (a text noted twice is linked once)."""
    for node, text in sorted(out.graph.subject_objects(ITUT.text)):
        first, last = out.graph.value(node, ITUT.firstLine), out.graph.value(node, ITUT.lastLine)
        if isinstance(node, URIRef) and isinstance(first, Literal) and isinstance(last, Literal):
            citations.cite(out, node, str(text), Span(src.name, int(first), int(last)), recs)
