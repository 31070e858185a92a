"""stdout/stderr for a run: text goes to the trace (tagged with the step that
wrote it) and, through the recorder, to the CLI or the UI.

Writes are buffered in Python and flushed to JavaScript at step boundaries and
before every write to the other stream, so print() costs no JS call per piece
and stdout/stderr keep their relative order.
"""

import io


class Recorder(io.TextIOBase):
    def __init__(self, run, fd, name):
        self._run = run
        self._fd = fd
        self._name = name
        self.buf = []

    @property
    def name(self):
        return self._name

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "strict"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        raise io.UnsupportedOperation("fileno")

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        run = self._run
        if run.out_last is not self:
            run.flush_output()
            run.out_last = self
        self.buf.append(s)
        return len(s)

    def flush(self):
        self._run.flush_output()
