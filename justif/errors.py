"""Errors the CLI turns into one line for the operator and exit code 2."""


class UsageError(Exception):
    """A bad path or argument, said in one line naming it."""
