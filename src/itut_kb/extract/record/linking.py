"""The links of the record's decisions and statements to the rest of the KB, and the curated ones.

See :mod:`write` for the list of links; the appointments' rules are in :mod:`decisions_rdf`.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, RDFS, SKOS

from itut_kb import namespaces as ns
from itut_kb.extract.citing import CitationContext
from itut_kb.extract.recommendations import RecommendationIndex
from itut_kb.extract.record.agreed_actions import check_mapping, load_links
from itut_kb.extract.record.context import Context
from itut_kb.extract.record.decisions_rdf import (
    DecisionWriter,
    appointment_rule,
    decision_iri,
    match_post,
    unit_posts,
)
from itut_kb.extract.record.model import Decision, VoteResult
from itut_kb.extract.record.parse import AssemblyRecord
from itut_kb.extract.record.registry import record_iri
from itut_kb.extract.record.sentences import sentences
from itut_kb.extract.record.structure_rdf import item_iri
from itut_kb.extract.source import SourceStructureError
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

_MERGED_INTO = re.compile(r"第(?P<n>\d+)研究组（原合并研究组）")

_FORMER_TITLE = re.compile(r"ITU-T第(?P<n>\d+)研究组 – (?P<title>\S.*)$")

_ACTION_COUNT = re.compile(r"(?P<n>\d+)项WTSA-24行动")


def write_decisions(
    writer: DecisionWriter,
    record: AssemblyRecord,
    ctx: Context,
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


def write_statements(
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


def write_action_names(out: GraphWriter, record: AssemblyRecord, curated: Path, ctx: Context) -> None:
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
