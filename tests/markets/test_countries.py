"""Origin cells as sellers write them become ISO country codes."""

import pytest

from klisting.markets.countries import country_code


@pytest.mark.parametrize(
    "text,code",
    [("중국", "CN"), ("중국산", "CN"), ("Made in China", "CN"), ("cn", "CN"), ("국내산 (경북 영양)", "KR"),
     ("국산", "KR"), ("대한민국", "KR"), ("베트남", "VN"), ("미국산", "US"), ("일본제", "JP"), ("인도", "IN"),
     ("인도네시아산 캐슈넛", "ID"), ("노르웨이", "NO"), ("모름", ""), ("", "")],
)  # fmt: skip
def test_country_code(text, code):
    assert country_code(text) == code
