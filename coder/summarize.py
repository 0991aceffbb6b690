"""Summaries and plots of any event table this project wrote (any format, any schema)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .table import read_table

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}


def canonical(df: Any) -> Any:
    """date, source, target, code, root, quad, goldstein from a native, ICEWS or Phoenix table."""
    import pandas as pd

    cols = set(df.columns)
    if not cols and df.empty:  # an empty JSONL table has no header to tell its schema
        cols = {"source", "target", "code"}
        df = pd.DataFrame({c: pd.Series(dtype="object") for c in
                           ("date", "source", "target", "code", "goldstein")})
    if {"source", "target", "code"} <= cols:  # native
        out = pd.DataFrame({"date": df["date"], "source": df["source"], "target": df["target"],
                            "code": df["code"], "goldstein": df["goldstein"]})
    elif {"EventCode", "SourceActorFull"} <= cols:  # phoenix
        out = pd.DataFrame({"date": df["Date"], "source": df["SourceActorFull"],
                            "target": df["TargetActorFull"], "code": df["EventCode"],
                            "goldstein": df["GoldsteinScore"]})
    elif {"CAMEO Code", "Source Name"} <= cols:  # icews
        out = pd.DataFrame({"date": df["Event Date"],
                            "source": df["Source Country"].where(df["Source Country"] != "",
                                                                 df["Source Name"]),
                            "target": df["Target Country"].where(df["Target Country"] != "",
                                                                 df["Target Name"]),
                            "code": df["CAMEO Code"], "goldstein": df["Intensity"]})
    elif {"CAMEO_Code", "Source_Name"} <= cols:  # icews written to Stata
        out = pd.DataFrame({"date": df["Event_Date"], "source": df["Source_Country"],
                            "target": df["Target_Country"], "code": df["CAMEO_Code"],
                            "goldstein": df["Intensity"]})
    else:
        raise ValueError("not an event table of this project: no code/source/target columns")
    _add_place(df, out)
    out["date"] = pd.to_datetime(out["date"], errors="coerce")
    out["code"] = out["code"].astype(str)
    out["root"] = out["code"].str[:2]
    out["quad"] = out["root"].astype(int).map(
        lambda r: 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4)
    out["goldstein"] = pd.to_numeric(out["goldstein"], errors="coerce")
    for c in ("source", "target"):
        out[c] = out[c].fillna("").astype(str).replace("", "(unknown)")
    return out


# The event's place in each schema: (country column, province column).
_PLACE = [("location_country", "admin1"), ("CountryCode", "StateName"), ("Country", "Province")]


def _add_place(df: Any, out: Any) -> None:
    """``location_country`` and ``admin1`` of ``out`` from whichever schema ``df`` is."""
    for country, province in _PLACE:
        if country in df.columns:
            out["location_country"] = df[country].fillna("").astype(str).replace("", "(none)")
            out["admin1"] = (df[province].fillna("").astype(str) if province in df.columns
                             else "").replace("", "(none)")
            return
    out["location_country"] = "(none)"
    out["admin1"] = "(none)"


def summarize(df: Any, by: str = "dyad", freq: str = "month") -> Any:
    """Counts and mean Goldstein per group and period."""
    ev = canonical(df)
    if by == "dyad":
        ev["group"] = ev["source"] + " -> " + ev["target"]
    elif by in ("source", "target", "root"):
        ev["group"] = ev[by]
    elif by == "quad":
        ev["group"] = ev["quad"].map(lambda q: f"{q} {QUAD_NAMES[q]}")
    elif by in ("location_country", "admin1"):
        ev["group"] = ev[by]
    else:
        raise ValueError("--by must be dyad, source, target, root, quad, location_country or "
                         f"admin1, not {by!r}")
    ev["period"] = ev["date"].dt.to_period({"day": "D", "week": "W", "month": "M"}[freq]
                                           ).dt.start_time
    table = (ev.groupby(["period", "group"])
             .agg(events=("code", "size"), mean_goldstein=("goldstein", "mean"))
             .reset_index())
    table["mean_goldstein"] = table["mean_goldstein"].round(3)
    return table.sort_values(["period", "events", "group"], ascending=[True, False, True],
                             ignore_index=True)


def plot(table: Any, by: str, freq: str, path: Path, top: int = 8) -> None:
    """Events per period for the top groups (or the quad classes stacked)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    if table.empty:  # an empty table still gives a figure, one that says so
        fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
        ax.text(0.5, 0.5, "no events", ha="center", va="center", fontsize=16)
        ax.set_axis_off()
        fig.savefig(path)
        plt.close(fig)
        return
    wide = table.pivot_table(index="period", columns="group", values="events",
                             aggfunc="sum", fill_value=0)
    if by != "quad":
        keep = wide.sum().sort_values(ascending=False).index[:top]
        wide = wide[keep]
    # every period in the range, so empty periods show as zero instead of being skipped
    step = {"day": "D", "week": "W-MON", "month": "MS"}[freq]
    full = pd.date_range(wide.index.min(), wide.index.max(), freq=step)
    wide = wide.reindex(wide.index.union(full), fill_value=0)
    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=110)
    labels = [d.strftime("%Y-%m-%d" if freq != "month" else "%Y-%m") for d in wide.index]
    if by == "quad":
        colors = {1: "#4c9be8", 2: "#2ca02c", 3: "#ff9f40", 4: "#d62728"}
        bottom = [0] * len(wide)
        for col in wide.columns:
            ax.bar(labels, wide[col], bottom=bottom, label=col, color=colors[int(col[0])])
            bottom = [b + v for b, v in zip(bottom, wide[col], strict=True)]
        step_labels = max(1, len(labels) // 12)
        ax.set_xticks(range(0, len(labels), step_labels), labels[::step_labels])
    else:
        for col in wide.columns:
            ax.plot(wide.index, wide[col], marker="o", label=col)
    what = {"dyad": "dyads", "source": "source actors", "target": "target actors",
            "root": "CAMEO root codes", "quad": "quad classes",
            "location_country": "countries of the places", "admin1": "provinces"}[by]
    ax.set_title(f"Events per {freq} by {what}" + ("" if by == "quad" else f" (top {top})"))
    ax.set_xlabel(freq.capitalize())
    ax.set_ylabel("Number of events")
    ax.legend(title=what.capitalize(), loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def summarize_file(path: str | Path, by: str = "dyad", freq: str = "month") -> Any:
    return summarize(read_table(path), by, freq)
