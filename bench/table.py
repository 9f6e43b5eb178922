"""Printing benchmark rows (lists of dicts) as one plain-text table."""


def print_table(rows, out=print):
    if not rows:
        out("(no rows)")
        return
    columns = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    cells = [[_cell(row.get(key)) for key in columns] for row in rows]
    widths = [max(len(key), *(len(line[i]) for line in cells)) for i, key in enumerate(columns)]
    out(" | ".join(key.ljust(width) for key, width in zip(columns, widths, strict=True)))
    out("-+-".join("-" * width for width in widths))
    for line in cells:
        out(" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))


def _cell(value):
    if value is None:
        return "-"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)
