"""Audio data types shared by speech synthesis, lip sync and the media pipeline (no dependencies of their own)."""
