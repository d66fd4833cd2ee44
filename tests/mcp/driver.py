"""A real MCP client (the official Python SDK) driving `corpvet mcp` over stdio, one step at
a time for the Rust test that runs it: each line on stdin is a step, each answer one line on
stdout, so the test can read the sandbox's counters between steps.

Steps: {"op": "list_tools"} | {"op": "call", "tool": NAME, "args": {...}} | {"op": "quit"}.
Usage: python driver.py CORPVET_BINARY [ARGS...]; the server gets this process's environment.
"""

import json
import os
import sys

import anyio
from jsonschema.validators import validator_for
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def schema_errors(name, schema):
    """Why `schema` is not a valid JSON Schema (empty when it is)."""
    try:
        validator_for(schema).check_schema(schema)
        return []
    except Exception as e:  # noqa: BLE001: any failure is the finding
        return [f"{name}: {e}"]


async def answer(session, step):
    if step["op"] == "list_tools":
        listed = await session.list_tools()
        tools, errors = [], []
        for t in listed.tools:
            errors += schema_errors(t.name + " input", t.input_schema)
            if t.output_schema is not None:
                errors += schema_errors(t.name + " output", t.output_schema)
            tools.append(
                {
                    "name": t.name,
                    "description": t.description,
                    "input_schema": t.input_schema,
                    "has_output_schema": t.output_schema is not None,
                    "read_only": bool(t.annotations and t.annotations.read_only_hint),
                }
            )
        return {"tools": tools, "schema_errors": errors}
    if step["op"] == "call":
        result = await session.call_tool(step["tool"], step.get("args") or {})
        texts = [c.text for c in result.content if getattr(c, "type", "") == "text"]
        return {
            "is_error": bool(result.is_error),
            "structured": result.structured_content,
            "texts": texts,
        }
    raise ValueError(f"unknown step {step!r}")


async def main():
    params = StdioServerParameters(
        command=sys.argv[1], args=sys.argv[2:], env=dict(os.environ)
    )
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            print(
                json.dumps(
                    {
                        "server": init.server_info.name,
                        "protocol": init.protocol_version,
                        "instructions": init.instructions,
                    }
                ),
                flush=True,
            )
            for line in sys.stdin:
                step = json.loads(line)
                if step["op"] == "quit":
                    break
                try:
                    out = await answer(session, step)
                except Exception as e:  # noqa: BLE001: reported to the test as data
                    out = {"exception": f"{type(e).__name__}: {e}"}
                print(json.dumps(out, ensure_ascii=False), flush=True)


anyio.run(main)
