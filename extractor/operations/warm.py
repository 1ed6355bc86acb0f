"""Imported by the forkserver only: loads the tokenizer once, so that every child
forked from it (batch workers, :func:`extract_limited`) starts with it loaded."""
from __future__ import annotations

from extractor.extract.fields.common import load_tokenizer

load_tokenizer()
