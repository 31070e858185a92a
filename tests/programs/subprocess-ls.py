# The Python docs' subprocess examples run `ls /zzz`; ls also on a directory
# that is there, and with a bad option.
import asyncio


async def run(cmd):
    proc = await asyncio.create_subprocess_shell(
        cmd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)

    stdout, stderr = await proc.communicate()

    print(f'[{cmd!r} exited with {proc.returncode}]')
    if stdout:
        print(f'[stdout]\n{stdout.decode()}')
    if stderr:
        print(f'[stderr]\n{stderr.decode()}')


async def main():
    await asyncio.gather(
        run('ls /zzz'),
        run('sleep 1; echo "hello"'))

asyncio.run(run('ls /zzz'))
asyncio.run(main())
asyncio.run(run('ls -d / /zzz'))
asyncio.run(run('ls -z'))


async def exec_ls():
    proc = await asyncio.create_subprocess_exec("ls", "/zzz", "/yyy", stderr=asyncio.subprocess.PIPE)
    _, err = await proc.communicate()
    print(proc.returncode, err.decode().splitlines())

asyncio.run(exec_ls())
