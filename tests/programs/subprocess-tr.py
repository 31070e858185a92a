# tr among the built-in commands (PyMOTW's subprocess example pipes text
# through tr to upper-case it): ranges, classes, -d, a short second set, no operand.
import asyncio
async def main():
    for args in (["tr","a-z","A-Z"],["tr","-d","[:digit:]"],["tr","abc","x"],["tr"]):
        p = await asyncio.create_subprocess_exec(*args, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await p.communicate(b"hello abc 123\n")
        print(args, p.returncode, out, err)
asyncio.run(main())
