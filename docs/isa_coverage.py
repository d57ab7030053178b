"""Sphinx extension: ``.. isa-coverage::`` lists every mnemonic a64jit takes, one row per
instruction table (a64jit/assembler/table.py), read from the tables when the docs are
built, so the list cannot drift from the code (docs/guide/isa.rst uses it)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective


def _names(mnemonics: list[str]) -> str:
    return ", ".join(f"``{m}``" for m in mnemonics)


def rows() -> list[tuple[str, str]]:
    """(group, text) per table, by name, rows in declaration order; then ``other``: the
    hand-written methods of groups not yet in tables."""
    from a64jit.assembler import table
    from a64jit.text.parser import _MNEMONICS

    out = []
    in_tables: set[str] = set()
    for group in sorted(table.tables(), key=lambda t: t.name):
        # an overload's other forms (the vector fadd of simd_fp) are listed with its first
        specs = [s for s in dict.fromkeys(group.rows.values()) if s.name not in in_tables]
        texts = []
        for spec in specs:
            text = f"``{spec.name}``"
            if spec.aliases:
                text += f" ({_names(list(spec.aliases))})"
            texts.append(text)
            in_tables.update((spec.name, *spec.aliases))
        out.append((group.name, f"{group.doc[0].upper()}{group.doc[1:]} ({len(specs)}): "
                    + ", ".join(texts)))
    rest = sorted(m for m in _MNEMONICS if m not in in_tables)
    if rest:
        out.append(("other", f"Hand-written methods, not yet in a table ({len(rest)}): "
                    + _names(rest)))
    return out


def render() -> str:
    """The reStructuredText the directive inserts: a list-table."""
    lines = [".. list-table::", "   :header-rows: 1", "   :widths: 14 86", "",
             "   * - group", "     - instructions (other spellings in parentheses)"]
    for group, text in rows():
        lines += [f"   * - {group}", f"     - {text}"]
    return "\n".join(lines) + "\n"


class IsaCoverage(SphinxDirective):
    """``.. isa-coverage::``: the table of :func:`render`."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        holder = nodes.container()
        self.state.nested_parse(StringList(render().splitlines(), "isa-coverage"),
                                self.content_offset, holder)
        return list(holder.children)


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("isa-coverage", IsaCoverage)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
