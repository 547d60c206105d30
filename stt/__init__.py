"""Speech to text: engine protocol, registry, audio decoding, the packaged Whisper model, streaming sessions."""
