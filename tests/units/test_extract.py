"""Extraction: spans, shapes, what is not a quantity, OCR damage, and never raising."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klisting.units.extract import extract_quantities


def test_spans_point_at_the_source_text():
    text = "비타민 1.2g x 100개입, 가로 45cm 세로 60cm"
    for match in extract_quantities(text):
        assert text[match.span[0] : match.span[1]] == match.source


@pytest.mark.parametrize(
    ("text", "shape", "values", "unit"),
    [
        ("30x20x10cm", "dims", (30, 20, 10), "centimeter"),
        ("30cm x 20cm x 10cm", "dims", (30, 20, 10), "centimeter"),
        ("200 x 230 cm", "dims", (200, 230), "centimeter"),
        ("10~15cm", "range", (10, 15), "centimeter"),
        ("10cm-15cm", "range", (10, 15), "centimeter"),
        ("1,200g", "single", (1200,), "gram"),
        ("1,5kg", "single", (1.5,), "kilogram"),
        ("한 근", "single", (1,), "geun"),
        ("반 근", "single", (0.5,), "geun"),
        ("500mI", "single", (500,), "milliliter"),
        ("500mi", "single", (500,), "milliliter"),
        ("1.2Kg", "single", (1.2,), "kilogram"),
        ("5키로", "single", (5,), "kilogram"),
        ("30센치", "single", (30,), "centimeter"),
        ("2리터", "single", (2,), "liter"),
        ("10평", "single", (10,), "pyeong"),
        ("두께 5미리", "single", (5,), "millimeter"),
        ("500미리", "single", (500,), "milliliter"),
    ],
)
def test_shapes_and_values(text, shape, values, unit):
    (match,) = extract_quantities(text)
    assert (match.shape, match.values, match.unit) == (shape, tuple(float(v) for v in values), unit)


@pytest.mark.parametrize(
    "text",
    ["SPF50+ PA++++", "면 100%", "3분 카레", "모델 AB-500G", "RX-100 카메라", "3M 테이프", "5 in 1 멀티툴",
     "2개월분", "정품 보장", "판매자", "제가 한 말", "24색", "10000mAh", "12W"],
)  # fmt: skip
def test_not_quantities(text):
    assert extract_quantities(text) == []


def test_count_words_are_counts_with_multipliers():
    found = {m.source: m for m in extract_quantities("마늘 2접 계란 1판 고등어 3손 100개입 6병")}
    assert {m.kind for m in found.values()} == {"count"}
    assert found["2접"].count_multiplier == 100
    assert found["1판"].count_multiplier == 30
    assert found["3손"].count_multiplier == 2
    assert found["100개입"].count_multiplier == 1


def test_json_shape():
    (match,) = extract_quantities("생수 500ml")
    assert match.to_json() == {
        "span": [3, 8],
        "source": "500ml",
        "value": 500,
        "unit": "milliliter",
        "kind": "volume",
        "shape": "single",
    }


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    for match in extract_quantities(text):
        assert text[match.span[0] : match.span[1]] == match.source
        assert all(v >= 0 for v in match.values)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["500ml", " ", "1.2kg", "가", "x", "~", "10", "cm", "근", "한", ",", "개입", "-"]
        ),
        max_size=12,
    )
)
def test_never_raises_on_quantity_like_noise(parts):
    text = "".join(parts)
    matches = extract_quantities(text)
    ends = [m.span for m in matches]
    assert ends == sorted(ends)
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "values"),
    [("책상 W120 x D60 x H75cm", (120, 60, 75)), ("W30xD20xH10cm", (30, 20, 10)), ("수납장 W 80 x H 180 cm", (80, 180)),
     ("w: 50 x d: 40cm", (50, 40))],
)  # fmt: skip
def test_labelled_dimensions(text, values):
    (match,) = extract_quantities(text)
    assert match.shape == "dims" and match.values == tuple(float(v) for v in values)
    assert text[match.span[0] : match.span[1]] == match.source


def test_half_of_a_model_number_is_not_a_quantity():
    assert extract_quantities("NEW30x20cm") == []
    assert [m.source for m in extract_quantities("1.2gx100개입")] == ["1.2g", "100개입"]


@pytest.mark.parametrize(
    "text", ["5G 스마트폰", "4G LTE 라우터", "3in1 충전 케이블", "2in1 노트북"]
)
def test_network_generations_and_n_in_one_are_not_quantities(text):
    assert extract_quantities(text) == []


def test_capital_g_is_still_grams_for_real_weights():
    (match,) = extract_quantities("소고기 500G")
    assert (match.values, match.unit) == ((500.0,), "gram")


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("5kg/10kg", ["5kg", "10kg"]),
        ("용량 100ml/200ml/300ml", ["100ml", "200ml", "300ml"]),
        ("7L/10L 선택", ["7L", "10L"]),
    ],
)
def test_every_slash_separated_alternative_is_found(text, sources):
    assert [m.source for m in extract_quantities(text)] == sources


@pytest.mark.parametrize("text", ["1/2컵", "2024/03/15"])
def test_a_slash_after_a_digit_still_starts_no_quantity(text):
    assert extract_quantities(text) == []


@pytest.mark.parametrize("text", ["180g/m² 원단", "3kg/㎡ 하중", "유량 100ml/min", "속도 20cm/s"])
def test_rates_and_densities_are_left_alone(text):
    # converting only the numerator would write "6.35 oz/m²"
    assert extract_quantities(text) == []


def test_per_pack_and_alternatives_after_a_slash_stay_quantities():
    assert [m.source for m in extract_quantities("500g/팩, 1.5L/2L")] == ["500g", "1.5L", "2L"]


@pytest.mark.parametrize(
    ("text", "values", "shape"),
    [
        ("사이즈 230, 240, 250mm", (230, 240, 250), "list"),
        ("2.5/5/10kg", (2.5, 5, 10), "list"),
        ("10, 20cm", (10, 20), "list"),
        ("230,240,250mm", (230, 240, 250), "unsure"),  # a list, or 230,240,250 mm?
        ("용량 100,200ml", (100, 200), "unsure"),  # 100 and 200 ml, or 100,200 ml?
        ("화이트 3, 500ml", (3, 500), "unsure"),  # a count and a volume, not a list
        ("230,240, 250mm", (230, 240, 250), "unsure"),  # mixed separators
    ],
)
def test_lists_sharing_one_unit(text: str, values: tuple[float, ...], shape: str) -> None:
    [match] = extract_quantities(text)
    assert (match.values, match.shape, match.unit) == (
        values,
        shape,
        extract_quantities(f"1{match.spelling}")[0].unit,
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,200g", 1200), ("12,500mm", 12500), ("1,5kg", 1.5)],
)
def test_grouped_and_decimal_commas_stay_one_number(text: str, value: float) -> None:
    [match] = extract_quantities(text)
    assert (match.values, match.shape) == ((value,), "single")


def test_a_fraction_is_not_a_list() -> None:
    assert [m.shape for m in extract_quantities("1/2컵 5kg/10kg")] == ["single", "single"]


def test_labelled_dimensions_with_one_unit_give_it_to_every_number():
    """'가로100 세로70 높이75cm' converted only 75cm: 'width 100 ... height 29.5 in' reads as 100 in."""
    for text in ("가로100 세로70 높이75cm", "폭 60, 깊이 40, 높이 80cm", "W120 D60 H75cm"):
        found = extract_quantities(text)
        assert len(found) == 3 and {m.unit for m in found} == {"centimeter"}, text
        assert found[-1].source.endswith("cm") and text.endswith(found[-1].source)
    labelled = extract_quantities("가로100 세로70 높이75cm")
    assert [m.source for m in labelled] == ["100", "70", "75cm"]
    # numbers with their own unit, and a W/D/H letter after a digit, are left alone
    assert [m.source for m in extract_quantities("가로 145cm 세로 210cm")] == ["145cm", "210cm"]
    assert [m.source for m in extract_quantities("최대 18W PD 20W 10cm")] == ["10cm"]
