"""Unit tests for the language helpers in conf/socksite/languages.py."""

from __future__ import annotations

import json
import re

import pytest

from socksite.languages import Language, languages_from, page_url, released, root_index_html

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


def test_languages_held_back_and_aliases() -> None:
    declared = {"en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文"}
    languages = languages_from(declared, ["zh_TW"], {"zh_TW": ["zh-HK"]})
    assert [lang.released for lang in languages] == [True, True, False]
    assert languages[2].aliases == ("zh-HK",)
    assert released(languages) == languages[:2]
    with pytest.raises(ValueError, match="does not declare"):
        languages_from(declared, ["fr"])
    with pytest.raises(ValueError, match="source language"):
        languages_from(declared, ["en"])


def test_root_page_sends_aliases_and_their_regions_to_their_language() -> None:
    languages = languages_from({"en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文"}, [], {"zh_TW": ["zh-Hant"]})
    page = root_index_html(languages, title="Socket")
    table = json.loads("{" + re.search(r"var folders = \{(.*?)\};", page).group(1) + "}")
    assert table == {"en": "en", "zh": "zh-cn", "zh-cn": "zh-cn", "zh-tw": "zh-tw", "zh-hant": "zh-tw"}
    # Subtags are dropped from the end until one is known: zh-Hant-HK is read as zh-hant.
    assert 'tag.replace(/-?[^-]*$/, "")' in page


def test_a_language_held_back_is_built_apart_from_the_published_site() -> None:
    from socksite.build import PREVIEW, SITE, output_folder, sphinx_command

    held_back = Language("zh_TW", "繁體中文", released=False)
    assert output_folder(held_back) == PREVIEW / "zh-tw"
    assert output_folder(EN) == SITE / "en"
    assert sphinx_command(held_back)[-1] == str(PREVIEW / "zh-tw")
