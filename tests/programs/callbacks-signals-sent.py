# Signals the program sends itself with os.kill(): a loop.add_signal_handler()
# handler runs two iterations later (the loop sees the signal in its next
# select(), then runs the handler), a signal.signal() handler runs at once, an
# ignored signal does nothing, a pid that does not exist raises, and SIGTERM's
# default ends the program (exit status 143, nothing after it runs).
import asyncio
import os
import signal


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, lambda: print("SIGUSR1 handled", flush=True))
    os.kill(os.getpid(), signal.SIGUSR1)
    print("sent SIGUSR1", flush=True)
    for i in range(3):
        await asyncio.sleep(0)
        print("iteration", i, flush=True)
    loop.remove_signal_handler(signal.SIGUSR1)

    signal.signal(signal.SIGUSR2, lambda sig, frame: print("SIGUSR2 handler:", signal.Signals(sig).name, flush=True))
    os.kill(os.getpid(), signal.SIGUSR2)
    print("after SIGUSR2", flush=True)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    os.kill(os.getpid(), signal.SIGHUP)
    print("SIGHUP ignored", flush=True)
    try:
        os.kill(999999, 0)
    except ProcessLookupError as e:
        print("ProcessLookupError:", e, flush=True)
    try:
        os.kill(os.getpid(), signal.SIGINT)
    except KeyboardInterrupt:
        print("SIGINT: KeyboardInterrupt", flush=True)
    os.kill(os.getpid(), signal.SIGTERM)
    print("never printed", flush=True)


asyncio.run(main())
