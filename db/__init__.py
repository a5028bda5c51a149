"""Storage: tables, migrations, sessions and the query functions of each aggregate."""
