"""Catalogue items in the upstream format (docs/integrations.md), for sync tests and benches."""

FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Hộ kinh doanh", "Bảo trợ xã hội"]


def item(code="1.001193", **overrides):
    value = {
        "code": code,
        "name": "Thủ tục đăng ký khai sinh",
        "field": "Hộ tịch",
        "level": "toan_trinh",
        "processing_days": 0,
        "processing_note": "Trong ngày làm việc; nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo.",
        "fees": [],
        "documents": [
            {
                "name": "Tờ khai đăng ký khai sinh theo mẫu",
                "copies": 1,
                "note": None,
                "form_url": None,
            },
            {"name": "Giấy chứng sinh", "copies": 1, "note": "Bản chính", "form_url": None},
        ],
        "steps": [
            {"title": "Nộp hồ sơ", "detail": "Trực tuyến hoặc tại Bộ phận Một cửa."},
            {"title": "Công chức tư pháp – hộ tịch kiểm tra", "detail": None},
            {"title": "Nhận giấy khai sinh", "detail": None},
        ],
        "legal_basis": ["Luật Hộ tịch số 60/2014/QH13"],
        "agency": "Ủy ban nhân dân cấp xã",
        "result": "Giấy khai sinh (bản chính)",
        "online_url": f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
        "updated_at": "2025-07-01T08:00:00+07:00",
    }
    value.update(overrides)
    return value


def many(count, start=1):
    """``count`` distinct procedures across several fields, with fees on some."""
    return [
        item(
            code=f"1.{n:06d}",
            name=f"Thủ tục mẫu số {n} về {FIELDS[n % len(FIELDS)].lower()}",
            field=FIELDS[n % len(FIELDS)],
            level=["toan_trinh", "mot_phan", "truc_tiep"][(n // 6) % 3],
            online_url=None if (n // 6) % 3 == 2 else f"https://dichvucong.gov.vn/p/{n}",
            processing_days=n % 15,
            fees=[{"label": "Lệ phí", "amount_vnd": 1000 * (n % 50), "note": None}]
            if n % 4
            else [],
        )
        for n in range(start, start + count)
    ]
