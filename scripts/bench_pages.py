"""Median and p95 time-to-full-response of forum pages over keep-alive HTTP (stdlib only).

bench_pages.py BASE DB                    the standard pages (home, filters, overdue, deep page, a thread)
bench_pages.py BASE DB "name=/path" ...   only the pages given
"""
import http.client
import sqlite3
import statistics
import sys
import time
from urllib.parse import urlparse

base, db, only = sys.argv[1], sys.argv[2], sys.argv[3:]
url = urlparse(base)

with sqlite3.connect(db) as connection:
    (total,) = connection.execute("SELECT COUNT(*) FROM Threads").fetchone()
    if only:
        pages = {name: "/" + path for name, path in (page.split("=/", 1) for page in only)}
    else:
        # The cursor of a page 500 deep is the id of the 10,000th newest visible thread.
        (deep,) = connection.execute(
            "SELECT Id FROM Threads WHERE IsHidden = 0 ORDER BY Id DESC LIMIT 1 OFFSET 9999").fetchone()
        pages = {
            "home": "/",
            "filtered (company+category+status)": "/?company=shanghai&category=engineering&status=closed",
            "overdue (/?status=overdue)": "/?status=overdue",
            "page 500 deep": f"/?before={deep}",
            "thread": f"/threads/{deep}",
        }

print(f"{total:,} threads in {db}")
connection = http.client.HTTPConnection(url.hostname, url.port)
for name, path in pages.items():
    samples = []
    for i in range(210):
        start = time.perf_counter()
        connection.request("GET", path, headers={"Accept-Language": "zh-CN"})
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            sys.exit(f"{path}: HTTP {response.status}")
        if i >= 10:  # the first ten warm up the JIT and caches
            samples.append(elapsed)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{name:38} median {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms   ({len(body):,} bytes)")
