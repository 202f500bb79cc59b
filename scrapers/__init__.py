"""Sources, guarded HTTP fetching and article extraction. Imports only core models."""
