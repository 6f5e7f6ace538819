"""Lint-only stand-in for dbt's `adapter` jinja object (see .sqlfluff)."""


def quote(identifier):
    return f'"{identifier}"'
