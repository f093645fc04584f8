"""Outputs and the one writer that puts them under output/.

A channel returns Outputs; it never touches the disk. The writer checks that no two
Outputs claim one path and that none escapes the output folder, then writes them in a
stable order, leaving a file alone when its bytes are already right.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .media import media_type_for


@dataclass(frozen=True)
class Output:
    """One file a channel makes: where it goes, its exact bytes, and its media type."""

    path: str
    body: bytes = field(repr=False)
    media_type: str = ""

    def __post_init__(self) -> None:
        pure = PurePosixPath(self.path)
        if (
            not self.path
            or pure.is_absolute()
            or "\\" in self.path
            or any(part in ("", ".", "..") for part in self.path.split("/"))
        ):
            raise ValueError(f"output path {self.path!r} must be relative, inside output/")
        if not isinstance(self.body, bytes):
            raise TypeError(f"output {self.path}: body must be bytes")
        if not self.media_type:
            object.__setattr__(self, "media_type", media_type_for(self.path))


def write_outputs(output_dir: str | Path, outputs: Iterable[Output]) -> list[str]:
    """Write every Output under `output_dir` as it comes (so a build never holds all of
    them at once); ValueError if two claim the same path. The paths whose bytes changed,
    sorted."""
    root = Path(output_dir)
    written = []
    seen: set[str] = set()
    for output in outputs:
        if output.path in seen:
            raise ValueError(f"two outputs claim {output.path}")
        seen.add(output.path)
        target = root / output.path
        if target.is_file() and target.read_bytes() == output.body:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.body)
        written.append(output.path)
    return sorted(written)


def json_output(path: str, data: object, media_type: str = "") -> Output:
    """An Output holding `data` as UTF-8 JSON, indented, keys in the order given."""
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Output(path, body.encode("utf-8"), media_type)
