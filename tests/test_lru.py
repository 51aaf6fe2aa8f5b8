"""The small LRU cache behind query vectors and answers."""

from __future__ import annotations

import threading

from bot.lru import LRU


def test_least_recently_used_goes_first() -> None:
    cache: LRU[str, int] = LRU(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.keys() == ["a", "c"] and "b" not in cache and cache.get("b") is None
    cache.put("a", 10)  # replacing refreshes too
    cache.put("d", 4)
    assert cache.keys() == ["a", "d"] and cache.get("a") == 10 and len(cache) == 2


def test_threads_share_it_safely() -> None:
    cache: LRU[int, int] = LRU(50)

    def work(offset: int) -> None:
        for i in range(2000):
            cache.put((offset + i) % 200, i)
            cache.get(i % 200)

    threads = [threading.Thread(target=work, args=(k * 7,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) == 50 and len(set(cache.keys())) == 50
