"""procrastinate doing calimport's benchmark work: JOBS no-op jobs deferred, then one worker
with CONCURRENCY sub-workers runs until the queue is empty. Prints jobs/s (worker time only).
Usage: procrastinate_noop.py DATABASE_URL CONCURRENCY JOBS"""
import asyncio
import logging
import sys
import time

import procrastinate

logging.basicConfig(level=logging.ERROR)
url, concurrency, jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=url))


@app.task(name="noop")
async def noop(i):
    return None


async def main():
    async with app.open_async():
        await app.schema_manager.apply_schema_async()
        await noop.batch_defer_async(*({"i": i} for i in range(jobs)))
        start = time.monotonic()
        await app.run_worker_async(concurrency=concurrency, wait=False, install_signal_handlers=False)
        elapsed = time.monotonic() - start
    print(round(jobs / elapsed))


asyncio.run(main())
