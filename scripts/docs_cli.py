"""The command line's reference, rendered from the Typer app itself at docs build time.

A mkdocs hook (``hooks:`` in mkdocs.yml): in a page, the line ``<!-- cli-reference -->`` is
replaced by every command of ``ai-agent`` with its usage line, help text, arguments and
options, read from the very Click objects that parse the command line. A new option or a
changed help text shows up in the docs without anyone editing them.

``python scripts/docs_cli.py`` prints the same markdown.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

MARKER = "<!-- cli-reference -->"

# Typer's commands and parameters are Click's, or (Typer 0.22 and later) those of the copy of
# Click that Typer carries: they are read here by their attributes, which both have.
Command = Any
Context = Any
Param = Any


def root_command() -> Command:
    """The ``ai-agent`` command as Click sees it, every subcommand registered."""
    import typer

    from ai_agent.cli._main import application

    return typer.main.get_command(application())


def render(command: Command | None = None) -> str:
    """The reference as markdown: one section per command, in the order of ``--help``."""
    root = command if command is not None else root_command()
    context = _context(root, "ai-agent", None)
    return "\n".join(_sections(root, context, level=3)).rstrip() + "\n"


def _context(command: Command, name: str, parent: Context | None) -> Context:
    # The command's own Context class (Click's, or the one in Typer's copy of Click).
    context_class = getattr(command, "context_class", None)
    if context_class is None:
        import click

        context_class = click.Context
    settings = dict(getattr(command, "context_settings", None) or {})  # e.g. -h beside --help
    return context_class(command, info_name=name, parent=parent, **settings)


def _sections(command: Command, context: Context, level: int) -> Iterator[str]:
    yield f"{'#' * level} `{context.command_path}`"
    yield ""
    if command.help:
        yield _clean(command.help)
        yield ""
    yield "```text"
    yield " ".join(["Usage:", context.command_path, *command.collect_usage_pieces(context)])
    yield "```"
    yield ""
    rows = [
        _row(param, context) for param in command.get_params(context) if not getattr(param, "hidden", False)
    ]
    if rows:
        yield "| argument or option | type | default | meaning |"
        yield "|---|---|---|---|"
        yield from rows
        yield ""
    if command.epilog:
        yield _clean(command.epilog)
        yield ""
    if hasattr(command, "list_commands"):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is None or sub.hidden:
                continue
            yield from _sections(sub, _context(sub, name, context), level=min(level + 1, 4))


def _is_option(param: Param) -> bool:
    return bool(param.param_type_name == "option")


def _row(param: Param, context: Context) -> str:
    if _is_option(param):
        names = ", ".join(f"`{name}`" for name in [*param.opts, *param.secondary_opts])
        if param.multiple:
            names += " (repeatable)"
    else:
        names = f"`{_metavar(param, context)}`"
        if param.nargs == -1:
            names += " (one or more)" if param.required else " (any number)"
    meaning = _clean(getattr(param, "help", None) or "")
    envvar = param.envvar if isinstance(param.envvar, str) else None
    if envvar:
        meaning = f"{meaning} Environment: `{envvar}`.".strip()
    if param.required:
        meaning = f"Required. {meaning}".strip()
    return f"| {names} | {_type(param)} | {_default(param)} | {_cell(meaning)} |"


def _metavar(param: Param, context: Context) -> str:
    try:
        metavar = param.make_metavar(context)
    except TypeError:  # Click before 8.2 takes no context
        metavar = param.make_metavar()
    return str(metavar).rstrip(".")


def _type(param: Param) -> str:
    if _is_option(param) and param.is_flag:
        return "flag"
    kind = param.type
    # Click says "text"/"integer", Typer's copy of it "str"/"int".
    names = {"text": "text", "str": "text", "integer": "integer", "int": "integer", "float": "number"}
    base = names.get(kind.name, kind.name)
    if kind.name.endswith(" range"):
        base = "integer" if kind.name.startswith("int") else "number"
        bounds = [
            f">= {kind.min:g}" if kind.min is not None else "",
            f"<= {kind.max:g}" if kind.max is not None else "",
        ]
        return f"{base} ({', '.join(bound for bound in bounds if bound)})"
    if kind.name == "choice":
        return " \\| ".join(f"`{choice}`" for choice in kind.choices)
    return str(base)


def _default(param: Param) -> str:
    if param.required or (_is_option(param) and param.show_default is False):
        return ""
    default = param.default
    if callable(default) or default is None or default == () or default == []:
        return ""
    if _is_option(param) and param.is_flag:
        return "off" if not default else "on"
    return f"`{default}`"


def _clean(text: str) -> str:
    """Help text as one paragraph (Click keeps the docstring's line breaks)."""
    return " ".join(text.split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# -- the mkdocs hook ------------------------------------------------------------------------


def on_page_markdown(markdown: str, **_: Any) -> str:
    """mkdocs event: put the rendered reference where a page has the marker line."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, render())


if __name__ == "__main__":
    sys.stdout.write(render())
