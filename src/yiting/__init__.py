"""yiting (议亭): run neighbourhood meetings offline and publish minutes residents can trust."""

__version__ = "0.1.0"
