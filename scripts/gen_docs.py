"""Generate the rule list in README.md and docs/rules.md from rules/.

python scripts/gen_docs.py          # rewrite the files
python scripts/gen_docs.py --check  # exit 1 if they are stale (the test suite runs this check)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govdisclose_check.catalog import Catalog, load_catalog

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rule_table(catalog: Catalog, link_prefix: str) -> str:
    lines = ["| 代码 code | 名称 name | 级别 severity | 检查内容 | what it checks |", "|---|---|---|---|---|"]
    for r in catalog.rules:
        code = f"[{r.code}]({link_prefix}{r.code}.md)"
        lines.append(f"| {code} | `{r.name}` | {r.severity} | {r.summary_zh} | {r.summary_en} |")
    return "\n".join(lines)


def readme_text(catalog: Catalog, current: str) -> str:
    head, _, rest = current.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{rule_table(catalog, 'rules/docs/')}\n{END}{tail}"


def rules_page(catalog: Catalog) -> str:
    parts = [
        "# 规则 Rules\n",
        "本页由 `scripts/gen_docs.py` 根据 `rules/` 生成，请勿手工编辑。"
        " Generated from `rules/` by `scripts/gen_docs.py`; do not edit by hand.\n",
        rule_table(catalog, "../rules/docs/"),
        "",
    ]
    for r in catalog.rules:
        doc = catalog.docs / f"{r.code}.md"
        body = doc.read_text(encoding="utf-8").strip() if doc.is_file() else f"# {r.code} {r.name}"
        parts.append("#" + body.replace("\n#", "\n##"))
        parts.append("")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    catalog = load_catalog(ROOT / "rules")
    targets = {
        ROOT / "README.md": readme_text(catalog, (ROOT / "README.md").read_text(encoding="utf-8")),
        ROOT / "docs" / "rules.md": rules_page(catalog),
    }
    stale = [p for p, text in targets.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run python scripts/gen_docs.py)", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(targets[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
