{#-
    The columns are unique together in the model; a null counts as a value (two
    rows with the same month and a null rep_id are a duplicate). Model-level test:
        data_tests:
          - unique_key:
              arguments:
                columns: [month, rep_id]
-#}
{% test unique_key(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as duplicates
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
