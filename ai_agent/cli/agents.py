"""``ai-agent agents list|create|update|delete``: the hand-polished commands (the others come
from the operation table, ``operations.py``)."""

from __future__ import annotations

from typing import Any, cast

import typer

from .._surface.operations import BY_ID
from .._surface.params import AgentCreateDict, AgentUpdateDict
from ._app import JSON, app, client_for, read_json, usage
from ._output import Output
from .operations import spec_options, spec_values

agents = typer.Typer(help="Agents: list, get, create, update, delete, get-status.", no_args_is_help=True)
app.add_typer(agents, name="agents")


@agents.command("create")
@spec_options("createAgent", covers={"capabilities"})
def create_agent(
    ctx: typer.Context,
    name: str = typer.Option(..., "--name"),
    type_: str = typer.Option(..., "--type", help="WORKER, SPECIALIST, MONITOR, ..."),
    capability: list[str] = typer.Option([], "--capability", "-c", help="Repeat for each one."),
    metadata: str | None = typer.Option(None, "--metadata", help="A JSON object, @file.json or -."),
    json_output: bool = JSON,
) -> None:
    """Create an agent."""
    meta = read_json(metadata, "--metadata") if metadata is not None else None
    with client_for(ctx) as client:
        fields = {"name": name, "type": type_, "capabilities": capability, "metadata": meta}
        created = client.agents.create(
            cast(AgentCreateDict, {**fields, **spec_values(ctx, "body")}),
            **spec_values(ctx, "idempotency"),
        )
    Output(json_output).agent(created)


@agents.command("update")
@spec_options("updateAgent", covers={"capabilities"})
def update_agent(
    ctx: typer.Context,
    agent_id: str,
    name: str | None = typer.Option(None, "--name"),
    type_: str | None = typer.Option(None, "--type"),
    status: str | None = typer.Option(None, "--status", help="e.g. PAUSED"),
    capability: list[str] = typer.Option([], "--capability", "-c", help="Replaces the list; repeat."),
    metadata: str | None = typer.Option(None, "--metadata", help="A JSON object, @file.json or -."),
    json_output: bool = JSON,
) -> None:
    """Change some fields of an agent."""
    changes: dict[str, Any] = {
        "name": name,
        "type": type_,
        "status": status,
        "capabilities": capability or None,
        "metadata": read_json(metadata, "--metadata") if metadata is not None else None,
    }
    given = {field: value for field, value in changes.items() if value is not None} | spec_values(ctx, "body")
    if not given:
        usage("give at least one field to change (--name, --status, ...)")
    with client_for(ctx) as client:
        updated = client.agents.update(agent_id, cast(AgentUpdateDict, given))
    Output(json_output).agent(updated)


@agents.command("delete")
def delete_agent(ctx: typer.Context, agent_id: str, json_output: bool = JSON) -> None:
    """Delete an agent."""
    with client_for(ctx) as client:
        client.agents.delete(agent_id)
    out = Output(json_output)
    if json_output:
        out.json({"deleted": agent_id})
    else:
        out.line(f"deleted {agent_id}")


@agents.command("status", hidden=True)
def agent_status(ctx: typer.Context, agent_id: str, json_output: bool = JSON) -> None:
    """An agent's status only (the older name of ``agents get-status``)."""
    with client_for(ctx) as client:
        Output(json_output).result(client.agents.get_status(agent_id), BY_ID["getAgentStatus"].result)
