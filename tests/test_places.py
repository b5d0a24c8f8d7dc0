"""Residential groups / villages: editable reference data, importable from CSV."""

import unicodedata

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Site

from content.models import Place, StaffProfile
from content.places import PlaceImportError, import_places
from content.roles import PORTAL_ADMINS, SPECIALISTS

CSV = "ma,ten,loai,khu_vuc\ntdp-01,Tổ dân phố số 1,Tổ dân phố,Cụm 1\nthon-dong,Thôn Đông,Thôn,\n"


def test_import_creates_places_then_a_second_run_changes_nothing(demo_ward):
    Place.objects.filter(site=demo_ward).delete()
    first = import_places(demo_ward, CSV.encode())
    assert [p.code for p in first.created] == ["tdp-01", "thon-dong"]
    assert Place.objects.get(site=demo_ward, code="thon-dong").kind == Place.Kind.VILLAGE
    second = import_places(demo_ward, CSV.encode())
    assert (len(second.created), len(second.updated), len(second.unchanged)) == (0, 0, 2)


def test_import_updates_a_renamed_place_by_its_code(demo_ward):
    result = import_places(demo_ward, "ma,ten\ntdp-05,Tổ dân phố số 5 (Khu tập thể)\n".encode())
    assert [p.code for p in result.updated] == ["tdp-05"]
    assert Place.objects.get(site=demo_ward, code="tdp-05").name.endswith("(Khu tập thể)")


def test_one_bad_row_rejects_the_whole_file_with_a_vietnamese_message(demo_ward):
    before = list(Place.objects.values_list("code", "name"))
    data = "ma,ten,loai\ntdp-90,Tổ mới,Tổ dân phố\ntdp-91,,Tổ dân phố\ntdp-92,Tổ 92,Phố\n"
    with pytest.raises(PlaceImportError) as excinfo:
        import_places(demo_ward, data.encode())
    assert excinfo.value.errors == [
        "Dòng 3: thiếu tên.",
        "Dòng 4: loại «Phố» không hợp lệ (chọn: Tổ dân phố, Thôn, Ấp, Bộ phận Một cửa, Nhà văn hóa, Khác).",
    ]
    assert list(Place.objects.values_list("code", "name")) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp trống."),
        (b"ten\nTo 1\n", "Thiếu cột ma (mã) ở dòng tiêu đề."),
        (b"ma,ten\n", "Tệp không có dòng dữ liệu nào."),
        (b"ma,ten\na,X\na,Y\n", "Dòng 3: mã «a» trùng với dòng 2."),
        (b"\xff\xfe\x00garbage" * 10, None),
    ],
)
def test_malformed_files_are_refused_and_change_nothing(demo_ward, data, message):
    count = Place.objects.count()
    with pytest.raises(PlaceImportError) as excinfo:
        import_places(demo_ward, data)
    if message:
        assert message in excinfo.value.errors
    assert Place.objects.count() == count


def test_decomposed_vietnamese_is_stored_composed(demo_ward):
    data = unicodedata.normalize("NFD", "ma,ten\nthon-thuong,Thôn Thượng Đồng\n").encode()
    import_places(demo_ward, data)
    assert Place.objects.get(code="thon-thuong").name == "Thôn Thượng Đồng"


def test_windows_excel_csv_with_semicolons_and_bom_is_read(demo_ward):
    data = "\ufeffma;ten;khu_vuc\r\ntdp-77;Tổ dân phố số 77;Cụm 8\r\n".encode()
    import_places(demo_ward, data)
    assert Place.objects.get(code="tdp-77").area == "Cụm 8"


def test_places_belong_to_their_ward(demo_ward):
    from wagtail.models import Page, Site

    other = Site.objects.create(hostname="xa-khac.example", root_page=Page.get_first_root_node())
    import_places(other, CSV.encode())
    assert Place.objects.filter(site=other).count() == 2
    assert Place.objects.filter(site=demo_ward).count() == 79


def _user(django_user_model, group_name):
    """A member of the demo ward's staff (without a ward, staff see no ward's data)."""
    user = django_user_model.objects.create_user("staff", password="x-password-123")
    user.groups.add(Group.objects.get(name=group_name))
    StaffProfile.objects.create(user=user, site=Site.objects.get(is_default_site=True))
    return user


def test_portal_admin_imports_places_from_the_admin(client, demo_ward, django_user_model):
    client.force_login(_user(django_user_model, PORTAL_ADMINS))
    upload = SimpleUploadedFile("to-dan-pho.csv", CSV.encode(), content_type="text/csv")
    response = client.post(
        reverse("content_import_places"), {"site": demo_ward.pk, "file": upload}, follow=True
    )
    assert response.status_code == 200
    assert "Đã nhập danh sách: 1 mới, 1 cập nhật, 0 không đổi." in response.content.decode()
    assert Place.objects.filter(site=demo_ward).count() == 80


def test_admin_import_shows_row_errors_and_keeps_the_list(client, demo_ward, django_user_model):
    client.force_login(_user(django_user_model, PORTAL_ADMINS))
    upload = SimpleUploadedFile("sai.csv", b"ma,ten\n,Thieu ma\n", content_type="text/csv")
    response = client.post(reverse("content_import_places"), {"site": demo_ward.pk, "file": upload})
    assert response.status_code == 200
    assert "Dòng 2: thiếu mã." in response.content.decode()
    assert Place.objects.filter(site=demo_ward).count() == 79


def test_specialists_cannot_import_places(client, demo_ward, django_user_model):
    client.force_login(_user(django_user_model, SPECIALISTS))
    upload = SimpleUploadedFile("to-dan-pho.csv", CSV.encode(), content_type="text/csv")
    response = client.post(reverse("content_import_places"), {"site": demo_ward.pk, "file": upload})
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert Place.objects.filter(site=demo_ward).count() == 79


def test_a_portal_admin_of_another_ward_cannot_import_into_this_one(client, second_ward):
    from tests.workflow_helpers import user

    demo = Site.objects.get(is_default_site=True)
    client.force_login(user("b-quantri"))
    page = client.get(reverse("content_import_places")).content.decode()
    assert f'value="{second_ward.pk}"' in page and f'value="{demo.pk}"' not in page
    upload = SimpleUploadedFile("to-dan-pho.csv", CSV.encode(), content_type="text/csv")
    response = client.post(reverse("content_import_places"), {"site": demo.pk, "file": upload})
    assert response.status_code == 200
    assert Place.objects.filter(site=demo).count() == 79
    # Nor add one to it by hand.
    add = reverse("wagtailsnippets_content_place:add")
    assert f'value="{demo.pk}"' not in client.get(add).content.decode()
    data = {
        "code": "tdp-99",
        "name": "Tổ dân phố số 99",
        "kind": Place.Kind.RESIDENTIAL_GROUP,
        "sort_order": 1,
        "is_active": "on",
    }
    client.post(add, {**data, "site": demo.pk})
    assert not Place.objects.filter(code="tdp-99").exists()
    assert client.post(add, {**data, "site": second_ward.pk}).status_code == 302
    assert Place.objects.get(code="tdp-99").site == second_ward


def test_places_are_listed_in_the_admin(client, demo_ward, django_user_model):
    client.force_login(_user(django_user_model, PORTAL_ADMINS))
    response = client.get(reverse("wagtailsnippets_content_place:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tổ dân phố số 1<" in html
    assert "Nhập từ CSV" in html


def test_codes_keep_the_d_of_vietnamese_and_long_areas_are_refused(demo_ward):
    import_places(demo_ward, "ma,ten\nĐội 1,Thôn Đội 1\n".encode())
    assert Place.objects.filter(site=demo_ward, code="doi-1").exists()
    with pytest.raises(PlaceImportError) as refused:
        import_places(demo_ward, f"ma,ten,khu_vuc\nx,Thôn X,{'a' * 121}\n".encode())
    assert refused.value.errors == ["Dòng 2: khu vực dài quá 120 ký tự."]
