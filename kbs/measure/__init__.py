"""Measuring the assistant: NLU quality (`kbs eval pipelines`) and speed under load (`kbs bench`).

Plain modules (statistics, targets, reports, results history, conversation scripts) that
the two commands put together; README.md, "Measuring", says how to run them.
"""
