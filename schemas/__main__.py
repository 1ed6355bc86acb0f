"""Write (or check) the JSON Schema generated from the models.

    python -m schemas            # rewrite schemas/sla.schema.json
    python -m schemas --check    # exit 1 when the file is stale
"""
import json
import sys
from pathlib import Path

from schemas.models import SLAExtraction

SCHEMA_PATH = Path(__file__).with_name("sla.schema.json")


def render() -> str:
    return json.dumps(SLAExtraction.model_json_schema(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not SCHEMA_PATH.exists() or SCHEMA_PATH.read_text() != text:
            print(f"{SCHEMA_PATH} is stale: run `python -m schemas`", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
