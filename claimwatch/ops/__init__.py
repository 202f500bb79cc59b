"""What operators run it with: ``claimwatch health`` (:mod:`.health`), the ``/healthz`` and
``/metrics`` endpoint of ``claimwatch run`` (:mod:`.httpd`, :mod:`.metrics`), ``claimwatch backup``
(:mod:`.backup`) and the small facts a running instance notes for them (:mod:`.meta`).

Core code: nothing here imports ``bot`` or ``scrapers``, and ``prometheus_client`` is imported
only when metrics are switched on (``[ops] listen``).
"""
