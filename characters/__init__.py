"""Interviewer characters: presets shipped as data files, custom ones in a repository, the persona each gives."""
