"""What an import did, counted and listed, for the editor who ran it.

Counts say what was imported, skipped and changed; lists name each unknown
shortcode or block, missing attachment, internal link that could not be
rewritten and comment held back, with why (issue 22, item 1). Lists keep
their first few hundred entries so a million-comment site cannot fill the
memory with its report.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

LIST_LIMIT = 500


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    # {heading: {entry: [where, …]}}: e.g. "unknown shortcodes" -> "[simple]" -> posts.
    lists: dict = field(default_factory=lambda: defaultdict(dict))
    dry_run: bool = False

    def count(self, what, n=1):
        self.counts[what] += n

    def note(self, heading, entry, where=""):
        entries = self.lists[heading]
        if entry not in entries and len(entries) >= LIST_LIMIT:
            self.counts[f"{heading} (not listed)"] += 1
            return
        places = entries.setdefault(entry, [])
        if where and len(places) < 10 and where not in places:
            places.append(where)

    def listed(self, heading):
        return list(self.lists.get(heading, {}))

    def lines(self):
        title = "Dry run: nothing was written." if self.dry_run else "Import finished."
        out = [title, ""]
        width = max((len(name) for name in self.counts), default=0)
        out += [f"  {name:<{width}}  {n:>9,}" for name, n in sorted(self.counts.items())]
        for heading, entries in self.lists.items():
            out += ["", f"{heading} ({len(entries):,}):"]
            for entry, places in entries.items():
                where = f"  ({', '.join(places)})" if places else ""
                out.append(f"  - {entry}{where}")
        return out

    def text(self):
        return "\n".join(self.lines())
