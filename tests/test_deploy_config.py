"""docker-compose.yml runs the same commands as the Makefile and gives production what it needs."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
MAKEFILE = (ROOT / "Makefile").read_text()
APP_SERVICES = {
    "migrate": "manage.py migrate",
    "web": "gunicorn",
    "worker": "celery",
    "beat": "celery",
}


def make_recipe(target):
    match = re.search(rf"^{target}:[^\n]*\n((?:\t[^\n]*\n)+)", MAKEFILE, re.M)
    assert match, f"Makefile has no target {target!r}"
    return match.group(1)


@pytest.mark.parametrize(("service", "program"), APP_SERVICES.items())
def test_each_app_service_runs_the_makefile_target_of_its_name(service, program):
    assert COMPOSE["services"][service]["command"] == ["make", service]
    assert program in make_recipe(service)


def test_worker_and_beat_run_the_celery_processes_they_are_named_after():
    assert "celery --app portal worker" in make_recipe("worker")
    assert "celery --app portal beat" in make_recipe("beat")


def test_the_caching_front_is_the_only_published_port():
    published = {
        name: service["ports"]
        for name, service in COMPOSE["services"].items()
        if service.get("ports")
    }
    assert list(published) == ["front"]
    assert published["front"] == ["${FRONT_PORT:-80}:8080"]  # the purge port (8081) is not
    assert COMPOSE["services"]["front"]["command"] == ["make", "front"]
    assert "bin/stack.py front" in make_recipe("front")


def test_postgres_and_redis_have_health_checks_the_app_waits_for():
    for name in ("postgres", "redis"):
        assert "healthcheck" in COMPOSE["services"][name]
    for name in APP_SERVICES:
        depends = COMPOSE["services"][name]["depends_on"]
        if name == "migrate":
            assert depends["postgres"]["condition"] == "service_healthy"
        else:
            assert depends["migrate"]["condition"] == "service_completed_successfully"


def test_compose_supplies_every_value_production_requires():
    production = (ROOT / "portal/settings/production.py").read_text()
    required = set(re.findall(r'require\("([A-Z_]+)"\)', production))
    required |= {"DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"}
    env_example = (ROOT / ".env.example").read_text()
    for name in APP_SERVICES:
        environment = COMPOSE["services"][name]["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
        for variable in required:
            assert variable in environment or re.search(rf"^{variable}=", env_example, re.M), (
                f"{variable} is neither set for {name} nor in .env.example"
            )


def test_data_lives_in_named_volumes():
    assert {"pgdata", "media"} <= set(COMPOSE["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in COMPOSE["services"]["postgres"]["volumes"]


def test_row_19_the_front_reads_from_disk_only_static_files_and_image_renditions():
    """The front's configuration names no folder but STATIC_ROOT and MEDIA_ROOT/images/ (not
    original images, documents or citizens' photos), and it cannot write the uploads."""
    config = (ROOT / "deploy" / "nginx.conf.in").read_text()
    folders = re.findall(r"^\s*(?:alias|root)\s+(\S+);", config, re.M)
    assert sorted(folders) == ["${MEDIA_ROOT}/images/", "${STATIC_ROOT}/"]
    assert re.search(r"location \^~ /media/ \{\s*return 404;", config)
    front = COMPOSE["services"]["front"]
    assert "FEEDBACK_PHOTO_ROOT" not in front["environment"]
    mounts = [volume for volume in front["volumes"] if volume.startswith(("media:", "static:"))]
    assert mounts and all(volume.endswith(":ro") for volume in mounts)
