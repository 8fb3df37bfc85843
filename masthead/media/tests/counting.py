"""Real storage backends that count what is asked of them.

Subclasses of the backends the site runs, doing their real work: the local
folder's counts every Storage call; the S3 one counts those and, through
botocore's own event hooks, every HTTP request it sends to the server. Not
mocks: a page rendered with them reads and links exactly what it would.
"""

from collections import Counter

from masthead.media.storage import LocalMediaStorage, S3MediaStorage

COUNTED = (
    "open", "save", "delete", "exists", "listdir", "size", "url", "path",
    "get_accessed_time", "get_created_time", "get_modified_time",
    "get_available_name", "generate_filename",
)


class Counting:
    """Mixin: calls[name] for every Storage method above; requests for S3."""

    calls: Counter
    requests: list

    def reset_counts(self):
        self.calls, self.requests = Counter(), []

    def network_calls(self):
        """Everything but url(), which must be string arithmetic."""
        return {name: n for name, n in self.calls.items() if name != "url"}


def _counted(name):
    def method(self, *args, **kwargs):
        self.calls[name] += 1
        return getattr(super(Counting, self), name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in COUNTED:
    setattr(Counting, _name, _counted(_name))


class CountingFileSystemStorage(Counting, LocalMediaStorage):
    def __init__(self, **options):
        super().__init__(**options)
        self.reset_counts()


class CountingS3Storage(Counting, S3MediaStorage):
    def __init__(self, **options):
        super().__init__(**options)
        self.reset_counts()

    @property
    def connection(self):
        connection = super().connection
        events = connection.meta.client.meta.events
        if not getattr(connection, "_counted", False):
            events.register("before-send", self._note_request)
            connection._counted = True
        return connection

    @property
    def probe_client(self):
        client = super().probe_client
        if not getattr(client, "_counted", False):
            client.meta.events.register("before-send", self._note_request)
            client._counted = True
        return client

    def _note_request(self, request, **kwargs):
        self.requests.append(f"{request.method} {request.url}")
