"""Export gates: refuse what the platform would reject, as findings naming product and field.

Run on the localized product, after fitting: an error here means the product is left out of
the bundle (and the run exits 1); warnings are reported and the product is exported.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from klisting.export.model import ExportImage, LocalizedProduct
from klisting.export.rows import html_to_text
from klisting.markets.platforms import PlatformSpec
from klisting.model import Finding, Severity
from klisting.model.codes import Code, declare, finding

E, W = Severity.ERROR, Severity.WARNING

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
KANA = re.compile(r"[\u3040-\u30ff]")
EMOJI = re.compile("[\U0001f000-\U0001faff\U00002600-\U000027bf\U00002b00-\U00002bff]")

declare(
    Code("export.title-too-long", E, "title", "The title is longer than the platform allows after fitting", "Shorten the source title or fix the translation in the review sheet."),
    Code("export.title-too-short", W, "title", "The title is shorter than the platform recommends", "Add the product type and key attributes to the title."),
    Code("export.title-banned-chars", E, "title", "The title contains characters the platform bans", "Remove them from the title."),
    Code("export.title-emoji", E, "title", "The title contains emoji the platform rejects", "Remove emoji from the title."),
    Code("export.title-banned-words", E, "title", "The title contains words the platform bans (brand, shop, price, promotion)", "Move brand, shop, price, shipping and promotion words out of the title."),
    Code("export.variant-barcode-missing", W, None, "Some variants have no barcode of their own", "Give each variant its own EAN/UPC (one catalog row per variant), or apply for a GTIN exemption."),
    Code("export.field-missing", E, None, "A field the platform requires is empty for the product", "Fill in the field in the catalog (or the project file) and run again."),
    Code("export.profile-missing", E, None, "A seller-profile field the platform requires is missing in klisting.yaml", "Add the field to the seller profile in klisting.yaml (see `klisting readiness`)."),
    Code("export.wrong-language", E, None, "Text is not in the listing language of the platform", "Translate it (install a translation model, or add the terms to the seller glossary) and run again."),
    Code("export.image-text-untranslated", E, "images", "An exported image still carries text in the source language that no person accepted: the product is sent to review", "Write the blocks' translations in the review sheet next to the bundles (a final equal to the source text keeps a block as it is, e.g. a logo) and run again with --apply-review."),
    Code("export.images-missing", E, "images", "Fewer usable images than the platform needs", "Add an image the platform accepts (check the image findings above)."),
    Code("export.main-not-white", W, "images", "The main image's background is not pure white", "Use a main image of the product alone on white (RGB 255, 255, 255); Amazon may suppress the listing."),
    Code("export.image-out-of-spec", E, "images", "An image breaks the platform's image spec", "Replace the image or relax nothing: the platform will refuse it."),
    Code("export.too-many-options", E, "options", "More option axes than the platform allows", "Merge options (e.g. color-size into one) or split the product."),
    Code("export.too-many-variants", E, "options", "More variants than the platform allows", "Split the product into several listings."),
)  # fmt: skip

#: languages written with Han characters (and kana): Han in their text is expected
_CJK_LANGS = ("zh", "ja")


def image_file_name(spec: PlatformSpec, sku: str, index: int, ext: str) -> str:
    """Bundle image name from the platform convention (Amazon: SKU.MAIN.jpg, SKU.PT01.jpg)."""
    role = "MAIN" if index == 1 else f"PT{index - 1:02d}"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", sku) or "item"
    if safe != sku:
        # Replacing characters can map two SKUs to one name (머그-1 and 컵-1 both give -1), and
        # the second product's images would overwrite the first's in images/: a short hash of
        # the real SKU keeps the names apart.
        digest = hashlib.sha256(sku.encode("utf-8")).hexdigest()[:8]
        safe = f"{safe.strip('-.') or 'item'}-{digest}"
    return spec.image_name.format(sku=safe, index=index, ext=ext, role=role)


def check_product(
    product: LocalizedProduct, spec: PlatformSpec, target: str, *, images: bool = True
) -> list[Finding]:
    """Every reason ``target`` would reject ``product`` (errors) or degrade it (warnings).

    ``images=False`` (a text-only run) skips the image rules: the seller adds images later.
    """
    found = [
        *_title(product, spec),
        *_required(product, spec, images),
        *_language(product, spec),
        *(_images(product, spec) if images else ()),
        *(_image_text(product, spec) if images else ()),
        *_options(product, spec),
    ]
    for found_one in found:
        found_one.sku, found_one.row, found_one.target = product.sku, product.row, target
    return found


def _title(product: LocalizedProduct, spec: PlatformSpec) -> Iterator[Finding]:
    limits, title = spec.title, product.title
    if limits.max_chars and len(title) > limits.max_chars:
        yield finding(
            "export.title-too-long",
            f"title has {len(title)} characters after fitting; {spec.name} allows {limits.max_chars}",
            field="title",
        )
    if limits.min_chars and 0 < len(title) < limits.min_chars:
        yield finding(
            "export.title-too-short",
            f"title has {len(title)} characters; {spec.name} wants {limits.min_chars}",
            field="title",
        )
    banned = sorted({ch for ch in title if ch in limits.banned_chars})
    if banned:
        yield finding(
            "export.title-banned-chars",
            f"title contains {' '.join(banned)}, banned on {spec.name}",
            field="title",
        )
    if not limits.emoji_allowed and EMOJI.search(title):
        yield finding(
            "export.title-emoji",
            f"title contains emoji, rejected on {spec.name}",
            field="title",
        )
    lowered = title.lower()
    words = [word for word in limits.banned_words if word.lower() in lowered]
    if spec.title_excludes_brand and product.brand and product.brand.lower() in lowered:
        words.append(product.brand)
    if words:
        yield finding(
            "export.title-banned-words",
            f"title contains {', '.join(words)}, not allowed in {spec.name} titles",
            field="title",
        )


def _required(product: LocalizedProduct, spec: PlatformSpec, images: bool) -> Iterator[Finding]:
    present = {
        "sku": product.sku,
        "title": product.title,
        "description": product.description,
        "price": product.price,
        "stock": product.stock is not None or any(v.stock is not None for v in product.variants),
        "images": product.images,
        "brand": product.brand,
        "weight": product.weight_g,
        "barcode": product.barcode
        or (product.variants and all(v.barcode for v in product.variants)),
        "category": product.category,
        "manufacturer": product.manufacturer,
        "origin": product.origin,
        "hs_code": product.hs_code,
        "model": product.model,
    }
    for name in spec.required:
        if name == "images" and not images:
            continue
        if name == "barcode" and present[name] and len(product.variants) > 1:
            # one GTIN per sellable item: the product's barcode is not copied onto its variants
            # (see variant_barcode), so variants without their own go out without one
            missing = sum(not v.barcode for v in product.variants)
            if missing:
                yield finding(
                    "export.variant-barcode-missing",
                    f"{missing} of {len(product.variants)} variants have no barcode of their own; "
                    f"{spec.name} rejects a variant without one (a GTIN cannot be shared)",
                    field=name,
                )
        if name in present and not present[name]:
            yield finding(
                "export.field-missing",
                f"{spec.name} requires '{name}' and the product has none",
                field=name,
                hint=f"Fill in '{name}' in the catalog (or the project file) and run again.",
            )
    for name in spec.required_profile:
        if not product.profile.get(name):
            yield finding(
                "export.profile-missing",
                f"{spec.name} requires the seller profile field '{name}'",
                field=name,
                hint=f"Add '{name}' to the seller profile in klisting.yaml (see `klisting readiness`).",
            )


def _language(product: LocalizedProduct, spec: PlatformSpec) -> Iterator[Finding]:
    texts = {
        "title": product.title,
        "description": html_to_text(product.description),
        "bullets": " ".join(product.bullets),
        "options": " ".join(f"{name} {' '.join(values)}" for name, values in product.options),
    }
    lang = spec.language.split("-")[0].lower()
    for field, text in texts.items():
        problem = _wrong_script(field, text, lang) if text else ""
        if problem:
            # the platform refuses it only where it enforces the language of that field
            severity = (
                E
                if field in spec.language_enforced
                or field == "bullets"
                and "description" in spec.language_enforced
                else W
            )
            yield finding(
                "export.wrong-language",
                f"{field} {problem}; {spec.name} listings are in {spec.language}",
                field=field,
                severity=severity,
            )


def _wrong_script(field: str, text: str, lang: str) -> str:
    """Why ``text`` is not in ``lang`` by its script, or ''."""
    if HANGUL.search(text):
        return "still contains Korean"
    if lang not in _CJK_LANGS and (HAN.search(text) or KANA.search(text)):
        return "contains Chinese or Japanese characters"
    if field == "title" and lang == "zh" and not HAN.search(text):
        return "has no Chinese characters"
    if field == "title" and lang == "ja" and not (KANA.search(text) or HAN.search(text)):
        return "has no Japanese characters"
    return ""


def _images(product: LocalizedProduct, spec: PlatformSpec) -> Iterator[Finding]:
    rules = spec.images
    if len(product.images) < rules.min_count:
        yield finding(
            "export.images-missing",
            f"{len(product.images)} usable images; {spec.name} needs {rules.min_count}",
            field="images",
        )
    if rules.main_white_background and product.images and not white_border(product.images[0].path):
        yield finding(
            "export.main-not-white",
            f"{product.images[0].name}: the main image's background is not pure white",
            field="images",
        )
    for image in product.images:
        problem = image_problem(image, spec)
        if problem:
            yield finding(
                "export.image-out-of-spec",
                f"{image.name}: {problem}",
                field="images",
            )


#: block statuses an exported image may carry (``images.review.SETTLED_STATUSES``): drawn in
#: the target language, not source-language text to begin with, or accepted by a person
_SETTLED = frozenset({"translated", "kept", "accepted"})


def _image_text(product: LocalizedProduct, spec: PlatformSpec) -> Iterator[Finding]:
    """Images (gallery or description) that still show source-language text, as titles in
    Korean are refused: a buyer would read the Korean, or the half-localized page."""
    if spec.language.split("-")[0].lower() == "ko":
        return
    seen: set[str] = set()
    for image in [*product.images, *product.description_images]:
        if image.source in seen:  # the parts of a split page share their blocks
            continue
        seen.add(image.source)
        left = [b for b in image.blocks if b.get("status", "translated") not in _SETTLED]
        if left:
            named = "; ".join(f"block {b.get('id')} {b.get('read', '')!r}" for b in left[:3])
            more = f" and {len(left) - 3} more" if len(left) > 3 else ""
            yield finding(
                "export.image-text-untranslated",
                f"{image.name}: {len(left)} text block(s) still in the source language "
                f"({named}{more}); sent to the review sheet",
                field="images",
            )


def white_border(path: Path, tolerance: int = 8, share: float = 0.95) -> bool:
    """True when ``share`` of the pixels on the image's outer edge are white within ``tolerance``.

    The edge stands in for the background: a product photographed on white touches it rarely.
    An unreadable file counts as white (the file checks report it).
    """
    from PIL import Image

    try:
        with Image.open(path) as image:
            small = image.convert("RGB").resize((64, 64))
    except OSError:
        return True
    pixels = small.load()
    edge = [pixels[x, y] for x in range(64) for y in (0, 63)] + [
        pixels[x, y] for y in range(64) for x in (0, 63)
    ]
    white = sum(1 for pixel in edge if min(pixel) >= 255 - tolerance)
    return white >= share * len(edge)


def image_problem(image: ExportImage, spec: PlatformSpec) -> str:
    """Why ``image`` breaks the platform's image spec, or '' when it fits."""
    rules = spec.images
    short, long = sorted((image.width, image.height))
    if rules.formats and image.format.lower() not in rules.formats:
        return f"format {image.format} not in {', '.join(rules.formats)}"
    if rules.min_px and short < rules.min_px:
        return f"{image.width}x{image.height} px; shortest side must be >= {rules.min_px}"
    if rules.max_px and long > rules.max_px:
        return f"{image.width}x{image.height} px; longest side must be <= {rules.max_px}"
    if rules.max_bytes and image.bytes > rules.max_bytes:
        return f"{image.bytes} bytes; at most {rules.max_bytes}"
    if rules.square and image.width != image.height:
        return f"{image.width}x{image.height} px is not square"
    return ""


def _options(product: LocalizedProduct, spec: PlatformSpec) -> Iterator[Finding]:
    limits = spec.options
    if limits.max_axes is not None and len(product.options) > limits.max_axes:
        yield finding(
            "export.too-many-options",
            f"{len(product.options)} option axes; {spec.name} allows {limits.max_axes}",
            field="options",
        )
    if limits.max_variants and len(product.variants) > limits.max_variants:
        yield finding(
            "export.too-many-variants",
            f"{len(product.variants)} variants; {spec.name} allows {limits.max_variants}",
            field="options",
        )
