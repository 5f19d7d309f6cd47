"""The site's own code.

* :mod:`socksite.ext` is the Sphinx extension; it uses :mod:`socksite.snippets`
  (the ``snippet`` directive), :mod:`socksite.glossary` (the glossary from
  ``locale/terms.csv``) and :mod:`socksite.search` (Chinese search).
* :mod:`socksite.languages`, :mod:`socksite.build`, :mod:`socksite.terms`,
  :mod:`socksite.metadata` and :mod:`socksite.catalogs` need no Sphinx, so
  ``noxfile.py`` and the tests use them too.
* :mod:`socksite.serve` serves the built site with live reload.
"""
