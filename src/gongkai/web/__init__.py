"""The disclosure office web application (Django). It imports the pure cores
(``gongkai.report``, ``gongkai.procedure``); they never import it."""
