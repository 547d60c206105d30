"""Which project modules one streamed chat+lipsync turn passes: `python -m tools.turn_modules [CHECKOUT]`.

Method: build the app (embedded engines, a temporary media and data folder), then record every Python function
called — in every thread — from the moment `POST /api/v2/chat_and_lipsync/stream` is sent until its SSE stream
ends; a module counts when one of its functions ran. Project modules only (the checkout's packages and app.py;
tests, bench and tools excluded). Building the app is not counted: only the turn's own path.
"""
from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

TURN = {"message": "안녕하세요, 지원 동기를 말씀드리겠습니다.", "resolution": "360p"}
NOT_COUNTED = ("tests", "bench", "tools", ".venv")


def main(argv: list[str]) -> int:
    """Print the count and the modules by package."""
    root = Path(argv[0] if argv else Path(__file__).resolve().parent.parent).resolve()
    sys.path.insert(0, str(root))
    try:
        from runtime.config import Config  # the house layout
    except ImportError:
        from server.config import Config  # the layout before it
    from server import create_app

    passed: set[str] = set()

    def record(frame, event, _arg):  # noqa: ANN001 - sys.setprofile's signature
        if event == "call":
            name = frame.f_code.co_filename
            if name.startswith(str(root)) and not any(f"/{part}/" in name for part in NOT_COUNTED):
                passed.add(str(Path(name).relative_to(root)))

    with tempfile.TemporaryDirectory() as tmp:
        config = Config.load({"MEDIA_DIR": Path(tmp) / "media", "DATA_DIR": Path(tmp) / "data", "WARM_UP": False,
                              "RATE_LIMIT": "", "RATE_LIMIT_GENERATE": ""}, env_file=Path("/nonexistent/.env"))
        app = create_app(config)
        client = app.test_client()
        threading.setprofile(record)
        sys.setprofile(record)
        body = client.post("/api/v2/chat_and_lipsync/stream", json=TURN).get_data(as_text=True)
        sys.setprofile(None)
        threading.setprofile(None)
    assert "event: done" in body or '"type": "done"' in body or "done" in body, body[-500:]
    packages = sorted({m.split("/")[0] if "/" in m else m for m in passed})
    print(f"{len(passed)} project modules in {len(packages)} packages passed by one streamed chat+lipsync turn")
    for package in packages:
        members = sorted(m for m in passed if m == package or m.startswith(package + "/"))
        print(f"  {package} ({len(members)}): {', '.join(Path(m).stem for m in members)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
