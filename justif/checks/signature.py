"""Signature: « Confirmation d'inscription dûment datée et signée » (notice IV-A)."""

from __future__ import annotations

from justif.checks.common import Context, evidence, make_flag
from justif.domain import Flag


def not_signed(ctx: Context) -> list[Flag]:
    """NOT_SIGNED on each confirmation read as unsigned, unless another one is signed.

    `signed` None means the reading could not tell: no flag (the contract has no code for it), the
    null stays visible in the document's fields."""
    confirmations = ctx.docs("registration_confirmation")
    if any(doc.fields.get("signed") is True for doc in confirmations):
        return []
    unsigned = [doc for doc in confirmations if doc.fields.get("signed") is False]
    return [make_flag("NOT_SIGNED", "La confirmation d'inscription n'est pas signée : elle doit être "
                      "« dûment datée et signée ».", piece="registration_confirmation", file=doc.file,
                      declared=None, found=False, **evidence(doc, "signed"))
            for doc in unsigned]
