import socket
import threading
import time

import pytest

from kbs.measure.client import Practitioner, TurnError
from kbs.ops.ports import free_port


def test_only_loopback_addresses_are_allowed():
    with pytest.raises(ValueError, match="loopback"):
        Practitioner("http://example.org:5000", "bench-001", "pw", 1)


def test_a_server_that_is_not_there_is_a_connection_error():
    practitioner = Practitioner(f"http://127.0.0.1:{free_port()}", "bench-001", "pw", 2)
    with pytest.raises(TurnError) as error:
        practitioner.say("hello")
    assert error.value.kind == "connection"


def test_a_server_that_never_answers_is_a_timeout_within_the_timeout():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()
    practitioner = Practitioner(f"http://127.0.0.1:{listener.getsockname()[1]}", "bench-001",
                                "pw", 0.5)
    started = time.monotonic()
    try:
        with pytest.raises(TurnError) as error:
            practitioner.say("hello")
    finally:
        listener.close()
    assert error.value.kind == "timeout"
    assert time.monotonic() - started < 3
