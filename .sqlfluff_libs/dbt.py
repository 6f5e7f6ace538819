"""Stand-ins for dbt's cross-database macros (dbt.datediff, ...) so that sqlfluff's
jinja templater can render the models without a database (see .sqlfluff)."""


def datediff(first_date, second_date, datepart):
    return f"datediff('{datepart}', {first_date}, {second_date})"


def dateadd(datepart, interval, from_date_or_timestamp):
    return f"({from_date_or_timestamp} + interval ({interval}) {datepart})"


def date_trunc(datepart, date):
    return f"date_trunc('{datepart}', {date})"


def last_day(date, datepart):
    return f"last_day({date})"


def safe_cast(field, type):  # noqa: A002
    return f"try_cast({field} as {type})"


def cast(field, type):  # noqa: A002
    return f"cast({field} as {type})"


def string_literal(value):
    return "'" + str(value).replace("'", "''") + "'"


def concat(fields):
    return "concat(" + ", ".join(fields) + ")"


def type_numeric():
    return "numeric(28, 6)"


def type_string():
    return "varchar"


def type_int():
    return "integer"


def type_bigint():
    return "bigint"


def type_float():
    return "double"


def type_timestamp():
    return "timestamp"


def type_boolean():
    return "boolean"


def current_timestamp():
    return "current_timestamp"


def hash(field):  # noqa: A001
    return f"md5(cast({field} as varchar))"


def split_part(string_text, delimiter_text, part_number):
    return f"split_part({string_text}, {delimiter_text}, {part_number})"


def listagg(measure, delimiter_text="','", order_by_clause=None, limit_num=None):
    return f"string_agg({measure}, {delimiter_text})"


def bool_or(expression):
    return f"bool_or({expression})"


def any_value(expression):
    return f"any_value({expression})"


def position(substring_text, string_text):
    return f"position({substring_text} in {string_text})"


def replace(field, old_chars, new_chars):
    return f"replace({field}, {old_chars}, {new_chars})"


def right(string_text, length_expression):
    return f"right({string_text}, {length_expression})"


def length(expression):
    return f"length({expression})"


def escape_single_quotes(expression):
    return str(expression).replace("'", "''")
