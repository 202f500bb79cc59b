"""ClaimWatch: reads figures and attributed statements out of news and tells chats what changed."""

__version__ = "0.1.0"
