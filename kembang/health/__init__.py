"""`/sehat/`: whether the app, its database and its task worker are alive (no models)."""
