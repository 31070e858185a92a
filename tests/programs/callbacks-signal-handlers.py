# Tutorial-style signal handlers (Ctrl+C stops the loop): set, removed, and
# the errors CPython raises for bad signals. No signal arrives, so the program
# ends when its own timer stops the loop.
import asyncio
import functools
import signal


def ask_exit(signame, loop):
    print("got signal %s: exit" % signame)
    loop.stop()


loop = asyncio.new_event_loop()
for signame in ("SIGINT", "SIGTERM"):
    loop.add_signal_handler(getattr(signal, signame), functools.partial(ask_exit, signame, loop))
print("removed SIGHUP:", loop.remove_signal_handler(signal.SIGHUP))
print("removed SIGTERM:", loop.remove_signal_handler(signal.SIGTERM))
for bad in (signal.SIGKILL, 0):
    try:
        loop.add_signal_handler(bad, print)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    loop.add_signal_handler("SIGINT", print)
except TypeError as e:
    print("TypeError", e)


async def coro():
    pass


try:
    loop.add_signal_handler(signal.SIGUSR1, coro)
except TypeError as e:
    print("TypeError", e)
print("Event loop running, press Ctrl+C to interrupt.")
loop.call_later(0.5, loop.stop)
loop.run_forever()
print("stopped at", loop.time() >= 0.5)
loop.close()
