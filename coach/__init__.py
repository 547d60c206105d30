"""The interview coach: answer metrics and the feedback report (embedded rules, or a remote LLM's structured output)."""
