"""Safe file writes: a crash leaves the old file or the new one, and no write destroys an input.

Every file cc-rfp writes (answers, tender, schemas) goes through :func:`atomic_write_text`:

- A regular file is replaced through a temporary file in the *target's* folder and a rename,
  so a crash or ``kill -9`` leaves either the old text or the new text, never half of one.
- A symbolic link is written through to the file it points at (the link stays a link, so a
  synced or shared target keeps getting the answers).
- A file with other hard links is still replaced by rename: the other names keep the version
  they had. Writing in place instead would make a crash leave a half-written file, and would
  silently rewrite backup snapshots made of hard links (``cp -al``, rsnapshot).
- Devices, pipes and the standard streams (``-``, ``/dev/stdout``, ``/dev/fd/N``) are written
  directly and never replaced: as root, a rename would turn ``/dev/full`` into a plain file.
  Block devices (disks) and sockets are refused.
- A file the user made read-only (no write bit) is refused: a rename ignores the file's own
  mode, so without the check every save would silently replace it.
- Temporary files are visible and recognisable (``tender.md.cc-rfp-PID-XXXXXX.tmp``); one left
  by a killed writer (its PID gone, older than a minute) is removed at the next write of the
  same file.

:func:`refuse_input_as_output` stops an output path from naming one of the command's inputs
(the answers file, the question bank, a template), through symlinks and hard links too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import time
from pathlib import Path

from cc_rfp.errors import OutputError

TEMP_MARK = ".cc-rfp-"
"""Between the target's name and ``PID-XXXXXX.tmp`` in a temporary file's name."""

STALE_AFTER_SECONDS = 60.0
"""A temporary file this old whose writer is gone is a leftover (a write takes milliseconds)."""

_NAME_KEEP = 180
"""Characters of the target's name kept in a temporary name, so it stays under 255."""

_MAX_SCAN = 10_000
"""Folder entries looked at for leftovers or template files: bounded work in a huge folder."""

_STREAM_ALIAS = re.compile(r"^(/dev/(stdout|stderr|fd/\d+)|/proc/(self|\d+)/fd/\d+)$")
"""Paths naming an already open stream: written to directly, never replaced or truncated."""

_OLD_TEMP = r"^\.{name}\.[A-Za-z0-9_]{{8}}\.tmp$"
"""Hidden temporary names of versions before 0.2 (``tempfile.mkstemp``); cleaned when old."""


def is_stdout(path: Path | str | None) -> bool:
    """Whether an ``-o`` value means standard output (``-``)."""
    return path is not None and str(path) == "-"


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output and flush it, so a full disk is reported here.

    A closed pipe (``| head``) raises BrokenPipeError, which the CLI turns into a quiet exit.
    The document is UTF-8 wherever it goes: when stdout's encoding cannot hold it
    (``PYTHONIOENCODING=ascii``, an old Windows console page), the UTF-8 bytes are written
    as they are, exactly as ``-o FILE`` would write them.
    """
    try:
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError:
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:
                raise OutputError(
                    "cannot write to standard output (its encoding cannot hold the text); "
                    "use -o FILE"
                ) from None
            sys.stdout.flush()
            buffer.write(text.encode("utf-8", "replace"))
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write to standard output ({_reason(exc)})") from None


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` safely; see the module docstring.

    Raises OutputError with one line saying what is wrong; the old file is then unchanged.
    """
    if is_stdout(path):
        write_stdout(text)
        return
    path = Path(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"{path}: the text holds a character that is not valid Unicode "
            f"(at position {exc.start}); nothing was written"
        ) from None
    info = _stat(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a directory; give a file name to write to")
    if _STREAM_ALIAS.match(os.path.abspath(path)) or (
        info is not None and not stat.S_ISREG(info.st_mode)
    ):
        _write_stream(path, data, info)
        return
    target = Path(os.path.realpath(path))
    _check_folder(path, target.parent)
    if info is not None:
        refuse_read_only(path, info)
    remove_stale_temps(target)
    _replace(path, target, data, info)


def atomic_write_bytes(path: Path | str, data: bytes, *, what: str = "this file") -> None:
    """Write a binary file (a Word document, a PDF) with :func:`atomic_write_text`'s guarantees.

    A binary file is a file: standard output, devices and pipes are refused (``what`` names
    the kind of file in that message), a folder, a missing folder or a read-only file too.
    """
    if is_stdout(path):
        raise OutputError(f"{what} cannot be written to standard output; give a file name")
    path = Path(path)
    info = _stat(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a directory; give a file name to write to")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path}: is not a regular file; give a file name to write to")
    target = Path(os.path.realpath(path))
    _check_folder(path, target.parent)
    if info is not None:
        refuse_read_only(path, info)
    remove_stale_temps(target)
    _replace(path, target, data, info)


def refuse_read_only(path: Path, info: os.stat_result | None = None) -> None:
    """Refuse a file the user made read-only (``chmod 444``), also when running as root.

    The mode bits are checked, not ``os.access``: root may write anything, but a file with no
    write bit was made read-only on purpose, and replacing it would undo that.
    """
    if info is None:
        try:
            info = os.stat(path)
        except OSError:
            return
    if not stat.S_ISREG(info.st_mode):
        return
    if not info.st_mode & 0o222 or (os.name == "posix" and not os.access(path, os.W_OK)):
        raise OutputError(f"{path}: is read-only; make it writable or choose another path")


def temp_prefix(target: Path) -> str:
    """The start of every temporary file name used to replace ``target``."""
    return f"{target.name[:_NAME_KEEP]}{TEMP_MARK}"


def remove_stale_temps(target: Path, *, now: float | None = None) -> list[Path]:
    """Remove temporary files a killed writer left beside ``target``; return what was removed.

    A leftover is ``NAME.cc-rfp-PID-XXXXXX.tmp`` whose PID no longer runs and that is older
    than a minute (the age also protects a writer on another machine or in another container
    sharing the folder, whose PID means nothing here). Hidden ``.NAME.XXXXXXXX.tmp`` files
    from older versions are removed when older than an hour.
    """
    folder = target.parent
    prefix = temp_prefix(target)
    own = re.compile(rf"^{re.escape(prefix)}(\d+)-[0-9a-f]+\.tmp$")
    old = re.compile(_OLD_TEMP.format(name=re.escape(target.name)))
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = os.scandir(folder)
    except OSError:
        return removed
    with entries:
        for count, entry in enumerate(entries):
            if count >= _MAX_SCAN:
                break
            mine = own.match(entry.name)
            if mine is None and old.match(entry.name) is None:
                continue
            try:
                age = now - entry.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue
            if mine is None:
                stale = age > 60 * STALE_AFTER_SECONDS
            else:
                stale = age > STALE_AFTER_SECONDS and not pid_alive(int(mine.group(1)))
            if stale:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def refuse_input_as_output(
    out: Path | str | None,
    *,
    answers: Path | None = None,
    bank: Path | None = None,
    templates: Path | None = None,
    default: bool = False,
) -> None:
    """Refuse an output that is one of the inputs: same file, through symlinks and hard links.

    ``default`` says the output was not given but derived from the answers file's name, so
    the message can say how to choose another one.
    """
    if out is None:
        return
    if is_stdout(out):
        _refuse_stdout_onto_inputs(answers, bank)
        return
    out = Path(out)
    how = "give the tender another name with -o" if not default else "choose the tender with -o"
    if answers is not None and _same_file(out, answers):
        if default:
            raise OutputError(
                f"{out}: would be both the answers file and the tender written from it; "
                "give the tender another name with -o, or keep the answers in a .yaml file"
            )
        raise OutputError(
            f"{out}: is the answers file {answers}; the tender would replace your answers; {how}"
        )
    if bank is not None and _same_file(out, bank):
        raise OutputError(f"{out}: is the question bank given with --questions; {how}")
    if templates is not None:
        found = _template_file(out, templates)
        if found is not None:
            raise OutputError(f"{out}: is the template file {found}; {how}")


def _refuse_stdout_onto_inputs(answers: Path | None, bank: Path | None) -> None:
    """``cc-rfp render w.yaml >> w.yaml``: standard output is the answers file itself."""
    try:
        mine = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return
    for name, path in (("answers file", answers), ("question bank", bank)):
        if path is None:
            continue
        try:
            other = os.stat(path)
        except OSError:
            continue
        if stat.S_ISREG(mine.st_mode) and (mine.st_dev, mine.st_ino) == (
            other.st_dev,
            other.st_ino,
        ):
            raise OutputError(
                f"{path}: standard output is redirected into the {name}; "
                "redirect it to another file or use -o"
            )


def _same_file(a: Path, b: Path) -> bool:
    """Same file by identity (device and inode) when both exist, else by resolved path."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        try:
            return os.path.realpath(a) == os.path.realpath(b)
        except (OSError, ValueError):
            return False


def _template_file(out: Path, templates: Path) -> Path | None:
    """The file in the templates folder that ``out`` is (by identity), if any."""
    try:
        mine = os.stat(out)
    except OSError:
        return None
    key = (mine.st_dev, mine.st_ino)
    seen = 0
    for folder, dirs, files in os.walk(templates):
        dirs.sort()
        for name in sorted(files):
            seen += 1
            if seen > _MAX_SCAN:
                return None
            candidate = Path(folder) / name
            try:
                other = os.stat(candidate)
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == key:
                return candidate
    return None


def _stat(path: Path) -> os.stat_result | None:
    """The target's status (following links), None when there is nothing there yet."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{path}: is a loop of symbolic links; fix the link") from None
        raise OutputError(f"{path}: cannot write ({_reason(exc)})") from None


def _check_folder(path: Path, folder: Path) -> None:
    """Say what is really wrong with the folder: missing, or a file where a folder should be.

    ``folder`` is the resolved target's folder; the message names the folder as the user
    wrote it unless ``path`` is a symbolic link (then the link's target folder is the news).
    """
    if folder.is_dir():
        return
    if not path.is_symlink():
        folder = path.parent
    here = folder
    while not here.exists() and here != here.parent:
        here = here.parent
    if here.exists() and not here.is_dir():
        raise OutputError(f"{path}: {here} is a file, not a folder; choose another path")
    raise OutputError(f"{path}: folder {folder} does not exist; create it first")


def _write_stream(path: Path, data: bytes, info: os.stat_result | None) -> None:
    """Write to a device, pipe or open stream directly; never replace it."""
    if info is not None and stat.S_ISBLK(info.st_mode):
        raise OutputError(f"{path}: is a disk (block device); give a file name to write to")
    if info is not None and stat.S_ISSOCK(info.st_mode):
        raise OutputError(f"{path}: is a socket; give a file name to write to")
    alias = _STREAM_ALIAS.match(os.path.abspath(path))
    if alias and alias.group(2) == "stdout":
        write_stdout(data.decode("utf-8"))
        return
    fifo = info is not None and stat.S_ISFIFO(info.st_mode)
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    if fifo:
        flags |= os.O_NONBLOCK  # no reader: fail at once instead of waiting for ever
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if fifo and exc.errno == errno.ENXIO:
            raise OutputError(
                f"{path}: is a named pipe nobody is reading; start the reader first"
            ) from None
        raise OutputError(f"{path}: cannot write ({_reason(exc)})") from None
    try:
        if fifo:
            os.set_blocking(fd, True)
        _write_all(fd, data)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE)) from None
        raise OutputError(f"{path}: cannot write ({_reason(exc)})") from None
    finally:
        os.close(fd)


def _replace(path: Path, target: Path, data: bytes, info: os.stat_result | None) -> None:
    """Write a temporary file beside ``target``, fsync it, give it the old mode, rename."""
    tmp, fd = _create_temp(path, target)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if info is not None:
            os.chmod(tmp, stat.S_IMODE(info.st_mode) & 0o777)
            if hasattr(os, "chown") and (info.st_uid, info.st_gid) != _owner(tmp):
                with contextlib.suppress(OSError):  # root keeps the user's file the user's
                    os.chown(tmp, info.st_uid, info.st_gid)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"{path}: cannot write ({_reason(exc)}); nothing was changed") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(target.parent)


def _create_temp(path: Path, target: Path) -> tuple[Path, int]:
    """Create ``NAME.cc-rfp-PID-XXXXXX.tmp`` exclusively (mode 600 until it is complete)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    for _ in range(20):
        name = f"{temp_prefix(target)}{os.getpid()}-{os.urandom(3).hex()}.tmp"
        tmp = target.parent / name
        try:
            return tmp, os.open(tmp, flags, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(
                f"{path}: cannot write in {target.parent} ({_reason(exc)}); choose another path"
            ) from None
    raise OutputError(f"{path}: cannot create a temporary file in {target.parent}")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _owner(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def _umask() -> int:
    """The process umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder, so best effort."""
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists here (a zombie or another user's counts as alive)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # pragma: no cover - Windows raises for dead PIDs
        return False
    return True


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check_can_write(path: Path | str) -> None:
    """Fail now, before any work, if ``path`` could not be written later.

    The interview calls this at the start, so nobody answers questions for a file or a
    tender that would be refused at the end.
    """
    if is_stdout(path):
        return
    path = Path(path)
    info = _stat(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path}: is a directory; give a file name to write to")
    if info is not None and not stat.S_ISREG(info.st_mode):
        return
    folder = Path(os.path.realpath(path)).parent
    _check_folder(path, folder)
    if info is not None:
        refuse_read_only(path, info)
    if os.name == "posix" and not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(
            f"{path}: the folder {folder} is not writable for you; choose another path"
        )
