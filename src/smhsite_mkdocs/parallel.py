"""Another language built in a forked process while this one builds the default language.

static-i18n builds the languages one after the other on one config object. After the check, the
plugin forks: the child runs the next language's pass as static-i18n would (same config, same
site model, no second check), writes its pages into the same site folder (each language has its
own; the theme's shared files are identical in every pass) and exits. The parent builds the
default language, then waits for the child before the steps that need every language on disk.

What the child logs reaches the parent's loggers, in order, once the child is done: warnings
count for `--strict` and tests see the same messages either way. What the parent needs from the
child's pass (the hashes of its inline scripts, the pages its crisis audit passed) comes back
as a result.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from mkdocs.exceptions import Abort, PluginError

from smhsite.problems import Problem

LOGGER = "mkdocs"


@dataclass
class PassResult:
    """What a language pass hands back to the process that publishes the site."""

    script_hashes: set[str] = field(default_factory=set)
    audited: set[str] = field(default_factory=set)  # pages checked for the crisis block
    crisis_failures: dict[str, list[str]] = field(default_factory=dict)


class _Forward(logging.Handler):
    """In the child: every record, as (logger name, level, text), into the shared file."""

    def __init__(self, out: IO[bytes]) -> None:
        super().__init__(logging.DEBUG)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        pickle.dump(("log", record.name, record.levelno, text), self.out)


@dataclass
class Worker:
    lang: str
    pid: int
    out: IO[bytes]

    finished: bool = False

    def stop(self) -> None:
        """The build failed: the child, if still running, must not go on writing into the site
        folder."""
        if self.finished:
            return
        self.finished = True
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.out.close()

    def finish(self) -> PassResult:
        """Wait for the child; replay its log; its result, or its failure raised here."""
        _, status = os.waitpid(self.pid, 0)
        self.finished = True
        self.out.seek(0)
        result: PassResult | None = None
        failure: tuple[str, str] | None = None
        while True:
            try:
                message = pickle.load(self.out)
            except EOFError:
                break
            if message[0] == "log":
                _, name, level, text = message
                logging.getLogger(name).handle(logging.makeLogRecord(
                    {"name": name, "levelno": level, "levelname": logging.getLevelName(level),
                     "msg": text}))
            elif message[0] == "done":
                result = message[1]
            elif message[0] == "failed":
                failure = message[1], message[2]
        self.out.close()
        if failure is not None:
            kind, text = failure
            raise Abort(text) if kind == "abort" else PluginError(text)
        if result is None or os.waitstatus_to_exitcode(status) != 0:
            raise PluginError(str(Problem("", None, "language-pass-stopped", {
                "lang": self.lang, "status": os.waitstatus_to_exitcode(status)})))
        return result


def start(lang: str, run: Callable[[], PassResult]) -> Worker:
    """Fork; the child runs `run` (the pass of `lang`) and exits, the parent returns at once."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the Worker
    pid = os.fork()
    if pid:
        return Worker(lang, pid, out)
    code = 0
    try:  # the child: nothing here may return to the parent's build
        logger = logging.getLogger(LOGGER)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(_Forward(out))
        logger.propagate = False
        try:
            result = run()
            pickle.dump(("done", result), out)
        except Abort as error:
            pickle.dump(("failed", "abort", str(error)), out)
            code = 1
        except Exception as error:
            pickle.dump(("failed", "error", _describe(error)), out)
            code = 1
        out.flush()
    finally:
        os._exit(code)


def _describe(error: BaseException) -> str:
    if isinstance(error, PluginError):
        return str(error)
    return "".join(traceback.format_exception(error)).strip()

