"""Groups and what belongs to them, as RDF: Res. 2 mandates, Questions, chairs and vice-chairs, actions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, RDFS, SKOS

from itut_kb import namespaces as ns
from itut_kb.extract.member_states import MemberStateCodes, add_codes, codes_for
from itut_kb.extract.model import (
    Action,
    AnnexCEntry,
    AnnexCNote,
    GeneralArea,
    GroupTitle,
    GuidanceText,
    LeadRole,
    Post,
    Question,
    Span,
)
from itut_kb.extract.writer import GraphWriter
from itut_kb.namespaces import ITUT

RES2 = "Res. 2"
ITU_T = ns.iri("org", "ITU-T")
_GROUP_CLASS = {"TSAG": ITUT.AdvisoryGroup, "SCV": ITUT.VocabularyCommittee}
_GROUP_LABEL_EN = {
    "TSAG": "Telecommunication Standardization Advisory Group",
    "SCV": "Standardization Committee for Vocabulary",
}
_SG = re.compile(r"^SG(\d+)$")


def add_group(out: GraphWriter, group_id: str, title: GroupTitle, alt_titles: Iterable[GroupTitle]) -> None:
    """A group, titled as Res. 2 Annex A prints it (TSAG and SCV: as the management list does)."""
    node = ns.group(group_id)
    match = _SG.match(group_id)
    out.entity(node, _GROUP_CLASS.get(group_id, ITUT.StudyGroup), title.span)
    out.value(node, ITUT.groupId, group_id)
    out.value(node, SKOS.notation, group_id)
    out.link(node, ORG.unitOf, ITU_T)
    out.zh(node, DCTERMS.title, title.title_zh)
    if match:
        out.value(node, ITUT.groupNumber, int(match.group(1)))
        out.zh(node, RDFS.label, f"第{match.group(1)}研究组")
        out.en(node, RDFS.label, f"Study Group {match.group(1)}")
    else:
        out.en(node, RDFS.label, _GROUP_LABEL_EN[group_id])
        out.value(node, RDFS.label, group_id)
    for alt in alt_titles:
        if alt.title_zh != title.title_zh:
            out.zh(node, SKOS.altLabel, alt.title_zh)


def add_general_area(out: GraphWriter, area: GeneralArea) -> None:
    node = ns.iri("group", area.group, "general-area")
    out.entity(node, ITUT.GeneralArea, area.span, f"{RES2} Annex A part 1")
    out.link(node, ITUT.ofGroup, ns.group(area.group))
    out.link(ns.group(area.group), ITUT.generalArea, node)
    out.link(node, ITUT.statedIn, ns.resolution(2))
    out.zh(node, DCTERMS.title, area.title_zh)
    out.zh(node, ITUT.text, area.text_zh)


def add_lead_role(out: GraphWriter, role: LeadRole) -> None:
    node = ns.iri("group", role.group, "lead-role", str(role.ordinal))
    out.entity(node, ITUT.LeadRole, role.span, f"{RES2} Annex A part 2")
    out.link(node, ITUT.ofGroup, ns.group(role.group))
    out.link(ns.group(role.group), ITUT.leadRole, node)
    out.link(node, ITUT.statedIn, ns.resolution(2))
    out.value(node, ITUT.ordinal, role.ordinal)
    out.zh(node, RDFS.label, role.text_zh)


def add_guidance(out: GraphWriter, text: GuidanceText) -> None:
    if text.group is None:
        node = ns.iri("resolution", "2", "annex-b")
    else:
        node = ns.iri("group", text.group, "guidance")
        out.link(node, ITUT.ofGroup, ns.group(text.group))
    out.entity(node, ITUT.GuidanceText, text.span, f"{RES2} Annex B")
    out.link(node, ITUT.statedIn, ns.resolution(2))
    out.zh(node, ITUT.text, text.text_zh)


def add_annex_c_entry(out: GraphWriter, entry: AnnexCEntry) -> URIRef:
    node = ns.iri("group", entry.group, "annex-c", str(entry.ordinal))
    out.entity(node, ITUT.ResponsibilityAssignment, entry.span, f"{RES2} Annex C")
    out.link(node, ITUT.ofGroup, ns.group(entry.group))
    out.link(ns.group(entry.group), ITUT.responsibility, node)
    out.link(node, ITUT.statedIn, ns.resolution(2))
    out.value(node, ITUT.ordinal, entry.ordinal)
    out.zh(node, ITUT.text, entry.text_zh)
    return node


def add_annex_c_note(out: GraphWriter, note: AnnexCNote, ordinal: int) -> URIRef:
    node = ns.iri("group", note.group, "annex-c-note", str(ordinal))
    out.entity(node, ITUT.MandateNote, note.span, f"{RES2} Annex C")
    out.link(node, ITUT.ofGroup, ns.group(note.group))
    out.link(node, ITUT.statedIn, ns.resolution(2))
    out.zh(node, ITUT.text, note.text_zh)
    return node


def add_question(out: GraphWriter, q: Question) -> URIRef:
    node = ns.question(q.final_id)
    out.entity(node, ITUT.Question, q.span, "Part V")
    out.value(node, ITUT.number, q.final_id)
    out.value(node, SKOS.notation, q.final_id)
    out.value(node, ITUT.provisionalNumber, q.provisional_id)
    out.link(node, ITUT.questionOf, ns.group(q.group))
    out.zh(node, DCTERMS.title, q.title_zh)
    out.en(node, RDFS.label, f"Question {q.final_id}")
    return node


def add_posts(out: GraphWriter, posts: Iterable[Post], codes: Mapping[str, MemberStateCodes]) -> None:
    """Chairs and vice-chairs, with the member states that hold them (a vacancy has neither); each member
    state with its ISO 3166-1 codes and English short name from ``codes`` (data/curated/member_states.tsv)."""
    vice_ordinals: dict[str, int] = {}
    states: dict[str, Span] = {}
    for post in posts:
        if post.role == "chair":
            node, cls = ns.iri("group", post.group, "chair"), ITUT.ChairPost
        else:
            vice_ordinals[post.group] = vice_ordinals.get(post.group, 0) + 1
            node = ns.iri("group", post.group, "vice-chair", str(vice_ordinals[post.group]))
            cls = ITUT.ViceChairPost
            out.value(node, ITUT.ordinal, vice_ordinals[post.group])
        out.entity(node, cls, post.span, "Part IV")
        out.link(node, ORG.postIn, ns.group(post.group))
        out.zh(node, ITUT.roleLabel, post.role_zh)
        out.value(node, ITUT.vacant, post.holder is None)
        out.value(node, ITUT.holderName, post.name)
        out.zh(node, ITUT.honorific, post.honorific_zh)
        out.value(node, ITUT.printedName, post.holder)
        if post.member_state_zh:
            out.link(node, ITUT.memberState, ns.iri("member-state", post.member_state_zh))
            states.setdefault(post.member_state_zh, post.span)
    for name, state in codes_for(codes, states).items():
        node = ns.iri("member-state", name)
        out.entity(node, ITUT.MemberState, states[name])
        out.zh(node, RDFS.label, name)
        add_codes(out, node, state)


def add_action(out: GraphWriter, action: Action) -> URIRef:
    node = ns.iri("action", str(action.number))
    out.entity(node, ITUT.Action, action.span, f"WTSA-24 action {action.number}")
    out.value(node, ITUT.number, str(action.number))
    out.value(node, ITUT.ordinal, action.number)
    out.zh(node, ITUT.text, action.text_zh)
    out.zh(node, RDFS.label, f"WTSA-24行动{action.number}")
    out.en(node, RDFS.label, f"WTSA-24 action {action.number}")
    return node
