"""Loopscope's Python runtime: asyncio on a virtual-time loop whose ready queue,
timers and clock live in the TypeScript engine, with every fact recorded."""

from . import compat

compat.check()  # first: the modules below build on asyncio's private parts

from .runner import run_program  # noqa: E402,F401
from .net.api import get_latency, set_latency, socket  # noqa: E402,F401  (user-facing: simulated network)
