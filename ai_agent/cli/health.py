"""``ai-agent health``."""

from __future__ import annotations

import typer

from ._app import API_ERROR, app, client_for
from ._output import Output


@app.command()
def health(
    ctx: typer.Context,
    json_output: bool = typer.Option(False, "--json", help="One JSON document on stdout."),
) -> None:
    """The orchestrator's health (no API key needed). Exit code 3 when it is DOWN."""
    with client_for(ctx, key_needed=False) as client:
        report = client.health()
    Output(json_output).health(report)
    if str(report.status) == "DOWN":
        raise typer.Exit(API_ERROR)
