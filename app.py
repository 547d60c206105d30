"""Entry point: `python app.py` serves; `app` is importable for `gunicorn -w 1 --threads 100 app:app`."""
from server import create_app

if __name__ != "__mp_main__":  # a spawned worker process (MuseTalk) re-imports this file under that name
    app = create_app()

if __name__ == "__main__":
    config = app.extensions["interview_avatar"].config
    app.extensions["socketio"].run(app, host=config.HOST, port=config.PORT, allow_unsafe_werkzeug=True)
