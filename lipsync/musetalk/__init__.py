"""MuseTalk v1.5 lipsync: a GPU worker process owns the models; the web process only plans, sends and pastes.

torch is imported only by `models`, `features`, `infer`, `face_parsing`, `worker` (inside the worker process)
and by the avatar tools (`prep`, `import_legacy`); `engine`, `client`, `plan`, `blend`, `scheduler`,
`protocol`, `layout` and `avatar_data` stay free of it, so the web process never loads torch. Random-weight
models for the benchmark and tests are written by tests/tools/musetalk_models.py.
"""
