"""A real SMTP server for the tests (aiosmtpd, from Debian's python3-aiosmtpd).

Every accepted message is written to OUT_DIR as one JSON file: envelope sender, envelope recipients and the raw
message. Recipients listed with --reject get "550 5.1.1"; those listed with --defer get "451 4.3.0". With --discard
(benchmarks only) it accepts every message and keeps nothing, so the forum's side of delivery is what gets measured
rather than this server writing files. Prints READY when it listens.
"""
import argparse
import asyncio
import itertools
import json
import os
import signal

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, out_dir, reject, defer, discard=False):
        self.out_dir = out_dir
        self.discard = discard
        self.reject = {a.lower() for a in reject}
        self.defer = {a.lower() for a in defer}
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return f"550 5.1.1 <{address}>: Recipient address rejected: mailbox unavailable"
        if address.lower() in self.defer:
            return "451 4.3.0 Temporary failure, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        if self.discard:
            return f"250 2.0.0 Ok: discarded as Q{n:06d}"
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.original_content.decode("utf-8", errors="replace"),
        }
        path = os.path.join(self.out_dir, f"{os.getpid()}-{n:06d}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(path + ".tmp", path)
        return f"250 2.0.0 Ok: queued as Q{n:06d}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--reject", action="append", default=[])
    parser.add_argument("--defer", action="append", default=[])
    parser.add_argument("--discard", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    controller = Controller(Handler(args.out, args.reject, args.defer, args.discard), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("READY", flush=True)
    stop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.call_soon_threadsafe(stop.stop))
    stop.run_forever()
    controller.stop()


if __name__ == "__main__":
    main()
