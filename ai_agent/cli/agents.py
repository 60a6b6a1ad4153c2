"""``ai-agent agents list|get|create|update|delete|status``."""

from __future__ import annotations

from typing import Any, cast

import typer

from .. import AgentCreateParams
from .._surface.params import AgentUpdateDict
from ._app import EVERY, JSON, LIMIT, PAGE, app, client_for, read_json, usage
from ._output import Output

agents = typer.Typer(help="Agents: list, get, create, update, delete, status.", no_args_is_help=True)
app.add_typer(agents, name="agents")


@agents.command("list")
def list_agents(
    ctx: typer.Context,
    page: int = PAGE,
    limit: int = LIMIT,
    type_: str | None = typer.Option(None, "--type", help="Only agents of this type, e.g. WORKER."),
    status: str | None = typer.Option(None, "--status", help="Only agents in this status, e.g. READY."),
    every: bool = EVERY,
    json_output: bool = JSON,
) -> None:
    """One page of agents (or --all of them)."""
    out = Output(json_output)
    with client_for(ctx) as client:
        if every:
            found = list(client.agents.iterate(type=type_, status=status))  # type: ignore[arg-type]
            out.agents(found)
        else:
            result = client.agents.list(page=page, limit=limit, type=type_, status=status)  # type: ignore[arg-type]
            out.agents(result.items, result)


@agents.command("get")
def get_agent(ctx: typer.Context, agent_id: str, json_output: bool = JSON) -> None:
    """One agent."""
    with client_for(ctx) as client:
        Output(json_output).agent(client.agents.get(agent_id))


@agents.command("create")
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
        params = AgentCreateParams(name=name, type=cast(Any, type_), capabilities=capability, metadata=meta)
        created = client.agents.create(params)
    Output(json_output).agent(created)


@agents.command("update")
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
    given = {field: value for field, value in changes.items() if value is not None}
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


@agents.command("status")
def agent_status(ctx: typer.Context, agent_id: str, json_output: bool = JSON) -> None:
    """An agent's status only."""
    with client_for(ctx) as client:
        status = client.agents.get_status(agent_id)
    out = Output(json_output)
    if json_output:
        out.json({"status": str(status)})
    else:
        out.line(str(status))
