"""The generator leaves out of the operation table the values that ``Operation`` defaults to; its
list of those defaults must be ``Operation``'s own, or the table would drop a value it needs."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from ai_agent._schema import Operation

pytest.importorskip("openapi_python_client")  # the generator's own tool (not in the floors' venv)

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "generate_surface.py"


def generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate_surface", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_defaults_the_table_leaves_out_are_operations_own() -> None:
    defaults = {
        f.name: repr(f.default) for f in dataclasses.fields(Operation) if f.default is not dataclasses.MISSING
    }
    assert defaults == generator().OPERATION_DEFAULTS
