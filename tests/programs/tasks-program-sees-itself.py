# What a program sees of itself, as `python3 NAME.py` run from its own
# directory shows it: sys.argv[0] is the name typed, the working directory is
# the program's own, and __file__ is its absolute path there.
import asyncio
import os
import sys


async def main():
    print("argv:", sys.argv)
    here = os.path.dirname(os.path.abspath(__file__))
    print("cwd is the program's directory:", os.getcwd() == here)
    print("__file__ is absolute:", os.path.isabs(__file__), os.path.basename(__file__))
    print("the file is there:", os.path.exists(os.path.basename(sys.argv[0])))
    with open(__file__) as f:
        print("first line:", f.readline().rstrip())
    print("__name__:", __name__)


asyncio.run(main())
