"""a64js is built on a64jit's public API only: no module of src/a64js imports an
underscore name of a64jit, a module of a64jit that is not public (``a64jit.assembler``,
``a64jit.encoding``, anything with an underscore part), or reads an underscore attribute
of an a64jit module it imported (what jit/memocache.py did before a64jit.MemoCache)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
#: a64jit's public modules (its top level and these below it, with what is under them):
#: the package's lazily loaded submodules and the documented operands and errors.
PUBLIC = frozenset({"abi", "cachefile", "cli", "debug", "disasm", "errors", "loader",
                    "macro", "operands", "runtime", "text", "vecops"})


def _module_problem(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "a64jit":
        return None
    if any(p.startswith("_") for p in parts):
        return f"private module {module}"
    if len(parts) > 1 and parts[1] not in PUBLIC:
        return f"non-public module {module}"
    return None


def _is_module(dotted: str) -> bool:
    """Whether ``dotted`` (a64jit.x.y) names a module or package of a64jit's sources."""
    base = SRC.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def problems(path: Path, name: str) -> list[str]:
    """What the module at ``path`` (shown as ``name``) takes from a64jit that is not
    public."""
    tree = ast.parse(path.read_text(), str(path))
    found: list[str] = []
    modules: set[str] = set()  # local names bound to a64jit modules

    def note(node: ast.AST, what: str) -> None:
        found.append(f"{name}:{getattr(node, 'lineno', 0)}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bad = _module_problem(alias.name)
                if bad:
                    note(node, bad)
                if alias.name.split(".")[0] == "a64jit":
                    modules.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "a64jit":
                continue
            bad = _module_problem(node.module)
            if bad:
                note(node, bad)
            for alias in node.names:
                # (a dunder such as __version__ is public, as in the attribute rule below)
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    note(node, f"private name {node.module}.{alias.name}")
                    continue
                dotted = f"{node.module}.{alias.name}"
                if _is_module(dotted):
                    bad = _module_problem(dotted)
                    if bad:
                        note(node, bad)
                    modules.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                and not node.attr.startswith("__") and isinstance(node.value, ast.Name)
                and node.value.id in modules):
            note(node, f"private attribute {node.value.id}.{node.attr}")
    return found


def test_a64js_uses_public_a64jit_only() -> None:
    found = [p for path in sorted((SRC / "a64js").rglob("*.py"))
             for p in problems(path, str(path.relative_to(SRC)))]
    assert found == [], "\n".join(found)


def test_the_check_sees_private_uses(tmp_path: Path) -> None:
    """Each kind of private use is reported (the check cannot pass vacuously)."""
    probe = tmp_path / "probe.py"
    probe.write_text("from a64jit.assembler import memo\nfrom a64jit import _LAZY\n"
                     "import a64jit.encoding.base\nfrom a64jit import operands as ops\n"
                     "ops._FROZEN\nfrom a64jit import MacroAssembler, mem, x0, cachefile\n"
                     "from a64jit.runtime import check_headroom\n")
    got = problems(probe, "probe.py")
    kinds = sorted(p.split(": ", 1)[1] for p in got)
    assert kinds == ["non-public module a64jit.assembler",
                     "non-public module a64jit.assembler.memo",
                     "non-public module a64jit.encoding.base",
                     "private attribute ops._FROZEN", "private name a64jit._LAZY"], kinds
