# A callback cancels handles that are already in the same iteration's ready
# queue (they do not run) and a timer that is due (it does not run either).
import asyncio

loop = asyncio.new_event_loop()
handles = {}


def first():
    print("first cancels second and the timer")
    handles["second"].cancel()
    handles["timer"].cancel()
    print("second cancelled:", handles["second"].cancelled())


def second():
    print("second ran (wrong)")


def third():
    print("third runs")
    h = loop.call_soon(print, "never")
    h.cancel()
    loop.call_soon(print, "fourth runs")


def timer():
    print("timer ran (wrong)")


handles["first"] = loop.call_soon(first)
handles["second"] = loop.call_soon(second)
loop.call_soon(third)
handles["timer"] = loop.call_later(0, timer)
loop.call_later(0.1, loop.stop)
loop.run_forever()
print("cancelling a finished handle is harmless:", handles["first"].cancel())
loop.close()
