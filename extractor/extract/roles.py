"""Clause roles: what a sentence does in an SLA, scored from cue words.

The same figure means different things in different clauses: "99.9%" in "we will make
the service available 99.9% of the time" is a commitment, in "our uptime last year was
99.998%" a record, in "a customer at 99.5% would earn 10%" an example. Field families
ask for a sentence's role and weigh their candidates by it, so definitions, examples,
history and marketing lose to commitments without each family repeating the cues.

Cues, one example each:
- example: "For example, ...", "a customer at 99.5% would receive ...";
- history: "we have delivered 99.998% over the past year", "our uptime record is ...";
- marketing: "save 20%", "an industry-leading platform", "best in class";
- change_notice: "we may change this SLA with 60 days' notice";
- definition: '"Downtime" means ...', "is defined as", "refers to";
- claim_procedure: "to receive a credit, submit a claim within 30 days";
- exclusion_list: "does not apply to", under a heading "Exclusions";
- commitment: "will", "shall", "guarantee", "commit", "aim to provide", "strive".
"""
from __future__ import annotations

import re

from extractor.extract.candidates import Role
from extractor.extract.fields.common import Sentence, in_example
from extractor.extract.lexicon import HISTORY_WORDS, MARKETING_WORDS
from extractor.extract.patterns import words_pattern

CHANGE_NOTICE = re.compile(
    r"\b(?:chang\w*|modif\w*|amend\w*|updat\w*|revis\w*)\b[^.]{0,80}\b(?:this|the|these)\s+"
    r"(?:SLA|service level agreement|agreement|terms|policy)\b"
    r"|\b(?:this|the)\s+(?:SLA|service level agreement|policy)\b[^.]{0,40}\b(?:chang\w*|modif\w*|"
    r"amend\w*|updat\w*)", re.I)
DEFINITION = re.compile(
    r"^[\"'“]?[A-Z][\w\s-]{1,60}[\"'”]?\s+(?:means|shall mean|is defined as|refers to|is the)\b"
    r"|\b(?:means|is defined as|shall mean)\b", re.I)
CLAIM_WORDS = ("claim", "request a credit", "request credit", "submit", "to receive a credit",
               "to receive credit")
EXCLUSION_HEADING = re.compile(r"\b(?:exclusions?|exceptions?|limitations?|not covered)\b", re.I)
EXCLUSION_CUE = re.compile(r"\b(?:does not apply|do not apply|shall not apply|excludes?|excluding|"
                           r"not (?:be )?(?:count|includ|consider)\w*)\b", re.I)
COMMITMENT = re.compile(
    r"\b(?:will|shall|guarantee\w*|commit\w*|warrant\w*|promis\w*|pledge\w*|aims?\s+to|"
    r"strives?\s+to|endeavou?rs?\s+to|target|ensure\w*)\b", re.I)
HISTORY = words_pattern(HISTORY_WORDS)
MARKETING = words_pattern(MARKETING_WORDS)


def sentence_role(sentence: Sentence) -> Role:
    """The most telling role of one sentence (weak roles first: they veto)."""
    text = sentence.text
    lowered = sentence.lower
    if in_example(sentence):
        return "example"
    if HISTORY.search(text, 0, lowered):
        return "history"
    if MARKETING.search(text, 0, lowered):
        return "marketing"
    if ("notice" in lowered or "chang" in lowered or "modif" in lowered) and CHANGE_NOTICE.search(
            text):
        return "change_notice"
    if EXCLUSION_HEADING.search(sentence.heading.split(" / ")[-1]) or EXCLUSION_CUE.search(text):
        return "exclusion_list"
    if any(word in lowered for word in CLAIM_WORDS):
        return "claim_procedure"
    if DEFINITION.search(text):
        return "definition"
    if COMMITMENT.search(text) or (sentence.intro and COMMITMENT.search(sentence.intro)):
        return "commitment"
    return "other"
