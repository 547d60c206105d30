"""The avatar catalogue: names -> ids -> loaded avatars, confined to one folder.

A client never names a file: `avatar` + `resolution` or an `avatar_path` string is reduced to an id
matching AVATAR_ID_PATTERN, and only `root/<id>/` is ever opened.
"""
from __future__ import annotations

import logging
import os
import shutil
import threading
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from avatars import generate
from avatars.format import AVATAR_ID_PATTERN, MANIFEST, RESOLUTIONS, Avatar, AvatarFormatError, load_avatar, read_manifest

log = logging.getLogger(__name__)

MAX_PATH_LENGTH = 256  # characters accepted in a client's avatar_path
LEGACY_SUFFIXES = ("_precomputed.pkl", ".pkl")  # the seed's file names map onto ids
ROOT_DIR_NAME = "precomputed"  # the seed's paths start with this folder name
DEFAULT_CACHE = 6  # loaded avatars kept (720p ~ 50 MB each)


class AvatarNotFound(LookupError):
    """No avatar with that id exists in the store."""


class InvalidAvatarName(ValueError):
    """The name, resolution or path a client gave cannot name an avatar."""


@dataclass(frozen=True)
class AvatarInfo:
    """One catalogue entry."""

    id: str
    name: str  # base name, e.g. "talk_long"
    resolution: str  # "720p"
    display_name: str
    path: str  # relative, e.g. "precomputed/talk_long_720p"
    frame_count: int = 0  # frames in the idle loop
    fps: int = 0
    owner: str | None = None  # who uploaded it; None = made by the operator (generated or precomputed)
    shared: bool = False  # an upload its owner shared with everyone

    @property
    def public(self) -> bool:
        """Whether everyone may list, preview and use it: the operator's avatars and shared uploads."""
        return self.owner is None or self.shared

    def visible_to(self, owners: Collection[str]) -> bool:
        """Whether one of `owners` may list, preview and use it: a public one, or their own."""
        return self.public or self.owner in owners


def _access(meta: dict[str, object]) -> tuple[str | None, bool]:
    """The manifest's uploader (its `source.owner`) and whether the upload is shared."""
    source = meta.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("owner"), str):
        return None, False
    return str(source["owner"]), source.get("shared") is True


def _info(folder: Path, meta: dict[str, object]) -> AvatarInfo:
    owner, shared = _access(meta)
    return AvatarInfo(id=folder.name, name=str(meta.get("name", folder.name)), resolution=str(meta["resolution"]),
                      display_name=str(meta.get("display_name", folder.name)), path=f"{ROOT_DIR_NAME}/{folder.name}",
                      frame_count=int(meta["frame_count"]), fps=int(meta["fps"]),  # type: ignore[call-overload]
                      owner=owner, shared=shared)


def _check_id(avatar_id: str) -> str:
    if not isinstance(avatar_id, str) or not AVATAR_ID_PATTERN.fullmatch(avatar_id):
        raise InvalidAvatarName(f"invalid avatar id {avatar_id!r}: use 1-64 of a-z 0-9 _ -")
    return avatar_id


def _resolution_suffix(name: str) -> str | None:
    """The resolution a name already ends with ("talk_long_720p" -> "720p"), if any."""
    for res in RESOLUTIONS:
        if name.endswith("_" + res):
            return res
    return None


class AvatarStore:
    """Lists, resolves and loads avatars under `root`; loads are cached and thread-safe."""

    def __init__(self, root: Path, cache_size: int = DEFAULT_CACHE) -> None:
        self.root = Path(root)
        self._cache_size = cache_size
        self._cache: OrderedDict[str, Avatar] = OrderedDict()
        self._lock = threading.Lock()
        self._draw_lock = threading.Lock()

    def list(self) -> list[AvatarInfo]:
        """Every valid avatar, sorted by id; broken folders are logged and skipped."""
        out = []
        if not self.root.is_dir():
            return out
        for folder in sorted(self.root.iterdir()):
            if not AVATAR_ID_PATTERN.fullmatch(folder.name) or not (folder / MANIFEST).is_file():
                continue
            try:
                meta = read_manifest(folder)
            except AvatarFormatError as e:
                log.warning("skipping avatar folder %s: %s", folder.name, e)
                continue
            out.append(_info(folder, meta))
        return out

    def info(self, avatar_id: str) -> AvatarInfo:
        """The catalogue entry of one avatar; AvatarNotFound when there is none."""
        folder = self.root / _check_id(avatar_id)
        try:
            return _info(folder, read_manifest(folder))
        except AvatarFormatError as e:
            raise AvatarNotFound(f"avatar {avatar_id!r} not found") from e

    def exists(self, avatar_id: str) -> bool:
        """True when a folder with a manifest exists for this (valid) id."""
        return (self.root / _check_id(avatar_id) / MANIFEST).is_file()

    def get(self, avatar_id: str) -> Avatar:
        """The loaded avatar (loaded once, then cached)."""
        _check_id(avatar_id)
        with self._lock:
            if avatar_id in self._cache:
                self._cache.move_to_end(avatar_id)
                return self._cache[avatar_id]
            if not self.exists(avatar_id):
                raise AvatarNotFound(f"avatar {avatar_id!r} not found")
            avatar = load_avatar(self.root / avatar_id)
            self._cache[avatar_id] = avatar
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            return avatar

    def resolve(self, name: str, resolution: str) -> str:
        """The seed's `avatar` + `resolution` -> id "NAME_RESOLUTION" (a name already ending in one is kept)."""
        if resolution not in RESOLUTIONS:
            raise InvalidAvatarName(f"invalid resolution {resolution!r}; allowed: {', '.join(RESOLUTIONS)}")
        _check_id(name)
        avatar_id = name if _resolution_suffix(name) else f"{name}_{resolution}"
        if not self.exists(_check_id(avatar_id)):
            raise AvatarNotFound(f"avatar {avatar_id!r} not found")
        return avatar_id

    def resolve_path(self, avatar_path: str) -> str:
        """A client's `avatar_path` -> id, by its text alone (the path itself is never opened).

        Accepted: "precomputed/720p/talk_long_720p_precomputed.pkl", "precomputed/talk_long_720p",
        "720p/talk_long.pkl", "talk_long_720p". Absolute paths, backslashes, "." or ".." parts,
        empty parts and anything but an id-like last part are refused.
        """
        if not isinstance(avatar_path, str) or not avatar_path or len(avatar_path) > MAX_PATH_LENGTH:
            raise InvalidAvatarName("avatar_path must be a non-empty string of at most 256 characters")
        if "\\" in avatar_path or "\x00" in avatar_path or avatar_path.startswith(("/", "~")) or ":" in avatar_path:
            raise InvalidAvatarName(f"avatar_path {avatar_path!r} must be a relative name inside {ROOT_DIR_NAME}/")
        parts = avatar_path.split("/")
        if any(p in ("", ".", "..") for p in parts) or len(parts) > 3:
            raise InvalidAvatarName(f"avatar_path {avatar_path!r} must be a relative name inside {ROOT_DIR_NAME}/")
        *folders, last = parts
        if folders and folders[0] == ROOT_DIR_NAME:
            folders = folders[1:]
        folder_res = folders[0] if folders else None
        if len(folders) > 1 or (folder_res is not None and folder_res not in RESOLUTIONS):
            raise InvalidAvatarName(f"avatar_path {avatar_path!r}: expected {ROOT_DIR_NAME}/[RESOLUTION/]NAME")
        for suffix in LEGACY_SUFFIXES:
            if last.endswith(suffix):
                last = last[: -len(suffix)]
                break
        _check_id(last)
        if _resolution_suffix(last) is None and folder_res is not None:
            last = f"{last}_{folder_res}"
        if not self.exists(_check_id(last)):
            raise AvatarNotFound(f"avatar {last!r} not found")
        return last

    def source_of(self, name: str) -> dict[str, object] | None:
        """The manifest `source` of avatar base `name` (its first resolution found), or None when there is none."""
        for res in RESOLUTIONS:
            avatar_id = f"{_check_id(name)}_{res}"
            if self.exists(avatar_id):
                source = read_manifest(self.root / avatar_id).get("source")
                return source if isinstance(source, dict) else {}
        return None

    def remove(self, name: str) -> list[str]:
        """Delete every resolution of avatar base `name` (each folder renamed away first, so no half avatar is
        ever listed); returns the ids removed."""
        removed = []
        for res in RESOLUTIONS:
            avatar_id = _check_id(f"{name}_{res}")
            folder = self.root / avatar_id
            if not folder.is_dir():
                continue
            doomed = self.root / f".{avatar_id}.removed-{os.getpid()}-{threading.get_ident()}"
            folder.rename(doomed)
            shutil.rmtree(doomed, ignore_errors=True)
            removed.append(avatar_id)
        with self._lock:
            for avatar_id in removed:
                self._cache.pop(avatar_id, None)
        return removed

    def ensure_defaults(self) -> list[str]:
        """Draw the default avatars (every resolution) unless present and current; returns the ids written."""
        written: list[str] = []
        with self._draw_lock:
            for character in generate.CAST:
                if not generate.is_current(self.root, character):
                    log.info("drawing default avatar %s", character.name)
                    written += generate.write(self.root, character)
        if written:
            with self._lock:
                for avatar_id in written:
                    self._cache.pop(avatar_id, None)
        return written
