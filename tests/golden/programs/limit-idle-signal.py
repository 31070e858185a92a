# loopscope-only: on CPython this program waits until Ctrl+C. The loop's only
# way to wake is a signal handler, and no signal is ever sent in Loopscope, so
# the run ends as idle (exit status 3) and the message names the signal.
import asyncio
import signal

loop = asyncio.new_event_loop()
loop.add_signal_handler(signal.SIGINT, loop.stop)
print("Running forever, press Ctrl+C to stop.")
loop.run_forever()
loop.close()
