"""``gongkai-web apitoken USERNAME [--label …]``: a bearer token for the HTTP API, printed once
(only its hash is stored)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.web.agencies.services import create_api_token


class Command(BaseCommand):
    help = "Create an API token for a staff member and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--label", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户 {options['username']}")
        self.stdout.write(create_api_token(user, options["label"]))
