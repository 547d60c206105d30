"""`interview-avatar avatar make | musetalk-prep`: precompute an avatar from a video or photo; add MuseTalk data."""
from __future__ import annotations

import time
from pathlib import Path

import click

from cli.context import log_to_stderr, settings_of

FACE_BOX_PARTS = 4  # X1,Y1,X2,Y2


@click.group()
def avatar() -> None:
    """Avatars in PRECOMPUTED_DIR."""


@avatar.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="base name; the avatars are NAME_720p, NAME_480p, NAME_360p")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), help="avatar folder (default: PRECOMPUTED_DIR)")
@click.option("--display-name", help="name shown in /api/avatars (default: NAME)")
@click.option("--idle-seconds", type=float, help="video used for the idle loop")
@click.option("--max-seconds", type=float, help="refuse longer videos")
@click.option("--force", is_flag=True, help="replace an existing avatar of that name")
@click.pass_context
def make(ctx: click.Context, source: Path, name: str, root: Path | None, display_name: str | None,
         idle_seconds: float | None, max_seconds: float | None, force: bool) -> None:
    """Precompute avatar NAME from SOURCE (a short video or a photo), with a progress bar."""
    from avatars.precompute import IDLE_SECONDS, precompute  # noqa: PLC0415 - OpenCV loads only when it runs
    from avatars.source_media import DEFAULT_LIMITS, Limits  # noqa: PLC0415
    from avatars.precompute_errors import PrecomputeError  # noqa: PLC0415

    folder = root or settings_of(ctx).PRECOMPUTED_DIR
    limits = Limits(max_seconds=min(max_seconds or DEFAULT_LIMITS.max_seconds, DEFAULT_LIMITS.max_seconds))
    t0 = time.perf_counter()
    with click.progressbar(length=100, label=name, show_percent=True) as bar:
        def progress(percent: int, step: str) -> None:
            bar.label = f"{name}: {step}"
            bar.update(percent - bar.pos)

        try:
            result = precompute(source, name, folder, display_name=display_name, limits=limits,
                                idle_seconds=idle_seconds or IDLE_SECONDS, force=force, progress=progress)
        except PrecomputeError as e:
            raise click.ClickException(str(e)) from None
        bar.update(100 - bar.pos)
    click.echo(f"{name}: wrote {', '.join(result.ids)} in {time.perf_counter() - t0:.1f} s ({result.kind}, "
               f"{result.frames} samples, {result.idle_frames} idle frames, {result.open_levels} {result.mouth_shapes} "
               "mouth shapes)")


@avatar.command(name="musetalk-prep")
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--musetalk-path", help="MuseTalk root with models/ (default: MUSETALK_PATH)")
@click.option("--device", help="auto, cuda, cuda:N or cpu (default: MUSETALK_DEVICE)")
@click.option("--extra-margin", type=int, help="px added below the chin")
@click.option("--face-box", help="X1,Y1,X2,Y2 on loop frame 0 instead of detecting the face")
@click.pass_context
def musetalk_prep(ctx: click.Context, folders: tuple[Path, ...], musetalk_path: str | None, device: str | None,
                  extra_margin: int | None, face_box: str | None) -> None:
    """Add MuseTalk's latents and masks to avatar FOLDERS (e.g. precomputed/talk_long_720p)."""
    box = tuple(int(v) for v in face_box.split(",")) if face_box else None
    if box is not None and len(box) != FACE_BOX_PARTS:
        raise click.BadParameter("needs four integers X1,Y1,X2,Y2", param_hint="--face-box")
    config = settings_of(ctx)
    log_to_stderr()
    from lipsync.base import LipsyncError  # noqa: PLC0415 - torch and the models load only when it runs
    from lipsync.musetalk.prep import DEFAULT_EXTRA_MARGIN, prepare_avatar  # noqa: PLC0415

    for folder in folders:
        try:
            data = prepare_avatar(folder, musetalk_path or config.MUSETALK_PATH, device or config.MUSETALK_DEVICE,
                                  DEFAULT_EXTRA_MARGIN if extra_margin is None else extra_margin, box)  # type: ignore[arg-type]
        except (LipsyncError, ValueError, OSError) as e:  # AvatarFormatError and MuseTalkDataError are ValueErrors
            raise click.ClickException(f"{folder}: {e}") from None
        click.echo(f"{folder}: {len(data.face_boxes)} frames prepared for musetalk, face box {data.face_boxes[0].tolist()}")
