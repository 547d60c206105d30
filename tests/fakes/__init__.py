"""Local HTTP servers that speak real engine wire protocols (context managers), and engine stand-ins."""
from tests.fakes.base import FakeHTTPServer, RecordedRequest, refused_url
from tests.fakes.chat import DEFAULT_REPLY, Mode
from tests.fakes.engines import StubEngine
from tests.fakes.ollama_server import FakeOllamaServer
from tests.fakes.openai_server import FakeOpenAIServer, Style

__all__ = [
    "DEFAULT_REPLY",
    "FakeHTTPServer",
    "FakeOllamaServer",
    "FakeOpenAIServer",
    "Mode",
    "RecordedRequest",
    "StubEngine",
    "Style",
    "refused_url",
]
