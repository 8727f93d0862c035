"""A generated Korean catalog for the fact audit (bench_facts.py): ~300 Smartstore rows.

Written apart from klisting's own samples and phrase lists: titles, detail-page descriptions
and options the way Korean sellers write them across five categories (fashion, food,
cosmetics, electronics, furniture), with negations in varied positions, clauses with and
without negation side by side, lists of sizes, and seller mistakes (full-width digits, a
unit written twice, 키로/미리 slang, spaces inside quantities, mixed units).

Headers are Naver Smartstore's 상품 일괄등록 sheet (configs/sources/smartstore.yaml), written
as UTF-8 CSV. Deterministic for a seed.

Usage: python benchmarks/fact_corpus.py OUT.csv [--rows 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Callable
from pathlib import Path

HEADERS = [
    "판매자 상품코드", "카테고리코드", "상품명", "상품상태", "판매가", "부가세", "재고수량",
    "옵션형태", "옵션명", "옵션값", "옵션가", "옵션 재고수량", "대표이미지", "추가이미지",
    "상세설명", "브랜드", "제조사", "원산지코드", "수입사", "복수원산지여부", "원산지 직접입력",
    "배송비 템플릿코드", "상품정보제공고시 품명", "상품정보제공고시 모델명",
    "상품정보제공고시 인증허가사항", "판매자바코드", "상품무게",
]  # fmt: skip

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

Row = dict[str, str]


def _html(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs if p)


# ---------------------------------------------------------------- fashion
TOPS = [
    "니트 가디건",
    "린넨 셔츠",
    "울 코트",
    "맨투맨",
    "반팔 티셔츠",
    "와이드 슬랙스",
    "롱 원피스",
]
CARE_NEG = [
    "세탁기 사용 불가, 손세탁 권장",
    "표백제를 사용하지 마세요.",
    "건조기 사용 금지",
    "드라이클리닝 하세요. 물세탁 하지 마세요.",
    "다림질은 낮은 온도에서 하시고, 스팀은 사용하지 마세요.",
    "뒤집어서 세탁하세요, 비틀어 짜지 마세요.",
]
CARE_PLAIN = ["찬물에 단독 세탁하세요.", "그늘에서 말려 주세요.", "중성세제로 손세탁하세요."]


def fashion(rnd: random.Random, i: int) -> Row:
    kind = rnd.choice(["women", "unisex", "shoes", "kids", "free"])
    item = rnd.choice(TOPS)
    total = rnd.randint(58, 120)
    chest = rnd.randint(44, 62)
    if kind == "women":
        sizes = ["55", "66", "77"] + (["88"] if rnd.random() < 0.4 else [])
        title = f"여성 {item} {'/'.join(sizes)}"
        options = ("사이즈", sizes)
        model = f"모델 키 {rnd.randint(160, 172)}cm, 착용 사이즈 55"
    elif kind == "unisex":
        sizes = ["S", "M", "L"] + (["XL"] if rnd.random() < 0.5 else [])
        title = f"남녀공용 {item} {', '.join(sizes)}"
        options = ("사이즈", sizes)
        model = f"모델 키 {rnd.randint(175, 186)}cm, L 착용"
    elif kind == "shoes":
        start = rnd.choice([230, 240, 250])
        sizes = [str(s) for s in range(start, start + 40, 10)]
        sep = rnd.choice(["/", ", ", " "])
        title = f"{rnd.choice(['남성', '여성', '남녀공용'])} 러닝화 운동화 {sep.join(sizes)}"
        options = ("사이즈", [f"{s}mm" if rnd.random() < 0.5 else s for s in sizes])
        model = "발볼이 넓은 분은 반 사이즈 크게 주문하세요."
        item = "운동화"
    elif kind == "kids":
        sizes = ["130", "140", "150", "160"]
        title = f"아동 {item} {'/'.join(sizes)} 주니어"
        options = ("사이즈", sizes)
        model = (
            f"{rnd.choice(['130', '140'])} 사이즈는 키 {rnd.randint(125, 135)}cm 아이에게 맞아요."
        )
    else:
        title = f"여성 {item} 프리사이즈"
        options = ("사이즈", ["FREE"])
        model = "프리사이즈(55~77 추천)"
    colors = rnd.sample(["블랙", "아이보리", "네이비", "베이지", "그레이", "카키"], 3)
    if rnd.random() < 0.5:
        names, values = f"{options[0]}\n색상", [options[1], colors]
    else:
        names, values = options[0], [options[1]]
    measures = f"총장 {total}cm, 가슴단면 {chest}cm"
    if rnd.random() < 0.15:
        measures = measures.translate(FULL_WIDTH)  # seller typed on a full-width keyboard
    care = rnd.choice(CARE_NEG) if rnd.random() < 0.8 else rnd.choice(CARE_PLAIN)
    fabric = f"소재: 면 {rnd.choice([60, 80, 100])}%" + (
        f", 폴리 {100 - 60}%" if rnd.random() < 0.3 else ""
    )
    desc = _html(measures, model, fabric, care)
    return _row(i, "50000803", title, desc, names, values, rnd, price=rnd.randint(19, 129) * 1000)


# ---------------------------------------------------------------- food
def food(rnd: random.Random, i: int) -> Row:
    kind = rnd.choice(["meat", "fruit", "rice", "snack", "chili", "juice"])
    shelf = f"유통기한: 제조일로부터 {rnd.choice([6, 12, 18, 24])}개월"
    names, values = "", []
    if kind == "meat":
        geun = rnd.choice([1, 2, 3])
        title = f"국내산 한우 등심 {geun}근 {geun * 600}g 냉장"
        desc = _html(
            "1++ 등급, 당일 도축 후 발송합니다.",
            "냉장 보관하시고, 해동 후 재냉동 하지 마세요.",
            "주문 후 교환 및 반품 불가",
        )
    elif kind == "fruit":
        kg = rnd.choice([3, 5, 10])
        brix = rnd.choice([11, 12, 13])
        title = f"제주 감귤 {kg}kg 박스 당도 {brix}브릭스 이상"
        desc = _html(
            f"당도 {brix}브릭스 이상만 선별했습니다.",
            "흠과가 일부 있을 수 있으며, 단순 변심 반품 불가합니다.",
            "직사광선을 피해 서늘한 곳에 보관하세요.",
        )
        names, values = "크기", [["소과", "중과", "대과"]]
    elif kind == "rice":
        grams = rnd.choice([130, 210, 300])
        count = rnd.choice([12, 24, 36])
        title = f"즉석밥 {grams}g {count}개입 1박스"
        desc = _html(
            f"1박스 = {grams}g x {count}개",
            "방부제 무첨가, 전자레인지 2분 조리",
            shelf,
        )
    elif kind == "snack":
        grams = rnd.choice([35, 60, 120])
        count = rnd.choice([5, 10, 20])
        slang = rnd.random() < 0.3
        title = f"수제 누룽지 과자 {grams}{'그람' if slang else 'g'} x {count}봉"
        desc = _html(
            "설탕 없음, 기름에 튀기지 않았습니다.",
            "본 제품은 땅콩, 대두를 사용한 제품과 같은 제조시설에서 제조하고 있습니다.",
            shelf,
        )
    elif kind == "chili":
        geun = rnd.choice([1, 2, 5])
        title = f"국산 고춧가루 {geun}근 태양초 {rnd.choice(['보통맛', '매운맛'])}"
        desc = _html("2025년 햇고추로 만들었습니다.", "냉동 보관을 권장합니다. 습기 주의")
    else:
        ml = rnd.choice([180, 500, 1000])
        count = rnd.choice([10, 24, 30])
        mistake = rnd.random() < 0.25
        vol = f"{ml}ml ml" if mistake else (f"{ml}미리" if rnd.random() < 0.2 else f"{ml}ml")
        title = f"NFC 착즙 사과주스 {vol} {count}병"
        desc = _html(
            "물 한 방울 넣지 않은 100% 착즙",
            "개봉 후 냉장 보관하고 3일 이내 드세요.",
            "무가당, 합성보존료 없음",
            shelf,
        )
    return _row(i, "50002000", title, desc, names, values, rnd, price=rnd.randint(8, 95) * 1000)


# ---------------------------------------------------------------- cosmetics
def cosmetics(rnd: random.Random, i: int) -> Row:
    kind = rnd.choice(["sun", "toner", "cream", "cleanser"])
    ml = rnd.choice([30, 50, 150, 200, 300])
    claims = rnd.sample(["무향", "무알콜", "저자극", "피부과 테스트 완료", "파라벤 프리"], 2)
    if kind == "sun":
        title = f"수분 선크림 {ml}ml SPF50+ PA++++"
        desc = _html(
            "자외선 차단 지수 SPF50+ PA++++",
            ", ".join(claims),
            "눈에 들어가지 않도록 주의하세요.",
            "상처가 있는 부위에는 사용하지 마세요.",
        )
    elif kind == "toner":
        title = f"{claims[0]} 토너 {ml}ml 1+1"
        desc = _html(
            f"{claims[0]}, {claims[1]} 토너",
            "화장솜에 덜어 피부결을 따라 닦아 주세요.",
            "직사광선을 피하고 어린이 손에 닿지 않는 곳에 보관하세요.",
        )
    elif kind == "cream":
        title = f"시카 진정 크림 {ml}ml 대용량"
        desc = _html(
            f"용량: {ml}ml / 사용기한: 제조일로부터 {rnd.choice([24, 30, 36])}개월",
            "인공색소 무첨가, 미네랄오일 없음",
            "이상이 있는 경우 사용을 중지하고 전문의와 상담하세요.",
        )
    else:
        title = f"약산성 클렌징폼 {ml}ml x {rnd.choice([2, 3])}개"
        desc = _html("pH 5.5 약산성", "눈가 사용 금지", ", ".join(claims))
    cert = "KC인증" if rnd.random() < 0.1 else ""  # a seller's mistake: KC is not for cosmetics
    return _row(i, "50000437", title, desc, "", [], rnd, price=rnd.randint(9, 45) * 1000, cert=cert)


# ---------------------------------------------------------------- electronics
def electronics(rnd: random.Random, i: int) -> Row:
    kind = rnd.choice(["powerbank", "speaker", "monitor", "fan", "charger"])
    cert = f"KC인증 R-R-{rnd.choice(['ABC', 'KLS', 'HBT'])}-{rnd.randint(1000, 9999)}"
    names, values = "", []
    if kind == "powerbank":
        mah = rnd.choice([5000, 10000, 20000])
        watt = rnd.choice([18, 20, 45])
        spaced = rnd.random() < 0.3
        written = f"{mah:,}" if rnd.random() < 0.3 else str(mah)  # "10,000mAh"
        title = f"보조배터리 {written}{' mAh' if spaced else 'mAh'} {watt}W 고속충전"
        desc = _html(
            f"용량 {mah}mAh, 최대 {watt}W PD 고속충전",
            "케이블 미포함, 충전기 별도 구매",
            "기내 반입 가능 (100Wh 이하)",
        )
        names, values = "색상", [["화이트", "블랙"]]
    elif kind == "speaker":
        hours = rnd.choice([8, 12, 24])
        title = "블루투스 스피커 방수 IPX7 캠핑용"
        desc = _html(
            f"방수 IPX7, 연속 재생 {hours}시간",
            "수중에서 충전하지 마세요. 충전 단자는 방수가 되지 않습니다.",
            "배터리 내장 (교체 불가)",
        )
    elif kind == "monitor":
        inch = rnd.choice([24, 27, 32])
        title = f"게이밍 모니터 {inch}인치 165Hz IPS"
        desc = _html(
            f"화면 크기 {inch}인치, 주사율 165Hz, 응답속도 1ms",
            "스탠드 높이 조절 가능, 벽걸이 브라켓 미포함",
            "불량화소 3개 이하는 교환 불가",
        )
    elif kind == "fan":
        cm = rnd.choice([30, 35, 40])
        title = f"무선 탁상용 선풍기 {cm}cm 저소음"
        desc = _html(
            f"날개 지름 {cm}cm, 소비전력 {rnd.choice([25, 35, 40])}W",
            "배터리 미포함 (AA 4개 별도)",
            "물에 씻지 마세요",
        )
    else:
        volt = rnd.choice([5, 9, 12])
        title = f"USB C타입 충전기 {volt}V 3A 멀티"
        desc = _html(
            f"출력 {volt}V 3A, 입력 100-240V",
            "정품 케이블 포함, 어댑터 없음",
            "젖은 손으로 만지지 마세요.",
        )
    return _row(
        i, "50001234", title, desc, names, values, rnd, price=rnd.randint(15, 350) * 1000, cert=cert
    )


# ---------------------------------------------------------------- furniture
def furniture(rnd: random.Random, i: int) -> Row:
    kind = rnd.choice(["desk", "shelf", "bed", "chair"])
    w, d, h = rnd.choice([100, 120, 140, 160]), rnd.choice([50, 60, 70]), rnd.choice([72, 75])
    dims = rnd.choice(
        [f"W{w}xD{d}xH{h}cm", f"{w}x{d}x{h}cm", f"가로{w} 세로{d} 높이{h}cm", f"{w}*{d}*{h}"]
    )
    if kind == "desk":
        title = f"원목 책상 {dims} 컴퓨터 책상"
        names, values = "사이즈", [[f"{w}cm", f"{w + 20}cm"]]
        assembly = "간단한 조립이 필요합니다 (공구 포함)."
    elif kind == "shelf":
        title = f"철제 선반 5단 {dims}"
        names, values = "", []
        assembly = "조립 불필요, 완제품 배송"
    elif kind == "bed":
        title = f"수납 침대 프레임 퀸 Q {w}x200cm"
        names, values = "", []
        assembly = "매트리스 미포함, 전문 기사 방문 설치"
    else:
        title = "메쉬 사무용 의자 허리 받침"
        names, values = "색상", [["블랙", "그레이"]]
        assembly = "바퀴 조립 필요"
    load = rnd.choice([50, 80, 100, 150])
    desc = _html(
        f"사이즈: {dims}",
        f"최대 하중 {load}kg, 무게 {rnd.randint(8, 35)}kg",
        assembly,
        "설치 후 반품 불가, 제주 및 도서산간 배송 불가",
    )
    return _row(i, "50000100", title, desc, names, values, rnd, price=rnd.randint(49, 499) * 1000)


# Notices sellers add under the description, per category (negations written the many ways
# Korean writes them: 아니다, 안 되다, 비-/미- words, ~지 않다, 수 없다; temperatures; tolerances).
NOTICES = {
    "50000803": ["정품이 아닌 경우 100% 환불해 드립니다.", "세탁 후 줄어들지 않아요.",
                 "모니터에 따라 색상이 다를 수 있습니다.", "1~3cm 오차가 있을 수 있습니다.",
                 "30도 이하 미지근한 물에 세탁하세요.", "유아 착용 비추천"],
    "50002000": ["영하 18도 이하 보관", "전자레인지에 넣으면 안 됩니다.", "3일 이내 드세요.",
                 "단품 구매 시 박스 미제공", "이 제품은 의약품이 아닙니다.", "60도 이상 뜨거운 물 사용 금지",
                 "냉장 0~10℃ 보관", "유기농 인증 준비 중", "정가 39,000원, 오늘만 29,000원",
                 "배송비는 3,000원이에요.", "50,000원부터 무료배송"],
    "50000437": ["유아 사용 비추천", "이 제품은 의약품이 아닙니다.", "개봉 후에는 교환할 수 없어요.",
                 "정품이 아닌 경우 환불해 드립니다.", "단품 구매 시 쇼핑백 미제공", "비건 인증 예정",
                 "실온(1~30℃) 보관"],
    "50001234": ["이 제품은 방수가 아닙니다.", "어린이가 사용할 수 없습니다.", "충전 중 사용 가능, 방수 불가",
                 "전자레인지에 넣으면 안 됩니다.", "0도 이하에서는 충전되지 않습니다.",
                 "방수 인증은 없으나 생활방수 가능", "KC 인증 대상 아님", "특허 출원 중"],
    "50000100": ["사이즈: 폭60 깊이40 높이80cm", "1~2cm 오차가 있을 수 있습니다.",
                 "이 제품은 방수가 아닙니다.", "직접 조립할 필요가 없습니다.", "원목 특성상 옹이가 있을 수 있으며 불량이 아닙니다."],
}  # fmt: skip


def _with_notices(description: str, category: str, rnd: random.Random) -> str:
    if rnd.random() < 0.35:
        return description
    notices = rnd.sample(NOTICES[category], rnd.choice([1, 2]))
    return description + _html(*notices)


def _row(
    i: int,
    category: str,
    title: str,
    description: str,
    option_names: str,
    option_values: list[list[str]],
    rnd: random.Random,
    price: int,
    cert: str = "",
) -> Row:
    row = dict.fromkeys(HEADERS, "")
    row.update(
        {
            "판매자 상품코드": f"FA-{i:04d}",
            "카테고리코드": category,
            "상품명": title,
            "상품상태": "신상품",
            "판매가": str(price),
            "부가세": "과세상품",
            "재고수량": str(rnd.randint(0, 300)),
            "대표이미지": f"https://shop.example.kr/img/FA-{i:04d}.jpg",
            "상세설명": _with_notices(description, category, rnd),
            "브랜드": rnd.choice(["한빛", "소담", "마루", "온새미"]),
            "제조사": rnd.choice(["한빛상사", "소담공방", "마루산업"]),
            "원산지코드": "00",
            "원산지 직접입력": "국내산",
            "상품정보제공고시 품명": title.split()[0],
            "상품정보제공고시 인증허가사항": cert,
            "판매자바코드": _ean13(f"880{i:09d}"),
            # a column sellers add to the sheet: the platforms need a shipping weight
            "상품무게": f"{rnd.randint(2, 60) / 10}kg",
        }
    )
    if option_names:
        row["옵션형태"] = "조합형"
        row["옵션명"] = option_names
        row["옵션값"] = "\n".join(",".join(values) for values in option_values)
    return row


def _ean13(first12: str) -> str:
    total = sum(int(d) * (3 if k % 2 else 1) for k, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


MAKERS: list[Callable[[random.Random, int], Row]] = [
    fashion,
    food,
    cosmetics,
    electronics,
    furniture,
]


def generate(rows: int = 300, seed: int = 7) -> list[Row]:
    """``rows`` catalog rows, categories in turn, deterministic for ``seed``."""
    rnd = random.Random(seed)
    return [MAKERS[i % len(MAKERS)](rnd, i) for i in range(rows)]


def write_csv(path: Path, rows: list[Row]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADERS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_csv(args.out, generate(args.rows, args.seed))
    print(f"wrote {args.rows} rows to {args.out}")


if __name__ == "__main__":
    main()
