// The built-in rule pack (the files under rules/) is embedded by the EmbedResources plugin as EmbeddedRulePack.
