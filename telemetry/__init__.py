"""Logs and metrics plumbing every layer uses: the log format and filters, the request/job context, redaction and the
process-wide counters. It imports no other package of the project."""
