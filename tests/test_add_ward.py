"""`manage.py add_ward` provisions wards from arguments or a CSV: every page type a ward needs,
its settings, residential groups, groups, collections and workflows; idempotent, all or nothing
per ward, with row-named Vietnamese errors (docs/operations.md, «Adding a ward»)."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

from content import ward_pages
from content.models import HomePage, Place, WardSettings
from content.wards import EMERGENCY_WORKFLOW, FIVE_STEP_WORKFLOW

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
PLACES = EXAMPLES / "to-dan-pho-mau.csv"
HEADER = "ten,loai,ten_mien,ma_dvc,ma_ihanoi,dia_chi,duong_day_nong,to_dan_pho\n"
PUBLIC_URLS = [
    "/",
    "/thu-tuc-hanh-chinh/",
    "/phan-anh-kien-nghi/",
    "/phan-anh-kien-nghi/gui/",
    "/dieu-hanh-cong-khai/",
    "/dieu-hanh-cong-khai/van-ban/",
    "/so-lieu/",
    "/van-hoa-xa-hoi/y-te/",
    "/gioi-thieu/",
]


def add_ward(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("add_ward", *args, stdout=out, stderr=err, **options)
    except CommandError as exc:
        return out.getvalue(), err.getvalue() + str(exc), False
    return out.getvalue(), err.getvalue(), True


def write_csv(tmp_path, *lines, places=None):
    if places is not None:
        (tmp_path / "tdp.csv").write_text(places, encoding="utf-8")
    path = tmp_path / "wards.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", flat=True)),
        "sites": Site.objects.count(),
        "settings": list(WardSettings.objects.order_by("pk").values()),
        "places": Place.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "workflow pages": WorkflowPage.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "collection permissions": GroupCollectionPermission.objects.count(),
    }


@pytest.mark.django_db
def test_a_ward_from_arguments_has_every_page_type_settings_places_groups_and_workflows(client):
    out, err, ok = add_ward(
        name="Cửa Nam",
        kind="phường",
        host="phuong-cua-nam.example.gov.vn",
        dvc_unit_code="H26.002",
        ihanoi_unit="HN-002",
        address="Trụ sở UBND phường Cửa Nam",
        hotline="0243 000 0002",
        places=str(PLACES),
    )
    assert ok, err
    assert "Phường Cửa Nam (phuong-cua-nam.example.gov.vn): tạo mới" in out
    site = Site.objects.get(hostname="phuong-cua-nam.example.gov.vn")
    # A fresh install: the ward takes over the default site and Wagtail's welcome page goes.
    assert site.is_default_site and site.port == 443
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    ward = WardSettings.objects.get(site=site)
    assert (ward.ward_name, ward.authority_name) == (
        "Phường Cửa Nam",
        "Ủy ban nhân dân phường Cửa Nam",
    )
    assert (ward.dvc_unit_code, ward.ihanoi_unit, ward.hotline) == (
        "H26.002",
        "HN-002",
        "0243 000 0002",
    )
    assert ward.about_page.slug == "gioi-thieu" and ward.english_page.slug == "en"
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.title == "Phường Cửa Nam"
    for slug, model, *_ in ward_pages.PILLARS:
        pillar = home.get_children().get(slug=slug)
        assert pillar.live and pillar.specific_class._meta.label == model, slug
    register = Page.objects.get(url_path="/phuong-cua-nam/dieu-hanh-cong-khai/van-ban/")
    assert register.specific_class._meta.label == "governance.DocumentRegisterPage"
    assert Place.objects.filter(site=site).count() == 12
    assert Place.objects.get(site=site, code="tdp-01").name == "Tổ dân phố số 1"

    # setup_ward: workflows, one specialists' group and collection per pillar.
    assert WorkflowPage.objects.get(page=home).workflow.name == FIVE_STEP_WORKFLOW
    emergency = Page.objects.get(url_path="/phuong-cua-nam/van-hoa-xa-hoi/thong-bao-khan-cap/")
    assert WorkflowPage.objects.get(page=emergency).workflow.name == EMERGENCY_WORKFLOW
    field_groups = Group.objects.filter(name__startswith="Phường Cửa Nam · Chuyên môn – ")
    assert field_groups.count() == 6
    ward_collection = Collection.objects.get(name="Phường Cửa Nam")
    assert ward_collection.get_children().count() == 6

    for url in PUBLIC_URLS:
        response = client.get(url, HTTP_HOST=site.hostname)
        assert response.status_code == 200, url
    # Every page the ward was given answers (none is left without its content).
    for page in home.get_descendants(inclusive=True).live().specific():
        response = client.get(
            page.url_path.removeprefix(home.url_path[:-1]), HTTP_HOST=site.hostname
        )
        assert response.status_code == 200, page.url_path


@pytest.mark.django_db
def test_a_host_the_settings_do_not_allow_is_pointed_out(settings):
    settings.ALLOWED_HOSTS = [".hanoi.gov.vn"]
    out, err, ok = add_ward(name="Cửa Nam", kind="phường", host="phuong-cua-nam.example.gov.vn")
    assert ok, err
    assert "tên miền «phuong-cua-nam.example.gov.vn» chưa có trong ALLOWED_HOSTS" in out
    out, err, ok = add_ward(name="Ba Đình", kind="phường", host="phuong-ba-dinh.hanoi.gov.vn")
    assert ok and "ALLOWED_HOSTS" not in out


@pytest.mark.django_db
def test_a_commune_reads_xa(client):
    out, err, ok = add_ward(name="Xã Thiên Lộc", host="xa-thien-loc.example.gov.vn")
    assert ok, err
    ward = WardSettings.objects.get(site__hostname="xa-thien-loc.example.gov.vn")
    assert (ward.ward_name, ward.authority_name) == ("Xã Thiên Lộc", "Ủy ban nhân dân xã Thiên Lộc")
    about = client.get("/gioi-thieu/", HTTP_HOST="xa-thien-loc.example.gov.vn")
    assert "Giới thiệu xã" in about.content.decode()
    assert "phường" not in about.context["page"].intro


@pytest.mark.django_db
def test_the_hanoi_sample_provisions_wards_and_a_second_run_changes_nothing(tmp_path):
    sample = (EXAMPLES / "wards-hanoi.csv").read_text(encoding="utf-8").splitlines()
    assert len(sample) == 127  # the header and Hanoi's 126 wards and communes
    (tmp_path / "to-dan-pho-mau.csv").write_bytes(PLACES.read_bytes())
    path = tmp_path / "wards.csv"
    path.write_text("\n".join(sample[:3] + sample[-1:]) + "\n", encoding="utf-8")
    out, err, ok = add_ward(csv=str(path))
    assert ok, err
    assert "3 phường/xã xong (3 tạo mới, 0 đã có), 0 lỗi." in out
    assert HomePage.objects.count() == 3
    first = snapshot()
    assert first["places"] == 12  # the first row names the sample residential groups file

    out, err, ok = add_ward(csv=str(path))
    assert ok, err
    assert "3 phường/xã xong (0 tạo mới, 3 đã có), 0 lỗi." in out
    assert "0 trang mới, 0 tổ dân phố/thôn mới" in out
    assert snapshot() == first


@pytest.mark.django_db
def test_a_second_run_keeps_what_the_ward_changed_since(tmp_path):
    path = write_csv(
        tmp_path,
        "Cửa Nam,phường,cua-nam.example.gov.vn,H26.002,,,,tdp.csv",
        places=PLACES.read_text(),
    )
    assert add_ward(csv=str(path))[2]
    site = Site.objects.get(hostname="cua-nam.example.gov.vn")
    WardSettings.objects.filter(site=site).update(hotline="0243 111 2222", dvc_unit_code="H26.999")
    Place.objects.filter(site=site, code="tdp-01").update(name="Tổ dân phố số 1 (mới)")
    assert add_ward(csv=str(path))[2]
    ward = WardSettings.objects.get(site=site)
    assert (ward.hotline, ward.dvc_unit_code) == ("0243 111 2222", "H26.999")
    assert Place.objects.get(site=site, code="tdp-01").name == "Tổ dân phố số 1 (mới)"


@pytest.mark.django_db
def test_bad_rows_are_named_in_vietnamese_and_only_they_are_left_out(tmp_path):
    path = write_csv(
        tmp_path,
        "Cửa Nam,phường,cua-nam.example.gov.vn,,,,,",
        "Ba Đình,phường,,,,,,",
        "Giảng Võ,quận,giang-vo.example.gov.vn,,,,,",
        "Kim Liên,phường,cua-nam.example.gov.vn,,,,,",
        "Láng,phường,https://lang.example.gov.vn/,,,,,",
        "Hồng Hà,phường,hong-ha.example.gov.vn,,,,,tdp.csv",
        "Tây Hồ,phường,tay-ho.example.gov.vn,,,,,khong-co.csv",
        "Thiên Lộc,xã,thien-loc.example.gov.vn,,,,,",
        places="ma,ten\nTDP 01,Tổ 1\n,Tổ 2\n",
    )
    out, err, ok = add_ward(csv=str(path))
    assert not ok
    assert "Dòng 3: thiếu tên miền." in err
    assert "Dòng 4: loại «quận» không hợp lệ (chọn: phường, xã, thành phố)." in err
    assert "Dòng 5: tên miền «cua-nam.example.gov.vn» trùng với dòng 2." in err
    assert "Dòng 6: tên miền «https://lang.example.gov.vn/» không hợp lệ" in err
    assert "Dòng 7: tệp tổ dân phố «tdp.csv» có lỗi: Dòng 3: thiếu mã." in err
    assert "Dòng 8: không đọc được tệp tổ dân phố «khong-co.csv»." in err
    assert "6 phường/xã chưa tạo được" in err
    assert sorted(WardSettings.objects.values_list("ward_name", flat=True)) == [
        "Phường Cửa Nam",
        "Xã Thiên Lộc",
    ]
    assert sorted(HomePage.objects.values_list("slug", flat=True)) == [
        "phuong-cua-nam",
        "xa-thien-loc",
    ]
    assert not Site.objects.filter(
        hostname__in=["giang-vo.example.gov.vn", "hong-ha.example.gov.vn"]
    ).exists()


@pytest.mark.django_db
def test_strict_creates_nothing_when_a_row_is_bad(tmp_path):
    path = write_csv(
        tmp_path,
        "Cửa Nam,phường,cua-nam.example.gov.vn,,,,,",
        "Ba Đình,phường,,,,,,",
    )
    before = snapshot()
    out, err, ok = add_ward(csv=str(path), strict=True)
    assert not ok and "Dòng 3: thiếu tên miền." in err
    assert snapshot() == before


@pytest.mark.django_db
def test_a_host_or_name_already_used_by_another_ward_is_refused(tmp_path):
    assert add_ward(name="Cửa Nam", kind="phường", host="cua-nam.example.gov.vn")[2]
    before = snapshot()
    out, err, ok = add_ward(name="Ba Đình", kind="phường", host="cua-nam.example.gov.vn")
    assert not ok
    assert "tên miền «cua-nam.example.gov.vn» đã dùng cho «Phường Cửa Nam»" in err
    out, err, ok = add_ward(name="Cửa Nam", kind="phường", host="cuanam.example.gov.vn")
    assert not ok
    assert "«Phường Cửa Nam» đã có, với tên miền «cua-nam.example.gov.vn»" in err
    assert snapshot() == before


@pytest.mark.django_db
def test_a_ward_that_fails_half_way_leaves_nothing_behind():
    """All or nothing: here setup_ward cannot find the five-step workflow, after the site,
    settings and pages were made; the whole ward is rolled back."""
    Workflow.objects.filter(name=FIVE_STEP_WORKFLOW).update(name="Quy trình đổi tên")
    before = snapshot()
    out, err, ok = add_ward(name="Cửa Nam", kind="phường", host="cua-nam.example.gov.vn")
    assert not ok
    assert "Phường/xã: không tạo được «Phường Cửa Nam»" in err
    assert snapshot() == before


@pytest.mark.django_db
def test_a_ward_added_later_gets_the_catalogues_procedures_at_the_next_sync_into_its_workflow():
    from content.models import SyncRun
    from tests.catalogue_items import item
    from tthc import sync
    from tthc.catalogue import normalise
    from tthc.models import ProcedurePage

    assert add_ward(name="Cửa Nam", kind="phường", host="cua-nam.example.gov.vn")[2]
    sync.apply([normalise(item())], SyncRun.objects.create(source="tthc.catalogue"))
    assert add_ward(name="Ba Đình", kind="phường", host="ba-dinh.example.gov.vn")[2]
    index = Page.objects.get(url_path="/phuong-ba-dinh/thu-tuc-hanh-chinh/")
    assert not ProcedurePage.objects.child_of(index).exists()

    sync.apply([normalise(item())], SyncRun.objects.create(source="tthc.catalogue"))
    page = ProcedurePage.objects.child_of(index).get()
    assert page.procedure.code == "1.001193" and not page.live
    state = page.workflow_states.get()
    assert state.status == "in_progress" and state.workflow.name == FIVE_STEP_WORKFLOW
