# title: Locks: one at a time
# description: An asyncio.Lock lets only one task into the critical section; the others wait
# description: on the lock's futures, in arrival order.
import asyncio

lock = None
balance = 100


async def withdraw(name, amount):
    global balance
    async with lock:
        print(f"{name} checks balance {balance}")
        await asyncio.sleep(0.1)
        if balance >= amount:
            balance -= amount
            print(f"{name} withdrew {amount}, left {balance}")
        else:
            print(f"{name} refused: only {balance} left")


async def main():
    global lock
    lock = asyncio.Lock()
    await asyncio.gather(withdraw("ann", 70), withdraw("bob", 50), withdraw("cy", 20))


asyncio.run(main())
