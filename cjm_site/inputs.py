"""Reading author files for the commands, within bounds.

The build reads pages MkDocs found: regular files. A command is handed any
path (``/dev/zero``, a FIFO, a 20 GB log), so it reads only regular files and
at most :data:`MAX_FILE_BYTES` of each: a page whose front matter fits the
build's bound (:attr:`cjm_site.reading.Limits.max_bytes`) with a long body
fits easily.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cjm_site.reading import Limits

MAX_FILE_BYTES = 64 * Limits().max_bytes
"""16 MiB: 64 times the front matter bound, room for any body a person writes."""


class InputError(Exception):
    """A file a command was given cannot be read as a page (the message says why)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
        """Why, without the path (for messages that name the file already)."""


def read_author_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; else :class:`InputError`.

    Opened without blocking, so a FIFO cannot hang the command, and read with
    a bound, so a file that grows (or lies about its size, as ``/proc`` files
    do) cannot exhaust memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"no such file: {path}", "no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a page", "a folder, not a page") from None
    except OSError as err:
        reason = str(err.strerror or err)
        raise InputError(f"cannot read {path}: {reason}", reason) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{path} is a folder, not a page", "a folder, not a page")
        if not stat.S_ISREG(mode):
            raise InputError(
                f"{path} is not a regular file (a device, pipe or socket)",
                "not a regular file (a device, pipe or socket)",
            )
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        reason = str(err.strerror or err)
        raise InputError(f"cannot read {path}: {reason}", reason) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise InputError(
            f"{path} is larger than {limit:,} bytes; not a page to read",
            f"larger than {limit:,} bytes",
        )
    return data
