"""Credit schedules: what share of the fee (or how many days of service) each level
of availability, or each length of repair time, earns.

Phrasings handled, one example each:
- tier tables: ``| 99.0% – 99.99% | 10% of monthly spend |``, ``| < 99.9% | 25% |``,
  ``| Less than 99.95% but at least 99.0% | 10% |``, ``| 99.0% to < 99.9% | 10% |``,
  ``| Below 95.0% | 50% |``;
- environment columns: ``| <99.99% | <99.9% | 10% |`` (one schedule per column);
- prose tiers: "less than 99.8% but equal to or greater than 99.0% ... a Service Credit
  of 10%", "If availability falls below 99% you receive 25%";
- per point: "1% of the fees for each 1% that the uptime is lower than the target";
- flat: "In case of an outage larger than that, ... service credits equaling 50%";
- days of service: "| 99.0% – 99.9% | 3 days |", "a credit of seven (7) days of service";
- hours-to-repair tables: ``| > 2 hours | 20% |``, ``| ≤ 2 hours | None |``,
  ``| 4 – 8 hours | 10% |``;
- list items under a credit lead-in: "where availability is less than 99.0%: fifteen per
  cent (15%);"; a rising credit: "Below 99.5% ..., the credit rises to 25%";
- days pushed back: "your renewal date moves back by two (2) days";
- weeks or months of service: "a credit of one full week's cost", "one half of one month
  of service";
- per unit of downtime: "5% of the monthly fee for each 60-minute period of downtime",
  "one day of service per hour of downtime";
- pro rata: "a pro-rata credit of the fees for the time the service was unavailable",
  "10 times the fees for the downtime".
Tables that illustrate the rule ("The table below illustrates the calculation") are
examples, not schedules.

Printed ranges that leave a gap ("99.0 – 99.99" then "95.0 – 98.9") are made
contiguous, with a warning.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from extractor.extract.candidates import Candidate, issue
from extractor.extract.context import Context
from extractor.extract.document import Block, Document
from extractor.extract.fields.common import (
    DIGITS,
    NUMBER,
    Sentence,
    heading_paths,
    in_example,
    parse_number,
    percents,
    run_in_title,
    sentences,
    singular,
    strip_examples,
)
from extractor.extract.grids import flattened_tables, implicit_tables
from extractor.extract.patterns import Gated, Leftmost
from extractor.extract.registry import field_family
from schemas import CreditSchedule, PerPoint, PerUnit, ProRata, Tier, UptimeTarget

NUM = r"(\d+(?:\.\d+)?)"
# a unit of downtime: "hour", "60-minute", "half-hour", "15 minutes"
# "hour", "60-minute", "half-hour", "period of thirty (30) minutes"
UNIT = (r"(?:period\s+of\s+)?(?P<size>\d+|one|two|three|four|five|six|ten|fifteen|thirty|sixty)?"
        r"(?:\s*\(\d+\))?[- ]?"
        r"(?P<unit>half[- ]hours?|1/2[- ]hours?|half an hour|minutes?|mins?|hours?|hrs?|days?)")
CREDIT_WORD = Gated(re.compile(r"\b(?:credit(?:ed)?|refund(?:ed)?|compensation|rebate|"
                               r"discount)s?\b", re.I),
                    ("credit", "refund", "compensation", "rebate", "discount"))
HOURS_HEADER = re.compile(r"\b(?:hours?|time|period|duration|repair|restor|replace|resol)", re.I)
AVAIL_HEADER = re.compile(r"\b(?:uptime|availability|available|service level|SLA|percentage)\b",
                          re.I)
LESS = (
    r"(?:<|less than|lower than|below|under|fewer than|falls? (?:below|under)|drops? below|"
    r"but less than)"
)
LESS_EQ = r"(?:≤|<=|=<|at most|up to|or less|or lower|and below|no more than)"
GREATER_EQ = (r"(?:≥|>=|=>|at least|at or above|not (?:fall )?below|not less than|"
              r"equal to or (?:greater|higher|more) than|greater than or "
              r"equal to|or (?:higher|more|greater|above)|and above|no less than|minimum of)")
GREATER = r"(?:>|\d\s*\+|greater than|more than|higher than|above|exceeds?|over|in excess of)"
DAYS_CREDIT = re.compile(rf"(?P<num>{NUMBER})\s*(?:additional\s+)?(?:calendar\s+)?days?\b", re.I)
NONE_CELL = re.compile(r"^\s*(?:none|n/?a|no credit|0|0%|-|—|–|nil)\s*$", re.I)


@dataclass
class TierFinding:
    lower: Decimal
    upper: Decimal | None
    credit_percent: Decimal | None = None
    credit_days: Decimal | None = None
    lower_inclusive_printed: bool = True


@dataclass
class ScheduleFinding:
    metric: str
    start: int
    end: int
    services: list[str] = field(default_factory=list)
    tiers: list[TierFinding] = field(default_factory=list)
    per_point: tuple[Decimal, Decimal] | None = None  # (credit per point, below)
    pro_rata: tuple[Decimal, str] | None = None  # (multiplier, basis)
    # (credit % per unit or None, days per unit or None, unit minutes, rounding)
    per_unit: tuple[Decimal | None, Decimal | None, Decimal, str] | None = None
    below_target: bool = False  # flat or per-point with "below the target": resolve later
    relative_top: bool = False  # a table whose top row is "below its commitment": ditto
    top_inclusive: bool = False  # the top band printed as "99.90% to 99.98%", both ends shown
    description: str | None = None
    warnings: list[str] = field(default_factory=list)
    context: str = ""  # headings and lead-in text that may name the service


# ---------------------------------------------------------------- ranges in cells

def parse_availability_range(text: str) -> tuple[Decimal | None, Decimal | None] | None:
    """``"99.0% – 99.99%"`` -> (99.0, 99.99); ``"< 99.9%"`` -> (None, 99.9);
    ``"≥ 99.0% and < 99.9%"`` -> (99.0, 99.9); returns None when no range is there."""
    t = text.replace("–", "-").replace("—", "-")
    values = [p.value for p in percents(t)]
    if not values:
        if re.search(r"\b(?:min|mins|minutes?|hours?|hrs?|days?|seconds?|ms)\b", t, re.I):
            return None  # "43 – 86 min": downtime, not availability
        bare = re.findall(r"\b(\d{2}(?:\.\d+)?)\b", t)
        values = [Decimal(v) for v in bare if Decimal(v) >= 50]
        if not values:
            return None
    pair = RANGE_PAIR.search(t) if len(values) == 1 else None
    if pair:  # "99.0 - 99.89%": the unit printed once, after the second figure
        values = [Decimal(pair.group(1)), Decimal(pair.group(2))]
    if len(values) >= 2:
        lo, hi = min(values[:2]), max(values[:2])
        return lo, hi
    value = values[0]
    if re.search(LESS + r"|" + LESS_EQ, t, re.I):
        return None, value
    if re.search(GREATER_EQ + r"|" + GREATER, t, re.I):
        return value, None
    return value, value


def parse_hours_range(text: str) -> tuple[Decimal | None, Decimal | None] | None:
    """``"> 2 hours"`` -> (2, None); ``"≤ 2 hours"`` -> (None, 2); ``"4 - 8 hours"`` -> (4, 8)."""
    t = text.replace("–", "-").replace("—", "-")
    nums = [n for m in re.finditer(NUMBER, t, re.I) if (n := parse_number(m.group(0))) is not None]
    if (
        not nums
        or "%" in t
        or not re.search(r"\b(?:hours?|hrs?|h|minutes?|mins?)\b|\d\s*h\b", t, re.I)
    ):
        return None
    if re.search(r"\bminutes?\b|\bmins?\b", t, re.I):
        nums = [n / 60 for n in nums]
    if len(nums) >= 2:
        return min(nums[:2]), max(nums[:2])
    if re.search(LESS + "|" + LESS_EQ + r"|within", t, re.I):
        return None, nums[0]
    if re.search(GREATER + "|" + GREATER_EQ, t, re.I):
        return nums[0], None
    return None


RANGE_PAIR = re.compile(r"(?<![\d.])(\d{2,3}(?:\.\d+)?)\s*(?:-|to)\s*(\d{2,3}(?:\.\d+)?)\s*%")
TABLE_RANGE_HEAD = re.compile(r"\b(?:availability|uptime|range|level|percentage)\b", re.I)
# a band stated against the target itself: "less than its commitment", "below the SLA"
RELATIVE_ROW = re.compile(
    r"\b(?:less than|lower than|below|under|falls? (?:below|short of)|miss(?:es|ed)?|"
    r"not meet\w*)\s+"
    r"(?:its|the|our|each|your|that|this)?\s*(?:\w+'s\s+|applicable\s+|monthly\s+|stated\s+)*"
    r"(?:commitment|target|service level|SLA|guarantee|SLO|uptime commitment|objective)\b", re.I)
BARE_FIGURE = re.compile(r"^\s*(?P<num>\d{1,3}(?:\.\d+)?)\s*$")


def parse_credit_cell(text: str, bare_percent: bool = False
                      ) -> tuple[Decimal | None, Decimal | None] | None:
    """(credit_percent, credit_days) of a credit cell, or None when it holds neither.
    ``bare_percent``: the column's header names the credit as a percentage, so a bare
    figure ("50") in it is one."""
    if NONE_CELL.match(text):
        return Decimal(0), None
    values = percents(text)
    if values:
        return values[0].value, None
    bare = BARE_FIGURE.match(text) if bare_percent else None
    if bare and Decimal(bare.group("num")) <= 100:
        return Decimal(bare.group("num")), None
    days = DAYS_CREDIT.search(text) if "day" in text.lower() else None
    if days:
        return None, parse_number(days.group("num"))
    return None


# ---------------------------------------------------------------- tables

TARGET_HEADER = re.compile(r"\b(?:commitment|target|guarantee|SLA)\b", re.I)
LOWER_HEADER = re.compile(r"^\s*(?:at least|from|minimum|min\.?|lower(?: bound)?|≥|>=)\b", re.I)
UPPER_HEADER = re.compile(r"^\s*(?:(?:but\s+)?(?:less than|below|under)|to|up to|maximum|max\.?|"
                          r"upper(?: bound)?|<)", re.I)
ROW_SERVICE = re.compile(r"^(?P<name>[A-Za-z][^%\d<>≤≥|]{1,50}?)\s*(?:–|—|-|:)\s+(?P<rest>.*\d.*)$")
RANGE_WORDS = re.compile(r"\b(?:below|less|under|above|at least|between|from|up to|more|over|"
                         r"availab|uptime|"
                         r"monthly|hours?|minutes?|time)\b", re.I)
# metric words trailing a column label: "Standard plan – Monthly Availability", "Pro credit (%)"
LABEL_NOISE = re.compile(
    r"(?:\s*[–—:(-]\s*|\s+)(?:(?:service\s+)?credits?(?:\s+percentage)?|(?:monthly\s+)?(?:uptime|"
    r"availability)"
    r"(?:\s+percentage)?|\(?%\)?)\)?\s*$", re.I)


def service_label(header: str) -> str:
    """``"Standard plan – Monthly Availability"`` -> ``"Standard plan"``;
    ``"Pro credit"`` -> ``"Pro"``."""
    label, previous = header.strip(), None
    while label != previous:
        previous, label = label, LABEL_NOISE.sub("", label).strip(" –—:-")
    return label


def _row_service(text: str) -> tuple[str | None, str]:
    """A range cell that names its service first: "Production – below 99.0%"."""
    m = ROW_SERVICE.match(text.strip())
    if m and not RANGE_WORDS.search(m.group("name")):
        return m.group("name").strip(), m.group("rest")
    return None, text


THRESHOLD_HEAD = re.compile(
    r"^\s*(?:<|below|under|less than)\s*(?P<num>\d+(?:\.\d+)?)\s*%\s*$", re.I
)


def _threshold_header_schedules(block: Block) -> list[ScheduleFinding]:
    """| Service | < 99.9% | < 99.0% | < 95.0% | with each row's credits in the cells."""
    rows = [r for r in block.rows if r.cells]
    heads = [THRESHOLD_HEAD.match(c) for c in rows[0].texts[1:]] if rows else []
    if len(rows) < 2 or len(heads) < 2 or not all(heads):
        return []
    bounds = [Decimal(h.group("num")) for h in heads if h]
    found = []
    for row in rows[1:]:
        raw = []
        for i, upper in enumerate(bounds, start=1):
            credit = parse_credit_cell(row.texts[i]) if i < len(row.texts) else None
            if credit is None or credit == (Decimal(0), None):
                continue  # "—": no credit below this threshold for this service
            raw.append(((None, upper), credit))
        if raw:
            schedule = ScheduleFinding("availability_percent", block.start, block.end,
                                       services=[row.texts[0]])
            schedule.tiers, _ = _availability_tiers(raw)
            found.append(schedule)
    return found


# a credit column priced per unit of downtime: "Credit for each hour of Downtime"
PER_UNIT_HEAD = re.compile(rf"\b(?:for|per)\s+(?:each|every)?\s*(?:full\s+)?{UNIT}\b", re.I)
ROUND_UP = re.compile(r"\bpart(?:\s+\w+){0,2}\s+(?:thereof|counts?|is counted|rounded up)|"
                      r"\bround(?:ed)? up\b|"
                      r"\bor part\b|\bstarted\b", re.I)


def _per_unit_rows(block: Block, header: list[str], data_rows: list) -> list[ScheduleFinding]:
    """One per-unit schedule per row of a table whose credit column is priced per unit of
    downtime, each row's rounding read from its own words ("part hours count", "only full
    hours count")."""
    col = next(
        (i for i, h in enumerate(header) if CREDIT_WORD.search(h) and PER_UNIT_HEAD.search(h)), None
    )
    if col is None:
        return []
    head = PER_UNIT_HEAD.search(header[col])
    minutes = _unit_minutes(head) if head else None
    if minutes is None:
        return []
    found = []
    for row in data_rows:
        texts = row.texts
        if col >= len(texts):
            continue
        credit = parse_credit_cell(texts[col])
        if credit is None or credit == (Decimal(0), None):
            continue
        rest = " ".join(t for i, t in enumerate(texts) if i != col)
        rounding = "up" if ROUND_UP.search(rest) else "down"
        schedule = ScheduleFinding("availability_percent", block.start, block.end,
                                   services=[texts[0]] if texts[0] and col != 0 else [])
        schedule.per_unit = (credit[0], credit[1], minutes, rounding)
        found.append(schedule)
    return found


MAX_COLUMNS = 40


def table_schedules(block: Block, services: list[str] | None = None) -> list[ScheduleFinding]:
    """Schedules of a credit table: one per range column (environments as columns), per
    credit column (plans as columns) or per service named at the start of the rows."""
    rows = [r for r in block.rows if r.cells]
    if len(rows) < 2 or max(len(r.cells) for r in rows) > MAX_COLUMNS:
        return []  # a row of hundreds of cells is a run of separators, not a credit table
    by_threshold = _threshold_header_schedules(block)
    if by_threshold:
        return by_threshold
    header_idx = _header_row(rows)
    header = rows[header_idx].texts if header_idx is not None else []
    data_rows = rows[(header_idx + 1) if header_idx is not None else 0:]
    # a group row ("SMS API — Monthly Uptime Commitment 99.95%") fills one cell only
    data_rows = [r for r in data_rows if sum(1 for c in r.texts if c) >= 2]
    if not data_rows:
        return []
    ncols = max(len(r.cells) for r in data_rows)
    per_unit = _per_unit_rows(block, header, data_rows)
    if per_unit:
        return per_unit
    # columns headed by the services' own names ("| Monthly Availability | Standard | Archive |")
    service_cols = [i for i, h in enumerate(header) if i and services and h
                    and services_named(h, services) is not None and not TABLE_RANGE_HEAD.search(h)]
    credit_cols = (
        service_cols if len(service_cols) >= 2 else _credit_columns(header, data_rows, ncols)
    )
    if not credit_cols:
        return []
    header_text = " ".join(
        " ".join(r.texts) for r in rows[: header_idx + 1 if header_idx is not None else 0]
    )
    metric_hours = (bool(HOURS_HEADER.search(header_text)) and not AVAIL_HEADER.search(
        header_text)) or all(parse_hours_range(r.texts[0]) for r in data_rows if r.texts[0])
    parse_range = parse_hours_range if metric_hours else parse_availability_range

    def parses(col: int) -> bool:
        cells = [r.texts[col] for r in data_rows if col < len(r.texts)]
        return sum(parse_range(_row_service(c)[1]) is not None for c in cells) >= max(
            1, len(cells) / 2
        )

    def head(col: int) -> str:
        return header[col] if col < len(header) else ""

    # a column of each row's commitment ("Uptime Commitment | 99.95%") is not a band
    range_cols = [c for c in range(ncols) if c not in credit_cols and parses(c)
                  and not (TARGET_HEADER.search(head(c)) and not _states_its_commitment(header))]
    if not range_cols:
        return []
    lower_col = next((c for c in range_cols if LOWER_HEADER.search(head(c))), None)
    upper_col = next((c for c in range_cols if UPPER_HEADER.search(head(c))), None)
    bounds_apart = lower_col is not None and upper_col is not None and lower_col != upper_col
    if bounds_apart and lower_col is not None:  # "| at least | but less than |": one band
        range_cols = [lower_col]
    named = lambda col: service_label(header[col]) if col < len(header) else ""  # noqa: E731
    # a column naming the service of each row: "| Device Gateway | 99.0% – under 99.9% | 15% |"
    def labels(col: int) -> bool:  # most cells short names (a group row may say more)
        cells = [r.texts[col] for r in data_rows if col < len(r.texts)]
        good = [c for c in cells if c and len(c) <= 40 and not re.search(r"\d", c)]
        return bool(cells) and len(good) >= 0.75 * len(cells)

    label_cols = [
        c for c in range(ncols) if c not in credit_cols and c not in range_cols and labels(c)
    ]
    label_col = label_cols[0] if len(label_cols) == 1 else None
    if len(credit_cols) > 1 and len(range_cols) == 1:
        pairs = [(range_cols[0], cc, named(cc)) for cc in credit_cols]
    elif len(range_cols) > 1:
        pairs = [(rc, credit_cols[0], named(rc)) for rc in range_cols]
    else:
        pairs = [(range_cols[0], credit_cols[0], _commitment_name(head(range_cols[0])))]
    def percent_header(col: int) -> bool:
        return bool(re.search(r"%|percent", head(col), re.I)) and bool(
            CREDIT_WORD.search(head(col))
        )

    found: list[ScheduleFinding] = []
    bare_cells: list[str] = []
    for range_col, credit_col, service in pairs:
        groups: dict[str, list] = {}
        relative: dict[str, tuple] = {}
        two_sided: set[tuple[str, Decimal]] = set()
        for row in data_rows:
            texts = row.texts
            if range_col >= len(texts) or credit_col >= len(texts):
                continue
            row_service, range_text = _row_service(texts[range_col])
            if label_col is not None and label_col < len(texts):
                row_service = texts[label_col]
            rng = parse_range(range_text)
            if bounds_apart and lower_col is not None and upper_col is not None \
                    and upper_col < len(texts):
                low, high = percents(texts[lower_col]), percents(texts[upper_col])
                rng = (low[0].value if low else None, high[0].value if high else None)
                if rng == (None, None):
                    rng = None
            credit = parse_credit_cell(texts[credit_col], bare_percent=percent_header(credit_col))
            if (rng is None or rng[1] is None) and credit is not None and not metric_hours \
                    and RELATIVE_ROW.search(range_text):
                relative.setdefault(row_service or service, credit)  # "below its commitment"
                continue
            if rng is None or credit is None:
                continue
            if not percents(texts[credit_col]) and credit[0] not in (None, Decimal(0)) \
                    and BARE_FIGURE.match(texts[credit_col]):
                bare_cells.append(texts[credit_col])
            groups.setdefault(row_service or service, []).append((rng, credit))
            if rng[0] is not None and rng[1] is not None and rng[0] != rng[1]:
                two_sided.add((row_service or service, rng[1]))
        for name, raw in groups.items():
            schedule = ScheduleFinding("hours" if metric_hours else "availability_percent",
                                       block.start, block.end)
            if metric_hours:
                schedule.tiers = _hours_tiers(raw)
            else:
                schedule.tiers, gap = _availability_tiers(raw)
                if name in relative and schedule.tiers:
                    # the top row is each service's own target: from the next row's top up
                    top = max(t.upper for t in schedule.tiers if t.upper is not None)
                    pct, days = relative[name]
                    schedule.tiers.insert(0, TierFinding(top, None, pct, days))
                    schedule.relative_top = True
                if gap:
                    schedule.warnings.append(
                        "the credit table's printed ranges leave gaps (" + gap
                        + "); tiers were made contiguous, each gap read as the lower tier")
            if name:
                schedule.services = [name]
            uppers = [t.upper for t in schedule.tiers if t.upper is not None]
            schedule.top_inclusive = bool(uppers) and (name, max(uppers)) in two_sided
            if bare_cells:
                schedule.warnings.append(
                    "a credit cell prints " + ", ".join(f"'{c}'" for c in bare_cells)
                    + " without a unit under a percentage header; read as a percentage")
            found.append(schedule)
    return found


DATA_CELL = re.compile(r"\d\s*%|^\s*[<>≤≥]?\s*\d[\d.,]*\s*(?:%|hours?|hrs?|h|min\w*|days?)?\s*$|"
                       r"\d\s*(?:hours?|hrs?|h)\b", re.I)


def _header_row(rows) -> int | None:
    """The last row before the first row holding figures: the column names. A number
    inside words ("Downtime, 30-day month") does not make a row data."""
    for i, row in enumerate(rows):
        if i == 0 and _states_its_commitment(row.texts):
            continue  # "Regional Control Plane — Monthly Uptime Commitment 99.95% | Credit"
        if any(DATA_CELL.search(c) for c in row.texts):
            return i - 1 if i > 0 else None
    return None


def _commitment_name(header_cell: str) -> str:
    """ "Zonal Control Plane — Monthly Uptime Commitment 99.5%" -> "Zonal Control Plane"."""
    from extractor.extract.fields.targets import COMMITMENT_ROW

    m = COMMITMENT_ROW.match(header_cell)
    return m.group("name").strip(" –—:-") if m else ""


def _states_its_commitment(header: list[str]) -> bool:
    """A header row whose band column names its service and commitment, beside a credit
    column: the figure in it heads the column, it is no band."""
    from extractor.extract.fields.targets import COMMITMENT_ROW

    return any(COMMITMENT_ROW.match(c) for c in header) and any(
        CREDIT_WORD.search(c) and not re.search(r"\d", c) for c in header)


def _credit_columns(header: list[str], data_rows, ncols: int) -> list[int]:
    named = [i for i, name in enumerate(header) if CREDIT_WORD.search(name)]
    if named:
        return named
    # no header: the last column whose cells are credits ("10%", "3 days", "None")
    for i in reversed(range(ncols)):
        cells = [r.texts[i] for r in data_rows if i < len(r.texts)]
        parsed = [parse_credit_cell(c) for c in cells]
        if parsed and all(parsed) and any(
                (p[0] is not None and p[0] <= 100 and p[0] < 90) or p[1] for p in parsed if p):
            return [i] if i > 0 else []
    return []


def _availability_tiers(raw) -> tuple[list[TierFinding], str]:
    """Order tiers from the top, fill missing bounds and close printed gaps."""
    items = []
    for (lo, hi), (pct, days) in raw:
        items.append([lo, hi, pct, days])
    # sort by the bound we know, highest first
    items.sort(key=lambda it: -(it[1] if it[1] is not None else it[0] if it[0] is not None else 0))
    gaps = []
    tiers: list[TierFinding] = []
    for i, (lo, hi, pct, days) in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        if lo is None:  # "< 99.9%": down to the next tier's top
            lo = (nxt[1] if nxt and nxt[1] is not None else nxt[0] if nxt else None) or Decimal(0)
        if hi is not None and lo == hi:  # a single figure: read as "from here up"
            hi = tiers[-1].lower if tiers else None
        if tiers and hi is not None and tiers[-1].lower is not None and hi < tiers[-1].lower:
            gaps.append(f"{hi}%–{tiers[-1].lower}%")
            hi = tiers[-1].lower
        elif tiers and hi is None:
            hi = tiers[-1].lower
        tiers.append(TierFinding(lo, hi, pct, days))
    return tiers, ", ".join(gaps)


def _hours_tiers(raw) -> list[TierFinding]:
    """Hours tiers apply when lower < hours <= upper; "> X" runs to the next threshold."""
    items = sorted(raw, key=lambda it: (it[0][0] if it[0][0] is not None else Decimal(-1)))
    tiers: list[TierFinding] = []
    for i, ((lo, hi), (pct, days)) in enumerate(items):
        if lo is None:
            lo = Decimal(0)
        if hi is None and i + 1 < len(items):
            nxt_lo = items[i + 1][0][0]
            hi = nxt_lo
        tiers.append(TierFinding(lo, hi, pct, days))
    return tiers


# ---------------------------------------------------------------- prose

PER_POINT = Gated(re.compile(
    rf"(?P<rate>{DIGITS})\s*%[^.;]{{0,80}}?\b(?:for|per)\s+(?:each|every)?\s*(?:full\s+|whole\s+|"
    rf"additional\s+)?"
    rf"(?:(?:{DIGITS})\s*%|one\s+percent(?:age point)?|percentage point|"
    rf"(?:1\s+)?percent(?:age)? point|point)",
    re.I), ("%",), ("for", "per"))
PERCENT_CREDIT = Leftmost(
    # the credit word first: "a credit of 10%", "the refund is 25%"
    Gated(re.compile(
        rf"(?:(?:credit|refund|compensation|rebate)s?\s+(?:is|will be|equals|shall be|"
        rf"becomes)\s+(?:a\s+)?"
        rf"(?:flat\s+)?(?P<d>{DIGITS})\s*%)"
        rf"|(?:(?:credit|refund|compensation|rebate)s?\s+(?:of|equal(?:ing)?(?:\s+to)?|"
        rf"equivalent\s+to|"
        rf"amounting\s+to|worth|for|in\s+the\s+amount\s+of)?\s*(?:an?\s+amount\s+of\s+|up\s+to\s+)?"
        # "a credit of ten percent (10%)": the figure in words, then in digits
        rf"(?:[a-z-]+(?:\s+[a-z-]+)?\s+(?:per\s*cent|percent)\s*\(\s*)?"
        rf"(?P<a>{DIGITS})\s*%)", re.I),
        ("%",), ("credit", "refund", "compensation", "rebate")),
    # the figure first: "10% service credit", "25% of the monthly fee"
    Gated(re.compile(
        rf"(?:(?P<b>{DIGITS})\s*%\s+(?:service\s+)?(?:credit|refund)s?)"
        rf"|(?:(?P<c>{DIGITS})\s*%\s+of\s+(?:the\s+|your\s+|their\s+|"
        rf"its\s+)?(?:[\w'’-]+\s+){{0,5}}?"
        rf"(?:fees?|charges?|bill|spend|invoice|cost|amount|price|payment|subscription))", re.I),
        ("%",), ("credit", "refund", "of")))
PER_POINT_LEAD = re.compile(
    r"\b(?:for|per)\s+(?:each|every)\s+(?:full\s+|whole\s+|additional\s+)?(?:percentage\s+point|"
    r"1\s*%|"
    r"one\s+percent(?:age\s+point)?|point)(?!\w)", re.I)
DAYS_OF_SERVICE = Gated(re.compile(
    rf"(?:\b(?:extend\w*|push\w*(?:\s+back)?|moves?(?:\s+back)?|add\w*|credit\w*|postpone\w*|"
    rf"delay\w*)\s+"
    rf"(?:[\w']+\s+){{0,4}}?by\s+(?P<num2>{NUMBER})\s*(?:additional\s+|extra\s+)?days?\b)|"
    rf"(?P<num>{NUMBER})\s*(?:additional\s+|"
    rf"free\s+)?(?:calendar\s+)?days?\s+(?:of\s+(?:free\s+)?service|"
    rf"of\s+credit|credit|(?:added|extension|extended)|free)", re.I),
    ("day",), ("extend", "push", "move", "add", "credit", "postpone", "delay", "service", "free"))
# a list item under "Free days of service, added to your billing period:" ending in its
# days: "below 99.5% but at least 99.0%: 3 days;", "below 99.0%: a full week (7 days)."
DAYS_INTRO = re.compile(r"\b(?:days?\s+of\s+(?:free\s+)?service|(?:free|extra|additional|bonus)\s+"
                        r"(?:service\s+)?days?|service\s+days?)\b", re.I)
LIST_DAYS = re.compile(rf"[:–—-]\s*(?:[a-z][a-z ]*\(\s*)?(?P<num>{NUMBER})\s+(?:calendar\s+)?"
                       rf"days?\s*\)?\s*[;.,]?\s*(?:and|or)?\s*$", re.I)
BELOW_TARGET = re.compile(
    r"\bmiss(?:es|ed)?\s+(?:it|them|this|that)\b|\bif we (?:don't|do not|fail to) (?:meet|hit|"
    r"keep)\b|"
    r"\b(?:break|breach|violate)(?:es|s|d|ed)?\s+(?:of\s+)?(?:this|the|our|its)\s+(?:SLA|"
    r"service level|"
    r"guarantee|commitment|uptime guarantee)\b|"
    r"\b(?:larger than that|(?:below|under|less than|miss(?:es)?|fail(?:s)? to (?:meet|achieve))"
    r"\s+(?:the|this|that|our|its)?\s*(?:\w+\s+){0,3}(?:target|commitment|guarantee|service level|"
    r"SLA|"
    r"uptime commitment|level\s+(?:in|of|set|stated|defined)\b)|"
    r"(?:not|fail to) (?:meet|met|achieve)|falls? short)", re.I)


# weeks or months of service: "a full week's cost", "one half of one month of service"
SERVICE_TIME = Gated(re.compile(
    rf"(?:(?P<frac>one[- ]half|a half|half|one[- ]third|one[- ]quarter|a quarter)\s+(?:of\s+)?)?"
    rf"(?:(?P<n>{NUMBER}|an?|one|a full|one full|full|an entire|one entire)\s+)?"
    rf"(?P<unit>week|month)(?:'s|s'|s)?\s+(?:of\s+(?:free\s+|additional\s+)?(?:service|hosting|"
    rf"subscription|fees?|charges?)|(?:free\s+)?(?:service|hosting)\b|cost|fees?\b|charges?\b|"
    rf"worth)",
    re.I), ("week", "month"))
FRACTIONS = {"one half": Decimal("0.5"), "one-half": Decimal("0.5"), "a half": Decimal("0.5"),
             "half": Decimal("0.5"), "one third": Decimal(1) / 3, "one-third": Decimal(1) / 3,
             "one quarter": Decimal("0.25"), "one-quarter": Decimal("0.25"),
             "a quarter": Decimal("0.25")}

# so much per unit of downtime: "10% for each 60-minute period", "5% per full half-hour",
# "one day of service per hour of downtime", "each hour or part thereof"
PER_UNIT = Gated(re.compile(
    rf"(?:(?P<pct>{DIGITS})\s*%|(?P<days>{NUMBER})\s+(?:free\s+|additional\s+)?days?\b"
    rf"(?:\s+of\s+(?:free\s+)?service)?|(?P<one>one|a)\s+(?:free\s+|additional\s+)?day\b"
    rf"(?:\s+of\s+(?:free\s+)?service)?)"
    rf"[^.;%]{{0,80}}?\b(?:for|per)\s+(?:each|every|any)?\s*(?P<whole>full\s+|whole\s+|complete\s+|"
    rf"additional\s+|started\s+)?{UNIT}(?:\s+period)?"
    rf"(?:\s+of\s+(?:[\w-]+\s+){{0,2}}?(?:downtime|outage|unavailability)(?=\s+or\s))?"
    rf"(?P<part>(?:\s+or\s+(?:any\s+)?(?:part|portion|fraction)(?:\s+thereof)?)|"
    rf"(?:\s+or\s+(?:any\s+)?part\s+of\s+an?\s+\w+))?", re.I),
    ("for", "per"), ("minute", "min", "hour", "hr", "day"))
# the unit first: "for every 1/2 hour (or part thereof) of downtime ... a 5% credit"
UNIT_FIRST = re.compile(
    rf"\b(?:for|per)\s+(?:each|every)\s+(?:full\s+|whole\s+|complete\s+)?{UNIT}"
    r"(?P<part>,?\s+or\s+(?:any\s+)?(?:part|portion|fraction)(?:\s+thereof|\s+of\s+an?\s+"
    r"[\w-]+)?,?)?"
    rf"[^.;%]{{0,140}}?(?P<pct>{DIGITS})\s*%\s*\)?\s+(?:\w+\s+){{0,2}}?(?:credit|refund|of)",
    re.I)
UNIT_MINUTES = {"minute": Decimal(1), "min": Decimal(1), "hour": Decimal(60), "hr": Decimal(60),
                "day": Decimal(1440), "half-hour": Decimal(30), "half hour": Decimal(30),
                "1/2 hour": Decimal(30), "half an hour": Decimal(30)}
SIZES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "fifteen": 15,
         "thirty": 30, "sixty": 60}
DOWNTIME_WORDS = re.compile(r"\b(?:downtime|down\s*time|down\s+(?:minutes|hours)|unavailab\w*|"
                            r"outage|interruption|"
                            r"service is down|is not available|breach|below|under)\b", re.I)

# the fee for the time the service was down, or a multiple of it
PRO_RATA = Gated(re.compile(
    r"\bpro[- ]?rat(?:a|ed|ably)\b"
    r"|\b(?:fees?|charges?|amount|cost)\s+(?:paid\s+|payable\s+)?(?:for|attributable to|"
    r"corresponding to|covering)\s+(?:the\s+)?(?:time|period|duration|hours|minutes)\s+"
    r"(?:of\s+(?:the\s+)?(?:unavailab\w*|downtime|outage|interruption)|(?:(?:that|during which|"
    r"when)\s+)?"
    r"(?:the\s+|your\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:service|platform|system|Service|Platform|"
    r"System)s?"
    r"\s+(?:was|were|is)\s+(?:down|unavailable|not available))"
    r"|\b(?:fees?|charges?)\s+for\s+(?:the\s+)?(?:downtime|outage)(?:\s+period)?\b"
    r"|\b(?:fees?|charges?|MRCs?|MRR)(?:\s+for\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)?\s+"
    r"(?:attributable|corresponding|proportionate)\s+to\s+(?:the\s+)?(?:total\s+)?"
    r"(?:(?:period|duration|time)\s+of\s+)?(?:[A-Z][\w-]*\s+)?"
    r"(?:downtime|outage|unavailab\w*|down\s+(?:minutes|time|hours))", re.I),
    ("pro", "fee", "charge", "amount", "cost", "mrc", "mrr"))
MULTIPLE = re.compile(rf"\b(?:(?P<m>{NUMBER})\s*(?:times|x|×)|(?P<word>twice|double|triple))\s+"
                      r"(?:the\s+)?(?:\w+\s+){0,3}?(?:fees?|charges?|amount|cost|MRCs?|MRR)\b",
                      re.I)
MULTIPLE_WORDS = {"twice": Decimal(2), "double": Decimal(2), "triple": Decimal(3)}
# "CreditMultiplier = DownTime / HoursPerMonth * 50"
PRO_RATA_FORMULA = re.compile(
    r"\bdown\s*time\s*/\s*(?:\(?\s*)?(?:hours|minutes|mins)\s*(?:per|in|of)?\s*(?:the\s+)?month\w*"
    rf"\s*\)?\s*[x×*]\s*(?P<m>{DIGITS})\b", re.I)
EXCESS = re.compile(r"\b(?:beyond|exceed\w*|in excess of|over and above|above|more than)\s+"
                    r"(?:the\s+|what\s+the\s+|our\s+|its\s+)?(?:[\w.%]+\s+){0,3}?(?:target|"
                    r"guarantee|"
                    r"commitment|SLA|service level|allowed|allowance|permitted)", re.I)


def _service_time(m: re.Match[str]) -> tuple[Decimal | None, Decimal | None]:
    """(credit %, credit days) of a weeks- or months-of-service credit."""
    raw = (m.group("n") or "one").lower()
    count = Decimal(1) if raw in ("a", "an", "one", "a full", "one full", "full", "an entire",
                                  "one entire") else parse_number(raw)
    if count is None:
        return None, None
    frac = FRACTIONS.get((m.group("frac") or "").lower().replace("  ", " "), Decimal(1))
    amount = count * frac
    if m.group("unit").lower() == "week":
        return None, amount * 7
    return amount * 100, None  # one month of service is the period's whole fee


THRESHOLD_BEFORE = re.compile(
    r"(?:below|under|less than|lower than|falls? (?:below|short of)|drops? (?:below|under)|<)\s*$",
    re.I)


def _is_threshold(text: str, start: int, figure: str) -> bool:
    """A percentage that states a level of availability rather than a credit."""
    return Decimal(figure) >= 50 or bool(THRESHOLD_BEFORE.search(text[max(0, start - 25):start]))


def _unit_minutes(m: re.Match[str]) -> Decimal | None:
    """The minutes of a matched ``UNIT``: "60-minute" 60, "half-hour" 30, "day" 1440."""
    unit = m.group("unit").lower().rstrip("s").replace("-", " ")
    minutes = UNIT_MINUTES.get(unit) or UNIT_MINUTES.get(unit.replace(" ", "-"))
    if minutes is None:
        return None
    size_raw = (m.group("size") or "").lower()
    size = (
        Decimal(SIZES[size_raw])
        if size_raw in SIZES
        else Decimal(size_raw)
        if size_raw
        else Decimal(1)
    )
    return size * minutes


def _per_unit(m: re.Match[str]) -> tuple[Decimal | None, Decimal | None, Decimal, str] | None:
    minutes = _unit_minutes(m)
    if minutes is None:
        return None
    rounding = (
        "up" if m.group("part") or (m.group("whole") or "").strip().lower() == "started" else "down"
    )
    if m.group("pct"):
        return Decimal(m.group("pct")), None, minutes, rounding
    days = parse_number(m.group("days")) if m.group("days") else Decimal(1)
    return None, days, minutes, rounding


def form_schedule(s: Sentence, text: str, context: str = "") -> ScheduleFinding | None:
    """A pro-rata or per-unit credit stated in one sentence; ``context`` (a list item's
    lead-in) may say what is counted ("for every started period ... of Outage")."""
    lowered = text.lower()
    downtime = DOWNTIME_WORDS.search(text) or (DOWNTIME_WORDS.search(context) if context
                                               else None)
    formula = PRO_RATA_FORMULA.search(text) if "/" in text else None
    if formula:
        schedule = ScheduleFinding("availability_percent", s.start, s.end)
        schedule.pro_rata = (Decimal(formula.group("m")), "downtime")
        return schedule
    unit = PER_UNIT.search(text, 0, lowered)
    while unit is not None and unit.group("pct") and _is_threshold(text, unit.start("pct"),
                                                                   unit.group("pct")):
        # "If a month ends below 99.5%, we add one free day ... for each full hour": the
        # figure is the condition, the credit comes after it
        unit = PER_UNIT.search(text, unit.end("pct"), lowered)
    lead = None
    if unit is None and ("for" in lowered or "per" in lowered):
        lead = UNIT_FIRST.search(text)
    if lead and downtime:
        # "For every 1/2 hour of downtime you will receive a 5% credit"
        minutes = _unit_minutes(lead)
        rounding = "up" if lead.group("part") else "down"
        if minutes is not None and not _is_threshold(text, lead.start("pct"), lead.group("pct")):
            schedule = ScheduleFinding("availability_percent", s.start, s.end)
            schedule.per_unit = (Decimal(lead.group("pct")), None, minutes, rounding)
            return schedule
    if unit and downtime:
        form = _per_unit(unit)
        if form and (form[0] is None or form[0] <= 100):
            schedule = ScheduleFinding("availability_percent", s.start, s.end)
            schedule.per_unit = form
            return schedule
    if PRO_RATA.search(text, 0, lowered) and downtime:
        # "refund on a pro rata basis any prepaid fees" on termination is no downtime credit
        multiple = MULTIPLE.search(text)
        factor = (None if multiple is None
                  else MULTIPLE_WORDS[multiple.group("word").lower()] if multiple.group("word")
                  else parse_number(multiple.group("m")))
        schedule = ScheduleFinding("availability_percent", s.start, s.end)
        schedule.pro_rata = (
            factor or Decimal(1),
            "excess_downtime" if EXCESS.search(text) else "downtime",
        )
        return schedule
    return None


BARE_CREDIT = Leftmost(
    Gated(
        re.compile(
            rf"(?P<e>{DIGITS})\s*%\s+(?:when|if|where|whenever|for\s+(?:a|"
            rf"any)\s+month)\b",
            re.I,
        ),
        ("%",),
        ("when", "if", "where", "for"),
    ),
    Gated(
        re.compile(
            rf"\b(?:rises|increases|goes up|grows|climbs|"
            rf"moves)\s+to\s+(?P<h>{DIGITS})\s*%",
            re.I,
        ),
        ("%",),
        ("rise", "increase", "goes up", "grow", "climb", "move"),
    ),
    Gated(
        re.compile(rf"\b(?:it|this|that)\s+(?:is|becomes)\s+(?P<i>{DIGITS})\s*%\s*[.;]?\s*$", re.I),
        ("%",),
        ("it", "this", "that"),
    ),
    Gated(re.compile(rf"\bearns?\s+(?:a\s+)?(?P<j>{DIGITS})\s*%", re.I), ("%",), ("earn",)),
)
# a list item under "... credit the following percentage of the fees:" ending in its credit:
# "where availability is 99.0% or more but less than 99.8%: five per cent (5%);"
LIST_CREDIT = re.compile(rf"[:–—-]\s*(?:[a-z][a-z -]*\(\s*)?(?P<g>{DIGITS})\s*%\s*\)?\s*[;.,]?\s*"
                         rf"(?:and|or)?\s*$", re.I)
CLAUSE_BREAK = re.compile(r"(?:,\s+(?:and|while|or|but)\s+|;\s*(?:and\s+|or\s+)?)", re.I)


PART_COUNTS = re.compile(r"\b(?:part|portion|fraction) of an? (?:hour|minute|day|period)\b"
                         r"[^.]{0,40}?\b(?:counts?|is counted|is treated|is rounded up)\s+"
                         r"(?:as\s+|to\s+)?(?:a\s+)?(?:full|whole|complete)", re.I)


def _rounds_up(s: Sentence, next_paragraph: str) -> bool:
    """What follows the sentence says part of a unit counts as a whole one."""
    return bool(PART_COUNTS.search(s.block.text, s.end - s.block.start)
                or PART_COUNTS.search(next_paragraph))


def prose_schedules(doc: Document) -> list[ScheduleFinding]:
    found: list[ScheduleFinding] = []
    headings = heading_paths(doc)
    following = {b.start: n.text for b, n in pairwise(doc.blocks) if n.kind == "paragraph"}
    for s in sentences(doc, ("paragraph", "list_item")):
        heading = headings.get(s.block.start, "")
        # "Single-Node Instance. If it misses ...": the run-in title scopes the paragraph
        context = " / ".join([scoping_headings(heading), s.intro,
                              run_in_title(s.block.text) or "", s.text])
        clauses = _clauses(s)
        for clause in clauses:
            # a later clause ("and 10% when below 98%") leans on the first one's credit words
            finding = _sentence_schedule(clause, stated_in=s if len(clauses) > 1 else None,
                                         heading=heading)
            if finding and finding.per_unit and finding.per_unit[3] == "down" and _rounds_up(
                    s, following.get(s.block.start, "")):
                # "... for every hour of Downtime. An hour or part of an hour counts as a
                # full hour": the next sentence rounds up
                pct, days, minutes, _ = finding.per_unit
                finding.per_unit = (pct, days, minutes, "up")
            if finding:
                finding.context = context
                found.append(finding)
    return found


def formula_schedules(doc: Document) -> list[ScheduleFinding]:
    """A pro-rata formula printed on a line of its own (a heading or code line to the
    reader): "CreditMultiplier = DownTime / HoursPerMonth * 50"."""
    found = []
    for block in doc.blocks:
        if block.kind not in ("heading", "code") or "/" not in block.text:
            continue
        m = PRO_RATA_FORMULA.search(block.text)
        if m and "credit" in block.text.lower():
            schedule = ScheduleFinding("availability_percent", block.start, block.end)
            schedule.pro_rata = (Decimal(m.group("m")), "downtime")
            found.append(schedule)
    return found[:1]


def _clauses(s: Sentence) -> list[Sentence]:
    """A sentence stating two tiers ("5% when below 99.5%, and 10% when below 98.0%")
    as one clause per tier."""
    if s.text.count("%") < 2 and not s.has_any("day", "week", "month"):
        return [s]
    credits = (list(PERCENT_CREDIT.finditer(s.text)) + list(BARE_CREDIT.finditer(s.text))
               + list(SERVICE_TIME.finditer(s.text)))
    credits.sort(key=lambda m: m.start())
    if len(credits) < 2:
        return [s]
    cuts = []
    for previous, current in pairwise(credits):
        breaks = [b for b in CLAUSE_BREAK.finditer(s.text, previous.end(), current.start())]
        if breaks:
            cuts.append(breaks[-1].start())
    if not cuts:
        return [s]
    out = []
    begin = 0
    for cut in [*cuts, len(s.text)]:
        piece = s.text[begin:cut]
        lead = len(piece) - len(piece.lstrip(" ,;"))
        body = piece.strip(" ,;")
        if body:
            start = s.start + begin + lead
            out.append(Sentence(body, start, start + len(body), s.block, s.intro))
        begin = cut
    return out


def _sentence_schedule(s: Sentence, stated_in: Sentence | None = None,
                       heading: str = "") -> ScheduleFinding | None:
    if "%" not in s.text and not s.has_any("day", "week", "month", "fee", "charge", "pro",
                                           "times", "twice", "mrc"):
        return None  # no credit can be stated
    text = strip_examples(s.text)
    whole = strip_examples(stated_in.text) if stated_in else text
    days_intro = s.block.kind == "list_item" and bool(DAYS_INTRO.search(s.intro))
    if s.block.kind == "list_item" and (CREDIT_WORD.search(s.intro) or days_intro):
        whole = whole + " " + s.intro  # "... shall credit the following percentage:" + items
    elif re.search(r"\b(?:below|under|less than)\b", text, re.I) and CREDIT_WORD.search(
        s.block.text
    ):
        whole = whole + " " + s.block.text  # "Under 98.0%, it is 50%." in a paragraph of credits
    if in_example(s) or not (CREDIT_WORD.search(whole) or days_intro
                             or CREDIT_WORD.search(heading.split(" / ")[-1]) or re.search(
            r"\bof (?:the|your)\b|days? of service|\bby\s+\S+\s+(?:\(\d+\)\s+)?(?:additional\s+|"
            r"extra\s+)?days?\b|\b(?:free|extra|additional|bonus)\s+days?\b",
            whole)):
        return None
    form = form_schedule(s, text, s.intro if s.block.kind == "list_item" else "")
    if form is not None:
        return form
    per = PER_POINT.search(text)
    while per and Decimal(per.group("rate")) >= 50:  # "falls short of 99.8%, ... 4% ... for each"
        per = PER_POINT.search(text, per.start("rate") + len(per.group("rate")) + 1)
    lead = PER_POINT_LEAD.search(text)
    if lead and not per and CREDIT_WORD.search(text):
        credit = PERCENT_CREDIT.search(text, lead.end())
        if credit:
            rate = Decimal(next(g for g in credit.groups() if g))
            below = _threshold_after(text, lead.end())
            schedule = ScheduleFinding("availability_percent", s.start, s.end)
            schedule.per_point = (rate, below if below is not None else Decimal(-1))
            schedule.below_target = below is None
            return schedule
    if per and CREDIT_WORD.search(text):
        rate = Decimal(per.group("rate"))
        below = _threshold_after(text, per.end())
        schedule = ScheduleFinding("availability_percent", s.start, s.end)
        schedule.per_point = (rate, below) if below is not None else (rate, Decimal(-1))
        schedule.below_target = below is None
        return schedule
    credit_pct = None
    credit_days = None
    credit_span = None
    m = (
        PERCENT_CREDIT.search(text)
        or BARE_CREDIT.search(text)
        or (
            LIST_CREDIT.search(text)
            if s.block.kind == "list_item" and CREDIT_WORD.search(s.intro)
            else None
        )
    )
    if m:
        credit_pct = Decimal(next(g for g in m.groups() if g))
        credit_span = (m.start(), m.end())
    else:
        d = DAYS_OF_SERVICE.search(text) if "day" in text.lower() else None
        service_time = SERVICE_TIME.search(text) if d is None else None
        listed = LIST_DAYS.search(text) if d is None and days_intro else None
        if d:
            credit_days = parse_number(d.group("num") or d.group("num2"))
            credit_span = (d.start(), d.end())
        elif listed:
            credit_days = parse_number(listed.group("num"))
            credit_span = (listed.start("num"), listed.end())
        elif service_time and CREDIT_WORD.search(whole):
            credit_pct, credit_days = _service_time(service_time)
            credit_span = (service_time.start(), service_time.end())
    if credit_span is None:
        return None
    bounds = _condition_bounds(text, credit_span)
    schedule = ScheduleFinding("availability_percent", s.start, s.end)
    if bounds is None:
        # "## If we miss it / You get 10% of that month's subscription back as credit."
        if (
            BELOW_TARGET.search(text)
            or BELOW_TARGET.search(heading)
            or (
                re.search(r"\boutage|downtime|unavailab", text, re.I)
                and re.search(r"\b(?:in case|if|where|when|should)\b", text, re.I)
            )
        ):
            schedule.below_target = True
            schedule.tiers = [TierFinding(Decimal(0), None, credit_pct, credit_days)]
            return schedule
        return None
    lo, hi = bounds
    schedule.tiers = [
        TierFinding(lo if lo is not None else Decimal(0), hi, credit_pct, credit_days)
    ]
    return schedule


def _threshold_after(text: str, offset: int) -> Decimal | None:
    for p in percents(text[offset:]):
        if p.value >= 50:
            return p.value
    return None


# the comparison words that end the text just before a figure, or open the text after it
ENDS_GREATER_EQ = re.compile(r"(?:" + GREATER_EQ + r")\s*(?:to\s+)?$", re.I)
ENDS_LESS = re.compile(r"(?:" + LESS + r")\s*(?:to\s+)?$", re.I)
ENDS_LESS_EQ = re.compile(r"(?:" + LESS_EQ + r")\s*$", re.I)
ENDS_GREATER = re.compile(r"(?:" + GREATER + r")\s*$", re.I)
ENDS_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
ENDS_FROM = re.compile(r"\bfrom\s*$", re.I)
OPENS_OR_MORE = re.compile(r"\s*(?:or (?:higher|more|greater|above)|and above)", re.I)
OPENS_OR_LESS = re.compile(r"\s*(?:or (?:less|lower|below)|and below)", re.I)
OPENS_AND_BOUND = re.compile(rf"\s*(?:and|-|to)\s*({DIGITS})\s*%")
OPENS_TO_BOUND = re.compile(rf"\s*(?:to|-)\s*(?:less than\s*|<\s*)?({DIGITS})\s*%")


PROSE_BAND = re.compile(rf"({DIGITS})\s*%\s*(?:-|to)\s*({DIGITS})\s*%")


def _condition_bounds(
    text: str, credit_span: tuple[int, int]
) -> tuple[Decimal | None, Decimal | None] | None:
    """Availability bounds stated around a credit: (lower inclusive, upper exclusive)."""
    lower = upper = None
    found = False
    t = text.replace("–", "-").replace("—", "-")
    band = PROSE_BAND.search(t)
    if band and not credit_span[0] <= band.start() < credit_span[1]:
        # "99.49% - 98.50% uptime: 3% service credit": a band printed with both ends
        a, b = Decimal(band.group(1)), Decimal(band.group(2))
        if min(a, b) >= 50:
            return min(a, b), max(a, b)
    for p in percents(t):
        if credit_span[0] <= p.start < credit_span[1] or p.value < 50:
            continue
        before = t[max(0, p.start - 60):p.start]
        after = t[p.end:p.end + 25]
        if ENDS_GREATER_EQ.search(before) or OPENS_OR_MORE.match(after):
            lower, found = p.value, True
        elif ENDS_LESS.search(before):
            upper, found = p.value, True
        elif ENDS_LESS_EQ.search(before) or OPENS_OR_LESS.match(after):
            upper, found = p.value, True  # "99% or less": read as below the next step
        elif ENDS_BETWEEN.search(before):
            lower, found = p.value, True
            m = OPENS_AND_BOUND.match(after)
            if m:
                hi = Decimal(m.group(1))
                lower, upper = min(p.value, hi), max(p.value, hi)
        elif ENDS_FROM.search(before):
            m = OPENS_TO_BOUND.match(after)
            if m:
                a, b = p.value, Decimal(m.group(1))
                lower, upper, found = min(a, b), max(a, b), True
        elif ENDS_GREATER.search(before):
            lower, found = p.value, True
    if not found:
        return None
    return lower, upper


# ---------------------------------------------------------------- assembly

def extract_schedules(doc: Document, services: list[str] | None = None) -> list[ScheduleFinding]:
    """Every credit schedule; ``services`` (the targets' names) lets a schedule stated
    under a service's heading, or naming it, apply to that service alone."""
    headings = heading_paths(doc)
    table_found = []
    previous = None
    grids = implicit_tables(doc)
    flat = flattened_tables(doc)
    inside = {b.start for g in grids for b in doc.blocks if g.start <= b.start < g.end}
    blocks = sorted([b for b in doc.blocks if b.start not in inside] + grids + flat,
                    key=lambda b: b.start)
    for block in blocks:
        if block.is_table:
            lead = previous.text if previous is not None and previous.kind in (
                "paragraph", "list_item") else ""
            if previous is not None and previous.start < block.start < previous.end:
                lead = doc.text[previous.start:block.start]  # the prose before a flattened table
            # the sentence leading into the table says it illustrates ("The table below
            # illustrates the calculation"); "for example" earlier in the paragraph does not
            last = re.split(r"(?<=[.!?])\s+", strip_examples(lead).strip())[-1]
            if ILLUSTRATION.search(last):
                previous = block
                continue  # "The table below illustrates the calculation ...": the rule governs
            for schedule in table_schedules(block, services) or column_cell_schedules(block):
                schedule.context = " / ".join([scoping_headings(headings.get(block.start, "")),
                                               lead])
                table_found.append(schedule)
        previous = block
    prose = [p for p in prose_schedules(doc) + formula_schedules(doc)
             if not any(g.start <= p.start < g.end or p.start <= g.start < p.end for g in flat)]
    if services:
        for schedule in table_found + prose:
            if schedule.services:  # a column or row label: the target it stands for
                schedule.services = [services_named(name, services) or name
                                     for name in schedule.services]
            else:
                schedule.services = services_covered(schedule.context, services)
    return table_found + _merge_prose(prose)


def column_cell_schedules(block: Block) -> list[ScheduleFinding]:
    """A table with one column per plan, headed with the plan's target ("Team (99.5%)"),
    and a row of credits: each cell, read as a sentence ("5% of the monthly fee for each
    full hour of Downtime"), is that plan's schedule."""
    from extractor.extract.fields.targets import HEADER_TARGET, header_cell_targets

    if not header_cell_targets(block):
        return []
    header = block.rows[0].cells
    found = []
    for row in block.rows[1:]:
        label = row.cells[0].text if row.cells else ""
        if not CREDIT_WORD.search(label):
            continue
        for col, cell in enumerate(row.cells[1:], start=1):
            head = HEADER_TARGET.match(header[col].text) if col < len(header) else None
            if head is None or not cell.text:
                continue
            sentence = Sentence(cell.text, cell.start, cell.end, block, intro=label)
            schedule = form_schedule(sentence, cell.text)
            if schedule is not None:
                schedule.services = [head.group("name").strip()]
                schedule.below_target = True
                found.append(schedule)
    return found


# the sentence before a table says the table illustrates: "The table below illustrates
# ...", "For example, a customer ...:" (not "..., for example for access to a site")
ILLUSTRATION = re.compile(r"\billustrat\w*|^\W*for example\b|\bworked example|\bexamples? of\b",
                          re.I)
GENERIC_WORDS = {
    "plan",
    "plans",
    "tier",
    "tiers",
    "environment",
    "environments",
    "service",
    "services",
    "api",
    "apis",
    "the",
    "for",
    "a",
    "an",
    "of",
    "and",
    "all",
    "other",
    "edition",
    "tenants",
    "tenant",
    "cluster",
    "clusters",
}


FUNCTION_WORDS = {"in", "on", "to", "with", "per", "by", "at", "or", "another", "any", "its"}


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower())}


@lru_cache(maxsize=1024)
def _name_words(name: str) -> frozenset[str]:
    """A service name's own words: a parenthetical describes it ("(primary + standby in
    another zone)"), and small words name nothing."""
    return frozenset(_words(re.sub(r"\([^()]*\)", " ", name)) - FUNCTION_WORDS)


def _one_word_kept_capital(context: str, name: str) -> bool:
    """A one-word name ("Network") is named only with its capital: "our network monitoring"
    uses the common noun."""
    if " " in name.strip() or not name[:1].isupper():
        return True
    return re.search(r"(?<![\w-])" + re.escape(name[:1]) + re.escape(singular(name[1:].lower())),
                     context, re.I if name.isupper() else 0) is not None


DOCUMENT_TITLE = re.compile(r"\b(?:service level agreement|SLA|terms|policy|agreement|schedule)\b",
                            re.I)


def scoping_headings(path: str) -> str:
    """The headings that can scope a schedule to one service: the document's own title
    ("Tollcombe Edge — Service Level Agreement") names the SLA, not a service."""
    return " / ".join(h for h in path.split(" / ") if not DOCUMENT_TITLE.search(h))


def _named_in_full(context: str, services: list[str]) -> list[str]:
    lowered = context.lower()
    return [s for s in services
            if re.search(r"(?<![\w-])" + re.escape(singular(s.lower())) + r"s?(?![\w-])", lowered)
            and _one_word_kept_capital(context, s)]


def services_named(context: str, services: list[str]) -> str | None:
    """The one service a context names, by its full name or its distinctive words."""
    full = _named_in_full(context, services)
    if len(full) == 1:
        return full[0]
    if len(full) > 1:
        return None
    shared: frozenset[str] = frozenset.intersection(
        *(_name_words(s) for s in services)) if len(services) > 1 else frozenset()
    context_words = _words(context)
    generic = {w.rstrip("s") for w in GENERIC_WORDS}
    scored = [(len((_name_words(s) - shared - generic) & context_words), s) for s in services
              if _one_word_kept_capital(context, s)]
    # the name with more of its own words in the context than every other ("Single-Fed
    # Cabinets" beside "Dual-Fed Cabinets"), and at least one
    best = max((n for n, _ in scored), default=0)
    leaders = [s for n, s in scored if n == best]
    return leaders[0] if best and len(leaders) == 1 else None


def services_covered(context: str, services: list[str]) -> list[str]:
    """The services a schedule's context names: the one it names, or every service that
    shares the name it uses ("Connectivity Hub" for "Connectivity Hub (Europe)" and
    "Connectivity Hub (North America)"); none (all services) when it names none."""
    named = services_named(context, services)
    if named:
        return [named]
    full = _named_in_full(context, services)  # "Table A — Team and Business plans"
    if len(full) >= 2:
        return full
    lowered = context.lower()
    bases = [s for s in services
             if (base := re.sub(r"\s*\([^()]*\)\s*$", "", s)) != s
             and re.search(r"(?<![\w-])" + re.escape(base.lower()) + r"(?![\w-])", lowered)]
    return bases if len(bases) >= 2 else []


def _merge_prose(found: list[ScheduleFinding]) -> list[ScheduleFinding]:
    """Prose tiers stated one sentence or list item each become one schedule."""
    per_point = [f for f in found if f.per_point or f.pro_rata or f.per_unit]
    tiered = [f for f in found if f.tiers and not f.per_point]
    if not tiered:
        return per_point
    merged: list[ScheduleFinding] = []
    groups: dict[tuple[str, ...], list[ScheduleFinding]] = {}
    for f in tiered:
        groups.setdefault(tuple(f.services), []).append(f)
    for services, group in groups.items():
        for schedule in _merge_group(group):
            schedule.services = list(services)
            merged.append(schedule)
    return per_point + merged


def _merge_group(tiered: list[ScheduleFinding]) -> list[ScheduleFinding]:
    bounded = [f for f in tiered if not f.below_target]
    flat = [f for f in tiered if f.below_target]
    merged: list[ScheduleFinding] = []
    if bounded:
        schedule = ScheduleFinding("availability_percent", bounded[0].start, bounded[-1].end)
        raw = []
        seen = set()
        for f in bounded:
            t = f.tiers[0]
            key = (t.lower, t.upper, t.credit_percent, t.credit_days)
            if key in seen:
                continue
            seen.add(key)
            raw.append(((t.lower if t.lower != 0 else None, t.upper),
                        (t.credit_percent, t.credit_days)))
        schedule.tiers, gap = _availability_tiers(raw)
        if gap:
            schedule.warnings.append("the credit tiers in the text leave gaps (" + gap
                                     + "); made contiguous")
        uppers = [t.upper for t in schedule.tiers if t.upper is not None]
        top = flat[0].tiers[0] if flat else None
        if top is not None and uppers and top.credit_percent is not None and all(
                t.credit_percent is not None and top.credit_percent <= t.credit_percent
                for t in schedule.tiers):
            # "If uptime falls short of its guarantee, we credit 5%. Below 99.0%, 15% ...":
            # the flat credit is the band from the highest stated bound up to the target
            schedule.tiers.insert(0, TierFinding(max(uppers), None, top.credit_percent,
                                                 top.credit_days))
            schedule.relative_top = True
            schedule.start = min(schedule.start, flat[0].start)
        merged.append(schedule)
    elif flat:
        merged.append(flat[0])
        if (
            len(flat) > 1
            and len({(f.tiers[0].credit_percent, f.tiers[0].credit_days) for f in flat}) > 1
        ):
            flat[0].warnings.append("several flat credits are stated; kept the first")
    return merged


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


@field_family("credit_schedules", ("credit_schedules",), needs=("uptime_targets",))
def propose_schedules(ctx: Context) -> Iterator[Candidate]:
    targets: list[UptimeTarget] = ctx.resolved.get("uptime_targets") or []
    found = extract_schedules(ctx.doc, [t.service for t in targets if t.service])
    notes: list[str] = []
    built = resolve_against_targets(ctx.doc, found, targets, notes)
    for schedule in built:
        yield Candidate("credit_schedules", schedule,
                        (schedule.evidence.start, schedule.evidence.end), "credit_table")
    for passage in _uncomputed_credits(ctx, built):
        yield Candidate("credit_schedules", None, None, "credit_clause", score=0.0,
                        issues=(issue("incomputable_credit", "credit_schedules",
                                      "a credit is stated in a form this tool does not compute; "
                                      f"read it yourself: '{passage[:160]}'"),))
    if notes:
        yield Candidate("credit_schedules", None, None, "credit_table", score=0.0,
                        issues=tuple(issue("credits", "credit_schedules", n) for n in notes))


# a credit stated by a rate ("for every 0.1% ... 10% of your bill") or per period of time
RATE_OF_CREDIT = re.compile(r"\b(?:for|per)\s+(?:each|every)\b|\bfor\s+every\b|\bper\s+(?:full\s+)?"
                            r"(?:hour|minute|day|percent|point|\d)", re.I)


def _uncomputed_credits(ctx: Context, built: list[CreditSchedule]) -> list[str]:
    """Sentences that state a credit at a rate but gave no schedule: the analyst must read
    them, so they are named in a warning instead of passing in silence."""
    covered = [(s.evidence.start, s.evidence.end) for s in built]
    out = []
    for s in ctx.sentences(("paragraph", "list_item")):
        if not s.has_any("credit", "refund", "compensation") or not CREDIT_WORD.search(s.text):
            continue
        if not (RATE_OF_CREDIT.search(s.text) and re.search(r"\d\s*%|\bdays?\b", s.text)):
            continue
        if ctx.role(s) == "example" or any(a <= s.start < b or s.start <= a < s.end
                                          for a, b in covered):
            continue
        out.append(s.text)
    return out[:3]


def resolve_against_targets(doc: Document, found: list[ScheduleFinding],
                            targets: list[UptimeTarget], warnings: list[str]
                            ) -> list[CreditSchedule]:
    """Tie "below the target" credits to the targets they name and build the models."""
    percent = {id(t): Decimal(str(t.percent)) for t in targets}
    target_values = sorted(set(percent.values()), reverse=True)
    has_bounded = any(f.tiers and not f.below_target for f in found if f.metric != "hours")
    out: list[CreditSchedule] = []
    for f in found:
        warnings += f.warnings
        if f.below_target and has_bounded and not f.per_point:
            continue  # a flat "if we miss the target" sentence restating a tier table
        relative = f.below_target or f.relative_top
        if relative and not target_values:
            warnings.append("a credit is stated for missing the target, but no target was found")
            continue
        # "below the target": each service's own target; one schedule per distinct target
        scopes: list[tuple[list[str], Decimal | None]] = [(f.services, None)]
        if relative:
            relevant = [t for t in targets if not f.services or t.service in f.services] or targets
            values = {percent[id(t)] for t in relevant}
            if len(values) > 1:
                warnings.append("a credit is stated for missing 'the target' while several targets "
                                "exist; applied below each service's own target")
                scopes = [([t.service] if t.service else [], percent[id(t)]) for t in relevant]
            else:
                scopes = [(f.services, values.pop())]
        for services, target in scopes:
            per_point = None
            tiers = None
            pro_rata = per_unit = None
            if f.pro_rata:
                pro_rata = ProRata(multiplier=float(f.pro_rata[0]),
                                   basis=f.pro_rata[1])
            elif f.per_unit:
                pct, days, minutes, rounding = f.per_unit
                per_unit = PerUnit(
                    credit_percent_per_unit=_num(pct),
                    credit_days_per_unit=_num(days),
                    unit_minutes=float(minutes),
                    rounding=rounding,
                )
            elif f.per_point:
                rate, below = f.per_point
                if below < 0:
                    below = target if target is not None else target_values[0]
                per_point = PerPoint(credit_percent_per_point=float(rate), below=float(below))
            else:
                tiers = []
                for t in f.tiers:
                    upper = t.upper
                    if relative and upper is None:
                        upper = target if target is not None else target_values[0]
                    tiers.append(Tier(lower=float(t.lower), upper=_num(upper),
                                      credit_percent=_num(t.credit_percent),
                                      credit_days=_num(t.credit_days)))
            if tiers and f.metric == "availability_percent":
                _meet_the_target(tiers, _target_of(services, targets, target), warnings,
                                 f.top_inclusive)
            out.append(CreditSchedule(services=services, metric=f.metric,
                                      tiers=tiers, per_point=per_point, pro_rata=pro_rata,
                                      per_unit=per_unit, description=f.description,
                                      evidence=doc.evidence(f.start, f.end)))
    return out


def _target_of(services: list[str], targets: list[UptimeTarget], known: Decimal | None
               ) -> Decimal | None:
    """The one target a schedule pays against, when there is one."""
    if known is not None:
        return known
    named = [t for t in targets if t.service in services] if services else targets
    values = {Decimal(str(t.percent)) for t in named}
    return values.pop() if len(values) == 1 else None


def _meet_the_target(tiers: list[Tier], target: Decimal | None, warnings: list[str],
                     top_inclusive: bool) -> None:
    """A top tier printed up to one unit of its last decimal short of the target ("99.90%
    to 99.98%" under a 99.99% target) reaches the target; a top tier that starts above the
    target pays nothing there, as the target is met: both are said."""
    if target is None or not tiers:
        return
    paying = [t for t in tiers if (t.credit_percent or 0) > 0 or t.credit_days or t.credit_months]
    top = max(paying or tiers, key=lambda t: t.upper if t.upper is not None else -1)
    if top.upper is None:
        return
    upper = Decimal(str(top.upper))
    exponent = upper.as_tuple().exponent
    step = Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal("0.01")
    if top_inclusive and Decimal(0) < target - upper <= step:
        warnings.append(f"the credit table's top band ends at {upper}%, just under the {target}% "
                        "target; read as reaching the target")
        top.upper = float(target)
    elif upper > target:
        warnings.append(f"the credit table starts below {upper}% but the target is {target}%: "
                        "between the two the target is met and no credit is due")
