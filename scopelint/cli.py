"""The command line: options → config → run → render → exit code. Kept thin."""
from __future__ import annotations

import errno
import io
import os
import sys

import click

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def say(message: str) -> None:
    """One line on stderr; a file name or value that UTF-8 cannot encode, or that holds control
    characters (a terminal escape sequence), is escaped: never a crash, never a spoofed terminal."""
    from .output import printable

    click.echo(printable(message), err=True)


class UsageProblem(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:  # one line, no traceback
        say(f"scopelint: error: {self.format_message()}")


class Interrupted(click.ClickException):
    """Ctrl-C: one line and exit 130, no traceback (click alone would say "Aborted!" and exit 1)."""

    exit_code = EXIT_INTERRUPTED

    def show(self, file=None) -> None:
        say("scopelint: interrupted")


class InternalError(UsageProblem):
    """A defect of scopelint's own: one line and exit 2, never exit 1 (which a CI job reads as findings)
    and never a traceback. The line names the exception's type and scopelint's line that raised it,
    not its message, which may quote what was being read (a secret among it)."""

    def __init__(self, exc: BaseException) -> None:
        import traceback

        package = os.path.dirname(os.path.abspath(__file__))
        ours = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(package + os.sep)]
        where = ""
        if ours:
            inside = os.path.relpath(ours[-1].filename, package).replace(os.sep, "/")
            where = f" at scopelint/{inside}:{ours[-1].lineno}"
        super().__init__(f"internal error ({type(exc).__name__}{where}); please report it with the command that gave it")


class Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted("interrupted") from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except StreamClosed as exc:
            raise UsageProblem(_unwritable(exc)) from None
        except Exception as exc:  # noqa: BLE001 - the last guard: whatever was not foreseen
            raise InternalError(exc) from None


class FileName(click.Path):
    """A file option's value, which may not be empty: ``--baseline "$UNSET"`` would otherwise read as no
    baseline asked for (every finding new), ``--write-baseline ""`` as none to write, ``--config ""``
    as the configuration found by walking up, each without a word."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(dir_okay=False, **kwargs)  # type: ignore[arg-type]

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, str) and not value.strip():
            self.fail("an empty file name", param, ctx)
        return super().convert(value, param, ctx)


def _version_text() -> str:
    from .catalog import shipped

    cat = shipped()
    return f"scopelint {__version__} (catalog {cat.version}, {cat.date})"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version_text())
        ctx.exit(0)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and the catalog version.")
def main() -> None:
    """Static scope and permission linter for Celonis Platform OAuth clients."""


def load_config(paths: tuple[str, ...], config_file: str | None, **overrides: object):
    from dataclasses import replace

    from .config import ConfigError, check_codes, for_paths

    try:
        cfg = for_paths(list(paths) or ["."], config_file)
        changes: dict[str, object] = {}
        if overrides.get("select"):
            changes["select"] = check_codes(_codes(overrides["select"]), "--select", empty_ok=False)
        if overrides.get("ignore"):
            changes["ignore"] = cfg.ignore + check_codes(_codes(overrides["ignore"]), "--ignore")
        if overrides.get("fail_on"):
            changes["fail_on"] = overrides["fail_on"]
        if overrides.get("catalog"):
            changes["catalogs"] = cfg.catalogs + tuple(overrides["catalog"])  # type: ignore[operator]
        if overrides.get("exclude"):
            changes["exclude"] = cfg.exclude + tuple(overrides["exclude"])  # type: ignore[operator]
        if overrides.get("no_ignores"):
            changes["no_ignores"] = True
        if overrides.get("jobs") is not None:
            changes["jobs"] = overrides["jobs"]
        return replace(cfg, **changes)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None


def _codes(values: object) -> list[str]:
    out: list[str] = []
    for value in values:  # type: ignore[attr-defined]
        out.extend(c.strip().upper() for c in str(value).split(",") if c.strip())
    return out


def _format_choices() -> list[str]:
    from .reporters import FORMATS
    import importlib.util

    return [name for name, mod in FORMATS.items() if importlib.util.find_spec(f"scopelint.reporters.{mod}")]


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(_format_choices()), default="text", show_default=True)
@click.option("--output", "-o", type=FileName(writable=True), help="Write the report to FILE.")
@click.option("--config", "config_file", type=FileName(), help="Use this configuration file.")
@click.option("--select", multiple=True, help="Only these rule codes (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, help="Skip these rule codes (comma-separated, repeatable).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "note", "never"]), default=None,
              help="Lowest level that makes the exit code 1 (default: error).")
@click.option("--baseline", type=FileName(), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=FileName(), help="Record the current findings as a baseline.")
@click.option("--catalog", multiple=True, type=FileName(), help="Extra catalog file (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Worker processes (default: cores).")
@click.option("--no-ignores", is_flag=True, help="Review mode: inline suppressions do not apply.")
@click.option("--quiet", "-q", is_flag=True, help="Only findings and the summary; no notes or hints.")
@click.option("--sarif-include-suppressed", is_flag=True, help="Keep suppressed findings in SARIF/JSON output.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply (or count) fixes that change what a client can access.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing (exit 1 if any).")
def check(paths: tuple[str, ...], fmt: str, output: str | None, config_file: str | None, select, ignore,
          fail_on, baseline, write_baseline, catalog, exclude, jobs, no_ignores, quiet, sarif_include_suppressed,
          fix, unsafe_fixes, diff) -> None:
    """Lint OAuth client definitions and the code that uses them."""
    from .findings import LEVEL_RANK
    from .reporters import Context, render

    paths = paths or (".",)
    if (fix or diff) and write_baseline:
        raise UsageProblem("--write-baseline records findings; it cannot be combined with --fix or --diff")
    cfg = load_config(paths, config_file, select=select, ignore=ignore, fail_on=fail_on, catalog=catalog,
                      exclude=exclude, no_ignores=no_ignores, jobs=jobs)
    safeties = ("safe", "unsafe") if unsafe_fixes else ("safe",)
    result = _checked(paths, cfg, quiet, baseline, write_baseline)
    if diff or fix:
        from .fix import plan, write

        keep = _baseline_filter(baseline)
        outcome = plan(result, cfg, paths, safeties, keep)
        notes = list(outcome.notes)
        if diff:
            _emit(outcome.diff(), output)
            for path, why in notes:
                say(f"scopelint: note: {path}: {why}")
            if not quiet:
                say(f"scopelint: {outcome.applied} fix(es) would change {len(outcome.changed)} file(s)")
            sys.exit(EXIT_ERROR if result.missing else EXIT_FINDINGS if outcome.changed else EXIT_OK)
        notes += write(outcome)
        for path, why in notes:
            say(f"scopelint: note: {path}: {why}")
        fixed, files = outcome.written
        if not quiet and fixed:
            say(f"scopelint: fixed {fixed} finding(s) in {files} file(s)")
        if outcome.changed:
            result = _checked(paths, cfg, True, baseline, None)
    color = (output is None and fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
             and os.environ.get("TERM") != "dumb")
    text = render(fmt, result, Context(color=color, quiet=quiet, include_suppressed=sarif_include_suppressed,
                                       fix_safeties=safeties))
    _emit(text, output)
    _say_missing(result)
    if not quiet and fmt == "text":
        for path, why in result.notes:
            say(f"scopelint: note: {path}: {why}")
    if result.missing:
        sys.exit(EXIT_ERROR)
    threshold = LEVEL_RANK.get(cfg.fail_on, 99)
    failed = any(LEVEL_RANK[f.level] >= threshold for f in result.findings)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _checked(paths: tuple[str, ...], cfg, quiet: bool, baseline: str | None, write_baseline: str | None):
    """A lint run with the baseline applied (and written, when asked)."""
    result = _lint(paths, cfg, quiet)
    if baseline or write_baseline:
        from .baseline import BaselineError, apply_baseline

        try:
            apply_baseline(result, baseline, write_baseline)
        except BaselineError as exc:
            raise UsageProblem(str(exc)) from None
        if not quiet:
            done = f"wrote baseline {write_baseline!r}: " if write_baseline else ""
            say(f"scopelint: note: {done}{result.baselined} finding(s) in the baseline, not reported")
    return result


def _baseline_filter(baseline: str | None):
    """What keeps a later fixing pass to the findings the report would show."""
    if not baseline:
        return lambda findings: findings
    from .baseline import load, split

    known = load(baseline)
    return lambda findings: split(findings, known)[0]


def _lint(paths: tuple[str, ...], cfg, quiet: bool):
    """One run for check and suggest: a bad catalog is a usage error, progress only where it helps."""
    from .catalog import CatalogError
    from .linter import run

    try:
        with Progress(enabled=not quiet) as progress:
            return run(list(paths), cfg, progress=progress)
    except CatalogError as exc:
        raise UsageProblem(str(exc)) from None


def _say_missing(result) -> None:
    for path in result.missing:
        say(f"scopelint: error: {path}: no such file or directory")


class Progress:
    """One status line on stderr for long runs on a terminal; nothing in CI, pipes or files."""

    def __init__(self, enabled: bool = True) -> None:
        self.on = enabled and sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        self.shown = False

    def __call__(self, stage: str) -> None:
        if self.on:
            sys.stderr.write(f"\rscopelint: {stage}…\x1b[K")
            sys.stderr.flush()
            self.shown = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _emit(text: str, output: str | None) -> None:
    """A report to stdout or, atomically, to ``output``; what UTF-8 cannot encode is escaped."""
    from .output import encodable, write_atomic

    if output is None:
        try:
            click.echo(encodable(text), nl=False)
        except OSError as exc:  # a full disk, a closed pipe (``| head``)
            raise UsageProblem(_unwritable(exc)) from None
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageProblem(f"cannot write {output!r}: {exc.strerror or exc}") from None


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "yaml", "json"]), default="text", show_default=True)
@click.option("--output", "-o", type=FileName(writable=True), help="Write to FILE.")
@click.option("--config", "config_file", type=FileName(), help="Use this configuration file.")
@click.option("--catalog", multiple=True, type=FileName(), help="Extra catalog file (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable).")
def suggest(paths: tuple[str, ...], fmt: str, output: str | None, config_file: str | None, catalog, exclude) -> None:
    """The least-privilege scopes for the Celonis API calls found, per client, with evidence."""
    from .suggest import least_privilege
    from .suggest_render import render_json, render_text, render_yaml

    paths = paths or (".",)
    cfg = load_config(paths, config_file, catalog=catalog, exclude=exclude)
    result = _lint(paths, cfg, quiet=True)
    project = result.project
    suggestions = [least_privilege(g, project.catalog) for g in project.groups
                   if any(g.api_calls()) or any(g.unresolved_calls())]
    if fmt == "yaml":
        _emit(render_yaml(suggestions, project.root), output)
    else:
        _emit({"text": render_text, "json": render_json}[fmt](suggestions), output)
    _say_missing(result)
    sys.exit(EXIT_ERROR if result.missing else EXIT_OK)


@main.command()
@click.argument("name")
def explain(name: str) -> None:
    """Show the documentation of a rule (code or name) or a scope."""
    from .explain import explain_text

    text = explain_text(name)
    if text is None:
        from .explain import closest

        hint = closest(name)
        raise UsageProblem(f"{name!r} is neither a rule code, a rule name nor a scope in the catalog"
                           + (f"; did you mean {hint!r}?" if hint else ""))
    click.echo(text, nl=not text.endswith("\n"))


@main.command("catalog")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "yaml"]), default="table", show_default=True)
@click.option("--catalog", "extra", multiple=True, type=FileName(), help="Extra catalog file (repeatable).")
@click.option("--config", "config_file", type=FileName(), help="Use this configuration file.")
@click.option("--from-docs", "docs_page", type=FileName(),
              help="Compare a saved copy (HTML or text) of the Celonis scopes docs page with the catalog; "
                   "exit 1 when they differ. With --format yaml: the added scopes as a catalog extension.")
def catalog_cmd(fmt: str, extra: tuple[str, ...], config_file: str | None, docs_page: str | None) -> None:
    """Print the scope catalog in force (shipped + extensions), or compare it with the docs page."""
    from .catalog import CatalogError, load
    from .catalog_view import render_catalog

    cfg = load_config((".",), config_file, catalog=extra)
    try:
        cat = load(cfg.catalogs)
    except CatalogError as exc:
        raise UsageProblem(str(exc)) from None
    if docs_page is None:
        _emit(render_catalog(cat, fmt), None)
        return
    from pathlib import Path

    from . import catalog_docs as docs

    try:
        page = docs.read_page(Path(docs_page))
    except docs.DocsPageError as exc:
        raise UsageProblem(str(exc)) from None
    diff = docs.compare(page, cat)
    render = {"table": docs.render_text, "json": docs.render_json, "yaml": docs.render_extension}[fmt]
    _emit(render(diff, cat, docs_page), None)
    sys.exit(EXIT_FINDINGS if diff.differs else EXIT_OK)


@main.command()
@click.argument("file", type=click.Path())
@click.option("--client", "client_name", help="Review only this client of FILE.")
@click.option("--code", multiple=True, type=click.Path(), help="Code of the client (repeatable): compare what it needs.")
@click.option("--against", metavar="GIT_REF", help="Also show what changed since FILE at this git ref.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "json"]), default="markdown", show_default=True)
@click.option("--output", "-o", type=FileName(writable=True), help="Write the report to FILE.")
def review(file: str, client_name: str | None, code: tuple[str, ...], against: str | None, fmt: str,
           output: str | None) -> None:
    """Security review of an OAuth client request; exit 1 on a reject verdict."""
    from .review import ReviewError, exit_code, render
    from .review import review as build

    cfg = load_config((file,), None)
    try:
        report = build(file, client_name, code, against, cfg)
    except ReviewError as exc:
        raise UsageProblem(str(exc)) from None
    _emit(render(report, fmt), output)
    sys.exit(exit_code(report))


def _unwritable(exc: OSError) -> str:
    """What to say when standard output cannot be written; what is still buffered for it is dropped
    (written to the null device) so that no later flush fails again or prints a traceback."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass
    return f"cannot write the report: {exc.strerror or exc}"


class StreamClosed(OSError):
    """A write to a standard stream the process was started without."""


class _Closed(io.TextIOBase):
    """What stands for a standard stream the process was started without (Python leaves it None):
    output written there fails as a full disk does, messages go nowhere."""

    def __init__(self, name: str, fails: bool) -> None:
        self.name, self.fails = name, fails

    def write(self, text: str) -> int:
        if self.fails:
            raise StreamClosed(errno.EBADF, f"standard {self.name} is closed")
        return len(text)

    def isatty(self) -> bool:
        return False


def _stand_in_for_closed_streams() -> None:
    """A report for a closed standard output is an I/O error (exit 2), not a traceback; one written
    to ``--output`` is unaffected."""
    if sys.stdout is None:
        sys.stdout = _Closed("output", True)
    if sys.stderr is None:
        sys.stderr = _Closed("error", False)


def run() -> None:
    """The installed ``scopelint`` command: ``main``, then an exit that does not take the interpreter
    apart. Freeing every module and object one by one costs 15-30 ms, a fifth of a one-file check,
    and gives the system nothing it would not take back at once. What an exit must do is still done:
    the exit handlers run, the output is flushed, and output that cannot be written is an I/O error
    (exit 2). An exception ``main`` does not handle ends the process as it would have anyway."""
    import atexit

    if sys.stdout is None or sys.stderr is None:  # started with a standard stream closed (``>&-``)
        _stand_in_for_closed_streams()
    try:
        main()
        code: object = EXIT_OK
    except SystemExit as exc:
        code = exc.code
    except OSError as exc:  # what ``--version`` or ``explain`` could not print, past the report's own handling
        UsageProblem(_unwritable(exc)).show()
        code = EXIT_ERROR
    if code is not None and not isinstance(code, int):
        say(str(code))  # what sys.exit does with a message: print it, exit 1
        code = 1
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except OSError as exc:
        code = EXIT_ERROR
        UsageProblem(_unwritable(exc)).show()
    try:
        sys.stderr.flush()
    except OSError:
        pass  # nowhere left to say it
    os._exit(code or EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    run()
