package com.memorylayer.bench;

import com.memorylayer.bench.locomo.LocomoBenchmark;
import java.nio.file.Path;

/**
 * Benchmarks, each printing its figures and the command that produced them. Not part of the product or the test
 * suite; see {@code docs/benchmarks.md}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "help" : args[0];
        switch (which) {
            case "locomo" -> LocomoBenchmark.run(Path.of(args.length > 1 ? args[1] : "../shared/bench/locomo"));
            default -> {
                System.err.println("usage: bench locomo [LOCOMO_DIR]");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
