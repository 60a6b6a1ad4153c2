"""The ```python blocks of README.md and docs/**/*.md, and what the comments above them say.

A block is run by ``test_code_blocks.py`` unless the HTML comment on the line before its fence
says why not::

    <!-- not-run: needs a proxy at proxy.corp:3128 and the files ca.pem and client.pem -->
    ```python
    ...

Another comment there, ``<!-- prints: Task completed: COMPLETED -->``, asks the test to find
that text in what the block printed (one comment per text; they may be stacked). Comments are
invisible on GitHub and in the built site. A block may be indented (inside a list, an
admonition or a content tab): its indentation is removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
_DIRECTIVE = re.compile(r"^[ \t]*<!--[ \t]*(?P<name>not-run|prints)(?P<colon>:?)(?P<text>.*?)-->[ \t]*$")


@dataclass
class Block:
    """One ```python block of a markdown file."""

    path: str  # relative to the repository, e.g. "docs/errors.md"
    line: int  # 1-based line of the first line of code (the one after the fence)
    code: str
    not_run: str | None = None  # the reason, when the block is marked not to be run
    prints: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # a malformed comment above it

    @property
    def id(self) -> str:
        return f"{self.path}:{self.line}"


def markdown_files() -> list[Path]:
    """README.md, then every page of the docs, in a stable order."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def python_blocks(path: Path) -> list[Block]:
    """The ```python blocks of one file, in order."""
    relative = path.relative_to(ROOT).as_posix()
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        language = opening["info"].split(maxsplit=1)[0] if opening["info"] else ""
        body: list[str] = []
        end = index + 1
        while end < len(lines):
            closing = _FENCE.match(lines[end])
            if (
                closing is not None
                and closing["fence"][0] == fence[0]
                and len(closing["fence"]) >= len(fence)
                and not closing["info"]
            ):
                break
            body.append(lines[end][len(indent) :] if lines[end].startswith(indent) else lines[end].lstrip())
            end += 1
        if language == "python":
            block = Block(path=relative, line=index + 2, code="\n".join(body) + "\n")
            _read_directives(block, lines, index)
            blocks.append(block)
        index = end + 1
    return blocks


def _read_directives(block: Block, lines: list[str], fence_index: int) -> None:
    """The stacked comments directly above the fence (no blank line in between)."""
    above = fence_index - 1
    while above >= 0:
        found = _DIRECTIVE.match(lines[above])
        if found is None:
            break
        text = found["text"].strip()
        if found["name"] == "not-run":
            if not found["colon"] or not text:
                block.problems.append(
                    f"line {above + 1}: <!-- not-run --> needs a reason: <!-- not-run: why it cannot run -->"
                )
            block.not_run = text or "(no reason given)"
        else:
            if not found["colon"] or not text:
                block.problems.append(f"line {above + 1}: <!-- prints: ... --> needs the text to find")
            else:
                block.prints.insert(0, text)
        above -= 1


def all_blocks() -> list[Block]:
    """Every ```python block of README.md and the docs."""
    return [block for path in markdown_files() for block in python_blocks(path)]
