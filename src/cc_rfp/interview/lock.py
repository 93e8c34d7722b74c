"""One interview per answers file, via ``ANSWERS.lock`` next to it.

Two interviews on one file would overwrite each other's answers at every autosave. The lock
file holds the owner's PID (and host) so the refusal can say who holds it. Where the OS has
``flock`` the kernel releases the lock when its process dies, so a crash never leaves it stuck;
elsewhere a lock whose PID is no longer running is taken over.
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path
from types import TracebackType

from cc_rfp.errors import InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path(answers_path: Path) -> Path:
    return answers_path.with_name(answers_path.name + ".lock")


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (a zombie or another user's still counts)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # pragma: no cover - Windows raises for dead PIDs
        return False
    return True


def read_holder(path: Path) -> tuple[int, str] | None:
    """(PID, host) written in a lock file, or None when it is unreadable."""
    try:
        first, *rest = path.read_text(encoding="utf-8").split("\n")
        return int(first.strip()), (rest[0].strip() if rest else "")
    except (OSError, ValueError, UnicodeDecodeError):
        return None


class AnswersLock:
    """Hold ``ANSWERS.lock`` for the life of an interview (a context manager)."""

    def __init__(self, answers_path: Path) -> None:
        self.answers_path = Path(answers_path)
        self.path = lock_path(self.answers_path)
        self.taken_over: int | None = None
        self._fd: int | None = None

    def _busy(self, holder: tuple[int, str] | None) -> InputError:
        who = f" (PID {holder[0]}{' on ' + holder[1] if holder[1] else ''})" if holder else ""
        return InputError(
            f"{self.answers_path}: another interview is using this file{who}; finish that "
            f"one first, or if none is running delete {self.path.name} and try again"
        )

    def acquire(self) -> None:
        if fcntl is None:  # pragma: no cover - Windows
            self._acquire_by_pid()
            return
        for _ in range(5):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise InputError(
                    f"{self.path}: cannot create the lock file ({exc.strerror}); "
                    "check that the folder is writable"
                ) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise self._busy(read_holder(self.path)) from None
            # The file may have been removed and recreated between open and flock.
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            holder = read_holder(self.path)
            if holder and holder[0] != os.getpid():
                self.taken_over = holder[0]
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())
            self._fd = fd
            return
        raise self._busy(read_holder(self.path))  # pragma: no cover - a lock race 5 times

    def _acquire_by_pid(self) -> None:  # pragma: no cover - Windows
        for _ in range(5):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_holder(self.path)
                if holder and pid_alive(holder[0]) and holder[1] in ("", socket.gethostname()):
                    raise self._busy(holder) from None
                self.taken_over = holder[0] if holder else None
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path)
                continue
            os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())
            os.close(fd)
            return
        raise self._busy(read_holder(self.path))

    def release(self) -> None:
        holder = read_holder(self.path)
        if holder is None or holder[0] == os.getpid():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> AnswersLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
