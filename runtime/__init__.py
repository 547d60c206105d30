"""Builds services from the settings, below the web edge: the avatar-job service, the coach service, what a
session's media are."""
