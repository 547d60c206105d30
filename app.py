"""Entry point: `python app.py` serves through gunicorn (server/serve.py); `app` is importable for `gunicorn app:app`."""
from server import create_app

if __name__ == "__main__":
    from server.serve import main

    main()
elif __name__ != "__mp_main__":  # a spawned worker process (MuseTalk) re-imports this file under that name
    app = create_app()
