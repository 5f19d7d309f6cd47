"""Build every language of the site into one folder.

``python -m socksite.build`` (with ``conf/`` on ``PYTHONPATH``, as the nox
sessions arrange) runs one ``sphinx-build`` per language, side by side, into
``_build/html/<folder>/`` and writes the root files: the page that sends
readers to their language, a ``404.html`` for hosts that serve only one, and
the sitemap when the site's public address is known.  Builds are incremental: run it again and only what changed
is rebuilt.  Standard library only; Sphinx runs in the child processes.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from socksite.languages import Language, released, root_index_html, site_base_url, site_languages, sitemap_xml

ROOT = Path(__file__).resolve().parents[2]
#: Everything built goes here; SOCKSITE_BUILD_DIR moves it (a second build with another Sphinx).
#:
#: :meta hide-value:
BUILD = Path(os.environ.get("SOCKSITE_BUILD_DIR") or ROOT / "_build").resolve()
SITE = BUILD / "html"
#: Where languages held back from readers (``site_unreleased``) are built: never published.
#:
#: :meta hide-value:
PREVIEW = BUILD / "preview"
POT_DIR = BUILD / "gettext"


def output_folder(language: Language) -> Path:
    """Where *language* is built: the published site, or the preview of a language held back."""
    return (SITE if language.released else PREVIEW) / language.folder


def sphinx_command(language: Language, *, builder: str = "html", out: Path | None = None) -> list[str]:
    """The ``sphinx-build`` command line for one language of the site."""
    out = out or output_folder(language)
    return [
        sys.executable, "-m", "sphinx", "build",
        "--builder", builder,
        "--conf-dir", str(ROOT / "conf"),
        "--doctree-dir", str(BUILD / "doctrees" / f"{builder}-{language.folder}"),
        "--define", f"language={language.code}",
        # Warnings are errors, every reference must resolve; report them all.
        "--fail-on-warning", "--nitpicky", "--keep-going",
        "--warning-file", str(BUILD / "logs" / f"{builder}-{language.folder}.log"),
        "--quiet",
        str(ROOT / "docs"),
        str(out),
    ]  # fmt: skip


#: What a build reads: when none of it changed, the build is skipped.
INPUTS = ("docs", "locale", "snippets", "conf", "pyproject.toml")


def inputs_fingerprint(command: list[str]) -> str:
    """A digest of the command, the installed packages and every input file's size and time.

    Sphinx itself rebuilds only what changed, but even a build with nothing
    to do costs a second or more (imports, environment, search index); this
    lets an unchanged site skip it.  The ``.mo`` files that Sphinx compiles
    into ``locale/`` are its output, not an input.
    """
    digest = hashlib.sha256(json.dumps(command).encode())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    settings = sorted((key, value) for key, value in os.environ.items() if key.startswith("SOCKSITE_"))
    digest.update(json.dumps([sys.version, packages, settings]).encode())
    for name in INPUTS:
        top = ROOT / name
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file() and path.suffix != ".mo" and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(ROOT)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _stamp(command: list[str]) -> Path:
    return BUILD / "stamps" / (hashlib.sha256(command[-1].encode()).hexdigest()[:16] + ".txt")


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run one sphinx-build, unless nothing it reads changed since it last succeeded."""
    stamp, fingerprint = _stamp(command), inputs_fingerprint(command)
    if stamp.is_file() and stamp.read_text() == fingerprint and Path(command[-1], "index.html").is_file():
        return subprocess.CompletedProcess(command, 0, "nothing changed, build skipped\n", "")
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode == 0:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint)
    else:
        stamp.unlink(missing_ok=True)
    return result


#: Lines a build prints that say nothing about this site: sphinxext-opengraph prints
#: the first whenever it is imported without matplotlib, although conf.py turns
#: social cards off.
NOISE = ("matplotlib is not installed, social cards will not be generated\n",)


def without_noise(output: str) -> str:
    """*output* without the lines in :data:`NOISE`."""
    return "".join(line for line in output.splitlines(keepends=True) if line not in NOISE)


def build(languages: tuple[Language, ...], *, extra: list[str] | None = None) -> int:
    """Build *languages* concurrently; write the root page if all succeed.

    Returns the number of failed builds.  Each build's output is printed as a
    block, so the two languages' warnings never interleave.
    """
    (BUILD / "logs").mkdir(parents=True, exist_ok=True)
    commands = [sphinx_command(language) + (extra or []) for language in languages]
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        results = list(pool.map(_run, commands))
    failed = 0
    for language, result in zip(languages, results):
        status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
        print(f"--- {language.name} ({language.code}) -> {output_folder(language)}: {status}")
        sys.stdout.write(without_noise(result.stdout))
        sys.stdout.write(without_noise(result.stderr))
        failed += result.returncode != 0
    if failed:
        return failed
    write_root_files(released(languages))
    print(f"Site written to {SITE}/index.html")
    return 0


def home_title(folder: Path) -> str:
    """The title of one language's home page, as its ``<title>`` says it."""
    found = re.search(r"<title>(.*?)</title>", (folder / "index.html").read_text(encoding="utf-8"), re.S)
    return html.unescape(found.group(1)).strip() if found else ""


def write_root_files(languages: tuple[Language, ...]) -> None:
    """Write the files at the site's root, beside the language folders (of the released *languages*).

    ``index.html`` sends readers on to their language.  ``404.html`` is the
    source language's 404 page, for hosts that serve one file for every
    missing address (GitHub Pages): its links are absolute paths, so it works
    anywhere.  ``sitemap.xml`` needs full URLs: without a public address
    (``SOCKSITE_BASE_URL``) there is none, rather than one naming the wrong host.
    """
    base = site_base_url()
    titles = {lang: home_title(SITE / lang.folder) for lang in languages}
    (SITE / "index.html").write_text(root_index_html(languages, title=titles, base_url=base), encoding="utf-8")
    shutil.copyfile(SITE / languages[0].folder / "404.html", SITE / "404.html")
    sitemap = SITE / "sitemap.xml"
    if base:
        pages = published_pages(SITE / languages[0].folder)
        sitemap.write_text(sitemap_xml(languages, pages, base_url=base), encoding="utf-8")
    else:
        sitemap.unlink(missing_ok=True)
        print("SOCKSITE_BASE_URL is not set: no canonical links, hreflang alternates or sitemap were written.")


#: Pages of every Sphinx build that are tools, not content: not in the sitemap.
NOT_CONTENT = {"search", "genindex", "404", "py-modindex"}


def published_pages(folder: Path) -> list[str]:
    """The content pages of one language's build, as page names."""
    return sorted(
        path.relative_to(folder).with_suffix("").as_posix()
        for path in folder.rglob("*.html")
        if not path.relative_to(folder).parts[0].startswith("_") and path.stem not in NOT_CONTENT
    )


def extract_messages(languages: tuple[Language, ...]) -> int:
    """Write fresh .pot files for the source language into ``_build/gettext``.

    The folder is emptied first, so a page that was removed leaves no
    catalogue behind.
    """
    shutil.rmtree(POT_DIR, ignore_errors=True)
    result = _run(sphinx_command(languages[0], builder="gettext", out=POT_DIR))
    sys.stdout.write(without_noise(result.stdout + result.stderr))
    return result.returncode


def update_catalogues(languages: tuple[Language, ...], pages: list[str] | None = None) -> int:
    """Extract the English text afresh and bring the translations' catalogues up to date.

    sphinx-intl adds new entries and marks changed ones fuzzy; then each
    catalogue gets a stable header and loses its obsolete entries, so running
    this twice changes nothing.  With *pages*, only those pages' catalogues
    are touched (several people can then work on different pages at once).
    """
    if extract_messages(languages):
        return 1
    pot_dir = POT_DIR
    if pages:
        missing = [page for page in pages if not (POT_DIR / f"{page}.pot").is_file()]
        if missing:
            print(f"no such page: {', '.join(missing)} (expected docs/PAGE.md)", file=sys.stderr)
            return 1
        pot_dir = BUILD / "gettext-chosen"
        shutil.rmtree(pot_dir, ignore_errors=True)
        pot_dir.mkdir(parents=True)
        for page in pages:
            shutil.copy2(POT_DIR / f"{page}.pot", pot_dir / f"{page}.pot")
    codes = [arg for language in languages[1:] for arg in ("--language", language.code)]
    locale_dir = ROOT / "locale"
    update = [sys.executable, "-m", "sphinx_intl", "update", "--pot-dir", str(pot_dir), "--locale-dir", str(locale_dir)]
    if subprocess.run([*update, *codes], cwd=ROOT).returncode:
        return 1
    chosen = set(pages or [])
    catalogues = sorted(
        str(path) for path in locale_dir.glob("*/LC_MESSAGES/*.po") if not chosen or path.stem in chosen
    )
    return subprocess.run([sys.executable, "-m", "socksite.catalogs", *catalogues], cwd=ROOT).returncode


def main(argv: list[str] | None = None) -> int:
    """``python -m socksite.build [gettext | translate [PAGE ...]] [sphinx-build options]``."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["gettext"]:
        return extract_messages(site_languages())
    if args[:1] == ["translate"]:
        return update_catalogues(site_languages(), args[1:])
    return build(site_languages(), extra=args)


if __name__ == "__main__":
    sys.exit(main())
