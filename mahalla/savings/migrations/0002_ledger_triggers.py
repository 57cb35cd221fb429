"""The ledger's rules kept by PostgreSQL itself, so that no code path and no direct SQL can
break them: posted transactions and entries are never updated or deleted, each transaction's
entries balance per currency (checked at commit by a deferred constraint trigger, as
django-hordak does), and nothing is posted on or before the day the group's books were
closed. (TRUNCATE stays possible: it is how a test database is emptied, and only the
database owner may run it.) SQLite has no deferred triggers; there the posting service checks the same."""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION savings_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'mahalla: % of the ledger is append-only (%): post a reversal instead',
        TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation';
END $$ LANGUAGE plpgsql;

CREATE TRIGGER savings_transaction_append_only
    BEFORE UPDATE OR DELETE ON savings_transaction
    FOR EACH ROW EXECUTE FUNCTION savings_append_only();
CREATE TRIGGER savings_entry_append_only
    BEFORE UPDATE OR DELETE ON savings_entry
    FOR EACH ROW EXECUTE FUNCTION savings_append_only();

CREATE FUNCTION savings_entries_balance() RETURNS trigger AS $$
DECLARE
    unbalanced record;
BEGIN
    SELECT currency, SUM(amount) AS total INTO unbalanced
      FROM savings_entry WHERE transaction_id = NEW.transaction_id
     GROUP BY currency HAVING SUM(amount) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'mahalla: transaction % does not balance in % (off by %)',
            NEW.transaction_id, unbalanced.currency, unbalanced.total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER savings_entry_balanced
    AFTER INSERT ON savings_entry DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION savings_entries_balance();

CREATE FUNCTION savings_open_period() RETURNS trigger AS $$
DECLARE
    closed date;
BEGIN
    SELECT closed_through INTO closed FROM savings_savingsgroup WHERE id = NEW.group_id;
    IF closed IS NOT NULL AND NEW.value_date <= closed THEN
        RAISE EXCEPTION 'mahalla: the books are closed through %; % cannot be posted',
            closed, NEW.value_date USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER savings_transaction_open_period
    BEFORE INSERT ON savings_transaction
    FOR EACH ROW EXECUTE FUNCTION savings_open_period();
"""

BACKWARD = r"""
DROP TRIGGER IF EXISTS savings_transaction_open_period ON savings_transaction;
DROP FUNCTION IF EXISTS savings_open_period();
DROP TRIGGER IF EXISTS savings_entry_balanced ON savings_entry;
DROP FUNCTION IF EXISTS savings_entries_balance();
DROP TRIGGER IF EXISTS savings_entry_append_only ON savings_entry;
DROP TRIGGER IF EXISTS savings_transaction_append_only ON savings_transaction;
DROP FUNCTION IF EXISTS savings_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("savings", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
