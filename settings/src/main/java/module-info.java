/** Switchboard's {@link dev.switchboard.api.Settings} over Typesafe Config (HOCON). */
module dev.switchboard.settings {
    requires transitive dev.switchboard.api;
    requires transitive typesafe.config;

    exports dev.switchboard.settings;
}
