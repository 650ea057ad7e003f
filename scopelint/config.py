"""Find and validate configuration; merge defaults < file < command line.

Configuration lives in ``[tool.scopelint]`` of ``pyproject.toml``, or in ``.scopelint.toml`` /
``.scopelint.yaml``, found by walking up from the first path. Unknown keys and codes are errors.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .findings import LEVELS
from .limits import DEFAULT_FILE_TIMEOUT, DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_SIZE, Limits
from .located import short

FAIL_ON = ("error", "warning", "note", "never")
CONFIG_FILES = (".scopelint.toml", ".scopelint.yaml", ".scopelint.yml", "pyproject.toml")
KEYS = ("select", "ignore", "exclude", "fail-on", "catalog", "rules", "per-path-ignores",
        "max-file-size", "max-depth", "file-timeout", "follow-symlinks", "oauth-clients")


class ConfigError(ValueError):
    """A configuration problem; the message is one line and names the file and key."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    catalogs: tuple[str, ...] = ()  # absolute or cwd-relative paths
    levels: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_depth: int = DEFAULT_MAX_DEPTH
    file_timeout: float = DEFAULT_FILE_TIMEOUT
    follow_symlinks: bool = False
    no_ignores: bool = False
    jobs: int | None = None
    path: str | None = None  # the file it came from
    base: str = "."  # the directory config globs are relative to (POSIX, relative to cwd)

    def enabled(self, code: str) -> bool:
        if self.select is not None and not any(_code_matches(code, s) for s in self.select):
            return False
        return not any(_code_matches(code, i) for i in self.ignore)

    @property
    def limits(self) -> Limits:
        return Limits(self.max_file_size, self.max_depth, self.file_timeout)

    def options_for(self, code: str, defaults: Mapping[str, object]) -> dict[str, object]:
        merged = dict(defaults)
        merged.update(self.options.get(code, {}))
        return merged


def _code_matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def check_codes(codes: Sequence[str], where: str) -> tuple[str, ...]:
    """``codes`` as given, when each is ``ALL`` or the prefix of a rule's code."""
    from .rules import BY_CODE, code_range

    for code in codes:
        if code != "ALL" and not any(k.startswith(code) for k in BY_CODE) or not code:
            raise ConfigError(f"{where}: unknown rule code {short(code)} (known: {code_range()})")
    return tuple(codes)


def for_paths(paths: Sequence[str], config_file: str | None = None) -> Config:
    """The configuration of a run: ``config_file`` when given, else the nearest configuration
    file above the first path, else the defaults. ``check``, ``suggest``, ``review`` and
    ``linter.run`` all find it here."""
    if config_file:
        if not os.path.isfile(config_file):
            raise ConfigError(f"config file {config_file!r} does not exist")
        return load(Path(config_file))
    found = discover(paths)
    return load(found) if found else Config()


def discover(paths: Sequence[str]) -> Path | None:
    """The nearest configuration file above the first path, or None."""
    start = Path(paths[0] if paths else ".").resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    from .inputs import MAX_CONFIG_SIZE, TooLarge, read_bytes

    try:
        return b"[tool.scopelint" in read_bytes(path, MAX_CONFIG_SIZE)
    except TooLarge as exc:  # too large to be read as config: say so when it is ours
        return b"[tool.scopelint" in exc.head
    except OSError:
        return False


def load(path: Path) -> Config:
    raw = _read(path)
    base = os.path.relpath(path.parent, Path.cwd()) if path.is_absolute() else str(path.parent)
    return from_mapping(raw, str(path), base.replace(os.sep, "/"))


def _read(path: Path) -> Mapping[str, object]:
    from . import located
    from .inputs import MAX_CONFIG_SIZE, read_text

    try:
        text = read_text(path, MAX_CONFIG_SIZE)
    except OSError as exc:
        raise ConfigError(f"cannot read config {str(path)!r}: {exc.strerror or exc}") from None
    try:
        data = located.load(text, str(path), "yaml" if path.suffix in (".yaml", ".yml") else "toml") or {}
    except located.ParseError as exc:
        raise ConfigError(f"cannot parse config {str(path)!r}: {exc.message} (line {exc.line}, column {exc.col})") from None
    if path.name == "pyproject.toml" and isinstance(data, Mapping):
        tool = data.get("tool", {})
        data = tool.get("scopelint", {}) if isinstance(tool, Mapping) else {}
    if not isinstance(data, Mapping):
        raise ConfigError(f"{path}: configuration must be a mapping")
    return data


def _norm(key: str) -> str:
    return key.replace("_", "-")


def from_mapping(raw: Mapping[str, object], where: str = "config", base: str = ".") -> Config:
    data = {_norm(str(k)): v for k, v in raw.items()}
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(map(short, unknown[:5]))}{', …' if len(unknown) > 5 else ''} (known: {', '.join(KEYS)})")
    cfg = Config(path=where, base=base)
    if "select" in data:
        cfg = replace(cfg, select=check_codes(_str_list(data["select"], "select", where), where))
    if "ignore" in data:
        cfg = replace(cfg, ignore=check_codes(_str_list(data["ignore"], "ignore", where), where))
    if "exclude" in data:
        cfg = replace(cfg, exclude=tuple(_str_list(data["exclude"], "exclude", where)))
    if "fail-on" in data:
        cfg = replace(cfg, fail_on=_choice(data["fail-on"], FAIL_ON, "fail-on", where))
    if "catalog" in data:
        cats = _str_list(data["catalog"], "catalog", where)
        cfg = replace(cfg, catalogs=tuple(os.path.normpath(os.path.join(base, c)) for c in cats))
    if "rules" in data:
        levels, options = _rules(data["rules"], where)
        cfg = replace(cfg, levels=levels, options=options)
    if "per-path-ignores" in data:
        cfg = replace(cfg, per_path_ignores=_per_path(data["per-path-ignores"], where))
    for key, attr, kind in (("max-file-size", "max_file_size", int), ("max-depth", "max_depth", int),
                            ("file-timeout", "file_timeout", (int, float)), ("follow-symlinks", "follow_symlinks", bool)):
        if key in data:
            value = data[key]
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)) or (kind is not bool and value <= 0):
                must = "true or false" if kind is bool else "a positive number"
                raise ConfigError(f"{where}: {key!r} must be {must}")
            cfg = replace(cfg, **{attr: value})
    return cfg


def _str_list(value: object, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split() if v]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where}: {key!r} must be a list of strings")


def _choice(value: object, allowed: tuple[str, ...], key: str, where: str) -> str:
    if value not in allowed:
        raise ConfigError(f"{where}: {key!r} must be one of {', '.join(allowed)}, not {short(value)}")
    return str(value)


def _rules(value: object, where: str) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
    from .rules import BY_CODE

    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: 'rules' must map rule codes to settings")
    levels: dict[str, str] = {}
    options: dict[str, dict[str, object]] = {}
    for code, settings in value.items():
        rule = BY_CODE.get(str(code))
        if rule is None:
            raise ConfigError(f"{where}: unknown rule code {short(code)} in 'rules'")
        if not isinstance(settings, Mapping):
            raise ConfigError(f"{where}: rules.{code} must be a table of settings")
        allowed = dict(getattr(rule, "OPTIONS", {}))
        for key, setting in settings.items():
            key = _norm(str(key))
            if key == "level":
                levels[code] = _choice(setting, LEVELS, f"rules.{code}.level", where)
            elif key in allowed:
                _option(rule, key, setting, allowed[key], f"rules.{code}.{key}", where)
                options.setdefault(str(code), {})[key] = setting
            else:
                known = ", ".join(["level", *allowed])
                raise ConfigError(f"{where}: unknown setting {short(key)} for {code} (known: {known})")
    return levels, options


def _option(rule, key: str, setting: object, default: object, name: str, where: str) -> None:
    """A rule setting must have its default's type; a list setting may only hold the rule's choices."""
    if type(setting) is not type(default) and not (isinstance(default, float) and isinstance(setting, int)):
        raise ConfigError(f"{where}: {name} must be a {type(default).__name__}")
    choices = getattr(rule, "OPTION_CHOICES", {}).get(key)
    if choices and isinstance(setting, list):
        bad = [item for item in setting if item not in choices]
        if bad:
            raise ConfigError(f"{where}: {name} may only hold {', '.join(choices)}, not {short(bad[0])}")


def _per_path(value: object, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: 'per-path-ignores' must map globs to lists of codes")
    return tuple((str(glob), check_codes(_str_list(codes, f"per-path-ignores.{glob}", where), where))
                 for glob, codes in value.items())
