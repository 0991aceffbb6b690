"""The attribute ruler's rules, matched through an index instead of spaCy's Matcher.

In ``en_core_web_sm`` the attribute ruler (tag map, morphology rules and lemma
exceptions: 179 rules of one or two tokens) costs as much as the dependency parser:
spaCy's general Matcher tries every rule at every word. Each of these rules is a
conjunction of equalities (``{"TAG": "PRP", "LOWER": "her"}``), sets (``IN``) and
regular expressions, so the words a rule can start at are found with one dictionary
look-up per word on one of its equalities, and only those rules are checked.

The result is exactly the Matcher's: the same ``(rule, start, end)`` matches, applied
in the ruler's own order (by rule, then position) with spaCy's ``set_token_attrs``.
A ruler with anything else in its patterns (quantifiers, other predicates or
attributes) is left as it is. The tests compare both on parsed text.
"""

from __future__ import annotations

import re
from typing import Any

# attributes the index knows how to read with Doc.to_array
_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE", "ORTH", "POS", "LEMMA")


class _Unsupported(Exception):
    pass


def _spec(vocab: Any, spec: dict) -> list[tuple[str, str, Any]]:
    """One token's pattern as ``(attribute, kind, value)`` checks: eq, in, not_in or re."""
    checks: list[tuple[str, str, Any]] = []
    for attr, value in spec.items():
        if attr not in _ATTRS:
            raise _Unsupported(attr)
        if isinstance(value, bool):
            checks.append((attr, "eq", int(value)))
        elif isinstance(value, str):
            checks.append((attr, "eq", vocab.strings.add(value)))
        elif (isinstance(value, dict) and len(value) == 1 and next(iter(value)) in (
                "IN", "NOT_IN") and all(isinstance(v, str) for v in next(iter(value.values())))):
            op, words = next(iter(value.items()))
            checks.append((attr, op.lower(), frozenset(vocab.strings.add(v) for v in words)))
        elif (isinstance(value, dict) and len(value) == 1 and "REGEX" in value
              and isinstance(value["REGEX"], str) and attr != "IS_SPACE"):
            checks.append((attr, "re", re.compile(value["REGEX"])))
        else:
            raise _Unsupported(f"{attr}: {value!r}")
    return checks


Check = tuple[int, str, Any]  # (column of the row, kind, value)


class IndexedRuler:
    """The matches of an ``AttributeRuler``, found by index (see the module doc).

    One-token rules depend on nothing but the word's row of attributes, so the rules
    a row satisfies are worked out once per distinct row; rules of several tokens
    are found from one of their equalities, then checked."""

    MEMO = 200_000  # distinct rows kept

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import IDS

        self.ruler = ruler
        self.vocab = ruler.vocab
        found: list[tuple[int, int, list[list[tuple[str, str, Any]]]]] = []
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            got = ruler.matcher.get(key)
            if got is None:
                continue
            on_match, patterns = got
            if on_match is not None:
                raise _Unsupported("on_match callback")
            match_id = self.vocab.strings.add(key)
            for pattern in patterns:
                if not pattern:
                    raise _Unsupported("empty pattern")
                checks = [_spec(self.vocab, s) for s in pattern]
                if any(not c for c in checks):
                    raise _Unsupported("a token with no constraint")
                found.append((attr_id, match_id, checks))
        used = sorted({a for _, _, checks in found for token in checks for a, _, _ in token})
        self.columns = [IDS[a] for a in used]
        # rule -> (attr_id, match_id, [token checks...]); index: (column, value) -> rules
        self.rules: list[tuple[int, int, list[list[Check]]]] = [
            (attr_id, match_id, [[(used.index(a), kind, v) for a, kind, v in token]
                                 for token in checks]) for attr_id, match_id, checks in found]
        self.index: dict[tuple[int, int], list[tuple[int, int]]] = {}  # several tokens
        self.always: list[tuple[int, int]] = []  # (rule, position) tried at every word
        self.single_index: dict[tuple[int, int], list[int]] = {}  # one token
        self.single_always: list[int] = []
        for rule, (_, _, checks) in enumerate(self.rules):
            anchor = next(((k, c) for k, token in enumerate(checks) for c in token
                           if c[1] in ("eq", "in")), None)
            if anchor is None:
                if len(checks) == 1:
                    self.single_always.append(rule)
                else:
                    self.always.append((rule, 0))
                continue
            k, (col, kind, value) = anchor
            for v in ([value] if kind == "eq" else sorted(value)):
                if len(checks) == 1:
                    self.single_index.setdefault((col, v), []).append(rule)
                else:
                    self.index.setdefault((col, v), []).append((rule, k))
        self.indexed_columns = sorted({col for col, _ in self.index})
        self.single_columns = sorted({col for col, _ in self.single_index})
        self._rows: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    @classmethod
    def build(cls, ruler: Any) -> IndexedRuler | None:
        try:
            return cls(ruler)
        except _Unsupported:
            return None

    def _ok(self, row: list[int], checks: list[Check]) -> bool:
        for col, kind, value in checks:
            got = row[col]
            if kind == "eq":
                if got != value:
                    return False
            elif kind == "in":
                if got not in value:
                    return False
            elif kind == "not_in":
                if got in value:
                    return False
            elif not value.search(self.vocab.strings[got]):
                return False
        return True

    def _singles(self, row: list[int]) -> tuple[tuple[int, int], ...]:
        """``(attr_id, match_id)`` of the one-token rules that ``row`` satisfies."""
        hits: set[tuple[int, int]] = set()
        tried = [r for col in self.single_columns
                 for r in self.single_index.get((col, row[col]), ())]
        for rule in tried + self.single_always:
            attr_id, match_id, checks = self.rules[rule]
            if self._ok(row, checks[0]):
                hits.add((attr_id, match_id))
        return tuple(sorted(hits))

    def match(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """``AttributeRuler.match``: ``(attr_id, match_id, start, end)``, sorted."""
        n = len(doc)
        if not n:
            return []
        rows = doc.to_array(self.columns).reshape(n, -1).tolist()
        memo = self._rows
        if len(memo) > self.MEMO:
            memo.clear()
        found: set[tuple[int, int, int, int]] = set()
        for j, row in enumerate(rows):
            key = tuple(row)
            hits = memo.get(key)
            if hits is None:
                hits = memo[key] = self._singles(row)
            for attr_id, match_id in hits:
                found.add((attr_id, match_id, j, j + 1))
        if self.index or self.always:
            self._several(rows, found)
        return sorted(found)

    def _several(self, rows: list[list[int]], found: set[tuple[int, int, int, int]]) -> None:
        n = len(rows)
        ok = self._ok
        for j, row in enumerate(rows):
            tried = [rk for col in self.indexed_columns
                     for rk in self.index.get((col, row[col]), ())]
            for rule, k in tried + [(r, 0) for r, _ in self.always]:
                attr_id, match_id, checks = self.rules[rule]
                start = j - k
                end = start + len(checks)
                if start >= 0 and end <= n and all(
                        ok(rows[start + m], c) for m, c in enumerate(checks)):
                    found.add((attr_id, match_id, start, end))

    def set_annotations(self, doc: Any, matches: list[tuple[int, int, int, int]]) -> None:
        """``AttributeRuler.set_annotations`` without a ``Span`` per match: the same
        ``set_token_attrs`` on the same token, in the same order."""
        from spacy.tokens._retokenize import set_token_attrs

        attrs, indices = self.ruler.attrs, self.ruler.indices
        for attr_id, _, start, end in matches:
            k = indices[attr_id]
            if k < 0:
                k += end - start
            if not 0 <= k < end - start:  # spaCy's own error (E1001)
                type(self.ruler).set_annotations(self.ruler, doc, matches)
                return
            set_token_attrs(doc[start + k], attrs[attr_id])


def _memo_lemmatizer(base: type) -> type:
    """A subclass of the pipeline's rule lemmatizer that remembers each result.

    spaCy's rule lemmatizer caches by (word, POS, morphology) but returns before its
    cache for the commonest case, a base form (after ``token.morph.to_dict()``), and
    builds a Token per word. The rule's result depends on nothing but that key, so
    keeping every result, keyed on ``Doc.to_array``, gives the same lemmas."""

    class MemoLemmatizer(base):  # type: ignore[misc, valid-type]
        def __call__(self, doc: Any) -> Any:
            if self.overwrite or self.mode != "rule" or not self._validated:
                return super().__call__(doc)
            from spacy.attrs import LEMMA, MORPH, ORTH, POS

            memo: dict[tuple[int, int, int], str] = self.__dict__.setdefault("_memo", {})
            error_handler = self.get_error_handler()
            try:
                rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
                for i, (orth, pos, morph, lemma) in enumerate(rows):
                    if lemma == 0:
                        token = doc[i]
                        key = (orth, pos, morph)
                        found = memo.get(key)
                        if found is None:
                            found = memo[key] = self.lemmatize(token)[0]
                        token.lemma_ = found
                return doc
            except Exception as e:  # as spaCy's Lemmatizer.__call__
                error_handler(self.name, self, [doc], e)

    MemoLemmatizer.__name__ = MemoLemmatizer.__qualname__ = f"Memo{base.__name__}"
    return MemoLemmatizer


def speed_up(nlp: Any) -> None:
    """Let the pipeline's attribute ruler find its matches by index, and its rule
    lemmatizer remember its results (the same Docs, faster)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        indexed = IndexedRuler.build(ruler)
        if indexed is not None:  # the instance's methods: AttributeRuler.__call__ is unchanged
            ruler.match = indexed.match
            ruler.set_annotations = indexed.set_annotations
    if "lemmatizer" in nlp.pipe_names:
        from spacy.pipeline import Lemmatizer

        lem = nlp.get_pipe("lemmatizer")
        if (isinstance(lem, Lemmatizer) and lem.mode == "rule"
                and type(lem).__call__ is Lemmatizer.__call__
                and type(lem).rule_lemmatize is Lemmatizer.rule_lemmatize):
            lem.__class__ = _memo_lemmatizer(type(lem))
