"""A generated corpus of wire-style articles for benchmarks (written for this project).

Like a real news feed, most sentences are not political events: business,
sports, weather, science and culture stories, and background sentences inside
political stories. Deterministic for a given seed.

    python bench/corpus.py 1000 > /tmp/corpus.jsonl
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Iterator

COUNTRIES = [
    ("Iran", "Iranian"), ("Iraq", "Iraqi"), ("Turkey", "Turkish"), ("Greece", "Greek"),
    ("Egypt", "Egyptian"), ("Israel", "Israeli"), ("Jordan", "Jordanian"), ("Syria", "Syrian"),
    ("Russia", "Russian"), ("Ukraine", "Ukrainian"), ("China", "Chinese"), ("Japan", "Japanese"),
    ("India", "Indian"), ("Pakistan", "Pakistani"), ("Nigeria", "Nigerian"), ("Kenya", "Kenyan"),
    ("Brazil", "Brazilian"), ("Mexico", "Mexican"), ("France", "French"), ("Germany", "German"),
]
ROLES = ["president", "prime minister", "foreign minister", "defense minister", "envoy",
         "military", "opposition", "police"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
POLITICAL = [
    "{A}'s {r} met {b} counterpart in {cap} on {day} to discuss border security.",
    "{A} accused {B} of violating the ceasefire along their shared frontier.",
    "The {a} {r} urged {B} to release the detained journalists.",
    "{A} and {B} agreed to resume talks on trade next month.",
    "{A} condemned the attack and called for an investigation.",
    "{B} rejected the proposal, a government spokesman said on {day}.",
    "The {a} government threatened to impose sanctions on {B}.",
    "{A}'s {r} visited {B} on {day} for talks with {b} leaders.",
    "{A} will host a summit of regional leaders next week.",
    "Police in {cap} arrested dozens of protesters on {day}.",
    "{B} praised {A} for its help after the floods.",
    "{A} did not criticize the decision.",
]
BACKGROUND = [
    "The talks lasted about two hours, officials said.",
    "It was not immediately clear when the next round would take place.",
    "Relations between the two countries have been strained for years.",
    "The region has seen repeated clashes since the war ended.",
    "Analysts expect the dispute to drag on into next year.",
    "The statement gave no further details.",
    "Tension has risen since the election in the spring.",
]
BUSINESS = [
    "Shares in the company rose 3 percent in early trading.",
    "The firm reported a quarterly profit of $2.1 billion, beating forecasts.",
    "Revenue grew 12 percent, driven by strong demand for its cloud services.",
    "The chief executive said the outlook for next year remained cautious.",
    "Oil prices edged lower as inventories built up for a third week.",
    "The bank kept its benchmark interest rate unchanged at 4.5 percent.",
    "Analysts had expected slower growth in the second half.",
    "The carmaker plans to open two new plants by 2027.",
]
SPORTS = [
    "The striker scored twice in the second half to seal the win.",
    "The home side led 2-0 at half-time before the visitors rallied.",
    "She won the final in straight sets to claim her third title.",
    "The coach said his team would be ready for the quarterfinal.",
    "A penalty shootout decided the tie after extra time.",
]
WEATHER = [
    "Heavy rain is expected across the north over the weekend.",
    "Temperatures will climb to 35 degrees by Thursday afternoon.",
    "Forecasters said the storm would weaken as it moves inland.",
    "Snow closed several mountain roads overnight.",
]
SCIENCE = [
    "Researchers said the new telescope captured images of a distant galaxy.",
    "The study, published in a leading journal, followed 12,000 patients for ten years.",
    "The museum will display the recovered paintings from next month.",
    "The festival drew more than 50,000 visitors over three days.",
    "Scientists found that the coral reefs had recovered faster than expected.",
]
TITLES = {
    "political": "{A} and {B} trade words over border",
    "business": "Company profits beat forecasts",
    "sports": "Late goals settle the final",
    "weather": "Storm to bring heavy rain",
    "science": "Researchers report new findings",
}


def articles(n: int, seed: int = 7) -> Iterator[dict]:
    rng = random.Random(seed)
    start = dt.date(2021, 1, 1)
    kinds = ["political"] * 30 + ["business"] * 25 + ["sports"] * 15 + ["weather"] * 15 + [
        "science"] * 15
    for i in range(n):
        kind = rng.choice(kinds)
        (A, a), (B, b) = rng.sample(COUNTRIES, 2)
        fill = {"A": A, "a": a, "B": B, "b": b, "r": rng.choice(ROLES), "day": rng.choice(DAYS),
                "cap": rng.choice(["the capital", "Geneva", "Vienna", "Doha"])}
        if kind == "political":
            body = rng.sample(POLITICAL, 3) + rng.sample(BACKGROUND, 4)
            rng.shuffle(body)
        else:
            pool = {"business": BUSINESS, "sports": SPORTS, "weather": WEATHER,
                    "science": SCIENCE}[kind]
            body = rng.sample(pool, min(len(pool), 5)) + rng.sample(BACKGROUND[3:], 1)
        paragraphs = [" ".join(body[k : k + 2]) for k in range(0, len(body), 2)]
        yield {
            "id": f"gen-{i:06d}",
            "date": (start + dt.timedelta(days=i % 700)).isoformat(),
            "title": TITLES[kind].format(**fill),
            "text": "\n\n".join(p.format(**fill) for p in paragraphs),
            "source": "generated",
        }


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    for art in articles(count):
        sys.stdout.write(json.dumps(art) + "\n")
