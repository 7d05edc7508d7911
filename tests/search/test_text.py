"""Tokenising and query parsing: the same normalisation on both sides."""

from newsroom.search.text import index_tokens, normalise, parse


def test_traditional_and_full_width_text_is_normalised():
    assert normalise("社區機工ＡＢＣ１２") == "社区机工abc12"


def test_han_runs_become_bigrams_ending_with_a_unigram():
    assert index_tokens("新时代文明") == ["新时", "时代", "代文", "文明", "明"]
    assert index_tokens("党建 2022年 WeChat") == ["党建", "建", "2022", "年", "wechat"]


def test_a_word_becomes_a_phrase_and_one_character_a_prefix():
    query = parse("飛行棋 区")
    assert [(p.tokens, p.prefix) for p in query.parts] == [(("飞行", "行棋"), False), (("区",), True)]


def test_quoted_latin_words_stay_together_as_one_phrase():
    assert [p.tokens for p in parse('"hello world" 社区').parts] == [("hello", "world"), ("社区",)]


def test_operators_and_punctuation_are_just_ignored_text():
    query = parse('" * ( ) NEAR AND -- ; DROP TABLE')
    assert all(token.isalnum() for part in query.parts for token in part.tokens)
    assert not parse('" * ( ) ; --')
    assert not parse("\x00\x01\x1f")
    assert not parse("")


def test_long_queries_are_cut():
    assert len(parse("社" * 10000).parts) == 1
    assert len(parse(" ".join(f"词{i}" for i in range(100))).parts) <= 8


def test_highlights_fall_on_the_original_characters_whatever_their_form():
    """Matches are found on the folded text (Simplified, NFKC, lower case) and marked on the
    original, character for character: full-width letters, Traditional script, a character that
    NFKC would expand (㈠ → (一)) before the match."""
    from newsroom.search.highlight import highlight, snippet
    from newsroom.search.text import parse

    assert highlight("㈠ＬＩＮＬＩ邻里社區服務", parse("linli 社区服务").terms) == (
        "㈠<mark>ＬＩＮＬＩ</mark>邻里<mark>社區服務</mark>"
    )
    body = "前言。" * 60 + "居民在“家門口”享受垃圾分類服務。" + "后记。" * 60
    text = snippet(body, parse("垃圾分类").terms)
    assert "<mark>垃圾分類</mark>" in text
    assert text.startswith("…") and text.endswith("…")
    assert highlight("<b>社区</b>", parse("社区").terms) == "&lt;b&gt;<mark>社区</mark>&lt;/b&gt;"
