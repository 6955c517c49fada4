"""Write examples/*.expected.json: the findings the checker gives on each bundled example.

Run after a deliberate change of behaviour, then review the diff: tests/test_seeds.py holds the
hand-written expectations these files must also agree with.

    python scripts/update_examples.py
"""

from __future__ import annotations

import json
from pathlib import Path

from govdisclose_check import CheckResult, check_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def record(result: CheckResult) -> dict[str, object]:
    """What examples/*.expected.json holds for one result."""
    report = result.report
    return {
        "template": report.template if report else None,
        "year": report.year if report else None,
        "findings": [
            {
                "rule": f.rule,
                "severity": str(f.severity),
                "line": f.location.line,
                "column": f.location.column,
                "table": f.table,
                "row": f.row,
                "col": f.col,
                "about": f.about,
            }
            for f in result.findings
        ],
    }


def main() -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        result = check_file(path)
        text = json.dumps(record(result), ensure_ascii=False, indent=1) + "\n"
        path.with_suffix(".expected.json").write_text(text, encoding="utf-8")
        print(f"{path.name}: {len(result.findings)} findings")


if __name__ == "__main__":
    main()
