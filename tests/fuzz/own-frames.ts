/**
 * Files of Loopscope's runtime (written to /home/pyodide/loopscope_rt) or of Pyodide's own
 * Python: a traceback or warning a program is shown never names them (as in CPython, where
 * they do not exist). Used by the fuzzer and by the tests of its findings.
 */
export const OWN_FRAMES = /loopscope_rt|_pyodide|\/pyodide\//;
