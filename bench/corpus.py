"""A small built-in corpus of official-post sentences for the speed benchmark (no external data).

The sentences are written for this benchmark in the style of municipal posts; a few contain
things the engine reports (a phone number, a URL, a date with a weekday) so the detectors do
real work rather than returning early.
"""

from __future__ import annotations

import random

SENTENCES = [
    "【お知らせ】市民体育館は、設備点検のため3月2日（月）から6日（金）まで休館します。",
    "ご不便をおかけしますが、ご理解とご協力をお願いします。",
    "令和8年度の市民講座の受講生を募集しています。申し込みは市役所生涯学習課まで。",
    "お問い合わせは、子育て支援課（電話 0123-45-6789）までお願いします。",
    "詳しくは市のホームページ https://www.city.example.lg.jp/kosodate/ をご覧ください。",
    "台風の接近に伴い、本日18時に市内6か所の避難所を開設しました。",
    "早めの避難を心がけ、夜間や暴風の中での移動は避けてください。",
    "秋の七草のひとつ、クズの花が川の土手で咲いています。",
    "駅前広場は路上喫煙禁止区域です。ご協力をお願いします。",
    "燃やすごみは、収集日の朝8時30分までに決められた場所に出してください。",
    "市長が市内の小学校を訪れ、児童と給食を共にしました。",
    "特殊詐欺の被害が相次いでいます。不審な電話はすぐに警察へ相談してください。",
    "図書館では、夏休みの自由研究に役立つ本の特集コーナーを設けています。",
    "健康診断の結果は、個別に郵送でお知らせします。",
    "期日前投票は、市役所1階の特設会場でもできます。",
    "マイナンバーカードの申請サポートを、各地区の公民館で行います。",
    "道路工事のため、市道中央線は午前9時から午後5時まで通行止めになります。",
    "今年も花火大会を開催します。会場周辺は大変混雑しますので、公共交通機関をご利用ください。",
    "🌸桜の見頃を迎えました。公園の駐車場には限りがあります。",
    "ボランティア説明会の参加申し込みは、下記フォームからお願いします。",
    "新しいごみ分別アプリの配信を始めました。ぜひダウンロードしてください。",
    "高齢者の見守り活動にご協力いただいている皆さまに、感謝状を贈呈しました。",
    "#市の魅力発信 #観光 #グルメ",
    "市内在住の外国人の皆さんを対象に、やさしい日本語の防災講座を開きました。",
    "ワクチン接種の予約受付は、2026年1月13日（火）午前9時から開始します。",
]


def posts(n: int, length: int = 140, seed: int = 7) -> list[str]:
    """n posts of exactly ``length`` characters, each a random sequence of sentences."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts: list[str] = []
        while sum(map(len, parts)) < length:
            parts.append(rng.choice(SENTENCES))
        out.append("".join(parts)[:length])
    return out
