"""Three-way merge of one person's edit with a change someone else saved first.

Both edits started from the same version (`base`). For each field:
- only one side changed it: that side's value;
- both changed it to the same value: that value;
- both changed a text: the two edits are combined when they touch different parts of
  it, measured on `base` with diff-match-patch; where they touch the same words, the
  field is a conflict, and the person merges it by hand with both texts in front of them;
- both changed any other value (a date, a choice) differently: a conflict.

Nothing is ever dropped silently: a field is either merged or reported.
"""

from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch


@dataclass
class Merge:
    """The merged values, the fields merged from both sides, and the fields in conflict."""

    values: dict
    combined: list = field(default_factory=list)  # fields where both sides' edits were kept
    conflicts: list = field(default_factory=list)

    @property
    def clean(self):
        return not self.conflicts


def _edits(base, text):
    """The edits turning `base` into `text`, as (start, end, replacement) on `base`'s positions."""
    dmp = diff_match_patch()
    diffs = dmp.diff_main(base, text)
    dmp.diff_cleanupSemantic(diffs)
    edits, position = [], 0
    current = None  # [start, end, inserted text] of the edit being gathered
    for operation, chunk in diffs:
        if operation == dmp.DIFF_EQUAL:
            if current:
                edits.append(tuple(current))
                current = None
            position += len(chunk)
            continue
        if current is None:
            current = [position, position, ""]
        if operation == dmp.DIFF_DELETE:
            position += len(chunk)
            current[1] = position
        else:
            current[2] += chunk
    if current:
        edits.append(tuple(current))
    return edits


def _overlap(first, second):
    """Whether two edits touch the same part of the base text (an insertion at the same place counts)."""
    (s1, e1, _), (s2, e2, _) = first, second
    if s1 == e1 or s2 == e2:  # an insertion: it clashes with anything at or around its place
        return s2 <= e1 and s1 <= e2
    return s1 < e2 and s2 < e1


def merge_text(base, mine, theirs):
    """The text with both edits, or None when they touch the same words."""
    mine_edits, their_edits = _edits(base, mine), _edits(base, theirs)
    for a in mine_edits:
        for b in their_edits:
            if _overlap(a, b):
                return None
    merged, position = [], 0
    for start, end, inserted in sorted(mine_edits + their_edits):
        merged.append(base[position:start])
        merged.append(inserted)
        position = end
    merged.append(base[position:])
    return "".join(merged)


def merge(base, mine, theirs, text_fields):
    """Merge two edits of the same record, field by field (all three are dicts of the same fields)."""
    result = Merge(values={})
    for name, base_value in base.items():
        my_value, their_value = mine.get(name, base_value), theirs.get(name, base_value)
        if my_value == their_value or my_value == base_value:
            result.values[name] = their_value
        elif their_value == base_value:
            result.values[name] = my_value
        elif name in text_fields:
            combined = merge_text(base_value or "", my_value or "", their_value or "")
            if combined is None:
                result.conflicts.append(name)
                result.values[name] = my_value
            else:
                result.combined.append(name)
                result.values[name] = combined
        else:
            result.conflicts.append(name)
            result.values[name] = my_value
    return result
