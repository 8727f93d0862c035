"""Inputs nobody tested at first: duplicate names, bad files in a batch, sidecars moved around,
ink just outside a line box, busy photos beside a text panel, translations that kept Korean."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from klisting.cli import images as images_cli
from klisting.cli.app import app
from klisting.errors import InputError
from klisting.images import fonts, pipeline
from klisting.images.compose import ERASE_PAD, render_blocks
from klisting.images.erase import erase_lines, looks_bold, pad_box
from klisting.images.fetch import decode, decode_with_alpha, working_pixels
from klisting.images.ocr import recognise
from klisting.images.pipeline import LocalizedImageResult, render_sidecar, translate_blocks
from klisting.images.render import draw_layout, free_box, layout_block
from klisting.images.sidecar import Block, Sidecar, write_sidecar
from klisting.model.codes import finding
from tests.images.conftest import similarity

KR_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"


def _block(bbox, translation=None, source="세일 진행중", **extra) -> Block:
    return Block(
        id=0,
        source=source,
        translation=translation,
        bbox=list(bbox),
        line_boxes=[list(bbox)],
        confidence=95.0,
        line_height=float(bbox[3] - bbox[1]),
        **extra,
    )


def test_translation_that_kept_korean_is_reported():
    blocks = [_block([10, 10, 200, 40])]
    findings = translate_blocks(blocks, lambda texts: ["sale 진행중" for _ in texts])
    # All or nothing: the half-translated block is not drawn; the draft goes to review.
    assert (blocks[0].status, blocks[0].translation) == ("review", None)
    assert blocks[0].proposed == "sale 진행중"
    assert [f.code for f in findings] == ["image.translation-incomplete"]
    clean = [_block([10, 10, 200, 40])]
    assert translate_blocks(clean, lambda texts: ["On sale" for _ in texts]) == []


def test_output_paths_are_unique_and_use_a_format_the_writer_encodes(tmp_path):
    sources = [
        "a/main.jpg",
        "b/main.jpg",
        "c/MAIN.JPG",
        "anim.gif",
        "https://cdn.example.com/p/detail.webp?w=860",
        "https://cdn.example.com/p/",
        "noext",
    ]
    names = [path.name for path in images_cli.output_paths(sources, tmp_path)]
    assert names == [
        "main.jpg",
        "main-2.jpg",
        "MAIN-3.JPG",
        "anim.png",
        "detail.webp",
        "p.png",
        "noext.png",
    ]
    assert len({name.lower() for name in names}) == len(names)


def test_one_unreadable_image_does_not_stop_the_batch(tmp_path, monkeypatch):
    calls = []

    def fake_localize(source, *, out_path, **_kwargs):
        calls.append(source)
        if source == "broken.png":
            raise InputError("broken.png: cannot decode image", hint="Re-save it.")
        return LocalizedImageResult(source, out_path, out_path.with_name(out_path.name + ".json"))

    monkeypatch.setattr(images_cli, "_translator", lambda *args: lambda texts: texts)
    monkeypatch.setattr(pipeline, "localize_image", fake_localize)
    result = CliRunner().invoke(
        app,
        ["images", "localize", "a/1.jpg", "broken.png", "b/1.jpg", "--to", "en"]
        + ["-o", str(tmp_path / "out"), "--work-dir", str(tmp_path / "w"), "--format", "json"],
    )
    assert result.exit_code == 3, result.output
    assert calls == ["a/1.jpg", "broken.png", "b/1.jpg"]
    rows = json.loads(result.stdout[result.stdout.index("[") :])
    assert [Path(row["output"]).name if row["output"] else None for row in rows] == [
        "1.jpg",
        None,
        "1-2.jpg",
    ]
    assert "cannot decode" in rows[1]["error"] and "cannot decode" in result.stderr


def test_sidecar_with_relative_paths_renders_from_another_directory(tmp_path, monkeypatch):
    folder = tmp_path / "shop"
    folder.mkdir()
    image = Image.new("RGB", (400, 120), (250, 250, 250))
    ImageDraw.Draw(image).rectangle((20, 40, 200, 70), fill=(20, 20, 20))
    image.save(folder / "photo.png")
    sidecar_path = folder / "photo.en.png.json"
    write_sidecar(
        Sidecar(
            source="photo.png",
            output="photo.en.png",
            target_lang="en",
            width=400,
            height=120,
            blocks=[_block([20, 40, 200, 70], "On sale", color=[20, 20, 20])],
        ),
        sidecar_path,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(app, ["images", "render", str(sidecar_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{") :])
    assert Path(data["output"]) == folder / "photo.en.png" and data["findings"] == []
    assert (folder / "photo.en.png").is_file() and not any(elsewhere.iterdir())
    assert Path(json.loads(sidecar_path.read_text(encoding="utf-8"))["output"]).is_absolute()


def test_localize_records_absolute_paths_in_the_sidecar(page, tmp_path, monkeypatch):
    path, _ = page
    monkeypatch.chdir(path.parent)
    monkeypatch.setattr(
        pipeline, "recognise", lambda pixels, boxes, **_: []
    )  # no OCR needed to check the paths
    result = pipeline.localize_image(
        path.name,
        translate=lambda texts: texts,
        target_lang="en",
        market=None,
        work_dir=Path("work"),
        out_path=Path("out") / "page.png",
    )
    data = json.loads(result.sidecar.read_text(encoding="utf-8"))
    assert data["source"] == str(path.resolve())
    assert data["output"] == str((path.parent / "out" / "page.png").resolve())
    monkeypatch.chdir(tmp_path.parent)
    assert render_sidecar(path.parent / "out" / "page.png.json") == Path(data["output"])


def test_ink_just_outside_the_detected_box_is_erased_too():
    image = Image.new("RGB", (300, 120), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(KR_BOLD, 30, index=1)
    draw.text((50, 44), "세일 진행중", font=font, fill=(0, 0, 0))
    x0, y0, x1, y1 = draw.textbbox((50, 44), "세일 진행중", font=font)
    # The detector's box clips the glyphs by one px on every side (serifs, anti-aliasing).
    block = _block([x0 + 1, y0 + 1, x1 - 1, y1 - 1], "Hi", color=[200, 0, 0])
    canvas, _findings = render_blocks(np.asarray(image), [block], "en")
    out = np.asarray(canvas).astype(int)
    black = (out < 60).all(axis=2)
    assert not black.any()


def test_free_box_does_not_grow_over_a_busy_photo_beside_the_text_panel():
    rng = np.random.default_rng(1)
    noise = Image.fromarray(rng.normal(128, 40, (60, 80, 3)).clip(0, 255).astype(np.uint8))
    pixels = np.asarray(noise.resize((800, 600), Image.Resampling.BICUBIC)).copy()
    pixels[40:140, 40:560] = 255  # a white label on a photo; the text sits on the label
    grown = free_box(_block([60, 72, 498, 135]), [], pixels)
    assert grown[2] <= 560 and grown[3] <= 140


def test_16_bit_grayscale_png_keeps_its_contrast(tmp_path):
    page = np.full((60, 200), 50_000, np.uint16)
    page[20:40, 20:180] = 3_000  # dark text on a light page
    Image.fromarray(page).save(tmp_path / "scan.png")
    pixels = np.asarray(decode((tmp_path / "scan.png").read_bytes()))
    assert pixels[30, 100].max() < 20 and pixels[5, 5].min() > 180


def test_transparent_png_stays_transparent_and_jpeg_output_is_flat(tmp_path):
    source = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
    ImageDraw.Draw(source).rectangle((20, 40, 200, 70), fill=(30, 30, 200, 255))
    source.save(tmp_path / "cutout.png")
    block = _block([20, 40, 201, 71], "On sale", color=[30, 30, 200])
    sidecar = tmp_path / "cutout.out.png.json"
    write_sidecar(
        Sidecar(
            source=str(tmp_path / "cutout.png"),
            output=str(tmp_path / "cutout.out.png"),
            target_lang="en",
            width=400,
            height=120,
            blocks=[block],
        ),
        sidecar,
    )
    out = Image.open(render_sidecar(sidecar))
    assert out.mode == "RGBA"
    alpha = np.asarray(out.getchannel("A"))
    assert alpha[5, 5] == 0 and alpha[110, 390] == 0  # background still transparent
    assert alpha[40:72, 20:202].max() == 255  # the new text is opaque ...
    assert alpha[40:72, 20:202].min() == 0  # ... and the old opaque text is gone
    flat = Image.open(render_sidecar(sidecar, tmp_path / "flat.jpg"))
    assert flat.mode == "RGB" and min(flat.getpixel((5, 5))) > 240


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("font_size", -5, "blocks.0.font_size"),
        ("font_size", 0.3, "blocks.0.font_size"),
        ("color", [10, 10], "blocks.0.color"),
        ("color", [300, 0, 0], "blocks.0.color"),
        ("bbox", [10, 10, 5], "blocks.0.bbox"),
        ("bbox", [300, 60, 100, 20], "blocks.0.bbox"),
        ("line_boxes", [[0, 0, 9999, 9999]], "outside the 400x120 image"),
        ("align", "justify", "blocks.0.align"),
    ],
)
def test_hand_edited_sidecar_mistakes_are_named_not_tracebacks(tmp_path, key, value, named):
    Image.new("RGB", (400, 120), (250, 250, 250)).save(tmp_path / "photo.png")
    sidecar = tmp_path / "photo.en.png.json"
    write_sidecar(
        Sidecar(
            source=str(tmp_path / "photo.png"),
            output=str(tmp_path / "photo.en.png"),
            target_lang="en",
            width=400,
            height=120,
            blocks=[_block([20, 40, 200, 70], "On sale")],
        ),
        sidecar,
    )
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    data["blocks"][0][key] = value
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["images", "render", str(sidecar)])
    assert result.exit_code == 3, result.output
    assert named in result.stderr and "Traceback" not in result.output


def test_findings_with_brackets_are_printed_literally(tmp_path, monkeypatch):
    def fake_localize(source, *, out_path, **_kwargs):
        result = LocalizedImageResult(source, out_path, out_path.with_name(out_path.name + ".json"))
        result.findings = [finding("image.translation-incomplete", "'[red]특가[/red]'")]
        return result

    monkeypatch.setattr(images_cli, "_translator", lambda *args: lambda texts: texts)
    monkeypatch.setattr(pipeline, "localize_image", fake_localize)
    result = CliRunner().invoke(
        app,
        ["images", "localize", "sale[b].png", "--to", "en"]
        + ["-o", str(tmp_path / "out"), "--work-dir", str(tmp_path / "w")],
    )
    assert result.exit_code == 0, result.output
    # Rich may wrap long paths; what matters is that no "[...]" was eaten as markup.
    assert "sale[b].png" in result.stdout.replace("\n", "")
    assert "'[red]특가[/red]'" in result.stderr.replace("\n", "")


def test_outputs_never_overwrite_the_source_images(tmp_path, monkeypatch):
    photo = tmp_path / "photo.png"
    Image.new("RGB", (400, 120), (250, 250, 250)).save(photo)
    original = photo.read_bytes()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(images_cli, "_translator", lambda *args: lambda texts: texts)
    result = CliRunner().invoke(
        app, ["images", "localize", "photo.png", "--to", "en", "-o", ".", "--work-dir", "w"]
    )
    assert result.exit_code == 2 and "overwrite its source" in result.stderr
    sidecar = tmp_path / "photo.en.png.json"
    write_sidecar(
        Sidecar(
            source=str(photo),
            output=str(tmp_path / "photo.en.png"),
            target_lang="en",
            width=400,
            height=120,
            blocks=[_block([20, 40, 200, 70], "On sale")],
        ),
        sidecar,
    )
    result = CliRunner().invoke(app, ["images", "render", str(sidecar), "-o", "photo.png"])
    assert result.exit_code == 2 and "overwrite the source" in result.stderr
    assert photo.read_bytes() == original


def _banner() -> tuple[np.ndarray, list[int]]:
    """White text on a red banner on a white page; the line box ends at the banner's edge."""
    image = Image.new("RGB", (600, 160), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 20, 330, 80), fill=(200, 30, 40))
    font = ImageFont.truetype(KR_BOLD, 36, index=1)
    draw.text((115, 28), "오늘만 특가", font=font, fill=(255, 255, 255))
    x0, y0, x1, _ = draw.textbbox((115, 28), "오늘만 특가", font=font)
    return np.asarray(image), [x0 - 3, y0 - 3, x1 + 3, 81]


def test_text_on_a_banner_whose_box_reaches_the_banner_edge_is_read():
    pixels, box = _banner()
    [line] = recognise(pixels, [tuple(box)])
    assert similarity(line.text, "오늘만 특가") > 0.8, line.text


def test_erasing_a_banner_line_keeps_the_banner_and_the_page_apart():
    pixels, box = _banner()
    padded = pad_box(pixels, tuple(box), ERASE_PAD)
    assert padded[3] == 81  # not grown onto the white page under the banner
    erased, methods = erase_lines(pixels, [padded])
    assert methods == ["flat"]
    assert (erased[21:81, 101:330] == (200, 30, 40)).all()  # banner is plain red again
    assert (erased[81:] == 255).all()  # page untouched


def test_translation_does_not_spill_off_its_banner_onto_the_page():
    pixels, box = _banner()
    erased, _ = erase_lines(pixels, [tuple(box)])
    block = _block(box, "x", color=[255, 255, 255], background=[200, 30, 40])
    grown = free_box(block, [], erased)
    assert grown[3] <= 81 and grown[2] <= 331


def test_unknown_market_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(
        app,
        ["images", "localize", "x.png", "--to", "en", "--market", "zz"]
        + ["-o", str(tmp_path / "out"), "--work-dir", str(tmp_path / "w")],
    )
    assert result.exit_code == 2 and "unknown market" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["Supercalifragilisticexpialidocious", "Waterproof Premium"])
def test_a_word_wider_than_a_narrow_box_is_never_drawn_over_its_neighbours(text):
    canvas = Image.new("RGB", (300, 200), (255, 255, 255))
    block = _block([100, 50, 160, 80], text)
    others = [[20, 50, 95, 80], [165, 50, 290, 80], [100, 85, 160, 120]]
    chain = fonts.chain_for("en")
    free = free_box(block, others, np.asarray(canvas))
    layout = layout_block(block, text, "en", chain, free, canvas.width)
    if layout is None:
        return  # cannot fit readably: the block goes to review, nothing is drawn
    inked = draw_layout(canvas, layout, chain, "left", (0, 0, 0), block.bbox)
    assert layout.box[0] - 1 <= inked[0] and inked[2] <= layout.box[2] + 1
    assert "…" not in "".join(layout.lines)


def _swapped_primaries_profile() -> bytes:
    """A minimal ICC v2 RGB matrix profile whose red primary is sRGB's green (and vice versa)."""
    import struct

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(v * 65536)) for v in (x, y, z))

    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, 563) + b"\0\0"  # gamma 2.2
    desc = b"desc\0\0\0\0" + struct.pack(">I", 5) + b"swap\0" + b"\0" * 79
    green, red = (0.3851, 0.7169, 0.0971), (0.4361, 0.2225, 0.0139)
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(*green)),
        (b"gXYZ", xyz(*red)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 24
        + struct.pack(">I", 0)
        + struct.pack(">iii", 63190, 65536, 54061)  # D50
        + b"\0" * 48
    )
    return header + struct.pack(">I", len(tags)) + table + data


def test_embedded_colour_profile_is_converted_to_srgb(tmp_path):
    photo = tmp_path / "p3.jpg"
    Image.new("RGB", (64, 64), (230, 20, 20)).save(
        photo, quality=95, icc_profile=_swapped_primaries_profile()
    )
    red, green, _blue = decode(photo.read_bytes()).getpixel((32, 32))
    assert green > 150 and red < 100  # "red" in that profile is sRGB green


def test_re_render_still_warns_about_korean_left_in_an_edited_translation(tmp_path):
    Image.new("RGB", (400, 120), (250, 250, 250)).save(tmp_path / "photo.png")
    sidecar = tmp_path / "photo.en.png.json"
    write_sidecar(
        Sidecar(
            source=str(tmp_path / "photo.png"),
            output=str(tmp_path / "photo.en.png"),
            target_lang="en",
            width=400,
            height=120,
            blocks=[_block([20, 40, 200, 70], "Free 배송")],
        ),
        sidecar,
    )
    render_sidecar(sidecar)
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    assert [f["code"] for f in data["findings"]] == ["image.translation-incomplete"]
    assert data["blocks"][0]["status"] == "review"
    before = np.asarray(Image.open(tmp_path / "photo.png"))
    assert np.array_equal(np.asarray(Image.open(tmp_path / "photo.en.png")), before)


def test_unreadable_text_that_came_out_latin_is_reported_not_kept():
    garbled = _block([10, 10, 200, 40], source="Ie?OWSTAS")
    garbled.confidence = 50.5
    english = _block([10, 60, 200, 90], source="NEW")
    findings = translate_blocks([garbled, english], lambda texts: texts)
    assert (garbled.status, english.status) == ("low-confidence", "kept")
    assert [f.code for f in findings] == ["image.low-confidence"]


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_weight_is_read_right_when_latin_descenders_stretch_the_line(weight):
    font = ImageFont.truetype(f"/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc", 40, 1)
    image = Image.new("RGB", (700, 120), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.text((20, 30), "신선한 제주 감귤 5kg", font=font, fill=(20, 120, 40))
    x0, y0, x1, y1 = draw.textbbox((20, 30), "신선한 제주 감귤 5kg", font=font)
    pixels = np.asarray(image)
    box = (x0 - 4, y0 - 4, x1 + 4, y1 + 4)
    assert looks_bold(pixels, box, [20, 120, 40], [255, 255, 255]) == (weight == "Bold")


def test_cut_out_edges_away_from_the_text_keep_their_exact_rgba(tmp_path):
    source = np.zeros((120, 400, 4), np.uint8)
    source[:, 300:, :3] = (80, 50, 30)  # a brown product whose edge fades out
    source[:, 300:, 3] = np.linspace(0, 255, 100, dtype=np.uint8)[None, :]
    source[40:70, 20:200] = (30, 30, 200, 255)  # opaque "text"
    Image.fromarray(source, "RGBA").save(tmp_path / "cutout.png")
    sidecar = tmp_path / "cutout.out.png.json"
    write_sidecar(
        Sidecar(
            source=str(tmp_path / "cutout.png"),
            output=str(tmp_path / "cutout.out.png"),
            target_lang="en",
            width=400,
            height=120,
            blocks=[_block([20, 40, 200, 70], "On sale", color=[30, 30, 200])],
        ),
        sidecar,
    )
    out = np.asarray(Image.open(render_sidecar(sidecar)))
    assert np.array_equal(out[:, 300:], source[:, 300:])
    edge = (out[..., 3] > 0) & (out[..., 3] < 255)  # anti-aliased text edges on transparency
    assert edge[:, :300].any()
    assert (np.abs(out[:, :300][edge[:, :300], :3].astype(int) - (30, 30, 200)).max()) <= 1


def test_white_text_on_a_transparent_background_is_still_read(tmp_path):
    overlay = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    font = ImageFont.truetype(KR_BOLD, 44, index=1)
    ImageDraw.Draw(overlay).text((30, 70), "방수 기능 지원", font=font, fill=(255, 255, 255, 255))
    overlay.save(tmp_path / "overlay.png")
    result, pixels = pipeline.ocr_image(str(tmp_path / "overlay.png"))
    assert [similarity(line.text, "방수 기능 지원") > 0.8 for line in result.lines] == [True]
    assert pixels[5, 5].max() == 0  # flattened onto black, not onto the white of its text
    # A cut-out photo with shading is flattened onto white as usual.
    photo = np.zeros((100, 100, 4), np.uint8)
    photo[20:80, 20:80] = (200, 150, 120, 255)
    flat, rgba = decode_with_alpha(_png_bytes(Image.fromarray(photo, "RGBA")))
    assert working_pixels(flat, rgba).getpixel((5, 5)) == (255, 255, 255)


def _png_bytes(image: Image.Image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
