"""Unit tests for the language helpers in conf/socksite/languages.py."""

from __future__ import annotations

import pytest

from socksite.languages import Language, languages_from, page_url, root_index_html

EN = Language("en", "English")
ZH = Language("zh_CN", "简体中文")


@pytest.mark.parametrize(
    ("language", "tag", "folder"),
    [(EN, "en", "en"), (ZH, "zh-CN", "zh-cn"), (Language("pt_BR", "Português"), "pt-BR", "pt-br")],
)
def test_tag_and_folder(language: Language, tag: str, folder: str) -> None:
    assert (language.tag, language.folder) == (tag, folder)


@pytest.mark.parametrize(
    ("page", "language", "url"),
    [
        ("index", ZH, "../zh-cn/index.html"),
        ("bind", EN, "../en/bind.html"),
        ("guide/translate", ZH, "../../zh-cn/guide/translate.html"),
    ],
)
def test_page_url_climbs_out_of_the_language_folder(page: str, language: Language, url: str) -> None:
    assert page_url(page, from_page=page, language=language) == url


def test_languages_keep_their_declared_order() -> None:
    assert languages_from({"en": "English", "zh_CN": "简体中文"}) == (EN, ZH)


def test_root_page_offers_every_language_without_javascript() -> None:
    page = root_index_html((EN, ZH), title="T")
    assert '<a href="en/index.html" hreflang="en" lang="en">English</a>' in page
    assert '<a href="zh-cn/index.html" hreflang="zh-CN" lang="zh-CN">简体中文</a>' in page
    # Any Chinese variant goes to the Chinese site; the source language is the fallback.
    assert '"zh": "zh-cn"' in page and 'var folder = "en"' in page
