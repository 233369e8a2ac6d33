package com.memorylayer.launcher;

import java.util.concurrent.CountDownLatch;

/**
 * {@code ./memorylayer up}: the whole platform on embedded defaults. Prints the lines a user or a script needs —
 * {@code MEMORYLAYER_URL}, {@code MEMORYLAYER_WORKSPACE}, {@code MEMORYLAYER_API_KEY}, then
 * {@code MEMORYLAYER_READY} — and runs until SIGINT or SIGTERM, when it stops everything in order.
 */
public final class MemorylayerLauncher {

    private MemorylayerLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "up" : args[0];
        if (!command.equals("up")) {
            System.err.println("usage: memorylayer up");
            System.exit(2);
        }
        PlatformSettings settings = PlatformSettings.fromEnvironment();
        Platform platform;
        try {
            platform = Platform.start(settings);
        } catch (RuntimeException e) {
            System.err.println("memorylayer: the platform did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            System.out.println("MEMORYLAYER_STOPPED");
            System.out.flush();
            stopped.countDown();
        }, "memorylayer-shutdown"));
        System.out.println("MEMORYLAYER_URL=" + platform.gatewayUrl());
        System.out.println("MEMORYLAYER_WORKSPACE=" + platform.bootstrap().slug());
        System.out.println("MEMORYLAYER_API_KEY=" + platform.bootstrap().apiKey());
        System.out.println("MEMORYLAYER_READY");
        System.out.flush();
        stopped.await();
    }
}
