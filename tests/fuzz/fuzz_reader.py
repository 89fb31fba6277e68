"""atheris (libFuzzer for Python) on the reader and checker: coverage-guided bytes.

    .venv/bin/python tests/fuzz/fuzz_reader.py -max_total_time=180 [corpus folder]

Without a corpus folder, one is made in a temp folder from the hostile corpus
(tests/hostile/corpus.py) and the example handbook's pages, so the fuzzer
starts from real front matter. libFuzzer prints its progress; a crash stops the
run and writes the input as ``crash-<sha1>`` in the working folder.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

with atheris.instrument_imports(include=["cjm_site"]):
    from tests.fuzz.target import one_input


HOSTILE_JOURNEY = (
    "---\ntype: journey\ntitle: T\u2028x\nstages:\n  - name: A\n    phase: awareness\n"
    "    touchpoints: [{name: t, channel: web}]\n---\n"
).encode()


def seed(folder: Path) -> None:
    from tests.hostile.corpus import CASES

    count = 0
    for case in CASES:
        for content in case.files.values():
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            if len(data) <= 4096:  # libFuzzer's default -max_len
                (folder / f"hostile-{count}").write_bytes(data)
                count += 1
    # Named and configured inputs (see target.py): odd file names and settings.
    for name, choice in ((b"a b\n..", b"awareness,web"), (b"x\xe2\x80\xae\xff", b""), (b"", b",")):
        (folder / f"named-{count}").write_bytes(name + b"\0" + choice + b"\0" + HOSTILE_JOURNEY)
        count += 1
    for page in sorted((REPO / "content").rglob("*.md")):
        (folder / f"content-{count}").write_bytes(page.read_bytes()[:4096])
        count += 1


def main() -> None:
    args = sys.argv[1:]
    if not any(not a.startswith("-") for a in args):
        folder = Path(tempfile.mkdtemp(prefix="cjm-fuzz-"))
        seed(folder)
        args.append(str(folder))
    atheris.Setup([sys.argv[0], *args], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
