"""Chinese full-text search that finds what readers type.

Sphinx's own Chinese search has three gaps, closed here in one subclass:

* the index: jieba's default dictionary cuts 套接字 into 套 + 接字, so the
  site's terms (``locale/terms.csv``) become jieba's user dictionary, through
  the ``dict`` entry of ``html_search_options``;
* the query: Sphinx splits queries on spaces only, so an unspaced query such
  as 套接字绑定 stays one word; :data:`SPLIT_QUERY_JS` cuts Chinese runs into
  the longest words that the loaded index knows;
* Sphinx 9.0 names a JavaScript stemmer ``ChineseStemmer`` that does not exist;
  Chinese text needs no stemmer and Latin words use the English one, so the
  class names that one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sphinx.search.zh import SearchChinese

from socksite.terms import load_terms

#: Replaces Sphinx's ``splitQuery`` (searchtools.js calls it after the index is loaded).
#:
#: :meta hide-value:
SPLIT_QUERY_JS = r"""
/* socksite: split unspaced Chinese into the longest words the index knows. */
var splitQuery = (query) => {
  const index = typeof Search !== "undefined" ? Search._index : null;
  const known = (word) =>
    index !== null &&
    (Object.hasOwn(index.terms, word) || Object.hasOwn(index.titleterms, word));
  const longest = 12;
  const words = [];
  for (const part of query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)) {
    for (const run of part.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) || []) {
      if (!/\p{Script=Han}/u.test(run) || index === null) {
        words.push(run);
        continue;
      }
      for (let start = 0; start < run.length; ) {
        let end = Math.min(run.length, start + longest);
        while (end > start + 1 && !known(run.slice(start, end))) end--;
        // A lone character the index does not know (的, 了, 在) is not a search word.
        if (end > start + 1 || known(run[start])) words.push(run.slice(start, end));
        start = end;
      }
    }
  }
  return words;
};
"""


class SiteChineseSearch(SearchChinese):
    """Sphinx's Chinese search, with the site's terms and a query splitter."""

    lang = "zh"
    # Names the English stemmer, which Chinese search uses for Latin words.
    language_name = "English"
    js_stemmer_rawcode = "english-stemmer.js"
    js_splitter_code = SPLIT_QUERY_JS

    def __init__(self, options: dict[str, str]) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        # Sphinx's class loads html_search_options["dict"]; write_user_dictionary() made it.
        super().__init__(options)


def write_user_dictionary(path: Path) -> Path:
    """Write jieba's user dictionary: every Chinese name in ``locale/terms.csv``.

    The frequency is high so that jieba keeps each term whole (套接字, not
    套 + 接字); ``cut_for_search`` still indexes the parts of longer words.
    """
    words = sorted(
        {name for term in load_terms() for name in term.names.values() if any("\u4e00" <= c <= "\u9fff" for c in name)}
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{word} 100000\n" for word in words), encoding="utf-8")
    return path
