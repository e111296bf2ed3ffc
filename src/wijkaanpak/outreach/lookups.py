"""`field__in_ids=<subquery>`: membership in an uncorrelated subquery that PostgreSQL can use
with an index even inside OR (`= ANY(ARRAY(SELECT …))` becomes an InitPlan evaluated once, so
each branch of the OR is an index scan combined with BitmapOr). Elsewhere plain `IN (SELECT …)`.

The visibility filters of the selectors are built from these, which keeps every list one query
whose cost follows the rows the user may see, not the size of the tables.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Field, ForeignObject, Lookup


@Field.register_lookup
class InIds(Lookup):
    lookup_name = "in_ids"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]
        return f"{lhs} IN {rhs}", [*lhs_params, *rhs_params]


ForeignObject.register_lookup(InIds)
