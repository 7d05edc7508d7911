"""A background task whose worker was killed mid-run does not stay RUNNING for ever."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsroom import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def killed_mid_run(minutes_ago, attempts):
    result = tasks.make_renditions.enqueue("library/2026/12/a.jpg", 640)
    task = DBTaskResult.objects.get(pk=result.id)
    task.status = TaskResultStatus.RUNNING
    task.started_at = timezone.now() - timedelta(minutes=minutes_ago)
    task.worker_ids = [f"worker-{n}" for n in range(attempts)]
    task.save()
    return task


def test_a_task_whose_worker_died_is_queued_again(database_queue):
    stalled = killed_mid_run(minutes_ago=30, attempts=1)
    running = killed_mid_run(minutes_ago=2, attempts=1)  # still working: left alone
    summary = call_command("requeue_stalled_tasks", stdout=StringIO())
    assert "重新排队 1 个" in summary
    assert DBTaskResult.objects.get(pk=stalled.pk).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=running.pk).status == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.ready().filter(pk=stalled.pk).exists()  # a worker will pick it up


def test_a_task_that_kills_every_worker_is_marked_failed(database_queue):
    poisonous = killed_mid_run(minutes_ago=30, attempts=3)
    call_command("requeue_stalled_tasks", stdout=StringIO())
    task = DBTaskResult.objects.get(pk=poisonous.pk)
    assert task.status == TaskResultStatus.FAILED and "StalledTask" in task.exception_class_path
