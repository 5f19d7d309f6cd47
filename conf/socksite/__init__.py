"""The site's own code.

* :mod:`socksite.ext` is the Sphinx extension (snippets, language switcher,
  links to Python's documentation);
* :mod:`socksite.languages` and :mod:`socksite.build` need only the standard
  library, so ``noxfile.py`` and the tests import them without Sphinx;
* :mod:`socksite.serve` serves the built site with live reload.
"""
