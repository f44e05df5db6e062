"""Incident playbooks (issue 6): 炎上, なりすまし and 乗っ取り of an official account.

``/sns-incident`` opens an incident (or joins the one already open), freezes the account, tells the PR and
infosec channels, and runs the organisation's playbook as a checklist in the incident thread; closing it
unfreezes the account and posts the Markdown report.

- ``playbooks`` (+ playbooks.yml): the steps per type, quoting the guideline clauses per policy
- ``handles``: how close an impersonating handle is to the official ones
- ``service``: the domain (open/join, steps, timeline, close), one unit of work per call
- ``slack``: the Slack flows the listeners in handlers/ call; ``blocks`` and ``texts``: what they show
- ``report``: the Markdown report; ``cli``: ``incidents export`` / ``incidents list``
- ``followup``: the ``incident-followup`` job
- ``models``: the incident tables beside ``storage.models.Incident`` (migration: migration_draft.py.txt)

For the drafts flow: ``service.freeze_reason(session=, account_id=, tz=)`` says in Japanese why a frozen
account cannot approve, with a link to the incident thread.
"""
