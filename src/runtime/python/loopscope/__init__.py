"""Loopscope's Python runtime: asyncio on a virtual-time loop whose ready queue,
timers and clock live in the TypeScript engine, with every fact recorded."""

from .runner import run_program  # noqa: F401
from .net.api import get_latency, set_latency, socket  # noqa: F401  (user-facing: simulated network)
