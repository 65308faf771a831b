"""Running jobs at the same moment, for the PostgreSQL concurrency tests."""

import threading

from django.db import connection


def run_together(*jobs):
    """Run each job in its own thread (its own database connection), released together by
    a barrier; return what each returned or raised, in order."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = job()
        except Exception as error:  # noqa: BLE001 - the outcome is what tests assert on
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a job hung"
    return outcomes
