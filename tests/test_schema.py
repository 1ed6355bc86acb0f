"""The committed JSON Schema is the one the models generate."""
from schemas.__main__ import SCHEMA_PATH, render


def test_json_schema_is_not_stale():
    assert SCHEMA_PATH.read_text() == render(), \
        "schemas/sla.schema.json is stale: run `make schema`"
