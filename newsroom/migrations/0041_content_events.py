"""Content review gets a trail (ContentEvent), as articles have AuditEntry: every existing
change becomes its proposal, the step approvals it kept in a JSON list, and its decision; the
list goes, since the round's approvals are read from the trail from now on."""

from django.utils.dateparse import parse_datetime

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


PROPOSED = {"create": "propose_create", "update": "propose_update", "delete": "propose_delete"}


def trail_from_changes(apps, schema_editor):
    ContentChange = apps.get_model("newsroom", "ContentChange")
    ContentEvent = apps.get_model("newsroom", "ContentEvent")
    users = set(apps.get_model(*settings.AUTH_USER_MODEL.split(".")).objects.values_list("pk", flat=True))
    rows = []
    for change in ContentChange.objects.order_by("created_at", "id").iterator():
        common = {
            "change_id": change.pk,
            "content_type_id": change.content_type_id,
            "object_id": change.object_id,
            "object_repr": change.object_repr,
        }
        rows.append(
            ContentEvent(
                **common,
                action=PROPOSED[change.kind],
                actor_id=change.created_by_id,
                created_at=change.created_at,
                to_status="pending",
            )
        )
        for approval in change.approvals or []:
            rows.append(
                ContentEvent(
                    **common,
                    action="approve",
                    actor_id=approval.get("user") if approval.get("user") in users else None,
                    created_at=parse_datetime(approval.get("at") or "") or change.updated_at,
                    from_status="pending",
                    to_status="pending",
                    step=approval.get("step"),
                    opinion=approval.get("opinion") or "",
                )
            )
        if change.status in ("approved", "rejected"):
            rows.append(
                ContentEvent(
                    **common,
                    action="apply" if change.status == "approved" else "reject",
                    actor_id=change.decided_by_id,
                    created_at=change.decided_at or change.updated_at,
                    from_status="pending",
                    to_status=change.status,
                    step=change.review_total if change.status == "approved" else change.review_step,
                    opinion=change.opinion,
                )
            )
    ContentEvent.objects.bulk_create(rows, batch_size=500)


def changes_from_trail(apps, schema_editor):
    """Back: the pending changes' approvals of the round under way return to their list."""
    ContentChange = apps.get_model("newsroom", "ContentChange")
    ContentEvent = apps.get_model("newsroom", "ContentEvent")
    for change in ContentChange.objects.filter(status="pending"):
        events = ContentEvent.objects.filter(change_id=change.pk).order_by("id")
        since = events.filter(action__in=PROPOSED.values()).values_list("id", flat=True).last() or 0
        change.approvals = [
            {"user": e.actor_id, "step": e.step, "at": e.created_at.isoformat(), "opinion": e.opinion}
            for e in events.filter(action="approve", id__gt=since)
        ]
        change.save(update_fields=["approvals"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0040_person_is_live"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("from_status", models.CharField(blank=True, max_length=20, verbose_name="原状态")),
                ("to_status", models.CharField(blank=True, max_length=20, verbose_name="新状态")),
                (
                    "created_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="时间"),
                ),
                ("object_id", models.PositiveBigIntegerField(verbose_name="对象编号")),
                ("object_repr", models.CharField(max_length=200, verbose_name="对象")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("propose_create", "提交新建"),
                            ("propose_update", "提交修改"),
                            ("propose_delete", "提交删除"),
                            ("approve", "审核通过"),
                            ("apply", "终审通过并生效"),
                            ("reject", "退回"),
                            ("discard", "审核前删除"),
                        ],
                        max_length=40,
                        verbose_name="操作",
                    ),
                ),
                ("step", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="审核步骤")),
                ("opinion", models.TextField(blank=True, verbose_name="意见/理由")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="操作人",
                    ),
                ),
                (
                    "change",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="events",
                        to="newsroom.contentchange",
                        verbose_name="内容审核",
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="contenttypes.contenttype",
                        verbose_name="内容类型",
                    ),
                ),
            ],
            options={
                "verbose_name": "内容审核记录",
                "verbose_name_plural": "内容审核记录",
                "ordering": ["created_at", "id"],
                "abstract": False,
                "indexes": [models.Index(fields=["content_type", "object_id"], name="newsroom_co_content_ac6ee2_idx")],
            },
        ),
        migrations.RunPython(trail_from_changes, changes_from_trail),
        migrations.RemoveField(
            model_name="contentchange",
            name="approvals",
        ),
    ]
