"""The turn: its spec, context, stages (speech, render), render cache, media and metrics; it never sees a queue,
a socket or a request."""
