"""Image localization: find Korean text in product images and re-render it in the buyer's language.

Stages (each a plain function, each writing JSON): fetch, detect, ocr, group, translate, erase,
render; ``fit`` fits images to a platform's image spec for export. Entry points:
:func:`klisting.images.pipeline.localize_image` and :func:`klisting.images.fit.fit_image`.
"""
