"""Telegram front end of the plan bot (python-telegram-bot v22) and its console twin.

Only this package imports ``telegram``; the engine and the other core modules never do.
Entry points: ``bot.telegram.app.run(settings)`` and ``bot.telegram.console.run_console(engine)``.
"""
