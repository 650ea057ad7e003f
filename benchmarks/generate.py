"""Generate a deterministic synthetic monorepo for benchmarking scopelint.

    python benchmarks/generate.py --size small --out /tmp/corpus --seed 42

Mostly ordinary code and configuration; about 1% of files use Celonis (token requests, SDK calls,
client definitions, env files, with realistic mistakes); a few large files (some over scopelint's
2 MiB default cap) and some binary ones. The same seed gives a byte-identical tree. What was
planted is written to ``DIR/.benchmark-manifest.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corpus_celonis as celonis  # noqa: E402
import corpus_plain as plain  # noqa: E402

SIZES = {"tiny": 50, "small": 1_000, "large": 20_000}
MANIFEST = ".benchmark-manifest.json"
VERSION = 1
DEFAULT_CAP = 2 * 1024 * 1024
# ordinary file kinds and their share of the tree
WEIGHTS = {
    "python": 27, "javascript": 9, "typescript": 12, "yaml": 10, "json": 10, "markdown": 9, "notebook": 3,
    "shell": 5, "env": 1, "dockerfile": 1, "csv": 3, "png": 3, "so": 1,
}
EXT = {"python": ".py", "javascript": ".js", "typescript": ".ts", "yaml": ".yaml", "json": ".json",
       "markdown": ".md", "notebook": ".ipynb", "shell": ".sh", "csv": ".csv", "png": ".png", "so": ".so"}
SEMGREPIGNORE = "# the same folders scopelint's walker skips; semgrep's built-in list would also skip tests/\nnode_modules/\n.git/\n"


class Tree:
    """Places files in a monorepo layout and writes them, keeping names unique."""

    def __init__(self, root: Path, rng: random.Random, files: int) -> None:
        self.root, self.rng = root, rng
        units = max(3, files // 60)
        self.units = [f"{rng.choice(plain.WORDS)}-{rng.choice(plain.WORDS)}" for _ in range(units)]
        self.topics = [rng.choice(plain.WORDS) for _ in range(max(2, files // 200))]
        self.used: set[str] = set()
        self.made: set[Path] = set()
        self.bytes = 0

    def folder(self, place: str) -> str:
        u, t, r = self.rng.choice(self.units), self.rng.choice(self.topics), self.rng.random()
        return {
            "python": f"services/{u}/tests" if r < 0.25 else f"services/{u}/src/{u.replace('-', '_')}",
            "service": f"services/{u}/src/{u.replace('-', '_')}",
            "javascript": f"apps/{u}/src/components" if r < 0.4 else f"apps/{u}/src", "web": f"apps/{u}/src",
            "typescript": f"packages/{u}/src", "yaml": (".github/workflows" if r < 0.1 else f"infra/k8s/{u}" if r < 0.6
                                                         else f"services/{u}/config"),
            "json": f"data/fixtures/{t}" if r < 0.5 else f"packages/{u}", "markdown": f"docs/{t}" if r < 0.6 else f"services/{u}",
            "docs": f"docs/{t}", "notebook": f"notebooks/{t}", "notebooks": f"notebooks/{t}",
            "shell": "scripts" if r < 0.5 else f"services/{u}/bin", "scripts": "scripts", "env": f"services/{u}",
            "dockerfile": f"services/{u}", "config": f"services/{u}/config", "csv": f"data/{t}",
            "png": f"assets/{u}", "so": f"lib/native/{u}",
        }[place]

    def write(self, folder: str, name: str, data: bytes) -> str:
        rel, n = f"{folder}/{name}", 1
        while rel in self.used:
            stem, dot, ext = name.rpartition(".")
            rel = f"{folder}/{stem}_{n}.{ext}" if dot and stem else f"{folder}/{name}_{n}"
            n += 1
        self.used.add(rel)
        path = self.root / rel
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        path.write_bytes(data)
        self.bytes += len(data)
        return rel


def ordinary(kind: str, rng: random.Random, pools: plain.Pools) -> tuple[str, bytes]:
    """(file name, content) for one ordinary file of ``kind``."""
    stem = plain.ident(rng) if kind in ("python", "shell", "csv") else plain.camel(rng)
    if kind == "env":
        return ".env.example", plain.env_file(rng).encode()
    if kind == "dockerfile":
        return "Dockerfile", plain.dockerfile(rng).encode()
    if kind in ("png", "so"):
        size = int(rng.lognormvariate(9.3, 1.0))
        data = plain.png_bytes(rng, size) if kind == "png" else plain.elf_bytes(rng, size * 3)
        return (f"{stem}.png" if kind == "png" else f"lib{stem.lower()}.so"), data
    text = {
        "python": lambda: plain.python_file(rng, pools), "javascript": lambda: plain.js_file(rng, pools),
        "typescript": lambda: plain.js_file(rng, pools, typed=True), "yaml": lambda: plain.yaml_file(rng, pools),
        "json": lambda: plain.json_file(rng), "markdown": lambda: plain.markdown_file(rng, pools),
        "notebook": lambda: plain.notebook_file(rng, pools), "shell": lambda: plain.shell_file(rng, pools),
        "csv": lambda: plain.csv_file(rng, rng.randint(20, 2_000)),
    }[kind]()
    return stem + EXT[kind], text.encode()


def large(tree: Tree, rng: random.Random, pools: plain.Pools, index: int) -> bool:
    """A large file; even indexes stay under the default cap, odd ones go over it. True if over."""
    over = index % 2 == 1
    kind = rng.choice(("csv", "js")) if over else rng.choice(("py", "json"))
    target = rng.randint(2_500_000, 4_500_000) if over else rng.randint(1_200_000, 1_990_000)
    u = rng.choice(tree.units)
    folder, name = {"csv": ("data/exports", f"{u}.csv"), "js": (f"apps/{u}/public", "bundle.min.js"),
                    "py": (f"services/{u}/src/generated", f"{u.replace('-', '_')}_pb2.py"),
                    "json": ("data/fixtures", f"{u}-dump.json")}[kind]
    tree.write(folder, name, plain.large_text(rng, pools, kind, target).encode())
    return over


def counts(files: int) -> tuple[int, int, int]:
    """(planted, decoys, large) for a tree of ``files`` files: about 1% each, never none."""
    return max(len(celonis.PLANTERS), files // 100), max(3, files // 100), max(2, files // 1000)


def generate(out: Path, files: int, seed: int, size_label: str) -> dict:
    rng = random.Random(seed)
    pools = plain.Pools(rng)
    tree = Tree(out, rng, files)
    n_plant, n_decoy, n_large = counts(files)
    manifest: dict = {"generator": VERSION, "seed": seed, "size": size_label, "files": files}
    planted = _plant(tree, rng, n_plant)
    for _ in range(n_decoy):
        place, name, text = celonis.decoy(rng)
        tree.write(tree.folder(place), name, text.encode())
    over = sum(large(tree, rng, pools, i) for i in range(n_large))
    kinds = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=max(0, files - n_plant - n_decoy - n_large))
    for kind in kinds:
        name, data = ordinary(kind, rng, pools)
        tree.write(tree.folder(kind), name, data)
    (out / ".semgrepignore").write_text(SEMGREPIGNORE, encoding="utf-8")
    manifest.update({
        "bytes": tree.bytes, "ordinary_by_kind": dict(sorted(Counter(kinds).items())),
        "binary_files": sum(k in ("png", "so") for k in kinds),
        "large_files": {"under_default_cap": n_large - over, "over_default_cap": over, "default_cap": DEFAULT_CAP},
        "decoy_files": n_decoy, "planted": planted,
    })
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def _plant(tree: Tree, rng: random.Random, n: int) -> dict:
    forms: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    files = {}
    for i in range(n):
        plant = celonis.PLANTERS[i % len(celonis.PLANTERS)](rng)
        path = tree.write(tree.folder(plant.place), plant.name, plant.text.encode())
        files[path] = {"form": plant.form, "token_requests": plant.token_requests, "secrets": plant.secrets}
        forms[plant.form] += 1
        totals.update({"token_requests": plant.token_requests, "secrets": plant.secrets, "clients": plant.clients,
                       **plant.extra})
    return {"files": n, **dict(totals), "files_by_form": dict(sorted(forms.items())), "by_path": dict(sorted(files.items()))}


def files_for(size: str) -> int:
    if size in SIZES:
        return SIZES[size]
    if size.isdigit() and int(size) > 0:
        return int(size)
    raise ValueError(f"size must be one of {', '.join(SIZES)} or a number of files, not {size!r}")


def prepare(out: Path) -> None:
    """An empty output folder; an earlier corpus (it has a manifest) is replaced, anything else refused."""
    if out.exists() and any(out.iterdir()):
        if not (out / MANIFEST).is_file():
            raise ValueError(f"{str(out)!r} is not empty and holds no {MANIFEST}; refusing to overwrite it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="small", help="tiny (~50 files), small (~1,000), large (~20,000) or a number")
    parser.add_argument("--out", required=True, type=Path, help="output folder (created; an earlier corpus is replaced)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    try:
        files = files_for(args.size)
        prepare(args.out)
    except (ValueError, OSError) as exc:
        print(f"generate.py: error: {exc}", file=sys.stderr)
        return 2
    manifest = generate(args.out, files, args.seed, args.size)
    planted = manifest["planted"]
    print(f"{args.out}: {files:,} files, {manifest['bytes'] / 1e6:,.1f} MB, {planted['files']} with planted usage "
          f"({planted['token_requests']} token requests)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
