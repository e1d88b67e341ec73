"""The publishing commands of `yiting` (publish, qr, serve); registered by `yiting.cli`."""

from __future__ import annotations

import click

commands: list[click.Command] = []
