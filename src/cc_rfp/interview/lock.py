"""One interview per answers file, via ``ANSWERS.lock`` next to it.

Two interviews on one file would overwrite each other's answers at every autosave. The lock is
on the file's identity, not on the name it was given: a symbolic link is followed to the real
file (whose folder gets the lock file), and a file with hard links is also locked by its device
and inode number, so ``e.yaml`` and a link to it cannot be interviewed at once.

The lock file holds the owner's PID (and host) so the refusal can say who holds it. It is
opened without following symbolic links and must be a plain file with one name, so a planted
``e.yaml.lock -> victim`` (or a hard link to a victim) is refused instead of truncated. Where
the OS has ``flock`` the kernel releases the lock when its process dies, so a crash never
leaves it stuck; elsewhere a lock whose PID is no longer running is taken over.

On a network file system the lock is as good as the file system's own locking: Linux NFS
clients map ``flock`` to NFS byte-range locks, which other NFS clients see; SMB mounts with
``nobrl`` and some FUSE file systems keep locks local to one machine. The hard-link lock is
always local to this machine (it lives in the temporary folder).
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import tempfile
from pathlib import Path
from types import TracebackType

from cc_rfp.errors import InputError
from cc_rfp.io.atomic import pid_alive

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def real_path(answers_path: Path) -> Path:
    """The file a path names once symbolic links are followed (it may not exist yet)."""
    return Path(os.path.realpath(answers_path))


def lock_path(answers_path: Path) -> Path:
    """``ANSWERS.lock`` beside the real file, so every link to it shares one lock."""
    real = real_path(answers_path)
    return real.with_name(real.name + ".lock")


def identity_lock_path(answers_path: Path) -> Path | None:
    """A per-user lock named by device and inode, for a file with more than one hard link."""
    try:
        info = os.stat(answers_path)
    except OSError:
        return None
    if info.st_nlink < 2 or not hasattr(os, "getuid"):
        return None
    folder = Path(tempfile.gettempdir()) / f"cc-rfp-{os.getuid()}"
    return folder / f"{info.st_dev}-{info.st_ino}.lock"


def read_holder(path: Path) -> tuple[int, str] | None:
    """(PID, host) written in a lock file, or None when it is unreadable or not a plain file."""
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        first, *rest = os.read(fd, 4096).decode("utf-8").split("\n")
        return int(first.strip()), (rest[0].strip() if rest else "")
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    finally:
        os.close(fd)


def _private_folder(folder: Path) -> None:
    """Create the per-user lock folder; refuse one that someone else owns or that is a link."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise InputError(
            f"{folder}: is not a private folder of yours, so the interview cannot lock the "
            "answers file; delete it and try again"
        )


class AnswersLock:
    """Hold ``ANSWERS.lock`` for the life of an interview (a context manager)."""

    def __init__(self, answers_path: Path) -> None:
        self.answers_path = Path(answers_path)
        self.path = lock_path(self.answers_path)
        self.identity = identity_lock_path(self.answers_path)
        self.taken_over: int | None = None
        self._fd: int | None = None
        self._identity_fd: int | None = None

    def _busy(self, holder: tuple[int, str] | None, path: Path | None = None) -> InputError:
        who = f" (PID {holder[0]}{' on ' + holder[1] if holder[1] else ''})" if holder else ""
        lock = path or self.path
        near = lock.parent == self.answers_path.absolute().parent
        name = lock.name if near else str(lock)
        return InputError(
            f"{self.answers_path}: another interview is using this file{who}; finish that "
            f"one first, or if none is running delete {name} and try again"
        )

    def acquire(self) -> None:
        if fcntl is None:  # pragma: no cover - Windows
            self._acquire_by_pid()
            return
        self._fd, previous = self._flock(self.path, shown=None)
        if previous and previous[0] != os.getpid():
            self.taken_over = previous[0]
        if self.identity is not None:
            try:
                _private_folder(self.identity.parent)
                self._identity_fd, _ = self._flock(self.identity, shown=self.identity)
            except BaseException:
                self.release()
                raise

    def _flock(self, path: Path, shown: Path | None) -> tuple[int, tuple[int, str] | None]:
        """Open ``path`` safely, lock it, write our PID; the fd and the previous holder."""
        for _ in range(5):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | NOFOLLOW | NONBLOCK, 0o644)
            except OSError as exc:
                if os.path.islink(path):
                    raise InputError(
                        f"{path}: is a symbolic link, not a lock file; delete it and try again"
                    ) from None
                raise InputError(
                    f"{path}: cannot create the lock file ({exc.strerror}); "
                    "check that the folder is writable"
                ) from None
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:
                os.close(fd)
                kind = "has other names (hard links)" if info.st_nlink > 1 else "is not a file"
                raise InputError(
                    f"{path}: {kind}, so it is not a lock file cc-rfp made; delete it and try again"
                )
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise self._busy(read_holder(path), shown) from None
            # The file may have been removed and recreated between open and flock.
            try:
                same = info.st_ino == os.stat(path, follow_symlinks=False).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            previous = read_holder(path)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())
            return fd, previous
        raise self._busy(read_holder(path), shown)  # pragma: no cover - a lock race 5 times

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
        for path, fd in ((self.identity, self._identity_fd), (self.path, self._fd)):
            if path is None:
                continue
            holder = read_holder(path)
            ours = holder is None or holder[0] == os.getpid()
            if (fd is not None or fcntl is None) and ours:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
            if fd is not None:
                os.close(fd)
        self._fd = self._identity_fd = None

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
