"""Write files atomically: a reader or print shop never sees a half-written PDF.

The temporary file carries the writer's process id, so a later run can tell the leftovers of a killed build
(whose process is gone) from a file another build is still writing, and remove only the former.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into place; the file gets the
    permissions any new file of the user's gets (their umask), not the temporary file's private 0600."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _named(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _named(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _named(exc: OSError, path: Path) -> OSError:
    """The same error naming the file being written (a full disk otherwise says only "No space left on device")."""
    if exc.errno == errno.ENOSPC:
        return OSError(exc.errno, "the disk is full; free some space and build again", str(path))
    return OSError(exc.errno, exc.strerror, exc.filename or str(path))


def _remove_leftovers(path: Path) -> None:
    """Delete temporary files of `path` left by builds that were killed between writing and renaming."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        pid = leftover.name[len(path.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit() or not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
