"""Small-number suppression: which published counts to hide (docs/outreach.md, "Small numbers").

Rules:
1. a count below THRESHOLD (including 0) is shown as "<5";
2. a percentage is left out (None) when its numerator, its denominator or its complement
   (denominator minus numerator) is below THRESHOLD: "54 first contacts, 100 % within the
   service level" would say that 0 were late;
3. complementary suppression: in a line of cells that add up to a shown (or derivable) total,
   cells are hidden until no hidden cell can be derived by subtraction: never exactly one
   hidden cell, and never hidden cells whose sum (the total minus the shown cells) is below
   THRESHOLD. In a cross table the row totals and the column totals are lines too (they add up
   to the same grand total), and an audit solves the whole published table as a system of
   linear equations, hiding more until nothing small can be derived by combining lines;
4. nested counts (a funnel) are a chain of complements: a step is hidden when it differs from
   the last shown step by less than THRESHOLD.
A count hidden by rules 3 and 4 is shown with the same mark as a small one ("<5"): the mark
means "suppressed". Pure functions on counts; outreach/aggregates.py applies them.
"""

from __future__ import annotations

from fractions import Fraction

THRESHOLD = 5
SUPPRESSED = "<5"
Cell = int | str
Key = tuple[str, int, int]  # ("cell", row, column), ("row", row, 0) or ("col", column, 0)


def suppress(value: int) -> Cell:
    return SUPPRESSED if value < THRESHOLD else value


def percentage(numerator: int, denominator: int) -> float | None:
    """Rule 2: None when the numerator, the denominator or their difference is small."""
    if min(numerator, denominator, denominator - numerator) < THRESHOLD:
        return None
    return round(100 * numerator / denominator)


def suppress_partition(counts: list[int]) -> list[bool]:
    """Which cells to hide among cells that add up to a shown total (rules 1 and 3)."""
    return _protect(counts, [c < THRESHOLD for c in counts], structural_zeros=False)


def suppress_nested(counts: list[int]) -> list[bool]:
    """Rule 4 for a chain of nested counts (each a subset of the one before): hide a count
    below THRESHOLD, and one that differs from the last shown count by less than THRESHOLD."""
    hidden = []
    last: int | None = None
    for value in counts:
        hide = value < THRESHOLD or (last is not None and last - value < THRESHOLD)
        hidden.append(hide)
        if not hide:
            last = value
    return hidden


def _protect(values: list[int], hidden: list[bool], *, structural_zeros: bool) -> list[bool]:
    """Rule 3 for one line of cells adding up to a known total: hide the smallest shown cell
    while exactly one cell is hidden or the hidden cells add up to less than THRESHOLD (the
    total minus the shown cells would reveal them). With `structural_zeros`, a 0 is shown as
    0 and never taken as a complement (no referral at all in that cell)."""
    marks = list(hidden)
    while _exposed(values, marks):
        others = [
            (v, i)
            for i, v in enumerate(values)
            if not marks[i] and not (structural_zeros and v == 0)
        ]
        if not others:
            break
        marks[min(others)[1]] = True
    return marks


def _exposed(values: list[int], marks: list[bool]) -> bool:
    """Whether the line's total minus its shown cells reveals a hidden cell or a small sum."""
    count = sum(marks)
    small = sum(v for v, m in zip(values, marks, strict=True) if m) < THRESHOLD
    return count == 1 or (count > 0 and small)


def _complement(values: list[int], hidden: list[bool]) -> list[bool]:
    """Rule 3 for a line of a cross table: small non-zero cells hidden, then complements.

    In a cross table, structural zeros (no referral at all) are shown as 0 rather than "<5".
    """
    marks = [h or 0 < v < THRESHOLD for v, h in zip(values, hidden, strict=True)]
    return _protect(values, marks, structural_zeros=True)


def _merge(marks: list[bool], new: list[bool]) -> bool:
    """Add `new`'s marks to `marks` in place; whether any was added."""
    added = False
    for k, m in enumerate(new):
        if m and not marks[k]:
            marks[k] = added = True
    return added


class Table:
    """A cross table of counts and what of it is hidden: cells, row totals, column totals."""

    def __init__(self, matrix: list[list[int]]) -> None:
        self.matrix = matrix
        self.n_rows, self.n_cols = len(matrix), len(matrix[0]) if matrix else 0
        self.columns = [[row[j] for row in matrix] for j in range(self.n_cols)]
        self.row_totals = [sum(row) for row in matrix]
        self.col_totals = [sum(column) for column in self.columns]
        self.hidden = [[0 < v < THRESHOLD for v in row] for row in matrix]
        # A total of 0 is structural like a cell of 0: shown (its cells are all shown as 0).
        self.row_hidden = [0 < t < THRESHOLD for t in self.row_totals]
        self.col_hidden = [0 < t < THRESHOLD for t in self.col_totals]

    def value(self, key: Key) -> int:
        kind, a, b = key
        if kind == "cell":
            return self.matrix[a][b]
        return self.row_totals[a] if kind == "row" else self.col_totals[a]

    def unknowns(self) -> list[Key]:
        keys: list[Key] = [
            ("cell", i, j)
            for i in range(self.n_rows)
            for j in range(self.n_cols)
            if self.hidden[i][j]
        ]
        keys += [("row", i, 0) for i in range(self.n_rows) if self.row_hidden[i]]
        keys += [("col", j, 0) for j in range(self.n_cols) if self.col_hidden[j]]
        return keys

    def lines(self) -> list[list[Key]]:
        """Every line of numbers adding up to a total: rows, columns, and the two lines of
        totals (each adding up to the grand total)."""
        rows = [[("cell", i, j) for j in range(self.n_cols)] for i in range(self.n_rows)]
        cols = [[("cell", i, j) for i in range(self.n_rows)] for j in range(self.n_cols)]
        totals: list[list[Key]] = [
            [("row", i, 0) for i in range(self.n_rows)],
            [("col", j, 0) for j in range(self.n_cols)],
        ]
        return rows + cols + totals


def suppress_table(matrix: list[list[int]]) -> tuple[list[list[bool]], list[bool], list[bool]]:
    """Rule 3 on a cross table with row and column totals: (hidden cells, hidden row totals,
    hidden column totals). First line by line until nothing changes; then an audit solves the
    published table (`_disclosure`): while a hidden number, or a small sum of the hidden
    numbers of a line, can still be derived by combining lines, one more number of that line
    is hidden and the lines are protected again."""
    table = Table(matrix)
    while True:
        _suppress_lines(table)
        leak = _disclosure(table)
        if leak is None:
            return table.hidden, table.row_hidden, table.col_hidden
        if not _hide_one_more(table, leak):
            return table.hidden, table.row_hidden, table.col_hidden  # everything is hidden


def _suppress_lines(t: Table) -> None:
    """Rule 3 line by line, in place, until stable. A line whose cells cannot protect each
    other has its total hidden; a total hidden to protect another total is itself protected by
    hiding a cell of its line (else the line's shown cells would add up to it)."""
    changed = True
    while changed:
        changed = False
        for i in range(t.n_rows):
            changed |= _merge(t.hidden[i], _complement(t.matrix[i], t.hidden[i]))
            if not t.row_hidden[i] and _exposed(t.matrix[i], t.hidden[i]):
                t.row_hidden[i] = changed = True  # no cell left to hide: hide the total
        for j in range(t.n_cols):
            marks = [t.hidden[i][j] for i in range(t.n_rows)]
            changed |= _merge(marks, _complement(t.columns[j], marks))
            for i in range(t.n_rows):
                t.hidden[i][j] = marks[i]
            if not t.col_hidden[j] and _exposed(t.columns[j], marks):
                t.col_hidden[j] = changed = True
        changed |= _merge(t.row_hidden, _complement(t.row_totals, t.row_hidden))
        changed |= _merge(t.col_hidden, _complement(t.col_totals, t.col_hidden))
        for i in range(t.n_rows):  # a hidden row total needs a hidden cell in its row
            if t.row_hidden[i] and t.row_totals[i] and not any(t.hidden[i]):
                j = min((v, j) for j, v in enumerate(t.matrix[i]) if v)[1]
                t.hidden[i][j] = changed = True
        for j in range(t.n_cols):
            column_hidden = any(t.hidden[i][j] for i in range(t.n_rows))
            if t.col_hidden[j] and t.col_totals[j] and not column_hidden:
                i = min((v, i) for i, v in enumerate(t.columns[j]) if v)[1]
                t.hidden[i][j] = changed = True


def _null_space(t: Table, keys: list[Key]) -> list[list[Fraction]]:
    """A basis of the null space of the table's equations in the unknowns `keys`: one equation
    per row and column (its hidden cells minus its hidden total; shown numbers are constants).
    Reduced row echelon form in exact fractions; a campaign's table is small."""
    index = {k: x for x, k in enumerate(keys)}
    rows: list[list[Fraction]] = []
    for line, total in [
        *[(line, ("row", i, 0)) for i, line in enumerate(t.lines()[: t.n_rows])],
        *[(line, ("col", j, 0)) for j, line in enumerate(t.lines()[t.n_rows : -2])],
    ]:
        eq = [Fraction(0)] * len(keys)
        for k in line:
            if k in index:
                eq[index[k]] += 1
        if total in index:
            eq[index[total]] -= 1
        rows.append(eq)
    pivots: list[int] = []
    r = 0
    for c in range(len(keys)):
        p = next((x for x in range(r, len(rows)) if rows[x][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        lead = rows[r][c]
        rows[r] = [v / lead for v in rows[r]]
        for x in range(len(rows)):
            if x != r and rows[x][c] != 0:
                f = rows[x][c]
                rows[x] = [a - f * b for a, b in zip(rows[x], rows[r], strict=True)]
        pivots.append(c)
        r += 1
    basis = []
    for free in (c for c in range(len(keys)) if c not in pivots):
        vector = [Fraction(0)] * len(keys)
        vector[free] = Fraction(1)
        for row, c in enumerate(pivots):
            vector[c] = -rows[row][free]
        basis.append(vector)
    return basis


def _disclosure(t: Table) -> list[Key] | None:
    """Hidden numbers the published table still gives away: one hidden number, or the hidden
    numbers of one line when their sum is below THRESHOLD; None when there are none. A sum of
    unknowns is derivable when it is orthogonal to every vector of the null space."""
    keys = t.unknowns()
    if not keys:
        return None
    index = {k: x for x, k in enumerate(keys)}
    basis = _null_space(t, keys)

    def derivable(group: list[Key]) -> bool:
        return all(sum(vector[index[k]] for k in group) == 0 for vector in basis)

    for key in keys:
        if derivable([key]):
            return [key]
    for line in t.lines():
        group = [k for k in line if k in index]
        if group and sum(t.value(k) for k in group) < THRESHOLD and derivable(group):
            return group
    return None


def _hide_one_more(t: Table, leak: list[Key]) -> bool:
    """Hide the smallest shown non-zero cell next to the leaked numbers (in their rows or
    columns), else anywhere, else every total; False when nothing was left to hide."""
    rows = {a for kind, a, _b in leak if kind in ("cell", "row")}
    cols = {b if kind == "cell" else a for kind, a, b in leak if kind in ("cell", "col")}
    for near in (True, False):
        candidates = [
            (t.matrix[i][j], i, j)
            for i in range(t.n_rows)
            for j in range(t.n_cols)
            if not t.hidden[i][j] and t.matrix[i][j] and (not near or i in rows or j in cols)
        ]
        if candidates:
            _v, i, j = min(candidates)
            t.hidden[i][j] = True
            return True
    totals = [bool(v) for v in t.row_totals], [bool(v) for v in t.col_totals]
    if totals == (t.row_hidden, t.col_hidden):
        return False
    t.row_hidden, t.col_hidden = totals
    return True
