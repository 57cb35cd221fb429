"""Codes of the messages the savings jobs store (rendered in the reader's language)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mahalla.core.jobs import messages

MESSAGES = {
    "savings.balance_mismatch": _(
        "%(group)s: the cached balance of %(account)s is %(cached)s but its entries add up to "
        "%(entries)s. Rebuild the balances and find out why."
    ),
    "savings.unbalanced": _("%(group)s: entry number %(seq)s does not balance."),
    "savings.chain_broken": _(
        "%(group)s: the record of entries was altered at number %(seq)s: what it holds no "
        "longer matches its fingerprint."
    ),
}


def register() -> None:
    messages.register(MESSAGES)
