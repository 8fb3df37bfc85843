"""An aiosmtpd handler that refuses some recipients, for the failure tests:
``bounce...@`` gets 550 (permanent), ``later...@`` 451 (temporary) the first
time only; everyone else is accepted and counted as counting_smtp does."""

from .counting_smtp import Counter


class Refuser(Counter):
    def __init__(self, path):
        super().__init__(path)
        self.deferred = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 No such user"
        if address.startswith("later") and address not in self.deferred:
            self.deferred.add(address)
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"
