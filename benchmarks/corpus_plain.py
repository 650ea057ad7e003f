"""Ordinary monorepo content: code, config, docs, notebooks, scripts, data and binaries that have
nothing to do with the platform scopelint checks. Files are assembled from seeded pools of blocks,
so a large tree is quick to build and the same seed always gives the same bytes."""
from __future__ import annotations

import base64
import json
import random
import struct
import textwrap
import zlib

WORDS = (
    "account", "order", "invoice", "customer", "shipment", "ledger", "vendor", "payment", "report", "batch",
    "record", "event", "metric", "session", "cache", "queue", "worker", "schedule", "outbound", "ingest",
    "profile", "region", "warehouse", "product", "price", "discount", "refund", "audit", "summary", "delta",
    "window", "bucket", "partition", "cursor", "snapshot", "target", "source", "mapping", "header", "payload",
    "status", "retry", "limit", "offset", "filter", "column", "table", "index", "label", "channel",
)
VERBS = ("load", "build", "parse", "render", "fetch", "update", "merge", "compute", "validate", "resolve",
         "collect", "publish", "sync", "split", "format", "normalize", "apply", "flush", "prepare", "check")
SENTENCES = (
    "This service owns the {w} pipeline and publishes a {w2} event when a run completes.",
    "Run the {w} job locally with the make target before opening a pull request.",
    "The {w} table is partitioned by day; keep queries bounded by the {w2} column.",
    "Retries back off exponentially and give up after the configured {w} limit.",
    "Configuration is read from the environment first, then from the {w} file.",
    "See the runbook for how to replay a failed {w} batch without duplicating {w2} rows.",
    "Owners review changes to the {w} schema; add a migration for every new {w2} field.",
    "Metrics are exported under the {w}_{w2} prefix and scraped every thirty seconds.",
)
DEPENDENCIES = ("react", "lodash", "express", "zod", "dayjs", "pino", "uuid", "vitest", "typescript", "eslint",
                "prettier", "undici", "yaml", "commander", "chalk", "ws", "redis", "pg", "knex", "jest")


def ident(rng: random.Random, parts: int = 2) -> str:
    return "_".join(rng.choice(WORDS if i else VERBS) for i in range(parts))


def camel(rng: random.Random) -> str:
    return rng.choice(VERBS) + rng.choice(WORDS).title() + rng.choice(WORDS).title()


def sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(w=rng.choice(WORDS), w2=rng.choice(WORDS))


def _py_statement(rng: random.Random, v: str) -> str:
    w, n = rng.choice(WORDS), rng.randint(1, 500)
    return rng.choice((
        f"    {v} = {ident(rng)}({w}, limit={n})",
        f"    if {v} is None:\n        return {n}",
        f"    for item in {v}:\n        {w}_list.append(item.{w})",
        f'    logger.debug("{w} %s", {v})',
        f'    {v} = {{"{w}": {w}_id, "{rng.choice(WORDS)}": {n}}}',
        f"    # keep {w} ordering stable for downstream consumers\n    {v} = sorted({v}, key=lambda r: r.{w})",
        f'    {v} = "{w}-{n}".upper()',
    ))


def py_block(rng: random.Random) -> str:
    name, v = ident(rng), rng.choice(WORDS)
    args = ", ".join(sorted(set(rng.sample(WORDS, rng.randint(1, 4)))))
    body = "\n".join(_py_statement(rng, v) for _ in range(rng.randint(3, 12)))
    if rng.random() < 0.25:
        cls = rng.choice(WORDS).title() + rng.choice(WORDS).title()
        method = f"def {name}(self, {args}):\n{body}\n    return {v}\n"
        return f'class {cls}:\n    """{sentence(rng)}"""\n\n' + textwrap.indent(method, "    ")
    return f'def {name}({args}):\n    """{sentence(rng)}"""\n{body}\n    return {v}\n'


def _js_statement(rng: random.Random, v: str) -> str:
    w, n = rng.choice(WORDS), rng.randint(1, 500)
    return rng.choice((
        f"  {v}.{w} = await {camel(rng)}({v}, {{ limit: {n} }});",
        f"  if (!{v}) {{\n    return null;\n  }}",
        f"  for (const item of {v}) {{\n    {w}List.push(item.{w});\n  }}",
        f"  logger.info(`{w} ${{{v}.length}}`);",
        f"  // keep {w} ordering stable for downstream consumers\n  {v}.sort((a, b) => a.{w} - b.{w});",
        f'  {v}.{w}Key = "{w}-{n}";',
    ))


def js_block(rng: random.Random, typed: bool = False, name: str = "") -> str:
    name, v = name or camel(rng), rng.choice(WORDS)
    body = "\n".join(_js_statement(rng, v) for _ in range(rng.randint(3, 10)))
    sig = f"{v}: {rng.choice(WORDS).title()}[]" if typed else v
    ret = ": Promise<unknown>" if typed else ""
    head = f"export interface {v.title()} {{\n  id: string;\n  {rng.choice(WORDS)}: number;\n}}\n\n" if typed and rng.random() < 0.3 else ""
    return f"{head}/** {sentence(rng)} */\nexport async function {name}({sig}){ret} {{\n{body}\n  return {v};\n}}\n"


def yaml_block(rng: random.Random) -> str:
    name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"
    return rng.choice((
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  labels:\n    app: {name}\nspec:\n"
        f"  replicas: {rng.randint(1, 6)}\n  template:\n    spec:\n      containers:\n        - name: {name}\n"
        f"          image: registry.example.com/{name}:{rng.randint(1, 90)}.{rng.randint(0, 20)}\n"
        f"          env:\n            - name: LOG_LEVEL\n              value: info\n"
        f"            - name: {rng.choice(WORDS).upper()}_BATCH_SIZE\n              value: \"{rng.randint(10, 900)}\"\n",
        f"{name}:\n  enabled: {rng.choice(('true', 'false'))}\n  interval: {rng.randint(1, 60)}m\n"
        f"  targets:\n" + "".join(f"    - {rng.choice(WORDS)}-{i}\n" for i in range(rng.randint(1, 5))),
        f"- name: {sentence(rng)[:40].strip()}\n  run: make {rng.choice(VERBS)}-{rng.choice(WORDS)}\n"
        f"  timeout-minutes: {rng.randint(5, 60)}\n",
    ))


def md_block(rng: random.Random) -> str:
    heading = f"## {rng.choice(VERBS).title()} the {rng.choice(WORDS)}\n\n"
    para = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
    code = f"\n\n```sh\nmake {rng.choice(VERBS)}-{rng.choice(WORDS)}\n```" if rng.random() < 0.3 else ""
    return heading + para + code + "\n"


def sh_block(rng: random.Random) -> str:
    name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}"
    return rng.choice((
        f'docker build -t "registry.example.com/{name}:${{VERSION}}" .\ndocker push "registry.example.com/{name}:${{VERSION}}"\n',
        f'kubectl -n "${{NAMESPACE:-default}}" rollout restart deployment/{name}\n',
        f'aws s3 sync "./out/{rng.choice(WORDS)}" "s3://example-{name}/$(date +%F)/" --only-show-errors\n',
        f'echo "{rng.choice(VERBS)}ing {name}"\npython -m {rng.choice(WORDS)}.{rng.choice(VERBS)} --limit {rng.randint(1, 999)}\n',
        f'if [ -z "${{{rng.choice(WORDS).upper()}_DIR:-}}" ]; then\n  echo "missing directory" >&2\n  exit 2\nfi\n',
    ))


class Pools:
    """Blocks per language, built once; a file is a header plus blocks drawn with replacement."""

    def __init__(self, rng: random.Random, size: int = 600) -> None:
        self.py = [py_block(rng) for _ in range(size)]
        self.js = [js_block(rng, name=name) for name in unique_names(rng, size)]
        self.ts = [js_block(rng, typed=True, name=name) for name in unique_names(rng, size)]
        self.yaml = [yaml_block(rng) for _ in range(size // 2)]
        self.md = [md_block(rng) for _ in range(size // 2)]
        self.sh = [sh_block(rng) for _ in range(size // 4)]


def unique_names(rng: random.Random, n: int) -> list[str]:
    """Function names that never clash inside one module (JavaScript refuses duplicates)."""
    names: dict[str, None] = {}
    while len(names) < n:
        names[camel(rng)] = None
    return list(names)


def blocks(rng: random.Random, pool: list[str], mean: float = 1.85) -> str:
    k = min(len(pool), max(1, int(rng.lognormvariate(mean, 0.8))))
    return "\n\n".join(rng.sample(pool, k))


def python_file(rng: random.Random, pools: Pools) -> str:
    imports = sorted(rng.sample(("json", "logging", "os", "re", "time", "typing", "dataclasses", "pathlib"), 3))
    head = f'"""{sentence(rng)}"""\nfrom __future__ import annotations\n\n' + "".join(f"import {m}\n" for m in imports)
    return head + "\nlogger = logging.getLogger(__name__)\n\n\n" + blocks(rng, pools.py)


def js_file(rng: random.Random, pools: Pools, typed: bool = False) -> str:
    deps = rng.sample(DEPENDENCIES, 2)
    head = "".join(f'import {d.replace("-", "")} from "{d}";\n' for d in deps)
    return head + 'import { logger } from "../lib/logger";\n\n' + blocks(rng, pools.ts if typed else pools.js)


def yaml_file(rng: random.Random, pools: Pools) -> str:
    return "---\n".join(rng.choices(pools.yaml, k=rng.randint(1, 6)))


def markdown_file(rng: random.Random, pools: Pools) -> str:
    return f"# {rng.choice(WORDS).title()} {rng.choice(WORDS)}\n\n{sentence(rng)}\n\n" + blocks(rng, pools.md, 1.2)


def shell_file(rng: random.Random, pools: Pools) -> str:
    return "#!/usr/bin/env bash\nset -euo pipefail\n\n" + "\n".join(rng.choices(pools.sh, k=rng.randint(2, 12)))


def json_file(rng: random.Random) -> str:
    if rng.random() < 0.3:
        deps = {d: f"^{rng.randint(1, 9)}.{rng.randint(0, 30)}.0" for d in sorted(rng.sample(DEPENDENCIES, 5))}
        doc: object = {"name": f"@example/{rng.choice(WORDS)}", "version": "1.0.0", "private": True, "dependencies": deps}
    else:
        doc = [{"id": i, rng.choice(WORDS): rng.randint(0, 10**6), "label": rng.choice(WORDS)}
               for i in range(rng.randint(2, 120))]
    return json.dumps(doc, indent=2) + "\n"


def notebook_file(rng: random.Random, pools: Pools) -> str:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": [f"# {sentence(rng)}"]}]
    for _ in range(rng.randint(2, 8)):
        cells.append(code_cell(rng.choice(pools.py).splitlines(keepends=True), rng))
    return notebook(cells)


def code_cell(source: list[str], rng: random.Random, image: bool = True) -> dict:
    outputs: list[dict] = []
    if image and rng.random() < 0.3:  # plots dominate real notebooks' size
        png = base64.b64encode(png_bytes(rng, rng.randint(2_000, 40_000))).decode()
        outputs.append({"data": {"image/png": png, "text/plain": ["<Figure>"]}, "metadata": {},
                        "output_type": "display_data"})
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": outputs, "source": source}


def notebook(cells: list[dict]) -> str:
    meta = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    return json.dumps({"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}, indent=1, sort_keys=True) + "\n"


def env_file(rng: random.Random) -> str:
    name = rng.choice(WORDS)
    return (f"DATABASE_URL=postgres://app@db.internal:5432/{name}\nREDIS_URL=redis://cache.internal:6379/0\n"
            f"LOG_LEVEL={rng.choice(('debug', 'info', 'warning'))}\n{name.upper()}_BATCH_SIZE={rng.randint(10, 999)}\n")


def dockerfile(rng: random.Random) -> str:
    return (f"FROM python:3.{rng.randint(9, 12)}-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
            f"RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nENV LOG_LEVEL=info\n"
            f'CMD ["python", "-m", "{rng.choice(WORDS)}.main"]\n')


def csv_file(rng: random.Random, rows: int) -> str:
    cols = rng.sample(WORDS, 6)
    lines = [",".join(cols)]
    lines.extend(",".join(str(rng.randint(0, 99999)) for _ in cols) for _ in range(rows))
    return "\n".join(lines) + "\n"


def png_bytes(rng: random.Random, size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", rng.randint(16, 2048), rng.randint(16, 2048), 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rng.randbytes(size)) + chunk(b"IEND", b"")


def elf_bytes(rng: random.Random, size: int) -> bytes:
    header = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + struct.pack("<HHI", 3, 62, 1)
    names = b"\x00".join(f"{ident(rng)}_v{rng.randint(1, 9)}".encode() for _ in range(40))
    return header + rng.randbytes(size) + b"\x00.text\x00.data\x00.bss\x00" + names


def large_text(rng: random.Random, pools: Pools, kind: str, target: int) -> str:
    """A generated module, fixture dump, export or bundle of about ``target`` bytes."""
    if kind == "csv":
        return csv_file(rng, target // 34)
    pool = {"py": pools.py, "js": pools.js, "json": None}[kind]
    if pool is None:
        rows = [{"id": i, "name": rng.choice(WORDS), "value": rng.randint(0, 10**9)} for i in range(target // 48)]
        return json.dumps(rows) + "\n"
    parts, size = [], 0
    while size < target:
        block = rng.choice(pool)
        parts.append(block if kind == "py" else block.replace("\n", " "))
        size += len(block) + 2
    return "\n\n".join(parts)
