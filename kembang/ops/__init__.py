"""Operations: backup and restore, and what a server administrator runs."""
