"""What conversation handling adds to an answer's latency (issue bar: ≤ 2 ms at p50).

Measures, on the real engine and index:
- the conversation layer alone: small-talk check, greeting split, follow-up resolution and
  the context update, for complete questions and follow-ups (p50, p95);
- end to end: Engine.answer(resolved question) against Engine.converse(message, context).

    .venv/bin/python scripts/bench_dialogue.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import smalltalk  # noqa: E402
from bot.dialogue import context_after, resolve  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.query import parse_question  # noqa: E402
from bot.settings import load_settings  # noqa: E402

CONVERSATIONS = [
    ["Kon Tum đặt mục tiêu bao nhiêu lượt người được bồi dưỡng đến năm 2025?", "còn 2030?"],
    ["Bình Thuận đào tạo bao nhiêu người về đo lường đến 2030?", "Kon Tum thì sao?"],
    ["Ai chủ trì việc tuyên truyền, phổ biến về đo lường ở Kon Tum?", "thời gian thực hiện?"],
    ["Who leads the annual plan in Kon Tum?", "and in Binh Thuan?"],
    ["Sở Khoa học và Công nghệ tỉnh Kon Tum làm gì?", "còn Sở Tài chính?"],
    ["Kinh phí thực hiện kế hoạch Kon Tum lấy từ đâu?", "Mục tiêu đào tạo đến năm 2030?"],
]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    engine = Engine.load(load_settings())
    plans = {p.id: p.province for p in engine.plans()}

    # The previous turn's context, as the engine leaves it.
    turns = []
    for first, follow in CONVERSATIONS:
        answer, context = engine.converse(first, None)
        turns.append((first, None, answer))
        turns.append((follow, context, answer))

    layer: list[float] = []
    now = time.time()
    for _ in range(args.rounds):
        for message, context, answer in turns:
            t0 = time.perf_counter()
            if smalltalk.detect(message) is None:
                asked = smalltalk.split_greeting(message)
                res = resolve(asked, context, now, plans)
                context_after(res.context, answer).to_dict()
            layer.append((time.perf_counter() - t0) * 1000)

    # Engine.answer parses the question too; converse reuses the resolution's parse.
    parse: list[float] = []
    for _ in range(args.rounds):
        for message, _context, _answer in turns:
            t0 = time.perf_counter()
            parse_question(message, plans)
            parse.append((time.perf_counter() - t0) * 1000)

    plain: list[float] = []
    conversing: list[float] = []
    for r in range(max(4, args.rounds // 5)):
        for message, context, _answer in turns:
            resolved = resolve(message, context, now, plans).question
            for first in (True, False) if r % 2 else (False, True):  # alternate the order
                t0 = time.perf_counter()
                if first:
                    engine.answer(resolved)
                else:
                    engine.converse(message, context, now=now)
                (plain if first else conversing).append((time.perf_counter() - t0) * 1000)

    print(
        f"conversation layer alone: p50 {statistics.median(layer):.3f} ms, "
        f"p95 {pct(layer, 0.95):.3f} ms over {len(layer)} turns"
    )
    print(f"question parsing (done by Engine.answer anyway): p50 {statistics.median(parse):.3f} ms")
    print(
        f"added by conversation handling at p50: "
        f"{statistics.median(layer) - statistics.median(parse):.3f} ms"
    )
    print(f"Engine.answer(resolved question): p50 {statistics.median(plain):.1f} ms")
    print(f"Engine.converse(message, context): p50 {statistics.median(conversing):.1f} ms")
    print(
        f"end-to-end difference at p50: "
        f"{statistics.median(conversing) - statistics.median(plain):+.1f} ms (noisy: shared CPU)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
