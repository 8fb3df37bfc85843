from django.dispatch import Signal

# Sent inside merge_people's transaction, before the duplicates are deleted,
# with ``keep`` (the Person kept) and ``others`` (the duplicates). Each app
# that points rows at people moves its own (bylines, quotes): this app knows
# none of them (issue 18).
people_merging = Signal()
