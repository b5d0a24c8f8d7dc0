"""Benchmark: the search page over 2,500 procedures, 200 FAQ answers and 3,000 articles.

Run on a fresh scratch database (it creates its own ward and content):

    dropdb -h 127.0.0.1 -U postgres --if-exists portal_bench_search
    createdb -h 127.0.0.1 -U postgres portal_bench_search
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_search \
        REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/search.py

Prints, for a set of realistic queries (unaccented, accented, codes, document numbers, typos,
no result, very broad), the median and 95th percentile of the whole /tim-kiem/ request
(view, queries, template) over BENCH_REPEAT runs each, then the same over all queries.
A second run on the same database skips the content creation.
"""

import io
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()
logging.disable(logging.INFO)

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PROCEDURES = int(os.environ.get("BENCH_PROCEDURES", "2500"))
FAQS = int(os.environ.get("BENCH_FAQS", "200"))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "3000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))

ACTIONS = [
    "Đăng ký",
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Gia hạn",
    "Điều chỉnh",
    "Xác nhận",
    "Chứng thực",
    "Thu hồi",
    "Đăng ký lại",
    "Hỗ trợ",
    "Giải quyết",
]
OBJECTS = [
    "khai sinh",
    "kết hôn",
    "khai tử",
    "giám hộ",
    "nhận cha, mẹ, con",
    "tạm trú",
    "thường trú",
    "hộ kinh doanh",
    "giấy phép xây dựng nhà ở riêng lẻ",
    "giấy chứng nhận quyền sử dụng đất",
    "bản sao từ bản chính",
    "chữ ký trong giấy tờ, văn bản",
    "hợp đồng chuyển nhượng quyền sử dụng đất",
    "giấy xác nhận tình trạng hôn nhân",
    "giấy xác nhận khuyết tật",
    "trợ cấp xã hội hằng tháng",
    "chi phí mai táng",
    "hoạt động tín ngưỡng",
    "lễ hội truyền thống",
    "biển hiệu quảng cáo",
    "an toàn thực phẩm cơ sở kinh doanh",
    "hòa giải tranh chấp đất đai",
]
QUALIFIERS = [
    "",
    "có yếu tố nước ngoài",
    "cho người đã có hồ sơ, giấy tờ cá nhân",
    "trong trường hợp bị mất, hư hỏng",
    "đối với người cao tuổi",
    "tại Ủy ban nhân dân cấp xã",
    "cho trẻ em dưới 6 tuổi",
    "theo hình thức trực tuyến toàn trình",
]
FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Hộ kinh doanh",
    "Bảo trợ xã hội",
    "Văn hóa",
    "Cư trú",
]
SENTENCES = [
    "Ủy ban nhân dân phường thông báo tới toàn thể nhân dân trên địa bàn.",
    "Các hộ gia đình chủ động phân loại rác thải sinh hoạt tại nguồn.",
    "Lịch tiêm chủng mở rộng tháng này diễn ra tại trạm y tế phường.",
    "Người dân có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia.",
    "Bộ phận Một cửa làm việc từ thứ Hai đến sáng thứ Bảy hằng tuần.",
    "Phường tổ chức phun thuốc diệt muỗi phòng chống sốt xuất huyết.",
    "Hội nghị tiếp xúc cử tri được tổ chức tại nhà văn hóa tổ dân phố.",
    "Kế hoạch chỉnh trang đô thị được lấy ý kiến nhân dân đến hết tháng.",
    "Các cơ sở kinh doanh thực phẩm cần có giấy chứng nhận đủ điều kiện.",
    "Đề nghị các hộ kinh doanh treo biển hiệu đúng quy định.",
    "Thời gian giải quyết được tính theo ngày làm việc, không kể ngày nghỉ lễ.",
    "Công an phường hướng dẫn đăng ký tạm trú cho người thuê nhà.",
]


def procedure_name(n, rng):
    name = f"Thủ tục {rng.choice(ACTIONS).lower()} {rng.choice(OBJECTS)}"
    qualifier = rng.choice(QUALIFIERS)
    return f"{name} {qualifier}".strip() + (f" (mẫu {n})" if n % 7 == 0 else "")


def build():
    from content.models import SectionPage, StandardPage
    from tthc.models import (
        FaqLibraryPage,
        FaqPage,
        Procedure,
        ProcedureField,
        ProcedureIndexPage,
        ProcedurePage,
        ProcedureVersion,
    )

    rng = random.Random(2025)  # noqa: S311 - repeatable made-up content, not secrets
    if ProcedurePage.objects.count() >= PROCEDURES:
        return False
    call_command("seed_demo", "--without", "thu-tuc-hanh-chinh", stdout=io.StringIO())
    index = ProcedureIndexPage.objects.get()
    fields = [
        ProcedureField.objects.get_or_create(
            name=name, defaults={"slug": f"bench-{i}", "sort_order": i}
        )[0]
        for i, name in enumerate(FIELDS)
    ]
    started = time.perf_counter()
    with transaction.atomic():
        for n in range(1, PROCEDURES + 1):
            name = procedure_name(n, rng)
            procedure = Procedure.objects.create(code=f"1.{n:06d}")
            version = ProcedureVersion.objects.create(
                procedure=procedure,
                number=1,
                fingerprint=f"{n:064d}",
                name=name,
                field=rng.choice(fields),
                level=rng.choice(["toan_trinh", "mot_phan", "truc_tiep"]),
                processing_days=rng.randint(0, 20),
                documents=[{"name": "Tờ khai theo mẫu", "copies": 1}, {"name": "Căn cước"}],
                agency="Ủy ban nhân dân cấp xã",
                result="Giấy chứng nhận",
            )
            Procedure.objects.filter(pk=procedure.pk).update(current=version)
            index.add_child(
                instance=ProcedurePage(
                    title=name.removeprefix("Thủ tục ").capitalize(),
                    slug=f"thu-tuc-{n}",
                    procedure=procedure,
                    catalogue=version,
                    intro=" ".join(rng.sample(SENTENCES, 2)),
                    cases_per_month=rng.randint(0, 200),
                )
            )
        library = index.add_child(instance=FaqLibraryPage(title="Hỏi đáp", slug="hoi-dap"))
        for n in range(1, FAQS + 1):
            library.add_child(
                instance=FaqPage(
                    title=f"Hỏi về {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)} ({n})?",
                    slug=f"hoi-{n}",
                    answer="<p>" + " ".join(rng.sample(SENTENCES, 4)) + "</p>",
                )
            )
        news = SectionPage.objects.get(slug="dieu-hanh-cong-khai")
        for n in range(1, ARTICLES + 1):
            body = " ".join(rng.choice(SENTENCES) for _ in range(30))
            news.add_child(
                instance=StandardPage(
                    title=f"Thông báo về {rng.choice(OBJECTS)} số {n}",
                    slug=f"thong-bao-{n}",
                    intro=rng.choice(SENTENCES),
                    source_reference=f"Kế hoạch số {n}/{2020 + n % 6}/KH-UBND",
                    body=[{"type": "paragraph", "value": f"<p>{body}</p>"}],
                )
            )
    print(f"content created in {time.perf_counter() - started:.1f} s")
    return True


QUERIES = [
    "dang ky khai sinh",
    "Đăng ký khai sinh",
    "ĐĂNG KÍ KẾT HÔN",
    "giay phep xay dung nha o rieng le",
    "tạm trú",
    "ho kinh doanh",
    "chứng thực bản sao",
    "1.001193",
    "1.002000",
    "125/2025/KH-UBND",
    "lich tiem chung",
    "phân loại rác",
    "khai sinhh",
    "xac nhan tinh trang hon nhan co yeu to nuoc ngoai",
    "may bay truc thang",
    "dang ky",
    "thu tuc",
    "d",
    "khai sinh " * 1000,  # 10,000 characters: only the first 200 count
    "x" * 10_000,  # the same without a space (checklist row 4, CVE-2024-39317)
]


def main():
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    if build():
        from sitesearch.indexing import rebuild

        started = time.perf_counter()
        count = rebuild()
        print(f"indexed {count} pages in {time.perf_counter() - started:.1f} s")
    from sitesearch.models import SearchEntry

    print(f"search entries: {SearchEntry.objects.count()}")
    setup_test_environment()  # response.context, and no e-mail leaves
    client = Client(SERVER_NAME="localhost")
    all_times = []
    print(f"{'query':<52} {'results':>7} {'median':>8} {'p95':>8}")
    for query in QUERIES:
        client.get("/tim-kiem/", {"q": query})  # warm caches (site, vocabulary)
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            response = client.get("/tim-kiem/", {"q": query})
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        total = response.context["results"].total
        all_times += times
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{query[:52]:<52} {total:>7} {statistics.median(times):>6.1f}ms {p95:>6.1f}ms")
    p95 = statistics.quantiles(all_times, n=20)[-1]
    print(
        f"{'ALL (' + str(len(all_times)) + ' requests)':<52} {'':>7} "
        f"{statistics.median(all_times):>6.1f}ms {p95:>6.1f}ms"
    )


if __name__ == "__main__":
    main()
