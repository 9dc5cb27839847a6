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

from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, RDFS, SKOS

from itut_kb import namespaces as ns
from itut_kb.extract import actions as part_i_actions
from itut_kb.extract import aseries, resolutions
from itut_kb.extract.documents_rdf import CitationContext
from itut_kb.extract.recommendations import RecommendationIndex
from itut_kb.extract.record.agreed_actions import check_mapping, load_links
from itut_kb.extract.record.context import (
    Context,
    aseries_numbers,
    part_iv_posts,
    questions_by_group,
    subjects_of,
    typed_subjects,
)
from itut_kb.extract.record.decisions_rdf import (
    DecisionWriter,
    appointment_rule,
    batch_iri,
    decision_iri,
    match_post,
    unit_posts,
    write_provisional_names,
)
from itut_kb.extract.record.model import Decision, DocRef, TextRef, VoteResult
from itut_kb.extract.record.names import StateNames, resolve_provisional_names, text_refs
from itut_kb.extract.record.officers import load_organizations
from itut_kb.extract.record.parse import ORGANIZATIONS, AssemblyRecord, parse_record
from itut_kb.extract.record.registry import Documents, Organizations, States, record_iri
from itut_kb.extract.record.sentences import sentences
from itut_kb.extract.record.structure_rdf import StructureWriter, item_iri, meeting_iri
from itut_kb.extract.source import Source, SourceStructureError
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

_MERGED_INTO = re.compile(r"第(?P<n>\d+)研究组（原合并研究组）")
_FORMER_TITLE = re.compile(r"ITU-T第(?P<n>\d+)研究组 – (?P<title>\S.*)$")
_REPORTED_MEETINGS = re.compile(r"第(?P<n>[一二三四])次全体会议")
_COMMITTEE_REPORT = re.compile(
    r"第(?P<c>\d)委员会主席[^。]*?介绍了(?:第\d委员会)?(?P<doc>\S+?号文件)中的报告"
)
_PUBLISHED = re.compile(r"作为(?P<doc>\d+)号文件发布")
_COMMITTEE_BULLET = re.compile(r"^– 第(?P<c>\d)委员会")
_ACTION_COUNT = re.compile(r"(?P<n>\d+)项WTSA-24行动")


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
    ctx = _context(src, curated, record, parts)
    documents = Documents()
    states = States(ctx.states, ctx.typed)
    orgs = Organizations(load_organizations(curated / ORGANIZATIONS))
    structure = StructureWriter(out, documents, states, orgs)
    _check_organizations(src, orgs)

    posts = {(o.body, o.role, o.ordinal, o.role_zh): structure.officer(o) for o in record.officers}
    chair = record_iri("chair")
    dates = _meetings(structure, record, chair)
    for committee in record.committees:
        structure.committee(committee.committee)
    published = _published_reports(record)
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
    _decisions(writer, record, ctx, posts, out)
    _statements(writer, record, curated, citations, recs, out)
    write_provisional_names(out, ctx)
    _action_names(out, record, curated, ctx)
    documents.write(out)
    states.write(out)
    orgs.write(out)
    return record


def _context(src: Source, curated: Path, record: AssemblyRecord, parts: Mapping[str, GraphWriter]) -> Context:
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
        resolutions={r.number: r for r in all_resolutions},
        aseries=aseries_numbers(aseries.parse_aseries(src)),
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
    reported = _plenary_report_documents(record)
    for report in record.plenary_reports:
        for printed in report.meetings:
            meeting = replace(printed, report=reported.get(printed.number))
            dates[("plenary", meeting.number)] = (structure.meeting(meeting, chair), meeting.date)
    for committee in record.committees:
        for meeting in committee.meetings:
            dates[(meeting.body, meeting.number)] = (structure.meeting(meeting), meeting.date)
    return dates


def _plenary_report_documents(record: AssemblyRecord) -> dict[int, DocRef]:
    """Meeting number -> the document of its report, from the approvals of reports ("56号文件中的第一次…")."""
    out: dict[int, DocRef] = {}
    for decision in record.plenary_decisions:
        if decision.kind == "document-approval" and "报告" in decision.text_zh and decision.documents:
            for match in _REPORTED_MEETINGS.finditer(decision.text_zh):
                out["一二三四".index(match["n"]) + 1] = decision.documents[0]
    return out


def _published_reports(record: AssemblyRecord) -> dict[str, DocRef]:
    """Report key -> the document it was published as, as the plenary reports say."""
    from itut_kb.extract.record.documents import doc_refs

    by_meeting = _plenary_report_documents(record)
    out: dict[str, DocRef] = {}
    for report in record.plenary_reports:
        docs = {by_meeting[m.number] for m in report.meetings if m.number in by_meeting}
        if len(docs) == 1:
            out[report.key] = docs.pop()
    committee_reports = {c.committee.key: c.report.key for c in record.committees}
    for meeting in (m for r in record.plenary_reports for m in r.meetings):
        for item in meeting.items:
            for match in _COMMITTEE_REPORT.finditer(item.text_zh):
                out[committee_reports[f"COM{match['c']}"]] = doc_refs(match["doc"])[0]
            current = None
            for paragraph in item.text_zh.split("\n"):
                bullet = _COMMITTEE_BULLET.match(paragraph)
                current = bullet["c"] if bullet else current
                published = _PUBLISHED.search(paragraph)
                if published and current:
                    out[committee_reports[f"COM{current}"]] = doc_refs(published["doc"] + "号文件")[0]
    return out


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


def _decisions(
    writer: DecisionWriter,
    record: AssemblyRecord,
    ctx: Context,
    posts: Mapping[tuple[str, str, int, str | None], URIRef],
    out: GraphWriter,
) -> None:
    plenary_text = "\n".join(i.text_zh for r in record.plenary_reports for m in r.meetings for i in m.items)
    voted: dict[URIRef, VoteResult] = {}
    vote_decision = next(d for d in record.plenary_decisions if d.method == "vote")
    for vote in record.votes:
        post = match_post(vote, ctx.posts, ctx.states.table)
        node = record_iri("report", "VI-1.2", "annex", "5", "vote", vote.ordinal)
        writer.vote(vote, node, post, decision_iri(vote_decision))
        if post is not None and vote.yes > vote.no:
            voted[post.iri] = vote
    curated = _curated_appointments(record, ctx)
    elsewhere = {post for post, _d, _n in curated}
    for decision in record.plenary_decisions:
        node = writer.decision(decision)
        rule = appointment_rule(decision) if decision.kind == "appointment" else None
        targets: list[URIRef] = []
        if rule == "assembly-chair":
            targets = [record_iri("chair")]
        elif rule == "committee-officers":
            targets = unit_posts(out)
        elif rule == "french-vice-chair":
            targets = [record_iri("committee", "COM5", "vice-chair", "fr")]
        elif rule == "part-iv-vote":
            targets = sorted(voted)
        elif rule == "part-iv-consensus":
            targets = [p.iri for p in ctx.posts if p.holder and p.iri not in voted and p.iri not in elsewhere]
        writer.links(node, ITUT.appointedTo, targets)
        _special(writer, decision, node, ctx, plenary_text, out)
    for target, decision, why in curated:
        writer.links(writer.decision(decision, note=why), ITUT.appointedTo, [target])
    for committee in record.committees:
        for decision in committee.decisions:
            node = writer.decision(decision)
            if decision.kind == "question-approval":
                _questions(writer, node, decision, ctx)


def _special(
    writer: DecisionWriter, decision: Decision, node: URIRef, ctx: Context, plenary: str, out: GraphWriter
) -> None:
    if decision.kind == "abrogation":
        number = re.search(r"废止(?:WTSA)?第(?P<n>\d+)号决议", decision.text_zh)
        assert number is not None
        out.link(node, ITUT.abrogates, ns.resolution(int(number["n"])))
    elif decision.kind == "restructuring":
        _restructuring(writer, decision, node, plenary, out)
    elif decision.kind == "action-approval":
        count = _ACTION_COUNT.search(decision.text_zh)
        if count is None or int(count["n"]) != len(ctx.actions):
            raise SourceStructureError(
                f"the plenary approves {count and count['n']} actions; Part I has {len(ctx.actions)}"
            )
        writer.links(node, ITUT.approves, [ns.iri("action", str(a.number)) for a in ctx.actions])
    elif decision.kind == "question-approval":
        _questions(writer, node, decision, ctx)
    elif decision.kind == "agreement" and "TSAG" in decision.text_zh:
        out.link(node, ITUT.concernsGroup, ns.group("TSAG"))


def _questions(writer: DecisionWriter, node: URIRef, decision: Decision, ctx: Context) -> None:
    groups = decision.groups or tuple(f"SG{n}" for n in re.findall(r"第(\d+)研究组", decision.text_zh))
    for group in dict.fromkeys(groups):
        writer.links(node, ITUT.approves, [ns.question(q) for q in ctx.questions.get(group, ())])


def _restructuring(
    writer: DecisionWriter, decision: Decision, node: URIRef, plenary: str, out: GraphWriter
) -> None:
    merged_into = _MERGED_INTO.search(plenary)
    if merged_into is None:
        raise SourceStructureError("the plenary reports never say which group the merged group became")
    result = ns.group(f"SG{merged_into['n']}")
    titles = {f"SG{m['n']}": m["title"] for line in plenary.split("\n") if (m := _FORMER_TITLE.search(line))}
    for group in decision.groups:
        former = ns.group(group)
        out.entity(former, ITUT.FormerStudyGroup, decision.span)
        out.value(former, SKOS.notation, group)
        out.zh(former, RDFS.label, f"第{group[2:]}研究组（2022-2024年研究期）")
        out.en(former, RDFS.label, f"Study Group {group[2:]} (2022-2024)")
        out.zh(former, DCTERMS.title, titles.get(group))
        out.link(node, ORG.originalOrganization, former)
    out.link(node, ORG.resultingOrganization, result)
    out.value(node, ITUT.retainedCount, decision.kept)
    writer.links(node, ITUT.retainedGroup, sorted(writer.ctx.study_groups - {result}))


def _curated_appointments(record: AssemblyRecord, ctx: Context) -> list[tuple[URIRef, Decision, str]]:
    """data/curated/appointments.tsv: the post (group and Member State), the meeting and item, why."""
    path_rows = [line.split("\t") for line in _read(ctx, "appointments.tsv").splitlines()]
    out = []
    meetings = {m.number: m for r in record.plenary_reports for m in r.meetings}
    for group, state, meeting, item_number, why in (
        r for r in path_rows[1:] if r and not r[0].startswith("#")
    ):
        found = [p for p in ctx.posts if p.group == group and p.state == state and p.holder]
        if len(found) != 1:
            raise SourceStructureError(f"appointments.tsv: {len(found)} posts of {group} held by {state}")
        item = next(i for i in meetings[int(meeting)].items if i.number == item_number)
        sentence = next(
            s
            for s in sentences(item.span.file, item.text_zh, item.lines, item.span)
            if f"第{group[2:]}研究组" in s.text
        )
        ordinal = 1 + sum(
            1 for d in record.plenary_decisions if d.meeting == int(meeting) and d.item == item_number
        )
        decision = Decision(
            "appointment", "plenary", int(meeting), item_number, ordinal, sentence.text, sentence.span
        )
        out.append((found[0].iri, decision, why))
    return out


def _read(ctx: Context, name: str) -> str:
    return (ctx.curated / name).read_text(encoding="utf-8")


def _statements(
    writer: DecisionWriter,
    record: AssemblyRecord,
    curated: Path,
    citations: CitationContext,
    recs: RecommendationIndex,
    out: GraphWriter,
) -> None:
    subjects = [
        line.split("\t")
        for line in (curated / "statement_subjects.tsv").read_text(encoding="utf-8").splitlines()
    ]
    for statement in record.statements:
        if statement.kind == "statement":
            report, _, label = statement.key.partition("-annex-")
            node = record_iri("report", report, "annex", label)
            out.link(node, ITUT.annexOf, record_iri("report", report))
            out.value(node, ITUT.annexLabel, label)
        else:
            report = statement.key.rsplit("-", 2)[0]
            node = URIRef(
                f"{item_iri(record_iri('report', report), statement.item or '')}/statement/{statement.key.rsplit('-', 1)[1]}"
            )
        meeting = item = None
        if statement.meeting is not None:
            body, number = statement.meeting
            meeting = (
                record_iri("plenary", number)
                if body == "plenary"
                else record_iri("committee", body, "meeting", number)
            )
            if statement.item:
                item = item_iri(
                    meeting if body == "plenary" else record_iri("report", report), statement.item
                )
        writer.statement(statement, node, meeting, item)
        citations.cite(out, node, statement.text_zh, statement.span, recs)
        for row in subjects[1:]:
            if row and not row[0].startswith("#") and row[0] == statement.key:
                if row[2] not in statement.text_zh.replace("\n", ""):
                    raise SourceStructureError(
                        f"statement_subjects.tsv: {row[2]!r} is not in {statement.key}"
                    )
                out.link(node, ITUT.concerns, ns.iri(*row[1].split("/")))


def _action_names(out: GraphWriter, record: AssemblyRecord, curated: Path, ctx: Context) -> None:
    links = load_links(curated / "agreed_actions.tsv")
    check_mapping(record.agreed_actions, links, ctx.actions)
    by_label = {link.label: link for link in links}
    for entry in record.agreed_actions:
        link = by_label[entry.label]
        node = record_iri("provisional-name", "action", entry.label.replace("/", "-"))
        out.entity(node, ITUT.ProvisionalName, entry.span)
        out.value(node, SKOS.notation, entry.label)
        out.value(node, RDFS.label, entry.label)
        out.zh(node, SKOS.altLabel, entry.printed)
        out.link(node, ITUT.designates, ns.iri("action", str(link.action)))
        out.value(node, ITUT.settledBy, "curated")
        out.value(node, SKOS.editorialNote, link.why)
