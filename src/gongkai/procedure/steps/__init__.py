"""The steps of the procedure, one module for each stage of a case; each step checks what depends
on dates and on the case's history and returns the new state, a summary and warnings.

:func:`gongkai.procedure.workflow.transition` dispatches each event to its step (by the event's
type) after checking the phase allows it.
"""
