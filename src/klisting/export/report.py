"""report.html: per product, source and localized text, images before and after, findings.

Self-contained (inline CSS, images referenced relative to the bundle) and free of timestamps,
so two runs over the same input give the same file.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from klisting.export.model import LocalizedProduct
from klisting.model import Finding

_CSS = """
body{font-family:system-ui,'Noto Sans CJK KR',sans-serif;margin:2em;color:#222}
h1{font-size:1.4em} section{border-top:1px solid #ccc;padding:1em 0}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1em} .label{color:#777;font-size:.85em}
.imgs{display:flex;flex-wrap:wrap;gap:1em} figure{margin:0} img{max-width:420px;max-height:900px;border:1px solid #ddd}
.pair{display:flex;gap:.5em;align-items:flex-start} .blocks{font-size:.85em;max-width:860px}
.error{color:#b00020} .warning{color:#a66300} .info{color:#555} table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left} .refused{background:#fff3f3}
"""


def _e(text: object) -> str:
    return html.escape(str(text or ""))


def render_report(
    target: str,
    exported: list[LocalizedProduct],
    refused: list[LocalizedProduct],
    findings: list[Finding],
    views: dict[str, tuple[str, str]],
    needs: list[dict[str, str]] | None = None,
    steps: list[str] | None = None,
) -> str:
    """The HTML page. ``views`` maps an image name to its (before thumbnail, after image) paths.

    ``needs`` (required fields the bundle could not fill) come first: they block the upload.
    """
    by_sku: dict[str | None, list[Finding]] = {}
    for finding in findings:
        by_sku.setdefault(finding.sku, []).append(finding)
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>klisting {_e(target)}</title><style>{_CSS}</style></head><body>",
        f"<h1>klisting bundle {_e(target)}</h1>",
        f"<p>{len(exported)} products exported, {len(refused)} refused, {len(findings)} findings.</p>",
    ]
    if needs:
        parts.append(_needs_table(needs))
    if steps:
        items = "".join(f"<li>{_e(step)}</li>" for step in steps)
        parts.append(f"<section><h2>At upload</h2><ul>{items}</ul></section>")
    general = by_sku.get(None, [])
    if general:
        parts.append("<section><h2>Catalog findings</h2>" + _findings_table(general) + "</section>")
    for product, status in [
        *((p, "exported") for p in exported),
        *((p, "refused") for p in refused),
    ]:
        parts.append(_product(product, status, by_sku.get(product.sku, []), views))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _product(
    product: LocalizedProduct,
    status: str,
    findings: list[Finding],
    views: dict[str, tuple[str, str]],
) -> str:
    cls = " class='refused'" if status == "refused" else ""
    rows = [
        f"<section{cls}><h2>{_e(product.sku)} <span class='label'>({status})</span></h2><div class='cols'>",
        f"<div><div class='label'>source title</div><p>{_e(product.source_title)}</p>",
        f"<div class='label'>source description</div><div>{_e(product.source_description)}</div></div>",
        f"<div><div class='label'>localized title ({_e(product.language)})</div><p>{_e(product.title)}</p>",
        f"<div class='label'>localized description</div><div>{_e(product.description)}</div></div></div>",
    ]
    if product.price is not None:
        rows.append(
            f"<p class='label'>price {_e(product.price.amount)} {_e(product.price.currency)}</p>"
        )
    rows.append("<div class='imgs'>")
    for image in [*product.images, *product.description_images]:
        before, after = views.get(image.name, ("", f"images/{image.name}"))
        # Side by side and large enough to judge; a click opens the full-size file.
        rows.append("<figure><div class='pair'>")
        if before:
            rows.append(f"<a href='{_e(before)}'><img src='{_e(before)}' alt='before'></a>")
        rows.append(f"<a href='{_e(after)}'><img src='{_e(after)}' alt='after'></a></div>")
        rows.append(
            f"<figcaption class='label'>{'before / after: ' if before else ''}{_e(image.name)}"
            f" {image.width}x{image.height}{' localized' if image.localized else ''}</figcaption>"
            f"{_blocks_table(image.blocks)}</figure>"
        )
    rows.append("</div>")
    if findings:
        rows.append(_findings_table(findings))
    rows.append("</section>")
    return "\n".join(rows)


def _needs_table(needs: list[dict[str, str]]) -> str:
    body = "".join(
        f"<tr><td>{_e(n['sku'])}</td><td>{_e(n['field'])}</td><td>{_e(n['set'])}</td></tr>"
        for n in needs
    )
    return (
        f"<section class='refused'><h2 class='error'>Needed before upload: {len(needs)} required "
        "field(s) not filled</h2><p>The platform rejects these listings until each field is set "
        "(the last column says where).</p><table><tr><th>sku</th><th>field</th><th>set</th></tr>"
        f"{body}</table></section>"
    )


def _blocks_table(blocks: list[dict[str, str]]) -> str:
    """Per text block of a localized image: the text read, the text rendered, the status."""
    if not blocks:
        return ""
    body = "".join(
        f"<tr><td>{_crop(b)}{_e(b.get('id'))}</td><td lang='ko'>{_e(b.get('read'))}</td>"
        f"<td>{_e(b.get('rendered'))}</td><td>{_e(b.get('status'))}</td><td>{_e(b.get('reason'))}</td></tr>"
        for b in blocks
    )
    return (
        "<table class='blocks'><tr><th>block</th><th>text read</th><th>text rendered</th>"
        f"<th>status</th><th>why</th></tr>{body}</table>"
    )


def _crop(block: dict[str, str]) -> str:
    crop = block.get("crop")
    return (
        f"<a href='{_e(crop)}'><img src='{_e(crop)}' alt='block' style='max-height:48px'></a> "
        if crop
        else ""
    )


def _findings_table(findings: Iterable[Finding]) -> str:
    body = "".join(
        f"<tr class='{_e(f.severity.value)}'><td>{_e(f.severity.value)}</td><td>{_e(f.code)}</td><td>{_e(f.field)}</td>"
        f"<td>{_e(f.message)}</td><td>{_e(f.hint)}</td></tr>"
        for f in findings
    )
    return f"<table><tr><th>severity</th><th>code</th><th>field</th><th>message</th><th>hint</th></tr>{body}</table>"
