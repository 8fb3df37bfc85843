"""A small SMTP sink for the benchmark: accepts everything, counts what it accepts.

aiosmtpd, the tests' real server, tops out near 450 messages/s on this
machine: its own Python per command is the bottleneck, not the sender. This
is the benchmark's stand-in for a newsroom's mail server (as Postfix's
`smtp-sink` is for Postfix's): plain asyncio, one process per core on one
port (SO_REUSEPORT), and like counting_smtp.py it writes one line per
message (time, recipient, Message-ID) before it answers 250.

    python -m masthead.newsletters.tests.sink_smtp PORT FILE [PROCESSES]
"""

import asyncio
import os
import re
import socket
import sys
import time

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Sink(asyncio.Protocol):
    def __init__(self, out):
        self.out, self.buffer, self.data, self.rcpts = out, b"", None, []

    def connection_made(self, transport):
        self.transport = transport
        transport.get_extra_info("socket").setsockopt(
            socket.IPPROTO_TCP, socket.TCP_NODELAY, 1
        )
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, chunk):
        # Replies to pipelined commands leave in one write, as Postfix does.
        self.replies = []
        self._handle(chunk)
        if self.replies:
            self.transport.write(b"".join(self.replies))

    def _handle(self, chunk):
        self.buffer += chunk
        while True:
            if self.data is not None:
                end = self.buffer.find(b"\r\n.\r\n")
                if end < 0:
                    return
                self._accept(self.buffer[:end])
                self.buffer = self.buffer[end + 5 :]
                continue
            end = self.buffer.find(b"\r\n")
            if end < 0:
                return
            line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
            self._command(line)

    def _command(self, line):
        verb = line[:4].upper()
        if verb == b"EHLO":
            self.replies.append(
                b"250-sink\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SIZE 33554432\r\n"
            )
        elif verb == b"RCPT":
            self.rcpts.append(line.split(b":", 1)[1].strip(b" <>").decode())
            self.replies.append(b"250 OK\r\n")
        elif verb == b"DATA":
            self.data = True
            self.replies.append(b"354 End data with <CR><LF>.<CR><LF>\r\n")
        elif verb == b"QUIT":
            self.transport.write(b"221 Bye\r\n")
            self.transport.close()
            return
        else:  # HELO, MAIL, RSET, NOOP
            if verb == b"RSET":
                self.rcpts = []
            self.replies.append(b"250 OK\r\n")

    def _accept(self, message):
        found = MESSAGE_ID.search(message.split(b"\r\n\r\n", 1)[0])
        message_id = found.group(1).decode() if found else "-"
        now = time.time()
        self.out.write("".join(f"{now:.6f}\t{r}\t{message_id}\n" for r in self.rcpts))
        self.out.flush()
        self.rcpts, self.data = [], None
        self.replies.append(b"250 OK queued\r\n")


def serve(port, path):
    out = open(path, "a", encoding="utf-8")  # noqa: SIM115  (lives as long as the process)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listener.bind(("127.0.0.1", port))
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(
        loop.create_server(lambda: Sink(out), sock=listener)
    )
    loop.run_until_complete(server.serve_forever())


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    processes = int(sys.argv[3]) if len(sys.argv) > 3 else os.cpu_count() or 1
    for _ in range(processes - 1):
        if os.fork() == 0:
            break
    serve(port, path)


if __name__ == "__main__":
    main()
