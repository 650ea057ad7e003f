"""The shell of CI pipeline steps: GitHub Actions and CircleCI ``run:``, GitLab and Bitbucket
``script:``/``before_script:``/``after_script:``, Azure Pipelines ``script:``/``bash:``/``pwsh:`` and the inline
``script:`` of a ``PowerShell@`` task; a job's ``defaults: run: shell:`` sets the dialect of its steps.

Each step's script is read by the shell wing's reader from a copy of the pipeline file in which
everything but that script is blanked out, so every fact keeps its line and column in the YAML
file (block scalars ``|`` and ``>`` included). ``${{ secrets.X }}``, ``$X`` and ``$(X)`` are
references: unresolved, and no finding rests on them, unless the step sees the variable in an
``env:``/``variables:``/``environment:`` block of its own, its job or its pipeline written out as one
line (``SCOPE: "studio integration.data-pools"``): then ``$SCOPE``, ``$env:SCOPE`` and
``${{ env.SCOPE }}`` (Azure's ``$(SCOPE)``) are that value, at its place in the file.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple, Optional

from ... import lazy_re
from ... import located
from ...located import Node, ParseError
from ...model import FileFacts
from ..recognition.requests import Emitter
from ..recognition.source import Source, ci_pipeline
from ...templated import referenced
from ..recognition.text import LineIndex, Piece, Text, elsewhere
from .scripts import read

_SH_KEYS = ("run", "script", "before_script", "after_script", "bash", "command")
_PS_KEYS = ("pwsh", "powershell")
_ENV_KEYS = ("env", "variables", "environment")  # GitHub, Azure; GitLab, Azure; CircleCI
_PS_TASKS = ("PowerShell@", "AzurePowerShell@")
# GitHub's and GitLab's ``environment:`` is where a job deploys to, and says so with these keys
_DEPLOYMENT = frozenset({"name", "url", "action", "on_stop", "auto_stop_in", "kubernetes", "deployment_tier"})
# ``${{ ... }}``; an expression does not run on past the next ``${{`` (a line of unclosed ones was
# scanned to its end from each)
_EXPRESSION = lazy_re.compile(r"\$\{\{((?:(?!\$\{\{).)*?)\}\}")


Env = dict[str, Node]


class Step(NamedTuple):
    """A step's script: its dialect, its strings, the variables it sees, its line, and its job's line (if any)."""

    dialect: str
    scalars: list[Node]
    env: Env
    line: int
    job: Optional[int] = None
    words: bool = False  # the strings are one command's words (a container's argv), each one word whatever it holds
    program: str = ""  # the program those words are given to, when the file does not write it (an image's entrypoint)
    templates: Optional[re.Pattern[str]] = None  # the tool's references in this step, else those ``read_steps`` is given
    dollars: bool = False  # the tool writes ``$$`` for the ``$`` the shell reads (Compose); ``templates`` matches it


def claims(path: str, explicit: bool = False) -> bool:
    return ci_pipeline(path)


def extract(src: Source, facts: FileFacts) -> None:
    try:
        docs = located.from_yaml_all(src.text, src.path)
    except ParseError:
        return  # the ciconfig extractor notes the file as skipped
    read_steps(src, facts, _scripts(docs), _MACRO if "azure-pipelines" in src.path else None)


def read_steps(src: Source, facts: FileFacts, steps: Iterator[Step], templates: re.Pattern[str] | None = None) -> None:
    """Each step's script (a ``Step``) read in the order the steps run, with the values its ``env`` writes
    out and those the earlier steps of its job export; ``templates``: the tool's own references in a
    script (Azure's ``$(NAME)``), values not known, unless the step names its own."""
    seen: set[tuple] = set()  # steps that share an anchored script write its facts once
    exported: dict[int, dict[str, Text]] = {}  # by job: what its steps so far set for the later ones
    emitters: list[Emitter] = []
    for step in sorted(steps, key=lambda found: found.line):  # as they run
        references = step.templates or templates
        values = {name: node for name, node in step.env.items() if _written_out(src.lines, node, references)}
        scripts = [] if step.words else step.scalars
        text, numbers, moved = blanked(src.lines, scripts + list(values.values()), references,
                                       step.scalars if step.words else (), step.program, step.dollars)
        text, seeds = _seeded(text, numbers, values, references)
        if text.strip():
            unit = f"step@{step.line}"  # each step runs in a shell of its own
            index = LineIndex(src.path, text, numbers, moved)
            emitters.append(Emitter(facts, index, src.catalog, seen, unit))
            carried = exported.get(step.job, {})
            sets = read(text, step.dialect, emitters[-1], {**carried, **_aliases(text, carried), **seeds}, finish=False)
            if sets and step.job is not None:  # each value stands where its step writes it
                base = elsewhere(index, unit)
                exported.setdefault(step.job, {}).update((name, value.shifted(base)) for name, value in sets.items())
    for emitter in emitters:  # with every step read: a key header is judged knowing the file's token requests
        emitter.finish()



def _scripts(docs: list[Node]) -> Iterator[Step]:
    """``(dialect, scalars, env, line, job)`` for each step script, ``env`` the variables of the blocks
    around it (the step's own last), ``line`` where the step (or job) stands, ``job`` the line of the
    job whose ``steps`` it is one of; a list of commands is one script (one shell)."""
    stack: list[tuple[Node, Env, str, int | None]] = [(doc, {}, "sh", None) for doc in docs]
    while stack:
        # ``default``: the dialect of the steps below (``defaults: run: shell:``)
        node, outer, default, job = stack.pop()
        if isinstance(node.value, list):
            stack.extend((item, outer, default, job) for item in node.value)
            continue
        if not isinstance(node.value, dict):
            continue
        if isinstance(getattr(node.get("steps"), "value", None), list):
            job = node.loc.line
        env = _inputs(node, env_of(node, outer))
        default = _default_shell(node, default)
        kind = _dialect(node.get("shell"), default)
        task = node.get("task")  # Azure's ``task: PowerShell@2`` runs its ``inputs: script:`` in PowerShell
        inner = "ps" if task is not None and str(task.value).startswith(_PS_TASKS) else default
        groups: dict[str, list[Node]] = {}  # one job's before_script and script run in one shell
        for key, child in node.value.items():
            scalars = _strings(child)
            if key in _SH_KEYS + _PS_KEYS and scalars:
                groups.setdefault("ps" if key in _PS_KEYS else kind, []).extend(scalars)
            elif key == "run" and child.get("command") is not None:  # CircleCI ``run: {command: ...}``
                yield Step("sh", _strings(child.get("command")), env_of(child, env), child.loc.line, job)  # type: ignore[arg-type]
            elif isinstance(child.value, (dict, list)) and key not in _ENV_KEYS and key != "defaults":
                stack.append((child, env, inner if key == "inputs" else default, job))
        yield from (Step(kind, scalars, env, node.loc.line, job) for kind, scalars in groups.items())


def _inputs(node: Node, env: Env) -> Env:
    """``env`` with the defaults of a composite action's ``inputs`` (its ``runs:`` steps read them as
    ``${{ inputs.NAME }}``), as a variable's default is read: the value when the caller gives none."""
    inputs = node.get("inputs") if node.get("runs") is not None else None
    if inputs is None or not isinstance(inputs.value, dict):
        return env
    found = {f"inputs.{name.replace('-', '_')}": spec.get("default") for name, spec in inputs.value.items()
             if isinstance(spec.value, dict)}
    return {**env, **{name: value for name, value in found.items() if value is not None and value.tag == "str"}}


def _default_shell(node: Node, default: str) -> str:
    """The dialect ``defaults: run: shell:`` gives the steps of a workflow or job, else ``default``."""
    defaults = node.get("defaults")
    run = defaults.get("run") if defaults is not None and isinstance(defaults.value, dict) else None
    return _dialect(run.get("shell") if run is not None and isinstance(run.value, dict) else None, default)


def _dialect(shell: Node | None, default: str) -> str:
    """The dialect a ``shell:`` value names (``pwsh``, ``powershell``: PowerShell), else ``default``."""
    if shell is None or shell.tag != "str":
        return default
    return "ps" if str(shell.value).lower() in _PS_KEYS else "sh"


def env_of(node: Node, outer: Env) -> Env:
    """``outer`` with the variables ``node`` sets: ``env:``/``variables:``/``environment:`` as a
    mapping (GitLab's ``NAME: {value: ...}`` too) or as Azure's list of ``{name, value}``."""
    env = outer
    for key in _ENV_KEYS:
        block = node.get(key)
        if block is None:
            continue
        items: list[tuple[str, Node | None]] = []
        if isinstance(block.value, dict):
            items = [(name, value.get("value") if isinstance(value.value, dict) else value)
                     for name, value in block.value.items()]
        elif isinstance(block.value, list):
            items = [(str(item.get("name").value), item.get("value")) for item in block.value  # type: ignore[union-attr]
                     if item.get("name") is not None and item.get("name").tag == "str"]  # type: ignore[union-attr]
        if key == "environment":
            items = [(name, value) for name, value in items if name not in _DEPLOYMENT]
        if items:
            env = {**env, **{name: value for name, value in items if value is not None and value.tag == "str"}}
    return env


def _written_out(lines: list[str], node: Node, templates: re.Pattern[str] | None = None) -> bool:
    """A one-line value written as it reads (no escape, no folding), with no reference in it but the
    tool's own (``templates``: Kubernetes' ``$(NAME)``, another variable's value when it runs)."""
    loc = node.loc
    if (loc.end_line or loc.line) != loc.line or not 1 <= loc.line <= len(lines) or \
            "$" in (templates.sub("", str(node.value)) if templates is not None else str(node.value)):
        return False
    line = lines[loc.line - 1]
    return loc.col >= 1 and line[loc.col - 1:loc.col] not in ("|", ">") and \
        line[loc.col - 1:(loc.end_col or len(line) + 1) - 1] == node.value


def _seeded(text: str, numbers: list[int], values: Env, templates: re.Pattern[str] | None = None
            ) -> tuple[str, dict[str, Text]]:
    """``text`` with the variables' values blanked out (they are no commands), and each value as a
    located ``Text``, also under the names ``${{ env.NAME }}`` takes in the text (``_VARIABLE_REFERENCE``).
    A value's ``$(NAME)`` (what ``templates`` matches) is the value of a variable set before it, else
    a value not known."""
    if not values:
        return text, {}
    starts = [0]
    for row in text.split("\n"):
        starts.append(starts[-1] + len(row) + 1)
    chars = list(text)
    seeds: dict[str, Text] = {}
    for name, node in values.items():
        row = bisect.bisect_left(numbers, node.loc.line)
        start = starts[row] + node.loc.col - 1
        value = str(node.value)
        chars[max(start - 1, starts[row]):start + len(value)] = " " * (start + len(value) - max(start - 1, starts[row]))
        seeds[name] = _composed(value, start, seeds, templates).named(name)
    text = "".join(chars)
    return text, {**seeds, **_aliases(text, seeds)}


def _composed(value: str, start: int, seeds: dict[str, Text], templates: re.Pattern[str] | None) -> Text:
    """A variable's value written at ``start``, each ``$(NAME)`` in it the value ``seeds`` give that name
    (each piece where its own variable writes it), or a value not known."""
    pieces: list[Piece] = []
    at = 0
    for m in templates.finditer(value) if templates is not None else ():
        if m.start() > at:
            pieces.append(Piece(value[at:m.start()], start + at))
        name = _NAME.fullmatch(m.group(0))
        seed = seeds.get(name.group(1)) if name is not None else None
        pieces.extend(seed.pieces if seed is not None else (Piece(m.group(0), start + m.start(), "", start + m.end()),))
        at = m.end()
    if at < len(value) or not pieces:
        pieces.append(Piece(value[at:], start + at))
    return Text(tuple(pieces))


_NAME = lazy_re.compile(r"\$\(([A-Za-z_][\w.-]*)\)")  # ``$(NAME)``: the variable it names


def _aliases(text: str, named: dict[str, Text]) -> dict[str, Text]:
    """The values of ``named`` under the names ``${{ env.NAME }}`` and Azure's ``$(NAME)`` take in
    ``text`` (``_VARIABLE_REFERENCE``)."""
    written = {name.replace(".", "_"): value for name, value in named.items()}
    return {m.group(1): written[m.group(2)] for m in _VARIABLE_REFERENCE.finditer(text) if m.group(2) in written}


def _strings(node: Node) -> list[Node]:
    """A script: one string, or a list of commands; an item that is no string (GitLab's
    ``!reference [.snippets, x]``, pasted in from elsewhere) is passed over, not the whole list."""
    if node.tag == "str":
        return [node]
    if isinstance(node.value, list):
        return [item for item in node.value if item.tag == "str"]
    return []


def blanked(lines: list[str], scalars: list[Node], templates: re.Pattern[str] | None = None,
            words: Sequence[Node] = (), program: str = "", dollars: bool = False
            ) -> tuple[str, list[int], dict[int, list[int]]]:
    """The lines ``scalars`` stand on with only them left standing, each character in its own column,
    and the line of the file each line of the text is. The lines between two scalars far apart (an
    alias and its anchor) are one blank line, so a step costs what its scalars hold, not the distance.
    Expressions (``${{ }}``, and what ``templates`` matches) are references (see ``reference``).
    ``words``: one command's words, each left standing as one word (``_put_words``), given to ``program``
    when the file does not write it. ``dollars``: what ``templates`` matches as ``$$`` is one ``$``, the
    columns after it on its line one to the left of the file's (the third value, ``LineIndex``'s ``moved``)."""
    out: dict[int, list[str]] = {}

    def put(index: int, start: int, text: str) -> None:
        row = out.setdefault(index, [])
        if len(row) < start + len(text):
            row.extend(" " * (start + len(text) - len(row)))
        row[start:start + len(text)] = list(text)

    for node in scalars:
        loc = node.loc
        first = loc.line - 1
        if first >= len(lines):
            continue
        opener = lines[first][loc.col - 1:loc.col] if loc.col >= 1 else ""
        last = (loc.end_line or loc.line) - 1
        if opener in ("|", ">"):  # a block scalar: its content is the lines after the indicator
            if loc.end_col == 1:
                last -= 1
            body = range(first + 1, min(last, len(lines) - 1) + 1)
            folded = opener == ">"
            for n, i in enumerate(body):
                tail = " \\" if folded and n < len(body) - 1 and lines[i].strip() else ""
                put(i, 0, lines[i] + tail)
            continue
        quote = lines[first][loc.col - 2:loc.col - 1] if loc.col >= 2 else ""
        written = lines[first][loc.col - 1:(loc.end_col or len(lines[first]) + 1) - 1] if last == first else ""
        if quote == '"' and last == first and "\\" in written:
            written = _unescaped(written)  # type: ignore[assignment]
            if written is None:
                continue
        elif quote in ("'", '"') and last != first:
            continue  # line folding inside quotes: the text is not the script as written
        if loc.col >= 2:
            put(first, loc.col - 2, ";")  # a new command, even on a line another one stands on
        if last == first:
            put(first, loc.col - 1, written)
            continue
        put(first, loc.col - 1, lines[first][loc.col - 1:] + " \\")  # a folded plain or quoted scalar
        for i in range(first + 1, min(last, len(lines) - 1) + 1):
            end = (loc.end_col or 1) - 1 if i == last else len(lines[i])
            put(i, 0, lines[i][:end] + ("" if i == last else " \\"))
    if words:
        _put_words(lines, words, out, put, program, templates)
    if not out:
        return "", [1], {}
    rows: list[str] = []
    numbers: list[int] = []  # the line of the file each row is
    moved: dict[int, list[int]] = {}
    for i in sorted(out):
        if numbers and i > numbers[-1]:  # lines between (an alias far from its anchor): one blank row, not each
            rows.append("")
            numbers.append(numbers[-1] + 1)
        row = _EXPRESSION.sub(referenced, "".join(out[i]))
        if dollars and templates is not None:
            row, cut = _undollared(row, templates)
            if cut:
                moved[len(rows)] = cut
        elif templates is not None:
            row = templates.sub(referenced, row)
        rows.append(row)
        numbers.append(i + 1)
    return "\n".join(rows) + "\n", numbers, moved


def _undollared(row: str, templates: re.Pattern[str]) -> tuple[str, list[int]]:
    """``row`` with each ``$$`` that ``templates`` matches one ``$``, and every other match a reference
    (``referenced``); and the column of each ``$`` so left, in the row returned."""
    parts: list[str] = []
    cut: list[int] = []
    at = size = 0
    for m in templates.finditer(row):
        parts.append(row[at:m.start()])
        size += m.start() - at
        if m.group(0) == "$$":
            cut.append(size)
        written = "$" if m.group(0) == "$$" else referenced(m)
        parts.append(written)
        size += len(written)
        at = m.end()
    parts.append(row[at:])
    return "".join(parts), cut


_ESCAPE = lazy_re.compile(r'\\(.)')
_PLAIN_WORD = lazy_re.compile(r"[\w./:=@%+,-]+")  # a word the shell reads as written, without quotes


def _quoted(value: str, templates: re.Pattern[str] | None) -> str | None:
    """``value`` as one shell word of the same meaning, its quotes where the blanks around it stand:
    as it is when the shell reads it so, in ``'`` when it holds no reference for the reader to
    follow (what ``templates`` matches: so the shell expands nothing in it, as a container's argv is
    not expanded), else in ``"`` when nothing in it but those references means anything inside them;
    otherwise None."""
    if _PLAIN_WORD.fullmatch(value):
        return value
    if templates is None or not templates.search(value):
        return None if "'" in value else f"'{value}'"
    if any(c in templates.sub("", value) for c in '"\\`$'):
        return None
    return f'"{value}"'


def _put_words(lines: list[str], words: Sequence[Node], out: dict[int, list[str]], put, program: str = "",
               templates: re.Pattern[str] | None = None) -> None:
    """A command given as its words (``[curl, -d, "grant_type=...&scope=studio"]``) as one command line:
    each word where the file writes it, quoted when the shell would read it otherwise (``_quoted``;
    the quotes stand where YAML's own, or the blank before and after it, stand), and each line but
    the last continued. Nothing when a word is not written as it reads (escapes, line folding), cannot
    be quoted, or stands where no quote fits, or when the words are not in the order they are written.
    ``program``, when given, stands in the blank before the first word (nothing, without room for it)."""
    placed: list[tuple[int, int, str]] = []
    for node in words:
        loc, value = node.loc, str(node.value)
        row, col = loc.line - 1, loc.col - 1
        word = _quoted(value, templates)
        if (loc.end_line or loc.line) != loc.line or col < 1 or row >= len(lines) or \
                lines[row][col:col + len(value)] != value or word is None:
            return
        start = col if word == value else col - 1
        if placed and (row, start) <= (placed[-1][0], placed[-1][1] + len(placed[-1][2])):
            return  # out of order, or no blank between two words
        placed.append((row, start, word))
    if program and placed:
        row, start, _ = placed[0]
        if start < len(program) + 1 or "".join(out.get(row, [])[start - len(program) - 1:start]).strip():
            return
        placed.insert(0, (row, start - len(program) - 1, program))
    for row, start, word in placed:
        put(row, start, word)
    for row in range(placed[0][0], placed[-1][0]) if placed else ():
        out.setdefault(row, []).extend(" \\")


def _unescaped(written: str) -> str | None:
    """A double-quoted YAML scalar's script, character for character in its columns, when its only
    escapes are ``\\"`` and ``\\\\`` (``"curl -H \\"Authorization: AppKey $KEY\\" ..."``): each ``\\"``
    is a quote, the column it gives up a space outside the quoted word (before an opening quote, after
    a closing one); ``\\\\`` means to the shell what it means to YAML. Other escapes: None."""
    out, at, opening = [], 0, True
    for m in _ESCAPE.finditer(written):
        if m.group(1) not in ('"', "\\"):
            return None
        out.append(written[at:m.start()])
        out.append(m.group(0) if m.group(1) == "\\" else ' "' if opening else '" ')
        opening = opening != (m.group(1) == '"')
        at = m.end()
    out.append(written[at:])
    return "".join(out)


# Azure Pipelines' macro, ``$(NAME)``: a variable's value put in before the step runs
_MACRO = lazy_re.compile(r"\$\(([A-Za-z_][\w.]*)\)")
# ``${{ env.NAME }}``, ``${{ variables.NAME }}`` and ``$(NAME)`` as ``templated.reference`` writes them: the
# reference's name, and the variable's (its dots written ``_``)
_VARIABLE_REFERENCE = lazy_re.compile(r"\$(_+(?:(?:env|variables)_+)?([A-Za-z]\w*?)_*)(?!\w)")
