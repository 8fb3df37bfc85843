"""Comments' flood control: core/ratelimit.py under the "comments" scope,
with the comment form's wording."""

from masthead.core import ratelimit
from masthead.core.ratelimit import RateLimited, release_slot

from .names import email_key

FLOOD_MESSAGE = "You are posting comments too quickly. Slow down."
HOURLY_MESSAGE = (
    "You have posted too many comments in the last hour. Please try again later."
)
MESSAGES = {ratelimit.FLOOD: FLOOD_MESSAGE, ratelimit.HOURLY: HOURLY_MESSAGE}

__all__ = ["FLOOD_MESSAGE", "HOURLY_MESSAGE", "RateLimited", "claim_slot",
           "release_slot"]


def claim_slot(*, ip_address, email, flood_seconds, max_per_hour):
    """Take this reader's posting slot, or raise RateLimited with the reason."""
    # The canonical address, so "Ada@ÉXAMPLE.com " and "ada@xn--xample-9ua.com"
    # share a slot (issue 21, item 13).
    return ratelimit.claim_slot(
        scope="comments", ip_address=ip_address, email=email_key(email) if email else email,
        flood_seconds=flood_seconds, max_per_hour=max_per_hour, messages=MESSAGES,
    )
