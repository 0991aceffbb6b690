"""Where events happened, on a map: a matplotlib scatter of event places.

Every schema this project writes carries the place's coordinates (native
``latitude``/``longitude``, ICEWS ``Latitude``/``Longitude``, Phoenix ``Lat``/``Lon``,
POLECAT ``Latitude``/``Longitude``). :func:`draw_map` puts one marker per place,
its area by the number of events there, on a longitude/latitude grid (no country
outlines: no permissively licensed package ships them offline; see the README).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# (latitude, longitude, place name, country) columns by schema
PLACE_COLUMNS = [
    ("latitude", "longitude", "place", "location_country"),  # native
    ("Latitude", "Longitude", "Placename", "Country"),  # polecat
    ("Latitude", "Longitude", "City", "Country"),  # icews
    ("Lat", "Lon", "LocationName", "CountryCode"),  # phoenix
]


def places(df: Any) -> Any:
    """Event counts per place: ``lat, lon, place, country, events``, most first."""
    import pandas as pd

    found = [c for c in PLACE_COLUMNS if set(c) <= set(df.columns)]
    if not found:
        raise ValueError("no latitude/longitude columns: not an event table of this project")
    lat, lon, name, country = found[0]
    out = pd.DataFrame({
        "lat": pd.to_numeric(df[lat], errors="coerce"),
        "lon": pd.to_numeric(df[lon], errors="coerce"),
        "place": df[name].fillna("").astype(str) if name in df.columns else "",
        "country": df[country].fillna("").astype(str) if country in df.columns else "",
    }).dropna(subset=["lat", "lon"])
    if out.empty:
        return out.assign(events=pd.Series(dtype="int64"))
    table = (out.groupby(["lat", "lon", "place", "country"]).size().rename("events")
             .reset_index())
    return table.sort_values(["events", "place"], ascending=[False, True], ignore_index=True)


def draw_map(df: Any, path: str | Path, title: str = "", label: int = 12) -> int:
    """Draw the places of an event table to a PNG; returns the number of places.
    The view is the whole world, or the region of the events when they are close
    together; the ``label`` largest places are named."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = places(df)
    xlim, ylim = (-180.0, 180.0), (-60.0, 85.0)
    if len(table):
        lo_x, hi_x = table["lon"].min(), table["lon"].max()
        lo_y, hi_y = table["lat"].min(), table["lat"].max()
        pad_x, pad_y = max(10.0, (hi_x - lo_x) * 0.15), max(8.0, (hi_y - lo_y) * 0.15)
        xlim = (max(-180, lo_x - pad_x), min(180, hi_x + pad_x))
        ylim = (max(-90, lo_y - pad_y), min(90, hi_y + pad_y))
    # a figure of the view's shape, at least 800 x 400 pixels
    ratio = (ylim[1] - ylim[0]) / (xlim[1] - xlim[0])
    fig, ax = plt.subplots(figsize=(11, min(9.0, max(4.5, 11 * ratio + 1.2))), dpi=110)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    if len(table):
        size = 40 + 60 * table["events"] ** 0.5 * 2
        ax.scatter(table["lon"], table["lat"], s=size, alpha=0.55, color="#d62728",
                   edgecolor="black", linewidth=0.6, zorder=3)
        for _, r in table.head(label).iterrows():
            ax.annotate(f"{r['place'] or r['country']} ({r['events']})", (r["lon"], r["lat"]),
                        xytext=(6, 4), textcoords="offset points", fontsize=8, zorder=4)
    else:
        ax.text(0, 0, "no event has a place", ha="center", va="center")
    ax.set_aspect("equal", adjustable="box")
    ax.grid(alpha=0.35, linestyle="--")
    ax.set_xlabel("Longitude")
    ax.set_ylabel("Latitude")
    ax.set_title(title or f"Event places ({int(table['events'].sum()) if len(table) else 0} "
                 f"events at {len(table)} places; marker area by events)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return len(table)
