"""`corpvet mcp` whole process, through the official MCP Python SDK (figures in
docs/PERFORMANCE.md):

    cargo build --release && target/mcp-venv/bin/python benches/mcp_server.py

(`scripts/test` makes target/mcp-venv; or any Python with `pip install mcp==2.3.0`.)

Measures, on the built-in sandbox in a scratch HOME: the time from starting the server to
an initialised session; a first vet (billed, loopback sandbox); the latency of a cached
tool call (`certificates`, answered from the store); and the server's resident memory
after those calls. Prints one line per figure.
"""

import os
import statistics
import sys
import tempfile
import time

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "corpvet")
COMPANY = "深圳市鹏科智联电子股份有限公司"
RUNS = int(os.environ.get("RUNS", "200"))


def server_rss_kib():
    """VmRSS of the `corpvet mcp` process this script started (a child of this one)."""
    me = os.getpid()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
        except OSError:
            continue
        if parent == me and cmd[:2] and cmd[1:2] == [b"mcp"]:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
    return None


async def main():
    home = tempfile.mkdtemp(prefix="corpvet-mcp-bench-")
    env = {"HOME": home, "PATH": os.environ.get("PATH", "")}
    params = StdioServerParameters(command=os.path.abspath(BIN), args=["mcp"], env=env)
    start = time.perf_counter()
    async with stdio_client(params, errlog=open(os.devnull, "w")) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            ready = time.perf_counter() - start
            t = time.perf_counter()
            result = await session.call_tool("vet", {"keyword": COMPANY})
            vet = time.perf_counter() - t
            assert not result.is_error, result
            await session.call_tool("certificates", {"company": COMPANY})
            times = []
            for _ in range(RUNS):
                t = time.perf_counter()
                result = await session.call_tool("certificates", {"company": COMPANY})
                times.append(time.perf_counter() - t)
                assert result.structured_content["cached"] is True
            rss = server_rss_kib()
    times.sort()
    print(f"machine: {os.cpu_count()} cores")
    print(f"start to initialised session: {ready * 1000:.0f} ms")
    print(f"first vet (billed, loopback sandbox): {vet * 1000:.0f} ms")
    print(
        f"cached certificates call, {RUNS} runs: median {statistics.median(times) * 1000:.2f} ms, "
        f"p95 {times[int(len(times) * 0.95)] * 1000:.2f} ms"
    )
    print(f"server resident memory after: {rss / 1024:.1f} MiB" if rss else "rss: not found")


if not os.access(BIN, os.X_OK):
    sys.exit("build first: cargo build --release")
anyio.run(main)
