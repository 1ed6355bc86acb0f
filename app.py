"""SLA comparison for procurement: `.venv/bin/streamlit run app.py`.

Layout and widgets only: extraction, storage, flags and wording live in extractor/
(library.py, flags.py, presentation.py, engine.py). Document text is never rendered as
HTML: it goes through st.dataframe / st.text / st.code, or html.escape (evidence).
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from extractor.analysis import flags as F
from extractor.app_support import presentation as P
from extractor.analysis.engine import evaluate
from extractor.app_support.library import Entry, Library, default_path
from extractor.extract.readers import SUPPORTED_SUFFIXES
from schemas.models import ScenarioResult, SLAExtraction, UptimeTarget

DEFAULT_FEE = 1000.0
UPLOAD_TYPES = sorted({s.lstrip(".") for s in SUPPORTED_SUFFIXES})


@st.cache_resource(show_spinner="Loading the SLA library…")
def _library(path: str) -> Library:
    return Library(path)


def library() -> Library:
    return _library(str(default_path()))


class Provider:
    """One library entry as the app shows it: label, extraction as stored, and the
    extraction with the user's corrections applied (used for every calculation)."""

    def __init__(self, entry: Entry, label: str) -> None:
        self.entry = entry
        self.label = label
        self.sla = P.apply_corrections(entry.extraction)
        self.key = entry.sha256[:12]


def providers_of(entries: Sequence[Entry]) -> list[Provider]:
    labels = P.provider_labels([P.apply_corrections(e.extraction) for e in entries])
    return [Provider(e, label) for e, label in zip(entries, labels, strict=True)]


def _keep_selection(key: str, options: list[str], known_key: str) -> None:
    """Drop vanished options from a multiselect's state; select new ones."""
    known = st.session_state.get(known_key)
    current = st.session_state.get(key)
    if current is None or known is None:
        st.session_state[key] = list(options)
    else:
        kept = [o for o in current if o in options] + [o for o in options if o not in known]
        st.session_state[key] = list(dict.fromkeys(kept))
    st.session_state[known_key] = list(options)


# --- sidebar -----------------------------------------------------------------------

def sidebar(all_providers: list[Provider]) -> tuple[list[Provider], list[str]]:
    st.sidebar.header("Compare")
    labels = [p.label for p in all_providers]
    _keep_selection("providers", labels, "_known_providers")
    chosen = st.sidebar.multiselect("Providers", labels, key="providers")
    selected = [p for p in all_providers if p.label in chosen]
    services = list(dict.fromkeys(P.service_name(t) for p in selected
                                  for t in p.sla.uptime_targets))
    _keep_selection("services", services, "_known_services")
    chosen_services = st.sidebar.multiselect("Services", services, key="services")
    st.sidebar.caption(f"Library: {len(all_providers)} documents — `{library().path}`")
    return selected, chosen_services


# --- tabs --------------------------------------------------------------------------

def compare_tab(selected: list[Provider], services: list[str]) -> None:
    if not selected:
        st.info("Pick providers in the sidebar.")
        return
    table = P.comparison_table([p.sla for p in selected], services)
    frame = pd.DataFrame.from_dict(table, orient="index")
    st.dataframe(frame, width="stretch", height=min(40 + 36 * len(frame), 900),
                 row_height=34)
    st.caption("Multi-line cells: widen the column or see the text below. "
               "✎ marks a value the user corrected.")
    with st.expander("Targets, credit schedules and support times in full"):
        for p in selected:
            st.markdown(f"**{_md_safe(p.label)}**")
            targets = "\n".join(f"{P.service_name(t)}: {P.num(t.percent)}%"
                                 for t in P.selected_targets(p.sla, services))
            st.text(f"Uptime targets:\n{targets or 'none'}\n\n"
                    f"Credit schedule:\n{table['Credit schedule'][p.label]}\n\n"
                    f"Support times:\n{table['Support times'][p.label]}")
    warned = [p for p in selected if p.sla.warnings]
    if warned:
        with st.expander(f"Extraction warnings ({sum(len(p.sla.warnings) for p in warned)})"):
            for p in warned:
                st.markdown(f"**{_md_safe(p.label)}**")
                st.text("\n".join(f"• {w}" for w in p.sla.warnings))
    st.download_button("Download comparison (CSV)", P.comparison_csv(table),
                       file_name="sla-comparison.csv", mime="text/csv", key="csv_download")


def _md_safe(text: str) -> str:
    """A label for st.markdown: Markdown and HTML characters escaped."""
    import html
    import re
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|>~<])", r"\\\1", html.escape(text, quote=False))


def scenario_inputs() -> dict:
    c1, c2, c3 = st.columns(3)
    mode = c1.radio("Scenario", ["Downtime minutes", "Availability %"], key="mode")
    if mode == "Downtime minutes":
        value = c2.number_input("Downtime in the month (minutes)", min_value=0.0,
                                max_value=44640.0, value=60.0, step=1.0, key="downtime")
        measure = {"downtime_minutes": value}
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
    """Monthly fee and service per provider, edited in one table (one widget, not two per
    provider: re-rendering stays fast with many providers). Kept per document."""
    store = st.session_state.setdefault("provider_settings", {})
    rows = []
    for p in selected:
        names = [P.service_name(t) for t in
                 (P.selected_targets(p.sla, services) or p.sla.uptime_targets)]
        saved = store.get(p.key, {})
        service = saved.get("service") if saved.get("service") in names else (
            names[0] if names else None)
        rows.append({"provider": p.label, "service": service,
                     "monthly fee": saved.get("fee", DEFAULT_FEE)})
    options = list(dict.fromkeys(P.service_name(t) for p in selected
                                 for t in p.sla.uptime_targets))
    digest = hashlib.sha1("|".join(p.key for p in selected).encode()).hexdigest()[:10]
    edited = st.data_editor(
        pd.DataFrame(rows, columns=["provider", "service", "monthly fee"]),
        key=f"settings_{digest}", hide_index=True, disabled=["provider"], width="stretch",
        column_config={
            "service": st.column_config.SelectboxColumn("service", options=options),
            "monthly fee": st.column_config.NumberColumn("monthly fee", min_value=0.0,
                                                         step=1.0, format="%.2f")})
    out = []
    for p, row in zip(selected, edited.to_dict("records"), strict=True):
        fee = row["monthly fee"]
        fee = None if fee is None or pd.isna(fee) else float(fee)
        store[p.key] = {"fee": fee, "service": row["service"]}
        target = next((t for t in p.sla.uptime_targets
                       if P.service_name(t) == row["service"]), None)
        out.append((p, target, fee))
    return out


@st.fragment
def scenario_tab(selected: list[Provider], services: list[str]) -> None:
    """A fragment: changing the scenario reruns this tab only, not the whole app."""
    if not selected:
        st.info("Pick providers in the sidebar.")
        return
    scenario = scenario_inputs()
    settings = provider_settings(selected, services)
    rows, summary, results = [], [], []
    for p, target, fee in settings:
        if target is None:
            offered = ", ".join(P.service_name(t) for t in p.sla.uptime_targets)
            rows.append({"provider": p.label, "error": f"offers no such service; it has: "
                                                      f"{offered or 'no uptime target'}"})
            continue
        r = evaluate(p.sla, {**scenario, "monthly_fee": fee}, target=target)
        results.append((p, target, r))
        rows.append({
            "provider": p.label, "service": P.service_name(target),
            "target %": r.target_percent, "availability %": r.availability_percent,
            "breached": r.breached, "credit %": r.credit_percent,
            "credit amount": r.credit_amount,
            "allowed downtime (min)": r.allowed_downtime_minutes,
            "ticket by": r.claim_ticket_deadline, "claim by": r.claim_deadline,
            "notes": "; ".join(r.notes), "error": r.error})
        summary.append(f"{p.label}: credit {P.num(r.credit_percent)}%"
                       + (f" = {r.credit_amount:,.2f}" if r.credit_amount is not None else "")
                       + (" (breached)" if r.breached else "")
                       + (f" — error: {r.error}" if r.error else ""))
    columns = ["provider", "service", "target %", "availability %", "breached", "credit %",
               "credit amount", "allowed downtime (min)", "ticket by", "claim by", "notes",
               "error"]
    st.dataframe(pd.DataFrame(rows, columns=columns), width="stretch", hide_index=True)
    st.code("\n".join(summary), language=None)
    credit_chart(results)


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
    x = alt.X("availability %:Q", scale=alt.Scale(domain=[low, 100]))
    tooltip = ["series:N", "availability %:Q", "credit %:Q"]
    lines = alt.Chart(pd.DataFrame(points)).mark_line(interpolate="step-after").encode(
        x=x, y="credit %:Q", color="series:N", tooltip=tooltip)
    scenario = alt.Chart(alt.NamedData(name="scenario"))
    marks = scenario.mark_point(size=90, filled=True).encode(
        x=x, y="credit %:Q", color="series:N", tooltip=tooltip)
    rule = scenario.mark_rule(strokeDash=[4, 4]).encode(x=x).transform_filter(
        "datum.first")
    return alt.layer(lines, marks, rule).properties(height=380).to_dict()


def credit_chart(results: list[tuple[Provider, UptimeTarget, ScenarioResult]]) -> None:
    low = st.slider("Chart from availability %", 80.0, 99.9, 95.0, 0.1, key="chart_low")
    curves, marks = [], []
    for p, target, r in results:
        series = f"{p.label} — {P.service_name(target)}"
        curves.append((series, _sla_json(p), p.sla.uptime_targets.index(target)))
        if r.availability_percent is not None and r.availability_percent >= low:
            marks.append({"series": series, "availability %": r.availability_percent,
                          "credit %": r.credit_percent or 0.0, "first": not marks})
    if not curves:
        return
    spec = copy.deepcopy(_chart_spec(tuple(curves), low))
    spec.setdefault("datasets", {})["scenario"] = marks
    st.vega_lite_chart(spec, width="stretch")


def _sla_json(p: Provider) -> str:
    return p.sla.model_dump_json()


def exclusions_tab(selected: list[Provider]) -> None:
    matrix = P.exclusions_matrix([p.sla for p in selected])
    if not matrix:
        st.info("No exclusions found for the selected providers.")
        return
    frame = pd.DataFrame.from_dict(matrix, orient="index").map(
        lambda n: f"✓ ({n})" if n else "—")
    st.dataframe(frame, width="stretch")
    c1, c2 = st.columns(2)
    label = c1.selectbox("Provider", [p.label for p in selected], key="excl_provider")
    category = c2.selectbox("Category", list(matrix), key="excl_category")
    provider = next(p for p in selected if p.label == label)
    clauses = [e for e in provider.sla.exclusions if e.category == category]
    if not clauses:
        st.caption("This provider states no exclusion of this category.")
    for e in clauses:
        st.text(e.text)
        if e.evidence.page:
            st.caption(f"page {e.evidence.page}")


def flags_tab(selected: list[Provider]) -> None:
    rows = [{"provider": p.label, "kind": "red flag" if f.kind == "red_flag" else "gap",
             "severity": f.severity, "flag": f.title, "detail": f.detail}
            for p in selected for f in F.all_flags(p.sla)]
    if not rows:
        st.success("No red flags or gaps.")
        return
    st.dataframe(pd.DataFrame(rows), width="stretch", hide_index=True)
    label = st.selectbox("Evidence of a provider's red flags", [p.label for p in selected],
                         key="flag_provider")
    provider = next(p for p in selected if p.label == label)
    for f in F.red_flags(provider.sla):
        st.markdown(f"**{f.title}** ({f.severity})")
        st.text(f.evidence.quote if f.evidence else "(no passage recorded)")


def evidence_tab(all_providers: list[Provider]) -> None:
    if not all_providers:
        return
    label = st.selectbox("Provider", [p.label for p in all_providers], key="ev_provider")
    provider = next(p for p in all_providers if p.label == label)
    items = P.evidence_items(provider.entry.extraction)
    if items:
        index = st.selectbox("Value", range(len(items)), key=f"ev_item_{provider.key}",
                             format_func=lambda i: f"{items[i].label}: {items[i].value}"[:120])
        item = items[index or 0]
        st.html(P.evidence_html(provider.entry.text, item.evidence, item.value))
    else:
        st.caption("No evidence recorded for this document.")
    if provider.sla.warnings:
        with st.expander(f"Extraction warnings ({len(provider.sla.warnings)})"):
            st.text("\n".join(f"• {w}" for w in provider.sla.warnings))
    corrections_form(provider)


def corrections_form(provider: Provider) -> None:
    st.subheader("Corrections")
    lib = library()
    fields = P.correctable_fields(provider.entry.extraction)
    with st.form(f"correct_{provider.key}", clear_on_submit=True):
        path = st.selectbox("Value to correct", list(fields), format_func=fields.get,
                            key=f"corr_path_{provider.key}")
        value = st.text_input("Correct value (number, true/false, text; empty = none)",
                              key=f"corr_value_{provider.key}")
        note = st.text_input("Note", key=f"corr_note_{provider.key}")
        if st.form_submit_button("Save correction"):
            lib.add_correction(provider.entry.sha256, path, P.parse_correction_value(value),
                               note)
            st.rerun()
    extracted = provider.entry.extraction.model_dump(mode="json")
    for c in provider.entry.extraction.corrections:
        try:
            was = P.get_path(extracted, c.path)
        except (KeyError, IndexError, TypeError):
            was = "?"
        c1, c2 = st.columns([5, 1])
        c1.text(f"{c.path}: {c.value!r} (extracted: {was!r}) — {c.note or ''} "
                f"[{c.corrected_at:%Y-%m-%d %H:%M}]")
        if c2.button("Undo", key=f"undo_{provider.key}_{c.path}_{c.corrected_at:%s%f}"):
            lib.remove_corrections(provider.entry.sha256, c.path)
            st.rerun()
    for w in provider.sla.warnings:
        if w.startswith("correction of"):
            st.warning(w)


def library_tab(all_providers: list[Provider]) -> None:
    lib = library()
    uploader_key = f"upload_{st.session_state.setdefault('upload_round', 0)}"
    files = st.file_uploader("Add SLAs", type=UPLOAD_TYPES, accept_multiple_files=True,
                             key=uploader_key)
    if files:
        added, errors = lib.add_many((f.name, f.getvalue()) for f in files)
        st.session_state["upload_round"] += 1
        st.session_state["upload_report"] = (len(added), errors)
        st.rerun()
    report = st.session_state.pop("upload_report", None)
    if report:
        count, errors = report
        if count:
            st.success(f"Added {count} document(s).")
        for e in errors:
            st.error(e)
    for e in lib.load_errors:
        st.warning(e)
    for p in all_providers:
        c1, c2, c3 = st.columns([3, 4, 1])
        c1.text(p.label)
        c2.text(f"{p.entry.name} ({p.entry.origin}, {len(p.sla.warnings)} warnings)")
        if c3.button("Remove", key=f"remove_{p.key}"):
            lib.remove(p.entry.sha256)
            st.rerun()


def export_tab(all_providers: list[Provider], selected: list[Provider],
               services: list[str]) -> None:
    choice = st.selectbox("JSON export", ["All providers"] + [p.label for p in all_providers],
                          key="export_choice")
    chosen = all_providers if choice == "All providers" else [
        p for p in all_providers if p.label == choice]
    # The contract's shape: values as extracted, the user's corrections beside them.
    # Built when the button is clicked, not on every rerun.
    slas = [p.entry.extraction for p in chosen]
    st.download_button("Download JSON", lambda: P.export_json(slas) if slas else "[]",
                       file_name="sla-extraction.json",
                       mime="application/json", key="json_download")
    if selected:
        table = P.comparison_table([p.sla for p in selected], services)
        st.download_button("Download comparison (CSV)", P.comparison_csv(table),
                           file_name="sla-comparison.csv", mime="text/csv",
                           key="csv_download_export")


def main() -> None:
    st.set_page_config(page_title="SLA comparison", layout="wide")
    st.title("SLA comparison")
    all_providers = providers_of(library().entries())
    selected, services = sidebar(all_providers)
    tabs = st.tabs(["Compare", "Scenario", "Exclusions", "Red flags & gaps",
                    "Evidence & corrections", "Library", "Export"])
    with tabs[0]:
        compare_tab(selected, services)
    with tabs[1]:
        scenario_tab(selected, services)
    with tabs[2]:
        exclusions_tab(selected)
    with tabs[3]:
        flags_tab(selected)
    with tabs[4]:
        evidence_tab(all_providers)
    with tabs[5]:
        library_tab(all_providers)
    with tabs[6]:
        export_tab(all_providers, selected, services)


main()
