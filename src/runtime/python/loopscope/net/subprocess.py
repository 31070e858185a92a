"""asyncio's subprocess machinery on the simulated process table.

CPython's BaseSubprocessTransport and its pipe protocols run unchanged; only
_start (no fork/exec: a SimProcess) and the exit notification (a pidfd-like
fd that becomes readable, then call_soon(_process_exited), as 3.12+ does on
Linux) are ours. The pipes are CPython's _UnixReadPipeTransport /
_UnixWritePipeTransport over simulated pipe fds (see shims.py).
"""

from asyncio import base_subprocess, unix_events

from .. import frames
from . import process as P
from .commands import exec_program
from .shell import shell_program


def _one_line(arg):
    """A multi-line argument (python3 -c CODE) shown by its first line, for the panels."""
    lines = [ln.strip() for ln in arg.splitlines() if ln.strip()]
    return arg if len(lines) <= 1 else lines[0] + " ..."


class SimSubprocessTransport(base_subprocess.BaseSubprocessTransport):
    def _start(self, args, shell, stdin, stdout, stderr, bufsize, **kwargs):
        from . import current_network
        net = current_network()
        loop = self._loop
        if shell:
            cmd = args.decode() if isinstance(args, bytes) else str(args)
            program = shell_program(cmd)
            argv = ["/bin/sh", "-c", cmd]
            label = cmd
        else:
            argv = [a.decode() if isinstance(a, bytes) else str(a) for a in args]
            program = exec_program(argv)
            label = " ".join(_one_line(a) for a in argv)
            if program is None:
                raise FileNotFoundError(2, "No such file or directory", argv[0])
        self._proc = P.SimProcess(net, loop, argv, label, program, stdin, stdout, stderr,
                                  env=kwargs.get("env"))

    # CPython calls os.kill(pid, sig) here; our processes take the signal themselves.
    def send_signal(self, signal):
        self._check_proc()
        self._proc.send_signal(signal)

    def terminate(self):
        self.send_signal(15)

    def kill(self):
        self.send_signal(9)


async def make_subprocess_transport(loop, protocol, args, shell, stdin, stdout, stderr,
                                    bufsize, extra=None, **kwargs):
    waiter = loop.create_future()
    transp = SimSubprocessTransport(loop, protocol, args, shell, stdin, stdout, stderr,
                                    bufsize, waiter=waiter, extra=extra, **kwargs)
    proc = transp._proc
    loop._add_reader(proc.pidfd.fd, _child_exited, loop, proc, transp)
    try:
        await waiter
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException:
        transp.close()
        await transp._wait()
        raise
    return transp


def _child_exited(loop, proc, transp):
    loop._remove_reader(proc.pidfd.fd)
    proc.pidfd.close()
    loop.call_soon(transp._process_exited, proc.returncode)


# Its repr (<_UnixSubprocessTransport pid=...>) names the class CPython's loop makes.
frames.name_as_asyncio(SimSubprocessTransport, shown=unix_events._UnixSubprocessTransport)
