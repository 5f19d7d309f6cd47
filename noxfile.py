"""Build, serve, translate and check the site.

    python3 noxfile.py -s serve     # build both languages and serve them with live reload
    python3 noxfile.py -s tests     # every check

Run as a script, this file installs nox into ``.nox/_nox`` first if it is
missing, so a fresh machine needs nothing but Python 3.10+ (on Debian and
Ubuntu, also the ``python3-venv`` package).  With nox installed, ``nox -s …``
does the same.  ``nox -l`` lists the sessions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _bootstrap() -> None:
    """Re-run this file under a nox installed in a private virtual environment."""
    import venv

    home = ROOT / ".nox" / "_nox"
    python = home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        print(f"nox is not installed: installing it into {home.relative_to(ROOT)} ...", file=sys.stderr)
        try:
            venv.create(home, with_pip=True, clear=True)
        except (OSError, subprocess.CalledProcessError, SystemExit):
            # Debian without python3-venv (its venv module exits, after saying so): a venv
            # without pip, filled by the system's pip if there is one.
            venv.create(home, with_pip=False, clear=True)
            install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "nox"]
        else:
            install = [str(python), "-m", "pip", "install", "--quiet", "nox"]
        if subprocess.run(install).returncode != 0:
            version = f"{sys.version_info.major}.{sys.version_info.minor}"
            sys.exit(f"Could not install nox. On Debian/Ubuntu: sudo apt install python{version}-venv, then try again.")
    os.execv(python, [str(python), __file__, *sys.argv[1:]])


try:
    import nox
except ImportError:
    if __name__ == "__main__":
        _bootstrap()
    raise


nox.options.default_venv_backend = "venv"
nox.options.sessions = ["docs", "tests"]
# A session whose Python cannot be found fails; it never ends "skipped" with status 0.
nox.options.error_on_missing_interpreters = True

PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
# The site's own Sphinx code, importable in every session.
CONF_ENV = {"PYTHONPATH": str(ROOT / "conf")}
# The tests build the site as if published at an address (a reserved name that never
# resolves), so canonical links, hreflang and the sitemap are checked; compat builds
# without one, so the unpublished case is checked too.
TESTS_ENV = {**CONF_ENV, "SOCKSITE_BASE_URL": os.environ.get("SOCKSITE_BASE_URL") or "https://socket-methods.invalid/"}
# Every snippet is checked on each of these (the classifiers in pyproject.toml).
SNIPPET_PYTHONS = nox.project.python_versions(PYPROJECT)


def runnable_python(version: str) -> str | None:
    """The ``python<version>`` on PATH, if it starts.

    pyenv puts a shim on PATH for every version it has installed, and the shim
    of a version that is not selected exists but fails: finding it is not enough.
    """
    found = shutil.which(f"python{version}")
    if found and subprocess.run([found, "-c", "pass"], capture_output=True).returncode == 0:
        return found
    return None


def _docs_python() -> tuple[str, str]:
    """The Python that builds the site, and why: the newest that runs gets the newest Sphinx."""
    broken = []
    for version in reversed(SNIPPET_PYTHONS):
        if runnable_python(version):
            note = f" ({', '.join(broken)} on PATH but not runnable)" if broken else ""
            return version, f"Python {version}, the newest one on PATH that runs{note}"
        if shutil.which(f"python{version}"):
            broken.append(f"python{version}")
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    return sys.executable, f"Python {here} ({sys.executable}), which runs nox: no python3.X on PATH runs"


# SOCKSITE_DOCS_PYTHON=3.11 builds with that Python instead (its newest Sphinx).
if os.environ.get("SOCKSITE_DOCS_PYTHON"):
    DOCS_PYTHON, DOCS_PYTHON_WHY = os.environ["SOCKSITE_DOCS_PYTHON"], "chosen by SOCKSITE_DOCS_PYTHON"
else:
    DOCS_PYTHON, DOCS_PYTHON_WHY = _docs_python()
# Sphinx 9.0.x is the newest release on Python 3.11; `compat` builds the site with it.
SPHINX_9_0_PYTHON = "3.11"


def build_site(session: nox.Session, *sphinx_options: str, env: dict[str, str] = CONF_ENV) -> None:
    """Build every language into _build/html/<folder>/ and write the root page."""
    session.log(f"Building with {DOCS_PYTHON_WHY}")
    session.run("python", "-m", "socksite.build", *sphinx_options, env=env)


@nox.session(python=DOCS_PYTHON)
def docs(session: nox.Session) -> None:
    """Build the site in every language into _build/html/ (sphinx-build options from posargs)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "docs"))
    build_site(session, *session.posargs)


@nox.session(python=DOCS_PYTHON, default=False)
def serve(session: nox.Session) -> None:
    """Build the site and serve it on 127.0.0.1 with live reload (options such as --port from posargs)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "serve"))
    build_site(session)
    session.run("python", "-m", "socksite.serve", *session.posargs, env=CONF_ENV)


@nox.session(python=DOCS_PYTHON)
def tests(session: nox.Session) -> None:
    """Build the site, then run every test (pytest options from posargs)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    build_site(session, "--fresh-env", env=TESTS_ENV)
    # A per-page translation summary for the log; it exits 1 when something is
    # untranslated, which the tests then report by file and line.
    session.run("sphinx-intl", "stat", "--locale-dir", "locale", success_codes=[0, 1])
    session.run("pytest", *session.posargs, env=TESTS_ENV)
    # The site must also work when the oldest supported Sphinx 9 builds it.
    session.notify("compat")


@nox.session(python=runnable_python(SPHINX_9_0_PYTHON) or False, default=False)
def compat(session: nox.Session) -> None:
    """Build with Python 3.11, whose newest Sphinx is 9.0.x, and run the site, reader, search and 中英对照 tests on that build."""
    if session.python is False:
        why = f"python{SPHINX_9_0_PYTHON} is not on PATH or does not run: the Sphinx 9.0 build is not checked"
        if os.environ.get("CI"):
            session.error(why)
        session.skip(why)
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    # Built as an unpublished site (no public address), the other case from the tests session's.
    env = {**CONF_ENV, "SOCKSITE_BUILD_DIR": str(ROOT / "_build" / f"python{SPHINX_9_0_PYTHON}"), "SOCKSITE_BASE_URL": ""}
    session.run("python", "-m", "socksite.build", env=env)
    session.run("python", "-c", "import sphinx; print('built with Sphinx', sphinx.__version__)")
    tests = ["tests/test_site.py", "tests/test_reader.py", "tests/test_meta.py", "tests/test_search.py", "tests/test_pairs.py"]
    session.run("pytest", *tests, *session.posargs, env=env)


@nox.session(python=False, default=False)
def snippets(session: nox.Session) -> None:
    """Check every snippet on each supported CPython (pyproject classifiers): on PATH, or 3.14+ from .ci/python-root."""
    for version in SNIPPET_PYTHONS:
        session.run(sys.executable, "tests/harness.py", "--python", version, *session.posargs)


@nox.session(python=False, default=False)
def stress(session: nox.Session) -> None:
    """Run every snippet N times in parallel (N from posargs, default 20) and count failures per snippet."""
    times = session.posargs[0] if session.posargs else "20"
    session.run(sys.executable, "tests/harness.py", "--stress", times, *session.posargs[1:])


@nox.session(python=DOCS_PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Print speed and weight ratios with their targets (build, rebuild, snippets, page weight, search, Lighthouse)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    build_site(session)
    session.run("python", "tests/bench.py", *session.posargs, env=CONF_ENV)


@nox.session(python=False, default=False)
def record(session: nox.Session) -> None:
    """Re-record snippet outputs after an intended change: nox -s record -- NAME ..."""
    session.run(sys.executable, "tests/harness.py", "--record", *session.posargs)


@nox.session(python=DOCS_PYTHON, default=False)
def translate(session: nox.Session) -> None:
    """Extract the English text afresh and update the .po catalogues (of the pages named in posargs, or all)."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "docs"))
    session.run("python", "-m", "socksite.build", "translate", *session.posargs, env=CONF_ENV)
    session.run("sphinx-intl", "stat", "--locale-dir", "locale", success_codes=[0, 1])


if __name__ == "__main__":
    nox.main()
