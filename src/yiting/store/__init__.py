"""The only code that speaks SQL: schema, migrations, the event log, reads, backups."""
