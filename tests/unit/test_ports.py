"""`kbs run`'s port check: a listening socket makes it refuse, TIME-WAIT does not (issue 21)."""

import socket
import time

from kbs.ops.ports import free_port, port_is_free


def test_a_port_someone_listens_on_is_not_free():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        assert not port_is_free(listener.getsockname()[1])


def test_connections_of_a_stopped_server_in_time_wait_do_not_hold_the_port():
    port = free_port()
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        client = socket.create_connection(("127.0.0.1", port))
        served, _ = listener.accept()
        served.close()  # the server closes first, as a stopped server does: TIME-WAIT
        client.recv(1)
        client.close()
    assert _time_wait_holds(port), "the test needs a connection in TIME-WAIT on the port"
    assert port_is_free(port)


def _time_wait_holds(port: int, seconds: float = 2) -> bool:
    """Whether a plain bind (without SO_REUSEADDR, as the old check did) is refused."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as plain:
            try:
                plain.bind(("127.0.0.1", port))
            except OSError:
                return True
        time.sleep(0.05)
    return False
