"""Entry point: `python app.py` serves like `interview-avatar serve`; `app` is importable for `gunicorn app:app`."""
from server import create_app

if __name__ == "__main__":
    from cli.main import main

    main(["serve"])
elif __name__ != "__mp_main__":  # a spawned worker process (MuseTalk) re-imports this file under that name
    app = create_app()
