import json

from django.core.management.base import BaseCommand, CommandError

from masthead.quotes import evaluate


class Command(BaseCommand):
    help = (
        "Score the quote extractor on a JSONL file of "
        '{"text": ..., "quotes": [{"quote": ..., "speaker": ...}]} records.'
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="annotated articles, one JSON object per line")
        parser.add_argument("--errors", action="store_true", help="list every miss")

    def handle(self, *args, file, errors=False, **options):
        records = self.read(file)
        self.stdout.write(evaluate.format_report(evaluate.evaluate(records), show_errors=errors))

    def read(self, path):
        try:
            records = evaluate.load_jsonl(path)
        except OSError as err:
            raise CommandError(f"Cannot read {path}: {err.strerror or err}.") from err
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise CommandError(f"{path} is not JSON Lines: {err}.") from err
        for number, record in enumerate(records, start=1):
            if not (
                isinstance(record, dict) and isinstance(record.get("text"), str)
                and isinstance(record.get("quotes"), list)
                and all(isinstance(q, dict) and isinstance(q.get("quote"), str)
                        for q in record["quotes"])
            ):
                raise CommandError(
                    f"Record {number} of {path} needs a \"text\" string and a \"quotes\" "
                    'list of {"quote": ..., "speaker": ...} objects.'
                )
        if not records:
            raise CommandError(f"{path} holds no records.")
        return records
