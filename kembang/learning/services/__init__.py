"""Use cases of coaching, mentoring and self-study: programs, sessions, JP, evaluations."""
