"""One tokenizer per thread: concurrent screening gives exactly the sequential results."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from rules import Draft, Engine
from rules.text import tokenizer

TEXTS = [
    "個人番号512987304414の通知カードが置き忘れられていました。",
    "市民体育館は、設備点検のため3月2日（月）から6日（金）まで休館します。",
    "詳しくは https://bit.ly/abc をご覧ください。",
    "お問い合わせは子育て支援課（電話 0123-45-6789）まで。",
    "今日は良い天気ですね。公園の桜が見頃です。",
] * 40


def test_each_thread_has_its_own_tokenizer():
    seen: list[object] = []  # the tokenizers themselves: an id() could be reused after a thread ends
    lock = threading.Lock()

    def grab() -> None:
        t = tokenizer()
        assert tokenizer() is t  # stable within a thread
        with lock:
            seen.append(t)

    threads = [threading.Thread(target=grab) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(t) for t in seen}) == 4


def test_concurrent_screening_matches_sequential():
    engine = Engine()
    sequential = [engine.screen(Draft(text=t)) for t in TEXTS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        concurrent = list(pool.map(lambda t: engine.screen(Draft(text=t)), TEXTS))
    assert concurrent == sequential
