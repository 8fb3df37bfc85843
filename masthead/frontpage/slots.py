"""Which stories fill the top of the home page. Pure Python: no Django import.

Editors pin a lead and an ordered set of top stories (models.Pin); the slots
they leave are filled with the newest stories, as before issue 20, and no
story is shown twice.
"""

from dataclasses import dataclass

LEAD = "lead"


@dataclass(frozen=True)
class Pinned:
    """The live pins as article ids: the lead's (or None), the top stories' in order."""

    lead: int | None = None
    top: tuple = ()

    @classmethod
    def from_rows(cls, rows):
        """From (article id, slot) rows, in their order."""
        lead = next((pk for pk, slot in rows if slot == LEAD), None)
        return cls(lead, tuple(pk for pk, slot in rows if slot != LEAD))

    @property
    def ids(self):
        return ((self.lead,) if self.lead is not None else ()) + self.top

    def fill(self, top_slots):
        """How many of the newest stories the slots left unpinned need."""
        return (self.lead is None) + max(0, top_slots - len(self.top))

    def arrange(self, teasers, newest, top_slots):
        """(lead, top stories): pinned stories in their slots, the newest in the rest.

        ``teasers`` maps the pinned ids found public to their teasers (a pin
        whose story is not public is missing and gives up its slot);
        ``newest`` is the newest stories pinned nowhere, newest first. More
        top pins than slots are all shown: editors chose them.
        """
        newest = list(newest)
        lead = teasers.get(self.lead)
        if lead is None and newest:
            lead = newest.pop(0)
        top = [teasers[pk] for pk in self.top if pk in teasers]
        return lead, top + newest[: max(0, top_slots - len(top))]
