package com.memorylayer.launcher;

/** The bootstrap workspace's slug and the clear form of its key. */
public record BootstrapCredentials(String slug, String apiKey) {
}
