"""SLA decisions for procurement: `.venv/bin/streamlit run app.py`.

Layout and widgets only: extraction, storage, ranking, wording and exports live in
extractor/ (library, decision, presentation, corrections, export; engine, flags).
User and document text (file names included) is data: it is shown with st.text, st.code,
st.dataframe or as a widget's label (plain text), through ``plain_md`` where Markdown
would otherwise read it, or html.escape'd (evidence, document view). Never raw.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import cast

import altair as alt
import pandas as pd
import streamlit as st

from extractor.analysis import flags as F
from extractor.analysis.engine import composite_availability, composite_scenario, evaluate
from extractor.app_support import compare as comparison
from extractor.app_support import corrections as C
from extractor.app_support import decision as D
from extractor.app_support import export as X
from extractor.app_support import presentation as P
from extractor.app_support import versions as V
from extractor.app_support.library import Added, Entry, Library, default_path
from extractor.errors import SLAError
from extractor.extract.readers import SUPPORTED_SUFFIXES
from extractor.operations.limits import Limits
from schemas.models import ScenarioResult, SLAExtraction, UptimeTarget

DEFAULT_FEE = 1000.0
# .docx is offered even before its reader exists: the library then says clearly why it
# cannot be read, instead of the uploader refusing it with a MIME type in a tooltip.
UPLOAD_TYPES = sorted({s.lstrip(".") for s in SUPPORTED_SUFFIXES} | {"docx"})
EXTRACT_TIMEOUT_S = 30.0  # an upload that takes longer is refused, saying so
COMPARE_DEFAULT = 6  # vendors pre-selected in Compare: the user's, then the best ranked


@st.cache_resource(show_spinner="Loading the SLA library…")
def _library(path: str) -> Library:
    # each document is read in a child process under these limits: a huge or hostile
    # upload is refused with the limit it hit, and the other sessions keep working
    return Library(path, limits=Limits(timeout=EXTRACT_TIMEOUT_S))


def library() -> Library:
    return _library(str(default_path()))


plain_md = P.plain_md


class Provider:
    """One library entry as the app shows it: label, extraction as stored, and the
    extraction with the user's corrections applied (used for every calculation)."""

    def __init__(self, entry: Entry, label: str) -> None:
        self.entry = entry
        self.label = label
        self.sla = P.apply_corrections(entry.extraction)
        self.key = entry.sha256[:12]
        self.sample = entry.origin == "corpus"

    @property
    def shown(self) -> str:
        return f"{self.label} (sample)" if self.sample else self.label


def providers_of(entries: Sequence[Entry]) -> list[Provider]:
    labels = P.provider_labels([P.apply_corrections(e.extraction) for e in entries])
    found = [Provider(e, label) for e, label in zip(entries, labels, strict=True)]
    # the user's own documents first, newest first; then the samples
    own = sorted((p for p in found if not p.sample), key=lambda p: p.entry.added_at,
                 reverse=True)
    return own + [p for p in found if p.sample]


# --- sidebar: upload ------------------------------------------------------------------

def _upload_message(a: Added, by_sha: dict[str, Provider]) -> tuple[str, str]:
    p = by_sha.get(a.sha256)
    name = p.label if p else a.name
    if a.duplicate_of:
        return "info", (f"{a.name}: already in the library (same content as "
                        f"{a.duplicate_of}, shown as {name}); not added again.")
    not_sla = P.not_an_sla(p.sla) if p is not None else None
    if not_sla is not None:
        return "warning", f"{a.name} added as {name}, but it does not read as an SLA: {not_sla}."
    verb = "restored" if a.restored else "added"
    target = ", ".join(f"{P.num(t.percent)}%" for t in p.sla.uptime_targets[:3]) if p else ""
    return "success", f"{a.name} {verb} as {name}" + (f" (target {target})." if target else ".")


def uploader(all_providers: list[Provider]) -> None:
    lib = library()
    st.sidebar.header("Add your SLAs")
    key = f"upload_{st.session_state.setdefault('upload_round', 0)}"
    files = st.sidebar.file_uploader("PDF, HTML, Markdown, text or Word files", type=UPLOAD_TYPES,
                                     accept_multiple_files=True, key=key)
    if files:
        with st.spinner(f"Reading {len(files)} file(s)…"):
            added, errors = lib.add_documents((f.name, f.getvalue()) for f in files)
        st.session_state["upload_round"] += 1
        st.session_state["last_upload"] = (added, [_docx_hint(e) for e in errors])
        fresh = [a.sha256 for a in added if not a.duplicate_of]
        if fresh:
            st.session_state["select_new"] = fresh
            st.session_state["open_vendor_sha"] = fresh[-1]
        st.rerun()
    report = st.session_state.get("last_upload")
    if report:
        by_sha = {p.entry.sha256: p for p in all_providers}
        added, errors = report
        for a in added:
            kind, text = _upload_message(a, by_sha)
            getattr(st.sidebar, kind)(plain_md(text))
        for e in errors:
            st.sidebar.error(plain_md(f"Not added: {e}"))
    for e in lib.load_errors:
        st.sidebar.warning(plain_md(e))
    own = sum(not p.sample for p in all_providers)
    st.sidebar.caption(f"Library: {len(all_providers)} documents ({own} yours, "
                       f"{len(all_providers) - own} samples)")


def _docx_hint(error: str) -> str:
    if ".docx" in error and "unsupported file type" in error:
        name = error.split(": unsupported", 1)[0]
        return (f"{name}: Word documents cannot be read yet; save it as PDF "
                f"(File › Save as › PDF) and upload the PDF.")
    return error


# --- decide --------------------------------------------------------------------------

def requirements_inputs() -> tuple[D.Requirements, dict]:
    st.subheader("Your requirements")
    c1, c2, c3, c4 = st.columns(4)
    minimum = c1.number_input("Minimum uptime target %", 90.0, 100.0, 99.9, 0.01,
                              format="%.2f", key="req_target")
    service = c1.text_input("for the service (words in its name; empty: any)",
                            key="req_service")
    days = c2.number_input("Claim window at least (days, 0: any)", 0, 365, 0, 1,
                           key="req_claim_days")
    cap = c2.number_input("Credit cap at least (% of fee, 0: any)", 0.0, 100.0, 0.0, 5.0,
                          key="req_cap")
    no_ticket = c3.checkbox("No ticket-first rule", key="req_no_ticket")
    sole_ok = c3.checkbox("Credits as sole remedy acceptable", value=True, key="req_sole")
    refused = c3.multiselect("Exclusions I will not accept", list(P.CATEGORY_LABELS),
                             format_func=P.CATEGORY_LABELS.__getitem__, key="req_excl")
    down = c4.number_input("Scenario: downtime in the month (minutes)", 0.0, 44640.0, 360.0,
                           15.0, key="req_down")
    fee = c4.number_input("Monthly fee", 0.0, 1e9, DEFAULT_FEE, 100.0, key="req_fee")
    req = D.Requirements(targets=((service, minimum),), claim_days_at_least=days or None,
                         cap_at_least=cap or None, no_ticket_first=no_ticket,
                         sole_remedy_acceptable=sole_ok, refused_exclusions=tuple(refused))
    return req, {"downtime_minutes": down, "monthly_fee": fee}


def ranked(providers: list[Provider], req: D.Requirements, scenario: dict) -> list[D.Verdict]:
    return D.rank([D.verdict(p.label, p.sla, req, scenario, p.sample) for p in providers])


def decide_tab(all_providers: list[Provider]) -> list[D.Verdict]:
    req, scenario = requirements_inputs()
    verdicts = ranked(all_providers, req, scenario)
    st.session_state["ranking"] = [v.label for v in verdicts]
    st.subheader("Vendors, ranked")
    st.caption(f"Your documents first, then by checks failed, unknown, and credit paid at "
               f"{P.rounded(scenario['downtime_minutes'])} minutes down. A term the SLA is "
               f"silent on counts as unknown, not as met.")
    # figures as text: a vendor without a target shows "—", never a "None" cell
    rows = [{"rank": i + 1, "vendor": v.label, "yours": not v.sample, "status": v.status,
             "service": P.service_name(v.target) if v.target else "—",
             "target": f"{P.num(v.target.percent)}%" if v.target else "—",
             "credit": _percent(v.result.credit_percent if v.result else None),
             "credit amount": _money(v.result.credit_amount if v.result else None),
             "verdict": v.summary} for i, v in enumerate(verdicts)]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=420,
                 column_config={
                     "yours": st.column_config.CheckboxColumn("yours", help="not a sample"),
                     "target": st.column_config.TextColumn(help="the commitment checked"),
                     "credit": st.column_config.TextColumn(help="% of the fee, at the scenario"),
                     "verdict": st.column_config.TextColumn(width="large")})
    top = verdicts[:3]
    for v in top:
        st.text(f"{v.label}{' (sample)' if v.sample else ''} — {v.status}: {v.summary}")
    st.caption("Evidence: open a vendor in the Vendor tab; every value is highlighted "
               "in its document.")
    return verdicts


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{P.rounded(value)}%"


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _when(value: dt.date | None) -> str:
    if value is None:
        return "—"
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, dt.datetime) else value.isoformat()


# --- vendor page ------------------------------------------------------------------------

def vendor_tab(all_providers: list[Provider]) -> None:
    if not all_providers:
        st.info("The library is empty: add an SLA in the sidebar.")
        return
    labels = [p.label for p in all_providers]
    sha = st.session_state.pop("open_vendor_sha", None)
    wanted = next((p.label for p in all_providers if p.entry.sha256 == sha), None)
    if wanted in labels:
        st.session_state["vendor"] = wanted
    if st.session_state.get("vendor") not in labels:
        st.session_state["vendor"] = labels[0]
    label = st.selectbox("Vendor", labels, key="vendor",
                         format_func=lambda lb: next(p.shown for p in all_providers
                                                     if p.label == lb))
    p = next(p for p in all_providers if p.label == label)
    st.caption(f"{p.entry.name} — {'sample SLA' if p.sample else 'your document'}, "
               f"{p.sla.source.format}, {len(P.evidence_items(p.sla))} values with evidence")
    terms = P.term_values(p.sla)
    st.dataframe(pd.DataFrame({"term": list(terms), "value": list(terms.values())}),
                 hide_index=True, width="stretch")
    items = P.evidence_items(p.entry.extraction)
    left, right = st.columns([2, 3])
    with left:
        st.markdown("**Values and their passages**")
        if items:
            index = st.selectbox("Value", range(len(items)), key=f"ev_item_{p.key}",
                                 format_func=lambda i: f"{items[i].label}: {items[i].value}"[:120])
            item = items[index or 0]
            st.html(P.evidence_html(p.entry.text, item.evidence, item.value))
        else:
            st.caption("No evidence recorded for this document.")
        flags = F.all_flags(p.sla)
        if flags:
            st.markdown("**Red flags and gaps**")
            st.dataframe(pd.DataFrame([{"kind": "red flag" if f.kind == "red_flag" else "gap",
                                        "severity": f.severity, "flag": f.title,
                                        "detail": f.detail} for f in flags]),
                         hide_index=True, width="stretch")
        if p.sla.warnings:
            st.markdown(f"**Values with warnings ({len(p.sla.warnings)})**")
            st.text("\n".join(f"• {w}" for w in p.sla.warnings))
    with right:
        st.markdown("**The document, every extracted value highlighted**")
        st.html(P.document_html(p.entry.text, items))
    corrections_form(p)


def _correction_widget(p: Provider, field: C.Field, current: object) -> object:
    key = f"corr_{p.key}_{field.path}"
    if field.kind == "number":
        return st.number_input(field.label, value=None if current is None
                               else float(cast(float, current)),
                               key=key, placeholder="none")
    if field.kind == "integer":
        return st.number_input(field.label, value=None if current is None
                               else int(cast(int, current)),
                               step=1, key=key, placeholder="none")
    if field.kind == "choice":
        options: list[object] = [None, *field.choices]
        return st.selectbox(field.label, options, index=options.index(current)
                            if current in options else 0, key=key,
                            format_func=lambda o: P.value_label(field.path, o))
    if field.kind == "boolean":
        options = [None, True, False]
        return st.radio(field.label, options, index=options.index(current), key=key,
                        horizontal=True, format_func=lambda o: P.value_label(field.path, o))
    if field.kind == "date":
        return st.date_input(field.label, value=dt.date.fromisoformat(current)
                             if isinstance(current, str) else None, key=key)
    if field.kind == "list":
        lines = cast("list[str]", current or [])
        text = st.text_area(field.label + " (one a line)", "\n".join(lines), key=key)
        return [line.strip() for line in text.splitlines() if line.strip()]
    if field.kind == "table":
        frame = pd.DataFrame(current or [], columns=list(field.choices))
        config = {name: st.column_config.SelectboxColumn(name, options=list(allowed))
                  for name, allowed in field.row_choices}
        edited = st.data_editor(frame, num_rows="dynamic", key=key, width="stretch",
                                column_config=config, hide_index=True)
        return [{k: (None if pd.isna(v) else v) for k, v in row.items()}
                for row in edited.to_dict("records")]
    text = st.text_input(field.label, "" if current is None else str(current), key=key)
    return text.strip() or None


def corrections_form(p: Provider) -> None:
    st.subheader("Correct a value")
    lib = library()
    fields = C.fields(p.sla)
    by_path = {f.path: f for f in fields}
    # never None: the options (every SLA has a provider, a date, ...) are never empty
    path = cast(str, st.selectbox("Value to correct", list(by_path),
                                  format_func=lambda x: by_path[x].label,
                                  key=f"corr_path_{p.key}"))
    field = by_path[path]
    value = _correction_widget(p, field, C.current_value(p.sla, path))
    note = st.text_input("Note (where the right value comes from)", key=f"corr_note_{p.key}")
    if st.button("Save correction", key=f"corr_save_{p.key}"):
        try:
            C.check(p.entry.extraction, path, _jsonable(value))
            lib.add_correction(p.entry.sha256, path, _jsonable(value), note)
        except C.CorrectionError as exc:
            st.error(plain_md(f"Not saved: {exc}"))
        except SLAError as exc:
            st.error(plain_md(f"Not saved: {exc}"))
        else:
            st.session_state["corr_saved"] = f"Saved: {field.label}."
            st.rerun()
    saved = st.session_state.pop("corr_saved", None)
    if saved:
        st.success(saved)
    extracted = p.entry.extraction
    for c in extracted.corrections:
        try:
            was = C.current_value(extracted, c.path)
        except (KeyError, IndexError, TypeError):
            was = "?"
        c1, c2 = st.columns([5, 1])
        c1.text(f"{P.field_label(c.path)}: {_said(c.path, c.value)} (extracted: "
                f"{_said(c.path, was)}){' — ' + c.note if c.note else ''} "
                f"[{c.corrected_at:%Y-%m-%d %H:%M}]")
        if c2.button("Undo", key=f"undo_{p.key}_{c.path}_{c.corrected_at:%s%f}"):
            lib.remove_corrections(p.entry.sha256, c.path)
            st.rerun()
    for w in p.sla.warnings:
        if w.startswith("correction of"):
            st.warning(plain_md(w))


def _said(path: str, value: object) -> str:
    """A corrected or extracted value in words (a table: its number of rows)."""
    if isinstance(value, list):
        return f"{len(value)} row(s)" if value and isinstance(value[0], dict) else (
            "; ".join(map(str, value)) or "none")
    return P.value_label(path, value)


def _jsonable(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars from the data editor
        return value.item()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


# --- compare ---------------------------------------------------------------------------

def compare_selection(all_providers: list[Provider]) -> tuple[list[Provider], list[str]]:
    labels = [p.label for p in all_providers]
    ranking = [x for x in st.session_state.get("ranking", []) if x in labels]
    fresh = set(st.session_state.pop("select_new", []))
    new = [p.label for p in all_providers if p.entry.sha256 in fresh]
    current = st.session_state.get("providers")
    if current is None:
        own = [p.label for p in all_providers if not p.sample]
        current = list(dict.fromkeys(own + ranking))[:max(COMPARE_DEFAULT, len(own))]
    current = list(dict.fromkeys(new + [x for x in current if x in labels]))
    st.session_state["providers"] = current
    chosen = st.multiselect("Vendors to compare", labels, key="providers",
                            format_func=lambda lb: next(p.shown for p in all_providers
                                                        if p.label == lb))
    selected = [p for p in all_providers if p.label in chosen]
    services = list(dict.fromkeys(P.service_name(t) for p in selected
                                  for t in p.sla.uptime_targets))
    known = st.session_state.get("_known_services")
    kept = st.session_state.get("services")
    if kept is None or known is None:
        kept = services
    else:
        kept = [s for s in kept if s in services] + [s for s in services if s not in known]
    st.session_state["services"] = list(dict.fromkeys(kept))
    st.session_state["_known_services"] = services
    chosen_services = st.multiselect("Services", services, key="services")
    return selected, chosen_services


def compare_tab(selected: list[Provider], services: list[str]) -> None:
    if not selected:
        st.info("Pick vendors to compare above.")
        return
    table = P.comparison_table([p.sla for p in selected], services)
    frame = pd.DataFrame.from_dict(table, orient="index")
    st.dataframe(frame, width="stretch", height=min(40 + 36 * len(frame), 900), row_height=34)
    st.caption("✎ marks a value you corrected. Multi-line cells: widen the column or see "
               "the text below.")
    with st.expander("Targets, credit schedules and support times in full"):
        for p in selected:
            st.text(p.shown)
            targets = "\n".join(f"{P.service_name(t)}: {P.num(t.percent)}%"
                                for t in P.selected_targets(p.sla, services))
            st.text(f"Uptime targets:\n{targets or 'none'}\n\n"
                    f"Credit schedule:\n{table['Credit schedule'][p.label]}\n\n"
                    f"Support times:\n{table['Support times'][p.label]}")
    samples = [p.sample for p in selected]
    st.download_button("Download terms (CSV)", X.terms_csv([p.entry.extraction for p in selected],
                                                          samples, services),
                       file_name="sla-terms.csv", mime="text/csv", key="csv_download",
                       on_click="ignore")


# --- scenario -----------------------------------------------------------------------------

def scenario_inputs() -> dict:
    c1, c2, c3 = st.columns(3)
    mode = c1.radio("Scenario", ["Downtime minutes", "Availability %"], key="mode")
    if mode == "Downtime minutes":
        value = c2.number_input("Downtime in the month (minutes)", min_value=0.0,
                                max_value=44640.0, value=60.0, step=1.0, key="downtime")
        more = c2.text_input("More incidents that month (minutes, comma-separated)",
                             key="incidents")
        extra = [float(x) for x in more.replace(";", ",").split(",")
                 if x.strip().replace(".", "", 1).isdigit()]
        measure = {"downtime_minutes": value + sum(extra)}
        if extra:
            c2.caption(f"Total downtime: {P.rounded(value + sum(extra))} minutes")
    else:
        value = c2.slider("Availability %", min_value=90.0, max_value=100.0, value=99.9,
                          step=0.01, key="availability")
        measure = {"availability_percent": value}
    incident = c3.date_input("Incident date (sets the month)", value=dt.date.today(),
                             key="incident")
    c3.caption(f"Month: {incident:%Y-%m}")
    return {**measure, "month": f"{incident:%Y-%m}",
            "incident_at": dt.datetime.combine(incident, dt.time(12, 0))}


def provider_settings(selected: list[Provider],
                      services: list[str]) -> list[tuple[Provider, UptimeTarget | None, float]]:
    """One fee for all, monthly or annual, with per-vendor overrides and currencies, in one
    table (one widget, not several per vendor: re-rendering stays fast). Kept per
    document for the session."""
    c1, c2 = st.columns(2)
    fee_all = c1.number_input("Fee for every vendor", 0.0, 1e12, DEFAULT_FEE, 100.0,
                              key="fee_all")
    per = c2.radio("The fee is", ["monthly", "annual"], horizontal=True, key="fee_per")
    divisor = 12.0 if per == "annual" else 1.0
    store = st.session_state.setdefault("provider_settings", {})
    rows = []
    for p in selected:
        names = [P.service_name(t) for t in
                 (P.selected_targets(p.sla, services) or p.sla.uptime_targets)]
        saved = store.get(p.key, {})
        service = saved.get("service") if saved.get("service") in names else (
            names[0] if names else None)
        rows.append({"vendor": p.label, "service": service, "own fee": saved.get("fee"),
                     "currency": saved.get("currency") or p.sla.currency or ""})
    options = list(dict.fromkeys(P.service_name(t) for p in selected
                                 for t in p.sla.uptime_targets))
    digest = hashlib.sha1("|".join(p.key for p in selected).encode()).hexdigest()[:10]
    edited = st.data_editor(
        pd.DataFrame(rows, columns=["vendor", "service", "own fee", "currency"]),
        key=f"settings_{digest}", hide_index=True, disabled=["vendor"], width="stretch",
        column_config={
            "service": st.column_config.SelectboxColumn("service", options=options),
            "own fee": st.column_config.NumberColumn(
                "own fee", min_value=0.0, step=1.0, format="%.2f",
                help="empty: the fee for every vendor"),
            "currency": st.column_config.TextColumn("currency", max_chars=8)})
    out = []
    for p, row in zip(selected, edited.to_dict("records"), strict=True):
        own = row["own fee"]
        own = None if own is None or pd.isna(own) else float(own)
        store[p.key] = {"fee": own, "service": row["service"], "currency": row["currency"]}
        target = next((t for t in p.sla.uptime_targets
                       if P.service_name(t) == row["service"]), None)
        out.append((p, target, (fee_all if own is None else own) / divisor))
    return out


@st.fragment
def scenario_tab(selected: list[Provider], services: list[str]) -> None:
    """A fragment: changing the scenario reruns this tab only, not the whole app."""
    if not selected:
        st.info("Pick vendors in the Compare tab.")
        return
    saved_scenarios()
    scenario = scenario_inputs()
    st.session_state["current_scenario"] = {k: v for k, v in scenario.items()
                                            if k not in ("incident_at", "month")}
    settings = provider_settings(selected, services)
    rows, summary, results, problems = [], [], [], []
    currency = st.session_state.get("provider_settings", {})
    for p, target, fee in settings:
        if target is None:
            offered = ", ".join(P.service_name(t) for t in p.sla.uptime_targets)
            problems.append(f"{p.label}: offers no such service; it has: "
                            f"{offered or 'no uptime target'}")
            continue
        r = evaluate(p.sla, {**scenario, "monthly_fee": fee}, target=target)
        if r.error:
            problems.append(f"{p.label}: {r.error}")
            continue
        results.append((p, target, r))
        money = currency.get(p.key, {}).get("currency") or ""
        rows.append({
            "vendor": p.label, "service": P.service_name(target),
            "target %": r.target_percent, "availability %": r.availability_percent,
            "breached": r.breached, "credit %": r.credit_percent,
            "credit amount": r.credit_amount, "currency": money,
            "allowed downtime (min)": r.allowed_downtime_minutes,
            "ticket by": _when(r.claim_ticket_deadline), "claim by": _when(r.claim_deadline),
            "notes": "; ".join(r.notes)})
        summary.append(f"{p.label}: credit {P.rounded(r.credit_percent)}%"
                       + (f" = {r.credit_amount:,.2f}" if r.credit_amount is not None else "")
                       + (f" {money}" if money and r.credit_amount is not None else "")
                       + (" (breached)" if r.breached else ""))
    columns = ["vendor", "service", "target %", "availability %", "breached", "credit %",
               "credit amount", "currency", "allowed downtime (min)", "ticket by", "claim by",
               "notes"]
    st.dataframe(pd.DataFrame(rows, columns=columns), width="stretch", hide_index=True,
                 column_config={"credit %": st.column_config.NumberColumn(format="%.2f"),
                                "availability %": st.column_config.NumberColumn(format="%.4g"),
                                "allowed downtime (min)":
                                    st.column_config.NumberColumn(format="%.1f")})
    if problems:
        st.warning(plain_md("Not evaluated: " + "; ".join(problems)))
    st.code("\n".join(summary), language=None)
    claim_calendar(results)
    credit_chart(results)
    composite_section(selected)


def saved_scenarios() -> None:
    lib = library()
    named = lib.scenarios()
    c1, c2, c3 = st.columns([2, 2, 1])
    if named:
        choice = cast(str, c1.selectbox("Saved scenarios", ["—", *named], key="scenario_pick"))
        if choice != "—" and c3.button("Load", key="scenario_load"):
            s = named[choice]
            if "downtime_minutes" in s:
                st.session_state.update(mode="Downtime minutes", downtime=s["downtime_minutes"])
            elif "availability_percent" in s:
                st.session_state.update(mode="Availability %",
                                        availability=s["availability_percent"])
            st.rerun(scope="fragment")
    name = c2.text_input("Save the scenario below as", key="scenario_name")
    if name and c3.button("Save", key="scenario_save"):
        try:
            lib.save_scenario(name, st.session_state.get("current_scenario", {}))
            st.success(plain_md(f"Saved scenario {name}."))
        except SLAError as exc:
            st.error(plain_md(str(exc)))


def claim_calendar(results: list[tuple[Provider, UptimeTarget, ScenarioResult]]) -> None:
    events = []
    for p, target, r in results:
        if r.breached and r.claim_deadline:
            events.append((f"Claim SLA credit: {p.label}", r.claim_deadline,
                           (f"{P.service_name(target)}: {P.claim_in_words(p.sla)}; "
                           f"credit {P.rounded(r.credit_percent)}%")))
    if not events:
        return
    with st.expander(f"Claim deadlines ({len(events)})"):
        st.dataframe(pd.DataFrame([{"claim by": d, "vendor": s.removeprefix(
            "Claim SLA credit: "), "what": w} for s, d, w in sorted(events, key=lambda e: e[1])]),
            hide_index=True, width="stretch")
        st.download_button("Download claim deadlines (ICS)", X.claims_ics(events),
                           file_name="sla-claims.ics", mime="text/calendar", key="ics_download",
                           on_click="ignore")


def composite_section(selected: list[Provider]) -> None:
    with st.expander("Composite SLA of a chain of services"):
        parts = [(p, t) for p in selected for t in p.sla.uptime_targets]
        names = [f"{p.label} — {P.service_name(t)}" for p, t in parts]
        chosen = st.multiselect("Services in the chain", names, key="chain_parts",
                                default=names[:2])
        mode = cast(str, st.radio("They are", ["serial (all needed)",
                                               "parallel (any one suffices)"],
                                  horizontal=True, key="chain_mode"))
        down = st.number_input("Downtime of each part (minutes)", 0.0, 44640.0, 60.0, 5.0,
                               key="chain_down")
        if not chosen:
            return
        picked = [parts[names.index(n)] for n in chosen]
        result = composite_scenario([(p.sla, t.service, DEFAULT_FEE) for p, t in picked],
                                    [down] * len(picked),
                                    mode="series" if mode.startswith("serial") else "redundant")
        promise = composite_availability([t.percent for _, t in picked],
                                         "series" if mode.startswith("serial") else "redundant")
        st.dataframe(pd.DataFrame([{"part": n, "target %": t.percent,
                                    "availability %": r.availability_percent,
                                    "credit %": r.credit_percent, "error": r.error or ""}
                                   for n, (_, t), r in zip(chosen, picked, result.parts,
                                                           strict=True)]),
                     hide_index=True, width="stretch")
        st.text(f"Composite target (from the parts' targets): {P.rounded(promise, 4)}%\n"
                f"Composite availability in this scenario: "
                f"{P.rounded(result.availability_percent, 4)}%\n"
                f"Credits owed in total (fee {P.rounded(DEFAULT_FEE)} each): "
                f"{P.rounded(result.total_credit_amount)}")


def chart_low(targets: Sequence[float]) -> float:
    """Where the chart's x-axis starts: below the lowest target by three times its gap to
    100%, so the tiers near the target fill the chart (99.95% -> 99.8, 99% -> 96)."""
    lowest = min(targets, default=99.0)
    return max(80.0, round(lowest - 3 * max(100 - lowest, 0.05), 2))


@st.cache_data(max_entries=64, show_spinner=False)
def _chart_spec(curves: tuple[tuple[str, str, int], ...], low: float) -> dict:
    """The Altair step chart of credit % against availability, as a Vega-Lite dict. The
    scenario's points come from the named dataset "scenario", filled in per rerun, so
    the (slow to build) chart is built once per provider/service selection."""
    points = []
    for series, sla_json, index in curves:
        sla = SLAExtraction.model_validate_json(sla_json)
        points += [{"series": series, "availability %": x, "credit %": y}
                   for x, y in P.credit_curve(sla, sla.uptime_targets[index], low)]
    x = alt.X("availability %:Q", scale=alt.Scale(domain=[low, 100], nice=False, clamp=True))
    color = alt.Color("series:N", scale=alt.Scale(scheme="tableau20"),
                      legend=alt.Legend(orient="bottom", columns=3, labelLimit=320,
                                        symbolLimit=0))
    tooltip = ["series:N", "availability %:Q", "credit %:Q"]
    lines = alt.Chart(pd.DataFrame(points)).mark_line(
        interpolate="step-after", strokeWidth=2).encode(x=x, y="credit %:Q", color=color,
                                                         tooltip=tooltip)
    scenario = alt.Chart(alt.NamedData(name="scenario"))
    marks = scenario.mark_point(size=90, filled=True).encode(
        x=x, y="credit %:Q", color=color, tooltip=tooltip)
    rule = scenario.mark_rule(strokeDash=[4, 4]).encode(x=x).transform_filter("datum.first")
    return alt.layer(lines, marks, rule).properties(height=380).interactive(
        bind_y=False).to_dict()


def credit_chart(results: list[tuple[Provider, UptimeTarget, ScenarioResult]]) -> None:
    if not results:
        return
    st.markdown("**Credit against availability** (drag to pan, scroll to zoom)")
    suggested = chart_low([t.percent for _, t, _ in results])
    low = st.slider("Chart from availability %", 80.0, 99.9, suggested, 0.05, key="chart_low")
    shown = results[:20]
    if len(results) > len(shown):
        st.caption(f"The first {len(shown)} of {len(results)} vendors are drawn: narrow the "
                   f"selection to see the others.")
    curves = []
    marks: list[dict[str, object]] = []
    for p, target, r in shown:
        series = f"{p.label} — {P.service_name(target)}"
        curves.append((series, p.sla.model_dump_json(), p.sla.uptime_targets.index(target)))
        if r.availability_percent is not None and r.availability_percent >= low:
            marks.append({"series": series, "availability %": r.availability_percent,
                          "credit %": r.credit_percent or 0.0, "first": not marks})
    spec = copy.deepcopy(_chart_spec(tuple(curves), low))
    spec.setdefault("datasets", {})["scenario"] = marks
    st.vega_lite_chart(spec, width="stretch")


# --- library -------------------------------------------------------------------------------

def library_tab(all_providers: list[Provider]) -> None:
    lib = library()
    undo = st.session_state.get("undo_remove")
    if undo:
        sha, name = undo
        c1, c2 = st.columns([5, 1])
        c1.info(plain_md(f"Removed {name}. Its corrections are kept."))
        if c2.button("Undo removal", key="undo_remove_button"):
            lib.restore(sha)
            st.session_state.pop("undo_remove")
            st.rerun()
    pending = st.session_state.get("confirm_remove")
    rows = [{"vendor": p.label, "file": p.entry.name, "kind": "sample" if p.sample else "yours",
             "targets": len(p.sla.uptime_targets), "warnings": len(p.sla.warnings),
             "corrections": len(p.entry.extraction.corrections),
             "added": p.entry.added_at[:10]} for p in all_providers]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=300)
    labels = {p.entry.sha256: p for p in all_providers}
    c1, c2 = st.columns([3, 1])
    target = c1.selectbox("Remove a document", [None, *labels], key="remove_pick",
                          format_func=lambda s: "—" if s is None
                          else f"{labels[s].label} ({labels[s].entry.name})")
    if target and c2.button("Remove…", key="remove_ask"):
        st.session_state["confirm_remove"] = target
        st.rerun()
    if pending in labels:
        p = labels[pending]
        st.warning(plain_md(f"Remove {p.label} ({p.entry.name})? Its "
                            f"{len(p.entry.extraction.corrections)} correction(s) are kept "
                            f"and the removal can be undone."))
        c1, c2, _ = st.columns([1, 1, 4])
        if c1.button("Yes, remove", key="remove_yes"):
            lib.remove(pending)
            st.session_state["undo_remove"] = (pending, p.label)
            st.session_state.pop("confirm_remove")
            st.rerun()
        if c2.button("Cancel", key="remove_no"):
            st.session_state.pop("confirm_remove")
            st.rerun()
    versions_section(all_providers)


def versions_section(all_providers: list[Provider]) -> None:
    """Several versions of one provider's SLA, by effective date, two side by side."""
    groups = V.versions([(p.entry.sha256, p.entry.extraction) for p in all_providers])
    st.subheader("Versions of one provider's SLA")
    if not groups:
        st.caption("No provider has two documents in the library yet: add another version "
                   "of an SLA to see what changed between them.")
        return
    c1, c2, c3 = st.columns([2, 2, 2])
    provider = c1.selectbox("Provider", list(groups), key="versions_provider")
    found = groups[provider or next(iter(groups))]
    names = [v.name for v in found]
    older = c2.selectbox("Older version", range(len(found)), index=0, key="versions_old",
                         format_func=lambda i: names[i])
    newer = c3.selectbox("Newer version", range(len(found)), index=len(found) - 1,
                         key="versions_new", format_func=lambda i: names[i])
    only_changed = st.checkbox("Only the terms that changed", key="versions_changed")
    rows = V.term_diff(found[older or 0].sla, found[newer or 0].sla)
    changed = sum(bool(r["changed"]) for r in rows)
    st.caption(f"{changed} of {len(rows)} terms differ between {names[older or 0]} and "
               f"{names[newer or 0]}.")
    shown = [r for r in rows if r["changed"]] if only_changed else rows
    st.dataframe(pd.DataFrame(shown, columns=["term", "older", "newer", "changed"]),
                 hide_index=True, width="stretch",
                 column_config={"older": st.column_config.TextColumn(names[older or 0]),
                                "newer": st.column_config.TextColumn(names[newer or 0]),
                                "changed": st.column_config.CheckboxColumn("changed")})


# --- export --------------------------------------------------------------------------------

def export_tab(all_providers: list[Provider], selected: list[Provider],
               verdicts: list[D.Verdict]) -> None:
    st.caption("Exports use the effective values: your corrections applied (the JSON also "
               "keeps each extracted value and the correction's time).")
    chosen = selected or all_providers
    st.text(f"{len(chosen)} vendor(s): the ones selected in Compare.")
    slas = [p.entry.extraction for p in chosen]
    samples = [p.sample for p in chosen]
    c1, c2, c3, c4 = st.columns(4)
    # every download is built eagerly (a deferred, callable one was not always delivered
    # to the browser) and starts no rerun (a rerun replaces the buttons under the pointer)
    c1.download_button("Download JSON", P.export_json(slas) if slas else "[]",
                       file_name="sla-extraction.json", mime="application/json",
                       key="json_download", on_click="ignore")
    c2.download_button("Download terms (CSV)", X.terms_csv(slas, samples),
                       file_name="sla-terms.csv", mime="text/csv", key="csv_download_export",
                       on_click="ignore")

    def results() -> list[dict]:
        effective = [p.sla for p in chosen]
        asked = [*comparison.DEFAULT_SCENARIOS]
        current = st.session_state.get("current_scenario")
        if current:
            asked.insert(0, current)
        return X.result_rows(comparison.compare(effective, asked))

    scenario_rows = results()  # a handful of vendors: cheap to build on every run
    c3.download_button("Download workbook (XLSX)",
                       X.workbook(X.term_rows(slas, samples), scenario_rows),
                       file_name="sla-comparison.xlsx", key="xlsx_download", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    summaries = {v.label: f"{v.status}: {v.summary}" for v in verdicts}
    c4.download_button("Download printable report (HTML)",
                       X.report_html(slas, scenario_rows, verdicts=summaries, samples=samples),
                       file_name="sla-report.html", mime="text/html", key="report_download",
                       on_click="ignore")


def main() -> None:
    st.set_page_config(page_title="SLA decision", layout="wide")
    st.title("SLA decision")
    all_providers = providers_of(library().entries())
    uploader(all_providers)
    tabs = st.tabs(["Decide", "Vendor", "Compare", "Scenario", "Library", "Export"])
    with tabs[0]:
        verdicts = decide_tab(all_providers)
    with tabs[1]:
        vendor_tab(all_providers)
    with tabs[2]:
        selected, services = compare_selection(all_providers)
        compare_tab(selected, services)
    with tabs[3]:
        scenario_tab(selected, services)
    with tabs[4]:
        library_tab(all_providers)
    with tabs[5]:
        export_tab(all_providers, selected, verdicts)


# Streamlit runs this file as __main__. A child process that reads a document (under
# forkserver) imports the parent's main module as __mp_main__: it must not run the app.
if __name__ == "__main__":
    main()
