"""Render a Report as a rich table, JSON, JUnit XML, GitHub annotations or SARIF 2.1.0."""

from __future__ import annotations

import json
from collections import defaultdict
from enum import StrEnum
from pathlib import Path
from typing import Any

from klisting import __version__
from klisting.model import Report, Severity


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    junit = "junit"
    github = "github"
    sarif = "sarif"


def render(report: Report, fmt: ReportFormat) -> str:
    """The report as text in ``fmt`` (the table as plain text, for a file)."""
    return {
        ReportFormat.table: to_table_text,
        ReportFormat.json: to_json,
        ReportFormat.junit: to_junit,
        ReportFormat.github: to_github,
        ReportFormat.sarif: to_sarif,
    }[fmt](report)


def to_json(report: Report) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2)


def to_table_text(report: Report) -> str:
    """The table rendering without colours, for writing to a file."""
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    print_table(report, Console(file=buffer, width=160, color_system=None))
    return buffer.getvalue().rstrip()


def print_table(report: Report, console: Any, limit: int = 200) -> None:
    """A rich table of findings (first ``limit``) and a one-line summary."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    if not console.is_terminal:
        # Piped or captured output: do not fold codes and locations at 80 columns.
        console = Console(
            file=console.file, width=max(console.width, 200), color_system=None, soft_wrap=True
        )
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    if report.findings:
        columns = ["where", "sku", "field", "severity", "code", "message"]
        if report.targets:
            columns.insert(4, "target")
        table = Table(show_lines=False, header_style="bold")
        for column in columns:
            table.add_column(column, overflow="fold")
        for finding in report.findings[:limit]:
            colour = colours[finding.severity]
            cells = [
                finding.location or "",
                finding.sku or "",
                finding.field or "",
                f"[{colour}]{finding.severity.value}[/{colour}]",
                finding.code,
                finding.message,
            ]
            if report.targets:
                cells.insert(4, finding.target or "")
            # Cell text quotes the seller's data, which may hold [brackets]: never markup.
            table.add_row(*(c if c.startswith(f"[{colour}]") else escape(c) for c in cells))
        console.print(table)
        if len(report.findings) > limit:
            console.print(
                f"... and {len(report.findings) - limit} more (use --format json for all)"
            )
        _print_hints(report, console, limit)
    counts = report.counts()
    console.print(
        f"{report.products} products checked: [red]{counts['error']} errors[/red], "
        f"[yellow]{counts['warning']} warnings[/yellow], {counts['info']} info"
        + (f" (targets: {', '.join(report.targets)})" if report.targets else "")
    )


def _print_hints(report: Report, console: Any, limit: int) -> None:
    """What to do, once per code shown (the table itself stays one line per finding)."""
    from rich.markup import escape

    hints: dict[str, str] = {}
    for finding in report.findings[:limit]:
        if finding.hint and finding.code not in hints:
            hints[finding.code] = finding.hint
    if hints:
        console.print("[bold]What to do[/bold]")
        for code, hint in hints.items():
            console.print(f"  {escape(code)}: {escape(hint)}")


def to_github(report: Report) -> str:
    """GitHub Actions workflow commands: one ::error/::warning/::notice line per finding."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for finding in report.findings:
        props = [
            f"file={_gh_prop(finding.file or report.source)}",
            f"title={_gh_prop(finding.code)}",
        ]
        if finding.row:
            props.insert(1, f"line={finding.row}")
        text = f"{finding.location}: {finding.message}" + (
            f" ({finding.hint})" if finding.hint else ""
        )
        lines.append(f"::{level[finding.severity]} {','.join(props)}::{_gh_data(text)}")
    return "\n".join(lines)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def to_junit(report: Report) -> str:
    """JUnit XML: one test case per product checked, and one for the catalog itself.

    ``tests`` counts the products (plus the catalog case when the catalog has findings of its
    own: missing columns, guide rows, unmapped columns); a case fails when it has an error.
    """
    from xml.sax.saxutils import quoteattr  # JUnit only: xml pulls in urllib at import

    catalog_level, by_product = _split_findings(report)
    classname = quoteattr(Path(report.source).name)
    cases = []
    if catalog_level:
        cases.append(_junit_case(classname, "catalog (columns and file)", catalog_level))
    for (row, sku), findings in sorted(by_product.items()):
        cases.append(_junit_case(classname, f"row {row} {sku}".strip(), findings))
    clean = max(report.products - len(by_product), 0)
    for number in range(1, clean + 1):
        cases.append(
            f"    <testcase classname={classname} name={quoteattr(f'product without findings {number} of {clean}')}/>"
        )
    failures = sum(1 for case in cases if "<failure " in case)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="klisting validate" tests="{len(cases)}" failures="{failures}">\n'
        f'  <testsuite name={quoteattr(report.source)} tests="{len(cases)}" failures="{failures}" errors="0">\n'
        + "\n".join(cases)
        + "\n  </testsuite>\n</testsuites>"
    )


def _split_findings(report: Report) -> tuple[list, dict[tuple, list]]:
    """Catalog-level findings (no product: missing columns, reader notes) and findings per product."""
    catalog_level: list = []
    by_product: dict[tuple, list] = defaultdict(list)
    for finding in report.findings:
        if finding.row is None or finding.code.startswith("catalog."):
            catalog_level.append(finding)
        else:
            by_product[(finding.row, finding.sku or "")].append(finding)
    return catalog_level, by_product


def _junit_case(classname: str, name: str, findings: list) -> str:
    from xml.sax.saxutils import escape, quoteattr

    body = []
    for f in findings:
        where = f"{f.location}: " if f.location else ""
        text = escape(f"{where}{f.message}" + (f"\nhint: {f.hint}" if f.hint else ""))
        if f.severity is Severity.ERROR:
            body.append(
                f"      <failure type={quoteattr(f.code)} message={quoteattr(f.message)}>{text}</failure>"
            )
        else:
            body.append(
                f"      <system-out>{escape(f.severity.value)} {escape(f.code)}: {text}</system-out>"
            )
    return (
        f"    <testcase classname={classname} name={quoteattr(name)}>\n"
        + "\n".join(body)
        + "\n    </testcase>"
    )


def to_sarif(report: Report) -> str:
    """SARIF 2.1.0 with one rule per code and one result per finding."""
    from klisting.validate.registry import CODES

    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    used = sorted({f.code for f in report.findings})
    rules = [
        {
            "id": code,
            "shortDescription": {"text": CODES[code].summary if code in CODES else code},
            "help": {"text": CODES[code].hint if code in CODES else ""},
        }
        for code in used
    ]
    results = []
    for f in report.findings:
        region = {"startLine": f.row} if f.row else {}
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": used.index(f.code),
                "level": level[f.severity],
                "message": {"text": f.message + (f" Hint: {f.hint}" if f.hint else "")},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": Path(f.file or report.source).as_posix()},
                            **({"region": region} if region else {}),
                        },
                        "logicalLocations": [{"name": f.location or "", "kind": "member"}],
                    }
                ],
                "properties": {"sku": f.sku, "field": f.field, "target": f.target},
            }
        )
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "klisting", "version": __version__, "rules": rules}},
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def codes_markdown() -> str:
    """The finding-code catalog as a markdown table (README's list is generated from this)."""
    from klisting.validate import code_catalog

    lines = ["| code | severity | field | meaning | what to do |", "|---|---|---|---|---|"]
    for code in code_catalog():
        target = " (with --target)" if code.needs_target else ""
        lines.append(
            f"| `{code.code}` | {code.severity.value}{target} | {code.field or ''} | {code.summary} | {code.hint} |"
        )
    return "\n".join(lines)
