"""The contract itself: openapi.yaml is a valid OpenAPI 3.1 document and documents everything."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]


def test_spec_validates(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_packaged_spec_is_the_contract() -> None:
    packaged = importlib.resources.files("ai_agent") / "openapi.yaml"
    assert packaged.read_text() == SPEC_PATH.read_text()


def test_every_operation_has_id_tag_description(spec: dict[str, Any]) -> None:
    tags = {tag["name"] for tag in spec["tags"]}
    ids = []
    for path, method, op in operations(spec):
        where = f"{method.upper()} {path}"
        assert op.get("operationId"), where
        assert op.get("tags"), where
        assert op["tags"][0] in tags, f"{where}: tag {op['tags'][0]} is not declared under tags"
        assert op.get("description"), where
        ids.append(op["operationId"])
    assert len(ids) == len(set(ids)), "an operationId is used twice"


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_bodies_have_examples(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        where = f"{method.upper()} {path}"
        if "requestBody" in op:
            media = op["requestBody"]["content"]["application/json"]
            assert "example" in media, f"{where} request"
        for code, response in op["responses"].items():
            response = resolve(spec, response)
            for media in response.get("content", {}).values():
                assert "example" in media, f"{where} {code}"


def test_error_responses_share_one_definition(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        if op["operationId"] == "getHealth":
            continue
        for code in ("400", "401", "403", "408", "429", "500", "502", "503"):
            assert op["responses"][code] == {"$ref": "#/components/responses/Error"}, (
                f"{method.upper()} {path} {code}"
            )


def test_security(spec: dict[str, Any]) -> None:
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["paths"]["/health"]["get"]["security"] == []


def test_every_post_takes_an_idempotency_key(spec: dict[str, Any]) -> None:
    for path, method, op in operations(spec):
        if method == "post":
            refs = [p.get("$ref") for p in op.get("parameters", [])]
            assert "#/components/parameters/IdempotencyKey" in refs, path


def walk_schemas(node: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if "properties" in node:
            found.extend((f"{where}.{k}", v) for k, v in node["properties"].items())
        for key, value in node.items():
            found.extend(walk_schemas(value, f"{where}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(walk_schemas(value, f"{where}[{i}]"))
    return found


def test_every_field_is_described_and_ids_are_plain_strings(spec: dict[str, Any]) -> None:
    for where, prop in walk_schemas(spec["components"]["schemas"]):
        assert "description" in prop or "$ref" in prop, f"{where} has no description"
        assert prop.get("format") != "uuid", where
    for name, schema in spec["components"]["schemas"].items():
        assert schema.get("description"), name
        assert "example" in schema, name
    for param in spec["components"]["parameters"].values():
        assert param.get("description"), param["name"]
        assert param["schema"].get("format") != "uuid"
