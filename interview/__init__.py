"""The interview: reading answers, the dialogue policy, personas and progress."""
