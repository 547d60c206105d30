"""The one console command, `interview-avatar` (click): serve, worker, cluster, keys, avatar, db, config."""
