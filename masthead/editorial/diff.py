"""Line diffs between two snapshots of an article, for people to read.

Pure Python (no Django): the admin view escapes every line when it renders.
"""

import difflib
from dataclasses import dataclass, field


@dataclass
class FieldChange:
    label: str
    lines: list = field(default_factory=list)  # (op, text): op is "+", "-" or " "


def as_lines(value):
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value).splitlines() or [""]


def field_changes(old, new, labels, context=2):
    """What differs between two dicts, field by field, in `labels` order."""
    changes = []
    for key, label in labels.items():
        before, after = as_lines(old.get(key)), as_lines(new.get(key))
        if before == after:
            continue
        lines = []
        for line in difflib.unified_diff(before, after, lineterm="", n=context):
            if line.startswith(("---", "+++", "@@")):
                continue
            lines.append((line[:1], line[1:]))
        changes.append(FieldChange(label, lines))
    return changes
